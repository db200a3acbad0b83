//! One region's root: its VPCs, load balancers, groups, databases, buckets
//! and tables as module calls. It reads no other stack's state: a replica's
//! source is named by its ARN, built from the account id and the source's
//! deterministic identifier; an Aurora member joins its global cluster by
//! name; instances run with their `iam` stack profile, by name, and flow
//! logs deliver as the `iam` stack's flow-log role, by ARN. So the root
//! initialises and plans while any other region is down.

use super::hcl::{ex, index, n, obj, print, record, s, HclError, B};
use super::{file, files, flows, ExportError, ExportFile};
use crate::core::model::{Design, HttpProtocol, ObjectRef, Region, RegionNode, Tier, Vpc, VpcNode};
use crate::core::names;
use crate::core::validate::rules::tags::tag_value;
use hcl::Expression;

/// The files of `regions/<code>/`.
pub fn root(design: &Design, code: &str) -> Result<Vec<ExportFile>, ExportError> {
    let region = design
        .regions
        .iter()
        .find(|r| r.code == code)
        .ok_or_else(|| ExportError::Unsupported(format!("no region {code}")))?;
    let dir = format!("regions/{code}");
    let mut out = vec![
        file(&format!("{dir}/versions.tf"), files::versions(false)?),
        file(&format!("{dir}/providers.tf"), providers(design, region)?),
        file(&format!("{dir}/backend.tf"), files::backend_block()?),
    ];
    let https = region
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .any(|n| matches!(n, VpcNode::Alb(a) if a.listener.protocol == HttpProtocol::Https));
    if https {
        out.push(file(
            &format!("{dir}/variables.tf"),
            print(vec![certificate_variable(code)?])?,
        ));
        out.push(file(
            &format!("{dir}/terraform.auto.tfvars"),
            certificate_tfvars(code)?,
        ));
    }
    out.push(file(
        &format!("{dir}/main.tf"),
        print(main_blocks(design, region, "../..", false)?)?,
    ));
    out.push(file(&format!("{dir}/outputs.tf"), print(outputs(region)?)?));
    Ok(out)
}

/// `providers.tf`: the region's provider, and one alias per region where its
/// global tables keep replicas (their keys are created there; see `dynamodb`).
pub(super) fn providers(design: &Design, region: &Region) -> Result<String, HclError> {
    let mut blocks = vec![files::provider_block(design, &region.code, None)];
    for code in super::dynamodb::replica_regions(region) {
        blocks.push(files::provider_block(
            design,
            &code,
            Some(&state_label(&code)),
        ));
    }
    print(blocks)
}

/// `variable "certificate_arn"`: the ACM certificate of the region's HTTPS
/// listeners. An empty value (the committed tfvars before the user fills it)
/// fails the plan with a message, not the apply halfway.
pub fn certificate_variable(code: &str) -> Result<B, HclError> {
    certificate_variable_in(code, &format!("regions/{code}"))
}

/// [`certificate_variable`] of the root in `dir` (a layered region's workloads).
pub fn certificate_variable_in(code: &str, dir: &str) -> Result<B, HclError> {
    let filled = super::hcl::call("startswith", vec![ex("var.certificate_arn")?, s("arn:")]);
    Ok(B::new("variable", &["certificate_arn"])
        .a("description", s(&format!("ARN of the ACM certificate (in {code}) the HTTPS listeners of this region present.")))
        .a("type", super::hcl::var("string")?)
        .b(B::new("validation", &[])
            .a("condition", filled)
            .a("error_message", s(&format!("Set certificate_arn in {dir}/terraform.auto.tfvars to the ARN of an ACM certificate in {code}.")))))
}

/// `terraform.auto.tfvars`: the region's inputs, committed so that CI applies
/// unattended; the user fills the ARN once.
pub(super) fn certificate_tfvars(code: &str) -> Result<String, HclError> {
    let header = format!("# The ACM certificate (in {code}) of this region's HTTPS listeners: request or import it in {code},\n# paste its ARN here and commit. Terraform reads this file by itself (CI too).\n");
    Ok(header + &super::hcl::print_attributes(vec![("certificate_arn", s(""))])?)
}

