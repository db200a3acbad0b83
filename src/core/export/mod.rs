//! Export: a design becomes ready-to-apply Terraform.
//!
//! The default layout gives every region its own root, with its state in a
//! bucket in that region; a global root for DNS, accelerators and
//! cross-region links; an iam root for the instance roles; a databases root
//! for Aurora global clusters; a bootstrap root for the state buckets;
//! backend configs, the apply order, a CI workflow and failover runbooks.
//! docs/state.md explains which root plans during which outage. The reusable modules under `modules/` are hand-written,
//! validated Terraform shipped with Topoform (they hold no user data); the
//! roots are built per design with hcl-rs. The same design always gives
//! byte-identical files.

mod artifacts;
mod cache;
mod databases;
mod dynamodb;
mod ecs;
mod files;
mod flows;
mod global;
mod global_outputs;
pub mod hcl;
mod iam;
pub mod job;
mod layer_refs;
mod layer_roots;
pub mod layers;
#[cfg(test)]
mod layers_tests;
mod plan;
mod region;
#[cfg(test)]
mod roots_tests;
pub mod since;
mod single;
#[cfg(test)]
mod v2_settings_tests;
mod zip;

pub use plan::{apply_order, Stack};

/// The failover and failback scripts alone, without validation: the export
/// validates first and calls this; tests feed it names validation would
/// refuse, to prove the scripts quote them and never run them.
pub fn runbooks(design: &Design) -> Vec<ExportFile> {
    artifacts::runbooks(design)
}
pub use zip::zip;

use super::model::Design;
use super::validate::{validate, Diagnostic, Severity};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the Terraform is split into roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One root and state per region, plus global and bootstrap (the default).
    PerRegion,
    /// One root with a provider alias and module calls per region.
    SingleRoot,
}

/// One exported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    /// The path inside the export, with `/` separators.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Why a design was not exported.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// Validation found errors; nothing is written until they are fixed.
    Invalid(Vec<Diagnostic>),
    /// The design is valid but the exporter cannot express it.
    Unsupported(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Invalid(d) => {
                writeln!(
                    f,
                    "the design has {} error(s); fix them before exporting:",
                    d.len()
                )?;
                for x in d {
                    writeln!(f, "  {} {}", x.rule, x.message)?;
                }
                Ok(())
            }
            ExportError::Unsupported(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<hcl::HclError> for ExportError {
    fn from(e: hcl::HclError) -> Self {
        ExportError::Unsupported(e.0)
    }
}

/// Where the export puts the picture of the design.
pub const ARCHITECTURE_SVG: &str = "docs/architecture.svg";

/// Exports `design` in `layout`: the files sorted by path.
pub fn export(design: &Design, layout: Layout) -> Result<Vec<ExportFile>, ExportError> {
    let errors: Vec<Diagnostic> = validate(design)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(ExportError::Invalid(errors));
    }
    cache::without_iam_auth(design)?;
    let mut out = match layout {
        Layout::PerRegion => per_region(design)?,
        Layout::SingleRoot => single::single_root(design)?,
    };
    out.push(file("topoform.json", super::model::save(design)));
    // The picture the README shows; it carries the design too, so it opens
    // again in Topoform.
    out.push(file(
        ARCHITECTURE_SVG,
        super::render::svg(design, super::render::Theme::Light),
    ));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn per_region(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    let order = apply_order(design)?;
    let mut out = files::modules();
    out.extend(files::bootstrap(design, true)?);
    for stack in &order {
        match stack {
            Stack::Region(code) => out.extend(region::root(design, code)?),
            Stack::Layer(code, layer) => out.extend(layer_roots::root(design, code, *layer)?),
            Stack::Global => out.extend(global::root(design)?),
            Stack::Iam => out.extend(iam::root(design)?),
            Stack::Databases => out.extend(databases::root(design)?),
            Stack::Bootstrap => {}
        }
        if let (Some(name), Some(key), Some((bucket, region))) = (
            stack.backend_name(),
            stack.state_name(),
            stack.state_location(design),
        ) {
            out.push(files::backend_keyed(design, &name, &key, &bucket, &region)?);
        }
    }
    out.push(file("README.md", artifacts::readme(design, &order)));
    out.push(file(
        ".github/workflows/terraform.yml",
        artifacts::workflow(design, &order),
    ));
    out.extend(artifacts::runbooks(design));
    Ok(out)
}

pub(crate) fn file(path: &str, contents: String) -> ExportFile {
    ExportFile {
        path: path.to_string(),
        contents,
    }
}
