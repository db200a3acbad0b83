//! The edit bar: file commands (new, open, save), undo and redo, and the
//! palette. A palette item is dragged onto the canvas and dropped into the
//! container under the pointer, or clicked (or pressed with Enter) to add
//! it into the selected container; core::edit decides where it may go and
//! says why when it may not.

use super::canvas::PaletteDrag;
use super::doc::Doc;
use crate::core::edit::PaletteItem;
use leptos::prelude::*;

/// The bar under the toolbar.
#[component]
pub fn EditBar(
    /// The document.
    doc: Doc,
    /// New design.
    on_new: Callback<()>,
    /// Opened file text (name, text).
    on_open: Callback<(String, String)>,
    /// Save (download) the design.
    on_save: Callback<()>,
    /// Add a palette item into the selection.
    on_add: Callback<PaletteItem>,
    /// Delete the selection.
    on_delete: Callback<()>,
    /// Duplicate the selection.
    on_duplicate: Callback<()>,
    /// The palette item being dragged (set here on pointer down).
    palette: RwSignal<Option<PaletteDrag>>,
    /// Show the keyboard shortcuts.
    on_shortcuts: Callback<()>,
    /// Copies a share link to the design (`#d1.…`).
    on_share: Callback<()>,
) -> impl IntoView {
    let file_input = NodeRef::<leptos::html::Input>::new();
    let picked = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match crate::platform::file_open::read_picked(&input).await {
                Ok(Some(file)) => on_open.run(file),
                Ok(None) => {}
                Err(e) => doc.error(format!("{e}. The open design is unchanged.")),
            }
            input.set_value("");
        });
    };
    // A design file, an export's zip or a Topoform SVG dropped anywhere on
    // the page opens like "Open…" (asking first if there is unsaved work).
    super::on_window(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
        }
    });
    super::on_window(leptos::ev::drop, move |ev| {
        let Some(file) = ev
            .data_transfer()
            .and_then(|t| t.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            match crate::platform::file_open::read_file(&file).await {
                Ok(opened) => on_open.run(opened),
                Err(e) => doc.error(format!("{e}. The open design is unchanged.")),
            }
        });
    });
    view! {
        <div class="editbar" role="toolbar" aria-label="Edit">
            <button type="button" on:click=move |_| on_new.run(()) title="New design">"New"</button>
            <button type="button" on:click=move |_| { if let Some(i) = file_input.get() { i.click(); } } title="Open a design file, an export's zip or a picture Topoform drew (or drop one on the page)">"Open…"</button>
            <input type="file" accept=".json,application/json,.zip,application/zip,.svg,image/svg+xml" class="hidden" node_ref=file_input aria-label="Design file, export zip or Topoform SVG" on:change=picked />
            <button type="button" on:click=move |_| on_save.run(()) title="Download the design as JSON">"Save"</button>
            <button type="button" class="share-button" on:click=move |_| on_share.run(()) title="Copy a link that holds the whole design (nothing is uploaded)">"Share link"</button>
            <span class="sep"></span>
            <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled=move || !doc.can_undo() on:click=move |_| doc.undo()>"↶ Undo"</button>
            <button type="button" aria-label="Redo" title="Redo (Shift+Ctrl+Z)" disabled=move || !doc.can_redo() on:click=move |_| doc.redo()>"↷ Redo"</button>
            <span class="sep"></span>
            <span class="palette-label">"Add"</span>
            {PaletteItem::ALL
                .into_iter()
                .map(|item| view! {
                    <button type="button" class="palette" data-palette=item.label()
                        title=format!("Drag a {} onto the canvas, or click to add it into the selected container", item.label())
                        on:pointerdown=move |ev| {
                            if ev.button() == 0 {
                                let at = (ev.client_x() as f64, ev.client_y() as f64);
                                palette.set(Some(PaletteDrag { item, start: at, at }));
                            }
                        }
                        on:click=move |_| on_add.run(item)>{item.label()}</button>
                })
                .collect_view()}
            <span class="sep"></span>
            <button type="button" aria-label="Duplicate selection" title="Duplicate (Ctrl+D)" on:click=move |_| on_duplicate.run(())>"Duplicate"</button>
            <button type="button" aria-label="Delete selection" title="Delete (Del)" on:click=move |_| on_delete.run(())>"Delete"</button>
            <button type="button" class="shortcuts-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" on:click=move |_| on_shortcuts.run(())>"?"</button>
        </div>
    }
}

/// True when a drag carries files (not text or a palette item).
fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|t| {
        t.types()
            .iter()
            .any(|v| v.as_string().as_deref() == Some("Files"))
    })
}
