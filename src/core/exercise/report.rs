//! A student's grade report: the exercise, the score, per goal whether it
//! passed and why, the time spent and the hints used, as JSON and as CSV.
//! The report is for reading; a teacher's table regrades the design itself,
//! since a report can be edited by hand.

use super::{Exercise, Grade};
use serde_json::{json, Value};

/// What the report says beyond the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effort {
    /// Seconds from opening the exercise to finishing (or now).
    pub seconds: u64,
    /// Hints the student revealed.
    pub hints_used: usize,
}

/// The report as JSON: `{"exercise","title","score","passed","seconds",
/// "hints_used","hints","goals":[{"id","text","passed","message"}]}`.
pub fn json(exercise: &Exercise, grade: &Grade, effort: Effort) -> Value {
    json!({
        "exercise": exercise.id,
        "title": exercise.title,
        "score": grade.score,
        "passed": grade.passed,
        "seconds": effort.seconds,
        "hints_used": effort.hints_used,
        "hints": exercise.hints.len(),
        "goals": exercise.goals.iter().zip(&grade.goals).map(|(g, r)| json!({
            "id": r.id,
            "text": g.text,
            "passed": r.passed,
            "message": r.message,
        })).collect::<Vec<_>>(),
    })
}

/// The report as CSV (RFC 4180): one row per goal, then a `total` row
/// with the score, time and hints.
pub fn csv(exercise: &Exercise, grade: &Grade, effort: Effort) -> String {
    let mut out = String::from("exercise,goal,passed,message,seconds,hints_used\r\n");
    for r in &grade.goals {
        row(
            &mut out,
            &[&exercise.id, &r.id, yes_no(r.passed), &r.message, "", ""],
        );
    }
    let score = format!("score {}", grade.score);
    row(
        &mut out,
        &[
            &exercise.id,
            "total",
            yes_no(grade.passed),
            &score,
            &effort.seconds.to_string(),
            &effort.hints_used.to_string(),
        ],
    );
    out
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn row(out: &mut String, cells: &[&str]) {
    let quoted: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// One CSV cell: quoted when it holds a comma, quote or line break; a
/// leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
/// never runs a student's text as a formula.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exercise::{grade, load};

    fn exercise() -> Exercise {
        load(include_str!("../../../public/exercises/overlap-peer.json")).unwrap()
    }

    #[test]
    fn the_report_holds_every_goal_the_time_and_the_hints() {
        let ex = exercise();
        let g = grade(&ex, &ex.start_design());
        assert!(!g.passed);
        let effort = Effort {
            seconds: 754,
            hints_used: 1,
        };
        let j = json(&ex, &g, effort);
        assert_eq!(j["exercise"], "overlap-peer");
        assert_eq!(j["score"], g.score);
        assert_eq!(j["passed"], false);
        assert_eq!(j["seconds"], 754);
        assert_eq!(j["hints_used"], 1);
        let goals = j["goals"].as_array().unwrap();
        assert_eq!(goals.len(), ex.goals.len());
        for (row, r) in goals.iter().zip(&g.goals) {
            assert_eq!(row["id"], r.id.as_str());
            assert_eq!(row["passed"], r.passed);
            assert_eq!(row["message"], r.message.as_str());
        }
        let c = csv(&ex, &g, effort);
        let lines: Vec<&str> = c.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), ex.goals.len() + 2, "{c}");
        assert!(lines[0].starts_with("exercise,goal,passed"));
        assert!(lines.last().unwrap().ends_with(",754,1"), "{c}");
        let failed = g.failed()[0];
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("overlap-peer,{failed},no,"))),
            "{c}"
        );
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
    }
}
