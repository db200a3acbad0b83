//! The `iam` root: the roles and instance profiles the regions' instances run
//! as, and each region's VPC flow-log role. IAM is a global service whose
//! control plane is in us-east-1; created inside a region root, a role would
//! make that region's plan depend on us-east-1. Here they have their own root
//! and state (in the state region), named per region (`names::instance_role`,
//! `names::flow_log_role`), and region roots name the profiles as plain
//! strings and the flow-log role by an ARN built from the account id, so no
//! region plans against IAM.

use super::hcl::{call, ex, print, record, s, HclError, B};
use super::{file, files, ExportError, ExportFile};
use crate::core::model::{Design, VpcNode};
use crate::core::names;
use hcl::Expression;

/// One auto-scaling group's instance identity in one region.
pub struct InstanceIdentity {
    /// The resource label: `<asg id>_<region label>`.
    pub label: String,
    /// The role and instance profile name (the same).
    pub name: String,
}

/// The instance identities of every auto-scaling group of every region.
pub fn identities(design: &Design) -> Vec<InstanceIdentity> {
    let mut out = Vec::new();
    for r in &design.regions {
        for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
            if let VpcNode::Asg(g) = n {
                out.push(InstanceIdentity {
                    label: format!("{}_{}", g.id, super::region::state_label(&r.code)),
                    name: names::instance_profile(design, &g.name, &r.code),
                });
            }
        }
    }
    out
}

/// One region's VPC flow-log role.
pub struct FlowLogRole {
    /// The resource label: `flow_<region label>`.
    pub label: String,
    /// The role name (`names::flow_log_role`).
    pub name: String,
    /// The region code its flow logs are in.
    pub region: String,
    /// The names of the region's VPCs (`names::regional` of the VPC id, the
    /// network module's `name`): the role may write to their log groups only.
    pub vpcs: Vec<String>,
}

/// The flow-log role of every region that has a VPC.
pub fn flow_log_roles(design: &Design) -> Vec<FlowLogRole> {
    design
        .regions
        .iter()
        .filter(|r| !r.vpcs.is_empty())
        .map(|r| FlowLogRole {
            label: flow_log_role_label(&r.code),
            name: names::flow_log_role(design, &r.code),
            region: r.code.clone(),
            vpcs: r
                .vpcs
                .iter()
                .map(|v| names::regional(design, &v.id))
                .collect(),
        })
        .collect()
}

/// The resource label of the flow-log role of `code` (the single root
/// references it by this label).
pub fn flow_log_role_label(code: &str) -> String {
    format!("flow_{}", super::region::state_label(code))
}

/// The ARN of the flow-log role of `code` as a region root writes it: built
/// from its own account id (`data.aws_caller_identity.current`) and the
/// role's name, so the root plans without asking IAM or reading `iam/` state.
pub fn flow_log_role_arn(design: &Design, code: &str) -> Result<Expression, HclError> {
    Ok(call(
        "format",
        vec![
            s(&format!(
                "arn:aws:iam::%s:role/{}",
                names::flow_log_role(design, code)
            )),
            ex("data.aws_caller_identity.current.account_id")?,
        ],
    ))
}

/// The log groups of VPC `vpc_name` in `code` and their streams, as an ARN
/// pattern for `format` with the account id: the network module names its
/// log group with the prefix `/vpc/<name>/flow-` (name_prefix, so a random
/// suffix follows), and the streams are `<group ARN>:log-stream:...`.
fn flow_log_group_arns(code: &str, vpc_name: &str) -> [String; 2] {
    let group = format!("arn:aws:logs:{code}:%s:log-group:/vpc/{vpc_name}/flow-*");
    [group.clone(), format!("{group}:*")]
}

