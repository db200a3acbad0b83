//! `topoform check FILE [--format text|json]`.

use crate::args::{format_json, Spec};
use crate::io::read_design;
use std::process::ExitCode;
use topoform::core::validate::{counts, validate, Diagnostic, Severity};

pub const SPEC: Spec = Spec {
    command: "check",
    operands: &["FILE"],
    required: 1,
    options: &[("--format", "a value: text or json")],
};

/// Runs `check` on parsed arguments.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let json = format_json(p.value("--format"))?;
    Ok(check(p.operand(0).unwrap_or("-"), json))
}

fn check(file: &str, json: bool) -> ExitCode {
    match read_design(file) {
        Ok(design) => {
            let diags = validate(&design);
            if json {
                println!("{}", diagnostics_json(&diags));
            } else {
                print_text(file, &diags);
            }
            if diags.iter().any(|d| d.severity == Severity::Error) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(msg) => {
            if json {
                let body = serde_json::json!({ "error": msg, "diagnostics": [] });
                println!("{body}");
            }
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// `{"diagnostics":[{"rule","severity","message","subjects"}]}`, the public shape.
fn diagnostics_json(diags: &[Diagnostic]) -> String {
    serde_json::json!({ "diagnostics": diags }).to_string()
}

/// One diagnostic as `error NET-05: message [subject, ...]`, as every
/// command prints it; a finding about the design as a whole (no subject)
/// ends with its message, not an empty `[]`.
pub fn line(d: &Diagnostic) -> String {
    let head = format!("{} {}: {}", d.severity.as_str(), d.rule, d.message);
    if d.subjects.is_empty() {
        head
    } else {
        format!("{head} [{}]", d.subjects.join(", "))
    }
}

fn print_text(file: &str, diags: &[Diagnostic]) {
    for d in diags {
        println!("{file}: {}", line(d));
    }
    let (e, w, i) = counts(diags);
    if diags.is_empty() {
        println!("{file}: no problems found");
    } else {
        println!("{file}: {e} error(s), {w} warning(s), {i} info");
    }
}
