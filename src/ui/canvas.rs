//! The SVG canvas: the design drawn from its layout, with drag-to-pan,
//! wheel zoom, zoom/fit buttons and the same moves on the keyboard.
//!
//! Geometry is derived, not stored: the layout, the placed links and the
//! fitted view are memos of the design. The only canvas state is the camera
//! the user moved (`None` means "fit the design"), which is session state
//! and resets when a different design is opened.

use super::legend::Legend;
use super::links::link_view;
use super::shape::{frame_box, frame_label, is_frame, item_view};
use crate::core::camera::ViewBox;
use crate::core::layout::{label, layout, link_geometry, links, LinkKind, RectExt};
use crate::core::model::{Design, Index};
use crate::core::validate::Severity;
use std::collections::BTreeMap;
use crate::platform;
use leptos::prelude::*;

/// World units of empty space around the design when fitted.
const FIT_MARGIN: f64 = 32.0;

/// World units around the objects the view centres on, so their context shows.
const FOCUS_MARGIN: f64 = 220.0;

/// The canvas showing `design`.
#[component]
pub fn Canvas(
    /// The design to draw.
    design: Signal<Design>,
    /// The worst finding and the count per object id, drawn as badges.
    badges: Signal<BTreeMap<String, (Severity, usize)>>,
    /// The selected object ids, outlined.
    selection: Signal<Vec<String>>,
    /// Bumped to centre the view on the selection.
    focus: Signal<u64>,
) -> impl IntoView {
    let geometry = Memo::new(move |_| design.with(layout));
    let placed = Memo::new(move |_| design.with(|d| geometry.with(|l| link_geometry(l, &links(d)))));
    let fitted = Memo::new(move |_| {
        let shapes = geometry.with(|l| l.bounds);
        let all = placed.with(|ls| ls.iter().fold(shapes, |b, g| b.union(&g.bounds())));
        ViewBox::fit(all, FIT_MARGIN)
    });
    let kinds = Signal::derive(move || {
        placed.with(|ls| LinkKind::ALL.into_iter().filter(|k| ls.iter().any(|g| g.link.kind == *k)).collect())
    });

    // The camera the user moved; `None` follows the fitted view.
    let camera = RwSignal::new(None::<ViewBox>);
    // A different document (another template) starts fitted again.
    let identity = Memo::new(move |_| design.with(|d| (d.name.clone(), d.regions.iter().map(|r| r.id.clone()).collect::<Vec<_>>())));
    Effect::new(move |_| {
        identity.track();
        camera.set(None);
    });
    let view_box = move || camera.get().unwrap_or_else(|| fitted.get());
    // Centre on the selection when asked (a click in the problems panel).
    Effect::new(move |prev: Option<u64>| {
        let n = focus.get();
        if prev.is_some_and(|p| p != n) {
            let ids = selection.get_untracked();
            let bounds = geometry.with_untracked(|l| {
                ids.iter().filter_map(|id| l.get(id)).map(|s| s.rect).reduce(|a, b| a.union(&b))
            });
            if let Some(b) = bounds {
                camera.set(Some(ViewBox::fit(b, FOCUS_MARGIN)));
            }
        }
        n
    });

    // Drag to pan: the last pointer position while a button is down.
    let drag = RwSignal::new(None::<(f64, f64)>);
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() == 0 {
            platform::capture_pointer(&ev);
            drag.set(Some((ev.client_x() as f64, ev.client_y() as f64)));
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((lx, ly)) = drag.get_untracked() else { return };
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        if let Some((_, _, w, h)) = platform::current_target_rect(&ev) {
            let vb = camera.get_untracked().unwrap_or_else(|| fitted.get_untracked());
            camera.set(Some(vb.panned(x - lx, y - ly, w, h)));
        }
        drag.set(Some((x, y)));
    };
    let on_up = move |_: leptos::ev::PointerEvent| drag.set(None);
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        if let Some((left, top, w, h)) = platform::current_target_rect(&ev) {
            let vb = camera.get_untracked().unwrap_or_else(|| fitted.get_untracked());
            let (wx, wy) = vb.screen_to_world(ev.client_x() as f64 - left, ev.client_y() as f64 - top, w, h);
            let factor = (-ev.delta_y() * 0.0015).exp();
            camera.set(Some(vb.zoomed(factor, wx, wy)));
        }
    };
    // Keyboard: arrows pan a tenth of the view, + and - zoom, 0 fits.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let vb = camera.get_untracked().unwrap_or_else(|| fitted.get_untracked());
        let next = match ev.key().as_str() {
            "ArrowLeft" => Some(vb.shifted(-0.1, 0.0)),
            "ArrowRight" => Some(vb.shifted(0.1, 0.0)),
            "ArrowUp" => Some(vb.shifted(0.0, -0.1)),
            "ArrowDown" => Some(vb.shifted(0.0, 0.1)),
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
    };
    let zoom_by = move |f: f64| {
        let vb = camera.get_untracked().unwrap_or_else(|| fitted.get_untracked());
        camera.set(Some(vb.zoomed_center(f)));
    };

    let scene = move || {
        design.with(|d| {
            let index = Index::new(d);
            geometry.with(|l| {
                let labelled: Vec<_> = l.shapes.iter().map(|s| (s, label(s, d, &index))).collect();
                let frames = labelled.iter().filter(|(s, _)| is_frame(s.kind));
                let boxes = frames.clone().map(|(s, lb)| frame_box(s, lb)).collect_view();
                let headers = frames.map(|(s, lb)| frame_label(s, lb)).collect_view();
                let items = labelled.iter().filter(|(s, _)| !is_frame(s.kind)).map(|(s, lb)| item_view(s, lb.clone())).collect_view();
                let lines = placed.with(|ls| ls.iter().map(link_view).collect_view());
                let marks = badges.with(|b| {
                    l.shapes.iter().filter_map(|s| b.get(&s.id).map(|m| badge_view(s.rect, *m, &s.id))).collect_view()
                });
                let outlines = selection.with(|sel| {
                    sel.iter()
                        .filter_map(|id| l.get(id))
                        .map(|s| {
                            let r = s.rect;
                            view! { <rect class="selected-outline" x=r.x - 4.0 y=r.y - 4.0 width=r.w + 8.0 height=r.h + 8.0 rx="10"></rect> }
                        })
                        .collect_view()
                });
                // Links run above frame boxes but beneath subnets, nodes and
                // frame headers, so a line never hides the text it passes.
                view! {
                    <g class="layer-frames">{boxes}</g>
                    <g class="layer-links">{lines}</g>
                    <g class="layer-headers">{headers}</g>
                    <g class="layer-items">{items}</g>
                    <g class="layer-selection" aria-hidden="true">{outlines}</g>
                    <g class="layer-badges">{marks}</g>
                }
            })
        })
    };
    let is_empty = move || geometry.with(|l| l.shapes.is_empty());

    view! {
        <div class="stage">
        <svg
            class="canvas"
            class:panning=move || drag.get().is_some()
            role="group"
            aria-roledescription="canvas"
            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - 0"
            tabindex="0"
            aria-label=move || design.with(|d| format!("Canvas of design {} ({}), {} regions", d.name, d.environment, d.regions.len()))
            viewBox=move || view_box().attr()
            preserveAspectRatio="xMidYMid meet"
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:wheel=on_wheel
            on:keydown=on_key
        >
            {scene}
        </svg>
        <Show when=is_empty>
            <p class="empty">"This design has no regions yet."</p>
        </Show>
        <div class="zoom" role="toolbar" aria-label="Zoom">
            <button type="button" aria-label="Zoom in" title="Zoom in" on:click=move |_| zoom_by(1.25)>"+"</button>
            <button type="button" aria-label="Zoom out" title="Zoom out" on:click=move |_| zoom_by(0.8)>"−"</button>
            <button type="button" aria-label="Fit the design to the window" title="Fit" on:click=move |_| camera.set(None)>"Fit"</button>
        </div>
        </div>
        <Legend kinds=kinds />
    }
}

/// A round badge at the top right of a shape: the count of its findings,
/// coloured by the worst severity.
fn badge_view(r: crate::core::model::Rect, (sev, n): (Severity, usize), id: &str) -> impl IntoView {
    let (cx, cy) = (r.x + r.w - 6.0, r.y + 6.0);
    let label = format!("{n} {} on {id}", if n == 1 { "finding" } else { "findings" });
    let aria = label.clone();
    view! {
        <g class=format!("badge {}", sev.as_str()) data-badge=id.to_string() role="img" aria-label=aria>
            <title>{label}</title>
            <circle cx=cx cy=cy r="10"></circle>
            <text x=cx y=cy + 4.0 text-anchor="middle">{n.to_string()}</text>
        </g>
    }
}
