//! `topoform grade EXERCISE DESIGN [--format text|json]`: a design graded
//! against an exercise, for CI and for teachers grading a folder of
//! submissions. The same grading as the app's checklist (`core::exercise`).

use crate::args::{format_json, Spec};
use crate::io::{read_design, read_text};
use std::process::ExitCode;
use topoform::core::exercise::{self, Exercise};
use topoform::core::text::bound;

pub const SPEC: Spec = Spec {
    command: "grade",
    operands: &["EXERCISE", "DESIGN"],
    required: 2,
    options: &[("--format", "a value: text or json")],
};

/// Runs `grade` on parsed arguments: 0 passed, 1 not, 2 a file did not load.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let json = format_json(p.value("--format"))?;
    let (ex_file, design_file) = (p.operand(0).unwrap_or("-"), p.operand(1).unwrap_or("-"));
    if ex_file == "-" && design_file == "-" {
        return Err("grade reads at most one of EXERCISE and DESIGN from standard input".into());
    }
    let loaded = read_exercise(ex_file).and_then(|ex| Ok((ex, read_design(design_file)?)));
    let (ex, design) = match loaded {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Ok(ExitCode::from(2));
        }
    };
    let grade = exercise::grade(&ex, &design);
    if json {
        println!("{}", grade.json());
    } else {
        println!(
            "{design_file}: {} of {} goals passed, score {}/100 ({}): {}",
            grade.goals.iter().filter(|g| g.passed).count(),
            grade.goals.len(),
            grade.score,
            if grade.passed { "passed" } else { "not passed" },
            bound(ex.title.clone())
        );
        for g in &grade.goals {
            let mark = if g.passed { "pass" } else { "FAIL" };
            println!("  {mark}  {}: {}", g.id, bound(g.message.clone()));
        }
    }
    Ok(if grade.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Reads and loads an exercise file; the error is one line.
fn read_exercise(file: &str) -> Result<Exercise, String> {
    let text = read_text(file)?;
    exercise::load(&text).map_err(|e| format!("{file}: {e}"))
}