/// The flow-log role of every region with VPCs: trusted by the VPC flow-logs
/// service, allowed to write to that region's flow-log groups only.
fn flow_log_blocks(design: &Design) -> Result<Vec<B>, HclError> {
    let roles = flow_log_roles(design);
    if roles.is_empty() {
        return Ok(Vec::new());
    }
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
                        record([("Service", s("vpc-flow-logs.amazonaws.com"))]),
                    ),
                    ("Action", s("sts:AssumeRole")),
                ])]),
            ),
        ])],
    );
    let mut out = vec![B::new("data", &["aws_caller_identity", "current"])];
    for role in roles {
        let resources = role
            .vpcs
            .iter()
            .flat_map(|v| flow_log_group_arns(&role.region, v))
            .map(|arn| {
                Ok(call(
                    "format",
                    vec![s(&arn), ex("data.aws_caller_identity.current.account_id")?],
                ))
            })
            .collect::<Result<Vec<_>, HclError>>()?;
        let policy = call(
            "jsonencode",
            vec![record([
                ("Version", s("2012-10-17")),
                (
                    "Statement",
                    Expression::Array(vec![record([
                        ("Effect", s("Allow")),
                        (
                            "Action",
                            Expression::Array(
                                [
                                    "logs:CreateLogStream",
                                    "logs:PutLogEvents",
                                    "logs:DescribeLogGroups",
                                    "logs:DescribeLogStreams",
                                ]
                                .into_iter()
                                .map(s)
                                .collect(),
                            ),
                        ),
                        ("Resource", Expression::Array(resources)),
                    ])]),
                ),
            ])],
        );
        out.push(
            B::new("resource", &["aws_iam_role", &role.label])
                .a("name", s(&role.name))
                .a("assume_role_policy", assume.clone()),
        );
        out.push(
            B::new("resource", &["aws_iam_role_policy", &role.label])
                .a("name", s("flow-logs"))
                .a("role", ex(&format!("aws_iam_role.{}.id", role.label))?)
                .a("policy", policy),
        );
    }
    Ok(out)
}

/// The role, its SSM policy attachment and the instance profile of every
/// group, and every region's flow-log role (also used by the single root,
/// beside everything else).
pub fn blocks(design: &Design) -> Result<Vec<B>, HclError> {
    let assume = call(
        "jsonencode",
        vec![record([
            ("Version", s("2012-10-17")),
            (
                "Statement",
                Expression::Array(vec![record([
                    ("Effect", s("Allow")),
                    ("Principal", record([("Service", s("ec2.amazonaws.com"))])),
                    ("Action", s("sts:AssumeRole")),
                ])]),
            ),
        ])],
    );
    let mut out = flow_log_blocks(design)?;
    out.extend(super::ecs::iam_blocks(design)?);
    for id in identities(design) {
        out.push(
            B::new("resource", &["aws_iam_role", &id.label])
                .a("name", s(&id.name))
                .a("assume_role_policy", assume.clone()),
        );
        out.push(
            B::new(
                "resource",
                &[
                    "aws_iam_role_policy_attachment",
                    &format!("{}_ssm", id.label),
                ],
            )
            .a("role", ex(&format!("aws_iam_role.{}.name", id.label))?)
            .a(
                "policy_arn",
                s("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"),
            ),
        );
        out.push(
            B::new("resource", &["aws_iam_instance_profile", &id.label])
                .a("name", s(&id.name))
                .a("role", ex(&format!("aws_iam_role.{}.name", id.label))?),
        );
    }
    out.extend(super::cache::connect_policies(design)?);
    Ok(out)
}

