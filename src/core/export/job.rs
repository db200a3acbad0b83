//! An export as a job that crosses a thread: the browser's main thread sends
//! a [`Job`] (the saved design text and a layout) to the exporter's web
//! worker, which answers with an [`Output`]. Both ends agree on these types
//! alone; the wire is JSON, so a design crosses exactly as it is saved.
//!
//! The main thread needs only the types (and JSON); [`run`], which links the
//! exporter, hcl-rs and zip, is called by the worker (and by the native tests
//! and the browser tests that cannot host a worker). That split is what keeps
//! the exporter out of the bundle the first paint loads.

mod compare;
mod picture;
#[cfg(test)]
mod tests;

pub use compare::{Address, Comparison, FileDiff};
pub use picture::{Format, Picture};

use super::{export, zip, ExportError, ExportFile, Layout};
use crate::core::model::load;
use crate::core::validate::Diagnostic;
use serde::{Deserialize, Serialize};

/// What the main thread asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// How the Terraform is split into roots.
    pub layout: Layout,
    /// The design as [`crate::core::model::save`] writes it.
    pub design: String,
    /// What to make; absent (as in every job before pictures): the export.
    #[serde(default, skip_serializing_if = "Kind::is_export")]
    pub kind: Kind,
}

impl Job {
    /// The Terraform export of `design` (saved text) with `layout`.
    pub fn export(layout: Layout, design: String) -> Job {
        Job {
            layout,
            design,
            kind: Kind::Export,
        }
    }
}

/// The kinds of job the worker runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The Terraform export: [`Outcome::Files`].
    #[default]
    Export,
    /// A picture of the design: [`Outcome::Picture`].
    Picture(Picture),
    /// The export compared with a previous one, whose design (saved text)
    /// this is: [`Outcome::Compared`].
    Since {
        /// The previous export's `topoform.json`.
        old: String,
    },
}

impl Kind {
    fn is_export(&self) -> bool {
        *self == Kind::Export
    }
}

/// One validation error as the export dialog shows it: the rule, the message
/// and the objects to select when the user clicks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The rule id (`NET-05`).
    pub rule: String,
    /// What is wrong.
    pub message: String,
    /// The ids of the objects it is about.
    pub subjects: Vec<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            rule: d.rule.to_string(),
            message: d.message.clone(),
            subjects: d.subjects.clone(),
        }
    }
}

/// What came of a job, everything the dialog renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The export: its files sorted by path, the zip's name without `.zip`
    /// (also the zip's top folder), and why the zip could not be made, if it
    /// could not (the files are still shown).
    Files {
        /// The exported files, sorted by path.
        files: Vec<ExportFile>,
        /// `<name>-<environment>-terraform`.
        archive: String,
        /// Set when packing the zip failed.
        zip_error: Option<String>,
    },
    /// A picture: its file name, media type and text.
    Picture {
        /// `<name>-<environment>[-selection][-dark].svg|drawio`.
        file_name: String,
        /// `image/svg+xml` or draw.io's.
        mime: String,
        /// The SVG or draw.io XML.
        text: String,
    },
    /// The export compared with a previous one: its files (with the
    /// `moved.tf` blocks the comparison adds) and what changes.
    Compared {
        /// The exported files, sorted by path.
        files: Vec<ExportFile>,
        /// `<name>-<environment>-terraform`.
        archive: String,
        /// Set when packing the zip failed.
        zip_error: Option<String>,
        /// Which files and addresses change.
        comparison: Comparison,
    },
    /// Validation found errors; nothing was exported.
    Invalid(Vec<Problem>),
    /// The design is valid but the exporter cannot express it.
    Unsupported(String),
    /// The design text did not load (it should always: the main thread sends
    /// what `save` wrote; this is the message if a build ever disagrees).
    Unreadable(String),
}

/// An outcome and, for [`Outcome::Files`], the zip's bytes. The bytes travel
/// beside the JSON (as a transferred buffer), never inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// What the dialog renders.
    pub outcome: Outcome,
    /// The "Download .zip" archive, when it could be made.
    pub zip: Option<Vec<u8>>,
}

/// Runs `job`: loads the design, exports it and zips the files.
pub fn run(job: &Job) -> Output {
    let design = match load(&job.design) {
        Ok(d) => d,
        Err(e) => {
            return Output {
                outcome: Outcome::Unreadable(format!(
                    "the exporter could not read the design: {e}"
                )),
                zip: None,
            }
        }
    };
    if let Kind::Picture(p) = &job.kind {
        return picture::draw(&design, p);
    }
    let outcome = match export(&design, job.layout) {
        Ok(files) => files,
        Err(ExportError::Invalid(diags)) => {
            return Output {
                outcome: Outcome::Invalid(diags.iter().map(Problem::from).collect()),
                zip: None,
            }
        }
        Err(ExportError::Unsupported(m)) => {
            return Output {
                outcome: Outcome::Unsupported(m),
                zip: None,
            }
        }
    };
    if let Kind::Since { old } = &job.kind {
        return compare::compare(&design, job.layout, outcome, old);
    }
    let archive = format!("{}-{}-terraform", design.name, design.environment);
    let (zip, zip_error) = match zip(&outcome, &archive) {
        Ok(bytes) => (Some(bytes), None),
        Err(e) => (None, Some(e)),
    };
    Output {
        outcome: Outcome::Files {
            files: outcome,
            archive,
            zip_error,
        },
        zip,
    }
}
