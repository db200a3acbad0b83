//! The `iam` root: the roles and instance profiles the regions' instances run
//! as. IAM is a global service whose control plane is in us-east-1; created
//! inside a region root, a role would make that region's plan depend on
//! us-east-1. Here they have their own root and state (in the state region),
//! named per region (`names::instance_role`), and region roots name the
//! profiles as plain strings, so no region plans against IAM.

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

/// The role, its SSM policy attachment and the instance profile of every
/// group (also used by the single root, beside everything else).
pub fn blocks(design: &Design) -> Result<Vec<B>, HclError> {
    let assume = call("jsonencode", vec![record([
        ("Version", s("2012-10-17")),
        ("Statement", Expression::Array(vec![record([
            ("Effect", s("Allow")),
            ("Principal", record([("Service", s("ec2.amazonaws.com"))])),
            ("Action", s("sts:AssumeRole")),
        ])])),
    ])]);
    let mut out = Vec::new();
    for id in identities(design) {
        out.push(B::new("resource", &["aws_iam_role", &id.label]).a("name", s(&id.name)).a("assume_role_policy", assume.clone()));
        out.push(
            B::new("resource", &["aws_iam_role_policy_attachment", &format!("{}_ssm", id.label)])
                .a("role", ex(&format!("aws_iam_role.{}.name", id.label))?)
                .a("policy_arn", s("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")),
        );
        out.push(
            B::new("resource", &["aws_iam_instance_profile", &id.label])
                .a("name", s(&id.name))
                .a("role", ex(&format!("aws_iam_role.{}.name", id.label))?),
        );
    }
    Ok(out)
}

/// The files of `iam/`: its provider is us-east-1, where IAM's control plane is.
pub fn root(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    let mut main = blocks(design)?;
    let profiles = identities(design)
        .into_iter()
        .map(|id| Ok((id.name.clone(), ex(&format!("aws_iam_instance_profile.{}.arn", id.label))?)))
        .collect::<Result<Vec<_>, HclError>>()?;
    main.push(
        B::new("output", &["instance_profiles"])
            .a("description", s("Instance profile ARNs by name (region roots name the profiles; this is for people)."))
            .a("value", super::hcl::obj(profiles)),
    );
    Ok(vec![
        file("iam/versions.tf", files::versions(false)?),
        file("iam/providers.tf", files::provider(design, "us-east-1", None)?),
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
        let groups = d.regions.iter().flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes)).filter(|n| matches!(n, VpcNode::Asg(_))).count();
        assert!(groups >= 2 && ids.len() == groups);
        for r in &d.regions {
            assert!(ids.iter().any(|i| i.name.ends_with(&r.code)), "{} has its own profile", r.code);
        }
        let text = print(blocks(&d).unwrap()).unwrap();
        assert_eq!(text.matches("resource \"aws_iam_instance_profile\"").count(), groups);
    }

    #[test]
    fn a_design_without_groups_has_no_iam_resources() {
        let mut d = template("active-passive").unwrap().design().unwrap();
        for r in &mut d.regions {
            for v in &mut r.vpcs {
                v.nodes.retain(|n| !matches!(n, VpcNode::Asg(_)));
            }
        }
        assert!(blocks(&d).unwrap().is_empty());
    }
}
