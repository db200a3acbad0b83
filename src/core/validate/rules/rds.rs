//! RDS rules: identifiers, subnet groups, backups, cross-region replicas.

use super::names_check::db_identifier_problem;
use super::util::{azs, family, size_rank, where_};
use crate::core::model::{Rds, RdsEngine, Region, Vpc, VpcNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Rds as RdsFamily, Report, Rule, Severity::*};
use rustc_hash::FxHashMap;

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("RDS-02", "Aurora cluster identifiers are checked by the Aurora family (AGD-05) and Multi-AZ DB clusters are not in format v1."),
    ("RDS-04", "The exporter names each subnet group after its database, so RDS-01's identifier check covers it."),
];

/// The RDS family.
pub const RULES: &[Rule] = &[
    rule("RDS-01", Error, RdsFamily, "The DB identifier (project-environment-name) must be valid.",
        "Identifiers are 1-63 lowercase letters, digits and hyphens, starting with a letter, with no trailing '-' or \"--\"; a 64-character one passes plan.",
        "Shorten or rename the database (lowercase letters, digits, '-').", rds_01),
    rule("RDS-03", Error, RdsFamily, "A DB subnet group must span at least two AZs.",
        "CreateDBSubnetGroup: \"DB subnet groups must contain at least one subnet in at least two AZs\", Multi-AZ or not.",
        "Give the database subnets in two AZs (data tier).", rds_03),
    rule("RDS-05", Error, RdsFamily, "A Multi-AZ database needs subnets in two AZs for its standby.",
        "Multi-AZ places the standby in another AZ of the subnet group; the export never pins an availability_zone on it.",
        "Add a subnet in a second AZ, or turn Multi-AZ off.", rds_05),
    rule("RDS-06", Error, RdsFamily, "Backup retention is 0-35 days, and above 0 on any replica source.",
        "Replicas need automated backups on their source: \"Can't be set to 0 if the DB instance is a source to read replicas.\"",
        "Set backup retention to 7 days or more on the source.", rds_06),
    rule("RDS-07", Error, RdsFamily, "A replica's source must be a database that is not, through a chain, the replica itself.",
        "A replica is created from its source's ARN; a loop of replicas has no first database to create.",
        "Make one database of the chain the writable source (no replica_of).", rds_07),
    rule("RDS-08", Error, RdsFamily, "A replica's encryption must match its source's.",
        "An unencrypted source cannot have an encrypted replica, and an encrypted source cannot have an unencrypted cross-region replica; each encrypted replica uses a KMS key of its own region.",
        "Encrypt both the source and the replica.", rds_08),
    rule("RDS-09", Error, RdsFamily, "A source can have at most 15 read replicas, and a chain of replicas of replicas at most three, within RDS's limits for PostgreSQL.",
        "RDS allows up to 15 read replicas per MySQL, MariaDB or PostgreSQL source, and a chain of at most three cascading replicas below a source (four instances). RDS for PostgreSQL creates a replica of a replica only from 14.1, and a cross-region cascading chain spans at most two regions (RDS User Guide, USER_PostgreSQL.Replication.ReadReplicas.Xregion).",
        "Reduce the replicas, or replicate from a replica; keep chains to three replicas, run PostgreSQL 14.1 or later for replicas of replicas, and keep a PostgreSQL chain within its source's region and one other (replicate from the source instead).", rds_09),
    rule("RDS-10", Error, RdsFamily, "Cross-region replicas of one source in one region must share a VPC.",
        "CreateDBInstanceReadReplica: all read replicas in one Region created from the same source must use DB subnet groups from the same VPC; another VPC fails with InvalidDBSubnetGroupFault.",
        "Put every replica of the source in that region in one VPC, or replicate one of them from the other replica.", rds_10),
    rule("RDS-11", Warning, RdsFamily, "A replica should be at least as large as its source.",
        "A smaller replica lags behind and cannot carry the load after a failover.",
        "Use the source's instance class and storage (or larger) for the replica.", rds_11),
    rule("RDS-12", Warning, RdsFamily, "Databases should be encrypted and keep backups for more than a day.",
        "Unencrypted storage and short backup windows fail common security baselines and limit recovery.",
        "Turn on encryption and keep at least 7 days of backups.", rds_12),
    rule("RDS-13", Error, RdsFamily, "A replica must use its source's engine.",
        "RDS replicates within one engine only; a mysql replica of a postgres source cannot be created.",
        "Give the replica the source's engine.", rds_13),
];

