//! Overview labels: when the view is zoomed out so far that frame titles
//! would be under 11 px and are hidden (level of detail, `lod-13` in
//! component.rs and style/canvas.css),
//! each region and VPC is still named, in text drawn at a fixed size on
//! screen (13 px) at its frame's top-left corner, in place of the frame's
//! header. A fitted multi-region design thus always says which region and
//! VPC is which.

use super::scene::{group_by_top, origin_attr, translate, Drawings, Drawn};
use crate::core::layout::{fit, header_height, Rect, ShapeKind};
use leptos::prelude::*;
use std::hash::{Hash, Hasher};

/// Screen pixels of the overview text and its inset from the frame corner.
const TEXT_PX: f64 = 13.0;
const INSET_PX: f64 = 6.0;
/// Average screen pixels per character of 13 px bold text, to shorten a
/// label to its frame.
const CHAR_PX: f64 = 8.0;
/// Pixels per character of a label that must be cut: a name long enough to
/// be cut is mostly letters, wider than the average (a 500-character name
/// of bold `n`, 9.3 px each, cut by the average ran a fifth past its VPC).
const CUT_CHAR_PX: f64 = 10.0;

/// The CSS variables that size overview labels at `scale` pixels per unit:
/// set on the overview layer and on the drag layer (where a dragged
/// frame's label is copied), so labels keep their size on screen exactly
/// without being drawn again on every zoom step.
pub fn overview_style(scale: Option<f64>) -> String {
    match scale.filter(|s| *s > 0.0) {
        Some(s) => format!(
            "--upp:{:.4};--ov-px:{TEXT_PX}px;--ov-inset:{INSET_PX}px",
            1.0 / s
        ),
        None => String::new(),
    }
}

/// The overview labels for the drawn shapes at `scale` pixels per unit.
/// Drawn only while `far` (frame headers are not drawn then); each label
/// carries its frame's `data-target`, so it selects and drags the frame as
/// the header does. They are laid out again only when the zoom changes by
/// a tenth (how much of a name fits its frame); the size follows exactly.
pub fn overview_view(
    drawn: Memo<Drawings>,
    scale: Signal<Option<f64>>,
    far: Signal<bool>,
) -> impl IntoView {
    let level = Memo::new(move |_| {
        if !far.get() {
            return None;
        }
        scale
            .get()
            .filter(|s| *s > 0.0)
            .map(|s| (s.ln() * 10.0).round() as i32)
    });
    // Keyed by id and everything drawn, so an edit redraws only the labels
    // it changed (a renamed VPC, a moved frame), not all of them; grouped by
    // region, each group in its region's own coordinates (scene.rs, `Part`),
    // so a region moved whole keeps its labels and moves one group.
    let groups = Memo::new(move |_| {
        let Some(level) = level.get() else {
            return Vec::new();
        };
        let s = (f64::from(level) / 10.0).exp();
        drawn.with(|v| group_by_top(v, |d| &d.shape, |d, r| OvLabel::of(d, s, r)))
    });
    let ids = move || groups.with(|g| g.iter().map(|g| g.top.clone()).collect::<Vec<_>>());
    let group = move |id: String| {
        let me = Memo::new(move |_| {
            groups.with(|g| g.iter().find(|g| g.top == id).cloned().unwrap_or_default())
        });
        let moved = move || me.with(|g| translate(g.origin));
        let origin = move || me.with(|g| origin_attr(g.origin));
        view! {
            <g transform=moved data-origin=origin>
                <For each=move || me.with(|g| g.marks.clone()) key=|o| o.key.clone() children=OvLabel::view />
            </g>
        }
    };
    view! {
        <g class="layer-overview" aria-hidden="true" style=move || overview_style(scale.get())>
            <For each=ids key=String::clone children=group />
        </g>
    }
}

/// One overview label: its frame, its class, the band to grab it by and
/// the text that fits, with the key that changes whenever any of them does.
#[derive(Debug, Clone, PartialEq)]
struct OvLabel {
    key: (String, u64),
    class: &'static str,
    rect: Rect,
    band: f64,
    text: Option<String>,
}

impl OvLabel {
    /// The label of a drawn frame at `s` pixels per unit, its rectangle
    /// `r` in its top-level frame's coordinates (`None`: not a frame).
    fn of(d: &Drawn, s: f64, r: Rect) -> Option<OvLabel> {
        let class = match d.shape.kind {
            ShapeKind::Region => "ov-label ov-region",
            ShapeKind::Global => "ov-label ov-global",
            ShapeKind::Vpc => "ov-label ov-vpc",
            ShapeKind::Az => "ov-label ov-az",
            _ => return None,
        };
        let l = &d.label;
        let text = match d.shape.kind {
            ShapeKind::Region => format!("{} · {}", l.title, l.tag.to_ascii_uppercase()),
            ShapeKind::Vpc if !l.detail.is_empty() => format!("{} · {}", l.title, l.detail),
            // AZ columns are told apart by their subnets' names when zoomed in.
            ShapeKind::Az => String::new(),
            _ => l.title.clone(),
        };
        // A region's name leaves room for its Fail button, drawn at the
        // header's right (fail.rs): a narrow region's name ran under it.
        let button = if d.shape.kind == ShapeKind::Region {
            super::fail::REGION_BUTTON_FAR_ROOM * s
        } else {
            0.0
        };
        let px = (r.w * s - 2.0 * INSET_PX - button).max(0.0);
        let room = (px / CHAR_PX) as usize;
        // A label that fits by the average is kept whole; one that does
        // not is cut to the room of wide letters.
        let room = if text.chars().count() > room {
            (px / CUT_CHAR_PX) as usize
        } else {
            room
        };
        // The header band stays something to grab the frame by, with or
        // without room for its name.
        let band = header_height(d.shape.kind).min(r.h);
        let text = (room >= 3 && !text.is_empty()).then(|| fit(&text, room));
        let mut h = rustc_hash::FxHasher::default();
        class.hash(&mut h);
        for v in [r.x, r.y, r.w, r.h, band] {
            v.to_bits().hash(&mut h);
        }
        text.hash(&mut h);
        Some(OvLabel {
            key: (d.shape.id.clone(), h.finish()),
            class,
            rect: r,
            band,
            text,
        })
    }

    fn view(self) -> impl IntoView {
        let r = self.rect;
        let label = self
            .text
            .map(|t| view! { <text x=r.x y=r.y dominant-baseline="hanging">{t}</text> });
        view! {
            <g class=self.class data-target=self.key.0>
                <rect class="ov-hit" x=r.x y=r.y width=r.w height=self.band></rect>
                {label}
            </g>
        }
    }
}
