//! Route 53 rules: routing policies and their targets. Health checks are
//! in `route53_health.rs`.

use crate::core::catalog;
use crate::core::model::{FailoverRole, ObjectRef, Record, RecordType, RoutingPolicy, VpcNode};
use crate::core::record_sets::{fqdn_key, location_slug, record_sets, MAX_SET_IDENTIFIER};
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Route53, Report, Rule, Severity::*};
use std::collections::{BTreeMap, BTreeSet};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    (
        "R53-01",
        "The exporter writes a set_identifier on every routed record set (core::record_sets).",
    ),
    (
        "R53-06",
        "The exporter always sets evaluate_target_health = true on alias records.",
    ),
    (
        "R53-16",
        "Format v1 has no checker-region list; the export lets Route 53 use all checker regions.",
    ),
    ("R53-18", "Format v1 has no calculated health checks."),
    (
        "R53-19",
        "Format v1 health checks target load balancers and accelerators, never instances.",
    ),
    ("R53-20", "Info only (feeds failover-time estimates)."),
];

/// The Route 53 family (records); see also [`super::route53_health::RULES`].
pub const RULES: &[Rule] = &[
    rule("R53-02", Error, Route53, "Every record set of one name and type gets its own set identifier.",
        "Route 53 rejects two record sets of one name and type with the same set identifier. The export derives it from the target, then its location, role or weight, then the record; a target listed twice with the same settings still clashes.",
        "Give the repeated target a different location or weight, or remove the repeat.", r53_02),
    rule("R53-03", Error, Route53, "Records sharing a name and type share one routing policy; a simple one stands alone.",
        "Route 53 cannot mix policies (or add a plain record) under one name and type.",
        "Merge the records, or give them different names.", r53_03),
    rule("R53-04", Error, Route53, "A failover name and type has exactly one primary and one secondary target.",
        "Failover is a pair: one PRIMARY and one SECONDARY record set per name and type, counted across all records of that name (names are case-insensitive), not per record.",
        "Keep one failover record per name and type, with two targets: one primary and one secondary.", r53_04),
    rule("R53-05", Warning, Route53, "A failover primary should have an explicit health check.",
        "The export writes every alias with evaluate_target_health, so the load balancer's target health already moves traffic; an explicit Route 53 check on the application's health path also catches a region whose load balancer answers but whose application does not, and says how fast (interval × threshold).",
        "Add a health check (e.g. HTTPS /health, 10 s × 3) to the primary target.", r53_05),
    rule("DES-10", Error, Route53, "A failover primary points into the primary region, its secondary outside it.",
        "The export makes the PRIMARY target the one Route 53 serves while healthy; a PRIMARY in a secondary region sends production traffic to the DR region.",
        "Swap the two targets' failover roles, or make the other region primary.", des_10),
    rule("R53-07", Error, Route53, "Latency targets must be load balancers in latency-routing regions, one per region.",
        "Latency records take their region from the target; Terraform's provider 5.100.0 accepts only its list of regions, and one record per region.",
        "Keep one load balancer per region in the record; use a supported region.", r53_07),
    rule("R53-08", Error, Route53, "Geolocation targets need one valid location each, none repeated within a name and type.",
        "Each needs exactly one of a continent, a country (with a US state only under US), or the default; continent plus country is rejected at apply. Route 53 allows one record set per location and (case-insensitive) name and type, across all records of that name.",
        "Give every target one valid location.", r53_08),
    rule("R53-09", Warning, Route53, "Geolocation records should include a default location.",
        "Without a default (country *) for a name and type, Route 53 answers \"no answer\" to clients from places no record names; one default among all records of that name is enough.",
        "Add a target with the default location.", r53_09),
    rule("R53-10", Error, Route53, "Weighted targets need a weight from 0 to 255, at most 100 per name.",
        "Route 53 accepts weights 0-255; weight 300 passes validate and fails at apply.",
        "Give every target a weight from 0 to 255.", r53_10),
    rule("R53-11", Error, Route53, "Alias records have no TTL.",
        "Every Topoform target is an alias (load balancer or accelerator); Terraform rejects ttl on an alias record.",
        "Remove the TTL.", r53_11),
    rule("R53-12", Warning, Route53, "A load balancer behind failover or latency routing needs targets.",
        "With evaluate_target_health, a load balancer whose target group is empty counts as unhealthy, so its region never gets traffic.",
        "Point an auto-scaling group at the load balancer.", r53_12),
    rule("R53-13", Warning, Route53, "Records tied to health checks should use TTLs of 60 s or less.",
        "Long TTLs keep clients on a failed endpoint after Route 53 has switched.",
        "Use a TTL of 60 s or less (alias records use the target's TTL).", r53_13),
    rule("R53-21", Error, Route53, "Target settings must match the record's policy.",
        "Roles belong to failover, weights to weighted and locations to geolocation records; anything else is exported wrongly or not at all.",
        "Remove the setting or change the record's policy.", r53_21),
    rule("R53-23", Error, Route53, "A record needs targets; a simple record exactly one.",
        "A record with no target cannot be created; a simple alias points at one target.",
        "Add a target, or use a routing policy for several.", r53_23),
    rule("R53-26", Warning, Route53, "An AAAA record needs targets with IPv6 addresses.",
        "An AAAA alias answers with the target's IPv6 addresses (ELB User Guide: a load balancer has them only with the dualstack address type, in subnets with IPv6 blocks); the export's VPCs have no IPv6 blocks and its load balancers and accelerators are IPv4 only, so Route 53 creates the record and it answers no client.",
        "Use an A record.", r53_26),
    rule("R53-24", Error, Route53, "Zone and record names must be valid DNS names.",
        "Labels are 1-63 letters, digits or hyphens, 253 characters in all; `@` is the apex and `*` a wildcard label.",
        "Fix the name (e.g. app, www, @).", r53_24),
];

