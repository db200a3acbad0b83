//! The exporter's web worker: the second wasm module of the browser app.
//! The page starts it on the first export (`public/export-worker.js` loads
//! this module's wasm), so the first paint never downloads the exporter,
//! hcl-rs, zip or the Terraform module templates; exports also run off the
//! main thread. Trunk builds it beside the app (`index.html`,
//! `data-type="worker"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if let Err(e) = topoform::platform::export_service::serve() {
        // Unreachable in a browser; the page then sees no `ready` and its
        // export waits. Thrown so the page's error handler hears of it.
        wasm_bindgen::throw_str(&e);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("topoform-export is the browser app's export worker: build it with `trunk build` (see README.md).");
    eprintln!("The command-line tool is `topoform`.");
    std::process::exit(2);
}
