//! The first paint's viewer in a real browser: it draws the design the
//! editor will open (the autosave, else the template) into the loading
//! screen, in the pinned theme, writes nothing to storage, and refuses a
//! page without a loading screen instead of panicking.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_viewer`
#![cfg(target_arch = "wasm32")]

use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::core::model::save;
use topoform::core::templates::TEMPLATES;
use topoform::platform::{storage, viewer, THEME_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh loading screen in the body, as index.html has one.
fn boot() -> web_sys::Element {
    let d = document();
    if let Some(old) = d.query_selector(".boot").unwrap() {
        old.remove();
    }
    let el = d.create_element("div").unwrap();
    el.set_class_name("boot");
    el.set_attribute("role", "status").unwrap();
    el.set_text_content(Some("Loading Topoform…"));
    d.body().unwrap().append_child(&el).unwrap();
    el
}

/// Every region of `d` is a shape of the drawing `svg`.
fn assert_regions_drawn(svg: &web_sys::Element, d: &topoform::core::model::Design) {
    for r in &d.regions {
        let sel = format!("[data-kind='region'][data-id='{}']", r.id);
        assert!(
            svg.query_selector(&sel).unwrap().is_some(),
            "{} not drawn",
            r.id
        );
    }
}

#[wasm_bindgen_test]
fn draws_the_autosaved_design_and_writes_nothing() {
    let mut d = TEMPLATES[2].design().unwrap();
    d.name = "viewer-\"${x}\"-<check>".into();
    let text = save(&d);
    storage::set(AUTOSAVE_KEY, &text).unwrap();
    storage::set(THEME_KEY, "dark").unwrap();
    let el = boot();
    viewer::show().unwrap();
    assert_eq!(el.class_name(), "boot drawn");
    assert!(el.get_attribute("role").is_none());
    let bar = el.query_selector(".boot-bar").unwrap().unwrap();
    assert!(bar
        .text_content()
        .unwrap()
        .contains("viewer-\"${x}\"-<check>"));
    assert!(bar.text_content().unwrap().contains("Loading the editor"));
    let svg = el.query_selector(".boot-picture svg").unwrap().unwrap();
    // Every region of the design is drawn, with no design embedded.
    assert_regions_drawn(&svg, &d);
    assert!(svg.query_selector("metadata").unwrap().is_none());
    // The pinned dark theme: the picture's page colour.
    let bg = svg.query_selector("rect").unwrap().unwrap();
    assert_eq!(bg.get_attribute("fill").as_deref(), Some("#12171d"));
    assert_eq!(
        storage::get(AUTOSAVE_KEY).unwrap().as_deref(),
        Some(text.as_str())
    );
    storage::remove(AUTOSAVE_KEY).unwrap();
    storage::remove(THEME_KEY).unwrap();
}

#[wasm_bindgen_test]
fn an_unreadable_autosave_draws_the_first_template_and_is_left_for_the_editor() {
    storage::set(AUTOSAVE_KEY, "{\"version\": 1, \"regions\": [").unwrap();
    let el = boot();
    viewer::show().unwrap();
    let first = TEMPLATES[0].design().unwrap();
    let svg = el.query_selector(".boot-picture svg").unwrap().unwrap();
    assert_regions_drawn(&svg, &first);
    // The editor backs it up and says so; the viewer only reads.
    assert_eq!(
        storage::get(AUTOSAVE_KEY).unwrap().as_deref(),
        Some("{\"version\": 1, \"regions\": [")
    );
    storage::remove(AUTOSAVE_KEY).unwrap();
}

#[wasm_bindgen_test]
fn a_page_without_a_loading_screen_is_refused_not_a_panic() {
    if let Some(old) = document().query_selector(".boot").unwrap() {
        old.remove();
    }
    let err = viewer::show().unwrap_err();
    assert!(err.contains(".boot"), "{err}");
}

#[wasm_bindgen_test]
fn a_large_autosave_is_left_for_the_editor_to_draw() {
    let d = topoform::core::stress::stress_design();
    let text = save(&d);
    assert!(text.len() > viewer::DRAW_LIMIT);
    storage::set(AUTOSAVE_KEY, &text).unwrap();
    let el = boot();
    viewer::show().unwrap();
    assert_eq!(el.class_name(), "boot drawn");
    let status = el.query_selector(".boot-status").unwrap().unwrap();
    assert!(status.text_content().unwrap().contains("a large design"));
    assert!(el.query_selector("svg").unwrap().is_none());
    storage::remove(AUTOSAVE_KEY).unwrap();
}
