//! Copy and paste on the canvas. Ctrl/Cmd+C and V go through the
//! document's `copy` and `paste` events, which need no permission and carry
//! the clip between tabs; the context menu's items use the async Clipboard
//! API, falling back to the last clip copied in this tab when the browser
//! refuses. The edits themselves are `core::edit::{copy, paste}`.

use super::stage::Stage;
use crate::core::edit;
use crate::platform;
use leptos::prelude::*;

/// True when the keyboard is on the canvas (or its menu or find box), so
/// Ctrl/Cmd+C and V are the canvas's and not the page's.
fn on_canvas(st: Stage, ev: &web_sys::Event) -> bool {
    !platform::in_field(ev)
        && st
            .stage_ref
            .get_untracked()
            .is_some_and(|el| platform::focus::within(&el))
}

/// True when a paste is the canvas's: the keyboard is on the canvas, or on
/// nothing (the page just opened, or focus dropped to the page), where the
/// browser would do nothing with it. Left unanswered, such a paste was
/// silent, whatever it held.
fn paste_here(st: Stage, ev: &web_sys::Event) -> bool {
    let on_page = || {
        leptos::prelude::document()
            .active_element()
            .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"))
    };
    on_canvas(st, ev) || (!platform::in_field(ev) && on_page())
}

/// The clip of the selection, or why there is none.
fn clip(st: Stage) -> Result<String, String> {
    let ids = st.selection.get_untracked();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    match st.design.with_untracked(|d| edit::copy(d, &refs)) {
        Some(text) => Ok(text),
        None if ids.is_empty() => Err("Select what to copy first.".to_string()),
        None => Err("Only VPCs, subnets, workloads, buckets and tables can be copied (a region has “Clone region as DR”).".to_string()),
    }
}

/// Pastes `text` into the selected container (see `core::edit::paste`).
pub fn paste_text(st: Stage, text: &str) {
    let into = st.selection.with_untracked(|s| s.first().cloned());
    match st
        .design
        .with_untracked(|d| edit::paste(d, text, into.as_deref()))
    {
        Ok((d, ids)) => {
            st.edit(d);
            st.select(ids);
        }
        Err(e) => st.message(e.to_string()),
    }
}

/// Listens to the document's copy and paste for as long as the canvas lives.
pub fn listen(st: Stage) {
    crate::ui::on_window(leptos::ev::copy, move |ev| {
        if !on_canvas(st, &ev) {
            return;
        }
        match clip(st) {
            Ok(text) => {
                if platform::clipboard::set_event_text(&ev, &text) {
                    st.last_clip.set_value(Some(text));
                    st.said.set("Copied.".to_string());
                }
            }
            Err(m) => st.message(m),
        }
    });
    crate::ui::on_window(leptos::ev::paste, move |ev| {
        if !paste_here(st, &ev) {
            return;
        }
        ev.prevent_default();
        match platform::clipboard::event_text(&ev) {
            Some(text) => paste_text(st, &text),
            None => st.message("The clipboard holds no text to paste.".to_string()),
        }
    });
}

/// The menu's Copy: the system clipboard when the browser allows it, and
/// this tab's own copy always.
pub fn menu_copy(st: Stage) {
    match clip(st) {
        Ok(text) => {
            st.last_clip.set_value(Some(text.clone()));
            leptos::task::spawn_local(async move {
                match platform::clipboard::copy(&text).await {
                    Ok(()) => {
                        st.said.try_set("Copied.".to_string());
                    }
                    Err(_) => st.message("Copied for this tab only: the browser refused the system clipboard (Ctrl/Cmd+C copies to it).".to_string()),
                }
            });
        }
        Err(m) => st.message(m),
    }
}

/// The menu's Paste: the system clipboard when the browser hands it over,
/// else the last clip copied in this tab.
pub fn menu_paste(st: Stage) {
    leptos::task::spawn_local(async move {
        let text = match platform::clipboard::read().await {
            Ok(t) => Some(t),
            Err(_) => st.last_clip.try_get_value().flatten(),
        };
        match text {
            Some(t) => paste_text(st, &t),
            None => st.message("The browser did not hand over the clipboard: press Ctrl/Cmd+V on the canvas to paste.".to_string()),
        }
    });
}
