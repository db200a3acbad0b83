//! An SVG picture as a PNG, drawn by the browser itself (no image crate in
//! the wasm): the SVG as a Blob URL, loaded into an `<img>`, painted onto a
//! `<canvas>` at twice its size (sharp on high-density screens and in
//! slides), and encoded by `canvas.toBlob("image/png")`.

use super::call;
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Url};

/// How many device pixels a picture's unit becomes.
pub const SCALE: f64 = 2.0;

/// The longest side a canvas may have in every browser; larger pictures
/// are drawn at a smaller scale so they still fit.
const MAX_SIDE: f64 = 16_384.0;

async fn wait(p: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(p.dyn_into::<Promise>()?).await
}

/// The PNG of `svg` (at [`SCALE`], less for a very large picture).
pub async fn from_svg(svg: &str) -> Result<Vec<u8>, String> {
    let opts = BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let parts = Array::of1(&JsValue::from_str(svg));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser could not hold the picture".to_string())?;
    let url = Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not hold the picture".to_string())?;
    let png = draw(&url).await;
    let _ = Url::revoke_object_url(&url);
    png
}

async fn draw(url: &str) -> Result<Vec<u8>, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document to draw in")?;
    let img: JsValue = document
        .create_element("img")
        .map_err(|_| "no image element")?
        .into();
    Reflect::set(&img, &"src".into(), &url.into()).map_err(|_| "no image element")?;
    let decoded = call(&img, "decode", &[]).map_err(|_| "the browser cannot decode pictures")?;
    wait(decoded)
        .await
        .map_err(|_| "the browser could not draw the SVG picture".to_string())?;
    let size = |name: &str| {
        Reflect::get(&img, &name.into())
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|v| *v > 0.0)
    };
    let (Some(w), Some(h)) = (size("naturalWidth"), size("naturalHeight")) else {
        return Err("the SVG picture has no size".into());
    };
    let scale = SCALE.min(MAX_SIDE / w.max(h));
    let (cw, ch) = ((w * scale).round(), (h * scale).round());
    let canvas: JsValue = document
        .create_element("canvas")
        .map_err(|_| "no canvas element")?
        .into();
    let _ = Reflect::set(&canvas, &"width".into(), &cw.into());
    let _ = Reflect::set(&canvas, &"height".into(), &ch.into());
    let ctx = call(&canvas, "getContext", &[&"2d".into()])
        .ok()
        .filter(|c| !c.is_null())
        .ok_or("the browser gave no 2D canvas")?;
    let zero = JsValue::from(0.0);
    call(
        &ctx,
        "drawImage",
        &[&img, &zero, &zero, &cw.into(), &ch.into()],
    )
    .map_err(|_| "the picture could not be painted onto a canvas")?;
    let canvas2 = canvas.clone();
    let mut failed = None;
    let blob = Promise::new(&mut |resolve, reject| {
        if let Err(e) = call(&canvas2, "toBlob", &[&resolve, &"image/png".into()]) {
            let _ = reject.call1(&JsValue::NULL, &e);
            failed = Some(());
        }
    });
    let blob = JsFuture::from(blob)
        .await
        .ok()
        .filter(|b| !b.is_null() && failed.is_none())
        .ok_or_else(|| {
            format!("the browser could not encode a {cw:.0}×{ch:.0} PNG; download the SVG instead")
        })?;
    let buffer = wait(call(&blob, "arrayBuffer", &[]).map_err(|_| "the PNG could not be read")?)
        .await
        .map_err(|_| "the PNG could not be read")?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
