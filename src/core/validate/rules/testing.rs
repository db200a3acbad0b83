//! Helpers for the rules' table tests.

use crate::core::model::Design;
use crate::core::templates::template;
use crate::core::validate::{validate, Diagnostic};

/// A template's design, to mutate into a case.
pub fn base(id: &str) -> Design {
    template(id)
        .and_then(|t| t.design().ok())
        .expect("templates load")
}

/// The diagnostics of `rule` on `design`.
pub fn findings(design: &Design, rule: &str) -> Vec<Diagnostic> {
    validate(design)
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// Asserts that `rule` fires on `bad` (naming `subject`) and not on `good`.
pub fn fires_and_not(rule: &str, bad: &Design, subject: &str, good: &Design) {
    let hits = findings(bad, rule);
    assert!(
        hits.iter().any(|d| d.subjects.iter().any(|s| s == subject)),
        "{rule} should fire on {subject}; got {hits:#?}"
    );
    let clean = findings(good, rule);
    assert!(clean.is_empty(), "{rule} should not fire; got {clean:#?}");
}
