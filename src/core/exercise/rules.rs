//! The rule pack: rules an exercise disables or re-grades, applied to the
//! diagnostics the student sees (problems panel, badges) and grades on.

use crate::core::model::Design;
use crate::core::validate::{validate, Diagnostic, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A severity as an exercise file spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

impl SeverityName {
    /// The validator's severity.
    pub fn severity(self) -> Severity {
        match self {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

/// Rules disabled or re-graded for one exercise. Every id is a registered
/// rule (`load` refuses a typo).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    /// Rule ids whose findings are dropped.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule ids whose findings take another severity.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
}

impl RulePack {
    /// Applies the pack to diagnostics: drops disabled rules, re-grades
    /// overridden ones, and sorts again (errors first) as `validate` does.
    pub fn apply(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| !self.disable.iter().any(|r| r == d.rule))
            .map(|mut d| {
                if let Some(s) = self.severity.get(d.rule) {
                    d.severity = s.severity();
                }
                d
            })
            .collect();
        out.sort_by(|a, b| {
            (a.severity, a.rule, &a.subjects, &a.message).cmp(&(
                b.severity,
                b.rule,
                &b.subjects,
                &b.message,
            ))
        });
        out
    }
}

/// Every diagnostic of `design` as the exercise shows it.
pub fn diagnostics(pack: &RulePack, design: &Design) -> Vec<Diagnostic> {
    pack.apply(validate(design))
}
