//! Copying text to the clipboard.

use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser refused clipboard access".to_string())
}
