//! The outage panel in a real browser: losing a region shows the
//! simulation's RTO and RPO with every manual step marked; the failed place
//! is session state (an edit keeps it and the report follows the edit; it
//! is never saved or undone); Restore clears it.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_outage`
#![cfg(target_arch = "wasm32")]

mod web_support;

use wasm_bindgen_test::*;
use web_support::forms::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

const P: &str = "section.outage";

fn place(el: &web_sys::Element, label: &str) -> web_sys::Element {
    let all = el
        .query_selector_all(&format!("{P} button.fail-place"))
        .unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(wasm_bindgen::JsCast::unchecked_into::<web_sys::Element>)
        .find(|b| b.text_content().unwrap_or_default() == label)
        .unwrap_or_else(|| panic!("no place {label}"))
}

#[wasm_bindgen_test]
async fn losing_a_region_reports_and_follows_edits() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    assert!(
        text(&el, P).contains("Strategy: warm standby."),
        "{}",
        text(&el, P)
    );
    click_el(&place(&el, "Region us-east-1"));
    settle().await;
    let figures = text(&el, &format!("{P} .figures"));
    assert!(
        figures.contains("RTO 10 min") && figures.contains("RPO 1 min"),
        "{figures}"
    );
    assert_eq!(count(&el, &format!("{P} .timeline li.manual")), 3);
    assert_eq!(
        place(&el, "Region us-east-1")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );

    // An objective set in the settings: the open report judges it in the
    // frame after the edit's (`Doc::content_later`).
    set_text(
        &el,
        "[data-field='objectives.region.rto_seconds'] input",
        "120",
    );
    after_frame().await;
    assert!(
        text(&el, &format!("{P} .figures")).contains("Objectives breached"),
        "{}",
        text(&el, P)
    );
    // Undo takes the objective back; the failed region stays failed.
    key("z", true);
    after_frame().await;
    let after = text(&el, &format!("{P} .figures"));
    assert!(
        after.contains("RTO 10 min") && !after.contains("breached"),
        "{after}"
    );

    click(&el, &format!("{P} button.restore"));
    settle().await;
    assert_eq!(count(&el, &format!("{P} .outage-report")), 0);
    let saved = current("active-passive").await;
    assert!(
        saved.objectives.region.is_none(),
        "the outage left no trace in the design"
    );
    assert_no_panics();
}
