//! The export dialog: the file tree of the Terraform export, a preview of the
//! selected file with a copy button, and "Download .zip". The export runs in
//! the exporter's web worker (loaded on the first export; see
//! [`Exporter`]): "Preparing export…" until it answers. A design with errors
//! is not exported: the dialog says why and links each error to the problem
//! on the canvas. A worker that cannot be loaded (offline before it was ever
//! cached) is reported as such; the design is never touched.

use super::exporter::Exporter;
use crate::core::export::job::{Job, Outcome, Output};
use crate::core::export::{ExportFile, Layout};
use crate::core::model::{save, Design};
use crate::platform;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the dialog's export stands.
#[derive(Clone)]
enum Stage {
    /// Sent to the exporter (which may still be loading).
    Preparing,
    /// The exporter answered; the zip's bytes when it made them.
    Done(Outcome, Option<Arc<Vec<u8>>>),
    /// No answer: the exporter could not be loaded or stopped.
    Failed(String),
}

/// The dialog; shown while `open` is true.
#[component]
pub fn ExportDialog(
    /// The design to export.
    design: Signal<Design>,
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// Called with the subject ids of an error the user clicks.
    on_pick: Callback<Vec<String>>,
    /// Where exports run: the worker unless a test says otherwise.
    #[prop(optional)]
    exporter: Option<Exporter>,
) -> impl IntoView {
    let exporter = exporter.unwrap_or_default();
    let layout = RwSignal::new(Layout::PerRegion);
    let stage = RwSignal::new(None::<Stage>);
    // Only while the dialog is open: an export of a large design is tens of
    // milliseconds, too much to redo on every edit in the background. Each
    // job gets a number; an answer to an older one is dropped.
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        if !open.get() {
            stage.set(None);
            return;
        }
        let job = Job::export(layout.get(), design.with(save));
        let n = latest.get_value() + 1;
        latest.set_value(n);
        stage.set(Some(Stage::Preparing));
        exporter.submit(
            job,
            Box::new(move |result: Result<Output, String>| {
                if latest.try_get_value() != Some(n) {
                    return;
                }
                let next = match result {
                    Ok(out) => Stage::Done(out.outcome, out.zip.map(Arc::new)),
                    Err(why) => Stage::Failed(why),
                };
                // The dialog may be gone by the time the answer comes.
                let _ = stage.try_set(Some(next));
            }),
        );
    });
    let selected = RwSignal::new(String::from("README.md"));
    let status = RwSignal::new(None::<String>);
    let exported = move || stage.with(|s| matches!(s, Some(Stage::Done(Outcome::Files { .. }, _))));
    let preview = move || {
        let path = selected.get();
        stage.with(|s| match s {
            Some(Stage::Done(Outcome::Files { files, .. }, _)) => files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.contents.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
    };
    let download = move |_| {
        let msg = stage.with(|s| match s {
            Some(Stage::Done(
                Outcome::Files {
                    files,
                    archive,
                    zip_error,
                },
                bytes,
            )) => match (bytes, zip_error) {
                (Some(bytes), _) => match platform::download::download(
                    &format!("{archive}.zip"),
                    "application/zip",
                    bytes,
                ) {
                    Ok(()) => format!("Downloaded {archive}.zip ({} files).", files.len()),
                    Err(e) => format!("The zip could not be made: {e}"),
                },
                (None, e) => format!(
                    "The zip could not be made: {}",
                    e.as_deref().unwrap_or("the exporter sent none")
                ),
            },
            _ => "Nothing to download yet.".to_string(),
        });
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
        match stage.get() {
        None => ().into_any(),
        Some(Stage::Preparing) => view! {
            <p class="export-preparing" role="status">"Preparing export…"</p>
        }.into_any(),
        Some(Stage::Failed(why)) => view! { <p class="export-refused" role="alert">{why}</p> }.into_any(),
        Some(Stage::Done(Outcome::Invalid(problems), _)) => view! {
            <div class="export-refused" role="alert">
                <p>{format!("The design has {} error(s), so it is not exported. Fix these first:", problems.len())}</p>
                <ul>
                    {problems.into_iter().map(|p| {
                        let ids = p.subjects.clone();
                        view! { <li><button type="button" on:click=move |_| { on_pick.run(ids.clone()); close(); }>
                            <b>{p.rule}</b>" "{p.message}
                        </button></li> }
                    }).collect_view()}
                </ul>
            </div>
        }.into_any(),
        Some(Stage::Done(Outcome::Unsupported(m) | Outcome::Unreadable(m), _)) => {
            view! { <p class="export-refused" role="alert">{m}</p> }.into_any()
        }
        Some(Stage::Done(Outcome::Files { files, .. }, _)) => {
            let tree = tree_view(&files, selected);
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
                    <button type="button" class="primary" on:click=download disabled=move || !exported()>"Download .zip"</button>
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
