//! Undo and redo over whole-design snapshots.
//!
//! Designs are small (a few hundred objects; the 5,000-object stress design is
//! the extreme), so every step keeps the design as it was before the edit.
//! That is simpler and harder to get wrong than inverse diffs. A drag is one
//! step because the UI records the snapshot taken when the drag began.

use super::model::Design;

/// How many steps are kept; older ones are dropped.
pub const DEFAULT_LIMIT: usize = 200;

/// The undo and redo stacks.
#[derive(Debug, Clone)]
pub struct History {
    past: Vec<Design>,
    future: Vec<Design>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(DEFAULT_LIMIT)
    }
}

impl History {
    /// Empty stacks keeping at most `limit` undo steps.
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Records that the design was `before` until an edit changed it.
    /// A new edit clears the redo stack. Recording a design equal to the
    /// last snapshot is ignored, so no-op edits do not cost an undo step.
    pub fn record(&mut self, before: Design) {
        if self.past.last() == Some(&before) {
            return;
        }
        self.record_change(before);
    }

    /// Records `before` as [`History::record`] does, without comparing it
    /// with the last snapshot: for a caller that records only edits that
    /// changed the design (the editor's `Doc::apply` compares the edit with
    /// the design it replaces first). Then consecutive snapshots always
    /// differ, so that comparison, of two whole designs, would only cost
    /// time (milliseconds on every edit of a large design).
    pub fn record_change(&mut self, before: Design) {
        self.past.push(before);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Steps back: puts the design before the last edit in `current`'s
    /// place, keeping what was there for redo. False (and `current`
    /// untouched) when there is nothing to undo. Designs are swapped, never
    /// cloned: a big design's clone costs milliseconds.
    pub fn undo(&mut self, current: &mut Design) -> bool {
        let Some(prev) = self.past.pop() else {
            return false;
        };
        self.future.push(std::mem::replace(current, prev));
        true
    }

    /// Steps forward again after an undo, as [`History::undo`] steps back.
    pub fn redo(&mut self, current: &mut Design) -> bool {
        let Some(next) = self.future.pop() else {
            return false;
        };
        self.past.push(std::mem::replace(current, next));
        true
    }

    /// The design the last [`History::undo`] replaced (the next redo).
    pub fn last_undone(&self) -> Option<&Design> {
        self.future.last()
    }

    /// The design the last [`History::redo`] or recorded edit replaced
    /// (the next undo).
    pub fn last_replaced(&self) -> Option<&Design> {
        self.past.last()
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Forgets everything (opening another design).
    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    fn designs() -> Vec<Design> {
        (0..4)
            .map(|i| {
                let mut d = template("active-passive").unwrap().design().unwrap();
                d.name = format!("v{i}");
                d
            })
            .collect()
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let v = designs();
        let mut h = History::default();
        h.record(v[0].clone());
        h.record(v[1].clone());
        let mut cur = v[2].clone();
        assert!(h.undo(&mut cur));
        assert_eq!(cur, v[1]);
        assert!(h.undo(&mut cur));
        assert_eq!(cur, v[0]);
        assert!(!h.undo(&mut cur));
        assert_eq!(cur, v[0], "nothing to undo leaves the design as it is");
        assert!(h.redo(&mut cur));
        assert!(h.redo(&mut cur));
        assert_eq!(cur, v[2]);
        assert!(!h.redo(&mut cur));
        assert_eq!(cur, v[2]);
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo_and_no_ops_are_not_steps() {
        let v = designs();
        let mut h = History::default();
        h.record(v[0].clone());
        h.record(v[0].clone());
        let mut cur = v[1].clone();
        assert!(h.undo(&mut cur));
        assert!(!h.can_undo(), "the repeated snapshot was one step");
        h.record(cur);
        assert!(!h.can_redo());
    }

    #[test]
    fn the_limit_drops_the_oldest_steps() {
        let v = designs();
        let mut h = History::new(2);
        for d in &v[..3] {
            h.record(d.clone());
        }
        let mut cur = v[3].clone();
        assert!(h.undo(&mut cur) && h.undo(&mut cur));
        assert_eq!(cur, v[1]);
        assert!(!h.can_undo());
    }

    #[test]
    fn record_change_records_without_comparing_and_keeps_the_limit() {
        let v = designs();
        let mut h = History::new(2);
        h.record_change(v[0].clone());
        h.record_change(v[0].clone());
        assert!(
            h.undo(&mut v[1].clone()) && h.can_undo(),
            "two steps, not compared"
        );
        let mut h = History::new(2);
        for d in &v[..3] {
            h.record_change(d.clone());
        }
        let mut cur = v[3].clone();
        assert!(h.undo(&mut cur) && h.undo(&mut cur));
        assert_eq!(cur, v[1]);
        assert!(!h.can_undo(), "the oldest step was dropped");
        h.record_change(cur);
        assert!(!h.can_redo(), "a new edit clears redo");
    }
}
