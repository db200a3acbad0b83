//! `topoform simulate FILE [--fail WHAT]... [--format text|json]`; WHAT is a region code, an AZ id, or an object id (a component failure).

use crate::args::{format_json, Spec};
use crate::io::design_or_exit;
use std::process::ExitCode;

pub const SPEC: Spec = Spec {
    command: "simulate",
    operands: &["FILE"],
    required: 1,
    options: &[
        ("--fail", "a region code, an AZ id or an object id"),
        ("--format", "a value: text or json"),
    ],
};

/// Runs `simulate` on parsed arguments.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let json = format_json(p.value("--format"))?;
    Ok(run_simulate(
        p.operand(0).unwrap_or("-"),
        &p.values("--fail"),
        json,
    ))
}

/// `simulate`: every scenario asked for (or all), exit 1 on a breached objective.
fn run_simulate(file: &str, fail: &[String], json: bool) -> ExitCode {
    use topoform::core::simulate::{parse_failure, report, simulate, simulate_all};
    let design = match design_or_exit(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let scenarios = if fail.is_empty() {
        simulate_all(&design)
    } else {
        let mut out = Vec::new();
        for what in fail {
            match parse_failure(&design, what) {
                Ok(f) => out.push(simulate(&design, &f)),
                Err(e) => {
                    eprintln!("error: {file}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        out
    };
    if json {
        println!("{}", report::json(&design, &scenarios));
    } else {
        print!("{}", report::text(file, &design, &scenarios));
    }
    if scenarios.iter().any(|s| s.objectives_met == Some(false)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
