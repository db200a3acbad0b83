//! ElastiCache replication groups: node types, sizes, AZs, versions, names,
//! and what a cache means when a region fails. Topoform's own ids.

use super::instance_types::nearest;
use super::util::azs;
use crate::core::catalog::cache_node_types as types;
use crate::core::model::{CacheEngine, Elasticache, Region, RegionRole, Tier, Vpc, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Caching, Report, Rule, Severity::*};

/// The ElastiCache family, and the two design rules about caches in DR.
pub const RULES: &[Rule] = &[
    rule("CACHE-01", Error, Caching, "The replication group id (project-environment-name) must be 1-40 lowercase letters, digits or hyphens, start with a letter, with no '--' and no '-' at the end.",
        "CreateReplicationGroup's ReplicationGroupId rules; the id is stored lowercase, so two names that differ only in case collide (NAME-01).",
        "Shorten or rename the cache (the project and environment count too).", cache_01),
    rule("CACHE-02", Error, Caching, "The node type must be a current ElastiCache node type.",
        "A name that is not cache.family.size, or a previous-generation type (t1, m1, m2, m3, c1, r3: existing clusters only), is refused by CreateReplicationGroup at apply. A well-formed type missing from Topoform's dated list is reported as a warning instead, since AWS adds types every year.",
        "Pick a type such as cache.r7g.large or cache.t4g.medium; the message suggests the nearest listed one.", cache_02),
    rule("CACHE-03", Error, Caching, "A Multi-AZ cache needs at least two nodes in subnets of two AZs.",
        "Automatic failover promotes a replica in another AZ; ElastiCache refuses Multi-AZ with one node, and with every subnet in one AZ there is no other AZ to fail over to.",
        "Set nodes to 2 or more and give the cache subnets in two AZs, or turn Multi-AZ off.", cache_03),
    rule("CACHE-04", Warning, Caching, "A cache's subnets should span two AZs, private subnets of its own VPC.",
        "The subnet group decides where nodes (and any replacement) can go; one AZ makes the AZ a single point of failure. A subnet of another VPC fails at apply and a public subnet is reported as an error: a cache is reached from the applications only.",
        "Give the cache private or data subnets in two AZs of its VPC.", cache_04),
    rule("CACHE-05", Error, Caching, "A cache has 1 to 6 nodes.",
        "A replication group without cluster mode has one primary and up to five replicas.",
        "Set nodes between 1 and 6.", cache_05),
    rule("CACHE-06", Error, Caching, "The engine version must be one the engine offers, at least Redis OSS 7.0 or Valkey 7.2.",
        "Clients authenticate with IAM (the export writes no password), which needs Redis OSS 7.0 or later or Valkey 7.2 or later (ElastiCache User Guide, \"Authenticating with IAM\"). A malformed version fails at apply.",
        "Use Redis OSS 7.0 or 7.1, or Valkey 7.2, 8.0 or 8.1.", cache_06),
    rule("CACHE-07", Warning, Caching, "A cache should have an application in its VPC.",
        "Only the groups and services of the cache's own VPC are let in (security group and IAM); a cache with none beside it is paid for and never used.",
        "Add a group or service to the VPC, or remove the cache.", cache_07),
    rule("DES-22", Info, Caching, "A cache in the DR region starts cold after a failover.",
        "Caches are never replicated across regions (seed 003's deliberate choice: a replicated cache costs more than refilling it). After a failover every read misses until the cache refills, so the database takes the full read load for a while.",
        "Size the DR database for cache-miss load, or warm the cache in the runbook.", des_22),
    rule("DES-23", Warning, Caching, "A cache only in the primary region leaves the DR region without one.",
        "After a failover the DR region's applications have no cache to use at all, so they either fail or send every read to the database.",
        "Add a cache to the DR region's VPC (Clone region as DR copies it), or accept the load on the database.", des_23),
];

fn caches<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Elasticache)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Elasticache(c) => Some((r, v, c)),
                _ => None,
            })
        })
    })
}

fn label(ctx: &Ctx<'_>, c: &Elasticache) -> String {
    format!("Cache {}", ctx.name_of(&c.id))
}

/// Why `id` cannot be a replication group id, or `None`.
pub fn group_id_problem(id: &str) -> Option<&'static str> {
    let id = id.to_ascii_lowercase();
    if id.is_empty() || id.len() > 40 {
        Some("must be 1-40 characters")
    } else if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        Some("must start with a letter")
    } else if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("may hold only letters, digits and hyphens")
    } else if id.contains("--") || id.ends_with('-') {
        Some("may not hold '--' or end with '-'")
    } else {
        None
    }
}

fn cache_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, c) in caches(ctx) {
        let id = names::regional(ctx.design, &c.name);
        if let Some(p) = group_id_problem(&id) {
            out.emit(
                &[&c.id],
                format!(
                    "{}: its replication group id \"{}\" {p}.",
                    label(ctx, c),
                    short(&id)
                ),
            );
        }
    }
}

fn cache_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let listed = types::current();
    let listed: Vec<&str> = listed.iter().map(String::as_str).collect();
    for (_, _, c) in caches(ctx) {
        let t = c.node_type.as_str();
        let hint = || {
            nearest(t, &listed)
                .map(|s| format!("; did you mean {s}?"))
                .unwrap_or_else(|| ".".into())
        };
        if !types::is_shaped(t) {
            out.emit(
                &[&c.id],
                format!(
                    "{}: node type \"{}\" is not cache.family.size{}",
                    label(ctx, c),
                    short(t),
                    hint()
                ),
            );
        } else if types::is_previous(t) {
            out.emit(
                &[&c.id],
                format!(
                    "{}: node type {t} is a previous generation; new caches cannot use it{}",
                    label(ctx, c),
                    hint()
                ),
            );
        } else if !types::is_current(t) {
            out.emit_at(
                Warning,
                &[&c.id],
                format!(
                    "{}: node type {t} is not in Topoform's list ({}){}",
                    label(ctx, c),
                    types::SOURCE,
                    hint()
                ),
            );
        }
    }
}

