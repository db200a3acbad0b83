//! Edits as pure functions `&Design -> Result<Design, EditError>`.
//!
//! The canvas editor calls these and never mutates a design in place: every
//! edit yields a new design, which the history records and autosave writes.
//! Each refusal carries a sentence the UI shows as it is.

mod alloc;
mod clone_dr;
mod connect;
mod connections;
mod create;
mod delete;
mod disconnect;
mod duplicate;
pub mod ids;
pub mod input;
mod make_primary;
mod object;
mod paste;
mod region_code;
mod summary;
mod target;

pub use alloc::{first_free, next_subnet_cidr, next_vpc_cidr};
pub use clone_dr::clone_region_as_dr;
pub use connect::{connect, link_kind, link_kind_in, orient, LinkKind};
pub use connections::{candidates, candidates_besides, current, describe, meaning};
pub use create::{add, placement, PaletteItem, Placement};
pub use delete::{delete, dependents};
pub use disconnect::disconnect;
pub use duplicate::duplicate;
pub use make_primary::make_primary;
pub use object::{parse_in_range, update, ObjectMut};
pub use paste::{copy, paste, CLIP_FORMAT, MAX_CLIP_BYTES};
pub use region_code::set_region_code;
pub use summary::changes;
pub use target::{retarget, settle_weights, DEFAULT_WEIGHT};

use std::fmt;

/// Why an edit was refused, in words for the person who tried it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl EditError {
    /// A refusal with this message, bounded to one short line: refusals
    /// name VPCs and CIDRs, which can hold any text (see `core::text`).
    pub fn new(msg: impl Into<String>) -> Self {
        EditError(crate::core::text::bound(msg.into()))
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_dup;
#[cfg(test)]
mod tests_v2;
