//! Whole designs with known defects: each `tests/fixtures/invalid/NAME.json`
//! must produce exactly the rule ids listed in `NAME.expected` (one a line),
//! each finding one line of bounded size. A hostile file that must not load
//! says `load error: TEXT` instead, TEXT being part of the one-line error.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use topoform::core::model::load;
use topoform::core::text::MAX_MESSAGE_BYTES;
use topoform::core::validate::validate;

#[test]
fn every_fixture_produces_exactly_its_rule_ids() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name}.expected is missing"));
        let loaded = load(&std::fs::read_to_string(&path).unwrap());
        checked += 1;
        if let Some(says) = expected.trim().strip_prefix("load error: ") {
            match loaded {
                Ok(_) => failures.push(format!("{name}: loads, but must fail with {says:?}")),
                Err(e) if !e.to_string().contains(says) || e.to_string().contains('\n') => failures
                    .push(format!(
                        "{name}: expected a one-line load error with {says:?}, got {e}"
                    )),
                Err(_) => {}
            }
            continue;
        }
        let design = loaded.unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        let expected: BTreeSet<String> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let diags = validate(&design);
        if let Some(d) = diags
            .iter()
            .find(|d| d.message.len() > MAX_MESSAGE_BYTES || d.message.contains('\n'))
        {
            failures.push(format!(
                "{name}: {} reports {} bytes over lines: {:.200}",
                d.rule,
                d.message.len(),
                d.message
            ));
        }
        let got: BTreeSet<String> = diags.into_iter().map(|d| d.rule.to_string()).collect();
        if got != expected {
            failures.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(checked >= 15, "only {checked} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
