//! Numbered, forward-only migrations of the design file.
//!
//! A design file records the format `version` it was written in. Loading
//! upgrades older files one step at a time through [`MIGRATIONS`], on the raw
//! JSON, before the typed read. There are no down-migrations: a file from a
//! newer Topoform is refused, never guessed at.

use serde_json::{Map, Value};

/// The format version this build writes and reads natively.
pub const CURRENT_VERSION: u32 = 1;

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
/// Version 1 is the first format, so nothing needs upgrading yet. A change of
/// meaning in the format bumps [`CURRENT_VERSION`] and appends a step here.
pub const MIGRATIONS: &[Migration] = &[];

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
        return Err(MigrateError::TooNew { found: from, current });
    }
    if from == 0 {
        return Err(MigrateError::Unknown { found: from });
    }
    for step in steps.iter().filter(|s| s.to > from && s.to <= current) {
        (step.up)(doc).map_err(|message| MigrateError::Step { to: step.to, message })?;
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
            assert_eq!(m.to as usize, i + 2, "migration {i} ({}) is out of order", m.summary);
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
        Migration { to: 2, summary: "rename old to new", up: rename_cidr },
        Migration { to: 3, summary: "add marker", up: add_marker },
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
        assert_eq!(migrate(&mut doc(4), 4, 3, STEPS), Err(MigrateError::TooNew { found: 4, current: 3 }));
        assert_eq!(migrate(&mut doc(0), 0, 3, STEPS), Err(MigrateError::Unknown { found: 0 }));
    }

    #[test]
    fn a_failing_step_aborts() {
        let mut d = Map::new();
        let err = migrate(&mut d, 1, 3, STEPS).unwrap_err();
        assert_eq!(err, MigrateError::Step { to: 2, message: "no `old` field".into() });
    }
}
