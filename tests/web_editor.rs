//! Editing in a real browser: selecting and adding from the palette (with
//! refusals explained), undo and redo, delete, autosave and restore, and
//! recovery from a corrupt stored design without losing it.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_editor`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn mount() -> (web_sys::Element, impl Drop) {
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/"),
    );
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    el.style().set_property("height", "700px").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    let h = leptos::mount::mount_to(el.clone(), App);
    (el.unchecked_into(), h)
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn click(root: &web_sys::Element, selector: &str) {
    let el = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"));
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let i = web_sys::MouseEventInit::new();
        i.set_bubbles(true);
        i
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn alert(root: &web_sys::Element) -> String {
    root.query_selector("[role='alert']")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn palette_adds_into_the_selection_and_refuses_with_a_reason() {
    storage().clear().unwrap();
    let (el, _h) = mount();
    settle().await;
    let subnets = count(&el, "[data-kind='subnet']");
    // Nothing selected: a subnet has nowhere to go.
    click(&el, "[data-palette='Subnet']");
    settle().await;
    assert!(alert(&el).contains("drop it on a VPC"), "{}", alert(&el));
    assert_eq!(count(&el, "[data-kind='subnet']"), subnets);
    // Select the VPC on the canvas, then add.
    click(&el, "[data-id='use1-main'] rect");
    settle().await;
    assert_eq!(count(&el, ".selected-outline"), 1, "the VPC is selected");
    click(&el, "[data-palette='Subnet']");
    settle().await;
    assert_eq!(
        count(&el, "[data-kind='subnet']"),
        subnets + 1,
        "a subnet was added"
    );
    // Undo and redo.
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert_eq!(count(&el, "[data-kind='subnet']"), subnets);
    click(&el, "[aria-label='Redo']");
    settle().await;
    assert_eq!(count(&el, "[data-kind='subnet']"), subnets + 1);
    // The new subnet is selected; Delete removes it (nothing depends on it).
    click(&el, "[aria-label='Delete selection']");
    settle().await;
    assert_eq!(count(&el, "[data-kind='subnet']"), subnets);
}

#[wasm_bindgen_test]
async fn edits_are_autosaved_and_restored_on_reload() {
    storage().clear().unwrap();
    {
        let (el, _h) = mount();
        settle().await;
        click(&el, "[data-id='use1'] rect");
        settle().await;
        click(&el, "[data-palette='VPC']");
        settle().await;
        sleep(700).await; // past the autosave debounce
        let saved = storage()
            .get_item(AUTOSAVE_KEY)
            .unwrap()
            .expect("autosaved");
        assert!(
            saved.contains("\"use1-vpc\""),
            "the new VPC is in the autosave"
        );
    }
    let (el, _h) = mount();
    settle().await;
    assert_eq!(
        count(&el, "[data-id='use1-vpc']"),
        1,
        "the reload shows the edited design"
    );
}

#[wasm_bindgen_test]
async fn a_corrupt_autosave_is_kept_as_a_backup_and_explained() {
    storage().clear().unwrap();
    storage()
        .set_item(
            AUTOSAVE_KEY,
            "{\"format\": \"topoform.design\", \"version\": ",
        )
        .unwrap();
    let (el, _h) = mount();
    settle().await;
    let msg = alert(&el);
    assert!(
        msg.contains("not deleted") && msg.contains("topoform.backup."),
        "{msg}"
    );
    let s = storage();
    let backups: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with("topoform.backup."))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(
        s.get_item(&backups[0])
            .unwrap()
            .unwrap()
            .starts_with("{\"format\""),
        "the broken text is kept as it was"
    );
    assert!(
        count(&el, "[data-kind='region']") >= 2,
        "a template is open instead"
    );
}

fn set_input(root: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    input.set_value(value);
    for kind in ["input", "change"] {
        let ev = web_sys::Event::new_with_event_init_dict(kind, &{
            let i = web_sys::EventInit::new();
            i.set_bubbles(true);
            i
        })
        .unwrap();
        input.dispatch_event(&ev).unwrap();
    }
}

#[wasm_bindgen_test]
async fn the_inspector_edits_fields_with_feedback_and_refuses_bad_numbers() {
    storage().clear().unwrap();
    let (el, _h) = mount();
    settle().await;
    click(&el, "[data-id='use1-main'] rect");
    settle().await;
    // A CIDR that overlaps the other VPC: live feedback, then the error on both.
    set_input(&el, ".inspector input[aria-label='CIDR']", "10.1.0.0/16");
    settle().await;
    let problems = el
        .query_selector(".problems")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        problems.contains("NET-16") || problems.contains("NET-04"),
        "{problems}"
    );
    assert!(
        el.query_selector("[data-badge='usw2-main']")
            .unwrap()
            .is_some(),
        "the other VPC gets a badge too"
    );
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert!(
        el.query_selector("[data-badge='usw2-main']")
            .unwrap()
            .is_none(),
        "undo clears it"
    );
    // A number that is not a number is refused and changes nothing.
    click(&el, "[data-id='use1-app'] rect");
    settle().await;
    set_input(&el, ".inspector input[aria-label='Min']", "seven");
    settle().await;
    assert!(alert(&el).contains("whole number"), "{}", alert(&el));
    let saved_min = el
        .query_selector("[data-id='use1-app']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        saved_min.contains("2/2/6"),
        "the group is unchanged: {saved_min}"
    );
}
