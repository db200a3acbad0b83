//! Aurora rules: global cluster topology, engines, classes, identifiers.

use super::names_check::db_identifier_problem;
use super::util::{azs, where_};
use crate::core::model::{Aurora, Region, Vpc, VpcNode};
use crate::core::names;
use crate::core::validate::{rule, Ctx, Family::Aurora as AuroraFamily, Report, Rule, Severity::*};
use std::collections::BTreeMap;
use crate::core::text::short;

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("AGD-06", "The exporter never sets credentials or a database name on secondary clusters."),
    ("AGD-07", "Format v1 has no Aurora encryption setting: the exporter always encrypts every member with a KMS key of its own region."),
    ("AGD-08", "Terraform ordering and lifecycle settings are the exporter's; nothing in the design controls them."),
];

/// The Aurora family.
pub const RULES: &[Rule] = &[
    rule("AGD-01", Error, AuroraFamily, "A global cluster has one writer in the primary region and 1-10 secondaries, each in a different region.",
        "Aurora Global needs at least one secondary region, allows up to 10, and no two members in one region.",
        "Give the global cluster one member in the primary region and one per DR region.", agd_01),
    rule("AGD-02", Error, AuroraFamily, "A cluster runs 1-16 instances (a writer and up to 15 readers); a secondary up to 16 readers.",
        "Aurora limits a cluster to 15 replicas besides its writer; a primary with no instance has no writer.",
        "Set instances between 1 and 16.", agd_02),
    rule("AGD-03", Error, AuroraFamily, "Members of a global cluster use the same engine and version.",
        "The global cluster has one engine and version; a member with another one cannot join.",
        "Give every member the engine and version of the writer.", agd_03),
    rule("AGD-04", Error, AuroraFamily, "Global cluster members need memory-optimized instance classes (db.r*, db.x*).",
        "\"An Aurora global database requires DB instance classes that are optimized for memory-intensive applications\"; burstable db.t* classes fail.",
        "Use a db.r6g, db.r7g or db.x2g class.", agd_04),
    rule("AGD-05", Error, AuroraFamily, "Cluster identifiers must be valid and unique across all regions.",
        "Global cluster member identifiers must be unique in every region; identifiers are 1-63 lowercase letters, digits and hyphens.",
        "Rename the cluster (lowercase letters, digits, '-').", agd_05),
    rule("AGD-09", Error, AuroraFamily, "Every Aurora cluster needs a DB subnet group in two AZs of its region.",
        "Each member region needs its own DB subnet group, which must span two AZs.",
        "Give the cluster data subnets in two AZs.", agd_09),
];

fn clusters<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Aurora)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Aurora(a) => Some((r, v, a)),
                _ => None,
            })
        })
    })
}

fn label(r: &Region, v: &Vpc, a: &Aurora) -> String {
    format!("Aurora cluster {} in {}", short(&a.name), where_(r, v))
}

type Members<'a> = BTreeMap<&'a str, Vec<(&'a Region, &'a Vpc, &'a Aurora)>>;

fn globals<'a>(ctx: &'a Ctx<'a>) -> Members<'a> {
    let mut g: Members<'a> = BTreeMap::new();
    for (r, v, a) in clusters(ctx) {
        if let Some(name) = a.global.as_deref() {
            g.entry(name).or_default().push((r, v, a));
        }
    }
    g
}

fn ids<'a>(members: &[(&'a Region, &'a Vpc, &'a Aurora)]) -> Vec<&'a str> {
    members.iter().map(|(_, _, a)| a.id.as_str()).collect()
}

fn agd_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let primary_code = ctx.design.primary().map(|p| p.code.as_str());
    for (name, members) in globals(ctx) {
        let mut per_region: BTreeMap<&str, usize> = BTreeMap::new();
        for (r, _, _) in &members {
            *per_region.entry(r.code.as_str()).or_default() += 1;
        }
        for (code, n) in per_region.iter().filter(|(_, n)| **n > 1) {
            out.emit(&ids(&members), format!("Global cluster {} has {n} members in {}; each member needs its own region.", short(name), short(code)));
        }
        let writers = members.iter().filter(|(r, _, _)| Some(r.code.as_str()) == primary_code).count();
        if writers == 0 && primary_code.is_some() {
            out.emit(&ids(&members), format!("Global cluster {} has no member in the primary region to be its writer.", short(name)));
        }
        let secondaries = per_region.len().saturating_sub(1);
        if secondaries == 0 {
            out.emit(&ids(&members), format!("Global cluster {} has no secondary region; it needs at least one.", short(name)));
        } else if secondaries > 10 {
            out.emit(&ids(&members), format!("Global cluster {} has {secondaries} secondary regions; the limit is 10.", short(name)));
        }
    }
}

