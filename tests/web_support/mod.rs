//! What the export dialog's browser tests (`web_export`, `web_pictures`)
//! share: a host element, waiting, and clicking.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// A fresh `<div>` in the page's body to mount into.
pub fn host() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// Waits `ms` milliseconds on the browser's timer.
pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Waits (up to 20 s) for `selector` under `root`: exports answer later.
pub async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..400 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        sleep(50).await;
    }
    panic!("{selector} never appeared: {}", root.inner_html());
}

/// Clicks the element `selector` names under `root`.
pub fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector}"))
        .unchecked_into();
    el.click();
}
