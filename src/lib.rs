//! Topoform: design multi-region AWS infrastructure, validate it while you
//! draw, and export per-region Terraform.
//!
//! - [`core`] is pure Rust: the design model, the AWS catalog, validation and
//!   export. The native CLI (`src/bin/topoform/`) and the browser app both
//!   stand on it.
//! - `ui` (Leptos components) and `platform` (browser APIs) exist only in the
//!   WebAssembly build.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