fn dbs<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Rds)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Rds(d) => Some((r, v, d)),
                _ => None,
            })
        })
    })
}

fn label(r: &Region, v: &Vpc, d: &Rds) -> String {
    format!("Database {} in {}", short(&d.name), where_(r, v))
}

fn source<'a>(ctx: &'a Ctx<'a>, d: &Rds) -> Option<(&'a Region, &'a Vpc, &'a Rds)> {
    let (r, v, n) = ctx.index.vpc_node(d.replica_of.as_deref()?)?;
    match n {
        VpcNode::Rds(s) => Some((r, v, s)),
        _ => None,
    }
}

fn rds_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx) {
        let id = names::regional(ctx.design, &d.name);
        if let Some(p) = db_identifier_problem(&id, 63) {
            out.emit(
                &[&d.id],
                format!("{}: its identifier \"{}\" {p}.", label(r, v, d), short(&id)),
            );
        }
    }
}

fn rds_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx) {
        let n = azs(&ctx.index, &d.subnets).len();
        if n < 2 {
            out.emit(
                &[&d.id],
                format!(
                    "{}: its subnet group spans {n} AZ(s); it needs two.",
                    label(r, v, d)
                ),
            );
        }
    }
}

fn rds_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx).filter(|(_, _, d)| d.multi_az) {
        if azs(&ctx.index, &d.subnets).len() < 2 {
            out.emit(
                &[&d.id],
                format!(
                    "{} is Multi-AZ but its subnets leave no second AZ for the standby.",
                    label(r, v, d)
                ),
            );
        }
    }
}

fn rds_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut sources: FxHashMap<&str, usize> = FxHashMap::default();
    for (_, _, d) in dbs(ctx) {
        if let Some(s) = &d.replica_of {
            *sources.entry(s.as_str()).or_default() += 1;
        }
    }
    for (r, v, d) in dbs(ctx) {
        if d.backup_retention_days > 35 {
            out.emit(
                &[&d.id],
                format!(
                    "{} keeps backups {} days; the maximum is 35.",
                    label(r, v, d),
                    d.backup_retention_days
                ),
            );
        } else if d.backup_retention_days == 0 && sources.contains_key(d.id.as_str()) {
            out.emit(&[&d.id], format!("{} has replicas but backup retention 0; replicas need backups on their source.", label(r, v, d)));
        }
    }
}

fn rds_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    // Follow each chain once, colouring nodes: a chain that reaches a node
    // on the current path is a loop; one that reaches a finished node is not.
    let mut state: FxHashMap<&str, u8> = FxHashMap::default(); // 1 on path, 2 done
    for (_, _, start) in dbs(ctx).filter(|(_, _, d)| d.replica_of.is_some()) {
        let mut path: Vec<&Rds> = Vec::new();
        let mut cur = Some(start);
        while let Some(d) = cur {
            match state.get(d.id.as_str()) {
                Some(2) => break,
                Some(_) => {
                    let at = path.iter().position(|p| p.id == d.id).unwrap_or(0);
                    for looped in &path[at..] {
                        if let Some((r, v, _)) = ctx.index.vpc_node(&looped.id) {
                            out.emit(
                                &[&looped.id],
                                format!(
                                    "{} replicates, through its chain of sources, from itself.",
                                    label(r, v, looped)
                                ),
                            );
                        }
                    }
                    break;
                }
                None => {
                    state.insert(&d.id, 1);
                    path.push(d);
                    cur = source(ctx, d).map(|(_, _, s)| s);
                }
            }
        }
        for d in path {
            state.insert(&d.id, 2);
        }
    }
}

