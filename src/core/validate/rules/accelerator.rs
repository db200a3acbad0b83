//! Global Accelerator rules: endpoint groups, dials, health checks, names.

use crate::core::catalog;
use crate::core::model::{Accelerator, ObjectRef, TransportProtocol, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{
    rule, Ctx, Family::Accelerator as AcceleratorFamily, Report, Rule, Severity::*,
};
use std::collections::{BTreeMap, BTreeSet};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    (
        "GA-07",
        "The exporter takes endpoint group regions from the catalog regions of the endpoints.",
    ),
    (
        "GA-08",
        "The exporter uses Global Accelerator's hosted zone id for alias records.",
    ),
    (
        "GA-09",
        "Info only: provider 5.x sends Global Accelerator calls to us-west-2 itself.",
    ),
    (
        "GA-10",
        "Info only: client IP preservation keeps its default.",
    ),
];

/// The Global Accelerator family.
pub const RULES: &[Rule] = &[
    rule("GA-01", Error, AcceleratorFamily, "Each load balancer is an endpoint once; one endpoint group per region.",
        "A listener can have only one endpoint group per region; the export groups endpoints by region, so a repeated endpoint would be a duplicate.",
        "Remove the repeated endpoint.", ga_01),
    rule("GA-02", Error, AcceleratorFamily, "Traffic dials are 0-100, and at least one is above 0.",
        "The dial is a percentage; with every dial at 0 the accelerator sends traffic nowhere.",
        "Set dials from 0 to 100, at least one above 0.", ga_02),
    rule("GA-03", Error, AcceleratorFamily, "Health check interval is 10 or 30 seconds.",
        "Global Accelerator accepts only 10 or 30; the provider lets 20 through to apply. For load-balancer endpoints (every endpoint a design has) AWS ignores these settings and follows the load balancer's target health, so the export does not write them; they matter only for other endpoint kinds.",
        "Use 10 or 30.", ga_03),
    rule("GA-04", Error, AcceleratorFamily, "Health check threshold is 1-10, endpoint weights 0-255.",
        "ThresholdCount takes 1-10 and EndpointWeight 0-255. The threshold, like the interval, is ignored for load-balancer endpoints (the load balancer's target health decides).",
        "Use values in range.", ga_04),
    rule("GA-05", Error, AcceleratorFamily, "Endpoints must be load balancers in known regions.",
        "An endpoint lives in its endpoint group's region; the export needs the region of every endpoint.",
        "Use load balancers in catalog regions; an accelerator needs at least one endpoint.", ga_05),
    rule("GA-06", Error, AcceleratorFamily, "Accelerator names (project-environment-name) and listeners must be valid, and the listener must fit its load balancers.",
        "Names are at most 64 letters, digits, '.' and '-', not starting or ending with '-' or '.'; Terraform's provider 5.100.0 refuses the dots, so the export writes each '.' as '-' and judges that name. The listener needs a port. Every endpoint is an application load balancer, which serves only TCP (HTTP or HTTPS), so a UDP listener reaches nothing. The export maps the listener's port to each load balancer's own port with one port override per endpoint group (one per region), so the load balancers of one region must listen on the same port.",
        "Rename the accelerator; set a listener port from 1 to 65535; use TCP; give the load balancers of one region the same listener port.", ga_06),
];

fn label(a: &Accelerator) -> String {
    format!("Accelerator {}", short(&a.name))
}

fn ga_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for a in &ctx.design.accelerators {
        let mut seen = BTreeSet::new();
        for e in &a.endpoints {
            if !seen.insert(&e.target) {
                out.emit(
                    &[&a.id, &e.target],
                    format!(
                        "{} lists endpoint {} twice.",
                        label(a),
                        ctx.name_of(&e.target)
                    ),
                );
            }
        }
    }
}

fn ga_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for a in &ctx.design.accelerators {
        for e in a.endpoints.iter().filter(|e| e.traffic_dial > 100) {
            out.emit(
                &[&a.id, &e.target],
                format!(
                    "{}: endpoint {} has traffic dial {}%.",
                    label(a),
                    ctx.name_of(&e.target),
                    e.traffic_dial
                ),
            );
        }
        if !a.endpoints.is_empty() && a.endpoints.iter().all(|e| e.traffic_dial == 0) {
            out.emit(
                &[&a.id],
                format!(
                    "{} has every traffic dial at 0, so it serves no traffic.",
                    label(a)
                ),
            );
        }
    }
}

