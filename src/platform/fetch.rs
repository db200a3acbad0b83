//! Reading one of the app's own static files (`exercises/index.json`) with
//! `fetch`, through `Reflect` so no extra web-sys features are compiled in.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

async fn call_async(
    target: &JsValue,
    method: &str,
    arg: Option<&JsValue>,
) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    let p = match arg {
        Some(a) => f.call1(target, a)?,
        None => f.call0(target)?,
    };
    JsFuture::from(p.dyn_into::<Promise>()?).await
}

/// The text of `path` (relative to the page), or why it could not be read.
pub async fn text(path: &str) -> Result<String, String> {
    let fail = |why: &str| format!("could not read {path}: {why}");
    let global = js_sys::global();
    let response = call_async(&global, "fetch", Some(&path.into()))
        .await
        .map_err(|_| fail("the network refused"))?;
    let ok = Reflect::get(&response, &"ok".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    if !ok {
        let status = Reflect::get(&response, &"status".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        return Err(fail(&format!("HTTP {status}")));
    }
    call_async(&response, "text", None)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| fail("not text"))
}