pub(super) fn records<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = &'a Record> {
    ctx.design.dns.iter().flat_map(|d| &d.records)
}

fn zone<'a>(ctx: &'a Ctx<'a>) -> &'a str {
    ctx.design
        .dns
        .as_ref()
        .map(|d| d.zone.as_str())
        .unwrap_or("")
}

/// The records (of `policy`, or all), grouped the way Route 53 (and the
/// exporter, see [`fqdn_key`]) groups record sets: by case-insensitive fully
/// qualified name and type. Rules about "per name and type" judge a whole
/// group, never one record object alone: two records `login` and `LOGIN`
/// are one name.
fn by_name_and_type<'a>(
    ctx: &'a Ctx<'a>,
    policy: Option<RoutingPolicy>,
) -> BTreeMap<(String, &'a str), Vec<&'a Record>> {
    let mut groups: BTreeMap<(String, &str), Vec<&Record>> = BTreeMap::new();
    for r in records(ctx).filter(|r| policy.is_none_or(|p| r.policy == p)) {
        groups
            .entry((fqdn_key(zone(ctx), &r.name), r.kind.as_str()))
            .or_default()
            .push(r);
    }
    groups
}

/// The subjects of a group of records, and how a finding names it: the
/// record's label when it is alone, else the count and the shared name.
fn group_label(ctx: &Ctx<'_>, group: &[&Record]) -> (Vec<String>, String) {
    let ids = group.iter().map(|r| r.id.clone()).collect();
    let what = if let [r] = group {
        label(ctx, r)
    } else {
        format!(
            "The {} records {} share the name {} and type {}, and",
            group[0].policy.as_str(),
            group
                .iter()
                .map(|r| format!("{} ({})", short(&r.id), short(&r.name)))
                .collect::<Vec<_>>()
                .join(", "),
            short(&fqdn_key(zone(ctx), &group[0].name)),
            group[0].kind.as_str()
        )
    };
    (ids, what)
}

pub(super) fn label(ctx: &Ctx<'_>, r: &Record) -> String {
    let zone = zone(ctx);
    let fqdn = if r.name == "@" {
        zone.to_string()
    } else {
        format!("{}.{zone}", r.name)
    };
    format!(
        "Record {} ({} {})",
        short(&fqdn),
        r.kind.as_str(),
        r.policy.as_str()
    )
}

fn subjects<'a>(r: &'a Record, extra: &[&'a str]) -> Vec<&'a str> {
    std::iter::once(r.id.as_str())
        .chain(extra.iter().copied())
        .collect()
}

fn r53_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let zone = zone(ctx);
    let mut seen: BTreeMap<(String, &str, String), &Record> = BTreeMap::new();
    for set in record_sets(ctx.design) {
        let (r, t) = (set.record, set.target);
        let Some(id) = set.set_identifier else {
            continue;
        };
        if id.len() > MAX_SET_IDENTIFIER {
            out.emit(&subjects(r, &[&t.target]), format!(
                "{}: the set identifier for target {} would be {} characters; Route 53 allows {MAX_SET_IDENTIFIER}.", label(ctx, r), ctx.name_of(&t.target), id.len()));
        }
        if let Some(first) = seen.insert((fqdn_key(zone, &r.name), r.kind.as_str(), id.clone()), r)
        {
            let how = if first.id == r.id {
                format!(
                    "lists target {} twice with the same settings",
                    ctx.name_of(&t.target)
                )
            } else {
                format!(
                    "and record {} both route to {} with the same settings",
                    ctx.name_of(&first.id),
                    ctx.name_of(&t.target)
                )
            };
            out.emit(
                &subjects(r, &[&t.target]),
                format!(
                    "{} {how}, so two record sets would share the set identifier {id}.",
                    label(ctx, r)
                ),
            );
        }
    }
}

fn r53_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for group in by_name_and_type(ctx, None).values().filter(|g| g.len() > 1) {
        let policies: BTreeSet<&str> = group.iter().map(|r| r.policy.as_str()).collect();
        let ids: Vec<&str> = group.iter().map(|r| r.id.as_str()).collect();
        if policies.len() > 1 {
            out.emit(
                &ids,
                format!(
                    "{} records named {} mix the policies {}.",
                    group.len(),
                    short(&group[0].name),
                    policies.into_iter().collect::<Vec<_>>().join(", ")
                ),
            );
        } else if group[0].policy == RoutingPolicy::Simple {
            out.emit(
                &ids,
                format!(
                    "{} simple records share the name {} and type {}.",
                    group.len(),
                    short(&group[0].name),
                    group[0].kind.as_str()
                ),
            );
        }
    }
}

