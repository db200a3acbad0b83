//! The only code that touches browser APIs directly (beyond the DOM Leptos
//! manages): the page URL, element geometry, local storage, downloads, file
//! picking and the clipboard. Every function degrades to
//! `None` rather than panicking when the browser refuses.

use wasm_bindgen::JsCast;

pub mod clipboard;
pub mod download;
pub mod file_open;
pub mod storage;

/// The value of a query parameter of the page URL (`?template=aurora-global`),
/// used to pick the starting template.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    parse_query(&search, name)
}

/// Records the open template in the address bar (`?template=<id>`) without
/// a navigation or a history entry, so a reload or a shared link opens the
/// same template. Ids are slugs (`a-z`, `0-9`, `-`), safe in a URL as is.
pub fn set_template_param(id: &str) {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_else(|_| "/".into());
    if let Ok(history) = window.history() {
        // Refusal (e.g. a sandboxed frame) only loses the convenience.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}?template={id}")));
    }
}

/// Finds `name` in a `?a=b&c=d` string. Values in Topoform's parameters are
/// plain slugs, so percent-decoding is limited to what slugs can contain.
fn parse_query(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.replace("%2D", "-").replace("%5F", "_"))
}

/// The on-screen box `(left, top, width, height)` in CSS pixels of the
/// element an event listener is attached to.
pub fn current_target_rect(ev: &web_sys::Event) -> Option<(f64, f64, f64, f64)> {
    let el: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let r = el.get_bounding_client_rect();
    Some((r.left(), r.top(), r.width(), r.height()))
}

/// Keeps receiving a pointer's events while it drags outside the element.
pub fn capture_pointer(ev: &web_sys::PointerEvent) {
    if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
        // Capture is a nicety: failing (e.g. pointer already gone) is harmless.
        let _ = el.set_pointer_capture(ev.pointer_id());
    }
}
