//! Dialogs over the editor: confirmations and the export.

pub mod confirm;
pub mod export;
pub mod exporter;
