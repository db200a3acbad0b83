//! The only code that touches browser APIs directly (beyond the DOM Leptos
//! manages): the page URL, element geometry, local storage, downloads, file
//! picking, the clipboard and the exporter's web worker. Every function degrades to
//! `None` rather than panicking when the browser refuses.

use wasm_bindgen::JsCast;

pub mod clipboard;
pub mod download;
pub mod export_client;
pub mod export_service;
pub mod fetch;
pub mod file_open;
pub mod focus;
pub mod inflate;
pub mod png;
pub mod storage;
pub mod viewer;

/// Calls `target[method](...args)` for browser methods web-sys does not
/// bind without extra features (streams, `decode`, `toBlob`): an `Err`
/// when the method is missing or throws, never a panic.
fn call(
    target: &wasm_bindgen::JsValue,
    method: &str,
    args: &[&wasm_bindgen::JsValue],
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    js_sys::Reflect::apply(&f, target, &list)
}

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
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_else(|_| "/".into());
    if let Ok(history) = window.history() {
        // Refusal (e.g. a sandboxed frame) only loses the convenience.
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?template={id}")),
        );
    }
}

/// Drops `?template=…` from the address bar (the design has been edited
/// and is no longer that template), again without a history entry.
pub fn clear_template_param() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_else(|_| "/".into());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// The page URL's fragment without its `#` (a share link's `d1.…`), or
/// an empty string.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page's address without its fragment: the base of a share link.
pub fn base_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Drops the fragment from the address bar (a share link once opened),
/// without a navigation or a history entry.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let search = location.search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
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
    if let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        // Capture is a nicety: failing (e.g. pointer already gone) is harmless.
        let _ = el.set_pointer_capture(ev.pointer_id());
    }
}

/// Milliseconds on the page's monotonic clock (`performance.now()`), to
/// share out work between frames; the wall clock where it is missing.
pub fn clock_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Milliseconds since the epoch, for backup keys.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// What a pointer went down on, read from the canvas's data attributes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hit {
    /// The shape id (`data-id`, or `data-target` for a frame header).
    pub id: Option<String>,
    /// The shape's `data-kind`, when it has one.
    pub kind: Option<String>,
    /// True when the pointer is on a frame's header (`data-target`).
    pub header: bool,
    /// The id of the shape whose connection handle was hit.
    pub handle: Option<String>,
}

/// Reads what is under an event's target: a connection handle, a frame
/// header, or the nearest shape.
pub fn hit(ev: &web_sys::Event) -> Hit {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return Hit::default();
    };
    if let Some(h) = el.closest("[data-handle]").ok().flatten() {
        return Hit {
            handle: h.get_attribute("data-handle"),
            ..Hit::default()
        };
    }
    let Some(found) = el.closest("[data-id], [data-target]").ok().flatten() else {
        return Hit::default();
    };
    match found.get_attribute("data-id") {
        Some(id) => Hit {
            id: Some(id),
            kind: found.get_attribute("data-kind"),
            ..Hit::default()
        },
        None => Hit {
            id: found.get_attribute("data-target"),
            header: true,
            ..Hit::default()
        },
    }
}

/// The on-screen box `(left, top, width, height)` of an element.
pub fn element_rect(el: &web_sys::Element) -> (f64, f64, f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.left(), r.top(), r.width(), r.height())
}

/// Sets (or with `None` removes) an element's inline `style` attribute.
pub fn set_style(el: &web_sys::Element, style: Option<&str>) {
    // Refusal leaves the element as drawn: a cosmetic loss only.
    let _ = match style {
        Some(s) => el.set_attribute("style", s),
        None => el.remove_attribute("style"),
    };
}

/// True when a keyboard event comes from a text field, select or text
/// area, where keys belong to the field and not to the editor.
pub fn in_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// Makes every input and select under `root` show what its markup says
/// (`value`, `checked`, the `selected` option). A control the user has
/// touched shows its own state, which markup updates no longer reach; the
/// panels call this after re-rendering (which only follows a committed
/// edit, so no half-typed text is overwritten).
pub fn sync_controls(root: &web_sys::Element) {
    let Ok(list) = root.query_selector_all("input, select") else {
        return;
    };
    for i in 0..list.length() {
        let Some(node) = list.item(i) else { continue };
        if let Ok(input) = node.clone().dyn_into::<web_sys::HtmlInputElement>() {
            if input.type_() == "checkbox" {
                let on = input.has_attribute("checked");
                if input.checked() != on {
                    input.set_checked(on);
                }
            } else if let Some(v) = input.get_attribute("value") {
                if input.value() != v {
                    input.set_value(&v);
                }
            }
        } else if let Ok(select) = node.dyn_into::<web_sys::HtmlSelectElement>() {
            let chosen = select
                .query_selector("option[selected]")
                .ok()
                .flatten()
                .and_then(|o| o.get_attribute("value"));
            if let Some(v) = chosen {
                if select.value() != v {
                    select.set_value(&v);
                }
            }
        }
    }
}

/// Where the chosen colour theme is remembered (`light`, `dark`; anything
/// else follows the system): the toolbar writes it, the first paint reads it.
pub const THEME_KEY: &str = "topoform.theme";

/// Pins the page's colour theme (`"light"`, `"dark"`) or, with anything
/// else, lets it follow the system (`data-theme` on the root element).
pub fn apply_theme(theme: &str) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // A refused attribute only leaves the system theme in place.
    let _ = match theme {
        "light" | "dark" => root.set_attribute("data-theme", theme),
        _ => root.remove_attribute("data-theme"),
    };
}