fn r53_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for group in by_name_and_type(ctx, Some(RoutingPolicy::Failover)).values() {
        let targets = || group.iter().flat_map(|r| &r.targets);
        let count = |role| targets().filter(|t| t.role == Some(role)).count();
        let (p, s) = (count(FailoverRole::Primary), count(FailoverRole::Secondary));
        let n = targets().count();
        if n != 2 || p != 1 || s != 1 {
            let (ids, what) = group_label(ctx, group);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            out.emit(&ids, format!(
                "{what} {} {n} target(s) with {p} primary and {s} secondary; Route 53 needs exactly one of each per name and type.",
                if group.len() == 1 { "has" } else { "together have" }));
        }
    }
}

fn r53_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx).filter(|r| r.policy == RoutingPolicy::Failover) {
        for t in r
            .targets
            .iter()
            .filter(|t| t.role == Some(FailoverRole::Primary) && t.health_check.is_none())
        {
            out.emit(&subjects(r, &[&t.target]), format!(
                "{}: the primary {} has no health check of its own; failover then waits for the load balancer's target health.", label(ctx, r), ctx.name_of(&t.target)));
        }
    }
}

fn des_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(primary) = ctx.design.primary() else {
        return;
    };
    for r in records(ctx).filter(|r| r.policy == RoutingPolicy::Failover) {
        for t in &r.targets {
            let (Some(role), Some(region)) =
                (t.role, ctx.index.get(&t.target).and_then(|o| o.region()))
            else {
                continue;
            };
            let in_primary = region.code == primary.code;
            match role {
                FailoverRole::Primary if !in_primary => out.emit(&subjects(r, &[&t.target]), format!(
                    "{}: the PRIMARY target {} is in {}, but the primary region is {}; production traffic would go there.",
                    label(ctx, r), ctx.name_of(&t.target), short(&region.code), short(&primary.code))),
                FailoverRole::Secondary if in_primary => out.emit(&subjects(r, &[&t.target]), format!(
                    "{}: the SECONDARY target {} is in the primary region {}; the DR region would get the traffic.",
                    label(ctx, r), ctx.name_of(&t.target), short(&primary.code))),
                _ => {}
            }
        }
    }
}

