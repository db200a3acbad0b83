//! `topoform cost FILE [--format text|json]`.

use crate::args::{format_json, Spec};
use crate::io::design_or_exit;
use std::process::ExitCode;

pub const SPEC: Spec = Spec {
    command: "cost",
    operands: &["FILE"],
    required: 1,
    options: &[("--format", "a value: text or json")],
};

/// Runs `cost` on parsed arguments.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let json = format_json(p.value("--format"))?;
    Ok(run_cost(p.operand(0).unwrap_or("-"), json))
}

/// `cost`: the monthly estimate; exit 0, or 2 when FILE cannot be loaded
/// or a usage figure is beyond any real system (DES-31).
fn run_cost(file: &str, json: bool) -> ExitCode {
    use topoform::core::cost::{estimate, report, tiers_of};
    let design = match design_or_exit(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // A figure no real system has would be priced as a bill of quintillions
    // of dollars: say which one instead (check reports it as DES-31).
    if let Some(over) = topoform::core::cost::limits::out_of_range(&design.usage).first() {
        eprintln!("error: {file}: {over}; set a real figure or clear it. Nothing was estimated.");
        return ExitCode::from(2);
    }
    let e = estimate(&design);
    let t = tiers_of(&design, &e);
    if json {
        let mut v = match serde_json::to_value(&e) {
            Ok(v) => v,
            Err(err) => {
                eprintln!("error: {file}: {err}");
                return ExitCode::from(2);
            }
        };
        if let (Some(obj), Ok(tv)) = (v.as_object_mut(), serde_json::to_value(&t)) {
            obj.insert("tiers".into(), tv);
        }
        println!("{v}");
    } else {
        print!("{}", report::text(file, &e, &t));
    }
    ExitCode::SUCCESS
}
