//! One shape on the canvas: frames (global band, region, VPC, AZ column)
//! with a header, subnets with two lines, and nodes with an icon.
//!
//! Every shape is a `<g>` carrying `data-id` and `data-kind` (for tests and
//! later for selection), an ARIA label and a `<title>` tooltip with the full
//! text. Character budgets keep text inside the fixed-size boxes.

use super::icons::{icon_transform, Icon};
use crate::core::layout::{fit, Label};
use crate::core::layout::{Rect, Shape, ShapeKind};
use leptos::prelude::*;

/// Rough character widths (px) of the fonts used, to budget text per box.
/// (Generous: DejaVu Sans, a common fallback, runs wide.)
const CHAR_13: f64 = 8.0;
const CHAR_12: f64 = 7.4;
const CHAR_11: f64 = 6.6;
/// The average width of a bold name character at `FAR_NAME_SIZE`, as
/// `CHAR_13` is at 13.
const CHAR_FAR: f64 = CHAR_13 * super::component::FAR_NAME_SIZE / 13.0;
const CHAR_FAR2: f64 = CHAR_13 * super::component::FAR2_NAME_SIZE / 13.0;

fn budget(width: f64, char_w: f64) -> usize {
    (width / char_w).floor().max(3.0) as usize
}

/// True for the container shapes, whose boxes are drawn beneath the links
/// and whose header text is drawn above them.
pub fn is_frame(kind: ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Global | ShapeKind::Region | ShapeKind::Vpc | ShapeKind::Az
    )
}

/// The box of a frame: the element tests and assistive technology find
/// (`data-id`, `data-kind`, ARIA label), drawn beneath the links.
pub fn frame_box(shape: &Shape, label: &Label) -> AnyView {
    let r = shape.rect;
    let full = label.full(shape.kind);
    let aria = full.clone();
    view! {
        <g class=format!("shape shape-{}", shape.kind.as_str()) data-id=shape.id.clone() data-kind=shape.kind.as_str() role="group" aria-label=aria>
            <title>{full}</title>
            <rect class="frame" x=r.x y=r.y width=r.w height=r.h rx="8"></rect>
        </g>
    }
    .into_any()
}

/// The header text of a frame, drawn above the links with a halo in the
/// frame's own fill so a line passing behind never garbles it.
pub fn frame_label(shape: &Shape, label: &Label) -> AnyView {
    let body = frame_text(shape, label);
    // `data-target`: a click on the header selects the frame (the header is
    // drawn above the links, so it is what the pointer hits).
    view! { <g class=format!("frame-label shape-{}", shape.kind.as_str()) data-target=shape.id.clone() aria-hidden="true">{body}</g> }.into_any()
}

/// Where a frame's header lines sit (the region's two, the others' one).
fn header_spots(kind: ShapeKind, r: Rect) -> [(f64, f64); 2] {
    match kind {
        ShapeKind::Region => [(r.x + 16.0, r.y + 27.0), (r.x + 16.0, r.y + 47.0)],
        ShapeKind::Global | ShapeKind::Vpc => [(r.x + 14.0, r.y + 24.0); 2],
        _ => [(r.x + r.w / 2.0, r.y + 16.0); 2],
    }
}

fn frame_text(shape: &Shape, label: &Label) -> AnyView {
    let r = shape.rect;
    let [(x, y), at2] = header_spots(shape.kind, r);
    match shape.kind {
        ShapeKind::Region => region_text(r, (x, y), at2, label).into_any(),
        ShapeKind::Global => view! {
            <text x=x y=y>
                <tspan class="title">{label.title.clone()}</tspan>
                <tspan class="muted sub" dx="10">{fit(&label.detail, budget(r.w - 90.0, CHAR_13))}</tspan>
            </text>
        }
        .into_any(),
        ShapeKind::Vpc => view! {
            <text x=x y=y>
                <tspan class="name">{fit(&label.title, 16)}</tspan>
                <tspan class="cidr mono muted" dx="10">{label.detail.clone()}</tspan>
                <tspan class="cidr muted" dx="10">{format!("· {}", label.tag)}</tspan>
            </text>
        }
        .into_any(),
        _ => view! {
            <text x=x y=y text-anchor="middle">{label.title.clone()}</text>
        }
        .into_any(),
    }
}

/// Where an item's positioned parts sit, in the order drawn: its box, then
/// a node's icon (its corner), then its four lines of text.
fn item_spots(kind: ShapeKind, r: Rect) -> [(f64, f64); 6] {
    let mid = r.y + r.h / 2.0;
    match kind {
        ShapeKind::Subnet(_) => [
            (r.x, r.y),
            (r.x + 10.0, r.y + 18.0),
            (r.x + 10.0, r.y + 35.0),
            (r.x + 8.0, mid + 8.0),
            (r.x + 6.0, mid + 10.0),
            (r.x, r.y),
        ],
        _ => {
            let text_x = r.x + 42.0;
            [
                (r.x, r.y),
                (r.x + 10.0, r.y + (r.h - 24.0) / 2.0),
                (text_x, r.y + 21.0),
                (text_x, r.y + 37.0),
                (text_x, mid + 8.0),
                (text_x, mid + 10.0),
            ]
        }
    }
}

