//! Route 53 health check rules.

use super::route53::{label, records};
use crate::core::model::{CheckProtocol, HealthCheck, ObjectRef, VpcNode};
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Route53, Report, Rule, Severity::*};

/// The Route 53 health check rules.
pub const RULES: &[Rule] = &[
    rule("R53-14", Error, Route53, "Health check interval is 10 or 30 seconds.",
        "Route 53 offers only the two request intervals (and cannot change it later).",
        "Use 10 (fast) or 30 (standard).", r53_14),
    rule("R53-15", Error, Route53, "Health check failure threshold is 1 to 10.",
        "Route 53 accepts 1-10 consecutive failures before a change of state.",
        "Use a threshold from 1 to 10 (3 is the default).", r53_15),
    rule("R53-17", Error, Route53, "Health checks can only reach public endpoints.",
        "Route 53 health checkers run outside your VPCs; an internal load balancer is unreachable and always unhealthy.",
        "Check an internet-facing load balancer, or drop the health check and rely on target health.", r53_17),
    rule("R53-22", Error, Route53, "Health check endpoints need a port, and a path starting with '/' for HTTP and HTTPS.",
        "HTTP(S) checks request a path; TCP checks only connect, so a path there is meaningless.",
        "Set a port, and for HTTP(S) a path such as /health.", r53_22),
];

fn checks<'a>(
    ctx: &'a Ctx<'a>,
) -> impl Iterator<
    Item = (
        &'a crate::core::model::Record,
        &'a crate::core::model::Target,
        &'a crate::core::model::HealthCheck,
    ),
> {
    records(ctx).flat_map(|r| {
        r.targets
            .iter()
            .filter_map(move |t| t.health_check.as_ref().map(|h| (r, t, h)))
    })
}

fn r53_14(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t, h) in checks(ctx) {
        if !HealthCheck::INTERVALS.contains(&h.interval) {
            out.emit(
                &[&r.id, &t.target],
                format!(
                    "{}: the health check on {} runs every {} s.",
                    label(ctx, r),
                    ctx.name_of(&t.target),
                    h.interval
                ),
            );
        }
    }
}

fn r53_15(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t, h) in checks(ctx) {
        if !HealthCheck::FAILURE_THRESHOLDS.contains(&h.failure_threshold) {
            out.emit(
                &[&r.id, &t.target],
                format!(
                    "{}: the health check on {} has failure threshold {}.",
                    label(ctx, r),
                    ctx.name_of(&t.target),
                    h.failure_threshold
                ),
            );
        }
    }
}

fn r53_17(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t, _) in checks(ctx) {
        if let Some(ObjectRef::VpcNode {
            node: VpcNode::Alb(a),
            ..
        }) = ctx.index.get(&t.target)
        {
            if a.internal {
                out.emit(&[&r.id, &t.target], format!(
                    "{}: load balancer {} is internal; Route 53 health checkers cannot reach it.", label(ctx, r), ctx.name_of(&a.id)));
            }
        }
    }
}

fn r53_22(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t, h) in checks(ctx) {
        let problem = if h.port == 0 {
            Some("has port 0".to_string())
        } else {
            match (h.protocol, h.path.as_deref()) {
                (CheckProtocol::Tcp, Some(p)) => {
                    Some(format!("is TCP but has path {:?}", short(p)))
                }
                (CheckProtocol::Http | CheckProtocol::Https, None) => {
                    Some("is HTTP(S) but has no path".into())
                }
                (CheckProtocol::Http | CheckProtocol::Https, Some(p))
                    if !p.starts_with('/') || p.len() > 255 =>
                {
                    Some(format!(
                        "has path {:?}, which must start with '/' (at most 255 characters)",
                        short(p)
                    ))
                }
                _ => None,
            }
        };
        if let Some(p) = problem {
            out.emit(
                &[&r.id, &t.target],
                format!(
                    "{}: the health check on {} {p}.",
                    label(ctx, r),
                    ctx.name_of(&t.target)
                ),
            );
        }
    }
}
