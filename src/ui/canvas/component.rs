//! The SVG canvas component: the design drawn from its layout, wired to
//! the gestures that edit it directly (each in its own file, see the
//! module docs): drag to pan (empty space, a frame's body, or with Space
//! held), wheel and buttons to zoom, drag a shape or a frame header to
//! move it (one undo step), Shift-drag to box select, drag a selected
//! shape's handle onto another to link them, and palette items dropped
//! into the container under the pointer.
//!
//! Geometry is derived, not stored: the layout, the placed links and the
//! fitted view are memos of the design. The camera the user moved (`None`
//! means "fit the design") and the gesture under way are session state.

use super::fail::{fail_view, fate_of, Fate};
use super::find::FindView;
use super::gesture::{Gesture, Moving, DRAG_THRESHOLD};
use super::keys::canvas_keys;
use super::legend::Legend;
use super::menu::{on_context, MenuView};
use super::minimap::Minimap;
use super::overlay::{handles_view, HintView};
use super::overview::{overview_style, overview_view};
use super::palette_drop::{follow_palette, PaletteDrop};
use super::pointer;
use super::routing;
use super::scene::{badges_view, drawn, link_outlines_view, outlines_view, scene_view};
use super::stage::{Placed, Stage};
use super::{clipboard, zoom};
use crate::core::camera::ViewBox;
use crate::core::edit::PaletteItem;
use crate::core::layout::{layout, links, same_links, Link, LinkKind, RectExt, Routes, Routing};
use crate::core::model::{Design, Rect};
use crate::core::simulate::located::Located;
use crate::core::simulate::Failure;
use crate::core::validate::Severity;
use crate::platform;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// World units of empty space around the design when fitted.
const FIT_MARGIN: f64 = 32.0;

/// Pixels per world unit below which icons and all text are hidden: the
/// cheapest drawing for a design seen from afar.
const MIN_TEXT_SCALE: f64 = 0.3;

/// The smallest text shown, in screen pixels: each text size is hidden once
/// it would be drawn smaller (level of detail; style/canvas.css `lod-*`).
const MIN_TEXT_PX: f64 = 11.0;

/// The font sizes (world units) of canvas text, each with its `lod-N` class
/// (frame titles, whose smallest text is 13, go with `lod-13`).
const TEXT_SIZES: [f64; 3] = [11.0, 12.0, 13.0];

