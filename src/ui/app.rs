//! The app shell: one design in a signal, a toolbar to switch templates,
//! and the canvas that draws it.

use super::canvas::Canvas;
use super::problems::Problems;
use super::toolbar::Toolbar;
use crate::core::model::{Design, LockMode, StateConfig, CURRENT_VERSION, FORMAT};
use crate::core::templates::{template, Template, TEMPLATES};
use crate::core::validate::{by_subject, counts, validate};
use crate::platform;
use leptos::prelude::*;

/// The whole app. The starting template comes from `?template=<id>` when
/// present (handy for links and screenshots), else the first one.
#[component]
pub fn App() -> impl IntoView {
    let start: Option<&'static Template> =
        platform::query_param("template").and_then(|id| template(&id)).or(TEMPLATES.first());
    let error = RwSignal::new(None::<String>);
    let initial = match start.map(|t| (t, t.design())) {
        Some((_, Ok(d))) => d,
        Some((t, Err(e))) => {
            error.set(Some(load_message(t, &e.to_string())));
            empty_design()
        }
        None => empty_design(),
    };
    let design = RwSignal::new(initial);
    let selected = RwSignal::new(start.map(|t| t.id.to_string()).unwrap_or_default());

    // Diagnostics are derived from the design on every change, never stored.
    let diagnostics = Memo::new(move |_| design.with(validate));
    let badges = Memo::new(move |_| diagnostics.with(|d| by_subject(d)));
    let totals = Memo::new(move |_| diagnostics.with(|d| counts(d)));
    // Session state: what is selected, and requests to centre on it.
    let selection = RwSignal::new(Vec::<String>::new());
    let focus = RwSignal::new(0u64);
    let pick = Callback::new(move |ids: Vec<String>| {
        selection.set(ids);
        focus.update(|n| *n += 1);
    });

    // A template that fails to load leaves the open design as it was and
    // says why; the app never panics on a bad file.
    let choose = Callback::new(move |id: String| {
        let loaded = match template(&id) {
            Some(t) => t.design().map_err(|e| load_message(t, &e.to_string())),
            None => Err(format!("There is no template called “{id}”.")),
        };
        match loaded {
            Ok(d) => {
                selection.set(Vec::new());
                design.set(d);
                error.set(None);
                platform::set_template_param(&id);
                selected.set(id);
            }
            Err(message) => {
                error.set(Some(message));
                // Re-notify with the old value so the picker shows the
                // template that is still open, not the one that failed.
                selected.set(selected.get_untracked());
            }
        }
    });

    view! {
        <div class="app">
            <Toolbar selected=selected.into() on_choose=choose counts=totals.into() />
            {move || error.get().map(|m| view! { <p class="load-error" role="alert">{m}</p> })}
            <div class="body">
                <main class="workspace">
                    <Canvas design=design.into() badges=badges.into() selection=selection.into() focus=focus.into() />
                </main>
                <Problems diagnostics=diagnostics.into() on_pick=pick />
            </div>
        </div>
    }
}

fn load_message(t: &Template, err: &str) -> String {
    format!("The template “{}” could not be loaded: {err}", t.title)
}

/// A design with nothing in it, shown when no template could be loaded.
fn empty_design() -> Design {
    Design {
        format: FORMAT.to_string(),
        version: CURRENT_VERSION,
        name: "untitled".into(),
        environment: "dev".into(),
        tags: Default::default(),
        state: StateConfig {
            bucket: "untitled-tfstate".into(),
            region: "us-east-1".into(),
            lock: LockMode::Lockfile,
            dynamodb_table: None,
            key_prefix: None,
        },
        regions: Vec::new(),
        peerings: Vec::new(),
        dns: None,
        accelerators: Vec::new(),
        canvas: Default::default(),
    }
}
