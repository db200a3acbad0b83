//! Load balancing rules: ALB subnets and AZs, names, health checks, targets.

use super::names_check::{load_balancer_name_problem, target_group_name_problem};
use super::util::{azs, where_};
use crate::core::model::{Alb, AlbHealthCheck, Region, Tier, Vpc, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::LoadBalancing, Report, Rule, Severity::*};
use std::collections::{BTreeMap, BTreeSet};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    (
        "ALB-03",
        "The exporter always sets `subnets` and never `subnet_mapping`.",
    ),
    (
        "ALB-05",
        "The exporter uses full names, never `name_prefix`.",
    ),
    (
        "ALB-09",
        "Every load balancer in format v1 is an application load balancer.",
    ),
    (
        "ALB-10",
        "The exporter never sets a dual-stack address type.",
    ),
    (
        "ALB-11",
        "Folded into NET-06, which counts load balancer nodes in each subnet's address budget.",
    ),
];

/// The load balancing family.
pub const RULES: &[Rule] = &[
    rule("ALB-01", Error, LoadBalancing, "A load balancer needs subnets in at least two AZs.",
        "CreateLoadBalancer: \"You must specify subnets from at least two Availability Zones.\" One subnet passes plan and fails at apply.",
        "Add a subnet in a second AZ to the load balancer.", alb_01),
    rule("ALB-02", Error, LoadBalancing, "At most one subnet per AZ, all in the load balancer's own VPC.",
        "CreateLoadBalancer accepts only one subnet per AZ, and only subnets of the load balancer's VPC.",
        "Keep one subnet per AZ, all from the load balancer's VPC.", alb_02),
    rule("ALB-04", Error, LoadBalancing, "The load balancer name (project-environment-name) must be a valid ELB name.",
        "ELB names are at most 32 letters, digits and hyphens, not starting or ending with '-', nor with \"internal-\".",
        "Shorten or rename the load balancer, or the project or environment name.", alb_04),
    rule("ALB-06", Error, LoadBalancing, "The target group name (project-environment-name) must be a valid name.",
        "Target group names are at most 32 letters, digits and hyphens, not starting or ending with '-' (unlike load balancers, no reserved prefix); the export names the group after its load balancer.",
        "Shorten or rename the load balancer.", alb_06),
    rule("ALB-07", Error, LoadBalancing, "Health check values must be in range.",
        "Target groups accept interval 5-300 s, timeout 2-120 s, thresholds 2-10, and a path starting with '/'.",
        "Use values in range, e.g. interval 30, timeout 5, thresholds 3.", alb_07),
    rule("ALB-08", Error, LoadBalancing, "The health check interval must be greater than its timeout.",
        "AWS rejects it at apply: \"Health check interval must be greater than the timeout\"; plan lets it through.",
        "Raise the interval or lower the timeout.", alb_08),
    rule("ALB-12", Warning, LoadBalancing, "Every AZ of a load balancer should have targets.",
        "A zone with no registered targets wastes its load balancer node and sends traffic across zones; an empty target group is unhealthy.",
        "Point an auto-scaling group or ECS service at the load balancer with subnets in the same AZs.", alb_12),
    rule("ALB-13", Error, LoadBalancing, "An internet-facing load balancer must sit in public subnets.",
        "Only public subnets route to the internet gateway; in private or data subnets the load balancer is unreachable.",
        "Use the VPC's public subnets, or make the load balancer internal.", alb_13),
];

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

fn label(r: &Region, v: &Vpc, a: &Alb) -> String {
    format!("Load balancer {} in {}", short(&a.name), where_(r, v))
}

fn alb_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let n = azs(&ctx.index, &a.subnets).len();
        if n < 2 {
            out.emit(
                &[&a.id],
                format!(
                    "{} spans {n} AZ{}; it needs two.",
                    label(r, v, a),
                    if n == 1 { "" } else { "s" }
                ),
            );
        }
    }
}

