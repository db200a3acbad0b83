//! `topoform open SOURCE --out FILE`: writes what a share link holds, a
//! design (or an exercise, without solution), after the same caps and
//! strict loading as the app. SVG pictures and exports as sources are a
//! later release: they are refused with a message saying so.

use crate::args::Spec;
use std::process::ExitCode;
use topoform::core::model::save;
use topoform::core::share::{self, open_design, open_exercise, What};

pub const SPEC: Spec = Spec {
    command: "open",
    operands: &["SOURCE"],
    required: 1,
    options: &[("--out", "a FILE")],
};

/// Runs `open`: 0 written, 2 a bad source or an unwritable FILE.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let out = p.value("--out").ok_or("open needs --out FILE")?;
    let source = p.operand(0).unwrap_or_default();
    let text = match contents(source) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Ok(ExitCode::from(2));
        }
    };
    let written = if out == "-" {
        print!("{text}");
        Ok(())
    } else {
        std::fs::write(out, &text)
    };
    if let Err(e) = written {
        eprintln!("error: cannot write {out}: {e}");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// The file text SOURCE holds.
fn contents(source: &str) -> Result<String, String> {
    let lower = source.to_ascii_lowercase();
    let path = std::path::Path::new(source);
    if lower.ends_with(".svg") || lower.ends_with(".zip") || path.is_dir() || path.is_file() {
        return Err(format!(
            "{}: open reads a share link; opening a file (an SVG picture, an export folder \
             or zip) is not supported yet. Give a share link (`topoform share` prints one)",
            topoform::core::text::short(source)
        ));
    }
    let (what, _) = share::unpack(source).map_err(|e| e.message)?;
    match what {
        What::Design => open_design(source).map(|d| save(&d)).map_err(|e| e.message),
        What::Exercise => {
            open_exercise(source).map_err(|e| e.message)?;
            // The exercise as the link holds it (checked above), solution dropped.
            let (_, text) = share::unpack(source).map_err(|e| e.message)?;
            let mut v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| e.to_string())?;
            if let Some(doc) = v.as_object_mut() {
                doc.remove("solution");
            }
            serde_json::to_string_pretty(&v)
                .map(|s| s + "\n")
                .map_err(|e| e.to_string())
        }
    }
}
