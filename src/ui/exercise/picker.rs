//! The exercise picker: the bundled exercises listed in the app's own
//! `exercises/index.json` (copied there by Trunk, cached by the service
//! worker), fetched when the picker first opens.

use crate::platform;
use leptos::prelude::*;
use serde::Deserialize;

/// One row of `exercises/index.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    /// The exercise's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its file name inside `exercises/`.
    pub file: String,
    /// easy, medium or hard.
    #[serde(default)]
    pub level: String,
}

#[derive(Deserialize)]
struct Index {
    exercises: Vec<Entry>,
}

/// The bundled exercises.
async fn list() -> Result<Vec<Entry>, String> {
    let text = platform::fetch::text("exercises/index.json").await?;
    serde_json::from_str::<Index>(&text)
        .map(|i| i.exercises)
        .map_err(|e| format!("exercises/index.json does not read: {e}"))
}

/// A file name from the index, refused unless it is a plain `*.json` name
/// (the index is ours, but a fetch path is never built from odd text).
fn safe_file(file: &str) -> Option<&str> {
    (file.ends_with(".json")
        && file
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !file.starts_with('.'))
    .then_some(file)
}

/// The picker: a select of the bundled exercises; choosing one fetches its
/// file and hands `(title, text)` to `on_open`.
#[component]
pub fn Picker(on_open: Callback<(String, String)>, on_error: Callback<String>) -> impl IntoView {
    let entries = LocalResource::new(list);
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let entry = entries
            .get()
            .and_then(|r| r.ok())
            .and_then(|l| l.into_iter().find(|e| e.id == id));
        let Some(entry) = entry else { return };
        let Some(file) = safe_file(&entry.file).map(str::to_string) else {
            on_error.run(format!(
                "The exercise file name “{}” is refused.",
                entry.file
            ));
            return;
        };
        leptos::task::spawn_local(async move {
            match platform::fetch::text(&format!("exercises/{file}")).await {
                Ok(text) => on_open.run((entry.title, text)),
                Err(e) => on_error.run(e),
            }
        });
    };
    view! {
        <label class="exercise-picker">"Exercise "
            <select on:change=choose aria-label="Open an exercise">
                <option value="" selected=true>"Choose…"</option>
                {move || match entries.get() {
                    None => view! { <option disabled=true>"Loading…"</option> }.into_any(),
                    Some(Err(e)) => view! { <option disabled=true>{e}</option> }.into_any(),
                    Some(Ok(list)) => list
                        .into_iter()
                        .map(|e| {
                            let label = if e.level.is_empty() { e.title.clone() } else { format!("{} ({})", e.title, e.level) };
                            view! { <option value=e.id>{label}</option> }
                        })
                        .collect_view()
                        .into_any(),
                }}
            </select>
        </label>
    }
}
