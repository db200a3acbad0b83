//! The find box (Ctrl/Cmd+F or / on the canvas): type a name, id, CIDR or
//! address, pick a match with the arrows and Enter (or a click); the
//! match is selected and zoomed to. The context menu's "Connect to…" uses
//! the same box to pick the other end of a link. It follows the WAI-ARIA
//! combobox pattern; Escape closes it and gives the keyboard back.

use super::stage::Stage;
use super::zoom;
use crate::core::edit;
use crate::core::layout::find;
use crate::platform;
use leptos::prelude::*;

/// Most matches listed.
const SHOWN: usize = 8;

/// What the find box is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// Select and zoom to the match.
    Select,
    /// Link this object to the match.
    Connect(String),
}

fn pick(st: Stage, id: String) {
    let mode = st.finding.get_untracked();
    st.finding.set(None);
    match mode {
        Some(Finding::Connect(from)) => {
            let linked = st.design.with_untracked(|d| {
                edit::orient(d, &from, &id).and_then(|(a, b, _)| edit::connect(d, &a, &b))
            });
            match linked {
                Ok(d) => {
                    st.edit(d);
                    st.said.set(format!("Linked {from} and {id}."));
                }
                Err(e) => st.message(e.to_string()),
            }
        }
        _ => {
            st.select(vec![id]);
            zoom::to_selection(st);
        }
    }
    st.refocus();
}

/// The open find box, if any.
#[component]
pub fn FindView(st: Stage) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let found = Memo::new(move |_| query.with(|q| st.design.with(|d| find(d, q, SHOWN))));
    let input_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input_ref.get() {
            // Each opening starts afresh.
            query.set(String::new());
            active.set(0);
            platform::focus::focus(&el);
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = found.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => active.update(|a| *a = (*a + 1) % n),
            "ArrowUp" if n > 0 => active.update(|a| *a = (*a + n - 1) % n),
            "Enter" => {
                let id =
                    found.with_untracked(|f| f.get(active.get_untracked()).map(|x| x.id.clone()));
                match id {
                    Some(id) => pick(st, id),
                    None => st.said.set("No match.".to_string()),
                }
            }
            "Escape" => {
                st.finding.set(None);
                st.refocus();
            }
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    };
    move || {
        st.finding.get().map(|mode| {
            let label = match &mode {
                Finding::Select => "Find by name, id or CIDR".to_string(),
                Finding::Connect(from) => format!("Connect {from} to…"),
            };
            view! {
                <div class="find-box" role="search">
                    <input node_ref=input_ref type="search" role="combobox" aria-label=label.clone() placeholder=label
                        aria-expanded=move || (!found.with(Vec::is_empty)).to_string() aria-controls="canvas-find-list" aria-autocomplete="list"
                        aria-activedescendant=move || if found.with(Vec::is_empty) { String::new() } else { format!("canvas-find-{}", active.get()) }
                        prop:value=move || query.get()
                        on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); }
                        on:keydown=on_key
                    />
                    <ul id="canvas-find-list" role="listbox" aria-label="Matches">
                        {move || found.get().into_iter().enumerate().map(|(i, f)| {
                            let id = f.id.clone();
                            view! {
                                <li id=format!("canvas-find-{i}") role="option" aria-selected=move || (active.get() == i).to_string()
                                    data-found=f.id.clone() on:pointerdown=move |ev| { ev.prevent_default(); pick(st, id.clone()); }>
                                    <span class="find-title">{f.title}</span><span class="find-detail">{f.detail}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <button type="button" class="find-close" aria-label="Close find" on:click=move |_| { st.finding.set(None); st.refocus(); }>"×"</button>
                </div>
            }
        })
    }
}
