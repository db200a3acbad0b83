//! The first paint's wasm module: draws the design the editor will open
//! into the loading screen (`platform::viewer`), so a page on a slow network
//! shows the design long before the editor's module has arrived. The page's
//! loader (`index.html`) starts the editor once this has run, whether it drew
//! or not. Trunk builds it beside the app (`index.html`).

#[cfg(target_arch = "wasm32")]
fn main() {
    // No panic hook: its formatting machinery would double this module.
    // A failure leaves the loading text; the editor starts regardless.
    if let Err(e) = topoform::platform::viewer::show() {
        wasm_bindgen::throw_str(&e);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("topoform-view is the browser app's first paint: build it with `trunk build` (see README.md).");
    eprintln!("The command-line tool is `topoform`.");
    std::process::exit(2);
}
