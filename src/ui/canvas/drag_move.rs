//! Moving shapes by dragging them (or a frame's header): the selection's
//! elements move on the drag layer while the pointer moves, and the
//! release is one edit, so one undo step (see gesture.rs).

use super::gesture::{pixel_offset, Gesture, Moving, GHOST_ABOVE};
use super::stage::Stage;
use crate::core::layout::DragPlan;
use crate::platform;
use leptos::prelude::*;

/// The move of the selection starting at client `(x, y)`, or a pan when
/// the canvas cannot edit or nothing selected can move.
pub fn begin(st: Stage, x: f64, y: f64) -> Gesture {
    let ids = st.selection.get_untracked();
    let plan = if st.on_edit.is_some() {
        st.geometry.with_untracked(|l| DragPlan::new(l, &ids))
    } else {
        None
    };
    match (plan, st.svg_ref.get_untracked()) {
        (Some(plan), Some(svg)) => {
            let (_, _, w, h) = platform::element_rect(&svg);
            let scale = st.view().scale(w, h);
            let found = Moving::find(&svg, &plan);
            if found.shown.len() > GHOST_ABOVE {
                st.outlines_moving
                    .set(plan.roots.iter().map(|m| m.start).collect());
            } else if let Some(clones) = st.clones_ref.get_untracked() {
                found.begin(&clones);
                st.moving.set_value(found);
            }
            Gesture::Moving {
                plan,
                x,
                y,
                scale,
                dx: 0.0,
                dy: 0.0,
            }
        }
        _ => super::pan::begin(st, x, y),
    }
}

/// Follows the pointer: the offset is clamped by the plan (frames keep
/// their children inside) and the drag layer shifts by it.
pub fn drag(
    st: Stage,
    plan: &DragPlan,
    from: (f64, f64),
    scale: f64,
    offset: &mut (f64, f64),
    x: f64,
    y: f64,
) {
    *offset = plan.clamp((x - from.0) / scale, (y - from.1) / scale);
    if let Some(layer) = st.layer_ref.get_untracked() {
        platform::set_style(
            &layer,
            Some(&pixel_offset(offset.0 * scale, offset.1 * scale)),
        );
    }
}

/// Commits the move as one edit.
pub fn release(st: Stage, plan: &DragPlan, dx: f64, dy: f64) {
    // Put the moved elements back before the edit redraws them, in the
    // same task, so no frame shows the old positions.
    st.end_drag_style();
    if st.on_edit.is_some() {
        let next = st.design.with_untracked(|d| plan.commit(d, dx, dy));
        st.edit(next);
    }
}
