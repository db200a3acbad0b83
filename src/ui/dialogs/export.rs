//! The export dialog: the file tree of the Terraform export, a preview of the
//! selected file with a copy button, and "Download .zip" built in wasm. A
//! design with errors is not exported: the dialog says why and links each
//! error to the problem on the canvas.

use crate::core::export::{export, zip, ExportError, ExportFile, Layout};
use crate::core::model::Design;
use crate::platform;
use leptos::prelude::*;

/// The dialog; shown while `open` is true.
#[component]
pub fn ExportDialog(
    /// The design to export.
    design: Signal<Design>,
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// Called with the subject ids of an error the user clicks.
    on_pick: Callback<Vec<String>>,
) -> impl IntoView {
    let layout = RwSignal::new(Layout::PerRegion);
    // Only computed while the dialog is open: an export of a large design is
    // tens of milliseconds, too much to redo on every edit in the background.
    let result = Memo::new(move |_| open.get().then(|| design.with(|d| export(d, layout.get()))));
    let selected = RwSignal::new(String::from("README.md"));
    let status = RwSignal::new(None::<String>);
    let files = move || match result.get() {
        Some(Ok(f)) => f,
        _ => Vec::new(),
    };
    let preview = move || {
        let path = selected.get();
        files()
            .into_iter()
            .find(|f| f.path == path)
            .map(|f| f.contents)
            .unwrap_or_default()
    };
    let archive_name = move || design.with(|d| format!("{}-{}-terraform", d.name, d.environment));
    let download = move |_| {
        let fs = files();
        let name = archive_name();
        let msg = match zip(&fs, &name).and_then(|bytes| {
            platform::download::download(&format!("{name}.zip"), "application/zip", &bytes)
        }) {
            Ok(()) => format!("Downloaded {name}.zip ({} files).", fs.len()),
            Err(e) => format!("The zip could not be made: {e}"),
        };
        status.set(Some(msg));
    };
    let copy = move |_| {
        let text = preview();
        leptos::task::spawn_local(async move {
            let msg = match platform::clipboard::copy(&text).await {
                Ok(()) => "Copied to the clipboard.".to_string(),
                Err(e) => e,
            };
            status.set(Some(msg));
        });
    };
    let close = move || open.set(false);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let body = move || {
        match result.get() {
        None => ().into_any(),
        Some(Err(ExportError::Invalid(diags))) => view! {
            <div class="export-refused" role="alert">
                <p>{format!("The design has {} error(s), so it is not exported. Fix these first:", diags.len())}</p>
                <ul>
                    {diags.into_iter().map(|d| {
                        let ids = d.subjects.clone();
                        view! { <li><button type="button" on:click=move |_| { on_pick.run(ids.clone()); close(); }>
                            <b>{d.rule}</b>" "{d.message}
                        </button></li> }
                    }).collect_view()}
                </ul>
            </div>
        }.into_any(),
        Some(Err(e)) => view! { <p class="export-refused" role="alert">{e.to_string()}</p> }.into_any(),
        Some(Ok(list)) => {
            let tree = tree_view(&list, selected);
            view! {
                <div class="export-body">
                    <nav class="file-tree" aria-label="Exported files">{tree}</nav>
                    <section class="preview" aria-label="File preview">
                        <header>
                            <code>{move || selected.get()}</code>
                            <button type="button" on:click=copy aria-label="Copy this file">"Copy"</button>
                        </header>
                        // Focusable, so the keyboard can scroll a long file.
                        <pre data-preview="" tabindex="0" aria-label="File contents">{preview}</pre>
                    </section>
                </div>
            }.into_any()
        }
    }
    };
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| close()></div>
            <div class="modal export-dialog" role="dialog" aria-modal="true" aria-label="Export Terraform" tabindex="-1" on:keydown=on_key>
                <header class="modal-head">
                    <h2>"Export Terraform"</h2>
                    <label>"Layout "
                        <select aria-label="Layout" on:change=move |ev| layout.set(if event_target_value(&ev) == "single-root" { Layout::SingleRoot } else { Layout::PerRegion })>
                            <option value="per-region">"A root and state per region"</option>
                            <option value="single-root">"Single root"</option>
                        </select>
                    </label>
                    <button type="button" class="primary" on:click=download disabled=move || !matches!(result.get(), Some(Ok(_)))>"Download .zip"</button>
                    <button type="button" aria-label="Close" on:click=move |_| close()>"Close"</button>
                </header>
                {move || status.get().map(|m| view! { <p class="export-status" role="status">{m}</p> })}
                {body}
            </div>
        </Show>
    }
}

/// The files as a tree: folders as headings, files as buttons.
fn tree_view(files: &[ExportFile], selected: RwSignal<String>) -> impl IntoView {
    let mut last_dir = String::new();
    let mut items = Vec::new();
    for f in files {
        let (dir, name) = f.path.rsplit_once('/').unwrap_or(("", f.path.as_str()));
        if dir != last_dir {
            last_dir = dir.to_string();
            if !dir.is_empty() {
                items.push(view! { <li class="dir">{format!("{dir}/")}</li> }.into_any());
            }
        }
        let path = f.path.clone();
        let p2 = path.clone();
        let depth = if dir.is_empty() { 0 } else { 1 };
        items.push(
            view! {
                <li class=format!("file depth-{depth}")>
                    <button type="button" data-path=path.clone() class:current=move || selected.with(|s| *s == p2)
                        on:click=move |_| selected.set(path.clone())>{name.to_string()}</button>
                </li>
            }
            .into_any(),
        );
    }
    view! { <ul>{items}</ul> }
}