fn ga_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for a in &ctx.design.accelerators {
        let i = a.health_check.interval;
        if i != 10 && i != 30 {
            out.emit(
                &[&a.id],
                format!(
                    "{} checks health every {i} s; only 10 or 30 are allowed.",
                    label(a)
                ),
            );
        }
    }
}

fn ga_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for a in &ctx.design.accelerators {
        if !(1..=10).contains(&a.health_check.threshold) {
            out.emit(
                &[&a.id],
                format!(
                    "{} has health check threshold {}.",
                    label(a),
                    a.health_check.threshold
                ),
            );
        }
        for e in a.endpoints.iter().filter(|e| e.weight > 255) {
            out.emit(
                &[&a.id, &e.target],
                format!(
                    "{}: endpoint {} has weight {}.",
                    label(a),
                    ctx.name_of(&e.target),
                    e.weight
                ),
            );
        }
    }
}

fn ga_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for a in &ctx.design.accelerators {
        if a.endpoints.is_empty() {
            out.emit(&[&a.id], format!("{} has no endpoints.", label(a)));
        }
        for e in &a.endpoints {
            if let Some(ObjectRef::VpcNode { region, .. }) = ctx.index.get(&e.target) {
                if catalog::region(&region.code).is_none() {
                    out.emit(
                        &[&a.id, &e.target],
                        format!(
                            "{}: endpoint {} is in \"{}\", which is not an AWS region.",
                            label(a),
                            ctx.name_of(&e.target),
                            short(&region.code)
                        ),
                    );
                }
            }
        }
    }
}

fn ga_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for a in &ctx.design.accelerators {
        // The name as exported: dots written as hyphens (names::accelerator).
        let name = names::accelerator(ctx.design, &a.name);
        let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
        let bad_edge = |c: char| c == '-';
        if name.is_empty()
            || name.len() > 64
            || !name.chars().all(ok_char)
            || name.starts_with(bad_edge)
            || name.ends_with(bad_edge)
        {
            out.emit(&[&a.id], format!("{}: its AWS name \"{}\" must be 1-64 letters, digits or '-' (the export writes each '.' as '-'), not starting or ending with '-'.", label(a), short(&name)));
        }
        if a.listener.port == 0 {
            out.emit(&[&a.id], format!("{} listens on port 0.", label(a)));
        }
        ga_06_listener_fits(ctx, a, out);
        if !a.health_check.path.starts_with('/') {
            out.emit(
                &[&a.id],
                format!(
                    "{}: health check path {:?} must start with '/'.",
                    label(a),
                    short(&a.health_check.path)
                ),
            );
        }
    }
}

