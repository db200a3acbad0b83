//! Exercises: a teacher's task over a design, graded by goals.
//!
//! An exercise file (`docs/exercise-format.md`, version 1) names where the
//! student starts (a template, an inline design or nothing), a rule pack
//! (rules disabled or re-graded while the exercise is open), the goals, the
//! hints and a solution. [`load`] reads one strictly, as designs are read;
//! [`grade`] checks every goal against a design: a score (the share of
//! goals passed, 0–100), whether all passed, and per goal a message saying
//! why it passed or failed. Pure: the app and `topoform grade` share it.

pub mod class;
mod goals;
mod load;
pub mod report;
mod rules;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hostile;
#[cfg(test)]
mod tests_load;

pub use load::{load, load_value, MAX_BRIEF_BYTES, MAX_EXERCISE_BYTES, MAX_GOALS, MAX_HINTS};
pub use rules::{diagnostics, RulePack, SeverityName};

use crate::core::model::{
    Design, LockMode, RoutingPolicy, StateConfig, CURRENT_VERSION, FORMAT as DESIGN_FORMAT,
};
use serde::Deserialize;
use serde_json::{json, Value};

/// The value of the `format` field of every exercise file.
pub const FORMAT: &str = "topoform.exercise";

/// The exercise format version this Topoform reads and writes.
pub const VERSION: u32 = 1;

/// A loaded exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    /// A stable slug (`overlap-fix`), the file name of a bundled exercise.
    pub id: String,
    /// The title shown in the picker and the panel.
    pub title: String,
    /// Markdown for the student: the story, what to do, what is graded.
    pub brief: String,
    /// Where the student starts.
    pub start: Start,
    /// Rules disabled or re-graded while the exercise is open.
    pub rules: RulePack,
    /// What is graded, in order.
    pub goals: Vec<Goal>,
    /// Hints, shown in order after their time or on request.
    pub hints: Vec<Hint>,
    /// A design that scores 100 (never in a share link).
    pub solution: Option<Design>,
}

/// Where the student starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// A bundled template, by id (`core::templates`).
    Template(String),
    /// A whole design given inline.
    Design(Box<Design>),
    /// An empty canvas.
    Empty,
}

/// One graded goal.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Unique within the exercise; the grade report's key.
    pub id: String,
    /// What the student reads in the checklist.
    pub text: String,
    /// How it is judged.
    pub check: Check,
}

/// How a goal is judged: exactly one check.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// No error-severity diagnostic, after the rule pack (must be `true`).
    NoErrors(bool),
    /// No diagnostic of this rule, after the rule pack.
    RuleAbsent(String),
    /// At least one diagnostic of this rule, after the rule pack.
    RulePresent(String),
    /// How many objects of a kind the design has.
    Count(CountCheck),
    /// A relation between two kinds of object exists.
    Link(LinkCheck),
    /// The design recovers from losing a region or an AZ, within limits.
    Survives(SurvivesCheck),
    /// The monthly cost estimate (`core::cost`) is below a budget.
    CostBelow(CostBelowCheck),
}

/// `cost_below`: the design's monthly estimate is under `monthly_usd`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostBelowCheck {
    /// The budget, in US dollars a month.
    pub monthly_usd: f64,
}

/// `count`: objects of `kind` (in `region`), between `min` and `max`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountCheck {
    /// A node kind (`rds`, `alb`, ...) or `region`, `vpc`, `subnet`,
    /// `peering`, `record`, `accelerator`.
    pub kind: String,
    /// Only objects in this region (code); a peering counts when either
    /// end is there.
    #[serde(default)]
    pub region: Option<String>,
    /// At least this many.
    #[serde(default)]
    pub min: Option<u32>,
    /// At most this many.
    #[serde(default)]
    pub max: Option<u32>,
    /// Records only: count only the records with this routing policy
    /// (`latency`, `failover`, ...). Topoform's addition to the contract.
    #[serde(default)]
    pub policy: Option<RoutingPolicy>,
}

