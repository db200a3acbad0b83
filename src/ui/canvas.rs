//! The SVG canvas: the design drawn from its layout, and the gestures that
//! edit it directly: drag to pan (empty space, a frame's body, or with
//! Space held), wheel and buttons to zoom, drag a shape or a frame header
//! to move it (one undo step), Shift-drag to box select, drag a selected
//! shape's handle onto another to link them, and palette items dropped
//! into the container under the pointer.
//!
//! Geometry is derived, not stored: the layout, the placed links and the
//! fitted view are memos of the design. The camera the user moved (`None`
//! means "fit the design") and the gesture under way are session state.

use super::keys::{canvas_keys, CanvasKeys};
use super::gesture::{pixel_offset, Gesture, Moving, Press, DEFER_PAN_ABOVE, DRAG_THRESHOLD, GHOST_ABOVE};
use super::legend::Legend;
use super::overlay::{handles_view, Hint, HintView, Verdict, Wire};
use super::palette_drop::{follow_palette, PaletteDrop};
use super::scene::{badges_view, drawn, link_outlines_view, outlines_view, scene_view};
use crate::core::camera::ViewBox;
use crate::core::edit::{self, PaletteItem};
use crate::core::layout::{
    is_design_id, layout, link_geometry, links, Link, object_at, objects_within, DragPlan, LinkKind, Rect, RectExt,
    GLOBAL_ID,
};
use crate::core::model::Design;
use crate::core::validate::Severity;
use crate::platform;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// World units of empty space around the design when fitted.
const FIT_MARGIN: f64 = 32.0;

/// World units around the objects the view centres on, so their context shows.
const FOCUS_MARGIN: f64 = 220.0;

/// Pixels per world unit below which text is hidden (12 px type would be
/// under 4 px tall).
const MIN_TEXT_SCALE: f64 = 0.3;

/// A palette item on its way to the canvas: what, and where the pointer is
/// (client pixels). Set by the palette on pointer down, cleared on release.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaletteDrag {
    /// The item being dragged.
    pub item: PaletteItem,
    /// Where the press began.
    pub start: (f64, f64),
    /// Where the pointer is now.
    pub at: (f64, f64),
}

impl PaletteDrag {
    /// True once the pointer has travelled far enough to be a drag.
    pub fn dragging(&self) -> bool {
        (self.at.0 - self.start.0).abs() + (self.at.1 - self.start.1).abs() > DRAG_THRESHOLD
    }
}

