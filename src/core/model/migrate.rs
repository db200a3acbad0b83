//! Numbered, forward-only migrations of the design file.
//!
//! A design file records the format `version` it was written in. Loading
//! upgrades older files one step at a time through [`MIGRATIONS`], on the raw
//! JSON, before the typed read. There are no down-migrations: a file from a
//! newer Topoform is refused, never guessed at.

use serde_json::{Map, Value};

/// The format version this build writes and reads natively.
pub const CURRENT_VERSION: u32 = 2;

/// One upgrade step, from version `to - 1` to version `to`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step produces.
    pub to: u32,
    /// What changed, for the changelog and error messages.
    pub summary: &'static str,
    /// Rewrites the top-level object in place; an `Err` aborts the load.
    pub up: fn(&mut Map<String, Value>) -> Result<(), String>,
}

/// Every migration, in order: `MIGRATIONS[i].to == i + 2`.
///
/// A change of meaning in the format bumps [`CURRENT_VERSION`] and appends
/// a step here.
pub const MIGRATIONS: &[Migration] = &[Migration {
    to: 2,
    summary: "version 2: ECS services, ElastiCache, target-tracking scaling, layered state, usage assumptions, storage autoscaling, Aurora database name and backups, DynamoDB TTL, an existing DNS zone, per-region state buckets, recovery objectives",
    up: v1_to_v2,
}];

/// The fields version 2 added where version 1 files could not have them,
/// by the kind of object (`"design"` and `"state"` for the top level).
const NEW_IN_V2: &[(&str, &str)] = &[
    ("design", "objectives"),
    ("state", "buckets"),
    ("dns", "zone_id"),
    ("rds", "max_storage_gb"),
    ("aurora", "database_name"),
    ("aurora", "backup_retention_days"),
    ("dynamodb", "ttl_attribute"),
    ("design", "usage"),
    ("state", "split"),
    ("asg", "scaling"),
    ("asg", "weight"),
];

/// Version 1 to 2: writes the new fields with the values that keep a version
/// 1 file's meaning (no autoscaling, no database, the 7 days of backups every
/// version 1 Aurora cluster had, no TTL, a zone the export creates, state
/// buckets named `<bucket>-<region code>`, no objectives). A version 1 file
/// that already holds a version 2 field was not written by a version 1
/// Topoform (it refused unknown fields), so it is refused rather than guessed at.
fn v1_to_v2(doc: &mut Map<String, Value>) -> Result<(), String> {
    refuse("design", "", doc)?;
    if let Some(Value::Object(state)) = doc.get("state") {
        refuse("state", "state.", state)?;
    }
    if let Some(Value::Object(dns)) = doc.get_mut("dns") {
        refuse("dns", "dns.", dns)?;
        dns.insert("zone_id".into(), Value::Null);
    }
    let Some(Value::Array(regions)) = doc.get_mut("regions") else {
        return Ok(());
    };
    for (ri, region) in regions.iter_mut().enumerate() {
        let Value::Object(region) = region else {
            continue;
        };
        if let Some(Value::Array(nodes)) = region.get_mut("nodes") {
            for (ni, node) in nodes.iter_mut().enumerate() {
                upgrade_node(node, &format!("regions[{ri}].nodes[{ni}]."))?;
            }
        }
        let Some(Value::Array(vpcs)) = region.get_mut("vpcs") else {
            continue;
        };
        for (vi, vpc) in vpcs.iter_mut().enumerate() {
            let Some(Value::Array(nodes)) = vpc.get_mut("nodes") else {
                continue;
            };
            for (ni, node) in nodes.iter_mut().enumerate() {
                upgrade_node(node, &format!("regions[{ri}].vpcs[{vi}].nodes[{ni}]."))?;
            }
        }
    }
    Ok(())
}

/// Refuses `obj` (an object of `kind`, at the path prefix `at`) when it
/// holds a field version 2 added.
fn refuse(kind: &str, at: &str, obj: &Map<String, Value>) -> Result<(), String> {
    match NEW_IN_V2.iter().find(|(k, f)| *k == kind && obj.contains_key(*f)) {
        Some((_, f)) => Err(format!(
            "{at}{f} is a version 2 field, but the file says \"version\": 1; set the version to 2 if the file was written for it"
        )),
        None => Ok(()),
    }
}

