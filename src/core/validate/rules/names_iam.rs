//! Names and IAM: generated names that collide in their AWS namespace, and
//! IAM role names, which are global to the account.

use super::names_check::iam_role_problem;
use super::util::repeated;
use crate::core::model::{RegionNode, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::NamesIam, Report, Rule, Severity::*};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("IAM-03", "The exporter writes the trust policies (ec2.amazonaws.com, s3.amazonaws.com) itself; the design has no IAM."),
    ("KMS-01", "The exporter creates a KMS key in the region of each store it encrypts (database, bucket, table and replica, flow logs) and uses it only there; the design has no KMS keys."),
    ("KMS-02", "Info only; the exporter uses single-region keys, one per store and region."),
    ("KMS-03", "The exporter sets a 30-day deletion window and region-local aliases; the design has no KMS settings."),
    ("KMS-04", "The exporter enables key rotation on every key it creates."),
];

/// The names and IAM family.
pub const RULES: &[Rule] = &[
    rule("IAM-01", Error, NamesIam, "IAM role names must be unique in the account, across regions.",
        "IAM names are global to the account and case-insensitive; the second region creating the same role fails with EntityAlreadyExists.",
        "Give the objects different names; the export already adds the region code to role names.", iam_01),
    rule("IAM-02", Error, NamesIam, "IAM role names must be 1-64 characters of letters, digits and +=,.@_-.",
        "CreateRole rejects other names; the export derives role names from project, environment, object name and region.",
        "Shorten or rename the object, project or environment.", iam_02),
    rule("NAME-01", Error, NamesIam, "Generated names must not collide in their AWS namespace.",
        "Load balancers, target groups, auto-scaling groups, DB identifiers and DynamoDB tables are unique per region; S3 buckets across all of AWS. RDS and Aurora share DB instance identifiers and subnet group names: an Aurora cluster's instances are <cluster>-0, -1, ... and its subnet group is named like the cluster.",
        "Rename one of the colliding objects.", name_01),
];

/// Every IAM role the export creates: (role name, subject id, what the role
/// is for, which tells apart two roles of one object when their names are
/// shortened alike).
fn roles<'a>(ctx: &'a Ctx<'a>) -> Vec<(String, &'a str, &'static str)> {
    let d = ctx.design;
    let mut out = Vec::new();
    for r in &d.regions {
        // One flow-log role per region with VPCs; a problem is shown on its first VPC.
        if let Some(v) = r.vpcs.first() {
            out.push((
                names::flow_log_role(d, &r.code),
                v.id.as_str(),
                "flow-log role",
            ));
        }
        for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
            match n {
                VpcNode::Asg(a) => out.push((
                    names::instance_role(d, &a.name, &r.code),
                    a.id.as_str(),
                    "instance role",
                )),
                VpcNode::Ecs(e) => {
                    out.push((
                        names::ecs_execution_role(d, &e.name, &r.code),
                        e.id.as_str(),
                        "task execution role",
                    ));
                    out.push((
                        names::ecs_task_role(d, &e.name, &r.code),
                        e.id.as_str(),
                        "task role",
                    ));
                }
                _ => {}
            }
        }
        for n in &r.nodes {
            if let RegionNode::S3(b) = n {
                if b.replicate_to.is_some() {
                    out.push((
                        names::replication_role(d, &b.name, &r.code),
                        b.id.as_str(),
                        "replication role",
                    ));
                }
            }
        }
    }
    out
}

fn iam_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let names = roles(ctx)
        .into_iter()
        .map(|(mut name, id, _)| {
            name.make_ascii_lowercase();
            (name, id)
        })
        .collect();
    let mut clashes = repeated(names);
    clashes.sort();
    for (name, ids) in clashes {
        out.emit(
            &ids,
            format!(
                "{} objects would create the same IAM role \"{}\".",
                ids.len(),
                short(&name)
            ),
        );
    }
}

fn iam_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (name, id, what) in roles(ctx) {
        if let Some(p) = iam_role_problem(&name) {
            out.emit(
                &[id],
                format!(
                    "The IAM {what} \"{}\" that the export creates for {} {p}.",
                    short(&name),
                    ctx.name_of(id)
                ),
            );
        }
    }
}

