//! The export dialog in a real browser: the file tree, previews, the zip
//! built in wasm, and the refusal of a design with errors. The test runner
//! serves only this test's wasm, so these dialogs export in process
//! (`Exporter::in_process`); the app's worker path is proven end to end by
//! `e2e/scenarios/01-export.mjs`. Here the worker is only shown failing to
//! load, which is what the runner's missing `export-worker.js` gives.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_export`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use topoform::core::templates::TEMPLATES;
use topoform::ui::{ExportDialog, Exporter};
use wasm_bindgen_test::*;

mod web_support;
use web_support::forms::click;
use web_support::{host, settle, text, wait_for};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_dialog_lists_files_previews_them_and_builds_the_zip() {
    let design = RwSignal::new(TEMPLATES[0].design().unwrap());
    let open = RwSignal::new(true);
    let el = host();
    let _h = leptos::mount::mount_to(
        el.clone(),
        move || view! { <ExportDialog design=design.into() open=open on_pick=Callback::new(|_| ()) exporter=Exporter::in_process() /> },
    );
    wait_for(&el, "[data-path]").await;
    for path in [
        "README.md",
        "regions/us-east-1/main.tf",
        "regions/us-west-2/main.tf",
        "global/main.tf",
        "backends/global.hcl",
        "bootstrap/main.tf",
    ] {
        assert!(
            el.query_selector(&format!("[data-path='{path}']"))
                .unwrap()
                .is_some(),
            "{path} in the tree"
        );
    }
    let preview = || {
        el.query_selector("[data-preview]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(
        preview().contains("Apply order"),
        "the README is shown first"
    );
    click(&el, "[data-path='regions/us-east-1/main.tf']");
    settle().await;
    assert!(
        preview().contains("module \"vpc_use1-main\""),
        "{}",
        preview()
    );
    click(&el, ".modal-head .primary");
    settle().await;
    let status = text(&el, ".export-status");
    assert!(
        status.contains("Downloaded shop-prod-terraform.zip"),
        "{status}"
    );
    click(&el, "[aria-label='Close']");
    settle().await;
    assert!(
        el.query_selector(".export-dialog").unwrap().is_none(),
        "closed"
    );
}

#[wasm_bindgen_test]
async fn a_design_with_errors_is_explained_not_exported() {
    let mut bad = TEMPLATES[0].design().unwrap();
    bad.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
    let design = RwSignal::new(bad);
    let open = RwSignal::new(true);
    let picked = RwSignal::new(Vec::<String>::new());
    let el = host();
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <ExportDialog design=design.into() open=open on_pick=Callback::new(move |ids| picked.set(ids)) exporter=Exporter::in_process() /> }
    });
    let refused = wait_for(&el, ".export-refused")
        .await
        .text_content()
        .unwrap();
    assert!(
        refused.contains("NET-05") && refused.contains("not exported"),
        "{refused}"
    );
    assert!(
        el.query_selector("[data-path]").unwrap().is_none(),
        "no files"
    );
    click(&el, ".export-refused button");
    settle().await;
    assert_eq!(
        picked.get_untracked(),
        vec!["use1-pub-a".to_string(), "use1-pub-b".to_string()]
    );
    assert!(
        !open.get_untracked(),
        "the dialog closes to show the problem"
    );
}

