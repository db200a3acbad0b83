//! The open document and its history: every edit goes through [`Doc::apply`],
//! which records the design as it was, so undo and redo cover every edit.

use crate::core::history::History;
use crate::core::model::Design;
use leptos::prelude::*;

/// The design in a signal, plus its undo history.
#[derive(Clone, Copy)]
pub struct Doc {
    /// The design the user sees and edits.
    pub design: RwSignal<Design>,
    history: StoredValue<History>,
    /// Bumped on every history change, so undo/redo buttons update.
    revision: RwSignal<u64>,
}

impl Doc {
    /// A document showing `design`, with an empty history.
    pub fn new(design: Design) -> Self {
        Doc { design: RwSignal::new(design), history: StoredValue::new(History::default()), revision: RwSignal::new(0) }
    }

    /// Replaces the design, recording the old one for undo.
    pub fn apply(&self, next: Design) {
        let before = self.design.get_untracked();
        if before == next {
            return;
        }
        self.history.update_value(|h| h.record(before));
        self.design.set(next);
        self.revision.update(|r| *r += 1);
    }

    /// Steps back one edit.
    pub fn undo(&self) {
        let current = self.design.get_untracked();
        let mut back = None;
        self.history.update_value(|h| back = h.undo(current));
        if let Some(d) = back {
            self.design.set(d);
            self.revision.update(|r| *r += 1);
        }
    }

    /// Steps forward again.
    pub fn redo(&self) {
        let current = self.design.get_untracked();
        let mut fwd = None;
        self.history.update_value(|h| fwd = h.redo(current));
        if let Some(d) = fwd {
            self.design.set(d);
            self.revision.update(|r| *r += 1);
        }
    }

    /// True when there is something to undo (tracks history changes).
    pub fn can_undo(&self) -> bool {
        self.revision.track();
        self.history.with_value(History::can_undo)
    }

    /// True when there is something to redo (tracks history changes).
    pub fn can_redo(&self) -> bool {
        self.revision.track();
        self.history.with_value(History::can_redo)
    }
}
