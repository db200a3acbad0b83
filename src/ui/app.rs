//! The app: one document (design + undo history) and the session around it
//! (selection, camera requests, dialogs), the toolbar, the edit bar, the
//! canvas, the inspector or (with nothing selected) the design settings,
//! the problems panel, the toast and the dialogs. The design is autosaved
//! to local storage and restored on reload; a stored design that cannot be
//! opened is kept under a backup key, never wiped. Nothing replaces or
//! deletes work silently: New, a template or an opened file ask first when
//! the design has unsaved changes, Delete when others depend on it.

use super::canvas::{Canvas, PaletteDrag};
use super::cost::CostPanel;
use super::dialogs::confirm::{Ask, Confirm};
use super::dialogs::export::ExportDialog;
use super::doc::{Doc, Notice};
use super::editbar::EditBar;
use super::exercise::link;
use super::exercise::{ExercisePanel, Session};
use super::outage::Outage;
use super::panels::inspector::Inspector;
use super::panels::settings::Settings;
use super::problems::Problems;
use super::shortcuts::Shortcuts;
use super::toast::Toast;
use super::toolbar::Toolbar;
use crate::core::autosave::{AUTOSAVE_KEY, BACKUP_PREFIX, DEBOUNCE_MS};
use crate::core::edit::{self, PaletteItem};
use crate::core::exercise::empty_design;
use crate::core::model::{load, save, Design};
use crate::core::opening::{load_message, opening};
use crate::core::templates::template;
use crate::core::validate::{by_subject, counts, validate, Incremental};
use crate::platform;
use leptos::prelude::*;
use std::time::Duration;

