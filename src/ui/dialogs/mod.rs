//! Dialogs over the editor: confirmations and the export (with its
//! pictures and its comparison with a previous export).

pub mod changes;
pub mod confirm;
pub mod export;
pub mod exporter;
pub mod modal;
pub mod picture;

use leptos::prelude::Callback;

/// Where a dialog saves a file: its name, media type and bytes in; done, or
/// why not, out. The browser's download unless a test listens instead.
pub type Save = Callback<(String, String, Vec<u8>), Result<(), String>>;

/// Saves through the browser's download.
pub fn browser_save() -> Save {
    Callback::new(|(name, mime, bytes): (String, String, Vec<u8>)| {
        crate::platform::download::download(&name, &mime, &bytes)
    })
}
