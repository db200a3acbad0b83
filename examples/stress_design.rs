//! Writes the 5,000-object stress design (`core::stress`) as a design file,
//! for benchmarks that open it the way a person does (`e2e/bench-input.mjs`),
//! so no multi-megabyte file is committed.
//!
//! `cargo run --example stress_design -- PATH`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stress_design PATH");
        return ExitCode::from(2);
    };
    let text = topoform::core::model::save(&topoform::core::stress::stress_design());
    match std::fs::write(&path, text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