/// Writes one node's version 2 defaults; other shapes are left for the
/// typed read to report with their path.
fn upgrade_node(node: &mut Value, at: &str) -> Result<(), String> {
    let Value::Object(node) = node else {
        return Ok(());
    };
    let kind = match node.get("kind") {
        Some(Value::String(k)) => k.clone(),
        _ => return Ok(()),
    };
    refuse(&kind, at, node)?;
    if matches!(kind.as_str(), "ecs" | "elasticache") {
        return Err(format!(
            "{at}kind `{kind}` is a version 2 kind, but the file says \"version\": 1; set the version to 2 if the file was written for it"
        ));
    }
    match kind.as_str() {
        "rds" => {
            node.insert("max_storage_gb".into(), Value::Null);
        }
        "aurora" => {
            node.insert("database_name".into(), Value::Null);
            node.insert(
                "backup_retention_days".into(),
                Value::from(super::AURORA_BACKUP_RETENTION_DEFAULT),
            );
        }
        "dynamodb" => {
            node.insert("ttl_attribute".into(), Value::Null);
        }
        "asg" => {
            node.insert("scaling".into(), Value::Null);
        }
        _ => {}
    }
    Ok(())
}

/// Why a migration could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    /// The file is newer than `current`.
    TooNew { found: u32, current: u32 },
    /// The version is not one that ever existed.
    Unknown { found: u32 },
    /// A step failed.
    Step { to: u32, message: String },
}

/// Upgrades `doc` from version `from` to `current` with `steps`, and sets
/// its `version` field to `current`.
pub fn migrate(
    doc: &mut Map<String, Value>,
    from: u32,
    current: u32,
    steps: &[Migration],
) -> Result<(), MigrateError> {
    if from > current {
        return Err(MigrateError::TooNew {
            found: from,
            current,
        });
    }
    if from == 0 {
        return Err(MigrateError::Unknown { found: from });
    }
    for step in steps.iter().filter(|s| s.to > from && s.to <= current) {
        (step.up)(doc).map_err(|message| MigrateError::Step {
            to: step.to,
            message,
        })?;
        doc.insert("version".into(), Value::from(step.to));
    }
    doc.insert("version".into(), Value::from(current));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_up_to_current() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                m.to as usize,
                i + 2,
                "migration {i} ({}) is out of order",
                m.summary
            );
        }
        assert_eq!(MIGRATIONS.len() as u32 + 1, CURRENT_VERSION);
    }

    fn rename_cidr(doc: &mut Map<String, Value>) -> Result<(), String> {
        let v = doc.remove("old").ok_or("no `old` field")?;
        doc.insert("new".into(), v);
        Ok(())
    }

    fn add_marker(doc: &mut Map<String, Value>) -> Result<(), String> {
        doc.insert("marker".into(), Value::from(3));
        Ok(())
    }

    const STEPS: &[Migration] = &[
        Migration {
            to: 2,
            summary: "rename old to new",
            up: rename_cidr,
        },
        Migration {
            to: 3,
            summary: "add marker",
            up: add_marker,
        },
    ];

    fn doc(v: u32) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("version".into(), v.into());
        m.insert("old".into(), "x".into());
        m
    }

    #[test]
    fn runs_every_step_from_the_file_version() {
        let mut d = doc(1);
        migrate(&mut d, 1, 3, STEPS).unwrap();
        assert_eq!(d["new"], "x");
        assert_eq!(d["marker"], 3);
        assert_eq!(d["version"], 3);
    }

    #[test]
    fn skips_steps_already_applied() {
        let mut d = doc(2);
        migrate(&mut d, 2, 3, STEPS).unwrap();
        assert_eq!(d["old"], "x", "step 2 must not run on a version 2 file");
        assert_eq!(d["marker"], 3);
    }

    #[test]
    fn refuses_newer_and_unknown_versions() {
        assert_eq!(
            migrate(&mut doc(4), 4, 3, STEPS),
            Err(MigrateError::TooNew {
                found: 4,
                current: 3
            })
        );
        assert_eq!(
            migrate(&mut doc(0), 0, 3, STEPS),
            Err(MigrateError::Unknown { found: 0 })
        );
    }

    #[test]
    fn a_failing_step_aborts() {
        let mut d = Map::new();
        let err = migrate(&mut d, 1, 3, STEPS).unwrap_err();
        assert_eq!(
            err,
            MigrateError::Step {
                to: 2,
                message: "no `old` field".into()
            }
        );
    }
}
