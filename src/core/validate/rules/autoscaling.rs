//! Auto Scaling rules: capacity, AZ spread, placement, names, targets.

use super::names_check::asg_name_problem;
use super::util::{azs, usable_ips, where_};
use crate::core::model::{Asg, Region, Vpc, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Autoscaling, Report, Rule, Severity::*};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] =
    &[("ASG-02", "The exporter always emits exactly one launch template per group, never a launch configuration.")];

/// The Auto Scaling family.
pub const RULES: &[Rule] = &[
    rule("ASG-01", Error, Autoscaling, "Capacity must satisfy min <= desired <= max.",
        "CreateAutoScalingGroup rejects a desired capacity outside min..max at apply; plan lets it through.",
        "Set min, desired and max so that min <= desired <= max.", asg_01),
    rule("ASG-03", Warning, Autoscaling, "A group should span at least two AZs, with subnets of its own VPC only.",
        "One AZ is a single point of failure; subnets of another VPC or region fail at apply (reported as an error).",
        "Give the group a subnet in a second AZ, all from its own VPC.", asg_03),
    rule("ASG-04", Error, Autoscaling, "The group name (project-environment-name) must be 1-255 characters without ':'.",
        "Auto Scaling group names may not hold ':'; validate lets \"a:b\" through and apply fails.",
        "Rename the group without ':'.", asg_04),
    rule("ASG-05", Error, Autoscaling, "A group's load balancer must be in the group's own VPC.",
        "Targets register into a target group of their VPC; the export also sets the ELB health check type for groups behind a load balancer.",
        "Point the group at a load balancer in its own VPC.", asg_05),
    rule("ASG-06", Warning, Autoscaling, "The group's subnets should have room for its maximum size.",
        "Each instance takes an address; a group that cannot get addresses stops scaling out exactly when it is needed.",
        "Lower max or use larger or more subnets.", asg_06),
];

fn asgs<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Asg)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Asg(a) => Some((r, v, a)),
                _ => None,
            })
        })
    })
}

fn label(r: &Region, v: &Vpc, a: &Asg) -> String {
    format!("Auto-scaling group {} in {}", short(&a.name), where_(r, v))
}

fn asg_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in asgs(ctx) {
        if !(a.min <= a.desired && a.desired <= a.max) {
            out.emit(
                &[&a.id],
                format!(
                    "{} has min {}, desired {}, max {}; it needs min <= desired <= max.",
                    label(r, v, a),
                    a.min,
                    a.desired,
                    a.max
                ),
            );
        }
    }
}

fn asg_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in asgs(ctx) {
        for id in &a.subnets {
            if let Some((sr, sv, s)) = ctx.index.subnet(id) {
                if sv.id != v.id {
                    out.emit_at(
                        Error,
                        &[&a.id, &s.id],
                        format!(
                            "{} uses subnet {} of {}, not of its own VPC.",
                            label(r, v, a),
                            short(&s.name),
                            where_(sr, sv)
                        ),
                    );
                }
            }
        }
        let n = azs(&ctx.index, &a.subnets).len();
        if n == 0 {
            out.emit_at(
                Error,
                &[&a.id],
                format!(
                    "{} has no subnets to launch instances into.",
                    label(r, v, a)
                ),
            );
        } else if n < 2 {
            out.emit(&[&a.id], format!("{} runs in one AZ only.", label(r, v, a)));
        }
    }
}

fn asg_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in asgs(ctx) {
        let name = names::regional(ctx.design, &a.name);
        if let Some(p) = asg_name_problem(&name) {
            out.emit(
                &[&a.id],
                format!("{}: its AWS name \"{}\" {p}.", label(r, v, a), short(&name)),
            );
        }
    }
}

fn asg_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in asgs(ctx) {
        let Some(t) = &a.target else { continue };
        if let Some((tr, tv, alb)) = ctx.index.vpc_node(t) {
            if tv.id != v.id {
                out.emit(
                    &[&a.id, t],
                    format!(
                        "{} targets load balancer {} in {}, outside its VPC.",
                        label(r, v, a),
                        short(alb.name()),
                        where_(tr, tv)
                    ),
                );
            }
        }
    }
}

fn asg_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in asgs(ctx) {
        let room: u64 = a
            .subnets
            .iter()
            .filter_map(|s| ctx.cidr(s))
            .map(usable_ips)
            .sum();
        if !a.subnets.is_empty() && room > 0 && u64::from(a.max) > room {
            out.emit(
                &[&a.id],
                format!(
                    "{} may grow to {} instances but its subnets have {room} usable addresses.",
                    label(r, v, a),
                    a.max
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{Asg, Design, VpcNode};

    fn with_asg(f: impl FnOnce(&mut Asg)) -> (Design, Design) {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Asg(a) = &mut bad.regions[0].vpcs[0].nodes[1] {
            f(a);
        }
        (bad, good)
    }

    #[test]
    fn asg_01_capacity_order() {
        let (bad, good) = with_asg(|a| (a.min, a.desired, a.max) = (5, 10, 2));
        fires_and_not("ASG-01", &bad, "use1-app", &good);
    }

    #[test]
    fn asg_03_one_az_and_foreign_subnet() {
        let (bad, good) = with_asg(|a| a.subnets.truncate(1));
        fires_and_not("ASG-03", &bad, "use1-app", &good);
        let (bad, good) = with_asg(|a| a.subnets.push("usw2-app-a".into()));
        fires_and_not("ASG-03", &bad, "use1-app", &good);
        assert!(findings(&bad, "ASG-03")
            .iter()
            .any(|d| d.severity == crate::core::validate::Severity::Error));
    }

    #[test]
    fn asg_04_colon_in_name() {
        let (bad, good) = with_asg(|a| a.name = "app:blue".into());
        fires_and_not("ASG-04", &bad, "use1-app", &good);
    }

    #[test]
    fn asg_05_target_in_another_vpc() {
        let (bad, good) = with_asg(|a| a.target = Some("usw2-alb".into()));
        fires_and_not("ASG-05", &bad, "use1-app", &good);
    }

    #[test]
    fn asg_06_max_beyond_address_space() {
        let (bad, good) = with_asg(|a| a.max = 1000);
        fires_and_not("ASG-06", &bad, "use1-app", &good);
    }
}