/// `link`: a relation from an object of kind `from` to one of kind `to`
/// (as the canvas draws them: a replica to its source, a group to its load
/// balancer, a record to its target, ...).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkCheck {
    /// The kind the relation starts from.
    pub from: String,
    /// The kind it points at.
    pub to: String,
    /// `true`: the two ends in different regions; `false`: in the same one.
    #[serde(default)]
    pub across_regions: Option<bool>,
}

/// `survives`: losing `fail` (a region code or AZ id), the design recovers,
/// loses no store entirely, and stays within the limits given.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurvivesCheck {
    /// A region code (`us-east-1`) or an AZ id (`use1-az1`).
    pub fail: String,
    /// The longest acceptable recovery time.
    #[serde(default)]
    pub rto_seconds: Option<u32>,
    /// The most seconds of writes it may lose.
    #[serde(default)]
    pub rpo_seconds: Option<u32>,
}

/// A hint.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    /// Shown after the student has worked this long on the exercise.
    pub after_seconds: u32,
    /// Markdown.
    pub text: String,
}

/// The outcome of one goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalResult {
    /// The goal's id.
    pub id: String,
    /// Whether it passed.
    pub passed: bool,
    /// Why it passed or failed, for the student.
    pub message: String,
}

/// A design graded against an exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// The share of goals passed, 0–100, rounded down (100 only when all pass).
    pub score: u32,
    /// Every goal passed.
    pub passed: bool,
    /// Per goal, in the exercise's order.
    pub goals: Vec<GoalResult>,
}

impl Grade {
    /// The grade as `topoform grade --format json` prints it:
    /// `{"score","passed","goals":[{"id","passed","message"}]}`.
    pub fn json(&self) -> Value {
        json!({
            "score": self.score,
            "passed": self.passed,
            "goals": self.goals.iter().map(|g| json!({
                "id": g.id,
                "passed": g.passed,
                "message": g.message,
            })).collect::<Vec<_>>(),
        })
    }

    /// The ids of the goals that failed, in order.
    pub fn failed(&self) -> Vec<&str> {
        self.goals
            .iter()
            .filter(|g| !g.passed)
            .map(|g| g.id.as_str())
            .collect()
    }
}

/// Grades `design` against every goal of `exercise`.
pub fn grade(exercise: &Exercise, design: &Design) -> Grade {
    let diags = diagnostics(&exercise.rules, design);
    let goals: Vec<GoalResult> = exercise
        .goals
        .iter()
        .map(|g| {
            let (passed, message) = goals::check(&g.check, design, &diags);
            GoalResult {
                id: g.id.clone(),
                passed,
                message,
            }
        })
        .collect();
    let n = goals.len();
    let ok = goals.iter().filter(|g| g.passed).count();
    let score = (ok * 100).checked_div(n).unwrap_or(100);
    Grade {
        score: u32::try_from(score).unwrap_or(100),
        passed: ok == n,
        goals,
    }
}

impl Exercise {
    /// The design the student starts from.
    pub fn start_design(&self) -> Design {
        match &self.start {
            Start::Design(d) => (**d).clone(),
            Start::Empty => empty_design(),
            // `load` checked that the template exists and loads; the
            // templates' own tests load each one.
            Start::Template(id) => crate::core::templates::template(id)
                .and_then(|t| t.design().ok())
                .unwrap_or_else(empty_design),
        }
    }
}

/// A design with nothing in it, as the app's "New" makes.
pub fn empty_design() -> Design {
    Design {
        format: DESIGN_FORMAT.to_string(),
        version: CURRENT_VERSION,
        name: "untitled".into(),
        environment: "dev".into(),
        tags: Default::default(),
        state: StateConfig {
            bucket: "untitled-dev-tfstate".into(),
            region: "us-east-1".into(),
            lock: LockMode::Lockfile,
            dynamodb_table: None,
            key_prefix: None,
            buckets: Default::default(),
            split: Default::default(),
        },
        regions: Vec::new(),
        peerings: Vec::new(),
        dns: None,
        accelerators: Vec::new(),
        objectives: Default::default(),
        usage: Default::default(),
        canvas: Default::default(),
    }
}