/// The canvas showing `design`.
#[component]
pub fn Canvas(
    /// The design to draw.
    design: Signal<Design>,
    /// The worst finding and the count per object id, drawn as badges.
    badges: Signal<BTreeMap<String, (Severity, usize)>>,
    /// The selected object ids, outlined; a click on a shape selects it
    /// (shift-click adds or removes it), a click on empty canvas clears.
    selection: RwSignal<Vec<String>>,
    /// Bumped to centre the view on the selection.
    focus: Signal<u64>,
    /// Bumped to fit the whole design in view (the F key).
    #[prop(optional)]
    fit: Option<Signal<u64>>,
    /// Receives every edit a gesture makes (moves, links); without it the
    /// canvas only views and selects.
    #[prop(optional)]
    on_edit: Option<Callback<Design>>,
    /// Receives refusals to show (an impossible link or drop).
    #[prop(optional)]
    on_message: Option<Callback<String>>,
    /// The palette item being dragged, if any.
    #[prop(optional)]
    palette: Option<RwSignal<Option<PaletteDrag>>>,
    /// Adds a dropped palette item into the object under the pointer.
    #[prop(optional)]
    on_add: Option<Callback<(PaletteItem, Option<String>)>>,
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
    let message = move |m: String| {
        if let Some(cb) = on_message {
            cb.run(m);
        }
    };

    // The camera the user moved; `None` follows the fitted view.
    let camera = RwSignal::new(None::<ViewBox>);
    // A different document (another template) starts fitted again.
    let identity = Memo::new(move |_| design.with(|d| (d.name.clone(), d.regions.iter().map(|r| r.id.clone()).collect::<Vec<_>>())));
    Effect::new(move |_| {
        identity.track();
        camera.set(None);
    });
    if let Some(fit) = fit {
        Effect::new(move |prev: Option<u64>| {
            let n = fit.get();
            if prev.is_some_and(|p| p != n) {
                camera.set(None);
            }
            n
        });
    }
    let current_view = move || camera.get_untracked().unwrap_or_else(|| fitted.get_untracked());
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

    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    // The world point under a client position, when it is over the canvas.
    let world_at = move |cx: f64, cy: f64| -> Option<(f64, f64)> {
        let svg = svg_ref.get_untracked()?;
        let (left, top, w, h) = platform::element_rect(&svg);
        let inside = cx >= left && cx <= left + w && cy >= top && cy <= top + h;
        inside.then(|| current_view().screen_to_world(cx - left, cy - top, w, h))
    };

    // The gesture under way, and what it shows.
    let gesture = StoredValue::new(Gesture::Idle);
    let moved = StoredValue::new(false);
    let space = RwSignal::new(false);
    let panning = RwSignal::new(false);
    let moving = StoredValue::new_local(Moving::default());
    // Outlines of the dragged shapes, when there are too many elements to move.
    let outlines_moving = RwSignal::new(Vec::<Rect>::new());
    let layer_ref = NodeRef::<leptos::svg::Svg>::new();
    let clones_ref = NodeRef::<leptos::svg::G>::new();
    let band = RwSignal::new(None::<Rect>);
    let wire = RwSignal::new(None::<Wire>);
    let hint = RwSignal::new(None::<Hint>);
    let end_drag_style = move || {
        let clones = clones_ref.get_untracked();
        moving.with_value(|m| m.end(clones.as_deref()));
        moving.set_value(Moving::default());
        outlines_moving.set(Vec::new());
        if let Some(layer) = layer_ref.get_untracked() {
            platform::set_style(&layer, None);
        }
    };
    let cancel = move || {
        if let (Gesture::Panning { deferred: Some(_), .. }, Some(svg)) = (gesture.get_value(), svg_ref.get_untracked()) {
            platform::set_style(&svg, None);
        }
        gesture.set_value(Gesture::Idle);
        end_drag_style();
        band.set(None);
        wire.set(None);
        hint.set(None);
        panning.set(false);
        if let Some(p) = palette {
            p.set(None);
        }
    };

    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        moved.set_value(false);
        let hit = platform::hit(&ev);
        let press = if space.get_untracked() {
            Press::Pan
        } else if let Some(from) = hit.handle {
            Press::Link(from)
        } else if ev.shift_key() {
            Press::Band
        } else {
            let frame_body = !hit.header && hit.kind.as_deref().is_some_and(|k| matches!(k, "region" | "vpc" | "az" | "global"));
            match hit.id.filter(|id| is_design_id(id) && !frame_body) {
                Some(id) => {
                    if !selection.with_untracked(|s| s.contains(&id)) {
                        selection.set(vec![id]);
                    }
                    Press::Move
                }
                None => Press::Pan,
            }
        };
        gesture.set_value(Gesture::Pressed { press, x: ev.client_x() as f64, y: ev.client_y() as f64 });
    };

    let pan_start = move |x: f64, y: f64| {
        let large = geometry.with_untracked(|l| l.shapes.len() > DEFER_PAN_ABOVE);
        Gesture::Panning { x, y, deferred: large.then_some((0.0, 0.0)) }
    };

    // Turns a press into the gesture it becomes once the pointer moves.
    let begin = move |press: Press, x: f64, y: f64| -> Gesture {
        match press {
            Press::Pan => {
                panning.set(true);
                pan_start(x, y)
            }
            Press::Band => match world_at(x, y) {
                Some((wx, wy)) => Gesture::Banding { wx, wy },
                None => Gesture::Idle,
            },
            Press::Link(from) => Gesture::Linking { from },
            Press::Move => {
                let ids = selection.get_untracked();
                let plan = if on_edit.is_some() { geometry.with_untracked(|l| DragPlan::new(l, &ids)) } else { None };
                match (plan, svg_ref.get_untracked()) {
                    (Some(plan), Some(svg)) => {
                        let (_, _, w, h) = platform::element_rect(&svg);
                        let scale = current_view().scale(w, h);
                        let found = Moving::find(&svg, &plan);
                        if found.shown.len() > GHOST_ABOVE {
                            outlines_moving.set(plan.roots.iter().map(|m| m.start).collect());
                        } else if let Some(clones) = clones_ref.get_untracked() {
                            found.begin(&clones);
                            moving.set_value(found);
                        }
                        Gesture::Moving { plan, x, y, scale, dx: 0.0, dy: 0.0 }
                    }
                    _ => {
                        panning.set(true);
                        pan_start(x, y)
                    }
                }
            }
        }
    };

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        let mut g = gesture.get_value();
        if let Gesture::Pressed { press, x: x0, y: y0 } = &g {
            if (x - x0).abs() + (y - y0).abs() <= DRAG_THRESHOLD {
                return;
            }
            moved.set_value(true);
            platform::capture_pointer(&ev);
            g = begin(press.clone(), *x0, *y0);
        }
        match &mut g {
            Gesture::Panning { x: lx, y: ly, deferred } => {
                if let Some(svg) = svg_ref.get_untracked() {
                    match deferred {
                        Some((ox, oy)) => {
                            (*ox, *oy) = (*ox + x - *lx, *oy + y - *ly);
                            platform::set_style(&svg, Some(&pixel_offset(*ox, *oy)));
                        }
                        None => {
                            let (_, _, w, h) = platform::element_rect(&svg);
                            camera.set(Some(current_view().panned(x - *lx, y - *ly, w, h)));
                        }
                    }
                }
                (*lx, *ly) = (x, y);
            }
            Gesture::Moving { plan, x: x0, y: y0, scale, dx, dy } => {
                (*dx, *dy) = plan.clamp((x - *x0) / *scale, (y - *y0) / *scale);
                if let Some(layer) = layer_ref.get_untracked() {
                    platform::set_style(&layer, Some(&pixel_offset(*dx * *scale, *dy * *scale)));
                }
            }
            Gesture::Banding { wx, wy } => {
                if let Some((ex, ey)) = world_at(x, y) {
                    let (x0, y0) = (wx.min(ex), wy.min(ey));
                    band.set(Some(Rect { x: x0, y: y0, w: (ex - *wx).abs(), h: (ey - *wy).abs() }));
                }
            }
            Gesture::Linking { from } => {
                let start = geometry.with_untracked(|l| l.get(from).map(|s| s.rect));
                let end = world_at(x, y);
                if let (Some(r), Some((wx, wy))) = (start, end) {
                    let target = geometry.with_untracked(|l| {
                        object_at(l, wx, wy)
                            .filter(|id| *id != from.as_str() && *id != GLOBAL_ID)
                            .and_then(|id| l.get(id).map(|s| (id.to_string(), s.rect)))
                    });
                    let known = hint.with_untracked(|h| h.as_ref().and_then(|h| h.target.clone()));
                    match target {
                        Some((id, rect)) if known.as_deref() != Some(id.as_str()) => {
                            let verdict = design.with_untracked(|d| edit::orient(d, from, &id));
                            hint.set(Some(Hint::link(id, rect, verdict, (x, y))));
                        }
                        Some(_) => Hint::follow(hint, (x, y)),
                        None => hint.set(None),
                    }
                    wire.set(Some(Wire { from: (r.right(), r.center().y), to: (wx, wy) }));
                }
            }
            Gesture::Idle | Gesture::Pressed { .. } => {}
        }
        gesture.set_value(g);
    };

    let on_up = move |ev: leptos::ev::PointerEvent| {
        // A palette drop is the window listener's to finish.
        if palette.is_some_and(|p| p.with_untracked(Option::is_some)) {
            return;
        }
        let g = gesture.get_value();
        let shift = ev.shift_key();
        match g {
            Gesture::Panning { deferred: Some((ox, oy)), .. } => {
                if let Some(svg) = svg_ref.get_untracked() {
                    let (_, _, w, h) = platform::element_rect(&svg);
                    platform::set_style(&svg, None);
                    camera.set(Some(current_view().panned(ox, oy, w, h)));
                }
            }
            Gesture::Moving { plan, dx, dy, .. } => {
                // Put the moved elements back before the edit redraws them,
                // in the same task, so no frame shows the old positions.
                end_drag_style();
                if let Some(cb) = on_edit {
                    let next = design.with_untracked(|d| plan.commit(d, dx, dy));
                    cb.run(next);
                }
            }
            Gesture::Banding { .. } => {
                if let Some(area) = band.get_untracked() {
                    let inside = geometry.with_untracked(|l| objects_within(l, area));
                    selection.update(|s| {
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
            }
            Gesture::Linking { .. } => {
                if let Some(Verdict::Link(link)) = hint.get_untracked().map(|h| h.verdict) {
                    match link {
                        Ok((from, to)) => {
                            let next = design.with_untracked(|d| edit::connect(d, &from, &to));
                            match (next, on_edit) {
                                (Ok(d), Some(cb)) => cb.run(d),
                                (Err(e), _) => message(e.to_string()),
                                _ => {}
                            }
                        }
                        Err(reason) => message(reason),
                    }
                }
            }
            _ => {}
        }
        cancel();
    };

    let on_click = move |ev: leptos::ev::MouseEvent| {
        // The click that ends a drag is not a selection.
        if moved.get_value() {
            moved.set_value(false);
            return;
        }
        // Shapes and links (a link's id names its kind and ends) select alike.
        let id = platform::hit(&ev).id.filter(|id| is_design_id(id) || Link::from_id(id).is_some());
        match (id, ev.shift_key()) {
            (Some(id), true) => selection.update(|s| {
                if let Some(i) = s.iter().position(|x| *x == id) {
                    s.remove(i);
                } else {
                    s.push(id);
                }
            }),
            (Some(id), false) => selection.set(vec![id]),
            (None, false) => selection.set(Vec::new()),
            (None, true) => {}
        }
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        if let Some((left, top, w, h)) = platform::current_target_rect(&ev) {
            let vb = current_view();
            let (wx, wy) = vb.screen_to_world(ev.client_x() as f64 - left, ev.client_y() as f64 - top, w, h);
            let factor = (-ev.delta_y() * 0.0015).exp();
            camera.set(Some(vb.zoomed(factor, wx, wy)));
        }
    };
    let on_key = canvas_keys(CanvasKeys { design, selection, geometry, camera, fitted, on_edit });
    let zoom_by = move |f: f64| camera.set(Some(current_view().zoomed_center(f)));

    // Space held pans from anywhere; Escape abandons a gesture.
    super::on_window(leptos::ev::keydown, move |ev| {
        if platform::in_field(&ev) {
            return;
        }
        match ev.key().as_str() {
            " " if !ev.repeat() => space.set(true),
            "Escape" => cancel(),
            _ => {}
        }
    });
    super::on_window(leptos::ev::keyup, move |ev| {
        if ev.key() == " " {
            space.set(false);
        }
    });

    // A palette item dragged over the canvas: where it would land, or why not.
    if let Some(palette) = palette {
        follow_palette(PaletteDrop { palette, design, geometry, hint, on_add }, world_at, message, cancel);
    }

    let scene = scene_view(drawn(design, geometry.into()), placed.into());
    let outlines = outlines_view(geometry.into(), selection.into());
    let link_outlines = link_outlines_view(placed.into(), selection.into());
    let marks = badges_view(geometry.into(), badges);
    let handles = move || {
        on_edit?;
        Some(geometry.with(|l| selection.with(|sel| handles_view(l, sel))))
    };
    let grid = move || {
        let vb = camera.get().unwrap_or_else(|| fitted.get());
        view! { <rect class="grid" x=vb.x y=vb.y width=vb.w height=vb.h fill="url(#grid)"></rect> }
    };
    let is_empty = move || geometry.with(|l| l.shapes.is_empty());
    let view_box = move || camera.get().unwrap_or_else(|| fitted.get());
    // The canvas's width in pixels, for the level of detail: measured once
    // drawn and again on every window resize.
    let pixels = RwSignal::new(0.0f64);
    let measure = move || {
        if let Some(svg) = svg_ref.get_untracked() {
            pixels.set(platform::element_rect(&svg).2);
        }
    };
    Effect::new(move |_| measure());
    super::on_window(leptos::ev::resize, move |_| measure());
    // Zoomed out past legibility, text and icons are hidden: they cannot
    // be read at that size, and they are most of what a large design costs
    // to paint.
    let coarse = move || {
        let px = pixels.get();
        px > 0.0 && px / view_box().w < MIN_TEXT_SCALE
    };
    let ghost = move || {
        palette.and_then(|p| p.get()).filter(PaletteDrag::dragging).map(|p| {
            // Above the pointer, so the hint below it stays readable.
            let style = format!("left:{}px;top:{}px", p.at.0 + 14.0, p.at.1 - 30.0);
            view! { <div class="palette-ghost" style=style aria-hidden="true">{p.item.label()}</div> }
        })
    };

    view! {
        <div class="stage" class:dropping=move || palette.is_some_and(|p| p.with(|p| p.is_some_and(|p| p.dragging())))>
        <svg
            node_ref=svg_ref
            class="canvas"
            class:panning=move || panning.get()
            class:space=move || space.get()
            class:coarse=coarse
            role="group"
            aria-roledescription="canvas"
            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - 0"
            tabindex="0"
            aria-label=move || design.with(|d| format!("Canvas of design {} ({}), {} regions", d.name, d.environment, d.regions.len()))
            viewBox=move || view_box().attr()
            preserveAspectRatio="xMidYMid meet"
            on:pointerdown=on_down
            on:click=on_click
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=move |_| cancel()
            on:wheel=on_wheel
            on:keydown=on_key
        >
            <defs>
                <pattern id="grid" width="24" height="24" patternUnits="userSpaceOnUse">
                    <circle cx="1" cy="1" r="1" class="grid-dot"></circle>
                </pattern>
            </defs>
            {grid}
            {scene}
            <g class="layer-selection" aria-hidden="true">{outlines}{link_outlines}</g>
            <g class="layer-badges">{marks}</g>
            <g class="layer-handles">{handles}</g>
            <g class="layer-overlay" aria-hidden="true">
                {move || band.get().map(|r| view! { <rect class="band" x=r.x y=r.y width=r.w height=r.h></rect> })}
                {move || wire.get().map(|w| view! { <line class="wire" x1=w.from.0 y1=w.from.1 x2=w.to.0 y2=w.to.1></line> })}
                {move || hint.get().and_then(|h| h.rect.map(|r| {
                    let class = if h.ok() { "drop-target ok" } else { "drop-target refused" };
                    view! { <rect class=class x=r.x - 3.0 y=r.y - 3.0 width=r.w + 6.0 height=r.h + 6.0 rx="9"></rect> }
                }))}
            </g>
        </svg>
        // The drag layer: what is being dragged, over the canvas, on a
        // compositor layer of its own (see gesture.rs).
        <svg node_ref=layer_ref class="drag-layer" class:coarse=coarse aria-hidden="true"
            viewBox=move || view_box().attr() preserveAspectRatio="xMidYMid meet">
            <g class="drag-ghost">
                {move || outlines_moving.get().into_iter().map(|r| view! { <rect x=r.x y=r.y width=r.w height=r.h rx="8"></rect> }).collect_view()}
            </g>
            <g node_ref=clones_ref></g>
        </svg>
        <HintView hint=hint.into() />
        {ghost}
        <Show when=is_empty>
            <p class="empty">"This design has no regions yet. Drag a Region from the palette here, or click it."</p>
        </Show>
        <div class="zoom" role="toolbar" aria-label="Zoom">
            <button type="button" aria-label="Zoom in" title="Zoom in" on:click=move |_| zoom_by(1.25)>"+"</button>
            <button type="button" aria-label="Zoom out" title="Zoom out" on:click=move |_| zoom_by(0.8)>"−"</button>
            <button type="button" aria-label="Fit the design to the window" title="Fit (F)" on:click=move |_| camera.set(None)>"Fit"</button>
        </div>
        </div>
        <Legend kinds=kinds />
    }
}
