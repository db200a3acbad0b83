//! Keyboard focus: whether it is inside an element (the canvas's keys and
//! clipboard apply only then), and moving it there.

use wasm_bindgen::JsCast;

/// True when the focused element is `el` or inside it.
pub fn within(el: &web_sys::Element) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| el.contains(Some(&a)))
}

/// Moves keyboard focus to `el` (an SVG or HTML element with a tabindex).
pub fn focus(el: &web_sys::Element) {
    // An element that cannot take focus stays unfocused: nothing to report.
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    } else if let Some(s) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = s.focus();
    }
}

/// Focuses the first element matching `selector` inside `root`.
pub fn focus_first(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        focus(&el);
    }
}
