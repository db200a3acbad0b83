//! Validation: the AWS constraint catalog as rules over a design.
//!
//! Every rule is data with docs ([`RuleDoc`]) plus a check function; rules are
//! registered in one explicit list ([`registry`]), one file per family under
//! `rules/`. [`validate`] runs them all and returns diagnostics sorted by
//! severity, rule and subjects. Diagnostics are derived: the app recomputes
//! them from the design on every change and never stores them.

mod context;
mod diagnostic;
pub mod docs;
pub mod registry;
pub mod rules;

pub use context::Ctx;
pub use diagnostic::{rule, Diagnostic, Family, Report, Rule, RuleDoc, Severity};

use super::model::Design;

/// Runs every registered rule on `design`.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let ctx = Ctx::new(design);
    let mut out = Vec::new();
    for rule in registry::rules() {
        let mut report = Report::new(rule, &mut out);
        (rule.check)(&ctx, &mut report);
    }
    out.sort_by(|a, b| {
        (a.severity, a.rule, &a.subjects, &a.message).cmp(&(b.severity, b.rule, &b.subjects, &b.message))
    });
    out
}

/// How many diagnostics of each severity: (errors, warnings, infos).
pub fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    diags.iter().fold((0, 0, 0), |(e, w, i), d| match d.severity {
        Severity::Error => (e + 1, w, i),
        Severity::Warning => (e, w + 1, i),
        Severity::Info => (e, w, i + 1),
    })
}
