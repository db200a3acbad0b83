//! `topoform share FILE [--base URL]`: a design (or an exercise, without
//! its solution) as a link that holds it whole in its fragment.

use crate::args::Spec;
use crate::io::read_text;
use std::process::ExitCode;
use topoform::core::share;

pub const SPEC: Spec = Spec {
    command: "share",
    operands: &["FILE"],
    required: 1,
    options: &[("--base", "a URL (where the app is hosted)")],
};

/// Runs `share`: prints the link, or exits 2 when FILE does not load.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let file = p.operand(0).unwrap_or("-");
    let base = p.value("--base").unwrap_or("");
    match fragment(file) {
        Ok(frag) => {
            println!("{}", share::link(base, &frag));
            Ok(ExitCode::SUCCESS)
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The fragment of FILE: an exercise when its `format` says so, else a design.
fn fragment(file: &str) -> Result<String, String> {
    let text = read_text(file)?;
    let is_exercise = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v["format"] == topoform::core::exercise::FORMAT);
    if is_exercise {
        share::exercise_fragment(&text).map_err(|e| format!("{file}: {e}"))
    } else {
        let d = topoform::core::model::load(&text).map_err(|e| format!("{file}: {e}"))?;
        Ok(share::design_fragment(&d))
    }
}
