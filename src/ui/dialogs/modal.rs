//! What every modal dialog does with the keyboard: Tab and Shift+Tab cycle
//! through its own controls (never into the page behind it), Escape closes
//! it, no key pressed in it reaches the editor's shortcuts, and on closing
//! focus goes back to where it was (the canvas when that is gone).

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// The elements Tab stops at.
const TABBABLE: &str = "button:not([disabled]), select:not([disabled]), \
    input:not([disabled]):not([type=hidden]), textarea:not([disabled]), a[href], \
    summary, [tabindex]:not([tabindex='-1'])";

/// The shown controls Tab stops at inside `root`, in document order (a
/// hidden file input or the inside of a closed `<details>` is skipped).
pub fn tabbable(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(TABBABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| {
            let r = el.get_bounding_client_rect();
            r.width() > 0.0 || r.height() > 0.0
        })
        .collect()
}

/// Focuses the first control of the dialog `root` (or `root` itself when it
/// has none yet, e.g. while it is still preparing).
pub fn take_focus(root: &web_sys::Element) {
    match tabbable(root).first() {
        Some(el) => {
            let _ = el.focus();
        }
        None => crate::platform::focus::focus(root),
    }
}

/// A key pressed in the dialog `root`: Tab and Shift+Tab go to the next or
/// previous control, wrapping around; Escape runs `close`. The key never
/// reaches the page behind.
pub fn on_key(root: &web_sys::Element, ev: &web_sys::KeyboardEvent, close: impl FnOnce()) {
    ev.stop_propagation();
    match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "Tab" => {
            ev.prevent_default();
            let list = tabbable(root);
            let n = list.len();
            if n == 0 {
                return;
            }
            let active = document().active_element();
            let at = list.iter().position(|el| {
                active
                    .as_ref()
                    .is_some_and(|a| a.is_same_node(Some(el.as_ref())))
            });
            let next = match (at, ev.shift_key()) {
                (Some(i), true) => (i + n - 1) % n,
                (Some(i), false) => (i + 1) % n,
                (None, true) => n - 1,
                (None, false) => 0,
            };
            let _ = list[next].focus();
        }
        _ => {}
    }
}

/// Where focus was when a dialog opened (not the page's body).
pub fn focused() -> Option<web_sys::Element> {
    document()
        .active_element()
        .filter(|el| el.tag_name() != "BODY")
}

/// Gives focus back to `el` when it is still in the page, else to the canvas.
pub fn give_back(el: Option<web_sys::Element>) {
    let target = el
        .filter(|el| el.is_connected())
        .or_else(|| document().query_selector("svg.canvas").ok().flatten());
    if let Some(el) = target {
        crate::platform::focus::focus(&el);
    }
}
