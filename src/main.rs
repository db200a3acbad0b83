//! The browser entry point. In a window: install the panic hook and mount
//! the app. In a dedicated web worker (`public/export-worker.js` starts the
//! same module there on the first export): answer export jobs.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(topoform::ui::App);
    } else if let Err(e) = topoform::platform::export_service::serve() {
        wasm_bindgen::throw_str(&e);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("topoform-web is the browser app: build it with `trunk build` (see README.md).");
    eprintln!("The command-line tool is `topoform`.");
    std::process::exit(2);
}
