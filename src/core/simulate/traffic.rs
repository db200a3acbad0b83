//! Traffic leaving a failed place: every DNS record and accelerator that
//! sent traffic to a target there detects it and moves to the targets that
//! survive, or cannot. Shared by region and component failures.

use super::places::Places;
use super::{design_step, fact_step, Scenario, Step, Track};
use crate::core::model::{Design, FailoverRole, RoutingPolicy};

/// Adds the traffic steps and notes of losing the targets `in_failed`
/// calls dead (`code` names the failed place in messages); returns when
/// traffic has moved and whether some of it cannot.
pub(super) fn leave(
    design: &Design,
    places: &Places<'_>,
    s: &mut Scenario,
    in_failed: &dyn Fn(&str) -> bool,
    code: &str,
) -> (u32, bool) {
    let mut blocked = false;
    let mut traffic_end = 0u32;
    for r in design.dns.iter().flat_map(|d| &d.records) {
        let (dead, alive): (Vec<_>, Vec<_>) = r.targets.iter().partition(|t| in_failed(&t.target));
        if dead.is_empty() {
            continue;
        }
        let took_traffic = match r.policy {
            RoutingPolicy::Failover => dead.iter().any(|t| t.role == Some(FailoverRole::Primary)),
            _ => true,
        };
        if !took_traffic {
            s.notes.push(format!(
                "Record {}: only its standby target was in {code}; traffic is unchanged.",
                r.name
            ));
            continue;
        }
        if alive.is_empty() {
            s.unrecoverable.push(r.id.clone());
            s.notes.push(format!(
                "Record {}: every target is in {code}; nothing answers until the region returns.",
                r.name
            ));
            blocked = true;
            continue;
        }
        if r.policy == RoutingPolicy::Simple {
            s.unrecoverable.push(r.id.clone());
            s.notes.push(format!(
                "Record {} is a simple record: it has no failover. Someone must change it, through Route 53's control plane, which runs in us-east-1.",
                r.name
            ));
            blocked = true;
            continue;
        }
        if r.policy == RoutingPolicy::Geolocation {
            let default_alive = alive
                .iter()
                .any(|t| t.location.as_ref().is_some_and(|l| l.default == Some(true)));
            let lost_default = dead
                .iter()
                .any(|t| t.location.as_ref().is_some_and(|l| l.default == Some(true)));
            if !default_alive {
                s.unrecoverable.push(r.id.clone());
                s.notes.push(format!(
                    "Record {}: the locations served from {code} have no default (*) answer elsewhere, so those users get no answer{}.",
                    r.name,
                    if lost_default { " (the default itself was there)" } else { "" }
                ));
                blocked = true;
                continue;
            }
        }
        for t in &dead {
            let start = 0;
            let detect = detection(places, t.health_check.as_ref(), &t.target, &r.name, start);
            let ttl = fact_step(
                "alias-ttl",
                format!(
                    "Resolvers drop the cached answer for {} (alias TTL).",
                    r.name
                ),
                Track::Traffic,
                false,
                detect.ends_at,
            );
            traffic_end = traffic_end.max(ttl.ends_at);
            s.steps.push(detect);
            s.steps.push(ttl);
        }
    }
    for a in &design.accelerators {
        let (dead, alive): (Vec<_>, Vec<_>) =
            a.endpoints.iter().partition(|e| in_failed(&e.target));
        if dead.is_empty() {
            continue;
        }
        if alive.is_empty() {
            s.unrecoverable.push(a.id.clone());
            s.notes.push(format!(
                "Accelerator {}: every endpoint is in {code}.",
                a.name
            ));
            blocked = true;
            continue;
        }
        let e = dead[0];
        let mut step = alb_health_step(
            places,
            &e.target,
            &format!("Accelerator {} sees load balancer", a.name),
            0,
            true,
        );
        step.what = format!(
            "{} (Global Accelerator follows the load balancer's target health).",
            step.what.trim_end_matches('.')
        );
        let shift = fact_step(
            "ga-shift",
            format!(
                "Accelerator {} sends new connections to the next healthy region.",
                a.name
            ),
            Track::Traffic,
            false,
            step.ends_at,
        );
        traffic_end = traffic_end.max(shift.ends_at);
        s.steps.push(step);
        s.steps.push(shift);
    }
    (traffic_end, blocked)
}

/// How Route 53 learns that `target` failed: its own health check when the
/// record has one (the design's interval × threshold), else the load
/// balancer's target health through the alias's `evaluate_target_health`.
fn detection(
    places: &Places<'_>,
    hc: Option<&crate::core::model::HealthCheck>,
    target: &str,
    record: &str,
    start: u32,
) -> Step {
    match hc {
        Some(h) => design_step(
            format!("Route 53's health check on {record} fails {} times, {} s apart.", h.failure_threshold, h.interval),
            h.interval.saturating_mul(h.failure_threshold),
            "the design's health check: interval × failure threshold (Route 53 Developer Guide, \"How Route 53 determines whether a health check is healthy\")",
            Track::Traffic,
            start,
        ),
        None => alb_health_step(places, target, &format!("Route 53 sees {record}'s load balancer"), start, false),
    }
}

/// Detection through a load balancer's target health: its target group's
/// interval × unhealthy threshold.
fn alb_health_step(
    places: &Places<'_>,
    alb: &str,
    who: &str,
    start: u32,
    documented: bool,
) -> Step {
    let (interval, threshold) = match places.alb(alb) {
        Some(a) => (a.health_check.interval, a.health_check.unhealthy_threshold),
        None => (30, 3),
    };
    let source = if documented {
        "the target group's interval × unhealthy threshold (Global Accelerator Developer Guide, \"Health check options\")"
    } else {
        "estimate: the alias evaluates the load balancer's target health, so detection ≈ the target group's interval × unhealthy threshold (Route 53 Developer Guide, evaluate target health)"
    };
    design_step(
        format!("{who} unhealthy: {threshold} failed target checks, {interval} s apart."),
        interval.saturating_mul(threshold),
        source,
        Track::Traffic,
        start,
    )
}
