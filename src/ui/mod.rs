//! The Leptos components of the browser app, grouped by what the user
//! sees: the canvas (`canvas/`: the drawing and its gestures), the side panels
//! (`panels/`: inspector, settings), the dialogs (`dialogs/`), and the
//! shell around them (app, toolbar, edit bar, toast).
//!
//! `App` owns the one design (in a signal) and the session state around it;
//! the canvas derives its geometry from the design through memos of the pure
//! [`crate::core::layout`] functions. Rendering per kind of shape lives in
//! its own file so each stays small.

mod app;
mod canvas;
pub(crate) mod cost;
mod dialogs;
mod doc;
mod editbar;
mod exercise;
mod outage;
mod panels;
mod problems;
mod shortcuts;
mod toast;
mod toolbar;

// The toolbar draws the logo from the canvas's icon set.
use canvas::icons;

pub use app::App;
pub use canvas::{Canvas, PaletteDrag};
pub use dialogs::export::ExportDialog;
pub use dialogs::exporter::Exporter;
pub use dialogs::Save;
pub use doc::Doc;
pub use exercise::link::is_share;
/// The table of which control edits each format field (tests read it).
pub use panels::inspector::controls;
pub use problems::Problems;

/// Listens to `event` on the window for as long as the calling component
/// lives. (Leptos's handle does not remove its listener when dropped; a
/// listener outliving its component would read disposed signals.)
pub(crate) fn on_window<E>(event: E, cb: impl Fn(E::EventType) + 'static)
where
    E: leptos::ev::EventDescriptor + 'static,
    E::EventType: wasm_bindgen::JsCast,
{
    let handle = leptos::prelude::window_event_listener(event, cb);
    leptos::prelude::on_cleanup(move || handle.remove());
}
