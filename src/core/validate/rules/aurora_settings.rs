//! Aurora settings of format version 2: the database name and the backup
//! retention, and the database name of a global cluster's secondaries.

use super::aurora::{clusters, label};
use crate::core::model::AuroraEngine;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Aurora as AuroraFamily, Report, Rule, Severity::*};

/// The Aurora settings rules.
pub const RULES: &[Rule] = &[
    rule("AGD-06", Error, AuroraFamily, "A global cluster's secondaries take the writer's database: a secondary's database name must be empty or the writer's.",
        "Secondary clusters must not set master credentials or a database name; they come from the primary (CreateDBCluster refuses them). The export sets the name on the writer only, so a different name on a secondary would be silently lost.",
        "Clear the secondary's database name, or give it the writer's.", agd_06),
    rule("AGD-10", Error, AuroraFamily, "Aurora keeps automated backups 1-35 days.",
        "An Aurora cluster always has automated backups: BackupRetentionPeriod must be 1 to 35 (CreateDBCluster).",
        "Set backup days between 1 and 35.", agd_10),
    rule("AGD-11", Error, AuroraFamily, "An Aurora database name is a letter then letters, digits or '_': at most 63 characters (PostgreSQL) or 64 (MySQL).",
        "CreateDBCluster's DatabaseName: 1 to 63 (Aurora PostgreSQL) or 64 (Aurora MySQL) alphanumeric characters or underscores, starting with a letter. Words the engine reserves are refused too; they are not checked here.",
        "Rename the database (e.g. app_db), or leave the name empty for none.", agd_11),
];

fn agd_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(primary) = ctx.design.primary() else {
        return;
    };
    let writer_of = |g: &str| {
        clusters(ctx)
            .find(|(r, _, a)| r.code == primary.code && a.global.as_deref() == Some(g))
            .map(|(_, _, a)| a)
    };
    for (r, v, a) in clusters(ctx).filter(|(r, _, _)| r.code != primary.code) {
        let (Some(g), Some(name)) = (a.global.as_deref(), a.database_name.as_deref()) else {
            continue;
        };
        let writers = writer_of(g).and_then(|w| w.database_name.as_deref());
        if writers != Some(name) {
            let has = match writers {
                Some(w) => format!("the writer's is \"{}\"", short(w)),
                None => "the writer creates none".into(),
            };
            out.emit(
                &[&a.id],
                format!(
                    "{} is a secondary of global cluster {} but names database \"{}\"; {has}.",
                    label(r, v, a),
                    short(g),
                    short(name)
                ),
            );
        }
    }
}

fn agd_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx) {
        if !(1..=35).contains(&a.backup_retention_days) {
            out.emit(
                &[&a.id],
                format!(
                    "{} keeps backups {} days; Aurora allows 1 to 35.",
                    label(r, v, a),
                    a.backup_retention_days
                ),
            );
        }
    }
}

/// Why `name` cannot be the database name of an `engine` cluster, or None.
pub fn database_name_problem(name: &str, engine: AuroraEngine) -> Option<String> {
    let max = match engine {
        AuroraEngine::Postgresql => 63,
        AuroraEngine::Mysql => 64,
    };
    if name.is_empty() || name.len() > max {
        Some(format!("must be 1 to {max} characters long"))
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("must start with a letter".into())
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Some("may only hold letters, digits and '_'".into())
    } else {
        None
    }
}

fn agd_11(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, v, a) in clusters(ctx) {
        let Some(name) = a.database_name.as_deref() else {
            continue;
        };
        if let Some(p) = database_name_problem(name, a.engine) {
            out.emit(
                &[&a.id],
                format!("{}: database name \"{}\" {p}.", label(r, v, a), short(name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::core::model::{Aurora, Design, VpcNode};

    /// aurora-global with the writer (region 0) and the secondary (region 1) edited.
    fn with(f: impl Fn(&mut Aurora, bool)) -> Design {
        let mut d = base("aurora-global");
        for (i, r) in d.regions.iter_mut().enumerate() {
            for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
                if let VpcNode::Aurora(a) = n {
                    f(a, i == 0);
                }
            }
        }
        d
    }

    #[test]
    fn agd_06_secondary_database_name() {
        let good = with(|a, w| a.database_name = w.then(|| "orders".into()));
        let same = with(|a, _| a.database_name = Some("orders".into()));
        assert!(
            findings(&same, "AGD-06").is_empty(),
            "the writer's own name on a secondary is the same database"
        );
        let bad = with(|a, w| a.database_name = Some(if w { "orders" } else { "other" }.into()));
        fires_and_not("AGD-06", &bad, "euw1-orders", &good);
        let bad = with(|a, w| a.database_name = (!w).then(|| "orders".into()));
        fires_and_not("AGD-06", &bad, "euw1-orders", &same);
    }

    #[test]
    fn agd_10_retention() {
        for days in [0, 36] {
            fires_and_not(
                "AGD-10",
                &with(|a, w| a.backup_retention_days = if w { days } else { 7 }),
                "use1-orders",
                &with(|a, _| a.backup_retention_days = 35),
            );
        }
        assert!(findings(&with(|a, _| a.backup_retention_days = 1), "AGD-10").is_empty());
    }

    #[test]
    fn agd_11_database_name() {
        let good = with(|a, w| a.database_name = w.then(|| "orders_db1".into()));
        for bad_name in ["1orders", "orders-db", "", &"a".repeat(64)] {
            let bad = with(|a, w| a.database_name = w.then(|| bad_name.to_string()));
            fires_and_not("AGD-11", &bad, "use1-orders", &good);
        }
        assert_eq!(
            database_name_problem(&"a".repeat(64), AuroraEngine::Mysql),
            None,
            "MySQL allows 64"
        );
        assert!(database_name_problem(&"a".repeat(65), AuroraEngine::Mysql).is_some());
    }
}