/// The state of a region's root, read through its backend (its own bucket,
/// in its own region); only the global root reads it.
pub fn remote_state(design: &Design, code: &str) -> Result<B, HclError> {
    let config = record([
        ("bucket", s(&names::region_state_bucket(design, code))),
        ("key", s(&names::state_key(design, code))),
        ("region", s(code)),
    ]);
    Ok(
        B::new("data", &["terraform_remote_state", &state_label(code)])
            .a("backend", s("s3"))
            .a("config", config),
    )
}

/// The label of a region's remote state data source (`us_east_1`).
pub fn state_label(code: &str) -> String {
    code.replace('-', "_")
}

fn m(prefix: &str, id: &str) -> String {
    format!("{prefix}_{id}")
}

/// The module blocks (and global clusters) of one region. `root` is the
/// relative path from the root to the export's top (for module sources).
/// `single`: everything is in one root, so other regions' values are module
/// outputs (not remote state) and every block names its region's provider.
pub fn main_blocks(
    design: &Design,
    region: &Region,
    root: &str,
    single: bool,
) -> Result<Vec<B>, HclError> {
    let mut blocks = Vec::new();
    let idx = crate::core::model::Index::new(design);
    let primary = design.primary().map(|p| p.code.as_str()) == Some(region.code.as_str());
    if single && primary {
        // One root: the global clusters sit beside the primary's modules.
        blocks.extend(super::databases::blocks(design));
    }
    // The account id builds the ARNs of what other stacks create: the
    // flow-log role of `iam/` (every VPC has flow logs), a cross-region
    // replica's source (a replica is in a VPC too).
    if !single && !region.vpcs.is_empty() {
        blocks.push(B::new("data", &["aws_caller_identity", "current"]));
    }
    let first_region_block = blocks.len();
    blocks.extend(super::ecs::cluster_block(design, region, root));
    for vpc in &region.vpcs {
        blocks.extend(vpc_blocks(
            design, &idx, region, vpc, root, primary, single,
        )?);
    }
    for node in &region.nodes {
        blocks.push(match node {
            RegionNode::S3(b) => {
                let block = B::new("module", &[&m("s3", &b.id)]);
                if b.versioning {
                    block
                } else {
                    block.skip("CKV_AWS_21", "The design keeps no object versions in this bucket (rule DES-28 warns); turn versioning on to keep them.")
                }
            }
            .a("source", s(&format!("{root}/modules/s3")))
                .a("bucket", s(&b.bucket))
                .a("versioning", b.versioning.into())
                .a("tags", display(&b.name)),
            RegionNode::Dynamodb(t) => super::dynamodb::table(design, t, root)?,
        });
        super::layers::mark_last(&mut blocks, super::layers::region_node_layer(node));
    }
    if single {
        let providers = record([("aws", ex(&format!("aws.{}", state_label(&region.code)))?)]);
        for b in blocks.iter_mut().skip(first_region_block) {
            if b.is_module() {
                let taken = std::mem::replace(b, B::new("", &[]));
                *b = taken.a("providers", providers.clone());
            }
        }
    }
    // After the loop above: these name the replica region's provider.
    blocks.extend(super::dynamodb::region_replica_keys(design, region, root)?);
    Ok(blocks)
}

/// The label of a global cluster resource: the name itself when it is a
/// plain identifier, else a slug plus a stable hash so that two names that
/// slug alike never share a label.
pub fn global_label(global: &str) -> String {
    let plain = global
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let slug: String = global
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if plain && !global.is_empty() {
        format!("g_{slug}")
    } else {
        // FNV-1a: stable across builds and platforms.
        let hash = global.bytes().fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
        });
        format!("g_{slug}_{:08x}", hash as u32)
    }
}

/// `{ DisplayName = "<the name the user typed>" }`: free text lives in tags
/// only, made a valid tag value (`tag_value`). Every module call that
/// carries a name takes its tags from here.
pub(super) fn display(name: &str) -> Expression {
    obj([("DisplayName", s(&tag_value(name)))])
}

fn subnet_list(vpc_mod: &str, ids: &[String]) -> Result<Expression, HclError> {
    ids.iter()
        .map(|id| ex(&format!("module.{vpc_mod}.subnet_ids[\"{id}\"]")))
        .collect::<Result<Vec<_>, _>>()
        .map(Expression::Array)
}

