//! `topoform make-primary FILE REGION --out FILE`: the editor's edit, for
//! scripts (the outage drill).

use crate::args::Spec;
use crate::io::design_or_exit;
use std::process::ExitCode;
use topoform::core::text::{bound, short};

pub const SPEC: Spec = Spec {
    command: "make-primary",
    operands: &["FILE", "REGION"],
    required: 2,
    options: &[("--out", "a FILE")],
};

/// Runs `make-primary` on parsed arguments.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let out = p.value("--out").ok_or("make-primary needs --out FILE")?;
    Ok(run_make_primary(
        p.operand(0).unwrap_or("-"),
        p.operand(1).unwrap_or_default(),
        out,
    ))
}

fn run_make_primary(file: &str, region: &str, out: &str) -> ExitCode {
    let design = match design_or_exit(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let Some(id) = design
        .regions
        .iter()
        .find(|r| r.code == region || r.id == region)
        .map(|r| r.id.clone())
    else {
        eprintln!("error: {file} has no region `{}`", short(region));
        return ExitCode::from(1);
    };
    let (changed, moved) = match topoform::core::edit::make_primary(&design, &id) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {}", bound(e.to_string()));
            return ExitCode::from(1);
        }
    };
    let text = topoform::core::model::save(&changed);
    let written = if out == "-" {
        print!("{text}");
        Ok(())
    } else {
        std::fs::write(out, &text)
    };
    if let Err(e) = written {
        eprintln!("error: cannot write {out}: {e}");
        return ExitCode::from(2);
    }
    for line in moved {
        eprintln!("{}", bound(line));
    }
    ExitCode::SUCCESS
}
