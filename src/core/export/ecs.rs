//! ECS services on Fargate in a region root: the region's cluster (one
//! module, created only where services are), a module per service, the
//! target groups of type ip the load balancers give them and the weights
//! their listeners split traffic with, the `ecs_services` output, and the
//! execution and task roles the `iam` stack creates for them.
//!
//! Region roots name the roles by ARN, built from the account id and the
//! region-suffixed names (`names::ecs_execution_role`), as they do the
//! flow-log role, so no region plans against IAM.

use super::hcl::{call, ex, n, obj, record, s, HclError, B};
use super::region::{display, state_label};
use crate::core::model::{Alb, Design, Ecs, Region, Vpc, VpcNode};
use crate::core::names;
use hcl::Expression;

/// The module files of the ECS cluster and of a service (hand-written, like
/// the others under `modules/`).
pub const MODULES: &[(&str, &str)] = &[
    ("modules/ecs/main.tf", include_str!("modules/ecs/main.tf")),
    (
        "modules/ecs/outputs.tf",
        include_str!("modules/ecs/outputs.tf"),
    ),
    (
        "modules/ecs/variables.tf",
        include_str!("modules/ecs/variables.tf"),
    ),
    (
        "modules/ecs/versions.tf",
        include_str!("modules/ecs/versions.tf"),
    ),
    (
        "modules/ecs_cluster/main.tf",
        include_str!("modules/ecs_cluster/main.tf"),
    ),
    (
        "modules/ecs_cluster/outputs.tf",
        include_str!("modules/ecs_cluster/outputs.tf"),
    ),
    (
        "modules/ecs_cluster/variables.tf",
        include_str!("modules/ecs_cluster/variables.tf"),
    ),
    (
        "modules/ecs_cluster/versions.tf",
        include_str!("modules/ecs_cluster/versions.tf"),
    ),
];

/// The label of the cluster module of region `code`: `cluster_<region
/// label>`, unique in the single root too; no node kind is `cluster`, so no
/// node's `<kind>_<id>` module can take it.
pub fn cluster_module(code: &str) -> String {
    format!("cluster_{}", state_label(code))
}

/// The ECS services of a region, in design order.
pub fn services(region: &Region) -> impl Iterator<Item = &Ecs> {
    region
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .filter_map(|n| match n {
            VpcNode::Ecs(e) => Some(e),
            _ => None,
        })
}

/// The region's cluster module, or `None` when the region has no service.
pub fn cluster_block(design: &Design, region: &Region, root: &str) -> Option<B> {
    services(region).next()?;
    Some(
        B::new("module", &[&cluster_module(&region.code)])
            .a("source", s(&format!("{root}/modules/ecs_cluster")))
            .a("name", s(&names::ecs_cluster(design)))
            .a("tags", display("ecs")),
    )
}

/// A node's share of its load balancer's traffic: its `weight`, or 1 when
/// the design gives none (equal shares per node).
fn share(weight: Option<u32>) -> i64 {
    i64::from(weight.unwrap_or(1))
}

/// The ALB module inputs for the services behind `alb` (in `vpc`):
/// `service_targets` (a target group of type ip each) and `group_weight`
/// (the sum of the groups' weights, when groups share the listener). Both
/// `None` when no service is behind it, so such a load balancer's module
/// call is unchanged.
pub fn alb_inputs(
    design: &Design,
    vpc: &Vpc,
    alb: &Alb,
) -> (Option<Expression>, Option<Expression>) {
    let behind: Vec<&Ecs> = vpc
        .nodes
        .iter()
        .filter_map(|n| match n {
            VpcNode::Ecs(e) if e.target.as_deref() == Some(alb.id.as_str()) => Some(e),
            _ => None,
        })
        .collect();
    if behind.is_empty() {
        return (None, None);
    }
    let targets = obj(behind.iter().map(|e| {
        (
            e.id.clone(),
            record([
                ("name", s(&names::ecs_service(design, &e.name))),
                ("port", n(e.port)),
                ("weight", n(share(e.weight))),
            ]),
        )
    }));
    let groups: Vec<i64> = vpc
        .nodes
        .iter()
        .filter_map(|n| match n {
            VpcNode::Asg(g) if g.target.as_deref() == Some(alb.id.as_str()) => {
                Some(share(g.weight))
            }
            _ => None,
        })
        .collect();
    let group_weight = (!groups.is_empty()).then(|| n(groups.iter().sum::<i64>()));
    (Some(targets), group_weight)
}

/// The label of a service's role resource in the `iam` stack (or the single
/// root): `<service id>_<region label>_<exec|task>`.
pub fn role_label(service_id: &str, code: &str, which: &str) -> String {
    format!("{service_id}_{}_{which}", state_label(code))
}

/// A role's ARN as a region root writes it: from its own account id and the
/// role's name (per region), or, in the single root, the resource itself.
fn role_arn(name: &str, label: &str, single: bool) -> Result<Expression, HclError> {
    if single {
        return ex(&format!("aws_iam_role.{label}.arn"));
    }
    Ok(call(
        "format",
        vec![
            s(&format!("arn:aws:iam::%s:role/{name}")),
            ex("data.aws_caller_identity.current.account_id")?,
        ],
    ))
}