fn vpc_blocks(
    design: &Design,
    idx: &crate::core::model::Index<'_>,
    region: &Region,
    vpc: &Vpc,
    root: &str,
    primary: bool,
    single: bool,
) -> Result<Vec<B>, HclError> {
    let vm = m("vpc", &vpc.id);
    let nat = match vpc.nat {
        crate::core::model::NatMode::None => "none",
        crate::core::model::NatMode::Single => "single",
        crate::core::model::NatMode::PerAz => "per_az",
    };
    let subnets = obj(vpc.subnets.iter().map(|sn| {
        (
            sn.id.clone(),
            record([
                ("cidr", s(sn.cidr.trim())),
                ("az_id", s(&sn.az)),
                (
                    "tier",
                    s(match sn.tier {
                        Tier::Public => "public",
                        Tier::Private => "private",
                        Tier::Data => "data",
                    }),
                ),
                ("name", s(&sn.id)),
            ]),
        )
    }));
    let mut blocks = vec![B::new("module", &[&vm])
        .a("source", s(&format!("{root}/modules/network")))
        .a("name", s(&names::regional(design, &vpc.id)))
        .a("cidr", s(vpc.cidr.trim()))
        .a("nat", s(nat))
        .a("subnets", subnets)
        .a(
            "flow_log_role_arn",
            if single {
                ex(&format!(
                    "aws_iam_role.{}.arn",
                    super::iam::flow_log_role_label(&region.code)
                ))?
            } else {
                super::iam::flow_log_role_arn(design, &region.code)?
            },
        )
        .a("tags", display(&vpc.name))];
    // The applications (groups and services) of this VPC by design id: the
    // databases admit them.
    let app_sgs = vpc
        .nodes
        .iter()
        .filter_map(|n| match n {
            VpcNode::Asg(_) => Some(("asg", n)),
            VpcNode::Ecs(_) => Some(("ecs", n)),
            _ => None,
        })
        .map(|(kind, n)| {
            Ok((
                n.id().to_string(),
                ex(&format!("module.{}.security_group_id", m(kind, n.id())))?,
            ))
        })
        .collect::<Result<Vec<_>, HclError>>()
        .map(obj)?;
    // Flows across peerings; left out (the modules default to none) when empty.
    let peer_dbs = flows::peer_database_cidrs(design, idx, &vpc.id);
    let peer_dbs = (!peer_dbs.is_empty()).then(|| {
        obj(peer_dbs.into_iter().map(|c| {
            (
                c.key,
                record([
                    ("database", s(&c.node)),
                    ("cidr", s(&c.cidr)),
                    ("port", n(c.port)),
                ]),
            )
        }))
    });
    let peer_apps = |db: &VpcNode| {
        let cidrs = flows::peer_app_cidrs(design, idx, &vpc.id, db);
        (!cidrs.is_empty()).then(|| {
            obj(cidrs.into_iter().map(|c| {
                (
                    c.key,
                    record([("application", s(&c.node)), ("cidr", s(&c.cidr))]),
                )
            }))
        })
    };
    let port = |db: &VpcNode| n(flows::db_port(db).unwrap_or(0));
    for node in &vpc.nodes {
        let b = match node {
            VpcNode::Alb(a) => alb_skips(B::new("module", &[&m("alb", &a.id)]), a, vpc)
                .a("source", s(&format!("{root}/modules/alb")))
                .a("name", s(&names::regional(design, &a.name)))
                .a("vpc_id", ex(&format!("module.{vm}.vpc_id"))?)
                .a("vpc_cidr", ex(&format!("module.{vm}.cidr"))?)
                .a("subnet_ids", subnet_list(&vm, &a.subnets)?)
                .a("internal", a.internal.into())
                .opt(
                    "accelerator_ingress",
                    (a.internal && accelerated(design, &a.id)).then(|| true.into()),
                )
                .a("port", n(a.listener.port))
                .a("protocol", s(a.listener.protocol.as_str()))
                .opt(
                    "certificate_arn",
                    (a.listener.protocol == HttpProtocol::Https)
                        .then(|| {
                            if single {
                                index("var.certificate_arn", &region.code)
                            } else {
                                ex("var.certificate_arn")
                            }
                        })
                        .transpose()?,
                )
                .a(
                    "health_check",
                    record([
                        ("path", s(&a.health_check.path)),
                        ("interval", n(a.health_check.interval)),
                        ("timeout", n(a.health_check.timeout)),
                        ("healthy_threshold", n(a.health_check.healthy_threshold)),
                        ("unhealthy_threshold", n(a.health_check.unhealthy_threshold)),
                    ]),
                )
                .opt("service_targets", super::ecs::alb_inputs(design, vpc, a).0)
                .opt("group_weight", super::ecs::alb_inputs(design, vpc, a).1)
                .a("tags", display(&a.name)),
            VpcNode::Asg(g) => {
                let target = g.target.as_deref().map(|t| m("alb", t));
                B::new("module", &[&m("asg", &g.id)])
                    .a("source", s(&format!("{root}/modules/asg")))
                    .a("name", s(&names::regional(design, &g.name)))
                    .a(
                        "instance_profile_name",
                        if single {
                            ex(&format!(
                                "aws_iam_instance_profile.{}_{}.name",
                                g.id,
                                state_label(&region.code)
                            ))?
                        } else {
                            s(&names::instance_profile(design, &g.name, &region.code))
                        },
                    )
                    .a("vpc_id", ex(&format!("module.{vm}.vpc_id"))?)
                    .a("subnet_ids", subnet_list(&vm, &g.subnets)?)
                    .a("min_size", n(g.min))
                    .a("desired_capacity", n(g.desired))
                    .a("max_size", n(g.max))
                    .a("instance_type", s(&g.instance_type))
                    .a("image", s(&g.image))
                    .opt(
                        "target_group_arn",
                        target
                            .as_ref()
                            .map(|t| ex(&format!("module.{t}.target_group_arn")))
                            .transpose()?,
                    )
                    .a("behind_alb", target.is_some().into())
                    .opt(
                        "alb_security_group_id",
                        target
                            .as_ref()
                            .map(|t| ex(&format!("module.{t}.security_group_id")))
                            .transpose()?,
                    )
                    .opt("peer_database_cidrs", peer_dbs.clone())
                    .opt(
                        "cpu_target_percent",
                        g.scaling.as_ref().map(|x| n(x.target_percent)),
                    )
                    .a("tags", display(&g.name))
            }
            VpcNode::Rds(d) => {
                let source = match d.replica_of.as_deref().and_then(|id| idx.get(id)) {
                    Some(ObjectRef::VpcNode {
                        region: src, node, ..
                    }) if single || src.code == region.code => {
                        Some(ex(&format!("module.{}.arn", m("rds", node.id())))?)
                    }
                    Some(ObjectRef::VpcNode {
                        region: src,
                        node: VpcNode::Rds(s_db),
                        ..
                    }) => Some(super::hcl::call(
                        "format",
                        vec![
                            s(&names::rds_arn_template(
                                &src.code,
                                &names::regional(design, &s_db.name),
                            )),
                            ex("data.aws_caller_identity.current.account_id")?,
                        ],
                    )),
                    _ => None,
                };
                let b = B::new("module", &[&m("rds", &d.id)]);
                // The design asks for unencrypted storage; RDS-12 warned about it.
                let b = if d.encrypted {
                    b
                } else {
                    b.skip("CKV_AWS_16", "The design leaves this database unencrypted (rule RDS-12 warns); set encrypted to true to encrypt it.")
                };
                // The design keeps no automated backups: usual on a read
                // replica (RDS creates one without; its source keeps them),
                // RDS-12 warns on any other database.
                let b = match (d.backup_retention_days, d.replica_of.is_some()) {
                    (0, true) => b.skip("CKV_AWS_133", "The design keeps no automated backups of this read replica (its source keeps them); set backup days above 0 to back it up as well."),
                    (0, false) => b.skip("CKV_AWS_133", "The design keeps no automated backups of this database (rule RDS-12 warns); set backup days above 0."),
                    _ => b,
                };
                b.a("source", s(&format!("{root}/modules/rds")))
                    .a("identifier", s(&names::regional(design, &d.name)))
                    .a("engine", s(d.engine.as_str()))
                    .a("engine_version", s(&d.engine_version))
                    .a(
                        "auto_minor_version_upgrade",
                        (!flows::pins_minor(d.engine.as_str(), &d.engine_version)).into(),
                    )
                    .a("instance_class", s(&d.instance_class))
                    .a("storage_gb", n(d.storage_gb))
                    .opt("max_storage_gb", d.max_storage_gb.map(n))
                    .a("multi_az", d.multi_az.into())
                    .a("backup_retention_days", n(d.backup_retention_days))
                    .a("encrypted", d.encrypted.into())
                    .opt("replicate_source_db", source)
                    .a("vpc_id", ex(&format!("module.{vm}.vpc_id"))?)
                    .a("subnet_ids", subnet_list(&vm, &d.subnets)?)
                    .a("port", port(node))
                    .a("app_security_groups", app_sgs.clone())
                    .opt("peer_app_cidrs", peer_apps(node))
                    .a("tags", display(&d.name))
            }
            VpcNode::Aurora(c) => {
                let secondary = c.global.is_some() && !primary;
                let global = match c.global.as_deref() {
                    // One root: a secondary joins through the writer's
                    // module output, which waits for the writer's cluster
                    // and instances (a module-wide depends_on would also
                    // defer the secondary's data sources on every plan).
                    Some(g) if single && secondary => match writer_module(design, g) {
                        Some(w) => Some(ex(&format!("module.{w}.global_cluster_identifier"))?),
                        None => Some(ex(&format!(
                            "aws_rds_global_cluster.{}.id",
                            global_label(g)
                        ))?),
                    },
                    Some(g) if single => Some(ex(&format!(
                        "aws_rds_global_cluster.{}.id",
                        global_label(g)
                    ))?),
                    // By name: the cluster lives in the databases root.
                    Some(g) => Some(s(&names::global_cluster(design, g))),
                    None => None,
                };
                B::new("module", &[&m("aurora", &c.id)])
                    .a("source", s(&format!("{root}/modules/aurora")))
                    .a(
                        "cluster_identifier",
                        s(&names::per_region(design, &c.name, &region.code)),
                    )
                    .a("engine", s(c.engine.as_str()))
                    .a("engine_version", s(&c.engine_version))
                    .a(
                        "auto_minor_version_upgrade",
                        (!flows::pins_minor(c.engine.as_str(), &c.engine_version)).into(),
                    )
                    .a("instance_class", s(&c.instance_class))
                    .a("instances", n(c.instances))
                    .a("backup_retention_days", n(c.backup_retention_days))
                    // A secondary has the writer's database (AGD-06).
                    .opt(
                        "database_name",
                        c.database_name.as_deref().filter(|_| !secondary).map(s),
                    )
                    .opt("global_cluster_identifier", global)
                    .a("secondary", secondary.into())
                    .opt(
                        "source_region",
                        design.primary().filter(|_| secondary).map(|p| s(&p.code)),
                    )
                    .a("vpc_id", ex(&format!("module.{vm}.vpc_id"))?)
                    .a("subnet_ids", subnet_list(&vm, &c.subnets)?)
                    .a("port", port(node))
                    .a("app_security_groups", app_sgs.clone())
                    .opt("peer_app_cidrs", peer_apps(node))
                    .a("tags", display(&c.name))
            }
            VpcNode::Ecs(e) => {
                super::ecs::service_block(design, region, &vm, e, root, single, peer_dbs.clone())?
            }
            VpcNode::Elasticache(c) => super::cache::module(
                design,
                c,
                &vm,
                subnet_list(&vm, &c.subnets)?,
                app_sgs.clone(),
                root,
            )?,
        };
        blocks.push(b.in_layer(super::layers::layer(node)));
    }
    Ok(blocks)
}