/// The files of `iam/`: its provider is us-east-1, where IAM's control plane is.
pub fn root(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    let mut main = blocks(design)?;
    let profiles = identities(design)
        .into_iter()
        .map(|id| {
            Ok((
                id.name.clone(),
                ex(&format!("aws_iam_instance_profile.{}.arn", id.label))?,
            ))
        })
        .collect::<Result<Vec<_>, HclError>>()?;
    let flow_roles = flow_log_roles(design)
        .into_iter()
        .map(|r| {
            Ok((
                r.region.clone(),
                ex(&format!("aws_iam_role.{}.arn", r.label))?,
            ))
        })
        .collect::<Result<Vec<_>, HclError>>()?;
    main.push(
        B::new("output", &["flow_log_roles"])
            .a("description", s("VPC flow-log role ARNs by region code (region roots build the ARN from the name; this is for people)."))
            .a("value", super::hcl::obj(flow_roles)),
    );
    main.push(
        B::new("output", &["instance_profiles"])
            .a("description", s("Instance profile ARNs by name (region roots name the profiles; this is for people)."))
            .a("value", super::hcl::obj(profiles)),
    );
    main.extend(super::ecs::iam_output(design)?);
    Ok(vec![
        file("iam/versions.tf", files::versions(false)?),
        file(
            "iam/providers.tf",
            files::provider(design, "us-east-1", None)?,
        ),
        file("iam/backend.tf", files::backend_block()?),
        file("iam/main.tf", print(main)?),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    #[test]
    fn every_group_of_every_region_gets_a_region_suffixed_profile() {
        let d = template("active-passive").unwrap().design().unwrap();
        let ids = identities(&d);
        let groups = d
            .regions
            .iter()
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .filter(|n| matches!(n, VpcNode::Asg(_)))
            .count();
        assert!(groups >= 2 && ids.len() == groups);
        for r in &d.regions {
            assert!(
                ids.iter().any(|i| i.name.ends_with(&r.code)),
                "{} has its own profile",
                r.code
            );
        }
        let text = print(blocks(&d).unwrap()).unwrap();
        assert_eq!(
            text.matches("resource \"aws_iam_instance_profile\"")
                .count(),
            groups
        );
    }

    #[test]
    fn a_design_without_groups_has_no_instance_roles_and_without_vpcs_no_iam_at_all() {
        let mut d = template("active-passive").unwrap().design().unwrap();
        for r in &mut d.regions {
            for v in &mut r.vpcs {
                v.nodes.retain(|n| !matches!(n, VpcNode::Asg(_)));
            }
        }
        let text = print(blocks(&d).unwrap()).unwrap();
        assert!(!text.contains("aws_iam_instance_profile"), "{text}");
        assert_eq!(
            text.matches("resource \"aws_iam_role\"").count(),
            d.regions.len(),
            "one flow-log role per region: {text}"
        );
        for r in &mut d.regions {
            r.vpcs.clear();
        }
        assert!(blocks(&d).unwrap().is_empty());
    }

    #[test]
    fn each_region_has_one_flow_log_role_scoped_to_its_own_flow_log_groups() {
        let d = template("active-passive").unwrap().design().unwrap();
        let roles = flow_log_roles(&d);
        assert_eq!(
            roles.len(),
            d.regions.iter().filter(|r| !r.vpcs.is_empty()).count()
        );
        let text = print(blocks(&d).unwrap()).unwrap();
        for role in &roles {
            assert!(
                role.name.ends_with(&role.region),
                "{} is region-suffixed",
                role.name
            );
            assert!(text.contains(&format!(
                "resource \"aws_iam_role_policy\" \"{}\"",
                role.label
            )));
            for vpc in &role.vpcs {
                assert!(
                    text.contains(&format!(
                        "arn:aws:logs:{}:%s:log-group:/vpc/{vpc}/flow-*:*",
                        role.region
                    )),
                    "{text}"
                );
            }
        }
        assert!(!text.contains("\"*\""), "no wildcard resource: {text}");
    }

    #[test]
    fn the_policy_matches_the_network_modules_log_group_prefix() {
        // flow_log_group_arns assumes this prefix; the module must keep it.
        let module = include_str!("modules/network/main.tf");
        assert!(
            module.contains("name_prefix       = \"/vpc/${var.name}/flow-\""),
            "the flow-log group prefix changed; update flow_log_group_arns"
        );
        assert!(module.contains("iam_role_arn         = var.flow_log_role_arn"));
        assert!(
            !module.contains("aws_iam_"),
            "the network module creates no IAM resources"
        );
    }
}
