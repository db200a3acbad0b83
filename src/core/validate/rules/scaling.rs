//! Target-tracking scaling on groups and services, and how a load balancer
//! with more than one kind of target splits its traffic. Topoform's own ids.

use crate::core::model::{Alb, NodeKind, Region, Vpc, VpcNode};
use crate::core::validate::{rule, Ctx, Family::Autoscaling, Report, Rule, Severity::*};

/// The most target groups one forward action may weigh (ELB User Guide,
/// listener rules: "up to 5 target groups").
pub const MAX_WEIGHTED_GROUPS: usize = 5;

/// The scaling family (listed with Auto Scaling).
pub const RULES: &[Rule] = &[
    rule("SCL-01", Error, Autoscaling, "A scaling target must be between 10 and 90 percent CPU.",
        "Below 10 % the policy keeps far more capacity running than the load needs; above 90 % there is no headroom left while new capacity starts (Auto Scaling User Guide, target tracking: choose a target that leaves room for the time to launch).",
        "Set target_percent between 10 and 90; seed 002 keeps 70.", scl_01),
    rule("SCL-02", Error, Autoscaling, "A group or service that scales needs min below max.",
        "A target-tracking policy can only move the capacity between min and max; with min equal to max it never acts, and the policy is a promise the design does not keep.",
        "Raise max above min, or remove the scaling policy.", scl_02),
    rule("ALB-14", Error, Autoscaling, "A load balancer with more than one kind of target must weigh each.",
        "Groups register instances and Fargate services register IP addresses, so each kind gets its own target group and the listener forwards to them by weight. Without weights from the design the split would be the exporter's guess; a forward action takes at most 5 target groups and needs a weight above 0 on at least one.",
        "Give every group and service behind the load balancer a weight (0-999), or put them behind separate load balancers.", alb_14),
];

fn scaled<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a VpcNode, u32, u32, u32)> {
    ctx.design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter())
        .flat_map(|v| v.nodes.iter())
        .filter_map(|n| {
            let s = n.scaling()?;
            match n {
                VpcNode::Asg(a) => Some((n, s.target_percent, a.min, a.max)),
                VpcNode::Ecs(e) => Some((n, s.target_percent, e.min, e.max)),
                _ => None,
            }
        })
}

fn what(ctx: &Ctx<'_>, n: &VpcNode) -> String {
    let kind = match n.kind() {
        NodeKind::Ecs => "ECS service",
        _ => "Auto-scaling group",
    };
    format!("{kind} {}", ctx.name_of(n.id()))
}

fn scl_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (n, target, _, _) in scaled(ctx) {
        if !(10..=90).contains(&target) {
            out.emit(
                &[n.id()],
                format!(
                    "{} scales to keep CPU near {target} %; use 10 to 90 %.",
                    what(ctx, n)
                ),
            );
        }
    }
}

fn scl_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (n, _, min, max) in scaled(ctx) {
        if min >= max {
            out.emit(&[n.id()], format!("{} has a scaling policy but min {min} and max {max} leave it nothing to scale.", what(ctx, n)));
        }
    }
}

/// The groups and services behind `alb`, in design order.
pub fn targets_of<'a>(vpc: &'a Vpc, alb: &str) -> Vec<&'a VpcNode> {
    vpc.nodes
        .iter()
        .filter(|n| n.target() == Some(alb))
        .collect()
}

/// How many target groups the listener of a load balancer forwards to: one
/// shared by its groups, one per service.
pub fn target_groups(targets: &[&VpcNode]) -> usize {
    let services = targets.iter().filter(|n| n.kind() == NodeKind::Ecs).count();
    let groups = targets.iter().any(|n| n.kind() == NodeKind::Asg);
    services + usize::from(groups)
}

/// Whether the listener must weigh its target groups: more than one.
pub fn weighted(targets: &[&VpcNode]) -> bool {
    target_groups(targets) > 1
}

fn albs<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Alb)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Alb(a) => Some((r, v, a)),
                _ => None,
            })
        })
    })
}

fn alb_14(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, v, alb) in albs(ctx) {
        let targets = targets_of(v, &alb.id);
        if !weighted(&targets) {
            continue;
        }
        let name = ctx.name_of(&alb.id);
        let groups = target_groups(&targets);
        if groups > MAX_WEIGHTED_GROUPS {
            let ids: Vec<&str> = std::iter::once(alb.id.as_str())
                .chain(targets.iter().map(|n| n.id()))
                .collect();
            out.emit(&ids, format!("Load balancer {name} would forward to {groups} target groups; a listener weighs at most {MAX_WEIGHTED_GROUPS}."));
        }
        let unweighted: Vec<&VpcNode> = targets
            .iter()
            .copied()
            .filter(|n| n.weight().is_none())
            .collect();
        if !unweighted.is_empty() {
            let names: Vec<String> = unweighted.iter().map(|n| ctx.name_of(n.id())).collect();
            let ids: Vec<&str> = std::iter::once(alb.id.as_str())
                .chain(unweighted.iter().map(|n| n.id()))
                .collect();
            out.emit(&ids, format!("Load balancer {name} sends traffic to groups and services; say how it splits: {} {} no weight.", names.join(", "), if names.len() == 1 { "has" } else { "have" }));
            continue;
        }
        let over: Vec<&VpcNode> = targets
            .iter()
            .copied()
            .filter(|n| n.weight().is_some_and(|w| w > 999))
            .collect();
        for n in &over {
            out.emit(
                &[alb.id.as_str(), n.id()],
                format!(
                    "{} has weight {} behind load balancer {name}; weights go from 0 to 999.",
                    what(ctx, n),
                    n.weight().unwrap_or(0)
                ),
            );
        }
        let groups_sum: u32 = targets
            .iter()
            .filter(|n| n.kind() == NodeKind::Asg)
            .filter_map(|n| n.weight())
            .sum();
        if groups_sum > 999 {
            let ids: Vec<&str> = std::iter::once(alb.id.as_str())
                .chain(
                    targets
                        .iter()
                        .filter(|n| n.kind() == NodeKind::Asg)
                        .map(|n| n.id()),
                )
                .collect();
            out.emit(&ids, format!("Load balancer {name}'s groups share one target group, weighted by the sum of their weights: {groups_sum}, over 999."));
        }
        if targets.iter().all(|n| n.weight() == Some(0)) {
            let ids: Vec<&str> = std::iter::once(alb.id.as_str())
                .chain(targets.iter().map(|n| n.id()))
                .collect();
            out.emit(&ids, format!("Load balancer {name} gives every target weight 0: it would send traffic nowhere."));
        }
    }
}
