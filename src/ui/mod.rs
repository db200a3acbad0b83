//! The Leptos components of the browser app.
//!
//! `App` owns the one design (in a signal) and the session state around it;
//! the canvas derives its geometry from the design through memos of the pure
//! [`crate::core::layout`] functions. Rendering per kind of shape lives in
//! its own file so each stays small.

mod app;
mod canvas;
mod icons;
mod legend;
mod links;
mod problems;
mod shape;
mod toolbar;

pub use app::App;
pub use canvas::Canvas;
pub use problems::Problems;