/// The listener against its load balancer endpoints: an ALB serves only TCP,
/// and the endpoint group of one region can map the listener's port to only
/// one endpoint port (`port_override`, written by the exporter).
fn ga_06_listener_fits(ctx: &Ctx<'_>, a: &Accelerator, out: &mut Report<'_>) {
    let mut ports: BTreeMap<&str, BTreeMap<u16, Vec<&str>>> = BTreeMap::new();
    for e in &a.endpoints {
        let Some((region, _, VpcNode::Alb(alb))) = ctx.index.vpc_node(&e.target) else {
            continue;
        };
        if a.listener.protocol == TransportProtocol::Udp {
            out.emit(&[&a.id, &e.target], format!(
                "{} listens on UDP, but endpoint {} is a load balancer, which serves only TCP ({} {}); it would never get the traffic.",
                label(a), ctx.name_of(&e.target), alb.listener.protocol.as_str(), alb.listener.port));
        }
        ports
            .entry(region.code.as_str())
            .or_default()
            .entry(alb.listener.port)
            .or_default()
            .push(&e.target);
    }
    for (code, by_port) in ports.into_iter().filter(|(_, p)| p.len() > 1) {
        let ids: Vec<&str> = std::iter::once(a.id.as_str())
            .chain(by_port.values().flatten().copied())
            .collect();
        let list = by_port
            .iter()
            .map(|(port, eps)| {
                let names: Vec<String> = eps.iter().map(|e| ctx.name_of(e)).collect();
                format!("{} on {port}", names.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.emit(&ids, format!(
            "{}: its load balancers in {} listen on different ports ({list}); one endpoint group can send listener port {} to only one of them.",
            label(a), short(code), a.listener.port));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{Accelerator, Alb, Design, TransportProtocol, VpcNode};

    fn with(f: impl FnOnce(&mut Accelerator)) -> (Design, Design) {
        let good = base("active-active");
        let mut bad = good.clone();
        f(&mut bad.accelerators[0]);
        (bad, good)
    }

    #[test]
    fn ga_01_repeated_endpoint() {
        let (bad, good) = with(|a| a.endpoints.push(a.endpoints[0].clone()));
        fires_and_not("GA-01", &bad, "edge", &good);
    }

    #[test]
    fn ga_02_dials() {
        let (bad, good) = with(|a| a.endpoints[0].traffic_dial = 101);
        fires_and_not("GA-02", &bad, "edge", &good);
        let (bad, good) = with(|a| a.endpoints.iter_mut().for_each(|e| e.traffic_dial = 0));
        fires_and_not("GA-02", &bad, "edge", &good);
    }

    #[test]
    fn ga_03_04_health_and_weights() {
        let (bad, good) = with(|a| a.health_check.interval = 20);
        fires_and_not("GA-03", &bad, "edge", &good);
        let (bad, good) = with(|a| a.health_check.threshold = 0);
        fires_and_not("GA-04", &bad, "edge", &good);
        let (bad, good) = with(|a| a.endpoints[1].weight = 256);
        fires_and_not("GA-04", &bad, "edge", &good);
    }

    #[test]
    fn ga_05_no_endpoints() {
        let (bad, good) = with(|a| a.endpoints.clear());
        fires_and_not("GA-05", &bad, "edge", &good);
    }

    #[test]
    fn ga_06_name() {
        let (bad, good) = with(|a| a.name = "edge.".into());
        fires_and_not("GA-06", &bad, "edge", &good);
        // A dot inside is written as '-' (names::accelerator): legal.
        let (dotted, _) = with(|a| a.name = "edge.one".into());
        assert!(findings(&dotted, "GA-06").is_empty());
    }

    #[test]
    fn ga_06_udp_listener_cannot_reach_load_balancers() {
        let (bad, good) = with(|a| a.listener.protocol = TransportProtocol::Udp);
        let alb = good.accelerators[0].endpoints[0].target.clone();
        fires_and_not("GA-06", &bad, &alb, &good);
    }

    #[test]
    fn ga_06_one_region_one_endpoint_port() {
        // Every load balancer on another port than the listener is fine: the
        // export writes a port override.
        let good = base("active-active");
        let mut other_port = good.clone();
        for d in other_port.regions.iter_mut() {
            for v in d.vpcs.iter_mut() {
                for n in v.nodes.iter_mut() {
                    if let VpcNode::Alb(a) = n {
                        a.listener.port = 8080;
                    }
                }
            }
        }
        assert!(findings(&other_port, "GA-06").is_empty());
        // Two load balancers of one region on different ports are not.
        let mut bad = good.clone();
        let first = bad.accelerators[0].endpoints[0].clone();
        let vpc = bad
            .regions
            .iter_mut()
            .flat_map(|r| r.vpcs.iter_mut())
            .find(|v| v.nodes.iter().any(|n| n.id() == first.target))
            .unwrap();
        let Some(VpcNode::Alb(alb)) = vpc.nodes.iter().find(|n| n.id() == first.target) else {
            panic!("the first endpoint is a load balancer");
        };
        let second = Alb {
            id: "second-alb".into(),
            name: "second".into(),
            listener: crate::core::model::Listener {
                port: alb.listener.port + 1,
                ..alb.listener.clone()
            },
            ..alb.clone()
        };
        vpc.nodes.push(VpcNode::Alb(second));
        bad.accelerators[0]
            .endpoints
            .push(crate::core::model::Endpoint {
                target: "second-alb".into(),
                ..first
            });
        fires_and_not("GA-06", &bad, "second-alb", &good);
    }
}