fn alb_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let mut per_az: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for id in &a.subnets {
            let Some((_, sv, s)) = ctx.index.subnet(id) else {
                continue;
            };
            if sv.id != v.id {
                out.emit(
                    &[&a.id, &s.id],
                    format!(
                        "{} uses subnet {} of another VPC ({}).",
                        label(r, v, a),
                        short(&s.name),
                        short(&sv.name)
                    ),
                );
            }
            per_az.entry(&s.az).or_default().push(&s.id);
        }
        for (az, ids) in per_az.into_iter().filter(|(_, ids)| ids.len() > 1) {
            let mut subjects = vec![a.id.as_str()];
            subjects.extend(ids.iter().copied());
            out.emit(
                &subjects,
                format!(
                    "{} has {} subnets in {}; only one per AZ is allowed.",
                    label(r, v, a),
                    ids.len(),
                    short(az)
                ),
            );
        }
    }
}

fn alb_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let name = names::regional(ctx.design, &a.name);
        if let Some(p) = load_balancer_name_problem(&name) {
            out.emit(
                &[&a.id],
                format!("{}: its AWS name \"{}\" {p}.", label(r, v, a), short(&name)),
            );
        }
    }
}

fn alb_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let name = names::regional(ctx.design, &a.name);
        if let Some(p) = target_group_name_problem(&name) {
            out.emit(
                &[&a.id],
                format!(
                    "{}: its target group name \"{}\" {p}.",
                    label(r, v, a),
                    short(&name)
                ),
            );
        }
    }
}

fn alb_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let h = &a.health_check;
        let mut bad = Vec::new();
        if !AlbHealthCheck::INTERVALS.contains(&h.interval) {
            bad.push(format!(
                "health check interval {} s is outside 5-300",
                h.interval
            ));
        }
        if !(2..=120).contains(&h.timeout) {
            bad.push(format!(
                "health check timeout {} s is outside 2-120",
                h.timeout
            ));
        }
        if !AlbHealthCheck::THRESHOLDS.contains(&h.healthy_threshold) {
            bad.push(format!(
                "health check healthy threshold {} is outside 2-10",
                h.healthy_threshold
            ));
        }
        if !AlbHealthCheck::THRESHOLDS.contains(&h.unhealthy_threshold) {
            bad.push(format!(
                "health check unhealthy threshold {} is outside 2-10",
                h.unhealthy_threshold
            ));
        }
        if !h.path.starts_with('/') || h.path.len() > 1024 {
            bad.push(format!(
                "health check path {:?} must start with '/' (at most 1024 characters)",
                short(&h.path)
            ));
        }
        if a.listener.port == 0 {
            bad.push("listener port 0 is not a port".into());
        }
        if !bad.is_empty() {
            out.emit(&[&a.id], format!("{}: {}.", label(r, v, a), bad.join("; ")));
        }
    }
}

fn alb_08(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let h = &a.health_check;
        if h.interval <= h.timeout {
            out.emit(
                &[&a.id],
                format!(
                    "{}: health check interval {} s is not greater than its timeout {} s.",
                    label(r, v, a),
                    h.interval,
                    h.timeout
                ),
            );
        }
    }
}

fn alb_12(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx) {
        let mut target_azs = BTreeSet::new();
        let mut any = false;
        for n in &v.nodes {
            if n.target() == Some(a.id.as_str()) {
                any = true;
                target_azs.extend(azs(&ctx.index, n.subnets()));
            }
        }
        if !any {
            out.emit(
                &[&a.id],
                format!(
                    "{} has no auto-scaling group or ECS service behind it, so its target group stays empty.",
                    label(r, v, a)
                ),
            );
            continue;
        }
        let missing: Vec<&str> = azs(&ctx.index, &a.subnets)
            .difference(&target_azs)
            .copied()
            .collect();
        if !missing.is_empty() {
            out.emit(
                &[&a.id],
                format!(
                    "{} serves {} but no targets run there.",
                    label(r, v, a),
                    missing
                        .iter()
                        .map(|z| short(z).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}

fn alb_13(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in albs(ctx).filter(|(_, _, a)| !a.internal) {
        for id in &a.subnets {
            if let Some((_, _, s)) = ctx.index.subnet(id) {
                if s.tier != Tier::Public {
                    out.emit(
                        &[&a.id, &s.id],
                        format!(
                            "{} is internet-facing but uses {} subnet {}.",
                            label(r, v, a),
                            s.tier.as_str(),
                            short(&s.name)
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "load_balancing_tests.rs"]
mod tests;
