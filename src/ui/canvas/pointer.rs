//! The canvas's pointer handlers: a press decides what it will become, a
//! move past the threshold starts that gesture (see [`super::gesture`]),
//! and each gesture's file follows and finishes it. A click without a
//! drag selects.

use super::gesture::{Gesture, Press, DRAG_THRESHOLD};
use super::stage::Stage;
use super::{band, drag_move, link_draw, pan};
use crate::core::layout::{is_design_id, Link};
use crate::platform;
use leptos::prelude::*;

/// `pointerdown`: what the press will become if the pointer moves.
pub fn down(st: Stage, ev: leptos::ev::PointerEvent) {
    if ev.button() != 0 {
        return;
    }
    st.moved.set_value(false);
    let hit = platform::hit(&ev);
    let press = if st.space.get_untracked() {
        Press::Pan
    } else if let Some(from) = hit.handle {
        Press::Link(from)
    } else if ev.shift_key() {
        Press::Band
    } else {
        let frame_body = !hit.header
            && hit
                .kind
                .as_deref()
                .is_some_and(|k| matches!(k, "region" | "vpc" | "az" | "global"));
        match hit.id.filter(|id| is_design_id(id) && !frame_body) {
            Some(id) => {
                if !st.selection.with_untracked(|s| s.contains(&id)) {
                    st.selection.set(vec![id]);
                }
                Press::Move
            }
            None => Press::Pan,
        }
    };
    st.gesture.set_value(Gesture::Pressed {
        press,
        x: ev.client_x() as f64,
        y: ev.client_y() as f64,
    });
}

/// Turns a press into the gesture it becomes once the pointer moves.
fn begin(st: Stage, press: Press, x: f64, y: f64) -> Gesture {
    match press {
        Press::Pan => pan::begin(st, x, y),
        Press::Band => band::begin(st, x, y),
        Press::Link(from) => Gesture::Linking { from },
        Press::Move => drag_move::begin(st, x, y),
    }
}

/// `pointermove`: starts the gesture past the threshold, then follows it.
pub fn moved(st: Stage, ev: leptos::ev::PointerEvent) {
    let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
    let mut g = st.gesture.get_value();
    if let Gesture::Pressed {
        press,
        x: x0,
        y: y0,
    } = &g
    {
        if (x - x0).abs() + (y - y0).abs() <= DRAG_THRESHOLD {
            return;
        }
        st.moved.set_value(true);
        platform::capture_pointer(&ev);
        g = begin(st, press.clone(), *x0, *y0);
    }
    match &mut g {
        Gesture::Panning {
            x: lx,
            y: ly,
            deferred,
        } => {
            let mut last = (*lx, *ly);
            pan::drag(st, &mut last, deferred, x, y);
            (*lx, *ly) = last;
        }
        Gesture::Moving {
            plan,
            x: x0,
            y: y0,
            scale,
            dx,
            dy,
        } => {
            let mut offset = (*dx, *dy);
            drag_move::drag(st, plan, (*x0, *y0), *scale, &mut offset, x, y);
            (*dx, *dy) = offset;
        }
        Gesture::Banding { wx, wy } => band::drag(st, *wx, *wy, x, y),
        Gesture::Linking { from } => link_draw::drag(st, from, x, y),
        Gesture::Idle | Gesture::Pressed { .. } => {}
    }
    st.gesture.set_value(g);
}

/// `pointerup`: finishes the gesture.
pub fn up(st: Stage, ev: leptos::ev::PointerEvent) {
    // A palette drop is the window listener's to finish.
    if st
        .palette
        .is_some_and(|p| p.with_untracked(Option::is_some))
    {
        return;
    }
    match st.gesture.get_value() {
        Gesture::Panning { deferred, .. } => pan::release(st, deferred),
        Gesture::Moving { plan, dx, dy, .. } => drag_move::release(st, &plan, dx, dy),
        Gesture::Banding { .. } => band::release(st, ev.shift_key()),
        Gesture::Linking { .. } => link_draw::release(st),
        Gesture::Idle | Gesture::Pressed { .. } => {}
    }
    st.cancel();
}

/// `click`: selects the shape or link under the pointer (Shift adds or
/// removes it); a click on empty canvas clears the selection.
pub fn click(st: Stage, ev: leptos::ev::MouseEvent) {
    // The click that ends a drag is not a selection.
    if st.moved.get_value() {
        st.moved.set_value(false);
        return;
    }
    // Shapes and links (a link's id names its kind and ends) select alike.
    let id = platform::hit(&ev)
        .id
        .filter(|id| is_design_id(id) || Link::from_id(id).is_some());
    match (id, ev.shift_key()) {
        (Some(id), true) => st.selection.update(|s| {
            if let Some(i) = s.iter().position(|x| *x == id) {
                s.remove(i);
            } else {
                s.push(id);
            }
        }),
        (Some(id), false) => st.selection.set(vec![id]),
        (None, false) => st.selection.set(Vec::new()),
        (None, true) => {}
    }
}
