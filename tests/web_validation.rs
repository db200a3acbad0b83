//! Live validation in a real browser: diagnostics are a memo of the design,
//! so badges, the problems panel and the toolbar counts follow every change.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_validation`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use topoform::core::model::Design;
use topoform::core::templates::TEMPLATES;
use topoform::core::validate::{by_subject, validate};
use topoform::ui::{App, Canvas, Problems};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    el.style().set_property("height", "600px").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

fn overlapping(d: &Design) -> Design {
    let mut bad = d.clone();
    bad.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
    bad
}

#[wasm_bindgen_test]
async fn badges_and_the_problems_panel_follow_the_design() {
    let good = TEMPLATES[0].design().unwrap();
    let design = RwSignal::new(overlapping(&good));
    let diagnostics = Memo::new(move |_| design.with(validate));
    let badges = Memo::new(move |_| diagnostics.with(|d| by_subject(d)));
    let picked = RwSignal::new(Vec::<String>::new());
    let selection = RwSignal::new(Vec::<String>::new());
    let el = host();
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! {
            <Canvas design=design.into() badges=badges.into() selection=selection focus=Signal::derive(|| 0u64) />
            <Problems diagnostics=diagnostics.into() on_pick=Callback::new(move |ids| picked.set(ids)) />
        }
    });
    settle().await;
    for id in ["use1-pub-a", "use1-pub-b"] {
        let badge = el.query_selector(&format!("[data-badge='{id}']")).unwrap();
        // SVG elements keep `class` as an attribute (className is not a string there).
        let class = badge
            .and_then(|b| b.get_attribute("class"))
            .unwrap_or_default();
        assert!(class.contains("error"), "error badge on {id}: {class:?}");
    }
    let rows = el.query_selector_all(".problem.error").unwrap();
    assert_eq!(rows.length(), 1, "one error row");
    let row = rows.item(0).unwrap().text_content().unwrap();
    assert!(row.contains("NET-05") && row.contains("overlap"), "{row}");
    // Clicking the row picks its subjects.
    let button: web_sys::HtmlElement = el
        .query_selector(".problem.error button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    settle().await;
    assert_eq!(
        picked.get_untracked(),
        vec!["use1-pub-a".to_string(), "use1-pub-b".to_string()]
    );
    // Fixing the design clears the error everywhere.
    design.set(good);
    settle().await;
    assert!(
        el.query_selector("[data-badge='use1-pub-a']")
            .unwrap()
            .is_none(),
        "badge gone"
    );
    assert_eq!(
        el.query_selector_all(".problem.error").unwrap().length(),
        0,
        "error row gone"
    );
}

#[wasm_bindgen_test]
async fn the_app_shows_counts_and_problems_for_each_template() {
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/"),
    );
    let _ = window().local_storage().unwrap().unwrap().clear();
    let el = host();
    let _h = leptos::mount::mount_to(el.clone(), App);
    settle().await;
    let status = el
        .query_selector("[role='status']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        status.contains("0 errors") && status.contains("0 warnings"),
        "{status}"
    );
    assert!(el
        .query_selector("aside[aria-label='Problems']")
        .unwrap()
        .is_some());
}