/// The module call of one service. `vm` is its VPC's module label,
/// `peer_dbs` the databases of peered VPCs it may reach (as for groups).
pub fn service_block(
    design: &Design,
    region: &Region,
    vm: &str,
    svc: &Ecs,
    root: &str,
    single: bool,
    peer_dbs: Option<Expression>,
) -> Result<B, HclError> {
    let code = &region.code;
    let cluster = cluster_module(code);
    let target = svc.target.as_deref().map(|t| format!("alb_{t}"));
    let subnets = svc
        .subnets
        .iter()
        .map(|id| ex(&format!("module.{vm}.subnet_ids[\"{id}\"]")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(B::new("module", &[&format!("ecs_{}", svc.id)])
        .a("source", s(&format!("{root}/modules/ecs")))
        .a("name", s(&names::ecs_service(design, &svc.name)))
        .a("cluster_arn", ex(&format!("module.{cluster}.arn"))?)
        .a("cluster_name", ex(&format!("module.{cluster}.name"))?)
        .a(
            "logs_key_arn",
            ex(&format!("module.{cluster}.logs_key_arn"))?,
        )
        .a(
            "execution_role_arn",
            role_arn(
                &names::ecs_execution_role(design, &svc.name, code),
                &role_label(&svc.id, code, "exec"),
                single,
            )?,
        )
        .a(
            "task_role_arn",
            role_arn(
                &names::ecs_task_role(design, &svc.name, code),
                &role_label(&svc.id, code, "task"),
                single,
            )?,
        )
        .a("vpc_id", ex(&format!("module.{vm}.vpc_id"))?)
        .a("subnet_ids", Expression::Array(subnets))
        .a("image", s(&svc.image))
        .a("cpu", n(svc.cpu))
        .a("memory_mb", n(svc.memory_mb))
        .a("port", n(svc.port))
        .a("min_count", n(svc.min))
        .a("desired_count", n(svc.desired))
        .a("max_count", n(svc.max))
        .opt(
            "cpu_target_percent",
            svc.scaling.as_ref().map(|x| n(x.target_percent)),
        )
        .a("behind_alb", target.is_some().into())
        .opt(
            "target_group_arn",
            target
                .as_ref()
                .map(|t| {
                    ex(&format!(
                        "module.{t}.service_target_group_arns[\"{}\"]",
                        svc.id
                    ))
                })
                .transpose()?,
        )
        .opt(
            "alb_security_group_id",
            target
                .as_ref()
                .map(|t| ex(&format!("module.{t}.security_group_id")))
                .transpose()?,
        )
        .opt("peer_database_cidrs", peer_dbs)
        .a("tags", display(&svc.name)))
}

/// `output "ecs_services"`: cluster and service name by design id, or
/// `None` when the region has no service (its outputs stay as they were).
pub fn services_output(region: &Region) -> Result<Option<B>, HclError> {
    let cluster = cluster_module(&region.code);
    let entries = services(region)
        .map(|e| {
            Ok((
                e.id.clone(),
                record([
                    ("cluster", ex(&format!("module.{cluster}.name"))?),
                    ("service", ex(&format!("module.ecs_{}.name", e.id))?),
                ]),
            ))
        })
        .collect::<Result<Vec<_>, HclError>>()?;
    if entries.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        B::new("output", &["ecs_services"])
            .a(
                "description",
                s("ECS services by design id: cluster and service name (the DR runbook scales them)."),
            )
            .a("value", obj(entries)),
    ))
}

/// The execution and task role of every service of every region, for the
/// `iam` stack (and the single root). The execution role has the AWS
/// managed AmazonECSTaskExecutionRolePolicy (pull the image, write its
/// logs); the task role has no policy: the application gets none it does
/// not ask for.
pub fn iam_blocks(design: &Design) -> Result<Vec<B>, HclError> {
    let assume = call(
        "jsonencode",
        vec![record([
            ("Version", s("2012-10-17")),
            (
                "Statement",
                Expression::Array(vec![record([
                    ("Effect", s("Allow")),
                    (
                        "Principal",
                        record([("Service", s("ecs-tasks.amazonaws.com"))]),
                    ),
                    ("Action", s("sts:AssumeRole")),
                ])]),
            ),
        ])],
    );
    let mut out = Vec::new();
    for r in &design.regions {
        for e in services(r) {
            let exec = role_label(&e.id, &r.code, "exec");
            let task = role_label(&e.id, &r.code, "task");
            out.push(
                B::new("resource", &["aws_iam_role", &exec])
                    .a(
                        "name",
                        s(&names::ecs_execution_role(design, &e.name, &r.code)),
                    )
                    .a("assume_role_policy", assume.clone()),
            );
            out.push(
                B::new("resource", &["aws_iam_role_policy_attachment", &exec])
                    .a("role", ex(&format!("aws_iam_role.{exec}.name"))?)
                    .a(
                        "policy_arn",
                        s("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
                    ),
            );
            out.push(
                B::new("resource", &["aws_iam_role", &task])
                    .a("name", s(&names::ecs_task_role(design, &e.name, &r.code)))
                    .a("assume_role_policy", assume.clone()),
            );
        }
    }
    Ok(out)
}

/// `output "ecs_roles"` of the `iam` stack: the roles' ARNs by name, for
/// people (region roots build them); `None` without services.
pub fn iam_output(design: &Design) -> Result<Option<B>, HclError> {
    let mut entries = Vec::new();
    for r in &design.regions {
        for e in services(r) {
            for (which, name) in [
                ("exec", names::ecs_execution_role(design, &e.name, &r.code)),
                ("task", names::ecs_task_role(design, &e.name, &r.code)),
            ] {
                let label = role_label(&e.id, &r.code, which);
                entries.push((name, ex(&format!("aws_iam_role.{label}.arn"))?));
            }
        }
    }
    if entries.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        B::new("output", &["ecs_roles"])
            .a("description", s("ECS execution and task role ARNs by name (region roots build the ARN from the name; this is for people)."))
            .a("value", obj(entries)),
    ))
}

#[cfg(test)]
#[path = "ecs_tests.rs"]
mod tests;
