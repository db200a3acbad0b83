//! Diagnostics, rules and their documentation.

use super::Ctx;
use crate::core::text::bound;
use serde::Serialize;

/// How bad a finding is.
///
/// Ordered so that sorting puts errors first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS or Terraform rejects it, or the design cannot work.
    Error,
    /// A best practice, cost or availability risk.
    Warning,
    /// Advice only.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The families rules are grouped in, one file each under `rules/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Design,
    Network,
    LoadBalancing,
    Autoscaling,
    Containers,
    Caching,
    Rds,
    Aurora,
    Dynamodb,
    S3,
    Route53,
    Accelerator,
    NamesIam,
    State,
}

impl Family {
    /// The heading of the family in docs/rules.md.
    pub fn title(self) -> &'static str {
        match self {
            Family::Design => "Design",
            Family::Network => "Network",
            Family::LoadBalancing => "Load balancing",
            Family::Autoscaling => "Auto Scaling",
            Family::Containers => "ECS on Fargate",
            Family::Caching => "ElastiCache",
            Family::Rds => "RDS",
            Family::Aurora => "Aurora",
            Family::Dynamodb => "DynamoDB",
            Family::S3 => "S3",
            Family::Route53 => "Route 53",
            Family::Accelerator => "Global Accelerator",
            Family::NamesIam => "Names and IAM",
            Family::State => "State and Terraform",
        }
    }
}

/// What a rule checks and why, for people: shown in the app and generated
/// into docs/rules.md.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// The catalog id (`NET-05`), or a new id in the same style.
    pub id: &'static str,
    /// The usual severity; a check may report some findings at another.
    pub severity: Severity,
    /// The family the rule belongs to.
    pub family: Family,
    /// One line: what must hold. Empty in the browser build (see [`rule`]).
    pub summary: &'static str,
    /// Why it matters (what AWS or Terraform does otherwise). Empty in the
    /// browser build (see [`rule`]).
    pub why: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
}

/// A rule: its docs and its check.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The documentation, including id and severity.
    pub doc: RuleDoc,
    /// Looks at the design and reports findings.
    pub check: fn(&Ctx<'_>, &mut Report<'_>),
}

/// Builds a rule; keeps each family's table short.
///
/// In the wasm builds `summary` and `why` are left out (empty): the app
/// shows a finding's message and `fix`, never those two, and they are
/// about 28 KB of text (issue 13, first-paint size). docs/rules.md and the
/// CLI, built natively, carry them.
pub const fn rule(
    id: &'static str,
    severity: Severity,
    family: Family,
    summary: &'static str,
    why: &'static str,
    fix: &'static str,
    check: fn(&Ctx<'_>, &mut Report<'_>),
) -> Rule {
    Rule {
        doc: RuleDoc {
            id,
            severity,
            family,
            summary: if cfg!(target_arch = "wasm32") {
                ""
            } else {
                summary
            },
            why: if cfg!(target_arch = "wasm32") {
                ""
            } else {
                why
            },
            fix,
        },
        check,
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule id.
    pub rule: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, naming the objects in words a person understands; one
    /// line of at most [`MAX_MESSAGE_BYTES`](crate::core::text::MAX_MESSAGE_BYTES).
    pub message: String,
    /// The ids of the design objects it is about (for badges and selection).
    pub subjects: Vec<String>,
    /// How to fix it.
    #[serde(skip)]
    pub fix: &'static str,
}

/// Where a rule's check writes its findings.
pub struct Report<'a> {
    rule: &'a Rule,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    /// A report for `rule` appending to `out`.
    pub fn new(rule: &'a Rule, out: &'a mut Vec<Diagnostic>) -> Self {
        Report { rule, out }
    }

    /// Reports a finding at the rule's own severity.
    pub fn emit<S: AsRef<str>>(&mut self, subjects: &[S], message: impl Into<String>) {
        self.emit_at(self.rule.doc.severity, subjects, message);
    }

    /// Reports a finding at another severity (for rules with two levels).
    ///
    /// The message is bounded here, whatever the rule wrote: rules quote
    /// user text with `short`, and this backstop keeps a missed spot from
    /// turning a 5 MB name into megabytes of report per finding.
    pub fn emit_at<S: AsRef<str>>(
        &mut self,
        severity: Severity,
        subjects: &[S],
        message: impl Into<String>,
    ) {
        self.out.push(Diagnostic {
            rule: self.rule.doc.id,
            severity,
            message: bound(message.into()),
            subjects: subjects.iter().map(|s| s.as_ref().to_string()).collect(),
            fix: self.rule.doc.fix,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::MAX_MESSAGE_BYTES;

    fn nothing(_: &Ctx<'_>, _: &mut Report<'_>) {}

    const RULE: Rule = rule(
        "DES-99",
        Severity::Error,
        Family::Design,
        "s",
        "w",
        "f",
        nothing,
    );

    #[test]
    fn emit_bounds_every_message() {
        let mut out = Vec::new();
        let mut report = Report::new(&RULE, &mut out);
        report.emit(
            &["a"],
            format!(
                "Project name {} is too long.\nSecond line",
                "x".repeat(5_000_000)
            ),
        );
        report.emit(&["a"], "A short message.");
        assert!(
            out[0].message.len() <= MAX_MESSAGE_BYTES && !out[0].message.contains('\n'),
            "{}",
            out[0].message.len()
        );
        assert!(out[0].message.starts_with("Project name xxx"));
        assert_eq!(out[1].message, "A short message.");
    }
}