fn agd_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx) {
        if a.instances == 0 || a.instances > 16 {
            out.emit(&[&a.id], format!("{} runs {} instances; a cluster takes 1 to 16.", label(r, v, a), a.instances));
        }
    }
}

fn agd_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (name, members) in globals(ctx) {
        let mut kinds: Vec<(&str, &str)> =
            members.iter().map(|(_, _, a)| (a.engine.as_str(), a.engine_version.as_str())).collect();
        kinds.sort();
        kinds.dedup();
        if kinds.len() > 1 {
            let list: Vec<String> = kinds.iter().map(|(e, v)| format!("{e} {}", short(v))).collect();
            out.emit(&ids(&members), format!("Members of global cluster {} mix {}.", short(name), list.join(" and ")));
        }
    }
}

fn agd_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx).filter(|(_, _, a)| a.global.is_some()) {
        let class = a.instance_class.as_str();
        if !(class.starts_with("db.r") || class.starts_with("db.x")) {
            out.emit(&[&a.id], format!("{} is a global cluster member on {}, which is not memory-optimized.", label(r, v, a), short(class)));
        }
    }
}

fn agd_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut seen: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (r, v, a) in clusters(ctx) {
        let id = names::per_region(ctx.design, &a.name, &r.code);
        if let Some(p) = db_identifier_problem(&id, 63) {
            out.emit(&[&a.id], format!("{}: its identifier \"{}\" {p}.", label(r, v, a), short(&id)));
        }
        seen.entry(id).or_default().push(&a.id);
    }
    for (name, ids) in globals(ctx) {
        let id = names::global_cluster(ctx.design, name);
        if let Some(p) = db_identifier_problem(&id, 63) {
            out.emit(&ids_of(&ids), format!("Global cluster identifier \"{}\" {p}.", short(&id)));
        }
    }
    for (id, list) in seen.into_iter().filter(|(_, l)| l.len() > 1) {
        out.emit(&list, format!("{} Aurora clusters would share the identifier \"{}\".", list.len(), short(&id)));
    }
}

fn ids_of<'a>(members: &[(&'a Region, &'a Vpc, &'a Aurora)]) -> Vec<&'a str> {
    ids(members)
}

fn agd_09(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx) {
        let n = azs(&ctx.index, &a.subnets).len();
        if n < 2 {
            out.emit(&[&a.id], format!("{}: its subnet group spans {n} AZ(s); it needs two.", label(r, v, a)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{Aurora, AuroraEngine, Design, VpcNode};

    fn with(region: usize, f: impl FnOnce(&mut Aurora)) -> (Design, Design) {
        let good = base("aurora-global");
        let mut bad = good.clone();
        if let VpcNode::Aurora(a) = &mut bad.regions[region].vpcs[0].nodes[2] {
            f(a);
        }
        (bad, good)
    }

    #[test]
    fn agd_01_topology() {
        let (bad, good) = with(1, |a| a.global = None);
        fires_and_not("AGD-01", &bad, "use1-orders", &good);
        let (bad, good) = with(0, |a| a.global = Some("other".into()));
        fires_and_not("AGD-01", &bad, "euw1-orders", &good);
    }

    #[test]
    fn agd_02_instances() {
        let (bad, good) = with(0, |a| a.instances = 0);
        fires_and_not("AGD-02", &bad, "use1-orders", &good);
        let (bad, good) = with(1, |a| a.instances = 17);
        fires_and_not("AGD-02", &bad, "euw1-orders", &good);
    }

    #[test]
    fn agd_03_engine_mismatch() {
        let (bad, good) = with(1, |a| a.engine = AuroraEngine::Mysql);
        fires_and_not("AGD-03", &bad, "euw1-orders", &good);
        let (bad, good) = with(1, |a| a.engine_version = "15.2".into());
        fires_and_not("AGD-03", &bad, "euw1-orders", &good);
    }

    #[test]
    fn agd_04_burstable_class() {
        let (bad, good) = with(1, |a| a.instance_class = "db.t4g.medium".into());
        fires_and_not("AGD-04", &bad, "euw1-orders", &good);
    }

    #[test]
    fn agd_05_identifier() {
        let (bad, good) = with(1, |a| a.name = "Orders".into());
        fires_and_not("AGD-05", &bad, "euw1-orders", &good);
    }

    #[test]
    fn agd_09_one_az() {
        let (bad, good) = with(1, |a| a.subnets.truncate(1));
        fires_and_not("AGD-09", &bad, "euw1-orders", &good);
    }
}
