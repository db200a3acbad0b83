//! The open document and its history: every edit goes through [`Doc::apply`],
//! which records the design as it was, so undo and redo cover every edit.
//! The document also carries the one notice the app shows (a toast): a
//! refusal or a report of what an edit did. Any later edit clears it, so a
//! message never outlives the state it was about.

use crate::core::history::History;
use crate::core::layout::same_layout_inputs;
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
    /// Bumped when anything but where shapes sit changed ([`Content`]).
    content: RwSignal<u64>,
    /// Bumped when what the canvas's layout reads changed
    /// ([`Doc::shapes`]).
    shapes: RwSignal<u64>,
    /// `content` as it was after the last frame that showed an edit
    /// ([`Doc::content_later`]).
    later: RwSignal<u64>,
    /// True while `later` waits for that frame.
    catching_up: StoredValue<bool>,
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

/// The design as the views that ignore the canvas's positions read it:
/// [`Content::with`] tracks only edits of anything but [`Design::canvas`],
/// so a move on the canvas does not validate, cost or rebuild the inspector
/// again (on the 5,000-object design those took most of a drag's release).
#[derive(Clone, Copy)]
pub struct Content {
    design: RwSignal<Design>,
    revision: RwSignal<u64>,
}

impl Content {
    /// Reads the design, re-running the caller only when its content changes.
    pub fn with<R>(&self, f: impl FnOnce(&Design) -> R) -> R {
        self.revision.track();
        self.design.with_untracked(f)
    }

    /// The content revision: bumped by every edit but a move.
    pub fn revision(&self) -> Signal<u64> {
        self.revision.into()
    }
}

impl Doc {
    /// A document showing `design`, with an empty history.
    pub fn new(design: Design) -> Self {
        Doc {
            design: RwSignal::new(design),
            history: StoredValue::new(History::default()),
            revision: RwSignal::new(0),
            content: RwSignal::new(0),
            shapes: RwSignal::new(0),
            later: RwSignal::new(0),
            catching_up: StoredValue::new(false),
            notice: RwSignal::new(None),
        }
    }

    /// Replaces the design, recording the old one for undo.
    ///
    /// The design is swapped, never cloned: the old one moves into the
    /// history (a clone of the 5,000-object stress design took several
    /// milliseconds of every edit).
    pub fn apply(&self, next: Design) {
        let (same_content, same) = self.design.with_untracked(|d| {
            let content = d.same_content(&next);
            (content, content && d.canvas == next.canvas)
        });
        if same {
            return;
        }
        let same_shapes = self.design.with_untracked(|d| same_layout_inputs(d, &next));
        let mut before = None;
        self.design
            .update_untracked(|d| before = Some(std::mem::replace(d, next)));
        if let Some(before) = before {
            // `next` differs from `before` (checked above): no need to
            // compare `before` with the last snapshot as well.
            self.history.update_value(|h| h.record_change(before));
        }
        self.design.notify();
        self.changed(!same_content, !same_shapes);
    }

    /// The design's content, for views that do not draw positions.
    pub fn content(&self) -> Content {
        Content {
            design: self.design,
            revision: self.content,
        }
    }

    /// The design's content for the panels that are not the edit's answer
    /// (what it costs, what a region's loss does): the same as
    /// [`Doc::content`], but a content edit reaches them in a task after
    /// the frame that shows the edit, its fields, shapes and diagnostics.
    /// On the stress design their memos (estimate, tiers, strategy, the
    /// places that can fail) took about 4 ms of every edit's frame; now
    /// they run after it, once for a burst of edits in one frame, and the
    /// panels follow a frame later, as routing does (`canvas/routing.rs`).
    pub fn content_later(&self) -> Content {
        Content {
            design: self.design,
            revision: self.later,
        }
    }

    /// Bumped by every edit that changes what the canvas's layout reads
    /// ([`same_layout_inputs`]): a move, an add, a delete, a subnet's AZ,
    /// not a CIDR, a name or a setting. The canvas lays the design out
    /// again only then; on the stress design that was 1.4 to 2.8 ms of
    /// every content edit in wasm, and a comparison of 7,000 shapes.
    pub fn shapes(&self) -> Signal<u64> {
        self.shapes.into()
    }

    /// After any change of the design: history buttons update, and an old
    /// notice no longer describes what is on screen.
    fn changed(&self, content: bool, shapes: bool) {
        self.revision.update(|r| *r += 1);
        if shapes {
            self.shapes.update(|r| *r += 1);
        }
        if content {
            self.content.update(|r| *r += 1);
            self.catch_up_later();
        }
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
        self.step(true);
    }

    /// Steps forward again.
    pub fn redo(&self) {
        self.step(false);
    }

    /// Undo or redo, swapping the design in place (never cloned).
    fn step(&self, undo: bool) {
        let (mut moved, mut content, mut shapes) = (false, false, false);
        self.design.update_untracked(|d| {
            self.history.update_value(|h| {
                moved = if undo { h.undo(d) } else { h.redo(d) };
                // The design the step put away: the next redo after an
                // undo, the next undo after a redo.
                let away = if undo {
                    h.last_undone()
                } else {
                    h.last_replaced()
                };
                content = moved && away.is_none_or(|a| !a.same_content(d));
                shapes = moved && away.is_none_or(|a| !same_layout_inputs(a, d));
            })
        });
        if moved {
            self.design.notify();
            self.changed(content, shapes);
        }
    }

    /// Brings [`Doc::content_later`] up to date after the next frame: an
    /// animation callback runs just before that frame's rendering, and a
    /// task it posts runs after it. Edits meanwhile wait for the same one.
    fn catch_up_later(&self) {
        if self.catching_up.get_value() {
            return;
        }
        self.catching_up.set_value(true);
        let (content, later, catching_up) = (self.content, self.later, self.catching_up);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // (The app may be gone by then: so are its signals.)
                    if catching_up.try_set_value(false).is_none() {
                        if let Some(now) = content.try_get_untracked() {
                            later.try_set(now);
                        }
                    }
                },
                std::time::Duration::ZERO,
            )
        });
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
