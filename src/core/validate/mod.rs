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
mod incremental;
pub mod registry;
pub mod rules;

pub use context::Ctx;
pub use diagnostic::{rule, Diagnostic, Family, Report, Rule, RuleDoc, Severity};
pub use incremental::Incremental;

use super::model::Design;

/// Runs every registered rule on `design`.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let ctx = Ctx::new(design);
    let mut out = Vec::new();
    for rule in registry::rules() {
        let mut report = Report::new(rule, &mut out);
        (rule.check)(&ctx, &mut report);
    }
    sort(&mut out);
    out
}

/// The order of [`validate`]'s result: severity, rule, subjects, message.
fn sort(out: &mut [Diagnostic]) {
    out.sort_by(|a, b| {
        (a.severity, a.rule, &a.subjects, &a.message).cmp(&(
            b.severity,
            b.rule,
            &b.subjects,
            &b.message,
        ))
    });
}

/// The worst severity and the number of findings for each subject id, for
/// the badges on the canvas.
pub fn by_subject(diags: &[Diagnostic]) -> std::collections::BTreeMap<String, (Severity, usize)> {
    let mut out: std::collections::BTreeMap<String, (Severity, usize)> = Default::default();
    for d in diags {
        for s in &d.subjects {
            let e = out.entry(s.clone()).or_insert((d.severity, 0));
            e.0 = e.0.min(d.severity);
            e.1 += 1;
        }
    }
    out
}

/// How many diagnostics of each severity: (errors, warnings, infos).
pub fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    diags
        .iter()
        .fold((0, 0, 0), |(e, w, i), d| match d.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_take_the_worst_severity_per_subject() {
        let d = |rule, severity, subjects: &[&str]| Diagnostic {
            rule,
            severity,
            message: String::new(),
            subjects: subjects.iter().map(|s| s.to_string()).collect(),
            fix: "",
        };
        let diags = [
            d("A", Severity::Warning, &["x", "y"]),
            d("B", Severity::Error, &["x"]),
        ];
        let b = by_subject(&diags);
        assert_eq!(b["x"], (Severity::Error, 2));
        assert_eq!(b["y"], (Severity::Warning, 1));
        assert_eq!(counts(&diags), (1, 1, 0));
    }
}
