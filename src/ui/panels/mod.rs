//! The side panels: the inspector of the selection and, when nothing is
//! selected, the design settings. Both are built from the typed fields in
//! [`fields`] and list their own diagnostics beside the fields.

pub mod fields;
pub mod inspector;
pub mod settings;

use crate::core::validate::Diagnostic;
use leptos::prelude::*;

/// The diagnostics of one object (or of the design as a whole), each with
/// its rule, message and fix, under the fields that fix them.
pub fn diagnostics_list(mine: Vec<Diagnostic>) -> impl IntoView {
    view! {
        <ul class="inline-problems">
            {mine.into_iter().map(|x| view! { <li class=x.severity.as_str()><b>{x.rule}</b>" "{x.message}<br/><small>{x.fix}</small></li> }).collect_view()}
        </ul>
    }
}
