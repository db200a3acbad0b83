//! Deflate in the browser, with the browser's own `DecompressionStream`
//! (so the editor's wasm carries no inflater), read chunk by chunk and
//! stopped at a cap: a small compressed input can inflate enormously.

use super::call;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the compressed bytes are wrapped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Bare deflate (a zip entry).
    Raw,
    /// Deflate with the zlib header and checksum (a share link).
    Zlib,
}

/// Inflates raw-deflate `data` into at most `cap` bytes.
pub async fn inflate_raw(data: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    inflate(Format::Raw, data, cap).await
}

/// Inflates `data` into at most `cap` bytes, or says why not.
pub async fn inflate(format: Format, data: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    pipe("DecompressionStream", format, data, cap).await
}

/// Compresses `data` (a share link's JSON) with the browser's own
/// `CompressionStream`, so the editor's wasm carries no compressor either.
pub async fn deflate(format: Format, data: &[u8]) -> Result<Vec<u8>, String> {
    pipe("CompressionStream", format, data, usize::MAX).await
}

/// Pipes `data` through a `stream` (`CompressionStream` or
/// `DecompressionStream`) of `format`, reading at most `cap` bytes.
async fn pipe(stream: &str, format: Format, data: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    let name = match format {
        Format::Raw => "deflate-raw",
        Format::Zlib => "deflate",
    };
    // The browser's own words (Chromium: "The compressed data was not
    // valid: incorrect header check."), as the native path gives zlib's;
    // the caller's message already says the link is damaged.
    let damaged = |e: JsValue| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| format!("the browser's {stream} refused it"))
    };
    let ctor = Reflect::get(&js_sys::global(), &stream.into())
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("this browser cannot (de)compress (it has no {stream})"))?;
    let stream = Reflect::construct(&ctor, &Array::of1(&name.into())).map_err(damaged)?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(data)))
        .map_err(damaged)?;
    let readable = call(&blob, "stream", &[]).map_err(damaged)?;
    let inflated = call(&readable, "pipeThrough", &[&stream]).map_err(damaged)?;
    let reader = call(&inflated, "getReader", &[]).map_err(damaged)?;
    let mut out = Vec::new();
    loop {
        let promise: Promise = call(&reader, "read", &[])
            .map_err(damaged)?
            .dyn_into()
            .map_err(damaged)?;
        let chunk = JsFuture::from(promise).await.map_err(damaged)?;
        if Reflect::get(&chunk, &"done".into())
            .map_err(damaged)?
            .is_truthy()
        {
            return Ok(out);
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(damaged)?
            .dyn_into()
            .map_err(damaged)?;
        if out.len().saturating_add(bytes.length() as usize) > cap {
            let _ = call(&reader, "cancel", &[]);
            return Err(format!("the design inflates past the {cap}-byte cap"));
        }
        let start = out.len();
        out.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[start..]);
    }
}