fn cache_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, c) in caches(ctx) {
        if !c.multi_az {
            continue;
        }
        let n_azs = azs(&ctx.index, &c.subnets).len();
        if c.nodes < 2 {
            out.emit(
                &[&c.id],
                format!(
                    "{} is Multi-AZ with {} node{}; it needs a replica to fail over to.",
                    label(ctx, c),
                    c.nodes,
                    if c.nodes == 1 { "" } else { "s" }
                ),
            );
        }
        if n_azs < 2 {
            out.emit(
                &[&c.id],
                format!(
                    "{} is Multi-AZ but its subnets are in {n_azs} AZ.",
                    label(ctx, c)
                ),
            );
        }
    }
}

fn cache_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, v, c) in caches(ctx) {
        if c.subnets.is_empty() {
            out.emit_at(
                Error,
                &[&c.id],
                format!("{} has no subnets for its subnet group.", label(ctx, c)),
            );
            continue;
        }
        for id in &c.subnets {
            let Some((_, sv, s)) = ctx.index.subnet(id) else {
                continue;
            };
            if sv.id != v.id {
                out.emit_at(
                    Error,
                    &[&c.id, &s.id],
                    format!(
                        "{} uses subnet {} of another VPC ({}).",
                        label(ctx, c),
                        ctx.name_of(&s.id),
                        ctx.name_of(&sv.id)
                    ),
                );
            } else if s.tier == Tier::Public {
                out.emit_at(
                    Error,
                    &[&c.id, &s.id],
                    format!(
                        "{} uses public subnet {}; a cache is for the applications only.",
                        label(ctx, c),
                        ctx.name_of(&s.id)
                    ),
                );
            }
        }
        if !c.multi_az && azs(&ctx.index, &c.subnets).len() == 1 {
            out.emit(
                &[&c.id],
                format!("{} has subnets in one AZ only.", label(ctx, c)),
            );
        }
    }
}

fn cache_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, c) in caches(ctx) {
        if !(1..=6).contains(&c.nodes) {
            out.emit(
                &[&c.id],
                format!(
                    "{} has {} nodes; a cache has 1 to 6.",
                    label(ctx, c),
                    c.nodes
                ),
            );
        }
    }
}

/// Whether `v` is a version `engine` offers for a group whose clients
/// authenticate with IAM: Redis OSS 7.0 and 7.1, Valkey 7.2, 8.0 and 8.1
/// (the ElastiCache User Guide's supported versions, read 2026-12-02).
pub fn version_problem(engine: CacheEngine, v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split('.').collect();
    let numeric = !v.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !numeric || parts.len() > 3 {
        return Some(format!(
            "\"{}\" is not a version (major.minor, like {})",
            short(v),
            if engine == CacheEngine::Redis {
                "7.1"
            } else {
                "8.0"
            }
        ));
    }
    let mm = format!("{}.{}", parts[0], parts.get(1).unwrap_or(&"0"));
    let offered: &[&str] = match engine {
        CacheEngine::Redis => &["7.0", "7.1"],
        CacheEngine::Valkey => &["7.2", "8.0", "8.1"],
    };
    (!offered.contains(&mm.as_str())).then(|| {
        format!(
            "{} {v} cannot take IAM authentication, the export's only way in; use one of {}",
            engine.as_str(),
            offered.join(", ")
        )
    })
}

fn cache_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, c) in caches(ctx) {
        if let Some(p) = version_problem(c.engine, c.engine_version.trim()) {
            out.emit(&[&c.id], format!("{}: {p}.", label(ctx, c)));
        }
    }
}

fn des_22(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, _, c) in caches(ctx) {
        if r.role == RegionRole::Secondary {
            out.emit(&[&c.id], format!("{} is not replicated: after a failover to {} it starts empty and the database serves every read until it refills.", label(ctx, c), r.code));
        }
    }
}

fn des_23(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let d = ctx.design;
    let has_cache = |r: &Region| {
        r.vpcs
            .iter()
            .flat_map(|v| &v.nodes)
            .any(|n| matches!(n, VpcNode::Elasticache(_)))
    };
    let has_apps = |r: &Region| {
        r.vpcs
            .iter()
            .flat_map(|v| &v.nodes)
            .any(|n| matches!(n, VpcNode::Asg(_) | VpcNode::Ecs(_)))
    };
    let Some(primary) = d.primary() else { return };
    if !has_cache(primary) {
        return;
    }
    for r in d
        .regions
        .iter()
        .filter(|r| r.role == RegionRole::Secondary && has_apps(r) && !has_cache(r))
    {
        let ids: Vec<&str> = std::iter::once(r.id.as_str())
            .chain(
                caches(ctx)
                    .filter(|(cr, _, _)| cr.id == primary.id)
                    .map(|(_, _, c)| c.id.as_str()),
            )
            .collect();
        out.emit(&ids, format!("The primary region {} has a cache but {} has none: after a failover its applications run without one.", primary.code, r.code));
    }
}

fn cache_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, v, c) in caches(ctx) {
        if !v
            .nodes
            .iter()
            .any(|n| matches!(n, VpcNode::Asg(_) | VpcNode::Ecs(_)))
        {
            out.emit(
                &[&c.id],
                format!(
                    "{} has no group or service in its VPC to use it.",
                    label(ctx, c)
                ),
            );
        }
    }
}