fn r53_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut per_region: BTreeMap<(String, &str, String), Vec<&str>> = BTreeMap::new();
    for r in records(ctx).filter(|r| r.policy == RoutingPolicy::Latency) {
        for t in &r.targets {
            match ctx.index.get(&t.target) {
                Some(ObjectRef::VpcNode { region, .. }) => {
                    let ok = catalog::region(&region.code)
                        .is_some_and(|i| i.route53_latency_region_tf_provider_5_100_0);
                    if !ok {
                        out.emit(&subjects(r, &[&t.target]), format!(
                            "{}: target {} is in {}, which latency routing (provider 5.100.0) does not accept.", label(ctx, r), ctx.name_of(&t.target), short(&region.code)));
                    }
                    per_region
                        .entry((
                            fqdn_key(zone(ctx), &r.name),
                            r.kind.as_str(),
                            region.code.clone(),
                        ))
                        .or_default()
                        .push(&t.target);
                }
                Some(_) => out.emit(
                    &subjects(r, &[&t.target]),
                    format!(
                        "{}: target {} is not regional; latency records need load balancers.",
                        label(ctx, r),
                        ctx.name_of(&t.target)
                    ),
                ),
                None => {}
            }
        }
    }
    for ((name, _, code), ids) in per_region.into_iter().filter(|(_, ids)| ids.len() > 1) {
        out.emit(
            &ids,
            format!(
                "Latency records for {} have {} targets in {}; one per region is allowed.",
                short(&name),
                ids.len(),
                short(&code)
            ),
        );
    }
}

fn r53_08(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    // Locations must be unique per (name, type) across records, not per record.
    let mut seen: BTreeMap<(String, &str, String), (&Record, &str)> = BTreeMap::new();
    for r in records(ctx).filter(|r| r.policy == RoutingPolicy::Geolocation) {
        let name_key = fqdn_key(zone(ctx), &r.name);
        for t in &r.targets {
            let s = subjects(r, &[&t.target]);
            let Some(loc) = &t.location else {
                out.emit(
                    &s,
                    format!(
                        "{}: target {} has no location.",
                        label(ctx, r),
                        ctx.name_of(&t.target)
                    ),
                );
                continue;
            };
            let default = loc.default == Some(true) || loc.country.as_deref() == Some("*");
            let set = [
                loc.continent.is_some(),
                loc.country.is_some() || loc.subdivision.is_some(),
                loc.default == Some(true),
            ];
            let problem = if set.iter().filter(|b| **b).count() != 1 {
                Some("must name exactly one of a continent, a country or the default".to_string())
            } else if let Some(c) = loc
                .continent
                .as_deref()
                .filter(|c| !catalog::is_continent(c))
            {
                Some(format!("has unknown continent code {:?}", short(c)))
            } else if let Some(c) = loc.country.as_deref().filter(|c| !catalog::is_country(c)) {
                Some(format!("has unknown country code {:?}", short(c)))
            } else if let Some(sd) = &loc.subdivision {
                if loc.country.as_deref() != Some("US") {
                    Some("has a subdivision, which is only allowed with country US".to_string())
                } else if !catalog::is_us_state(sd) {
                    Some(format!("has unknown US state {:?}", short(sd)))
                } else {
                    None
                }
            } else {
                None
            };
            if let Some(p) = problem {
                out.emit(
                    &s,
                    format!(
                        "{}: the location of target {} {p}.",
                        label(ctx, r),
                        ctx.name_of(&t.target)
                    ),
                );
                continue;
            }
            let key = if default {
                "default".to_string()
            } else {
                format!("{:?}", (&loc.continent, &loc.country, &loc.subdivision))
            };
            let slug = location_slug(loc);
            if let Some((first, first_target)) =
                seen.insert((name_key.clone(), r.kind.as_str(), key), (r, &t.target))
            {
                let other = if first.id == r.id {
                    format!("target {}", ctx.name_of(first_target))
                } else {
                    format!(
                        "target {} of record {} (same name and type)",
                        ctx.name_of(first_target),
                        short(&first.id)
                    )
                };
                let mut s = s;
                if first.id != r.id {
                    s.push(&first.id);
                }
                out.emit(
                    &s,
                    format!(
                        "{}: target {} repeats the location {slug} that {other} already has.",
                        label(ctx, r),
                        ctx.name_of(&t.target)
                    ),
                );
            }
        }
    }
}

