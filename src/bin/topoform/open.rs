//! `topoform open SOURCE --out FILE`: writes the design SOURCE holds, after
//! the same caps and strict loading as the app. SOURCE is a share link (a
//! design, or an exercise written without its solution), an SVG Topoform
//! drew, an export's folder or zip, or a design file.

use crate::args::Spec;
use std::process::ExitCode;
use topoform::core::model::{load, save};
use topoform::core::reopen::{design_text, inflate_native};
use topoform::core::share::{self, design_of, exercise_of, What};
use topoform::core::text::short;

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
    let path = std::path::Path::new(source);
    if path.is_dir() {
        let design = path.join(topoform::core::reopen::DESIGN_FILE);
        let bytes = std::fs::read(&design).map_err(|e| {
            format!(
                "{}: not an export folder ({}: {e})",
                short(source),
                design.display()
            )
        })?;
        return canonical(&bytes, source);
    }
    if path.is_file() {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", short(source)))?;
        return canonical(&bytes, source);
    }
    // One unpacking serves both the check and the text written.
    let (what, text) = share::unpack(source).map_err(|e| e.message)?;
    match what {
        What::Design => design_of(what, &text)
            .map(|d| save(&d))
            .map_err(|e| e.message),
        What::Exercise => {
            exercise_of(what, &text).map_err(|e| e.message)?;
            // The exercise as the link holds it (checked above), solution dropped.
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

/// The design a file holds (a design, an export's zip, a Topoform SVG),
/// loaded strictly and written in canonical form.
fn canonical(bytes: &[u8], source: &str) -> Result<String, String> {
    let text =
        design_text(bytes, &inflate_native).map_err(|e| format!("{}: {e}", short(source)))?;
    let design =
        load(&text).map_err(|e| format!("{}: the design does not load: {e}", short(source)))?;
    Ok(save(&design))
}
