//! Legal designs written from the seeds (tests/fixtures/clean/) check with no
//! errors and export. These are designs the rules were not written around:
//! each one is a system a seed describes, drawn as a user would.
#![cfg(not(target_arch = "wasm32"))]

use topoform::core::export::{export, Layout};
use topoform::core::model::load;
use topoform::core::validate::{validate, Severity};

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("tests/fixtures/clean exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("readable"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_clean_fixture_checks_clean_and_exports_in_both_layouts() {
    let all = fixtures();
    assert!(!all.is_empty());
    for (path, text) in all {
        let design = load(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let errors: Vec<_> = validate(&design)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        for layout in [Layout::PerRegion, Layout::SingleRoot] {
            let files = export(&design, layout).unwrap_or_else(|e| panic!("{path}: {e}"));
            // Route 53 refuses two record sets of one name and type with one
            // set identifier: none may repeat within a record's name.
            for f in files.iter().filter(|f| f.path.ends_with(".tf")) {
                let mut seen = std::collections::BTreeSet::new();
                let mut name = String::new();
                for line in f.contents.lines().map(str::trim) {
                    if let Some(v) = line.strip_prefix("name") {
                        name = v.trim_start_matches([' ', '=']).to_string();
                    }
                    if let Some(v) = line.strip_prefix("set_identifier") {
                        assert!(
                            seen.insert((name.clone(), v.to_string())),
                            "{path} {}: set_identifier {v} repeats for {name}",
                            f.path
                        );
                    }
                }
            }
        }
    }
}
