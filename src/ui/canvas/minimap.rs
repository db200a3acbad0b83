//! The minimap: the whole design in miniature with the part in view
//! outlined, shown only when the view does not hold all of it. A click or
//! a drag on it moves the view there. (The keyboard pans with the arrows
//! and fits with F; the minimap is a pointer convenience and hidden from
//! screen readers.)

use super::scene::{group_by_top, grouped_view, Mark};
use super::shape::is_frame;
use super::stage::Stage;
use crate::core::camera::ViewBox;
use crate::platform;
use leptos::prelude::*;

/// True when the view holds every shape (the minimap has nothing to add).
fn everything_fits(view: &ViewBox, all: &ViewBox) -> bool {
    let eps = 1.0;
    view.x <= all.x + eps
        && view.y <= all.y + eps
        && view.x + view.w >= all.x + all.w - eps
        && view.y + view.h >= all.y + all.h - eps
}

/// Centres the view on the world point under client `(cx, cy)` of the minimap.
fn centre_at(st: Stage, (left, top, w, h): (f64, f64, f64, f64), cx: f64, cy: f64) {
    let (wx, wy) = st
        .fitted
        .get_untracked()
        .screen_to_world(cx - left, cy - top, w, h);
    let vb = st.view();
    st.camera.set(Some(ViewBox {
        x: wx - vb.w / 2.0,
        y: wy - vb.h / 2.0,
        ..vb
    }));
}

/// The minimap, when the design is larger than the view.
#[component]
pub fn Minimap(st: Stage) -> impl IntoView {
    let pressed = StoredValue::new(false);
    let shown = move || {
        st.camera
            .get()
            .is_some_and(|vb| !everything_fits(&vb, &st.fitted.get()))
    };
    // Grouped by region and keyed by id and rectangle in it: an edit
    // redraws only the frames it moved within their region, and moves a
    // region's frames by one attribute.
    let frames = Memo::new(move |_| {
        st.geometry.with(|l| {
            group_by_top(
                &l.shapes,
                |s| s,
                |s, r| is_frame(s.kind).then(|| Mark::Frame(s.id.clone(), s.kind.as_str(), r)),
            )
        })
    });
    let down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        pressed.set_value(true);
        platform::capture_pointer(&ev);
        if let Some(r) = platform::current_target_rect(&ev) {
            centre_at(st, r, ev.client_x() as f64, ev.client_y() as f64);
        }
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if pressed.get_value() {
            if let Some(r) = platform::current_target_rect(&ev) {
                centre_at(st, r, ev.client_x() as f64, ev.client_y() as f64);
            }
        }
    };
    view! {
        <Show when=shown>
            <svg class="minimap" aria-hidden="true" viewBox=move || st.fitted.get().attr() preserveAspectRatio="xMidYMid meet"
                on:pointerdown=down on:pointermove=moved on:pointerup=move |_| pressed.set_value(false)
                on:pointercancel=move |_| pressed.set_value(false)>
                {grouped_view(frames)}
                {move || st.camera.get().map(|vb| view! { <rect class="mini-view" x=vb.x y=vb.y width=vb.w height=vb.h></rect> })}
            </svg>
        </Show>
    }
}
