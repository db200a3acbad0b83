//! The toast: the app's one message (a refusal, a file that did not open,
//! what Clone region as DR added). It floats over the canvas instead of
//! pushing the layout down, can be dismissed, and disappears by itself on
//! the next successful edit (see [`super::doc::Doc::apply`]).

use super::doc::Doc;
use leptos::prelude::*;

/// The toast of the document's notice, if there is one.
#[component]
pub fn Toast(doc: Doc) -> impl IntoView {
    move || {
        doc.notice.get().map(|n| {
            let (class, role) = if n.error { ("toast error", "alert") } else { ("toast info", "status") };
            view! {
                <div class=class role=role>
                    <div class="toast-text">
                        <p>{n.text}</p>
                        {(!n.lines.is_empty()).then(|| view! { <ul>{n.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })}
                    </div>
                    <button type="button" aria-label="Dismiss" on:click=move |_| doc.notice.set(None)>"×"</button>
                </div>
            }
        })
    }
}
