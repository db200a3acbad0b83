//! The cost panel in a real browser: the active-passive template's total
//! (figures computed by hand in src/core/cost/tests.rs), the panel following
//! an edit of the usage assumptions, an item selecting its object with the
//! object's cost in the inspector, and the DR tiers in the outage panel.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_cost`
#![cfg(target_arch = "wasm32")]

mod web_support;

use wasm_bindgen_test::*;
use web_support::forms::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

const P: &str = "section.cost";

#[wasm_bindgen_test]
async fn the_panel_follows_edits_and_selects_items() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    // active-passive: $873.42 a month, baseline $544.07, 1.61×.
    assert_eq!(text(&el, &format!("{P} .total")), "$873.42 a month");
    let premium = text(&el, &format!("{P} .premium"));
    assert!(
        premium.contains("$544.07") && premium.contains("1.61×"),
        "{premium}"
    );
    assert!(text(&el, &format!("{P} .cost-regions")).contains("us-west-2"));

    // 1,000 GB through each of the four NAT gateways instead of 100:
    // 4 × 900 GB × $0.045 = $162.00 more.
    // The panel follows a frame after the edit's (`Doc::content_later`):
    // the edit's own task does not re-cost.
    let f = set_text(&el, "[data-field='usage.nat_gb'] input", "1000");
    leave(&f);
    settle().await;
    assert_eq!(
        text(&el, &format!("{P} .total")),
        "$873.42 a month",
        "not in the edit's task"
    );
    after_frame().await;
    assert_eq!(text(&el, &format!("{P} .total")), "$1,035.42 a month");

    // The biggest item is the primary database: it selects it, and the
    // inspector shows its cost (328.50 instance + 23.00 storage + 1.00 key).
    click(&el, &format!("{P} .cost-items li button"));
    settle().await;
    assert_eq!(text(&el, ".inspector .object-cost"), "$352.50 a month");

    // Next to the strategy: the tiers down and up.
    let tiers = text(&el, "section.outage .cost-tiers");
    assert!(
        tiers.contains("down: pilot light") && tiers.contains("up: multi-site active/active"),
        "{tiers}"
    );
    assert_no_panics();
}
