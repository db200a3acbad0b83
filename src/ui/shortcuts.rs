//! The keyboard shortcuts overlay (`?`): every key the editor answers to,
//! from one table so the overlay and the code cannot drift apart silently.

use super::dialogs::modal;
use leptos::prelude::*;

/// The editor's keys and what they do, in the order people look for them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl/Cmd + Z", "Undo"),
    ("Shift + Ctrl/Cmd + Z, Ctrl + Y", "Redo"),
    ("Delete, Backspace", "Delete the selection (asks when other objects depend on it)"),
    ("Ctrl/Cmd + D", "Duplicate the selection"),
    ("Ctrl/Cmd + C, Ctrl/Cmd + V", "Copy the selection, paste it into the selected region or VPC (also into another tab)"),
    ("Tab, Shift + Tab (canvas focused)", "Select the next / previous shape or link, in reading order"),
    ("Enter, Z", "Zoom to the selection"),
    ("Ctrl/Cmd + A (canvas focused)", "Select every shape"),
    ("Shift + F10, Menu key, right click", "Actions on the selection (copy, paste, connect, clone as DR, delete…)"),
    ("Ctrl/Cmd + F, / (canvas focused)", "Find by name, id, CIDR or address"),
    ("Escape", "Leave a field (putting back the design's value), cancel a drag, close a menu or dialog, or clear the selection"),
    ("O (canvas focused)", "Fail the selection's AZ (its region when it has no AZ) to see what the outage costs; O again restores"),
    ("Shift + O (canvas focused)", "Fail the selection's region"),
    ("Escape (canvas focused)", "Restore the failed region or AZ"),
    ("F, 0", "Fit the design to the window"),
    ("+ / −", "Zoom in / out (or the mouse wheel)"),
    ("Arrow keys", "Move the selection (Shift: ten times further); pan when nothing is selected"),
    ("Space + drag", "Pan from anywhere"),
    ("Drag on empty space", "Pan"),
    ("Shift + drag", "Select everything inside a box"),
    ("Shift + click", "Add to or remove from the selection"),
    ("Drag a shape or frame header", "Move it (one undo step)"),
    ("Drag a handle ⊳ onto a shape", "Link them (replica, target, peering, replication…)"),
    ("Drag a palette item", "Drop it into a region, VPC or the canvas"),
    ("?", "Show or hide this list"),
];

/// The overlay; shown while `open` is true. A keyboard modal like the
/// other dialogs (`dialogs::modal`): focus moves to its Close button,
/// Tab stays inside, Escape or `?` closes it and focus goes back.
#[component]
pub fn Shortcuts(open: RwSignal<bool>) -> impl IntoView {
    move || {
        open.get().then(|| {
            let back = StoredValue::new_local(modal::focused());
            let close = move || {
                let back = back.try_get_value().flatten();
                open.set(false);
                modal::give_back(back);
            };
            let box_ref = NodeRef::<leptos::html::Div>::new();
            Effect::new(move |_| {
                if let Some(root) = box_ref.get() {
                    modal::take_focus(&root);
                }
            });
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                let Some(root) = box_ref.get_untracked() else {
                    return;
                };
                if ev.key() == "?" {
                    ev.stop_propagation();
                    ev.prevent_default();
                    close();
                } else {
                    modal::on_key(&root, &ev, close);
                }
            };
            view! {
                <div class="modal-backdrop" on:click=move |_| close()></div>
                <div class="modal shortcuts" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" node_ref=box_ref on:keydown=on_key>
                    <header class="modal-head">
                        <h2>"Keyboard shortcuts"</h2>
                        <button type="button" aria-label="Close" on:click=move |_| close()>"Close"</button>
                    </header>
                    <table>{SHORTCUTS.iter().map(|(keys, what)| view! { <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*what}</td></tr> }).collect_view()}</table>
                </div>
            }
        })
    }
}
