//! The browser entry point: install the panic hook and mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(topoform::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("topoform-web is the browser app: build it with `trunk build` (see README.md).");
    eprintln!("The command-line tool is `topoform`.");
    std::process::exit(2);
}
