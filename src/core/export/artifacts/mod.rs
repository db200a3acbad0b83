//! The export's files that are not Terraform: the README, the CI workflow and
//! the runbooks under `scripts/`. One file per artifact, so the source of each
//! generated file is found by its name. Scripts are generated text, not HCL:
//! every design-derived value in them goes through [`shell::shell_word`].

mod cost;
mod failback;
mod failover;
mod failover_ecs;
mod outage;
mod promote_dr;
mod readme;
pub(in crate::core::export) mod shell;
mod workflow;

pub use readme::{opt_in_note, readme, CHECKOV_SKIPS};
pub use workflow::workflow;

use super::{file, ExportFile};
use crate::core::model::Design;

/// `scripts/promote-dr.sh` and `scripts/failback.sh`, for designs with a
/// primary region and another to fail over to; none otherwise.
pub fn runbooks(design: &Design) -> Vec<ExportFile> {
    match failover::plan(design) {
        Some(plan) => vec![
            file("scripts/promote-dr.sh", promote_dr::promote_dr(&plan)),
            file("scripts/failback.sh", failback::failback(&plan)),
        ],
        None => Vec::new(),
    }
}
