//! Reading a file the user picked with an `<input type="file">`.

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

/// The name and text of the first file picked in `input`, if any.
pub async fn read_picked(input: &HtmlInputElement) -> Result<Option<(String, String)>, String> {
    let Some(file) = input.files().and_then(|l| l.get(0)) else {
        return Ok(None);
    };
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("could not read {name}"))?
        .as_string()
        .ok_or_else(|| format!("{name} is not text"))?;
    Ok(Some((name, text)))
}
