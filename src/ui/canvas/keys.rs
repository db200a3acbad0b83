//! The canvas's own keys (while it has focus): Tab and Shift+Tab walk the
//! shapes and links in reading order (selecting each; past either end the
//! focus moves on), Enter or Z zooms to the selection, Ctrl/Cmd+A selects
//! every shape, arrows move the selection (ten times further with Shift)
//! or pan when nothing is selected, + and - zoom about the centre, 0 fits,
//! the Menu key or Shift+F10 opens the context menu, Ctrl/Cmd+F or / opens
//! find, O fails the selection's AZ (Shift+O its region) and O again or
//! Escape restores (fail.rs). Application-wide keys (undo, delete, duplicate, F, Escape, ?)
//! are the app's.

use super::find::Finding;
use super::menu::Menu;
use super::stage::Stage;
use super::zoom;
use crate::core::layout::{is_design_id, reading_order, step, DragPlan, GLOBAL_ID};
use leptos::prelude::*;

/// World units an arrow key moves the selection (ten with Shift held).
const NUDGE: f64 = 8.0;

/// The canvas's `keydown` handler.
pub fn canvas_keys(st: Stage) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    move |ev: leptos::ev::KeyboardEvent| {
        let cmd = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        let handled = match key.as_str() {
            "Tab" if !cmd && !ev.alt_key() => walk(st, ev.shift_key()),
            "Enter" | "z" | "Z" if !cmd && !ev.alt_key() => {
                if !zoom::to_selection(st) {
                    st.camera.set(None);
                }
                true
            }
            "a" | "A" if cmd => {
                let all: Vec<String> = st.geometry.with_untracked(|l| {
                    l.shapes
                        .iter()
                        .map(|s| s.id.clone())
                        .filter(|id| is_design_id(id) && id != GLOBAL_ID)
                        .collect()
                });
                st.select(all);
                true
            }
            "ContextMenu" => open_menu(st),
            "F10" if ev.shift_key() => open_menu(st),
            "f" | "F" if cmd => open_find(st),
            "/" if !cmd => open_find(st),
            "o" | "O" if !cmd && !ev.alt_key() => super::fail::key(st, ev.shift_key()),
            // (The app's Escape also runs: it clears the selection.)
            "Escape" => {
                super::fail::restore(st);
                false
            }
            _ => move_or_view(st, &ev),
        };
        if handled {
            ev.prevent_default();
        }
    }
}

/// Selects the next (previous) object in reading order; false past the
/// end, so the browser moves focus on.
fn walk(st: Stage, back: bool) -> bool {
    let order = st.geometry.with_untracked(|l| {
        st.placed.with_untracked(|ls| {
            let links: Vec<_> = ls.iter().map(|g| g.link.clone()).collect();
            reading_order(l, &links)
        })
    });
    let current = st.selection.with_untracked(|s| s.last().cloned());
    match step(&order, current.as_deref(), back) {
        Some(id) => {
            zoom::reveal(st, &id);
            st.select(vec![id]);
            true
        }
        None => false,
    }
}

fn open_menu(st: Stage) -> bool {
    st.menu.set(Some(Menu::for_selection(st)));
    true
}

fn open_find(st: Stage) -> bool {
    st.finding.set(Some(Finding::Select));
    true
}

/// Arrows move the selection or pan; + and - zoom; 0 fits.
fn move_or_view(st: Stage, ev: &leptos::ev::KeyboardEvent) -> bool {
    let vb = st.view();
    let step = if ev.shift_key() { NUDGE * 10.0 } else { NUDGE };
    let arrow = match ev.key().as_str() {
        "ArrowLeft" => Some((-1.0, 0.0)),
        "ArrowRight" => Some((1.0, 0.0)),
        "ArrowUp" => Some((0.0, -1.0)),
        "ArrowDown" => Some((0.0, 1.0)),
        _ => None,
    };
    if let Some((ax, ay)) = arrow {
        let ids = st.selection.get_untracked();
        let plan = st.geometry.with_untracked(|l| DragPlan::new(l, &ids));
        match (plan, st.on_edit) {
            (Some(plan), Some(_)) => {
                let (dx, dy) = plan.clamp(ax * step, ay * step);
                st.edit(st.design.with_untracked(|d| plan.commit(d, dx, dy)));
            }
            _ => st.camera.set(Some(vb.shifted(ax * 0.1, ay * 0.1))),
        }
        return true;
    }
    match ev.key().as_str() {
        "+" | "=" => st.camera.set(Some(vb.zoomed_center(1.25))),
        "-" | "_" => st.camera.set(Some(vb.zoomed_center(0.8))),
        "0" => st.camera.set(None),
        _ => return false,
    }
    true
}
