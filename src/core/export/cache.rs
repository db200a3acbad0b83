//! ElastiCache in the export: each `elasticache` node becomes a call of
//! `modules/elasticache` in its region's root, its applications' roles may
//! connect to it (a policy in the `iam` stack), and the region outputs it.
//!
//! How applications authenticate: IAM authentication. The group admits only
//! the users of its own user group: an IAM-enabled user the applications of
//! its VPC connect as, with a token their role signs, and a `default` user
//! that is switched off. No password exists, so none is in the files or the
//! state (an AUTH token would be: hashicorp/aws 5.100 has no write-only
//! `auth_token`). Who may connect: the applications (Auto Scaling groups) of
//! the cache's own VPC, on 6379; not across a peering (see `flows`).

use super::hcl::{call, ex, obj, record, s, HclError, B};
use super::region::{display, state_label};
use crate::core::model::{Design, Elasticache, Region, Vpc, VpcNode};
use crate::core::names;
use hcl::Expression;

/// The identifiers AWS sees for one cache, derived from the design in one
/// place so the region root and the `iam` stack never disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheIds {
    /// The replication group id (ElastiCache stores it lowercased).
    pub group: String,
    /// The IAM-enabled user the applications connect as (id = name).
    pub app_user: String,
    /// The id of the group's switched-off `default` user.
    pub default_user: String,
    /// The user group id.
    pub user_group: String,
}

/// The identifiers of cache `c`. User and user group ids allow letters,
/// digits and `-` only; anything else in the name becomes `-`.
pub fn ids(design: &Design, c: &Elasticache) -> CacheIds {
    let group = names::regional(design, &c.name).to_lowercase();
    let base: String = group
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect();
    CacheIds {
        app_user: format!("{base}-app"),
        default_user: format!("{base}-default"),
        user_group: format!("{base}-users"),
        group,
    }
}

/// The module label of a cache (`elasticache_<id>`).
pub fn label(c: &Elasticache) -> String {
    format!("elasticache_{}", c.id)
}

/// The caches of a VPC.
fn caches(vpc: &Vpc) -> impl Iterator<Item = &Elasticache> {
    vpc.nodes.iter().filter_map(|n| match n {
        VpcNode::Elasticache(c) => Some(c),
        _ => None,
    })
}

/// The module call of cache `c` in the VPC whose network module is `vm`.
/// `app_sgs` are the security groups of the VPC's applications by design id
/// (the same map the databases take). `root` is the path to the export's top.
pub fn module(
    design: &Design,
    c: &Elasticache,
    vm: &str,
    subnets: Expression,
    app_sgs: Expression,
    root: &str,
) -> Result<B, HclError> {
    let ids = ids(design, c);
    let b = B::new("module", &[&label(c)]);
    // The design asks for a cache without automatic failover.
    let b = if c.multi_az {
        b
    } else {
        b.skip("CKV2_AWS_50", "The design runs this cache without Multi-AZ automatic failover (multi_az off); a cache refills from the database, so losing its node loses only warmth.")
    };
    Ok(b.a("source", s(&format!("{root}/modules/elasticache")))
        .a("replication_group_id", s(&ids.group))
        .a("engine", s(c.engine.as_str()))
        .a("engine_version", s(&c.engine_version))
        .a("node_type", s(&c.node_type))
        .a("nodes", super::hcl::n(c.nodes))
        .a("multi_az", c.multi_az.into())
        .a("app_user_id", s(&ids.app_user))
        .a("default_user_id", s(&ids.default_user))
        .a("user_group_id", s(&ids.user_group))
        .a("vpc_id", ex(&format!("module.{vm}.vpc_id"))?)
        .a("subnet_ids", subnets)
        .a("app_security_groups", app_sgs)
        .a("tags", display(&c.name)))
}

/// `output "caches"`: by design id, what an application needs to connect.
pub fn output(region: &Region) -> Result<B, HclError> {
    let mut entries = Vec::new();
    for c in region.vpcs.iter().flat_map(caches) {
        let mm = label(c);
        let field = |f: &str| ex(&format!("module.{mm}.{f}"));
        entries.push((
            c.id.clone(),
            record([
                ("replication_group_id", field("replication_group_id")?),
                ("primary_endpoint", field("primary_endpoint")?),
                ("reader_endpoint", field("reader_endpoint")?),
                ("port", field("port")?),
                ("user", field("user")?),
            ]),
        ));
    }
    Ok(B::new("output", &["caches"])
        .a("description", s("Caches by design id: replication group id, endpoints, port (TLS) and the user applications connect as with an IAM authentication token."))
        .a("value", obj(entries)))
}

/// One application's right to connect to the caches of its VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectGrant {
    /// The label of the application's role in the `iam` stack
    /// (`<group id>_<region label>`, as `iam::identities` names it).
    pub role_label: String,
    /// The region of the application and its caches.
    pub region: String,
    /// The identifiers of each cache it may connect to.
    pub caches: Vec<CacheIds>,
}

