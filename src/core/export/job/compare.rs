//! The comparison job: what exporting this design changes against a
//! previous export (`topoform export --since` in the page). The previous
//! export arrives as its design (the `topoform.json` the page read from the
//! export's zip or picked directly, as Open… reads it); it is exported again
//! with the dialog's layout, compared with the new export, and the new files
//! get the `moved` / `removed` / `import` blocks the command line writes.

use super::{Outcome, Output};
use crate::core::export::since::{since, summary, Changes, FileStatus};
use crate::core::export::{export, zip, ExportFile, Layout};
use crate::core::model::{load, Design};
use serde::{Deserialize, Serialize};

/// One changed file, as the dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDiff {
    /// The file's path in the export.
    pub path: String,
    /// `added`, `removed` or `changed`.
    pub status: String,
    /// Its unified diff.
    pub diff: String,
}

/// What happens to one Terraform address, as the summary words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// `create`, `update in place`, `move`, `move to another root`,
    /// `recreate`, `replace` or `destroy`.
    pub action: String,
    /// The root and address it has now (for a creation: the new ones).
    pub root: String,
    /// The address in that root.
    pub address: String,
    /// Where it goes (the same place unless it moves).
    pub to_root: String,
    /// Its address there.
    pub to_address: String,
    /// Why, for replacements, recreations and moves across roots.
    pub why: String,
}

/// The comparison, everything the dialog shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Exactly what `topoform export --since` prints after `changes since …:`.
    pub summary: String,
    /// The changed files.
    pub files: Vec<FileDiff>,
    /// The addresses that change.
    pub addresses: Vec<Address>,
}

impl Comparison {
    fn of(changes: &Changes) -> Comparison {
        Comparison {
            summary: summary(changes, true),
            files: changes
                .files
                .iter()
                .map(|f| FileDiff {
                    path: f.path.clone(),
                    status: match f.status {
                        FileStatus::Added => "added",
                        FileStatus::Removed => "removed",
                        FileStatus::Changed => "changed",
                    }
                    .into(),
                    diff: f.diff.clone(),
                })
                .collect(),
            addresses: changes
                .resources
                .iter()
                .map(|r| Address {
                    action: r.action.word().into(),
                    root: r.root.clone(),
                    address: r.address.clone(),
                    to_root: r.to_root.clone(),
                    to_address: r.to_address.clone(),
                    why: r.why.clone(),
                })
                .collect(),
        }
    }

    /// How many addresses get `action` (by its word).
    pub fn count(&self, action: &str) -> usize {
        self.addresses.iter().filter(|a| a.action == action).count()
    }
}

/// Compares the export of `design` (already made: `files`) with the export
/// of the design in `old`, adds the blocks to `files` and zips them.
pub fn compare(design: &Design, layout: Layout, mut files: Vec<ExportFile>, old: &str) -> Output {
    let refuse = |why: String| Output {
        outcome: Outcome::Unreadable(why),
        zip: None,
    };
    let old_design = match load(old) {
        Ok(d) => d,
        Err(e) => {
            return refuse(format!(
                "The previous export's design could not be read: {e}"
            ))
        }
    };
    // As the command line does when it finds no old files: the old design
    // exported again is the old export.
    let old_files = export(&old_design, layout).unwrap_or_default();
    if old_files.is_empty() {
        return refuse(
            "The previous export's design does not export any more (it has errors), so there is nothing to compare with.".into(),
        );
    }
    let changes = since(&old_design, &old_files, design, &mut files);
    let archive = format!("{}-{}-terraform", design.name, design.environment);
    let (zip, zip_error) = match zip(&files, &archive) {
        Ok(bytes) => (Some(bytes), None),
        Err(e) => (None, Some(e)),
    };
    Output {
        outcome: Outcome::Compared {
            files,
            archive,
            zip_error,
            comparison: Comparison::of(&changes),
        },
        zip,
    }
}