fn rds_08(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx) {
        let Some((sr, sv, s)) = source(ctx, d) else {
            continue;
        };
        if !s.encrypted && d.encrypted {
            out.emit(&[&d.id, &s.id], format!(
                "{} is encrypted but its source {} in {} is not; an unencrypted source cannot have an encrypted replica.",
                label(r, v, d), short(&s.name), where_(sr, sv)));
        } else if s.encrypted && !d.encrypted {
            out.emit(&[&d.id, &s.id], format!(
                "{} is unencrypted but its source {} in {} is encrypted; the replica inherits encryption and needs a key in {}.",
                label(r, v, d), short(&s.name), where_(sr, sv), short(&r.code)));
        }
    }
}

/// RDS's longest chain of cascading read replicas below a source, for
/// MySQL, MariaDB and PostgreSQL alike: "You can create a series of up to
/// three read replicas in a chain from a source ... DB instance" (RDS User
/// Guide: USER_MySQL.Replication.ReadReplicas.Cascading,
/// USER_MariaDB.Replication.ReadReplicas.Cascading,
/// USER_PostgreSQL.Replication.ReadReplicas.Cascading).
const MAX_CHAIN: usize = 3;

/// True when `version` is an RDS for PostgreSQL version before 14.1, the
/// first with cascading read replicas ("You can't create a read replica
/// from another read replica if your RDS for PostgreSQL DB instance is
/// running a PostgreSQL version earlier than 14.1", RDS User Guide:
/// USER_PostgreSQL.Replication.ReadReplicas). A version that does not
/// parse is DES-11's to report; a bare major (`14`) means its latest minor.
fn postgres_before_14_1(version: &str) -> bool {
    let mut parts = version.trim().split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), _) if major < 14 => true,
        (Some(14), Some(minor)) => minor < 1,
        _ => false,
    }
}

/// The sources above `d`, nearest first, with their regions: its source,
/// that one's source, and so on to the writable database. `None` when the
/// chain loops (RDS-07's finding) or leaves the databases.
fn chain_above<'a>(ctx: &'a Ctx<'a>, d: &Rds) -> Option<Vec<(&'a Region, &'a Rds)>> {
    let mut out: Vec<(&Region, &Rds)> = Vec::new();
    let mut cur = source(ctx, d);
    while let Some((r, _, s)) = cur {
        if s.id == d.id || out.iter().any(|(_, x)| x.id == s.id) {
            return None;
        }
        out.push((r, s));
        cur = if s.replica_of.is_some() {
            Some(source(ctx, s)?)
        } else {
            None
        };
    }
    Some(out)
}

fn rds_09(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut replicas: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (_, _, d) in dbs(ctx) {
        if let Some(s) = &d.replica_of {
            replicas.entry(s.as_str()).or_default().push(&d.id);
        }
    }
    for (r, v, d) in dbs(ctx) {
        if let Some(list) = replicas.get(d.id.as_str()).filter(|l| l.len() > 15) {
            out.emit(
                &[&d.id],
                format!(
                    "{} has {} read replicas; the limit is 15.",
                    label(r, v, d),
                    list.len()
                ),
            );
        }
    }
    // Cascading replicas: a replica whose source is itself a replica.
    for (r, v, d) in dbs(ctx) {
        let Some(above) = chain_above(ctx, d) else {
            continue;
        };
        let Some(&(_, s)) = above.first().filter(|(_, s)| s.replica_of.is_some()) else {
            continue;
        };
        let chain = || {
            let mut names: Vec<String> = above
                .iter()
                .rev()
                .map(|(r, x)| format!("{} ({})", short(&x.name), short(&r.code)))
                .collect();
            names.push(format!("{} ({})", short(&d.name), short(&r.code)));
            names.join(" -> ")
        };
        let postgres = d.engine == RdsEngine::Postgres && s.engine == RdsEngine::Postgres;
        if postgres && postgres_before_14_1(&s.engine_version) {
            out.emit(&[&d.id, &s.id], format!(
                "{} replicates from {}, itself a replica, which runs PostgreSQL {}; RDS for PostgreSQL creates a replica of a replica only from 14.1.",
                label(r, v, d), short(&s.name), short(&s.engine_version)));
        }
        if above.len() == MAX_CHAIN + 1 {
            out.emit(&[&d.id, &s.id], format!(
                "{} is replica number {} in the chain {}; RDS allows at most {MAX_CHAIN} read replicas in a chain below a source.",
                label(r, v, d), above.len(), chain()));
        }
        let mut regions: Vec<&str> = Vec::new();
        for (ar, _) in &above {
            if !regions.contains(&ar.code.as_str()) {
                regions.push(&ar.code);
            }
        }
        if postgres && regions.len() >= 2 && !regions.contains(&r.code.as_str()) {
            out.emit(&[&d.id, &s.id], format!(
                "{} extends the chain {} into a third region; an RDS for PostgreSQL cross-region chain of cascading replicas spans at most two regions.",
                label(r, v, d), chain()));
        }
    }
}

