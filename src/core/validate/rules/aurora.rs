//! Aurora rules: global cluster topology, engines, classes, identifiers.

use super::names_check::db_identifier_problem;
use super::util::{azs, repeated, where_};
use crate::core::catalog::aurora_global;
use crate::core::model::{Aurora, AuroraEngine, Region, Vpc, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Aurora as AuroraFamily, Report, Rule, Severity::*};
use std::collections::BTreeMap;

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("AGD-07", "Format v1 has no Aurora encryption setting: the exporter always encrypts every member with a KMS key of its own region."),
    ("AGD-08", "Terraform ordering and lifecycle settings are the exporter's; nothing in the design controls them."),
];

/// The Aurora family.
pub const RULES: &[Rule] = &[
    rule("AGD-01", Error, AuroraFamily, "A global cluster has one writer in the primary region and 1-10 secondaries, each in a different region.",
        "Aurora Global needs at least one secondary region, allows up to 10, and no two members in one region.",
        "Give the global cluster one member in the primary region and one per DR region.", agd_01),
    rule("AGD-02", Error, AuroraFamily, "A primary or standalone cluster runs 1-16 instances (a writer and up to 15 readers); a global secondary 0-16 readers.",
        "Aurora allows a writer and up to 15 readers in a primary, and no writer and up to 16 readers in each secondary; a primary with no instance has no writer, while a secondary with none (headless) is a documented pilot light (see DES-08).",
        "Set instances between 1 and 16 (0 to 16 on a secondary).", agd_02),
    rule("AGD-03", Error, AuroraFamily, "Members of a global cluster use one engine and version, which supports global databases in each member's region.",
        "The global cluster has one engine and version; a member with another cannot join. Aurora Global Database is not offered in ap-southeast-6, ap-east-2 and ap-southeast-7, and takes Aurora MySQL 3.01.0 / 2.07.0 or later (3.02.0 / 2.11.2 in ap-south-2, 3.03.0 / 2.07.6 in ap-southeast-4, 3.04.0 / 2.07.6 in ap-southeast-5, 2.07.6 in ap-southeast-3), per the Aurora User Guide as of 2026-11-22. The catalog has no version table for Aurora PostgreSQL, so for it only the region is checked; versions written without the Aurora part (8.0) are not judged.",
        "Give every member the engine and version of the writer, a version the region supports, or move the member to a region that offers global databases.", agd_03),
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

/// Every Aurora cluster of the design, with its region and VPC.
pub(super) fn clusters<'a>(
    ctx: &'a Ctx<'a>,
) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Aurora)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Aurora(a) => Some((r, v, a)),
                _ => None,
            })
        })
    })
}

/// How an Aurora rule names a cluster.
pub(super) fn label(r: &Region, v: &Vpc, a: &Aurora) -> String {
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
            out.emit(
                &ids(&members),
                format!(
                    "Global cluster {} has {n} members in {}; each member needs its own region.",
                    short(name),
                    short(code)
                ),
            );
        }
        let writers = members
            .iter()
            .filter(|(r, _, _)| Some(r.code.as_str()) == primary_code)
            .count();
        if writers == 0 && primary_code.is_some() {
            out.emit(
                &ids(&members),
                format!(
                    "Global cluster {} has no member in the primary region to be its writer.",
                    short(name)
                ),
            );
        }
        let secondaries = per_region.len().saturating_sub(1);
        if secondaries == 0 {
            out.emit(
                &ids(&members),
                format!(
                    "Global cluster {} has no secondary region; it needs at least one.",
                    short(name)
                ),
            );
        } else if secondaries > 10 {
            out.emit(
                &ids(&members),
                format!(
                    "Global cluster {} has {secondaries} secondary regions; the limit is 10.",
                    short(name)
                ),
            );
        }
    }
}

/// True for a member of a global cluster outside the primary region: it has
/// no writer of its own. (With no primary region, DES-01 reports the design
/// and every member counts as a secondary here.)
pub(super) fn is_secondary(ctx: &Ctx<'_>, r: &Region, a: &Aurora) -> bool {
    a.global.is_some() && ctx.design.primary().map(|p| p.code.as_str()) != Some(r.code.as_str())
}

fn agd_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx) {
        let (least, role) = if is_secondary(ctx, r, a) {
            (0, "a secondary takes 0")
        } else {
            (1, "a cluster with a writer takes 1")
        };
        if a.instances < least || a.instances > 16 {
            out.emit(
                &[&a.id],
                format!(
                    "{} runs {} instances; {role} to 16.",
                    label(r, v, a),
                    a.instances
                ),
            );
        }
    }
}

fn agd_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (name, members) in globals(ctx) {
        let mut kinds: Vec<(&str, &str)> = members
            .iter()
            .map(|(_, _, a)| (a.engine.as_str(), a.engine_version.as_str()))
            .collect();
        kinds.sort();
        kinds.dedup();
        if kinds.len() > 1 {
            let list: Vec<String> = kinds
                .iter()
                .map(|(e, v)| format!("{e} {}", short(v)))
                .collect();
            out.emit(
                &ids(&members),
                format!(
                    "Members of global cluster {} mix {}.",
                    short(name),
                    list.join(" and ")
                ),
            );
        }
        for (r, v, a) in &members {
            if !aurora_global::available_in(&r.code) {
                out.emit(&[&a.id], format!(
                    "{} is a member of global cluster {name}, but Aurora Global Database is not offered in {} ({}, as of {}).",
                    label(r, v, a), r.code, aurora_global::SOURCE, aurora_global::AS_OF));
                continue;
            }
            if a.engine != AuroraEngine::Mysql {
                continue;
            }
            let Some(have) = aurora_global::parse_mysql_version(&a.engine_version) else {
                continue;
            };
            if let Some(least) =
                aurora_global::mysql_minimum(&r.code, have.0).filter(|least| have < *least)
            {
                out.emit(&[&a.id], format!(
                    "{} runs Aurora MySQL {}; a global cluster member in {} needs {} or later ({}, as of {}).",
                    label(r, v, a), aurora_global::show(have), r.code, aurora_global::show(least), aurora_global::SOURCE, aurora_global::AS_OF));
            }
        }
    }
}

