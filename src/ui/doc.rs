//! The open document and its history: every edit goes through [`Doc::apply`],
//! which records the design as it was, so undo and redo cover every edit.
//! The document also carries the one notice the app shows (a toast): a
//! refusal or a report of what an edit did. Any later edit clears it, so a
//! message never outlives the state it was about.

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
    /// The toast: shown until dismissed or until the design next changes.
    pub notice: RwSignal<Option<Notice>>,
}

/// A message for the toast: an error (a refusal, a file that did not open)
/// or a report of what an edit did, line by line.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The headline.
    pub text: String,
    /// Details, one per line (what an edit added or changed).
    pub lines: Vec<String>,
    /// True for refusals and failures (shown as an alert).
    pub error: bool,
}

impl Notice {
    /// A refusal or failure.
    pub fn error(text: impl Into<String>) -> Self {
        Notice {
            text: text.into(),
            lines: Vec::new(),
            error: true,
        }
    }

    /// A report of what happened.
    pub fn info(text: impl Into<String>, lines: Vec<String>) -> Self {
        Notice {
            text: text.into(),
            lines,
            error: false,
        }
    }
}

impl Doc {
    /// A document showing `design`, with an empty history.
    pub fn new(design: Design) -> Self {
        Doc {
            design: RwSignal::new(design),
            history: StoredValue::new(History::default()),
            revision: RwSignal::new(0),
            notice: RwSignal::new(None),
        }
    }

    /// Replaces the design, recording the old one for undo.
    ///
    /// The design is swapped, never cloned: the old one moves into the
    /// history (a clone of the 5,000-object stress design took several
    /// milliseconds of every edit).
    pub fn apply(&self, next: Design) {
        if self.design.with_untracked(|d| *d == next) {
            return;
        }
        let mut before = None;
        self.design
            .update_untracked(|d| before = Some(std::mem::replace(d, next)));
        if let Some(before) = before {
            self.history.update_value(|h| h.record(before));
        }
        self.design.notify();
        self.changed();
    }

    /// After any change of the design: history buttons update, and an old
    /// notice no longer describes what is on screen.
    fn changed(&self) {
        self.revision.update(|r| *r += 1);
        if self.notice.with_untracked(Option::is_some) {
            self.notice.set(None);
        }
    }

    /// Shows a refusal or failure in the toast.
    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice::error(text)));
    }

    /// Steps back one edit.
    pub fn undo(&self) {
        self.step(History::undo);
    }

    /// Steps forward again.
    pub fn redo(&self) {
        self.step(History::redo);
    }

    /// Undo or redo, swapping the design in place (never cloned).
    fn step(&self, step: fn(&mut History, &mut Design) -> bool) {
        let mut moved = false;
        self.design
            .update_untracked(|d| self.history.update_value(|h| moved = step(h, d)));
        if moved {
            self.design.notify();
            self.changed();
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
