//! The pure core of Topoform: the design model, the AWS catalog, validation
//! and export. Nothing here touches the browser; it all runs under plain
//! `cargo test` and in the native CLI. `tests/core_is_pure.rs` enforces it.

pub mod autosave;
pub mod camera;
pub mod catalog;
pub mod cost;
pub mod edit;
pub mod exercise;
pub mod export;
pub mod history;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod names;
pub mod opening;
pub mod record_sets;
pub mod render;
pub mod reopen;
pub mod share;
pub mod simulate;
pub mod stress;
pub mod templates;
pub mod text;
pub mod validate;
