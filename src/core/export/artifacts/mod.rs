//! The export's files that are not Terraform: the README, the CI workflow and
//! the runbooks under `scripts/`. One file per artifact, so the source of each
//! generated file is found by its name. Scripts are generated text, not HCL:
//! every design-derived value in them goes through [`shell_word`].

mod promote_dr;
mod readme;
mod workflow;

pub use promote_dr::promote_dr;
pub use readme::readme;
pub use workflow::workflow;

use crate::core::model::{Design, VpcNode};

/// Whether any database replicates across regions (a runbook has work to do).
fn has_global_db(design: &Design) -> bool {
    design.regions.iter().flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes)).any(|n| match n {
        VpcNode::Aurora(a) => a.global.is_some(),
        VpcNode::Rds(d) => d.replica_of.is_some(),
        _ => false,
    })
}

/// Quotes a word for bash (names are validated, but quoting keeps it safe).
pub(crate) fn shell_word(w: &str) -> String {
    format!("'{}'", w.replace('\'', "'\\''"))
}