/// The whole app. `?template=<id>` opens that template (handy for links and
/// screenshots); otherwise the autosaved design, else the first template.
#[component]
pub fn App() -> impl IntoView {
    let stored = platform::storage::get(AUTOSAVE_KEY).ok().flatten();
    let opening = opening(
        platform::query_param("template").as_deref(),
        stored.as_deref(),
        platform::now_ms(),
    );
    if let (Some(key), Some(raw)) = (&opening.backup_key, &stored) {
        // Kept before anything else is stored: never wipe a user's work.
        if platform::storage::set(key, raw).is_ok() {
            let _ = platform::storage::remove(AUTOSAVE_KEY);
        }
    }
    drop(stored);
    let restored = opening.restored;
    let doc = Doc::new(opening.design);
    let design = doc.design;
    doc.notice.set(opening.message.map(Notice::error));
    // The design as a file or template last held it (none for a restored
    // autosave): what "unsaved changes" are measured against.
    let saved = StoredValue::new((!restored).then(|| design.get_untracked()));
    // The template the design still is; empty once it is the user's own.
    let opened = opening.template;
    let selected = RwSignal::new(opened.map(|t| t.id.to_string()).unwrap_or_default());

    // The exercise in progress (kept across reloads); while one is open its
    // rule pack applies to the problems panel and the badges.
    let session = RwSignal::new(super::exercise::restore());
    // Diagnostics are derived from the design on every change, never stored;
    // the cache re-runs only the rules an edit can change (exactly `validate`).
    // A move on the canvas changes no finding: only content edits re-validate.
    let content = doc.content();
    let validator = StoredValue::new(Incremental::new());
    let diagnostics = Memo::new(move |_| {
        let all = content.with(|d| {
            validator
                .try_update_value(|v| v.validate(d))
                .unwrap_or_else(|| validate(d))
        });
        session.with(|s| match s {
            Some(s) => s.exercise.rules.apply(all),
            None => all,
        })
    });
    let badges = Memo::new(move |_| diagnostics.with(|d| by_subject(d)));
    let totals = Memo::new(move |_| diagnostics.with(|d| counts(d)));
    // What the design costs and what a region's loss does are not the
    // answer an edit waits for: they follow it after the frame that shows
    // it (`Doc::content_later`).
    let later = doc.content_later();
    super::cost::provide_cost(later);
    // Session state: the selection, requests to centre on it, open dialogs.
    let selection = RwSignal::new(Vec::<String>::new());
    let focus = RwSignal::new(0u64);
    let exporting = RwSignal::new(false);
    // The place lost in the outage panel: session state, never an edit.
    let failed = RwSignal::new(None::<crate::core::simulate::Failure>);
    let pick = Callback::new(move |ids: Vec<String>| {
        selection.set(ids);
        focus.update(|n| *n += 1);
    });

    // Another tab of this site autosaving: both share one autosave key, so
    // the last to save would silently replace the other tab's design (a
    // `storage` event comes only from other tabs). This tab keeps its own;
    // before its next save it moves the other tab's under a backup key.
    let elsewhere = StoredValue::new(false);
    super::on_window(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(AUTOSAVE_KEY)
            && ev.new_value().is_some()
            && !elsewhere.get_value()
        {
            elsewhere.set_value(true);
            doc.notice.set(Some(Notice::error(
                "This design is open in another tab too, which has just autosaved its own version. \
                 This tab keeps its design; its next autosave keeps the other tab's version under a backup key.",
            )));
        }
    });
    // Before this tab writes over another tab's autosave: that text kept
    // under a backup key. `Err` when it could not be kept (then this tab
    // must not write).
    let keep_other = move || -> Result<Option<String>, String> {
        if !elsewhere.get_value() {
            return Ok(None);
        }
        let Some(other) = platform::storage::get(AUTOSAVE_KEY)? else {
            elsewhere.set_value(false);
            return Ok(None);
        };
        let key = format!("{BACKUP_PREFIX}{}", platform::now_ms());
        platform::storage::set(&key, &other)?;
        elsewhere.set_value(false);
        Ok(Some(key))
    };

    // Autosave, debounced: only the last change in a burst is written.
    let pending = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        design.track();
        if first.is_none() {
            return; // the design just loaded is already where it came from
        }
        // Once edited, the design is no longer the template: the address
        // stops naming it, so a reload restores the edits, not the template.
        let edited = selected.with_untracked(|id| {
            !id.is_empty()
                && template(id)
                    .and_then(|t| t.design().ok())
                    .is_none_or(|t| design.with_untracked(|d| *d != t))
        });
        if edited {
            selected.set(String::new());
            platform::clear_template_param();
        }
        pending.update_value(|n| *n += 1);
        let ticket = pending.get_value();
        set_timeout(
            move || {
                // (An app torn down meanwhile has nothing left to save.)
                if pending.try_get_value() == Some(ticket) {
                    // Written once per burst, not on every edit: the text of
                    // a big design takes milliseconds to make (issue 13).
                    let Some(text) = design.try_with_untracked(save) else {
                        return;
                    };
                    match keep_other() {
                        Ok(None) => {}
                        Ok(Some(key)) => {
                            doc.notice.try_set(Some(Notice::error(format!(
                                "The other tab's version of the design is kept in this browser under \"{key}\"; this tab's design is autosaved."
                            ))));
                        }
                        Err(e) => {
                            doc.notice.try_set(Some(Notice::error(format!(
                                "Autosave paused: the other tab's version could not be kept ({e}), so it is not written over. Download this design to keep it."
                            ))));
                            return;
                        }
                    }
                    if let Err(e) = platform::storage::set(AUTOSAVE_KEY, &text) {
                        doc.notice
                            .try_set(Some(Notice::error(format!("Autosave failed: {e}."))));
                    }
                }
            },
            Duration::from_millis(u64::from(DEBOUNCE_MS)),
        );
    });

    // Leaving the page (reload, close, navigate) saves at once: an edit made
    // within the debounce must not be lost.
    super::on_window(leptos::ev::pagehide, move |_| {
        if let Some(text) = design.try_with_untracked(save) {
            // Nothing can be told to a page that is going away; another
            // tab's version is kept first, else not written over.
            if keep_other().is_ok() {
                let _ = platform::storage::set(AUTOSAVE_KEY, &text);
            }
        }
    });

    // Replacing the design (New, a template, an opened file) asks first
    // when the open design has changes no file or template holds; the
    // replacement is one undo step either way.
    let ask = RwSignal::new(None::<Ask>);
    let replace = move |title: String,
                        next: Design,
                        template_id: Option<String>,
                        then: Option<Callback<()>>| {
        let go = move |next: Design, template_id: Option<String>| {
            if let Some(then) = then {
                then.run(());
            }
            selection.set(Vec::new());
            // The place failed in the outage panel was the old design's:
            // the new one opens as it is, nothing lost.
            failed.set(None);
            saved.set_value(Some(next.clone()));
            doc.apply(next);
            match template_id {
                Some(id) => {
                    platform::set_template_param(&id);
                    selected.set(id);
                }
                // Not a template any more: the address stops naming the
                // one it came from, or a reload (or a share link made from
                // this address) would open that template instead.
                None => {
                    platform::clear_template_param();
                    selected.set(String::new());
                }
            }
        };
        let dirty =
            saved.with_value(|s| s.as_ref().is_none_or(|s| design.with_untracked(|d| d != s)));
        if !dirty {
            go(next, template_id);
            return;
        }
        ask.set(Some(Ask {
            title,
            lines: vec![
                "The open design has changes that are not saved to a file; they will be replaced."
                    .into(),
                "Undo (Ctrl+Z) brings them back.".into(),
            ],
            yes: "Replace",
            on_yes: Callback::new(move |_| go(next.clone(), template_id.clone())),
            // The template picker goes back to what is open.
            on_no: Some(Callback::new(move |_| {
                selected.set(selected.get_untracked())
            })),
        }));
    };
    let choose = Callback::new(move |id: String| {
        let loaded = match template(&id) {
            Some(t) => t.design().map_err(|e| load_message(t, &e.to_string())),
            None => Err(format!("There is no template called “{id}”.")),
        };
        match loaded {
            Ok(d) => replace("Open the template?".into(), d, Some(id), None),
            Err(m) => {
                doc.error(m);
                selected.set(selected.get_untracked());
            }
        }
    });
    let on_new =
        Callback::new(move |_| replace("Start a new design?".into(), empty_design(), None, None));
    // A file that does not load leaves the open design untouched.
    let on_open = Callback::new(move |(name, text): (String, String)| match load(&text) {
        Ok(d) => replace(format!("Open {name}?"), d, None, None),
        Err(e) => doc.error(format!(
            "{name} was not opened: {e}. The open design is unchanged."
        )),
    });
    // An exercise (picked or from a link) starts from its start design,
    // asking first like any replacement; the session starts on "yes".
    let start_exercise =
        Callback::new(move |(title, text): (String, String)| {
            match Session::start(text, platform::now_ms()) {
                Ok(s) => {
                    let next = s.exercise.start_design();
                    let ask = format!("Start the exercise “{}”?", s.exercise.title);
                    let then = Callback::new(move |_| session.set(Some(s.clone())));
                    replace(ask, next, None, Some(then));
                }
                Err(e) => doc.error(format!("The exercise “{title}” was not opened: {e}.")),
            }
        });
    // A share link in the address (`#d1.…`, `#x1.…`), at start and on
    // every change of the fragment; a damaged one keeps the design.
    link::listen(
        Callback::new(move |d| replace("Open the design from the link?".into(), d, None, None)),
        start_exercise,
        Callback::new(move |m: String| doc.error(m)),
    );
    let on_share = Callback::new(move |_| link::share(design.get_untracked(), doc));
    let on_save = Callback::new(move |_| {
        let (name, text) = design.with(|d| (format!("{}-{}.json", d.name, d.environment), save(d)));
        match platform::download::download(&name, "application/json", text.as_bytes()) {
            Ok(()) => saved.set_value(Some(design.get_untracked())),
            Err(e) => doc.error(e),
        }
    });
    // Adds a palette item: a click adds into the selection (global items
    // always to the global band), a drop into the object under the pointer.
    let add_into =
        Callback::new(move |(item, target): (PaletteItem, Option<String>)| {
            match design.with_untracked(|d| edit::add(d, item, target.as_deref())) {
                Ok((d, id)) => {
                    doc.apply(d);
                    selection.set(vec![id]);
                }
                Err(e) => doc.error(e.to_string()),
            }
        });
    let on_add = Callback::new(move |item: PaletteItem| {
        let global = matches!(
            item,
            PaletteItem::DnsRecord | PaletteItem::Accelerator | PaletteItem::Region
        );
        let target = if global {
            None
        } else {
            selection.get_untracked().first().cloned()
        };
        add_into.run((item, target));
    });
    let palette = RwSignal::new(None::<PaletteDrag>);
    let fit = RwSignal::new(0u64);
    let shortcuts = RwSignal::new(false);
    let settings_focus = RwSignal::new(false);
    let on_duplicate = Callback::new(move |_| {
        let ids = selection.get_untracked();
        if ids.is_empty() {
            return;
        }
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        match design.with_untracked(|d| edit::duplicate(d, &refs)) {
            Ok((d, copies)) => {
                doc.apply(d);
                selection.set(copies);
            }
            Err(e) => doc.error(e.to_string()),
        }
    });
    // Deleting asks (in the page) when other objects depend on the selection.
    let on_delete = Callback::new(move |_| {
        let ids = selection.get_untracked();
        if ids.is_empty() {
            return;
        }
        let remove = move |ids: &[String]| {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let next = design.with_untracked(|d| edit::delete(d, &refs));
            doc.apply(next);
            selection.set(Vec::new());
        };
        let deps = design.with_untracked(|d| {
            edit::dependents(d, &ids.iter().map(String::as_str).collect::<Vec<_>>())
        });
        if deps.is_empty() {
            remove(&ids);
            return;
        }
        ask.set(Some(Ask {
            title: "Delete the selection? This also changes:".into(),
            lines: deps,
            yes: "Delete",
            on_yes: Callback::new(move |_| remove(&ids)),
            on_no: None,
        }));
    });

    // Keyboard: undo, redo, delete, duplicate, escape, fit, shortcuts.
    super::on_window(leptos::ev::keydown, move |ev| {
        if platform::in_field(&ev) {
            return;
        }
        let cmd = ev.ctrl_key() || ev.meta_key();
        match ev.key().as_str() {
            "z" | "Z" if cmd && ev.shift_key() => {
                ev.prevent_default();
                doc.redo();
            }
            "z" | "Z" if cmd => {
                ev.prevent_default();
                doc.undo();
            }
            "y" if cmd => {
                ev.prevent_default();
                doc.redo();
            }
            "d" | "D" if cmd => {
                ev.prevent_default();
                on_duplicate.run(());
            }
            "Delete" | "Backspace" if !cmd => on_delete.run(()),
            "Escape" => {
                if shortcuts.get_untracked() {
                    shortcuts.set(false);
                } else if exporting.get_untracked() {
                    exporting.set(false);
                } else {
                    selection.set(Vec::new());
                }
            }
            "f" | "F" if !cmd && !ev.alt_key() => fit.update(|n| *n += 1),
            "?" => shortcuts.update(|s| *s = !*s),
            _ => {}
        }
    });

    let on_settings = Callback::new(move |_| {
        selection.set(Vec::new());
        settings_focus.set(true);
    });
    view! {
        <div class="app">
            <Toolbar selected=selected.into() on_choose=choose counts=totals.into() on_export=Callback::new(move |_| exporting.set(true)) on_settings=on_settings />
            <EditBar doc=doc on_new=on_new on_open=on_open on_save=on_save on_add=on_add on_delete=on_delete on_duplicate=on_duplicate palette=palette on_shortcuts=Callback::new(move |_| shortcuts.set(true)) on_share=on_share />
            <div class="body">
                <main class="workspace">
                    <Canvas design=design.into() content=content.revision() shapes=doc.shapes() badges=badges.into() selection=selection focus=focus.into()
                        fit=fit.into() on_edit=Callback::new(move |d| doc.apply(d)) on_message=Callback::new(move |m: String| doc.error(m))
                        palette=palette on_add=add_into on_delete=on_delete on_duplicate=on_duplicate failed=failed />
                    <Toast doc=doc />
                </main>
                <aside class="side">
                    <Show when=move || selection.with(Vec::is_empty)
                        fallback=move || view! { <Inspector doc=doc selection=selection.into() diagnostics=diagnostics.into() on_pick=pick /> }>
                        <Settings doc=doc diagnostics=diagnostics.into() focus=settings_focus />
                    </Show>
                    <ExercisePanel session=session design=design.into() on_open=start_exercise on_message=Callback::new(move |m: String| doc.error(m)) />
                    <Problems diagnostics=diagnostics.into() on_pick=pick />
                    <Outage design=design.into() content=later failed=failed on_pick=pick />
                    <CostPanel design=design.into() on_pick=pick />
                </aside>
            </div>
            <ExportDialog design=design.into() open=exporting on_pick=pick selection=selection />
            <Shortcuts open=shortcuts />
            <Confirm ask=ask />
        </div>
    }
}
