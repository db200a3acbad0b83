//! `topoform render FILE --format svg|drawio --out OUT [--theme light|dark]`:
//! the canvas as a picture for documents (SVG, with the design embedded so
//! it opens again in Topoform) or as a draw.io diagram for wikis.

use crate::args::Spec;
use crate::io::design_or_exit;
use std::process::ExitCode;
use topoform::core::render::{drawio, svg, Theme};
use topoform::core::text::short;

pub const SPEC: Spec = Spec {
    command: "render",
    operands: &["FILE"],
    required: 1,
    options: &[
        ("--format", "svg or drawio"),
        ("--out", "a FILE"),
        ("--theme", "light or dark"),
    ],
};

/// Runs `render` on parsed arguments.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let format = p
        .value("--format")
        .ok_or("render needs --format svg|drawio")?;
    if !matches!(format, "svg" | "drawio") {
        return Err(format!(
            "render --format must be svg or drawio, not `{}`",
            short(format)
        ));
    }
    let out = p
        .value("--out")
        .ok_or("render needs --out FILE (`-` for standard output)")?;
    let theme = match p.value("--theme") {
        None => Theme::Light,
        Some(t) => Theme::parse(t)
            .ok_or_else(|| format!("render --theme must be light or dark, not `{}`", short(t)))?,
    };
    let file = p.operand(0).unwrap_or("-");
    let design = match design_or_exit(file) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let text = if format == "svg" {
        svg(&design, theme)
    } else {
        drawio(&design)
    };
    let written = if out == "-" {
        print!("{text}");
        Ok(())
    } else {
        std::fs::write(out, &text)
    };
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", short(out));
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
