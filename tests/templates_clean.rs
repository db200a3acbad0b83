//! Every template validates with no errors and no warnings. The one finding
//! they keep is TF-05's info: their state bucket lives in the primary region,
//! which is the common starting point and is advice, not a defect (the
//! design settings move it).
#![cfg(not(target_arch = "wasm32"))]

use topoform::core::templates::TEMPLATES;
use topoform::core::validate::{validate, Severity};

#[test]
fn templates_have_no_errors_or_warnings() {
    for t in TEMPLATES {
        let diags = validate(&t.design().unwrap());
        let serious: Vec<_> = diags
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(serious.is_empty(), "{}: {serious:#?}", t.id);
        assert!(
            diags.iter().all(|d| d.rule == "TF-05"),
            "{}: unexpected info {diags:#?}",
            t.id
        );
    }
}