/// (namespace, region, object name): what NAME-01 groups the ids that
/// would create a name by. Every
/// generated name is `project-environment-<object name>`, so object names
/// collide exactly when the generated names do; keying on them saves
/// building thousands of strings on large designs.
type Namespace<'a> = (&'static str, &'a str, &'a str);

/// Instances NAME-01 names per Aurora cluster: a writer and 15 readers at
/// most (AGD-02 reports more), so a huge count costs no time.
const MAX_AURORA_INSTANCES: u32 = 16;

fn name_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let d = ctx.design;
    let mut seen: Vec<(Namespace<'_>, &str)> = Vec::new();
    // DB instance and cache replication group identifiers are lowercased.
    let mut lower: Vec<(&'static str, String, &str, &str)> = Vec::new();
    let mut aurora: Vec<&str> = Vec::new();
    for r in &d.regions {
        for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
            let (name, id) = (n.name(), n.id());
            match n {
                VpcNode::Alb(_) => {
                    seen.push((("load balancer", &r.code, name), id));
                    seen.push((("target group", &r.code, name), id));
                }
                VpcNode::Asg(_) => seen.push((("auto-scaling group", &r.code, name), id)),
                VpcNode::Rds(_) => {
                    lower.push(("DB instance", name.to_ascii_lowercase(), &r.code, id));
                    lower.push(("DB subnet group", name.to_ascii_lowercase(), &r.code, id));
                }
                VpcNode::Ecs(e) => {
                    seen.push((("ECS service", &r.code, name), id));
                    // A service behind a load balancer has a target group of its own name.
                    if e.target.is_some() {
                        seen.push((("target group", &r.code, name), id));
                    }
                }
                VpcNode::Elasticache(_) => lower.push((
                    "cache replication group",
                    name.to_ascii_lowercase(),
                    &r.code,
                    id,
                )),
                // An Aurora cluster's instances (`<cluster>-0`, `-1`, ...) are
                // DB instances, and its subnet group is named like the cluster
                // (`project-env-name-region`), as an RDS instance's is named
                // like the instance: an RDS database named `<name>-<region>`
                // or `<name>-<region>-0` would take them. Clusters among
                // themselves are AGD-05's.
                VpcNode::Aurora(a) => {
                    let cluster = format!("{name}-{}", r.code).to_ascii_lowercase();
                    for i in 0..a.instances.min(MAX_AURORA_INSTANCES) {
                        lower.push(("DB instance", format!("{cluster}-{i}"), &r.code, id));
                    }
                    lower.push(("DB subnet group", cluster, &r.code, id));
                    aurora.push(id);
                }
            }
        }
        for n in &r.nodes {
            if let RegionNode::Dynamodb(t) = n {
                seen.push((("DynamoDB table", &r.code, &t.name), &t.id));
                for code in t.replicas.iter().filter(|c| **c != r.code) {
                    seen.push((("DynamoDB table", code, &t.name), &t.id));
                }
            }
            // S3-02 owns bucket-name uniqueness.
        }
    }
    let mut clashes: Vec<(String, String, String, Vec<&str>)> = repeated(seen)
        .into_iter()
        .map(|((space, region, name), ids)| {
            (
                space.to_string(),
                region.to_string(),
                names::regional(d, name),
                ids,
            )
        })
        .collect();
    lower.sort();
    for group in lower
        .chunk_by(|a, b| (a.0, &a.1, a.2) == (b.0, &b.1, b.2))
        .filter(|g| g.len() > 1)
        // Two RDS databases sharing a subnet group name share their
        // identifier too, reported once as a DB instance.
        .filter(|g| g[0].0 != "DB subnet group" || g.iter().any(|e| aurora.contains(&e.3)))
    {
        let ids = group.iter().map(|(_, _, _, id)| *id).collect();
        clashes.push((
            group[0].0.into(),
            group[0].2.to_string(),
            names::regional(d, &group[0].1),
            ids,
        ));
    }
    clashes.sort();
    for (space, region, name, mut ids) in clashes {
        ids.dedup();
        if ids.len() > 1 {
            out.emit(
                &ids,
                format!(
                    "{} objects would create the {space} \"{}\" in {}.",
                    ids.len(),
                    short(&name),
                    short(&region)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{RegionNode, VpcNode};

    #[test]
    fn iam_01_role_collision() {
        let good = base("active-passive");
        let mut bad = good.clone();
        let mut second = bad.regions[0].vpcs[0].clone();
        second.id = "use1-two".into();
        second.cidr = "10.5.0.0/16".into();
        second.subnets.clear();
        second.nodes.retain(|n| matches!(n, VpcNode::Asg(_)));
        if let VpcNode::Asg(a) = &mut second.nodes[0] {
            a.id = "use1-app2".into();
            a.subnets.clear();
            a.target = None;
        }
        bad.regions[0].vpcs.push(second);
        fires_and_not("IAM-01", &bad, "use1-app2", &good);
        fires_and_not("NAME-01", &bad, "use1-app2", &good);
    }

    #[test]
    fn iam_01_a_group_named_like_the_flow_log_role() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Asg(a) = &mut bad.regions[0].vpcs[0].nodes[1] {
            a.name = "vpc-flow-logs".into();
        }
        fires_and_not("IAM-01", &bad, "use1-app", &good);
    }

    #[test]
    fn iam_02_role_name_too_long() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Asg(a) = &mut bad.regions[0].vpcs[0].nodes[1] {
            a.name = "x".repeat(60);
        }
        fires_and_not("IAM-02", &bad, "use1-app", &good);
    }

    #[test]
    fn name_01_table_collides_with_a_replica() {
        let good = base("active-active");
        let mut bad = good.clone();
        let mut copy = bad.regions[0].nodes[0].clone();
        if let RegionNode::Dynamodb(t) = &mut copy {
            t.id = "euw1-sessions".into();
            t.replicas.clear();
        }
        bad.regions[1].nodes.push(copy);
        fires_and_not("NAME-01", &bad, "euw1-sessions", &good);
    }

    #[test]
    fn name_01_an_rds_database_named_like_an_aurora_cluster_in_its_region() {
        // Aurora cluster orders in us-east-1 runs media-prod-orders-us-east-1-0
        // and -1, in the subnet group media-prod-orders-us-east-1: DB instance
        // identifiers and subnet group names are shared with RDS.
        let good = base("aurora-global");
        let rds = base("active-passive")
            .regions
            .iter()
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .find(|n| matches!(n, VpcNode::Rds(_)))
            .cloned()
            .expect("active-passive has a database");
        let with = |name: &str| {
            let mut d = good.clone();
            let mut db = rds.clone();
            if let VpcNode::Rds(x) = &mut db {
                x.id = "use1-legacy".into();
                x.name = name.into();
                x.replica_of = None;
                x.subnets = d.regions[0].vpcs[0]
                    .nodes
                    .iter()
                    .find_map(|n| match n {
                        VpcNode::Aurora(a) => Some(a.subnets.clone()),
                        _ => None,
                    })
                    .unwrap();
            }
            d.regions[0].vpcs[0].nodes.push(db);
            d
        };
        for (name, space) in [
            ("orders-us-east-1-1", "DB instance"),
            ("orders-us-east-1", "DB subnet group"),
        ] {
            let bad = with(name);
            fires_and_not("NAME-01", &bad, "use1-legacy", &good);
            let hits = findings(&bad, "NAME-01");
            assert_eq!(hits.len(), 1, "{hits:?}");
            assert!(hits[0].message.contains(space), "{hits:?}");
            assert!(
                hits[0].message.contains(&format!("media-prod-{name}")),
                "{hits:?}"
            );
        }
        // The cluster runs two instances, -0 and -1: -2 is free, and so is
        // the same name in the other region.
        assert!(findings(&with("orders-us-east-1-2"), "NAME-01").is_empty());
        assert!(findings(&with("orders-eu-west-1-0"), "NAME-01").is_empty());
    }
}
