//! Panning: a drag on empty space or a frame's body, or any drag with
//! Space held. Large designs shift the drawn canvas while the pointer
//! moves and move the camera once, on release (a repaint of thousands of
//! shapes costs more than a frame).

use super::gesture::{pixel_offset, Gesture, DEFER_PAN_ABOVE};
use super::stage::Stage;
use crate::platform;
use leptos::prelude::*;

/// The pan starting at client `(x, y)`.
pub fn begin(st: Stage, x: f64, y: f64) -> Gesture {
    st.panning.set(true);
    let large = st
        .geometry
        .with_untracked(|l| l.shapes.len() > DEFER_PAN_ABOVE);
    Gesture::Panning {
        x,
        y,
        deferred: large.then_some((0.0, 0.0)),
    }
}

/// Follows the pointer to client `(x, y)`; `last` is the previous position.
pub fn drag(st: Stage, last: &mut (f64, f64), deferred: &mut Option<(f64, f64)>, x: f64, y: f64) {
    if let Some(svg) = st.svg_ref.get_untracked() {
        match deferred {
            Some((ox, oy)) => {
                (*ox, *oy) = (*ox + x - last.0, *oy + y - last.1);
                platform::set_style(&svg, Some(&pixel_offset(*ox, *oy)));
            }
            None => {
                let (_, _, w, h) = platform::element_rect(&svg);
                st.camera
                    .set(Some(st.view().panned(x - last.0, y - last.1, w, h)));
            }
        }
    }
    *last = (x, y);
}

/// Ends a deferred pan: the canvas is put back and the camera moves.
pub fn release(st: Stage, deferred: Option<(f64, f64)>) {
    if let (Some((ox, oy)), Some(svg)) = (deferred, st.svg_ref.get_untracked()) {
        let (_, _, w, h) = platform::element_rect(&svg);
        platform::set_style(&svg, None);
        st.camera.set(Some(st.view().panned(ox, oy, w, h)));
    }
}
