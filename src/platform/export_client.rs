//! The page's side of the exporter's web worker: the worker is started on
//! the first export (so exports run off the main thread), kept for the next
//! ones, and replaced after it fails.
//!
//! The worker runs the editor's own wasm module (one module, not a second
//! one repeating the model, validation, serde and the allocator): the page
//! first posts `{ boot: { script, wasm } }`, the editor's script URL and its
//! compiled `WebAssembly.Module` (or, if the page could not compile it, its
//! URL), which `index.html`'s loader keeps in `window.topoformEditor`;
//! `public/export-worker.js` imports that script and starts the module, whose
//! `main` sees no window and serves exports (`super::export_service`).
//!
//! Then messages are plain objects. The page posts `{ id, job }` (the job as
//! JSON); the worker answers `{ ready: true }` once its wasm has started,
//! then `{ id, outcome, zip }` per job (the outcome as JSON, the zip as a
//! transferred `Uint8Array`). `public/export-worker.js` posts `{ failed }`
//! when its load fails. Jobs submitted before `ready` wait here: a worker
//! drops messages that arrive before its handler is set.

use crate::core::export::job::{Job, Outcome, Output};
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's script, relative to the page (so any sub-path works).
/// `index.html` copies it from `public/`; it loads the editor's own module.
pub const WORKER_URL: &str = "./export-worker.js";

/// Where `index.html`'s loader leaves `{ script, wasm }`: the editor's
/// script URL and its compiled module (or the wasm's URL).
const EDITOR_GLOBAL: &str = "topoformEditor";

/// Called once with the job's output, or with why there is none.
pub type Done = Box<dyn FnOnce(Result<Output, String>)>;

/// A started worker and the jobs it owes an answer.
struct Connection {
    worker: Worker,
    ready: bool,
    /// Posted once the worker is ready, in order.
    queued: Vec<(u32, String)>,
    waiting: HashMap<u32, Done>,
    next_id: u32,
    // The handlers live as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// Runs `job` in the exporter's worker, starting it if need be; `done` is
/// called later, never before this returns.
pub fn submit(job: &Job, done: Done) {
    let text = match serde_json::to_string(job) {
        Ok(t) => t,
        Err(e) => {
            return defer(
                done,
                format!("the export could not be sent to the exporter: {e}"),
            )
        }
    };
    let outcome = CONNECTION.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            match start() {
                Ok(conn) => *c = Some(conn),
                Err(e) => return Err(Some((done, e))),
            }
        }
        let Some(conn) = c.as_mut() else {
            return Err(Some((done, "the exporter did not start".to_string())));
        };
        let id = conn.next_id;
        conn.next_id = conn.next_id.wrapping_add(1);
        conn.waiting.insert(id, done);
        if !conn.ready {
            conn.queued.push((id, text));
            return Ok(());
        }
        post(&conn.worker, id, &text).map_err(|()| None)
    });
    match outcome {
        Ok(()) => {}
        Err(Some((done, why))) => defer(done, why),
        Err(None) => failed(Some(UNSENDABLE.into())),
    }
}

const UNSENDABLE: &str = "the export could not be sent to the exporter";

/// Answers `done` on a later turn, as a worker's answer would come.
fn defer(done: Done, why: String) {
    wasm_bindgen_futures::spawn_local(async move { done(Err(why)) });
}

fn start() -> Result<Connection, String> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_URL, &options).map_err(|e| {
        format!(
            "the exporter could not be started: {}",
            describe(&e).unwrap_or_else(|| "the browser refused the worker".into())
        )
    })?;
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| received(ev.data()));
    let on_error = Closure::<dyn FnMut(Event)>::new(|ev: Event| {
        let detail = ev
            .dyn_ref::<ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty());
        failed(detail);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    // Told first: which module to run. Without the loader's note (a page
    // that is not the app's, as in the component tests) the worker says so.
    let editor =
        Reflect::get(&js_sys::global(), &EDITOR_GLOBAL.into()).unwrap_or(JsValue::UNDEFINED);
    let boot = Object::new();
    let _ = Reflect::set(&boot, &"boot".into(), &editor);
    if worker.post_message(&boot).is_err() {
        worker.terminate();
        return Err(
            "the exporter could not be started: the app's module could not be sent to it".into(),
        );
    }
    Ok(Connection {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: HashMap::new(),
        next_id: 1,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Posts one job; only a message that cannot be cloned fails, and ours are
/// a number and a string.
fn post(worker: &Worker, id: u32, job: &str) -> Result<(), ()> {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"id".into(), &JsValue::from(id));
    let _ = Reflect::set(&msg, &"job".into(), &JsValue::from_str(job));
    worker.post_message(&msg).map_err(|_| ())
}

fn field(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// One message from the worker.
fn received(data: JsValue) {
    if field(&data, "ready").is_truthy() {
        let sent = CONNECTION.with(|c| {
            let mut c = c.borrow_mut();
            let Some(conn) = c.as_mut() else {
                return Ok(());
            };
            conn.ready = true;
            std::mem::take(&mut conn.queued)
                .into_iter()
                .try_for_each(|(id, text)| post(&conn.worker, id, &text))
        });
        if sent.is_err() {
            failed(Some(UNSENDABLE.into()));
        }
        return;
    }
    if let Some(why) = field(&data, "failed").as_string() {
        return failed(Some(why));
    }
    let Some(id) = field(&data, "id").as_f64() else {
        return;
    };
    let done = CONNECTION.with(|c| {
        c.borrow_mut()
            .as_mut()
            .and_then(|conn| conn.waiting.remove(&(id as u32)))
    });
    // An answer nobody waits for (its dialog was closed) is dropped.
    let Some(done) = done else { return };
    let result = match field(&data, "outcome").as_string() {
        Some(text) => crate::core::model::read_json::<Outcome>(&text)
            .map(|outcome| {
                let zip = field(&data, "zip")
                    .dyn_into::<Uint8Array>()
                    .ok()
                    .map(|a| a.to_vec());
                Output { outcome, zip }
            })
            .map_err(|e| format!("the exporter's answer could not be read: {e}")),
        None => Err("the exporter's answer had no outcome".to_string()),
    };
    done(result);
}

/// The worker failed to load or stopped: every waiting job is answered with
/// why, and the next export starts a fresh worker.
fn failed(detail: Option<String>) {
    let Some(conn) = CONNECTION.with(|c| c.borrow_mut().take()) else {
        return;
    };
    conn.worker.terminate();
    let why = match (conn.ready, detail) {
        (false, Some(d)) => format!("The exporter could not be loaded ({d}). Check the connection and export again; the design is unchanged."),
        (false, None) => "The exporter could not be loaded (offline, or the site is missing its files). Check the connection and export again; the design is unchanged.".to_string(),
        (true, Some(d)) => format!("The exporter stopped ({d}). Export again to restart it; the design is unchanged."),
        (true, None) => "The exporter stopped. Export again to restart it; the design is unchanged.".to_string(),
    };
    for (_, done) in conn.waiting {
        done(Err(why.clone()));
    }
}

fn describe(e: &JsValue) -> Option<String> {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
}
