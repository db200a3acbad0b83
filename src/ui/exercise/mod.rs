//! Workshop mode in the app: the exercise panel (picker, brief, live goal
//! checklist, hints, finish screen, grade report) and the exercise session
//! that survives a reload. The grading itself is `core::exercise`, pure;
//! this module only keeps the session and shows it.

mod brief;
pub mod link;
mod panel;
mod picker;
mod teacher;

pub use panel::ExercisePanel;

use crate::core::exercise::{self, Exercise};
use crate::platform;
use serde_json::{json, Value};

/// Where the exercise in progress is kept, next to the autosaved design.
pub const SESSION_KEY: &str = "topoform.exercise";

/// An exercise in progress: what it is and how far the student got.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The exercise file's text (kept so a reload loads it strictly again).
    pub text: String,
    /// The exercise, without any solution.
    pub exercise: Exercise,
    /// When the student opened it (ms since the epoch).
    pub started_ms: u64,
    /// Hints asked for before their time.
    pub hints_used: usize,
    /// Hints shown (by time or on request), in order.
    pub revealed: usize,
    /// When the student pressed Finish.
    pub finished_ms: Option<u64>,
}

impl Session {
    /// A session starting now on the exercise in `text`; the solution,
    /// should the file hold one, is never kept.
    pub fn start(text: String, now_ms: u64) -> Result<Self, String> {
        let mut ex = exercise::load(&text).map_err(|e| e.to_string())?;
        ex.solution = None;
        Ok(Session {
            text,
            exercise: ex,
            started_ms: now_ms,
            hints_used: 0,
            revealed: 0,
            finished_ms: None,
        })
    }

    /// Whole seconds of work until `now_ms` (or until Finish).
    pub fn seconds(&self, now_ms: u64) -> u64 {
        self.finished_ms
            .unwrap_or(now_ms)
            .saturating_sub(self.started_ms)
            / 1000
    }

    /// How many hints are shown at `now_ms`: those whose time has come,
    /// and at least as many as were revealed.
    pub fn shown(&self, now_ms: u64) -> usize {
        let secs = self.seconds(now_ms);
        let timed = self
            .exercise
            .hints
            .iter()
            .take_while(|h| u64::from(h.after_seconds) <= secs)
            .count();
        timed.max(self.revealed).min(self.exercise.hints.len())
    }

    fn to_json(&self) -> Value {
        json!({
            "text": self.text,
            "started_ms": self.started_ms,
            "hints_used": self.hints_used,
            "revealed": self.revealed,
            "finished_ms": self.finished_ms,
        })
    }

    fn from_json(v: &Value) -> Option<Self> {
        let mut s =
            Session::start(v["text"].as_str()?.to_string(), v["started_ms"].as_u64()?).ok()?;
        let n = s.exercise.hints.len();
        s.hints_used = usize::try_from(v["hints_used"].as_u64()?).ok()?.min(n);
        s.revealed = usize::try_from(v["revealed"].as_u64()?).ok()?.min(n);
        s.finished_ms = v["finished_ms"].as_u64();
        Some(s)
    }
}

/// The session kept in local storage, if any that still loads.
pub fn restore() -> Option<Session> {
    let raw = platform::storage::get(SESSION_KEY).ok().flatten()?;
    let v: Value = serde_json::from_str(&raw).ok()?;
    Session::from_json(&v)
}

/// Keeps `session` (or, with none, forgets it) in local storage.
pub fn store(session: Option<&Session>) -> Result<(), String> {
    match session {
        Some(s) => platform::storage::set(SESSION_KEY, &s.to_json().to_string()),
        None => platform::storage::remove(SESSION_KEY),
    }
}
