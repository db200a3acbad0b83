//! The clipboard: writing and reading text through the async Clipboard API
//! (a menu item's copy and paste, which the browser may refuse), and the
//! text of the document's `copy` and `paste` events (Ctrl/Cmd+C and V,
//! which need no permission and work across tabs).

use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser refused clipboard access".to_string())
}

/// The clipboard's text, when the browser grants it.
pub async fn read() -> Result<String, String> {
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    JsFuture::from(clipboard.read_text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the browser refused to read the clipboard".to_string())
}

/// The plain text a `paste` event carries.
pub fn event_text(ev: &web_sys::ClipboardEvent) -> Option<String> {
    ev.clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
}

/// Makes a `copy` event put `text` on the clipboard instead of the page's
/// selected text; false when the event has no clipboard data.
pub fn set_event_text(ev: &web_sys::ClipboardEvent, text: &str) -> bool {
    match ev.clipboard_data() {
        Some(d) if d.set_data("text/plain", text).is_ok() => {
            ev.prevent_default();
            true
        }
        _ => false,
    }
}