/// The identifiers of the caches of `vpc`: what an application of that VPC
/// may connect to (an ECS task role gets the same grant as a group's role).
pub fn vpc_caches(design: &Design, vpc: &Vpc) -> Vec<CacheIds> {
    caches(vpc).map(|c| ids(design, c)).collect()
}

/// Every Auto Scaling group and ECS service (its task role) that shares a
/// VPC with at least one cache.
pub fn connect_grants(design: &Design) -> Vec<ConnectGrant> {
    let mut out = Vec::new();
    for r in &design.regions {
        for v in &r.vpcs {
            let ids = vpc_caches(design, v);
            if ids.is_empty() {
                continue;
            }
            for n in &v.nodes {
                let role_label = match n {
                    VpcNode::Asg(g) => format!("{}_{}", g.id, state_label(&r.code)),
                    VpcNode::Ecs(e) => super::ecs::role_label(&e.id, &r.code, "task"),
                    _ => continue,
                };
                out.push(ConnectGrant {
                    role_label,
                    region: r.code.clone(),
                    caches: ids.clone(),
                });
            }
        }
    }
    out
}

/// The policy document granting `elasticache:Connect` on `caches` (in
/// `region`) and on the user each is connected as; the ARNs are built from
/// `data.aws_caller_identity.current`, which the `iam` stack declares.
pub fn connect_policy_document(region: &str, caches: &[CacheIds]) -> Result<Expression, HclError> {
    let mut resources = Vec::new();
    for c in caches {
        for arn in [
            format!(
                "arn:aws:elasticache:{region}:%s:replicationgroup:{}",
                c.group
            ),
            format!("arn:aws:elasticache:{region}:%s:user:{}", c.app_user),
        ] {
            resources.push(call(
                "format",
                vec![s(&arn), ex("data.aws_caller_identity.current.account_id")?],
            ));
        }
    }
    Ok(call(
        "jsonencode",
        vec![record([
            ("Version", s("2012-10-17")),
            (
                "Statement",
                Expression::Array(vec![record([
                    ("Sid", s("ConnectToCaches")),
                    ("Effect", s("Allow")),
                    ("Action", s("elasticache:Connect")),
                    ("Resource", Expression::Array(resources)),
                ])]),
            ),
        ])],
    ))
}

/// An `elasticache-connect` policy on every group role that has caches
/// beside it (in the `iam` stack).
pub fn connect_policies(design: &Design) -> Result<Vec<B>, HclError> {
    connect_grants(design)
        .into_iter()
        .map(|g| {
            Ok(B::new(
                "resource",
                &["aws_iam_role_policy", &format!("{}_caches", g.role_label)],
            )
            .a("name", s("elasticache-connect"))
            .a("role", ex(&format!("aws_iam_role.{}.id", g.role_label))?)
            .a("policy", connect_policy_document(&g.region, &g.caches)?))
        })
        .collect()
}

/// Refuses a Redis OSS cache older than 7.0, naming it: IAM authentication,
/// the only way the export lets clients in, needs Redis OSS 7.0 or later
/// (Valkey: 7.2, the oldest Valkey CACHE-06 accepts). Without this the files
/// would fail at apply, when ElastiCache refuses the user group.
pub fn without_iam_auth(design: &Design) -> Result<(), super::ExportError> {
    for r in &design.regions {
        for c in r.vpcs.iter().flat_map(caches) {
            let major = c
                .engine_version
                .trim()
                .split('.')
                .next()
                .and_then(|m| m.parse::<u32>().ok());
            if c.engine == crate::core::model::CacheEngine::Redis && major.is_some_and(|m| m < 7) {
                return Err(super::ExportError::Unsupported(format!(
                    "cache `{}` in {}: Redis OSS {} cannot use IAM authentication, the only way this export lets clients in (it needs 7.0 or later, so no password ever sits in the files or the state); choose engine version 7.0 or later, or Valkey",
                    c.name, r.code, c.engine_version
                )));
            }
        }
    }
    Ok(())
}

/// The README's section on caches, or nothing for a design without any.
pub fn readme_section(design: &Design) -> String {
    let any = design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter())
        .any(|v| caches(v).next().is_some());
    if !any {
        return String::new();
    }
    "## Caches\n\n\
     Each cache is a replication group in its own region, encrypted at rest with a key of its own and in transit (TLS required), reachable on port 6379 from the applications of its VPC only. It is never replicated to another region: after a failover the DR region's cache starts empty and warms from the database.\n\n\
     Applications authenticate with IAM, so no password exists anywhere (not in these files, not in the state). A region's `caches` output gives, per cache, the `primary_endpoint`, `port`, `replication_group_id` and `user`. An application's role (the `iam/` stack grants it `elasticache:Connect` on the caches of its VPC) signs a SigV4 token for `http://<replication_group_id>/?Action=connect&User=<user>` (service `elasticache`, the cache's region, valid 15 minutes; the AWS SDKs' presigners do it) and connects with TLS, sending `AUTH <user> <token>`. A connection lives at most 12 hours; clients reconnect with a fresh token. The group's `default` user is switched off.\n\n"
        .to_string()
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