fn r53_09(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    // The default location is per (name, type): another record of the same
    // name may hold it.
    for group in by_name_and_type(ctx, Some(RoutingPolicy::Geolocation)).values() {
        let locations = || {
            group
                .iter()
                .flat_map(|r| &r.targets)
                .filter_map(|t| t.location.as_ref())
        };
        let has_default =
            locations().any(|l| l.default == Some(true) || l.country.as_deref() == Some("*"));
        if !has_default && group.iter().any(|r| !r.targets.is_empty()) {
            let (ids, what) = group_label(ctx, group);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            out.emit(
                &ids,
                format!(
                    "{what} {} no default location; clients elsewhere get no answer.",
                    if group.len() == 1 { "has" } else { "have" }
                ),
            );
        }
    }
}

fn r53_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx).filter(|r| r.policy == RoutingPolicy::Weighted) {
        for t in &r.targets {
            match t.weight {
                None => out.emit(
                    &subjects(r, &[&t.target]),
                    format!(
                        "{}: target {} has no weight.",
                        label(ctx, r),
                        ctx.name_of(&t.target)
                    ),
                ),
                Some(w) if w > 255 => out.emit(
                    &subjects(r, &[&t.target]),
                    format!(
                        "{}: target {} has weight {w}; weights go from 0 to 255.",
                        label(ctx, r),
                        ctx.name_of(&t.target)
                    ),
                ),
                _ => {}
            }
        }
        if r.targets.len() > 100 {
            out.emit(
                &[&r.id],
                format!(
                    "{} has {} weighted targets; the limit is 100.",
                    label(ctx, r),
                    r.targets.len()
                ),
            );
        }
    }
}

fn r53_11(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx).filter(|r| r.ttl.is_some()) {
        out.emit(
            &[&r.id],
            format!(
                "{} sets a TTL, but its targets are aliases, which take none.",
                label(ctx, r)
            ),
        );
    }
}

fn r53_12(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx)
        .filter(|r| matches!(r.policy, RoutingPolicy::Failover | RoutingPolicy::Latency))
    {
        for t in &r.targets {
            let Some((_, vpc, VpcNode::Alb(alb))) = ctx.index.vpc_node(&t.target) else {
                continue;
            };
            let served = vpc
                .nodes
                .iter()
                .any(|n| n.target() == Some(alb.id.as_str()));
            if !served {
                out.emit(&subjects(r, &[&alb.id]), format!(
                    "{}: load balancer {} has no auto-scaling group or ECS service behind it, so Route 53 sees it as unhealthy.", label(ctx, r), short(&alb.name)));
            }
        }
    }
}

