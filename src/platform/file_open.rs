//! Reading a design from a file the user picked or dropped: a design file,
//! an export's zip (its `topoform.json`) or an SVG Topoform drew
//! (`core::reopen` decides which and caps every size; zips inflate with the
//! browser's own decompressor, `super::inflate`).

use crate::core::reopen::{self, Kind, Method, MAX_DESIGN_BYTES, MAX_FILE_BYTES};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

/// The name and design text of the first file picked in `input`, if any.
pub async fn read_picked(input: &HtmlInputElement) -> Result<Option<(String, String)>, String> {
    let Some(file) = input.files().and_then(|l| l.get(0)) else {
        return Ok(None);
    };
    read_file(&file).await.map(Some)
}

/// The name and design text of `file`.
pub async fn read_file(file: &File) -> Result<(String, String), String> {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        return Err(format!(
            "{name} is {:.0} MB, more than a design or an export can be",
            file.size() / 1e6
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{name} could not be read"))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = design_text(&bytes)
        .await
        .map_err(|e| format!("{name}: {e}"))?;
    Ok((name, text))
}

async fn design_text(bytes: &[u8]) -> Result<String, String> {
    if reopen::kind(bytes) != Kind::Zip {
        // Only a zip's entry is ever inflated.
        return reopen::design_text(bytes, &|_, _| Err("nothing to inflate".into()));
    }
    let entry = reopen::zip_design_entry(bytes)?;
    let raw = match entry.method {
        Method::Stored => entry.data.to_vec(),
        Method::Deflate => super::inflate::inflate_raw(entry.data, MAX_DESIGN_BYTES).await?,
    };
    String::from_utf8(raw).map_err(|_| format!("{} is not UTF-8 text", entry.name))
}
