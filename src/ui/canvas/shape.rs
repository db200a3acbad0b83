//! One shape on the canvas: frames (global band, region, VPC, AZ column)
//! with a header, subnets with two lines, and nodes with an icon.
//!
//! Every shape is a `<g>` carrying `data-id` and `data-kind` (for tests and
//! later for selection), an ARIA label and a `<title>` tooltip with the full
//! text. Character budgets keep text inside the fixed-size boxes.

use super::icons::Icon;
use crate::core::layout::{fit, Label};
use crate::core::layout::{Shape, ShapeKind};
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

fn frame_text(shape: &Shape, label: &Label) -> AnyView {
    let r = shape.rect;
    match shape.kind {
        ShapeKind::Region => region_text(r, label).into_any(),
        ShapeKind::Global => view! {
            <text x=r.x + 14.0 y=r.y + 24.0>
                <tspan class="title">{label.title.clone()}</tspan>
                <tspan class="muted sub" dx="10">{fit(&label.detail, budget(r.w - 90.0, CHAR_13))}</tspan>
            </text>
        }
        .into_any(),
        ShapeKind::Vpc => view! {
            <text x=r.x + 14.0 y=r.y + 24.0>
                <tspan class="name">{fit(&label.title, 16)}</tspan>
                <tspan class="cidr mono muted" dx="10">{label.detail.clone()}</tspan>
                <tspan class="cidr muted" dx="10">{format!("· {}", label.tag)}</tspan>
            </text>
        }
        .into_any(),
        _ => view! {
            <text x=r.x + r.w / 2.0 y=r.y + 16.0 text-anchor="middle">{label.title.clone()}</text>
        }
        .into_any(),
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
    let body = match kind {
        ShapeKind::Subnet(_) => view! {
            <text class="name" x=r.x + 10.0 y=r.y + 18.0>{fit(&label.title, budget(r.w - 16.0, CHAR_12))}</text>
            <text class="cidr mono muted" x=r.x + 10.0 y=r.y + 35.0>{fit(&label.detail, budget(r.w - 16.0, CHAR_12))}</text>
            <text class="name-far" x=r.x + 8.0 y=r.y + r.h / 2.0 + 8.0>{fit(&label.title, budget(r.w - 14.0, CHAR_FAR))}</text>
            <text class="name-far2" x=r.x + 6.0 y=r.y + r.h / 2.0 + 10.0>{fit(&label.title, budget(r.w - 10.0, CHAR_FAR2))}</text>
        }
        .into_any(),
        _ => node_text(kind, r, &label).into_any(),
    };
    let aria = full.clone();
    view! {
        <g class=class data-id=shape.id.clone() data-kind=kind.as_str() role="group" aria-label=aria>
            <title>{full}</title>
            <rect class="frame" x=r.x y=r.y width=r.w height=r.h rx=rx></rect>
            {body}
        </g>
    }
    .into_any()
}

fn region_text(r: crate::core::model::Rect, label: &Label) -> impl IntoView {
    view! {
        <text x=r.x + 16.0 y=r.y + 27.0>
            <tspan class="code">{label.title.clone()}</tspan>
            <tspan class="role" dx="10" style=role_style(&label.tag)>{label.tag.to_ascii_uppercase()}</tspan>
        </text>
        <text class="sub muted" x=r.x + 16.0 y=r.y + 47.0>{fit(&label.detail, budget(r.w - 32.0, CHAR_13))}</text>
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

fn node_text(kind: ShapeKind, r: crate::core::model::Rect, label: &Label) -> impl IntoView {
    let icon_kind = kind.as_str();
    let text_x = r.x + 42.0;
    let room = r.w - 48.0;
    view! {
        <Icon kind=icon_kind x=r.x + 10.0 y=r.y + (r.h - 24.0) / 2.0 />
        <text class="name" x=text_x y=r.y + 21.0>{fit(&label.title, budget(room, CHAR_13))}</text>
        <text class="detail muted" x=text_x y=r.y + 37.0>{fit(&label.detail, budget(room, CHAR_11))}</text>
        <text class="name-far" x=text_x y=r.y + r.h / 2.0 + 8.0>{fit(&label.title, budget(room, CHAR_FAR))}</text>
        <text class="name-far2" x=text_x y=r.y + r.h / 2.0 + 10.0>{fit(&label.title, budget(room, CHAR_FAR2))}</text>
    }
}