fn rds_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    // (source id, replica region) -> the cross-region replicas there, in
    // design order, with their VPCs.
    let mut keys: Vec<(&str, &str)> = Vec::new();
    let mut groups: Vec<Vec<(&Vpc, &Rds)>> = Vec::new();
    let mut at: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (r, v, d) in dbs(ctx) {
        let Some((sr, _, s)) = source(ctx, d) else {
            continue;
        };
        if sr.code == r.code {
            continue;
        }
        let key = (s.id.as_str(), r.code.as_str());
        let i = *at.entry(key).or_insert_with(|| {
            keys.push(key);
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push((v, d));
    }
    for ((sid, code), list) in keys.into_iter().zip(groups) {
        let mut vpcs: Vec<&Vpc> = Vec::new();
        for (v, _) in &list {
            if !vpcs.iter().any(|w| w.id == v.id) {
                vpcs.push(v);
            }
        }
        if vpcs.len() < 2 {
            continue;
        }
        let Some((sr, sv, s)) = list.first().and_then(|(_, d)| source(ctx, d)) else {
            continue;
        };
        let mut subjects: Vec<&str> = list.iter().map(|(_, d)| d.id.as_str()).collect();
        subjects.push(sid);
        let replicas: Vec<String> = list
            .iter()
            .map(|(v, d)| format!("{} (VPC {})", short(&d.name), short(&v.name)))
            .collect();
        let names: Vec<String> = vpcs.iter().map(|v| short(&v.name).to_string()).collect();
        out.emit(
            &subjects,
            format!(
                "Database {} in {} has replicas in {} in {} different VPCs: {}; RDS keeps a source's replicas in one region in one VPC, so creating the others fails with InvalidDBSubnetGroupFault.",
                short(&s.name),
                where_(sr, sv),
                short(code),
                names.len(),
                replicas.join(", ")
            ),
        );
    }
}

fn rds_11(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx) {
        let Some((_, _, s)) = source(ctx, d) else {
            continue;
        };
        let smaller_class = family(&d.instance_class) == family(&s.instance_class)
            && matches!((size_rank(&d.instance_class), size_rank(&s.instance_class)), (Some(a), Some(b)) if a < b);
        if smaller_class || d.storage_gb < s.storage_gb {
            out.emit(
                &[&d.id, &s.id],
                format!(
                    "{} ({}, {} GiB) is smaller than its source {} ({}, {} GiB).",
                    label(r, v, d),
                    short(&d.instance_class),
                    d.storage_gb,
                    short(&s.name),
                    short(&s.instance_class),
                    s.storage_gb
                ),
            );
        }
    }
}

fn rds_12(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx) {
        if !d.encrypted {
            out.emit(
                &[&d.id],
                format!("{} is not encrypted at rest.", label(r, v, d)),
            );
        }
        if d.replica_of.is_none() && d.backup_retention_days <= 1 {
            out.emit(
                &[&d.id],
                format!(
                    "{} keeps backups for {} day(s).",
                    label(r, v, d),
                    d.backup_retention_days
                ),
            );
        }
    }
}

fn rds_13(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, d) in dbs(ctx) {
        let Some((_, _, s)) = source(ctx, d) else {
            continue;
        };
        if s.engine != d.engine {
            out.emit(
                &[&d.id, &s.id],
                format!(
                    "{} runs {} but its source {} runs {}.",
                    label(r, v, d),
                    d.engine.as_str(),
                    short(&s.name),
                    s.engine.as_str()
                ),
            );
        }
    }
}

#[cfg(test)]
#[path = "rds_tests.rs"]
mod tests;
