//! Copy and paste through the document's clipboard events, in a real
//! browser, between two mounted apps (as between two tabs): the clip one
//! writes, the other pastes into its selected region with a fresh id and
//! CIDR; a paste of text that is not a clip is refused with a message and
//! the design untouched.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_canvas_clipboard`
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::forms::click;
use web_support::*;

fn clipboard_event(kind: &str, data: &web_sys::DataTransfer) -> bool {
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(data));
    let ev = web_sys::ClipboardEvent::new_with_event_init_dict(kind, &init).unwrap();
    let target = leptos::prelude::document().active_element().unwrap();
    target.dispatch_event(&ev).unwrap()
}

#[wasm_bindgen_test]
async fn a_vpc_copied_in_one_app_pastes_into_another() {
    let (a, _ha) = mount();
    let (b, _hb) = mount_keeping_storage();
    settle().await;
    let vpcs_a = count(&a, "[data-kind='vpc']");
    let vpcs_b = count(&b, "[data-kind='vpc']");

    // Copy use1-main in the first app.
    click(&a, "[data-target='use1-main']");
    settle().await;
    focus(&find(&a, "svg.canvas"));
    let data = web_sys::DataTransfer::new().unwrap();
    assert!(!clipboard_event("copy", &data), "the copy is the canvas's");
    let clip = data.get_data("text/plain").unwrap();
    assert!(
        clip.starts_with("{\"format\":\"topoform.clipboard\",\"version\":1,"),
        "{}",
        &clip[..clip.len().min(80)]
    );

    // Paste it into the second app's us-west-2 region.
    click(&b, "[data-id='usw2-main'] > rect");
    settle().await;
    focus(&find(&b, "svg.canvas"));
    assert!(!clipboard_event("paste", &data));
    settle().await;
    assert_eq!(
        count(&b, "[data-kind='vpc']"),
        vpcs_b + 1,
        "pasted into the second app"
    );
    assert_eq!(count(&a, "[data-kind='vpc']"), vpcs_a, "not into the first");
    let pasted = outlined(&b);
    assert_eq!(pasted.len(), 1, "the paste is selected: {pasted:?}");
    assert_ne!(pasted[0], "use1-main", "with a fresh id");
    assert!(
        text(&b, &format!("[data-id='{}']", pasted[0])).contains("10.2.0.0/16")
            || text(&b, &format!("[data-target='{}']", pasted[0])).contains("10.2.0.0/16"),
        "and the next free /16"
    );

    // Garbage is refused and says so.
    let junk = web_sys::DataTransfer::new().unwrap();
    junk.set_data("text/plain", "not a clip").unwrap();
    clipboard_event("paste", &junk);
    settle().await;
    assert!(
        text(&b, "[role='alert']").contains("does not hold Topoform objects"),
        "{}",
        text(&b, "[role='alert']")
    );
    assert_eq!(
        count(&b, "[data-kind='vpc']"),
        vpcs_b + 1,
        "the design is untouched"
    );
}

/// Ctrl/Cmd+V with nothing selected and nothing focused (the page just
/// opened, or focus dropped to the page) is the canvas's: a clip pastes
/// into the region it came from, and a refused one says why. It was
/// ignored, silently, whatever it held.
#[wasm_bindgen_test]
async fn a_paste_with_nothing_focused_pastes_or_says_why() {
    let (a, _h) = mount();
    settle().await;
    let vpcs = count(&a, "[data-kind='vpc']");
    click(&a, "[data-target='use1-main']");
    settle().await;
    focus(&find(&a, "svg.canvas"));
    let data = web_sys::DataTransfer::new().unwrap();
    clipboard_event("copy", &data);
    let clip = data.get_data("text/plain").unwrap();

    // Nothing selected, focus on the page itself.
    key("Escape", false);
    if let Some(el) = leptos::prelude::document().active_element() {
        el.unchecked_into::<web_sys::HtmlElement>().blur().unwrap();
    }
    settle().await;
    assert!(outlined(&a).is_empty(), "nothing selected");
    assert_eq!(
        leptos::prelude::document()
            .active_element()
            .map(|e| e.tag_name()),
        Some("BODY".to_string())
    );
    assert!(
        !clipboard_event("paste", &data),
        "the paste is the canvas's"
    );
    settle().await;
    assert_eq!(count(&a, "[data-kind='vpc']"), vpcs + 1, "pasted");

    // A clip listing no objects says so, and pastes nothing.
    let empty = web_sys::DataTransfer::new().unwrap();
    let none = clip.replace("\"objects\":[\"use1-main\"]", "\"objects\":[]");
    assert_ne!(none, clip);
    empty.set_data("text/plain", &none).unwrap();
    if let Some(el) = leptos::prelude::document().active_element() {
        el.unchecked_into::<web_sys::HtmlElement>().blur().unwrap();
    }
    clipboard_event("paste", &empty);
    settle().await;
    assert!(
        text(&a, "[role='alert']").contains("holds no objects"),
        "{}",
        text(&a, "[role='alert']")
    );
    assert_eq!(count(&a, "[data-kind='vpc']"), vpcs + 1, "nothing more");
}
