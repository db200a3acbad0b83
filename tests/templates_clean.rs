//! Every template validates with no errors and no warnings. The infos they
//! keep are named here, each with why it is advice and not a defect:
//!
//! - TF-05, on every template: the state bucket lives in the primary region,
//!   the common starting point (the design settings move it).
//! - DES-22, on layered-ecs only: seed 003 keeps one Redis per region on
//!   purpose ("ElastiCache Global Datastore exists. We don't use it."), so
//!   the DR region's cache starts empty after a failover; the info says so.
#![cfg(not(target_arch = "wasm32"))]

use topoform::core::templates::TEMPLATES;
use topoform::core::validate::{validate, Severity};

fn expected_infos(template: &str) -> &'static [&'static str] {
    match template {
        "layered-ecs" => &["TF-05", "DES-22"],
        _ => &["TF-05"],
    }
}

#[test]
fn templates_have_no_errors_or_warnings() {
    for t in TEMPLATES {
        let diags = validate(&t.design().unwrap());
        let serious: Vec<_> = diags
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(serious.is_empty(), "{}: {serious:#?}", t.id);
        let expected = expected_infos(t.id);
        assert!(
            diags.iter().all(|d| expected.contains(&d.rule)),
            "{}: unexpected info {diags:#?}",
            t.id
        );
        // Each named info must still fire: a list that outlives its reason
        // would hide the next regression.
        for rule in expected {
            assert!(
                diags.iter().any(|d| d.rule == *rule),
                "{}: expected {rule} to fire",
                t.id
            );
        }
    }
}
