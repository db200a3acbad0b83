//! Whole designs with known defects: each `tests/fixtures/invalid/NAME.json`
//! must produce exactly the rule ids listed in `NAME.expected` (one a line).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use topoform::core::model::load;
use topoform::core::validate::validate;

#[test]
fn every_fixture_produces_exactly_its_rule_ids() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let design = load(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        let expected: BTreeSet<String> = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name}.expected is missing"))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let got: BTreeSet<String> = validate(&design).into_iter().map(|d| d.rule.to_string()).collect();
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
