//! Box select: Shift-drag draws a box; the release selects every shape
//! inside it (added to the selection when Shift is still held).

use super::gesture::Gesture;
use super::stage::Stage;
use crate::core::layout::{objects_within, Rect};
use leptos::prelude::*;

/// The box starting at client `(x, y)`, if that is over the canvas.
pub fn begin(st: Stage, x: f64, y: f64) -> Gesture {
    match st.world_at(x, y) {
        Some((wx, wy)) => Gesture::Banding { wx, wy },
        None => Gesture::Idle,
    }
}

/// Stretches the box from world `(wx, wy)` to the pointer.
pub fn drag(st: Stage, wx: f64, wy: f64, x: f64, y: f64) {
    if let Some((ex, ey)) = st.world_at(x, y) {
        st.band.set(Some(Rect {
            x: wx.min(ex),
            y: wy.min(ey),
            w: (ex - wx).abs(),
            h: (ey - wy).abs(),
        }));
    }
}

/// Selects what the box holds.
pub fn release(st: Stage, shift: bool) {
    let Some(area) = st.band.get_untracked() else {
        return;
    };
    let inside = st.geometry.with_untracked(|l| objects_within(l, area));
    st.selection.update(|s| {
        if !shift {
            s.clear();
        }
        for id in inside {
            if !s.contains(&id) {
                s.push(id);
            }
        }
    });
}