/// The font size (world units) of the names drawn once the normal names are
/// hidden (`name-far` in shape.rs): at Fit on a laptop screen a design is
/// seen at 0.5–0.85 pixels per unit, where 13-unit names would be under
/// 11 px; these stay legible (at least 11 px) down to 0.5 (class `far-ok`),
/// and a second, larger copy down to 0.37 (`far2-ok`: three regions side
/// by side at Fit on 1280×720 are seen at about 0.4).
pub const FAR_NAME_SIZE: f64 = 22.0;
/// The size of that second copy.
pub const FAR2_NAME_SIZE: f64 = 30.0;

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
    /// Bumped by every edit of anything but where shapes sit (the app's
    /// content revision). When given, a move keeps every shape's text
    /// instead of making the labels of the whole design again.
    #[prop(optional)]
    content: Option<Signal<u64>>,
    /// Bumped by every edit that changes what the layout reads (the app's
    /// `Doc::shapes`). When given, the design is laid out again only then,
    /// not for a CIDR, a name or a setting.
    #[prop(optional)]
    shapes: Option<Signal<u64>>,
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
    /// Deletes the selection (the context menu's Delete).
    #[prop(optional)]
    on_delete: Option<Callback<()>>,
    /// Duplicates the selection (the context menu's Duplicate).
    #[prop(optional)]
    on_duplicate: Option<Callback<()>>,
    /// The place failed in this session (shared with the outage panel);
    /// with it, every region and AZ has a Fail button and `O` fails.
    #[prop(optional)]
    failed: Option<RwSignal<Option<Failure>>>,
) -> impl IntoView {
    // Shared (an `Arc`) with the routing, which keeps the layout it routed
    // on: the edit's frame copies no shapes for it.
    let geometry = Memo::new(move |_| match shapes {
        Some(s) => {
            s.track();
            Arc::new(design.with_untracked(layout))
        }
        None => Arc::new(design.with(layout)),
    });
    let located = Memo::new(move |_| design.with(Located::of));
    // Each edit reroutes only the links it can have changed
    // (core::layout::Routes), and searches their routes after the frame
    // that shows the edit when that takes longer than `SEARCH_NOW_MS`
    // (routing.rs).
    let routes = StoredValue::new(None::<Routes>);
    let work = StoredValue::new(None::<Routing>);
    let settled = RwSignal::new(0u64);
    // The links in their own memo: an edit that changes neither the layout
    // nor the links (a CIDR, a name, a setting: most of the inspector's
    // edits) starts no routing at all, where each such edit used to go
    // over all 14,000 links of the stress design to reuse every route.
    // The links come from the content alone: with the app's content
    // revision, a move neither lists them again nor compares the list.
    // A content edit first compares the design's links with the last list
    // in place (`same_links`, making none) and keeps that list when they
    // agree, as most content edits leave every link as it was.
    // Each link in an `Arc`, shared with every placed link that draws it.
    let listed = Memo::new_owning(move |last: Option<Vec<Arc<Link>>>| {
        let list = |d: &Design| match last {
            Some(last) if same_links(d, &last) => (last, false),
            _ => (links(d).into_iter().map(Arc::new).collect(), true),
        };
        match content {
            Some(c) => {
                c.track();
                design.with_untracked(list)
            }
            None => design.with(list),
        }
    });
    let started = Memo::new(move |_| {
        let run = geometry.with(|l| {
            listed.with(|ls| routes.with_value(|prev| Routing::start(prev.as_ref(), l, ls)))
        });
        routing::search_now(run, work, routes, settled)
    });
    // Once the search after the frame is done (`settled`), the finished
    // routes are the newest edit's: no second start over the same layout.
    let placed = Memo::new(move |_| {
        let now = started.get();
        settled.track();
        if now.pending == 0 {
            return now;
        }
        routes
            .with_value(|r| r.as_ref().filter(|r| r.pending() == 0).map(Placed::from))
            .unwrap_or(now)
    });
    let fitted = Memo::new(move |_| {
        let shapes = geometry.with(|l| l.bounds);
        let all = placed.with(|ls| ls.iter().fold(shapes, |b, g| b.union(&g.bounds())));
        ViewBox::fit(all, FIT_MARGIN)
    });
    // The kinds come from the list, not from where the links are drawn: a
    // move or an add that routes links again leaves the legend alone.
    let kinds = Memo::new(move |_| {
        listed.with(|ls| {
            LinkKind::ALL
                .into_iter()
                .filter(|k| ls.iter().any(|l| l.kind == *k))
                .collect::<Vec<_>>()
        })
    });

    // The camera the user moved; `None` follows the fitted view.
    let camera = RwSignal::new(None::<ViewBox>);
    // A different document (another template) starts fitted again.
    let identity = Memo::new(move |_| {
        design.with(|d| {
            (
                d.name.clone(),
                d.regions.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            )
        })
    });
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
    let st = Stage {
        design,
        geometry,
        selection,
        camera,
        fitted,
        placed,
        stage_ref: NodeRef::new(),
        svg_ref: NodeRef::new(),
        layer_ref: NodeRef::new(),
        clones_ref: NodeRef::new(),
        gesture: StoredValue::new(Gesture::Idle),
        moved: StoredValue::new(false),
        space: RwSignal::new(false),
        panning: RwSignal::new(false),
        moving: StoredValue::new_local(Moving::default()),
        outlines_moving: RwSignal::new(Vec::new()),
        band: RwSignal::new(None),
        wire: RwSignal::new(None),
        hint: RwSignal::new(None),
        on_edit,
        on_message,
        palette,
        on_delete,
        on_duplicate,
        menu: RwSignal::new(None),
        finding: RwSignal::new(None),
        said: RwSignal::new(String::new()),
        last_clip: StoredValue::new(None),
        failed,
        located,
    };
    // Nothing failed (every edit, nearly always): the design, its layout
    // and `Located` are not even read, so an edit never locates every
    // object for a failure nobody is showing.
    let fate = Memo::new(move |_| {
        let Some(f) = failed.and_then(|s| s.get()) else {
            return Fate::default();
        };
        design.with(|d| {
            geometry.with(|l| placed.with(|p| located.with(|at| fate_of(d, l, p, at, Some(&f)))))
        })
    });
    // Centre on the selection when asked (a click in the problems panel).
    Effect::new(move |prev: Option<u64>| {
        let n = focus.get();
        if prev.is_some_and(|p| p != n) {
            zoom::to_selection(st);
        }
        n
    });
    clipboard::listen(st);
    let Stage {
        svg_ref,
        layer_ref,
        clones_ref,
        space,
        panning,
        outlines_moving,
        band,
        wire,
        hint,
        ..
    } = st;

    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        if let Some((left, top, w, h)) = platform::current_target_rect(&ev) {
            let vb = st.view();
            let (wx, wy) = vb.screen_to_world(
                ev.client_x() as f64 - left,
                ev.client_y() as f64 - top,
                w,
                h,
            );
            let factor = (-ev.delta_y() * 0.0015).exp();
            camera.set(Some(vb.zoomed(factor, wx, wy)));
        }
    };
    let on_key = canvas_keys(st);
    let zoom_by = move |f: f64| camera.set(Some(st.view().zoomed_center(f)));

    // Space held pans from anywhere; Escape abandons a gesture.
    crate::ui::on_window(leptos::ev::keydown, move |ev| {
        if platform::in_field(&ev) {
            return;
        }
        match ev.key().as_str() {
            " " if !ev.repeat() => space.set(true),
            "Escape" => st.cancel(),
            _ => {}
        }
    });
    crate::ui::on_window(leptos::ev::keyup, move |ev| {
        if ev.key() == " " {
            space.set(false);
        }
    });

    // A palette item dragged over the canvas: where it would land, or why not.
    if let Some(palette) = palette {
        follow_palette(
            PaletteDrop {
                palette,
                design,
                geometry,
                hint,
                on_add,
            },
            move |x, y| st.world_at(x, y),
            move |m| st.message(m),
            move || st.cancel(),
        );
    }

    let drawn_list = drawn(design, geometry.into(), content);
    // Set below, once the canvas's size is known: frame titles are too
    // small to read (overview labels replace them).
    let far = RwSignal::new(false);
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
    let pixels = RwSignal::new((0.0f64, 0.0f64));
    let measure = move || {
        if let Some(svg) = svg_ref.get_untracked() {
            let (_, _, w, h) = platform::element_rect(&svg);
            pixels.set((w, h));
        }
    };
    Effect::new(move |_| measure());
    crate::ui::on_window(leptos::ev::resize, move |_| measure());
    // Zoomed out past legibility, text and icons are hidden: they cannot
    // be read at that size, and they are most of what a large design costs
    // to paint.
    let scale = move || {
        let (w, h) = pixels.get();
        (w > 0.0 && h > 0.0).then(|| view_box().scale(w, h))
    };
    let coarse = move || scale().is_some_and(|s| s < MIN_TEXT_SCALE);
    // Text of each size is shown only where it is legible.
    let hidden = move |i: usize| scale().is_some_and(|s| TEXT_SIZES[i] * s < MIN_TEXT_PX - 0.01);
    let far_ok = move || scale().is_some_and(|s| FAR_NAME_SIZE * s >= MIN_TEXT_PX - 0.01);
    let far2_ok = move || scale().is_some_and(|s| FAR2_NAME_SIZE * s >= MIN_TEXT_PX - 0.01);
    Effect::new(move |_| far.set(hidden(2)));
    // The world area worth drawing subnet-use lines in: the view and half
    // of it again on every side, while subnet names are legible; `None`
    // when zoomed out (or not yet measured).
    let near = Signal::derive(move || {
        scale()
            .filter(|s| TEXT_SIZES[1] * s >= MIN_TEXT_PX - 0.01)
            .map(|_| {
                let vb = view_box();
                Rect {
                    x: vb.x - vb.w / 2.0,
                    y: vb.y - vb.h / 2.0,
                    w: vb.w * 2.0,
                    h: vb.h * 2.0,
                }
            })
    });
    let scene = scene_view(drawn_list, placed.into(), far.into(), near, fate);
    let failing = fail_view(st, fate, far.into());
    let overview = overview_view(drawn_list, Signal::derive(scale), far.into());
    let ghost = move || {
        palette.and_then(|p| p.get()).filter(PaletteDrag::dragging).map(|p| {
            // Above the pointer, so the hint below it stays readable.
            let style = format!("left:{}px;top:{}px", p.at.0 + 14.0, p.at.1 - 30.0);
            view! { <div class="palette-ghost" style=style aria-hidden="true">{p.item.label()}</div> }
        })
    };

    view! {
        <div node_ref=st.stage_ref class="stage" data-routing=move || placed.with(|p| (p.pending > 0).then_some("pending")) class:dropping=move || palette.is_some_and(|p| p.with(|p| p.is_some_and(|p| p.dragging())))>
        <svg
            node_ref=svg_ref
            class="canvas"
            class:lod-11=move || hidden(0)
            class:lod-12=move || hidden(1)
            class:lod-13=move || hidden(2)
            class:far-ok=far_ok
            class:far2-ok=far2_ok
            class:panning=move || panning.get()
            class:space=move || space.get()
            class:coarse=coarse
            role="group"
            aria-roledescription="canvas"
            aria-keyshortcuts="Tab Shift+Tab Enter Z Control+A Meta+A Control+F / Shift+F10 ContextMenu O Shift+O Control+C Control+V ArrowLeft ArrowRight ArrowUp ArrowDown + - 0"
            aria-describedby="canvas-keys-help"
            tabindex="0"
            aria-label=move || design.with(|d| format!("Canvas of design {} ({}), {} regions", d.name, d.environment, d.regions.len()))
            viewBox=move || view_box().attr()
            preserveAspectRatio="xMidYMid meet"
            on:pointerdown=move |ev| pointer::down(st, ev)
            on:click=move |ev| pointer::click(st, ev)
            on:pointermove=move |ev| pointer::moved(st, ev)
            on:pointerup=move |ev| pointer::up(st, ev)
            on:pointercancel=move |_| st.cancel()
            on:wheel=on_wheel
            on:contextmenu=move |ev| on_context(st, ev)
            on:keydown=on_key
        >
            <defs>
                <pattern id="grid" width="24" height="24" patternUnits="userSpaceOnUse">
                    <circle cx="1" cy="1" r="1" class="grid-dot"></circle>
                </pattern>
                <marker id="use-end" viewBox="0 0 6 6" refX="3" refY="3" markerWidth="5" markerHeight="5" markerUnits="userSpaceOnUse">
                    <circle cx="3" cy="3" r="3" class="use-end"></circle>
                </marker>
            </defs>
            {grid}
            {scene}
            {overview}
            {failing}
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
        <svg node_ref=layer_ref class="drag-layer" class:coarse=coarse class:lod-11=move || hidden(0) class:lod-12=move || hidden(1)
            class:lod-13=move || hidden(2) class:far-ok=far_ok class:far2-ok=far2_ok aria-hidden="true"
            viewBox=move || view_box().attr() preserveAspectRatio="xMidYMid meet">
            <g class="drag-ghost">
                {move || outlines_moving.get().into_iter().map(|r| view! { <rect x=r.x y=r.y width=r.w height=r.h rx="8"></rect> }).collect_view()}
            </g>
            <g node_ref=clones_ref style=move || overview_style(scale())></g>
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
            <button type="button" aria-label="Zoom to the selection" title="Zoom to selection (Z)" data-zoom="selection"
                disabled=move || selection.with(Vec::is_empty) on:click=move |_| { zoom::to_selection(st); }>"Zoom to"</button>
        </div>
        <Minimap st=st />
        <FindView st=st />
        <MenuView st=st />
        <p id="canvas-keys-help" class="sr-only">"Tab and Shift+Tab walk the shapes and links; Enter zooms to the selection; Shift+F10 opens the actions; Ctrl+F finds; Delete removes; question mark lists every key."</p>
        <p class="sr-only" aria-live="polite" data-said="">{move || st.said.get()}</p>
        </div>
        <Legend kinds=kinds.into() />
    }
}