/// Moves a drawn shape's element `g` (made by [`item_view`],
/// [`frame_box`] or [`frame_label`], as `header` says) from `was` to where
/// `shape` now is: the shape's list key leaves its position out (scene.rs),
/// so a shape pushed along inside its region keeps its element, and this
/// sets its coordinates as the view would have made them: the same spots
/// as the views, in the order of the element's children. Only the
/// attributes whose value changed are set (each is a call into the page
/// and an invalidation there: a shape pushed down keeps its `x`s).
pub fn place(g: &web_sys::Element, was: Rect, shape: &Shape, header: bool) {
    let spots = |r: Rect| -> Vec<(f64, f64)> {
        if header {
            header_spots(shape.kind, r).to_vec()
        } else if is_frame(shape.kind) {
            vec![(r.x, r.y)]
        } else {
            item_spots(shape.kind, r).to_vec()
        }
    };
    let (old, new) = (spots(was), spots(shape.rect));
    // The children: a shape's `<title>` first (a header has none), then
    // one per spot until they end (a subnet's or a one-line header's
    // spots run past its children); a node's icon (its second spot) is a
    // group placed by its transform.
    let icon = !header && !is_frame(shape.kind) && !matches!(shape.kind, ShapeKind::Subnet(_));
    let mut child = g.first_element_child();
    if !header {
        child = child.and_then(|title| title.next_element_sibling());
    }
    for (i, (&(x0, y0), &(x, y))) in old.iter().zip(&new).enumerate() {
        let Some(el) = child else { break };
        child = el.next_element_sibling();
        if icon && i == 1 {
            if (x0, y0) != (x, y) {
                let _ = el.set_attribute("transform", &icon_transform(x, y));
            }
            continue;
        }
        if x0 != x {
            let _ = el.set_attribute("x", &x.to_string());
        }
        if y0 != y {
            let _ = el.set_attribute("y", &y.to_string());
        }
    }
}

/// Renders a subnet or node (`shape` is not a frame) with its `label`.
pub fn item_view(shape: &Shape, label: Label) -> AnyView {
    let r = shape.rect;
    let kind = shape.kind;
    let full = label.full(kind);
    let tier_class = match kind {
        ShapeKind::Subnet(t) => format!(" tier-{}", t.as_str()),
        _ => String::new(),
    };
    let is_node = matches!(
        kind,
        ShapeKind::Node(_) | ShapeKind::Record | ShapeKind::Accelerator
    );
    // A replica drawn for another region's global table (`table@region`)
    // is dashed: it is the same table, not a second one to configure.
    let replica = is_node && shape.id.contains('@');
    let class = format!(
        "shape shape-{}{}{}{}",
        kind.as_str(),
        tier_class,
        if is_node { " node" } else { "" },
        if replica { " replica" } else { "" }
    );
    let rx = if is_node { 6 } else { 8 };
    let at = item_spots(kind, r);
    let body = match kind {
        ShapeKind::Subnet(_) => view! {
            <text class="name" x=at[1].0 y=at[1].1>{fit(&label.title, budget(r.w - 16.0, CHAR_12))}</text>
            <text class="cidr mono muted" x=at[2].0 y=at[2].1>{fit(&label.detail, budget(r.w - 16.0, CHAR_12))}</text>
            <text class="name-far" x=at[3].0 y=at[3].1>{fit(&label.title, budget(r.w - 14.0, CHAR_FAR))}</text>
            <text class="name-far2" x=at[4].0 y=at[4].1>{fit(&label.title, budget(r.w - 10.0, CHAR_FAR2))}</text>
        }
        .into_any(),
        _ => node_text(kind, r, &at, &label).into_any(),
    };
    let aria = full.clone();
    view! {
        <g class=class data-id=shape.id.clone() data-kind=kind.as_str() role="group" aria-label=aria>
            <title>{full}</title>
            <rect class="frame" x=at[0].0 y=at[0].1 width=r.w height=r.h rx=rx></rect>
            {body}
        </g>
    }
    .into_any()
}

fn region_text(r: Rect, (x, y): (f64, f64), (x2, y2): (f64, f64), label: &Label) -> impl IntoView {
    view! {
        <text x=x y=y>
            <tspan class="code">{label.title.clone()}</tspan>
            <tspan class="role" dx="10" style=role_style(&label.tag)>{label.tag.to_ascii_uppercase()}</tspan>
        </text>
        <text class="sub muted" x=x2 y=y2>{fit(&label.detail, budget(r.w - 32.0, CHAR_13))}</text>
    }
}

/// The role tag is plain coloured text (no badge box), so it needs no width
/// measurement; primary in the accent colour, secondary in the region colour.
fn role_style(tag: &str) -> &'static str {
    if tag == "primary" {
        "fill: var(--accent)"
    } else {
        "fill: var(--aws-region)"
    }
}

fn node_text(kind: ShapeKind, r: Rect, at: &[(f64, f64); 6], label: &Label) -> impl IntoView {
    let icon_kind = kind.as_str();
    let room = r.w - 48.0;
    view! {
        <Icon kind=icon_kind x=at[1].0 y=at[1].1 />
        <text class="name" x=at[2].0 y=at[2].1>{fit(&label.title, budget(room, CHAR_13))}</text>
        <text class="detail muted" x=at[3].0 y=at[3].1>{fit(&label.detail, budget(room, CHAR_11))}</text>
        <text class="name-far" x=at[4].0 y=at[4].1>{fit(&label.title, budget(room, CHAR_FAR))}</text>
        <text class="name-far2" x=at[5].0 y=at[5].1>{fit(&label.title, budget(room, CHAR_FAR2))}</text>
    }
}
