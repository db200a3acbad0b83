//! The side panels: the inspector of the selection and, when nothing is
//! selected, the design settings. Both are built from the typed fields in
//! [`fields`] and list their own diagnostics beside the fields.

pub mod fields;
pub mod inspector;
pub mod settings;
mod usage;

use crate::core::validate::Diagnostic;
use leptos::prelude::*;

/// After a panel re-renders: Leptos updates the controls it keeps in place
/// by their attributes, but a control the user has touched shows its
/// property (what was typed or clicked), not its attribute. This puts every
/// control back to what the design holds (undo after a typed edit must
/// not leave the typed text on screen). Runs once the render is done.
pub fn sync_after_render(section: NodeRef<leptos::html::Section>) {
    leptos::task::spawn_local(async move {
        // (The panel may be gone by then: another selection replaced it.)
        if let Some(root) = section.try_get_untracked().flatten() {
            crate::platform::sync_controls(&root);
        }
    });
}

/// The diagnostics of one object (or of the design as a whole), each with
/// its rule, message and fix, under the fields that fix them.
pub fn diagnostics_list(mine: Vec<Diagnostic>) -> impl IntoView {
    view! {
        <ul class="inline-problems">
            {mine.into_iter().map(|x| view! { <li class=x.severity.as_str()><b>{x.rule}</b>" "{x.message}<br/><small>{x.fix}</small></li> }).collect_view()}
        </ul>
    }
}
