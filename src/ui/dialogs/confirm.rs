//! An in-app confirmation: the question, what will change, and two
//! buttons. It takes focus when it opens (on the confirming button), keeps
//! Tab inside itself, cancels on Escape or a click outside, and gives focus
//! back to where it was when it closes. Keys pressed in it never reach the
//! editor's shortcuts. Replaces the browser's `confirm()`, which blocks the
//! page, cannot be styled and is suppressed by some browsers.

use leptos::prelude::*;

/// A question to ask.
#[derive(Clone)]
pub struct Ask {
    /// The question, e.g. "Delete the selection?".
    pub title: String,
    /// What will happen, one item per line.
    pub lines: Vec<String>,
    /// The confirming button's text, e.g. "Delete".
    pub yes: &'static str,
    /// Run when confirmed.
    pub on_yes: Callback<()>,
    /// Run when cancelled.
    pub on_no: Option<Callback<()>>,
}

/// The dialog; shown while `ask` holds a question.
#[component]
pub fn Confirm(ask: RwSignal<Option<Ask>>) -> impl IntoView {
    move || {
        let q = ask.get()?;
        // Where focus was, to give it back: an HTML element, or the canvas
        // (an SVG element, which Delete is pressed on).
        let before = super::modal::focused();
        let back = StoredValue::new_local(before);
        let (on_yes, on_no) = (q.on_yes, q.on_no);
        let close = move |confirmed: bool| {
            // Read before closing: closing disposes what this view owns.
            let back = back.try_get_value().flatten();
            ask.set(None);
            super::modal::give_back(back);
            if confirmed {
                on_yes.run(());
            } else if let Some(no) = on_no {
                no.run(());
            }
        };
        let yes_ref = NodeRef::<leptos::html::Button>::new();
        let box_ref = NodeRef::<leptos::html::Div>::new();
        Effect::new(move |_| {
            if let Some(b) = yes_ref.get() {
                let _ = b.focus();
            }
        });
        let on_key = move |ev: leptos::ev::KeyboardEvent| {
            if let Some(root) = box_ref.get_untracked() {
                super::modal::on_key(&root, &ev, || close(false));
            }
        };
        let lines = q.lines.clone();
        Some(view! {
            <div class="modal-backdrop" on:click=move |_| close(false)></div>
            <div class="modal confirm" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" node_ref=box_ref on:keydown=on_key>
                <h2 id="confirm-title">{q.title.clone()}</h2>
                {(!lines.is_empty()).then(|| view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })}
                <div class="buttons">
                    <button type="button" class="primary" node_ref=yes_ref on:click=move |_| close(true)>{q.yes}</button>
                    <button type="button" on:click=move |_| close(false)>"Cancel"</button>
                </div>
            </div>
        })
    }
}
