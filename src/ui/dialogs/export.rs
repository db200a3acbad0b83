//! The export dialog: the file tree of the Terraform export, a preview of the
//! selected file with a copy button, and "Download .zip". The export runs in
//! the exporter's web worker (loaded on the first export; see
//! [`Exporter`]): "Preparing export…" until it answers. A design with errors
//! is not exported: the dialog says why and links each error to the problem
//! on the canvas. A worker that cannot be loaded (offline before it was ever
//! cached) is reported as such; the design is never touched.
//!
//! "Picture…" opens the picture form ([`super::picture`]); "Compare with a
//! previous export…" reads that export's zip or `topoform.json` (as Open…
//! does) and shows what this export changes ([`super::changes`]); the zip
//! downloaded after it carries the `moved` / `removed` / `import` blocks.

use super::changes::changes_view;
use super::exporter::Exporter;
use super::picture::PicturePanel;
use super::{browser_save, Save};
use crate::core::export::job::{Job, Kind, Outcome, Output};
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
    /// The editor's selection, for a picture of it.
    #[prop(optional, into)]
    selection: Option<Signal<Vec<String>>>,
    /// Where downloads go: the browser's unless a test listens.
    #[prop(optional)]
    save_file: Option<Save>,
) -> impl IntoView {
    let exporter = exporter.unwrap_or_default();
    // Shared by the views below, which must be `Send`: the exporter is not.
    let shared = StoredValue::new_local(exporter.clone());
    let selection = selection.unwrap_or_else(|| Signal::stored(Vec::new()));
    let save_file = save_file.unwrap_or_else(browser_save);
    let layout = RwSignal::new(Layout::PerRegion);
    let stage = RwSignal::new(None::<Stage>);
    // Only while the dialog is open: an export of a large design is tens of
    // milliseconds, too much to redo on every edit in the background. Each
    // job gets a number; an answer to an older one is dropped.
    let latest = StoredValue::new(0u64);
    let status = RwSignal::new(None::<String>);
    // The name of the previous export the shown files are compared with.
    let compared_from = RwSignal::new(String::new());
    Effect::new(move |_| {
        if !open.get() {
            stage.set(None);
            return;
        }
        let job = Job::export(layout.get(), design.with(save));
        let n = latest.get_value() + 1;
        latest.set_value(n);
        stage.set(Some(Stage::Preparing));
        // A new export (another layout, an edited design) is not the
        // comparison any more: its line and its name go with it.
        status.set(None);
        compared_from.set(String::new());
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
    let exported = move || {
        stage.with(|s| {
            matches!(
                s,
                Some(Stage::Done(
                    Outcome::Files { .. } | Outcome::Compared { .. },
                    _
                ))
            )
        })
    };
    let picturing = RwSignal::new(false);
    let old_input = NodeRef::<leptos::html::Input>::new();
    let compare = move |_| {
        let Some(input) = old_input.get() else { return };
        let exporter = shared.get_value();
        leptos::task::spawn_local(async move {
            let picked = platform::file_open::read_picked(&input).await;
            input.set_value("");
            let (name, old) = match picked {
                Ok(Some(file)) => file,
                Ok(None) => return,
                Err(e) => {
                    return status.set(Some(format!(
                        "{e}. Nothing was compared; the export is unchanged."
                    )))
                }
            };
            if let Err(e) = crate::core::model::load(&old) {
                return status.set(Some(format!(
                    "{name} holds no design Topoform can read ({e}). Nothing was compared; the export is unchanged."
                )));
            }
            let job = Job {
                layout: layout.get_untracked(),
                design: design.with_untracked(save),
                kind: Kind::Since { old },
            };
            let n = latest.get_value() + 1;
            latest.set_value(n);
            status.set(Some(format!("Comparing with {name}…")));
            exporter.submit(
                job,
                Box::new(move |result: Result<Output, String>| {
                    if latest.try_get_value() != Some(n) {
                        return;
                    }
                    let msg = match result {
                        Ok(Output {
                            outcome: outcome @ Outcome::Compared { .. },
                            zip,
                        }) => {
                            let _ = compared_from.try_set(name.clone());
                            let _ = stage.try_set(Some(Stage::Done(outcome, zip.map(Arc::new))));
                            format!("Compared with {name}: the changes are listed above the files.")
                        }
                        Ok(Output {
                            outcome: Outcome::Invalid(p),
                            ..
                        }) => format!(
                            "The design has {} error(s); fix them before comparing.",
                            p.len()
                        ),
                        Ok(Output {
                            outcome: Outcome::Unsupported(m) | Outcome::Unreadable(m),
                            ..
                        }) => format!("{name}: {m} The export is unchanged."),
                        Ok(_) => "The exporter answered with no comparison.".to_string(),
                        Err(why) => why,
                    };
                    let _ = status.try_set(Some(msg));
                }),
            );
        });
    };
    let preview = move || {
        let path = selected.get();
        stage.with(|s| match s {
            Some(Stage::Done(
                Outcome::Files { files, .. } | Outcome::Compared { files, .. },
                _,
            )) => files
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
                }
                | Outcome::Compared {
                    files,
                    archive,
                    zip_error,
                    ..
                },
                bytes,
            )) => match (bytes, zip_error) {
                (Some(bytes), _) => match save_file.run((
                    format!("{archive}.zip"),
                    "application/zip".to_string(),
                    bytes.to_vec(),
                )) {
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
    // A modal: focus moves in when it opens, Tab stays inside, Escape
    // closes, and focus goes back where it was (the canvas after an error
    // was picked, or when that place is gone) when it closes, however it
    // is closed.
    let back = StoredValue::new_local(None::<web_sys::Element>);
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if was_open == Some(true) && !now {
            super::modal::give_back(back.try_update_value(Option::take).flatten());
        }
        now
    });
    Effect::new(move |_| {
        if let Some(root) = dialog.get() {
            super::modal::take_focus(&root);
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(root) = dialog.get_untracked() {
            super::modal::on_key(&root, &ev, close);
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
                        view! { <li><button type="button" on:click=move |_| { on_pick.run(ids.clone()); back.set_value(None); close(); }>
                            <b>{p.rule}</b>" "{p.message}
                        </button></li> }
                    }).collect_view()}
                </ul>
            </div>
        }.into_any(),
        Some(Stage::Done(Outcome::Unsupported(m) | Outcome::Unreadable(m), _)) => {
            view! { <p class="export-refused" role="alert">{m}</p> }.into_any()
        }
        // Pictures are saved by the picture form, never shown here.
        Some(Stage::Done(Outcome::Picture { .. }, _)) => ().into_any(),
        Some(Stage::Done(Outcome::Files { files, .. } | Outcome::Compared { files, .. }, _)) => {
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
    let changes = move || {
        stage.with(|s| match s {
            Some(Stage::Done(Outcome::Compared { comparison, .. }, _)) => Some(changes_view(
                compared_from.get_untracked(),
                comparison.clone(),
            )),
            _ => None,
        })
    };
    view! {
        <Show when=move || open.get()>
            {back.set_value(super::modal::focused())}
            <div class="modal-backdrop" on:click=move |_| close()></div>
            <div class="modal export-dialog" role="dialog" aria-modal="true" aria-label="Export Terraform" tabindex="-1" node_ref=dialog on:keydown=on_key>
                <header class="modal-head">
                    <h2>"Export Terraform"</h2>
                    <label>"Layout "
                        <select aria-label="Layout" on:change=move |ev| layout.set(if event_target_value(&ev) == "single-root" { Layout::SingleRoot } else { Layout::PerRegion })>
                            <option value="per-region">"A root and state per region"</option>
                            <option value="single-root">"Single root"</option>
                        </select>
                    </label>
                    <button type="button" class="primary" on:click=download disabled=move || !exported()>"Download .zip"</button>
                    <button type="button" class="picture-toggle" aria-expanded=move || picturing.get().to_string() on:click=move |_| picturing.update(|p| *p = !*p)>"Picture…"</button>
                    <input type="file" accept=".zip,application/zip,.json,application/json" class="hidden" node_ref=old_input aria-label="Previous export: its zip or topoform.json" on:change=compare />
                    <button type="button" class="compare" disabled=move || !exported() on:click=move |_| { if let Some(i) = old_input.get() { i.click() } }>"Compare with a previous export…"</button>
                    <button type="button" aria-label="Close" on:click=move |_| close()>"Close"</button>
                </header>
                {move || picturing.get().then(|| view! {
                    <PicturePanel design=design selection=selection exporter=shared.get_value() save_file=save_file status=status />
                })}
                {move || status.get().map(|m| view! { <p class="export-status" role="status">{m}</p> })}
                {changes}
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
