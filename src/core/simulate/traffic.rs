//! Traffic leaving a failed place: every DNS record and accelerator that
//! sent traffic to a target there detects it and moves to the targets that
//! survive, or cannot. Shared by region and component failures.

use super::places::Places;
use super::{design_step, fact_step, Scenario, Step, Track};
use crate::core::model::{Accelerator, Design, FailoverRole, RoutingPolicy, VpcNode};

/// How traffic leaves the failed place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    /// By itself: health checks see the targets fail, Route 53 and the
    /// accelerators stop answering with them.
    ByHealth,
    /// By the runbook, from the given second: the targets stay healthy
    /// (an AZ loss took a writer, not the front door), so nothing moves
    /// until a person moves it.
    ByRunbook(u32),
}

/// Adds the traffic steps and notes of losing the targets `in_failed`
/// calls dead (`code` names the failed place in messages); returns when
/// traffic has moved and whether some of it cannot. A record's target
/// may be an accelerator: it is lost when every endpoint of it is.
pub(super) fn leave(
    design: &Design,
    places: &Places<'_>,
    s: &mut Scenario,
    in_failed: &dyn Fn(&str) -> bool,
    code: &str,
    how: Move,
) -> (u32, bool) {
    let mut blocked = false;
    let mut traffic_end = 0u32;
    // Accelerators with every endpoint lost: a record aimed at one loses it.
    let dead_accelerators: Vec<&Accelerator> = design
        .accelerators
        .iter()
        .filter(|a| !a.endpoints.is_empty() && a.endpoints.iter().all(|e| in_failed(&e.target)))
        .collect();
    let lost = |t: &str| in_failed(t) || dead_accelerators.iter().any(|a| a.id == t);
    for r in design.dns.iter().flat_map(|d| &d.records) {
        let (dead, alive): (Vec<_>, Vec<_>) = r.targets.iter().partition(|t| lost(&t.target));
        if dead.is_empty() {
            continue;
        }
        // The lost targets that answered before the failure: a failover
        // record's primary; a weighted record's targets above weight 0
        // (Route 53 answers with a 0-weight record only when every other
        // one is unhealthy), or all of them when every weight is 0; every
        // target of the other policies.
        let took: Vec<_> = dead
            .iter()
            .filter(|t| match r.policy {
                RoutingPolicy::Failover => t.role == Some(FailoverRole::Primary),
                RoutingPolicy::Weighted => super::weighted_serves(r, t),
                _ => true,
            })
            .filter(|t| !idle(design, places, &t.target))
            .collect();
        if took.is_empty() {
            let which = if dead.iter().all(|t| idle(design, places, &t.target)) {
                if dead.len() == 1 {
                    "a load balancer with nothing running behind it (desired 0), already unhealthy to Route 53, was"
                } else {
                    "load balancers with nothing running behind them (desired 0), already unhealthy to Route 53, were"
                }
            } else if r.policy == RoutingPolicy::Failover {
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
            if let Move::ByRunbook(start) = how {
                // The target stays healthy: promote-dr.sh re-points a
                // record whose target has no Route 53 health check; one
                // with a check (which keeps passing) only when run with
                // --move-records. Either way through Route 53's control
                // plane, then the alias TTL.
                let who = if t.health_check.is_some() {
                    format!("promote-dr.sh --move-records re-points record {} (its health check keeps passing, so Route 53 would not move it)", r.name)
                } else {
                    format!("promote-dr.sh re-points record {}", r.name)
                };
                let ttl = fact_step(
                    "alias-ttl",
                    format!(
                        "{who} away from {code}; resolvers drop the cached answer (alias TTL)."
                    ),
                    Track::Traffic,
                    true,
                    start,
                );
                traffic_end = traffic_end.max(ttl.ends_at);
                s.steps.push(ttl);
                continue;
            }
            let start = 0;
            let detect = match dead_accelerators.iter().find(|a| a.id == t.target) {
                Some(a) if t.health_check.is_none() => {
                    accelerator_health_step(places, s, a, &r.name, in_failed, start)
                }
                _ => detection(
                    places,
                    s,
                    t.health_check.as_ref(),
                    &t.target,
                    &r.name,
                    start,
                ),
            };
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
            // A record aimed at it with a target that survives sends the
            // clients who use its name elsewhere (above); only those who
            // call its static IP addresses are left.
            let fronted = design.dns.iter().flat_map(|d| &d.records).any(|r| {
                r.targets.iter().any(|t| t.target == a.id)
                    && r.targets.iter().any(|t| !lost(&t.target))
            });
            if fronted {
                s.notes.push(format!(
                    "Accelerator {}: every endpoint is in {code}; the DNS records aimed at it move its clients elsewhere, but those who call its static IP addresses get no answer.",
                    a.name
                ));
                continue;
            }
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
            .filter(|e| e.weight > 0 && e.traffic_dial > 0 && !idle(design, places, &e.target))
            .collect();
        if took.is_empty() {
            s.notes.push(format!(
                "Accelerator {}: only endpoints that took no traffic (weight or traffic dial 0, or nothing running behind them) were in {code}; traffic is unchanged.",
                a.name
            ));
            continue;
        }
        if let Move::ByRunbook(start) = how {
            // Its endpoints stay healthy: it keeps sending traffic there
            // until a person turns the region's traffic dial to 0
            // (promote-dr.sh leaves accelerators to endpoint health).
            let shift = fact_step(
                "ga-shift",
                format!(
                    "A person turns accelerator {}'s traffic dial for {code} to 0 (promote-dr.sh leaves it to endpoint health, which keeps passing); new connections go to the next healthy region.",
                    a.name
                ),
                Track::Traffic,
                true,
                start,
            );
            traffic_end = traffic_end.max(shift.ends_at);
            s.steps.push(shift);
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

/// How Route 53 learns that an accelerator a record aims at failed (the
/// record has no health check of its own): the alias evaluates the
/// accelerator's health, which follows its endpoints' load balancers'
/// target health; it is down once the slowest lost endpoint is seen down.
fn accelerator_health_step(
    places: &Places<'_>,
    s: &mut Scenario,
    a: &Accelerator,
    record: &str,
    in_failed: &dyn Fn(&str) -> bool,
    start: u32,
) -> Step {
    let mut slowest: Option<Step> = None;
    for e in a.endpoints.iter().filter(|e| in_failed(&e.target)) {
        let step = alb_health_step(places, s, &e.target, "", start, false);
        if slowest.as_ref().is_none_or(|x| step.seconds > x.seconds) {
            slowest = Some(step);
        }
    }
    let seconds = slowest.map(|x| x.seconds).unwrap_or(0);
    design_step(
        format!(
            "Route 53 sees {record}'s accelerator {} unhealthy once its endpoints' load balancers are: their target health checks fail.",
            a.name
        ),
        seconds,
        "estimate: the alias evaluates the accelerator's health, which follows its load balancers' target health (Global Accelerator Developer Guide, \"Health check options\"), so detection ≈ the slowest target group's interval × unhealthy threshold",
        Track::Traffic,
        start,
    )
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

/// A load balancer nothing runs behind: every group and service aimed at
/// it at desired 0 (a pilot light's), or none. Its target health fails
/// before any outage, so Route 53 (which evaluates it through the alias)
/// and accelerators sent it no traffic: losing it moves none.
fn idle(design: &Design, places: &Places<'_>, target: &str) -> bool {
    places.alb(target).is_some()
        && design
            .regions
            .iter()
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .filter_map(|n| match n {
                VpcNode::Asg(g) if g.target.as_deref() == Some(target) => Some(g.desired),
                VpcNode::Ecs(e) if e.target.as_deref() == Some(target) => Some(e.desired),
                _ => None,
            })
            .all(|desired| desired == 0)
}

/// A load balancer that stops routing to the targets of a group or service
/// lost with its AZ, once its target health checks fail them: interval ×
/// unhealthy threshold. Until then part of its requests reach dead targets.
pub(super) fn targets_unhealthy_step(
    places: &Places<'_>,
    s: &mut Scenario,
    alb: &str,
    who: &str,
) -> Step {
    let mut step = alb_health_step(places, s, alb, who, 0, true);
    step.source = std::borrow::Cow::Borrowed(
        "the target group's interval × unhealthy threshold (Elastic Load Balancing User Guide, \"Health checks for your target groups\")",
    );
    step
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
