//! The toolbar: the product name and the template picker.

use super::icons::Logo;
use crate::core::templates::{template, TEMPLATES};
use leptos::prelude::*;

/// The top bar of the app.
#[component]
pub fn Toolbar(
    /// The id of the template currently open.
    selected: Signal<String>,
    /// Called with a template id when the user picks one.
    on_choose: Callback<String>,
) -> impl IntoView {
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
                    {TEMPLATES
                        .iter()
                        .map(|t| view! { <option value=t.id selected=move || selected.with(|s| s == t.id)>{t.title}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="summary" title=summary>{summary}</span>
        </header>
    }
}