/// Whether load balancer `alb` is an endpoint of an accelerator.
fn accelerated(design: &Design, alb: &str) -> bool {
    design
        .accelerators
        .iter()
        .flat_map(|acc| &acc.endpoints)
        .any(|e| e.target == alb)
}

/// The checkov checks a plain-HTTP listener cannot pass, skipped on the
/// module call so they apply to this load balancer only: the design asks for
/// HTTP and rule DES-20 warned about it. With HTTPS, CKV_AWS_378 passes an
/// HTTP target group only when checkov's graph links it to the listener,
/// which it does for the first service target group of a weighted forward
/// and not the others (checkov 3's graph of the dynamic `target_group`
/// blocks): with two services or more behind the load balancer, the others
/// failed although every one of them is behind the HTTPS listener.
fn alb_skips(b: B, a: &crate::core::model::Alb, vpc: &Vpc) -> B {
    if a.listener.protocol == HttpProtocol::Https {
        let services = vpc
            .nodes
            .iter()
            .filter(|n| matches!(n, VpcNode::Ecs(e) if e.target.as_deref() == Some(a.id.as_str())))
            .count();
        return if services > 1 {
            b.skip("CKV_AWS_378", "Every target group here is forwarded to by the HTTPS listener (TLS ends at the load balancer); checkov links only the first of a weighted forward's target groups to it.")
        } else {
            b
        };
    }
    b.skip("CKV_AWS_2", "The design gives this load balancer an HTTP listener (rule DES-20 warns); switch it to HTTPS with a certificate.")
        .skip("CKV_AWS_103", "An HTTP listener has no TLS policy; the design asks for HTTP (rule DES-20).")
        .skip("CKV_AWS_378", "Plain HTTP is what the design asks for (rule DES-20).")
        .skip("CKV2_AWS_20", "No HTTPS listener to redirect to: the design gives this load balancer HTTP only (rule DES-20).")
}

