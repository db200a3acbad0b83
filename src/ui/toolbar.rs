//! The toolbar: the product name, the template picker, the status, and
//! the buttons for design settings, the theme and the export.

use super::icons::Logo;
use super::problems::counts_text;
use crate::core::templates::{template, TEMPLATES};
use leptos::prelude::*;

use crate::platform::THEME_KEY;

/// The top bar of the app.
#[component]
pub fn Toolbar(
    /// The id of the template currently open.
    selected: Signal<String>,
    /// Called with a template id when the user picks one.
    on_choose: Callback<String>,
    /// (errors, warnings, infos) of the open design.
    counts: Signal<(usize, usize, usize)>,
    /// Opens the export dialog.
    on_export: Callback<()>,
    /// Shows the design settings (name, tags, state, DNS zone).
    on_settings: Callback<()>,
) -> impl IntoView {
    let status_class = move || {
        let (e, w, _) = counts.get();
        if e > 0 {
            "status error"
        } else if w > 0 {
            "status warning"
        } else {
            "status ok"
        }
    };
    // The colour theme: follows the system until the user pins one; kept
    // in local storage, never in the design.
    let theme = RwSignal::new(
        crate::platform::storage::get(THEME_KEY)
            .ok()
            .flatten()
            .unwrap_or_else(|| "system".into()),
    );
    Effect::new(move |_| crate::platform::apply_theme(&theme.get()));
    let next_theme = move |_| {
        let next = match theme.get_untracked().as_str() {
            "system" => "light",
            "light" => "dark",
            _ => "system",
        };
        // Not being able to remember the choice is no reason to refuse it.
        let _ = crate::platform::storage::set(THEME_KEY, next);
        theme.set(next.to_string());
    };
    let theme_label = move || match theme.get().as_str() {
        "light" => "☀ Light",
        "dark" => "☾ Dark",
        _ => "◐ System",
    };
    let summary = move || selected.with(|id| template(id).map(|t| t.summary).unwrap_or_default());
    view! {
        <header class="toolbar">
            <div class="brand"><Logo />"Topoform"</div>
            <label>
                "Template"
                <select
                    id="template-picker"
                    aria-label="Starter template"
                    prop:value=move || selected.get()
                    on:change=move |ev| on_choose.run(event_target_value(&ev))
                >
                    <option value="" disabled=true selected=move || selected.with(String::is_empty)>"— your design —"</option>
                    {TEMPLATES
                        .iter()
                        .map(|t| view! { <option value=t.id selected=move || selected.with(|s| s == t.id)>{t.title}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="summary" title=summary>{summary}</span>
            <span class=status_class role="status" aria-live="polite" data-counts="">{move || counts_text(counts.get())}</span>
            <button type="button" class="settings-button" aria-label="Design settings" title="Project, environment, tags, state and DNS zone" on:click=move |_| on_settings.run(())>"⚙ Design settings"</button>
            <button type="button" class="theme" aria-label=move || format!("Colour theme: {}; click to change", theme.get()) title="Colour theme" on:click=next_theme>{theme_label}</button>
            <button type="button" class="export" aria-label="Export Terraform" on:click=move |_| on_export.run(())>"Export"</button>
        </header>
    }
}