fn agd_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx).filter(|(_, _, a)| a.global.is_some()) {
        let class = a.instance_class.as_str();
        if !(class.starts_with("db.r") || class.starts_with("db.x")) {
            out.emit(
                &[&a.id],
                format!(
                    "{} is a global cluster member on {}, which is not memory-optimized.",
                    label(r, v, a),
                    short(class)
                ),
            );
        }
    }
}

fn agd_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (r, v, a) in clusters(ctx) {
        let id = names::per_region(ctx.design, &a.name, &r.code);
        if let Some(p) = db_identifier_problem(&id, 63) {
            out.emit(
                &[&a.id],
                format!("{}: its identifier \"{}\" {p}.", label(r, v, a), short(&id)),
            );
        }
        seen.push((id, &a.id));
    }
    for (name, ids) in globals(ctx) {
        let id = names::global_cluster(ctx.design, name);
        if let Some(p) = db_identifier_problem(&id, 63) {
            out.emit(
                &ids_of(&ids),
                format!("Global cluster identifier \"{}\" {p}.", short(&id)),
            );
        }
    }
    for (id, list) in repeated(seen) {
        out.emit(
            &list,
            format!(
                "{} Aurora clusters would share the identifier \"{}\".",
                list.len(),
                short(&id)
            ),
        );
    }
}

fn ids_of<'a>(members: &[(&'a Region, &'a Vpc, &'a Aurora)]) -> Vec<&'a str> {
    ids(members)
}

fn agd_09(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx) {
        let n = azs(&ctx.index, &a.subnets).len();
        if n < 2 {
            out.emit(
                &[&a.id],
                format!(
                    "{}: its subnet group spans {n} AZ(s); it needs two.",
                    label(r, v, a)
                ),
            );
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
        let (bad, good) = with(0, |a| a.instances = 17);
        fires_and_not("AGD-02", &bad, "use1-orders", &good);
    }

    /// A headless secondary (0 instances) is allowed; a standalone cluster
    /// outside the primary region still needs its writer.
    #[test]
    fn agd_02_headless_secondary_but_not_headless_standalone() {
        let (headless, _) = with(1, |a| a.instances = 0);
        assert!(
            findings(&headless, "AGD-02").is_empty(),
            "{:#?}",
            findings(&headless, "AGD-02")
        );
        let (headless, _) = with(1, |a| a.instances = 16);
        assert!(findings(&headless, "AGD-02").is_empty());
        let (bad, good) = with(1, |a| {
            a.instances = 0;
            a.global = None;
        });
        fires_and_not("AGD-02", &bad, "euw1-orders", &good);
    }

    #[test]
    fn agd_03_engine_mismatch() {
        let (bad, good) = with(1, |a| a.engine = AuroraEngine::Mysql);
        fires_and_not("AGD-03", &bad, "euw1-orders", &good);
        let (bad, good) = with(1, |a| a.engine_version = "15.2".into());
        fires_and_not("AGD-03", &bad, "euw1-orders", &good);
    }

    /// Catalog A.7: no global databases in three regions; Aurora MySQL
    /// minimum versions per region; Aurora PostgreSQL has no version table.
    #[test]
    fn agd_03_region_availability_and_mysql_minimums() {
        let good = base("aurora-global");
        let mut bad = good.clone();
        bad.regions[1].code = "ap-east-2".into();
        fires_and_not("AGD-03", &bad, "euw1-orders", &good);
        let mysql = |region: &str, version: &str| {
            let mut d = good.clone();
            d.regions[1].code = region.into();
            for r in &mut d.regions {
                if let VpcNode::Aurora(a) = &mut r.vpcs[0].nodes[2] {
                    a.engine = AuroraEngine::Mysql;
                    a.engine_version = version.into();
                }
            }
            findings(&d, "AGD-03")
        };
        assert!(mysql("ap-south-2", "8.0.mysql_aurora.3.02.0").is_empty());
        let hits = mysql("ap-south-2", "8.0.mysql_aurora.3.01.0");
        assert!(
            hits.len() == 1
                && hits[0].subjects == ["euw1-orders"]
                && hits[0].message.contains("3.02.0"),
            "{hits:#?}"
        );
        assert!(mysql("ap-southeast-5", "8.0.mysql_aurora.3.03.0").len() == 1);
        assert!(mysql("ap-southeast-3", "5.7.mysql_aurora.2.07.2").len() == 1);
        assert!(mysql("ap-southeast-3", "5.7.mysql_aurora.2.07.6").is_empty());
        // Below the default minimum everywhere, so the primary fires as well.
        assert_eq!(mysql("eu-west-1", "5.7.mysql_aurora.2.06.0").len(), 2);
        assert!(
            mysql("eu-west-1", "8.0").is_empty(),
            "a bare 8.0 cannot be judged"
        );
        // Aurora PostgreSQL: the same old-looking version is not judged.
        let mut pg = good.clone();
        pg.regions[1].code = "ap-south-2".into();
        assert!(findings(&pg, "AGD-03").is_empty());
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