/// The module of the writer of global cluster `global`: its member in the
/// primary region, if there is one.
fn writer_module(design: &Design, global: &str) -> Option<String> {
    design
        .primary()?
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .find(|n| matches!(n, VpcNode::Aurora(a) if a.global.as_deref() == Some(global)))
        .map(|n| m("aurora", n.id()))
}

fn map_output(name: &str, description: &str, entries: Vec<(String, Expression)>) -> B {
    B::new("output", &[name])
        .a("description", s(description))
        .a("value", obj(entries))
}

/// What other stacks read from a region.
pub fn outputs(region: &Region) -> Result<Vec<B>, HclError> {
    let mut vpcs = Vec::new();
    let (mut albs, mut asgs, mut rds, mut rds_ids, mut aurora, mut buckets) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for v in &region.vpcs {
        let vm = m("vpc", &v.id);
        vpcs.push((
            v.id.clone(),
            record([
                ("vpc_id", ex(&format!("module.{vm}.vpc_id"))?),
                ("cidr", ex(&format!("module.{vm}.cidr"))?),
                (
                    "route_table_ids",
                    ex(&format!("module.{vm}.route_table_ids"))?,
                ),
            ]),
        ));
        for node in &v.nodes {
            let id = node.id().to_string();
            match node {
                VpcNode::Alb(_) => albs.push((
                    id.clone(),
                    record([
                        ("arn", ex(&format!("module.{}.arn", m("alb", &id)))?),
                        (
                            "dns_name",
                            ex(&format!("module.{}.dns_name", m("alb", &id)))?,
                        ),
                        ("zone_id", ex(&format!("module.{}.zone_id", m("alb", &id)))?),
                    ]),
                )),
                VpcNode::Asg(_) => {
                    asgs.push((id.clone(), ex(&format!("module.{}.name", m("asg", &id)))?))
                }
                VpcNode::Rds(_) => {
                    rds.push((id.clone(), ex(&format!("module.{}.arn", m("rds", &id)))?));
                    rds_ids.push((
                        id.clone(),
                        ex(&format!("module.{}.identifier", m("rds", &id)))?,
                    ));
                }
                VpcNode::Aurora(_) => aurora.push((
                    id.clone(),
                    ex(&format!("module.{}.cluster_identifier", m("aurora", &id)))?,
                )),
                VpcNode::Ecs(_) | VpcNode::Elasticache(_) => {}
            }
        }
    }
    for node in &region.nodes {
        if let RegionNode::S3(b) = node {
            let mm = m("s3", &b.id);
            buckets.push((
                b.id.clone(),
                record([
                    ("id", ex(&format!("module.{mm}.id"))?),
                    ("arn", ex(&format!("module.{mm}.arn"))?),
                    ("kms_key_arn", ex(&format!("module.{mm}.kms_key_arn"))?),
                ]),
            ));
        }
    }
    let mut out = vec![
        map_output("vpcs", "VPCs by design id: id, CIDR and route tables (peering adds routes to them).", vpcs),
        map_output("albs", "Load balancers by design id: ARN, DNS name and hosted zone (DNS and accelerators use them).", albs),
        map_output("asgs", "Auto Scaling group names by design id (the DR runbook scales them).", asgs),
        map_output("rds_arns", "RDS instance ARNs by design id (cross-region replicas name their source by ARN).", rds),
        map_output("rds_identifiers", "RDS instance identifiers by design id (the DR runbook promotes replicas).", rds_ids),
        map_output("aurora_clusters", "Aurora cluster identifiers by design id.", aurora),
        map_output("buckets", "S3 buckets by design id: name, ARN and KMS key (replication uses them).", buckets),
        super::cache::output(region)?,
    ];
    out.extend(super::ecs::services_output(region)?);
    Ok(out)
}
