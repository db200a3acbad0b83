//! Copy and paste through the document's clipboard events, in a real
//! browser, between two mounted apps (as between two tabs): the clip one
//! writes, the other pastes into its selected region with a fresh id and
//! CIDR; a paste of text that is not a clip is refused with a message and
//! the design untouched.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_canvas_clipboard`
#![cfg(target_arch = "wasm32")]

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
