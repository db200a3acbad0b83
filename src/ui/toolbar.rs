//! The toolbar: the product name and the template picker.

use super::icons::Logo;
use super::problems::counts_text;
use crate::core::templates::{template, TEMPLATES};
use leptos::prelude::*;

/// The top bar of the app.
#[component]
pub fn Toolbar(
    /// The id of the template currently open.
    selected: Signal<String>,
    /// Called with a template id when the user picks one.
    on_choose: Callback<String>,
    /// (errors, warnings, infos) of the open design.
    counts: Signal<(usize, usize, usize)>,
) -> impl IntoView {
    let status_class = move || {
        let (e, w, _) = counts.get();
        if e > 0 { "status error" } else if w > 0 { "status warning" } else { "status ok" }
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
                    {TEMPLATES
                        .iter()
                        .map(|t| view! { <option value=t.id selected=move || selected.with(|s| s == t.id)>{t.title}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="summary" title=summary>{summary}</span>
            <span class=status_class role="status" aria-live="polite" data-counts="">{move || counts_text(counts.get())}</span>
        </header>
    }
}
