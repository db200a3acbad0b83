//! The canvas's own keys (while it has focus): arrows move the selection
//! (ten times further with Shift) or pan when nothing is selected, + and -
//! zoom about the centre, 0 fits. Application-wide keys (undo, delete,
//! duplicate, F, ?) are the app's.

use crate::core::camera::ViewBox;
use crate::core::layout::{DragPlan, Layout};
use crate::core::model::Design;
use leptos::prelude::*;

/// World units an arrow key moves the selection (ten with Shift held).
const NUDGE: f64 = 8.0;

/// What the keys read and change.
pub struct CanvasKeys {
    /// The design (moves are edits of its `canvas`).
    pub design: Signal<Design>,
    /// What the arrows move.
    pub selection: RwSignal<Vec<String>>,
    /// Where everything is.
    pub geometry: Memo<Layout>,
    /// The camera the user moved (`None`: fitted).
    pub camera: RwSignal<Option<ViewBox>>,
    /// The fitted view.
    pub fitted: Memo<ViewBox>,
    /// Receives moves; without it arrows only pan.
    pub on_edit: Option<Callback<Design>>,
}

/// The canvas's `keydown` handler.
pub fn canvas_keys(keys: CanvasKeys) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    let CanvasKeys { design, selection, geometry, camera, fitted, on_edit } = keys;
    let current_view = move || camera.get_untracked().unwrap_or_else(|| fitted.get_untracked());
    move |ev: leptos::ev::KeyboardEvent| {
    let vb = current_view();
    let step = if ev.shift_key() { NUDGE * 10.0 } else { NUDGE };
    let arrow = match ev.key().as_str() {
        "ArrowLeft" => Some((-1.0, 0.0)),
        "ArrowRight" => Some((1.0, 0.0)),
        "ArrowUp" => Some((0.0, -1.0)),
        "ArrowDown" => Some((0.0, 1.0)),
        _ => None,
    };
    if let Some((ax, ay)) = arrow {
        ev.prevent_default();
        let ids = selection.get_untracked();
        let plan = geometry.with_untracked(|l| DragPlan::new(l, &ids));
        match (plan, on_edit) {
            (Some(plan), Some(cb)) => {
                let (dx, dy) = plan.clamp(ax * step, ay * step);
                cb.run(design.with_untracked(|d| plan.commit(d, dx, dy)));
            }
            _ => camera.set(Some(vb.shifted(ax * 0.1, ay * 0.1))),
        }
        return;
    }
    let next = match ev.key().as_str() {
        "+" | "=" => Some(vb.zoomed_center(1.25)),
        "-" | "_" => Some(vb.zoomed_center(0.8)),
        "0" => {
            camera.set(None);
            ev.prevent_default();
            return;
        }
        _ => None,
    };
    if let Some(v) = next {
        ev.prevent_default();
        camera.set(Some(v));
    }
    }
}
