//! The first paint: a small wasm module (`src/bin/viewer.rs`) that draws
//! the design the editor will open (the same [`opening`] decision, the same
//! layout, drawn as the SVG picture) into the page's loading screen, before
//! the editor's much larger module has arrived. It links the model's
//! reader, the layout and the picture, no Leptos, no validation, no editing;
//! `index.html`'s loader starts the editor once this has drawn, and the
//! editor replaces the loading screen when it mounts.
//!
//! It reads the page and storage only: nothing is written (a stored design
//! that cannot be read is backed up by the editor, which says so), so the
//! editor's start is exactly what it would be without the viewer.

use crate::core::autosave::AUTOSAVE_KEY;
use crate::core::opening::opening;
use crate::core::render::{preview, xml_escape, Theme};
use wasm_bindgen::JsValue;

/// The largest autosave (bytes of JSON, about 340 objects) the first paint
/// draws. Beyond it the drawing costs more than it gives: the 5,000-object
/// stress design (2.2 MB) took 3.1 s to draw and held the editor back to
/// 3.8 s, against 2.4 s for the editor alone (`e2e/bench-input.mjs`,
/// 2026-12-04), so a larger design waits for the editor as before.
pub const DRAW_LIMIT: usize = 150_000;

/// Draws the opening design into `.boot`; `Err` when there is no page to
/// draw in. An autosave that cannot be read draws the template the editor
/// will open instead.
pub fn show() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let boot = document
        .query_selector(".boot")
        .ok()
        .flatten()
        .ok_or("the page has no loading screen (.boot) to draw in")?;
    let stored = super::storage::get(AUTOSAVE_KEY).ok().flatten();
    let template = super::query_param("template");
    let theme = theme(&window);
    let large = template.is_none() && stored.as_ref().is_some_and(|s| s.len() > DRAW_LIMIT);
    // Drawing a large design would hold the editor back longer than it saves.
    let (name, status, picture) = if large {
        (
            String::new(),
            "Loading the editor… (a large design: drawn once the editor has started)",
            String::new(),
        )
    } else {
        let open = opening(template.as_deref(), stored.as_deref(), super::now_ms());
        drop(stored);
        let picture = preview(&open.design, theme);
        (
            xml_escape(&open.design.name),
            "Loading the editor…",
            picture,
        )
    };
    boot.set_class_name("boot drawn");
    // The status line inside speaks for it; the drawing is not a status.
    let _ = boot.remove_attribute("role");
    boot.set_inner_html(&format!(
        "<div class=\"boot-bar\"><strong>Topoform</strong><span>{name}</span>\
         <span class=\"boot-status\" role=\"status\">{status}</span></div>\
         <div class=\"boot-edit\"></div><div class=\"boot-picture\">{picture}</div>\
         <div class=\"boot-side\"></div>"
    ));
    Ok(())
}

/// The theme the user pinned (the toolbar's choice), else the system's.
fn theme(window: &web_sys::Window) -> Theme {
    let pinned = super::storage::get(super::THEME_KEY).ok().flatten();
    if let Some(t) = pinned.as_deref().and_then(Theme::parse) {
        super::apply_theme(pinned.as_deref().unwrap_or_default());
        return t;
    }
    let dark = super::call(
        window.as_ref(),
        "matchMedia",
        &[&JsValue::from_str("(prefers-color-scheme: dark)")],
    )
    .ok()
    .and_then(|list| js_sys::Reflect::get(&list, &"matches".into()).ok())
    .and_then(|m| m.as_bool())
    .unwrap_or(false);
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}
