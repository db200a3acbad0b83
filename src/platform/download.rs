//! Saving a file to the user's disk: a Blob, an object URL and a click.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` as a download named `file_name` of type `mime`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |what: &str| format!("could not download {file_name}: {what}");
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| fail("no Blob"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| fail("no object URL"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let a: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no anchor"))?
        .dyn_into()
        .map_err(|_| fail("no anchor"))?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The click has started the download; the URL can go.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
