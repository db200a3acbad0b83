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
        // The lost targets that answered before the failure: a failover
        // record's primary; a weighted record's targets above weight 0
        // (Route 53 answers with a 0-weight record only when every other
        // one is unhealthy); every target of the other policies.
        let took: Vec<_> = dead
            .iter()
            .filter(|t| match r.policy {
                RoutingPolicy::Failover => t.role == Some(FailoverRole::Primary),
                RoutingPolicy::Weighted => t.weight != Some(0),
                _ => true,
            })
            .collect();
        if took.is_empty() {
            let which = if r.policy == RoutingPolicy::Failover {
                "its standby target was"
            } else if dead.len() == 1 {
                "a target of weight 0 was"
            } else {
                "targets of weight 0 were"
            };
            s.notes.push(format!(
                "Record {}: only {which} in {code}; traffic is unchanged.",
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
        for t in took {
            let start = 0;
            let detect = detection(
                places,
                s,
                t.health_check.as_ref(),
                &t.target,
                &r.name,
                start,
            );
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
        // Only endpoints that took traffic (weight and traffic dial above 0)
        // move any; each is detected through its own load balancer's
        // target health, so the slowest one ends the move.
        let took: Vec<_> = dead
            .iter()
            .filter(|e| e.weight > 0 && e.traffic_dial > 0)
            .collect();
        if took.is_empty() {
            s.notes.push(format!(
                "Accelerator {}: only endpoints that took no traffic (weight or traffic dial 0) were in {code}; traffic is unchanged.",
                a.name
            ));
            continue;
        }
        let several = took.len() > 1;
        for e in took {
            // Named when more than one moves, so each step says which.
            let alb = match places.alb(&e.target) {
                Some(x) if several => format!(" {}", x.name),
                _ => String::new(),
            };
            let mut step = alb_health_step(
                places,
                s,
                &e.target,
                &format!("Accelerator {} sees load balancer{alb}", a.name),
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
    }
    (traffic_end, blocked)
}

/// How Route 53 learns that `target` failed: its own health check when the
/// record has one (the design's interval × threshold), else the load
/// balancer's target health through the alias's `evaluate_target_health`.
fn detection(
    places: &Places<'_>,
    s: &mut Scenario,
    hc: Option<&crate::core::model::HealthCheck>,
    target: &str,
    record: &str,
    start: u32,
) -> Step {
    match hc {
        Some(h) => {
            let (interval, threshold) = r53_check(h.interval, h.failure_threshold);
            if (interval, threshold) != (h.interval, h.failure_threshold) {
                let rules = match (interval != h.interval, threshold != h.failure_threshold) {
                    (true, true) => "rules R53-14 and R53-15",
                    (true, false) => "rule R53-14",
                    _ => "rule R53-15",
                };
                let note = format!(
                    "Record {record}: Route 53 does not accept its health check ({} failures {} s apart; {rules} in `topoform check`), so the timeline assumes {threshold} failure{} {interval} s apart.",
                    h.failure_threshold, h.interval, if threshold == 1 { "" } else { "s" }
                );
                if !s.notes.contains(&note) {
                    s.notes.push(note);
                }
            }
            design_step(
                format!("Route 53's health check on {record} fails {threshold} time{}, {interval} s apart.", if threshold == 1 { "" } else { "s" }),
                interval * threshold,
                "the design's health check: interval × failure threshold (Route 53 Developer Guide, \"How Route 53 determines whether a health check is healthy\")",
                Track::Traffic,
                start,
            )
        }
        None => alb_health_step(
            places,
            s,
            target,
            &format!("Route 53 sees {record}'s load balancer"),
            start,
            false,
        ),
    }
}

/// A Route 53 health check's interval and failure threshold as the
/// timeline uses them: the design's when Route 53 accepts them (10 or 30 s,
/// 1 to 10 failures), else the nearest it accepts (30 s, its standard
/// interval), so an invalid design never yields a saturated or made-up RTO.
fn r53_check(interval: u32, threshold: u32) -> (u32, u32) {
    use crate::core::model::HealthCheck as H;
    let interval = if H::INTERVALS.contains(&interval) {
        interval
    } else {
        30
    };
    let t = &H::FAILURE_THRESHOLDS;
    (interval, threshold.clamp(*t.start(), *t.end()))
}

/// A target group's interval and unhealthy threshold as the timeline uses
/// them: clamped to what AWS accepts (5-300 s, 2-10 failures).
fn alb_check(interval: u32, threshold: u32) -> (u32, u32) {
    use crate::core::model::AlbHealthCheck as H;
    let (i, t) = (&H::INTERVALS, &H::THRESHOLDS);
    (
        interval.clamp(*i.start(), *i.end()),
        threshold.clamp(*t.start(), *t.end()),
    )
}

/// Detection through a load balancer's target health: its target group's
/// interval × unhealthy threshold.
fn alb_health_step(
    places: &Places<'_>,
    s: &mut Scenario,
    alb: &str,
    who: &str,
    start: u32,
    documented: bool,
) -> Step {
    let (interval, threshold) = match places.alb(alb) {
        Some(a) => {
            let (given_i, given_t) = (a.health_check.interval, a.health_check.unhealthy_threshold);
            let used = alb_check(given_i, given_t);
            if used != (given_i, given_t) {
                let note = format!(
                    "Load balancer {}: AWS does not accept its target health check ({given_t} failures {given_i} s apart; rule ALB-07 in `topoform check`), so the timeline assumes {} failures {} s apart.",
                    a.name, used.1, used.0
                );
                if !s.notes.contains(&note) {
                    s.notes.push(note);
                }
            }
            used
        }
        None => (30, 3),
    };
    let source = if documented {
        "the target group's interval × unhealthy threshold (Global Accelerator Developer Guide, \"Health check options\")"
    } else {
        "estimate: the alias evaluates the load balancer's target health, so detection ≈ the target group's interval × unhealthy threshold (Route 53 Developer Guide, evaluate target health)"
    };
    design_step(
        format!("{who} unhealthy: {threshold} failed target checks, {interval} s apart."),
        interval * threshold,
        source,
        Track::Traffic,
        start,
    )
}