fn r53_13(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx) {
        if let Some(ttl) = r.ttl.filter(|t| *t > 60) {
            if r.targets.iter().any(|t| t.health_check.is_some())
                || r.policy != RoutingPolicy::Simple
            {
                out.emit(&[&r.id], format!("{} has TTL {ttl} s; records tied to health checks should use 60 s or less.", label(ctx, r)));
            }
        }
    }
}

fn r53_21(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx) {
        for t in &r.targets {
            let wrong = match r.policy {
                RoutingPolicy::Failover => t
                    .weight
                    .is_some()
                    .then_some("a weight")
                    .or(t.location.is_some().then_some("a location")),
                RoutingPolicy::Weighted => t
                    .role
                    .map(|_| "a failover role")
                    .or(t.location.is_some().then_some("a location")),
                RoutingPolicy::Geolocation => t
                    .role
                    .map(|_| "a failover role")
                    .or(t.weight.is_some().then_some("a weight")),
                RoutingPolicy::Latency | RoutingPolicy::Simple => t
                    .role
                    .map(|_| "a failover role")
                    .or(t.weight.is_some().then_some("a weight"))
                    .or(t.location.is_some().then_some("a location")),
            };
            if let Some(what) = wrong {
                out.emit(
                    &subjects(r, &[&t.target]),
                    format!(
                        "{}: target {} has {what}, which {} records do not use.",
                        label(ctx, r),
                        ctx.name_of(&t.target),
                        r.policy.as_str()
                    ),
                );
            }
        }
    }
}

fn r53_23(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx) {
        if r.targets.is_empty() {
            out.emit(&[&r.id], format!("{} has no target.", label(ctx, r)));
        } else if r.policy == RoutingPolicy::Simple && r.targets.len() > 1 {
            out.emit(
                &[&r.id],
                format!(
                    "{} is simple but has {} targets; use a routing policy.",
                    label(ctx, r),
                    r.targets.len()
                ),
            );
        }
    }
}

fn r53_26(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in records(ctx).filter(|r| r.kind == RecordType::Aaaa) {
        out.emit(
            &[&r.id],
            format!(
                "{} points at load balancers or accelerators with IPv4 addresses only, so it would answer no client; use an A record.",
                label(ctx, r)
            ),
        );
    }
}

/// Why `name` is not a valid DNS name, or `None`.
pub(super) fn dns_name_problem(name: &str, allow_apex_and_wildcard: bool) -> Option<String> {
    // One final dot is the root's (`example.com.`); more are empty labels.
    let full = name;
    let name = name.strip_suffix('.').unwrap_or(name);
    if allow_apex_and_wildcard && name == "@" {
        return None;
    }
    if name.is_empty() {
        return Some(if full.is_empty() {
            "is empty; a DNS name has 1 to 253 characters".into()
        } else {
            "is only the root's dot; give a name such as example.com".into()
        });
    }
    if name.len() > 253 {
        return Some(format!(
            "is {} characters long; a DNS name has at most 253",
            name.len()
        ));
    }
    for (i, label) in name.split('.').enumerate() {
        if allow_apex_and_wildcard && i == 0 && label == "*" {
            continue;
        }
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return Some(format!(
                "has the label {:?}; labels are 1-63 letters, digits or inner hyphens",
                short(label)
            ));
        }
    }
    None
}

fn r53_24(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(dns) = &ctx.design.dns else { return };
    let none: [&str; 0] = [];
    if let Some(p) = dns_name_problem(&dns.zone, false) {
        out.emit(&none, format!("Zone {:?} {p}.", short(&dns.zone)));
    }
    for r in &dns.records {
        if let Some(p) = dns_name_problem(&r.name, true) {
            out.emit(&[&r.id], format!("Record name {:?} {p}.", short(&r.name)));
        }
    }
}

#[cfg(test)]
#[path = "route53_tests.rs"]
mod tests;
