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

/// Findings that appear above others (new errors over the warnings)
/// build their own rows and leave every other row where it is: no row is
/// taken out of the document and put back (which restyled each of them;
/// on the stress design a CIDR edit's 13 new errors did that to all 116
/// warnings). Watched with a MutationObserver on the list.
#[wasm_bindgen_test]
async fn new_errors_leave_the_warning_rows_in_place() {
    use topoform::core::validate::{Diagnostic, Severity};
    let finding = |rule: &'static str, severity: Severity, n: usize| Diagnostic {
        rule,
        severity,
        message: format!("finding {n}"),
        subjects: vec![format!("obj-{n}")],
        fix: "fix it",
    };
    let warnings: Vec<Diagnostic> = (0..30)
        .map(|n| finding("NET-02", Severity::Warning, n))
        .collect();
    let diagnostics = RwSignal::new(warnings.clone());
    let el = host();
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <Problems diagnostics=diagnostics.into() on_pick=Callback::new(|_: Vec<String>| {}) /> }
    });
    settle().await;
    let list = el
        .query_selector(".problems ul")
        .unwrap()
        .expect("the list");
    assert_eq!(list.query_selector_all("li").unwrap().length(), 30);
    let watch = js_sys::Function::new_with_args(
        "list",
        "const seen = []; const o = new MutationObserver((rs) => seen.push(...rs)); o.seen = seen; o.observe(list, { childList: true, subtree: true }); return o;",
    );
    let observer = watch.call1(&wasm_bindgen::JsValue::NULL, &list).unwrap();
    let removed = js_sys::Function::new_with_args(
        "o",
        "const rs = [...o.seen, ...o.takeRecords()]; return [rs.reduce((n, r) => n + [...r.addedNodes].filter((x) => x.nodeName === 'LI').length, 0), rs.reduce((n, r) => n + [...r.removedNodes].filter((x) => x.nodeName === 'LI').length, 0)];",
    );
    let mut with_errors: Vec<Diagnostic> = (100..113)
        .map(|n| finding("NET-01", Severity::Error, n))
        .collect();
    with_errors.extend(warnings.iter().cloned());
    diagnostics.set(with_errors);
    settle().await;
    let rows = list.query_selector_all("li").unwrap();
    assert_eq!(rows.length(), 43);
    let first: web_sys::Element = rows.item(0).unwrap().unchecked_into();
    assert!(
        first.text_content().unwrap().contains("finding 100"),
        "errors first"
    );
    let last: web_sys::Element = rows.item(42).unwrap().unchecked_into();
    assert!(
        last.text_content().unwrap().contains("finding 29"),
        "the warnings after them"
    );
    let out: js_sys::Array = removed
        .call1(&wasm_bindgen::JsValue::NULL, &observer)
        .unwrap()
        .unchecked_into();
    let (added, removed) = (out.get(0).as_f64(), out.get(1).as_f64());
    assert_eq!(
        added,
        Some(13.0),
        "a row made for each new error, and no other put in"
    );
    assert_eq!(removed, Some(0.0), "no row taken out and put back");
}
