//! The worker's side of the exporter. The web worker runs the editor's own
//! module (`public/export-worker.js`), whose `main` calls [`serve`] where
//! there is no window: it answers each `{ id, job }` message with
//! `{ id, outcome, zip }` (see [`super::export_client`] for the protocol),
//! after announcing `{ ready: true }` once it listens.

use crate::core::export::job::{run, Job, Outcome};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Starts answering jobs. Call once, from `main` in the worker.
pub fn serve() -> Result<(), String> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global()
        .dyn_into()
        .map_err(|_| "the exporter must run in a dedicated web worker".to_string())?;
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let id = Reflect::get(&data, &"id".into()).unwrap_or(JsValue::UNDEFINED);
        let job = Reflect::get(&data, &"job".into())
            .ok()
            .and_then(|j| j.as_string())
            .ok_or_else(|| "the message held no job".to_string())
            .and_then(|text| {
                serde_json::from_str::<Job>(&text)
                    .map_err(|e| format!("the job could not be read: {e}"))
            });
        let (outcome, zip) = match job {
            Ok(job) => {
                let out = run(&job);
                (out.outcome, out.zip)
            }
            Err(why) => (Outcome::Unreadable(why), None),
        };
        answer(&reply_to, &id, &outcome, zip.as_deref());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    scope
        .post_message(&ready)
        .map_err(|_| "the exporter could not announce itself".to_string())
}

fn answer(scope: &DedicatedWorkerGlobalScope, id: &JsValue, outcome: &Outcome, zip: Option<&[u8]>) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"id".into(), id);
    let text = serde_json::to_string(outcome).unwrap_or_else(|e| {
        // Strings and vectors always serialise; this is the message if not.
        let fallback =
            Outcome::Unsupported(format!("the exporter's answer could not be written: {e}"));
        serde_json::to_string(&fallback).unwrap_or_default()
    });
    let _ = Reflect::set(&msg, &"outcome".into(), &JsValue::from_str(&text));
    let transfer = Array::new();
    if let Some(bytes) = zip {
        let array = Uint8Array::from(bytes);
        transfer.push(&array.buffer());
        let _ = Reflect::set(&msg, &"zip".into(), &array);
    }
    // The page hears of a failure here through the worker's error event.
    if let Err(e) = scope.post_message_with_transfer(&msg, &transfer) {
        wasm_bindgen::throw_val(e);
    }
}
