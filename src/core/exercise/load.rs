//! Reading exercise files: strict like designs (the same JSON reader, so a
//! duplicate key, deep nesting or a million values is refused), every error
//! a [`LoadError`] naming the JSON path, and caps on size. The inline
//! designs (`start.design`, `solution.design`) go through the design loader,
//! their errors prefixed with where they sit.

use super::{Check, Exercise, Goal, Hint, RulePack, Start, FORMAT, VERSION};
use crate::core::catalog;
use crate::core::model::{self, is_valid_id, Design, LoadError, LoadErrorKind};
use crate::core::text::short;
use crate::core::validate::registry;
use serde::Deserialize;
use serde_json::Value;

/// The largest exercise file, in bytes (a share link inflates to at most as much).
pub const MAX_EXERCISE_BYTES: usize = 4 << 20;
/// The longest brief, in bytes of Markdown.
pub const MAX_BRIEF_BYTES: usize = 64 << 10;
/// The most goals an exercise may have.
pub const MAX_GOALS: usize = 100;
/// The most hints an exercise may have.
pub const MAX_HINTS: usize = 50;
/// The longest title, goal text or hint, in bytes.
const MAX_LINE_BYTES: usize = 4096;

/// The kinds a `count` or `link` check may name.
pub const KINDS: &[&str] = &[
    "region",
    "vpc",
    "subnet",
    "peering",
    "record",
    "accelerator",
    "alb",
    "asg",
    "ecs",
    "rds",
    "aurora",
    "elasticache",
    "s3",
    "dynamodb",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    id: String,
    title: String,
    brief: String,
    start: RawStart,
    #[serde(default)]
    rules: RulePack,
    goals: Vec<Goal>,
    #[serde(default)]
    hints: Vec<Hint>,
    #[serde(default)]
    solution: Option<RawSolution>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStart {
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    design: Option<Value>,
    #[serde(default)]
    empty: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSolution {
    design: Value,
}

fn err(kind: LoadErrorKind, path: impl Into<String>, message: impl Into<String>) -> LoadError {
    LoadError::new(kind, path, message)
}

fn schema(path: impl Into<String>, message: impl Into<String>) -> LoadError {
    err(LoadErrorKind::Schema, path, message)
}

/// Loads an exercise from the text of an exercise file.
pub fn load(text: &str) -> Result<Exercise, LoadError> {
    if text.len() > MAX_EXERCISE_BYTES {
        return Err(schema(
            "",
            format!(
                "the file is {} bytes; an exercise file has at most {} MiB",
                text.len(),
                MAX_EXERCISE_BYTES >> 20
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_value(model::parse_json(text)?)
}

/// Loads an exercise from parsed JSON.
pub fn load_value(value: Value) -> Result<Exercise, LoadError> {
    let Value::Object(doc) = &value else {
        return Err(err(
            LoadErrorKind::NotADesign,
            "",
            "expected a JSON object (a Topoform exercise)",
        ));
    };
    match doc.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) if f == model::FORMAT => {
            return Err(err(
                LoadErrorKind::NotADesign,
                "format",
                format!("this is a design, not an exercise (an exercise file says \"format\": \"{FORMAT}\")"),
            ))
        }
        _ => {
            return Err(err(
                LoadErrorKind::NotADesign,
                "format",
                format!("expected \"{FORMAT}\": this is not a Topoform exercise"),
            ))
        }
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(err(
                LoadErrorKind::TooNew,
                "version",
                format!(
                    "this exercise was written for a newer Topoform (exercise format version {v}); \
                     this one reads version {VERSION}; update Topoform to open it"
                ),
            ))
        }
        _ => {
            return Err(err(
                LoadErrorKind::Version,
                "version",
                format!("expected {VERSION} (the exercise format version)"),
            ))
        }
    }
    // The same path-keeping reader as designs (`model::read_tracked`).
    let raw: Raw = model::read_tracked(&value).map_err(|(path, msg)| schema(path, msg))?;
    check(raw)
}

/// A design inside the exercise, its errors placed under `at`.
fn inner_design(at: &str, value: Value) -> Result<Design, LoadError> {
    model::load_value(value).map_err(|e| {
        let path = if e.path.is_empty() {
            at.to_string()
        } else if e.path.starts_with('[') {
            format!("{at}{}", e.path)
        } else {
            format!("{at}.{}", e.path)
        };
        err(e.kind, path, e.message)
    })
}

fn known_rule(path: String, id: &str) -> Result<(), LoadError> {
    if registry::rule(id).is_none() {
        return Err(err(
            LoadErrorKind::Reference,
            path,
            format!("{:?} is not a rule id (see docs/rules.md)", short(id)),
        ));
    }
    Ok(())
}

fn known_kind(path: String, kind: &str) -> Result<(), LoadError> {
    if !KINDS.contains(&kind) {
        return Err(schema(
            path,
            format!(
                "{:?} is not a kind; expected one of {}",
                short(kind),
                KINDS.join(", ")
            ),
        ));
    }
    Ok(())
}

fn capped(path: &str, text: &str, cap: usize) -> Result<(), LoadError> {
    if text.len() > cap {
        return Err(schema(path, format!("{} bytes; at most {cap}", text.len())));
    }
    Ok(())
}

/// The checks serde cannot make: ids, caps, rule ids, kinds, the start.
fn check(raw: Raw) -> Result<Exercise, LoadError> {
    if !is_valid_id(&raw.id) {
        return Err(err(
            LoadErrorKind::Id,
            "id",
            format!(
                "{:?} is not an id: lowercase letters, digits, - and _, starting with a letter, at most 40",
                short(&raw.id)
            ),
        ));
    }
    capped("title", &raw.title, MAX_LINE_BYTES)?;
    capped("brief", &raw.brief, MAX_BRIEF_BYTES)?;
    for (i, r) in raw.rules.disable.iter().enumerate() {
        known_rule(format!("rules.disable[{i}]"), r)?;
    }
    for r in raw.rules.severity.keys() {
        known_rule(format!("rules.severity.{}", short(r)), r)?;
    }
    if raw.goals.is_empty() {
        return Err(schema("goals", "an exercise needs at least one goal"));
    }
    if raw.goals.len() > MAX_GOALS {
        return Err(schema(
            "goals",
            format!("{} goals; at most {MAX_GOALS}", raw.goals.len()),
        ));
    }
    for (i, g) in raw.goals.iter().enumerate() {
        check_goal(i, g, &raw.goals[..i])?;
    }
    if raw.hints.len() > MAX_HINTS {
        return Err(schema(
            "hints",
            format!("{} hints; at most {MAX_HINTS}", raw.hints.len()),
        ));
    }
    for (i, h) in raw.hints.iter().enumerate() {
        capped(&format!("hints[{i}].text"), &h.text, MAX_LINE_BYTES)?;
    }
    let start = match (raw.start.template, raw.start.design, raw.start.empty) {
        (Some(t), None, None) => {
            match crate::core::templates::template(&t) {
                Some(tpl) if tpl.design().is_ok() => {}
                _ => {
                    return Err(err(
                        LoadErrorKind::Reference,
                        "start.template",
                        format!("{:?} is not a template id", short(&t)),
                    ))
                }
            }
            Start::Template(t)
        }
        (None, Some(d), None) => Start::Design(Box::new(inner_design("start.design", d)?)),
        (None, None, Some(true)) => Start::Empty,
        (None, None, Some(false)) => return Err(schema("start.empty", "must be true")),
        _ => {
            return Err(schema(
                "start",
                "expected exactly one of \"template\", \"design\" or \"empty\"",
            ))
        }
    };
    let solution = match raw.solution {
        Some(s) => Some(inner_design("solution.design", s.design)?),
        None => None,
    };
    Ok(Exercise {
        id: raw.id,
        title: raw.title,
        brief: raw.brief,
        start,
        rules: raw.rules,
        goals: raw.goals,
        hints: raw.hints,
        solution,
    })
}

fn check_goal(i: usize, g: &Goal, earlier: &[Goal]) -> Result<(), LoadError> {
    let at = format!("goals[{i}]");
    if !is_valid_id(&g.id) {
        return Err(err(
            LoadErrorKind::Id,
            format!("{at}.id"),
            format!("{:?} is not an id", short(&g.id)),
        ));
    }
    if earlier.iter().any(|e| e.id == g.id) {
        return Err(err(
            LoadErrorKind::Id,
            format!("{at}.id"),
            format!("{:?} is the id of an earlier goal", short(&g.id)),
        ));
    }
    capped(&format!("{at}.text"), &g.text, MAX_LINE_BYTES)?;
    let at = format!("{at}.check");
    match &g.check {
        Check::NoErrors(true) => {}
        Check::NoErrors(false) => return Err(schema(format!("{at}.no_errors"), "must be true")),
        Check::RuleAbsent(r) => known_rule(format!("{at}.rule_absent"), r)?,
        Check::RulePresent(r) => known_rule(format!("{at}.rule_present"), r)?,
        Check::Count(c) => {
            known_kind(format!("{at}.count.kind"), &c.kind)?;
            if c.policy.is_some() && c.kind != "record" {
                return Err(schema(
                    format!("{at}.count.policy"),
                    format!(
                        "only records have a routing policy; this count is of {:?}",
                        short(&c.kind)
                    ),
                ));
            }
            if let Some(r) = &c.region {
                if matches!(c.kind.as_str(), "record" | "accelerator") {
                    return Err(schema(
                        format!("{at}.count.region"),
                        "records and accelerators are global: count them without a region",
                    ));
                }
                if catalog::region(r).is_none() {
                    return Err(schema(
                        format!("{at}.count.region"),
                        format!("{:?} is not a region code", short(r)),
                    ));
                }
            }
            match (c.min, c.max) {
                (None, None) => {
                    return Err(schema(
                        format!("{at}.count"),
                        "give \"min\", \"max\" or both",
                    ))
                }
                (Some(lo), Some(hi)) if lo > hi => {
                    return Err(schema(
                        format!("{at}.count.max"),
                        format!("{hi} is below min {lo}: no design could pass"),
                    ))
                }
                _ => {}
            }
        }
        Check::Link(l) => {
            known_kind(format!("{at}.link.from"), &l.from)?;
            known_kind(format!("{at}.link.to"), &l.to)?;
        }
        Check::CostBelow(c) => {
            if !(c.monthly_usd.is_finite() && c.monthly_usd > 0.0) {
                return Err(schema(
                    format!("{at}.cost_below.monthly_usd"),
                    "expected a budget above 0 (US dollars a month)",
                ));
            }
        }
        Check::Survives(s) => {
            let known = catalog::region(&s.fail).is_some()
                || catalog::regions().iter().any(|r| r.has_az(&s.fail));
            if !known {
                return Err(schema(
                    format!("{at}.survives.fail"),
                    format!("{:?} is neither a region code nor an AZ id", short(&s.fail)),
                ));
            }
        }
    }
    Ok(())
}