#[wasm_bindgen_test]
async fn a_worker_that_cannot_load_is_reported_and_the_design_is_untouched() {
    // The app's own exporter: the runner serves no export-worker.js, so the
    // worker's script is a 404, as on a host that lost it, or offline before
    // it was ever cached.
    let before = TEMPLATES[0].design().unwrap();
    let design = RwSignal::new(before.clone());
    let open = RwSignal::new(true);
    let el = host();
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <ExportDialog design=design.into() open=open on_pick=Callback::new(|_| ()) /> }
    });
    settle().await;
    // The worker's script is still being fetched.
    let preparing = el
        .query_selector(".export-preparing")
        .unwrap()
        .unwrap_or_else(|| {
            panic!(
                "Preparing export… while the exporter loads: {}",
                el.inner_html()
            )
        });
    assert_eq!(preparing.text_content().unwrap(), "Preparing export…");
    let alert = wait_for(&el, ".export-refused")
        .await
        .text_content()
        .unwrap();
    assert!(
        alert.contains("The exporter could not be loaded")
            && alert.contains("the design is unchanged"),
        "{alert}"
    );
    let download = el.query_selector(".modal-head .primary").unwrap().unwrap();
    assert!(download.has_attribute("disabled"), "nothing to download");
    assert_eq!(design.get_untracked(), before, "the design is untouched");
    // Closing and opening again tries a fresh worker, with the same answer.
    open.set(false);
    settle().await;
    open.set(true);
    settle().await;
    let again = wait_for(&el, ".export-refused")
        .await
        .text_content()
        .unwrap();
    assert!(again.contains("could not be loaded"), "{again}");
}

/// The dialog is a modal for the keyboard: focus moves into it when it
/// opens, Tab and Shift+Tab go round its own controls, Escape closes it
/// (and never reaches the page's shortcuts), and focus goes back to where
/// it was.
#[wasm_bindgen_test]
async fn the_dialog_takes_keeps_and_gives_back_focus() {
    use wasm_bindgen::JsCast;
    use web_support::forms::{focused, key_on};
    let design = RwSignal::new(TEMPLATES[0].design().unwrap());
    let open = RwSignal::new(false);
    let el = host();
    let opener: web_sys::HtmlElement = document()
        .create_element("button")
        .unwrap()
        .unchecked_into();
    opener.set_text_content(Some("Export"));
    el.append_child(&opener).unwrap();
    let _h = leptos::mount::mount_to(
        el.clone(),
        move || view! { <ExportDialog design=design.into() open=open on_pick=Callback::new(|_| ()) exporter=Exporter::in_process() /> },
    );
    opener.focus().unwrap();
    open.set(true);
    let dialog = wait_for(&el, "[role='dialog'][aria-modal='true']").await;
    wait_for(&el, "[data-path]").await;
    settle().await;
    let inside = || {
        focused().is_some_and(|f| {
            dialog.contains(Some(f.as_ref())) && !f.is_same_node(Some(dialog.as_ref()))
        })
    };
    assert!(
        inside(),
        "focus moved into the dialog: {:?}",
        focused().map(|f| f.outer_html())
    );
    assert_eq!(
        focused()
            .and_then(|f| f.get_attribute("aria-label"))
            .as_deref(),
        Some("Layout"),
        "on its first control"
    );
    // Keys pressed in the dialog never reach the window.
    let reached = std::rc::Rc::new(std::cell::Cell::new(0));
    let r = reached.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || r.set(r.get() + 1));
    window()
        .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref())
        .unwrap();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..40 {
        key_on(&focused().unwrap(), "Tab", false);
        assert!(
            inside(),
            "Tab stays in the dialog: {:?}",
            focused().map(|f| f.outer_html())
        );
        seen.insert(focused().unwrap().outer_html());
    }
    assert!(seen.len() > 5, "Tab goes round the controls: {seen:?}");
    let first = dialog.query_selector("select").unwrap().unwrap();
    first
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    key_on(&first, "Tab", true);
    assert!(inside(), "Shift+Tab from the first control wraps inside");
    assert!(
        focused().unwrap().matches("pre[data-preview]").unwrap(),
        "to the last: {:?}",
        focused().map(|f| f.outer_html())
    );
    key_on(&focused().unwrap(), "Escape", false);
    settle().await;
    assert!(!open.get_untracked(), "Escape closes it");
    assert_eq!(reached.get(), 0, "no key reached the page behind");
    window()
        .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref())
        .unwrap();
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(opener.as_ref()))),
        "focus went back to the button that opened it: {:?}",
        focused().map(|f| f.outer_html())
    );
}
