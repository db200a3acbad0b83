//! The pointer gestures of the canvas as a small state machine: what a
//! press turns into once the pointer moves (pan, move, box select, draw a
//! link), and the style rules that move dragged shapes on screen.
//!
//! A drag never touches the design until the pointer is released: the
//! shapes under way are translated by one CSS rule whose offset lives in
//! two custom properties on the `<svg>`, so a frame of a drag costs one
//! attribute write however large the design is. The release is one edit,
//! so one undo step.

use crate::core::layout::{DragPlan, LinkGeom};
use std::fmt::Write;

/// Pixels the pointer must travel before a press becomes a drag; below it
/// the press is a click.
pub const DRAG_THRESHOLD: f64 = 4.0;

/// What a press on the canvas will become if the pointer moves.
#[derive(Debug, Clone, PartialEq)]
pub enum Press {
    /// Pan the view (empty canvas, a frame's body, or Space held).
    Pan,
    /// Move the selection (a shape or a frame header was pressed).
    Move,
    /// Rubber-band selection (Shift held).
    Band,
    /// Draw a link from this shape (its handle was pressed).
    Link(String),
}

/// The gesture under way.
#[derive(Debug, Clone, Default)]
pub enum Gesture {
    /// Nothing pressed.
    #[default]
    Idle,
    /// Pressed at client `(x, y)`, not yet past the threshold.
    Pressed { press: Press, x: f64, y: f64 },
    /// Panning; the last client position.
    Panning { x: f64, y: f64 },
    /// Moving shapes: the plan, the press position, pixels per world unit,
    /// and the clamped offset so far in world units.
    Moving { plan: DragPlan, x: f64, y: f64, scale: f64, dx: f64, dy: f64 },
    /// Box selecting from this world point.
    Banding { wx: f64, wy: f64 },
    /// Drawing a link from this shape.
    Linking { from: String },
}

/// Quotes a value for a CSS attribute selector. Design ids are slugs, but
/// a hand-edited file is not to be trusted with the page's style sheet.
fn quoted(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    for c in v.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\u{c}' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The style sheet for a drag: every element of a moving shape (its box,
/// frame header, badge, outline and handle) and every link with both ends
/// moving follow the offset; links with one end moving fade until the
/// drop redraws them.
pub fn drag_style(plan: &DragPlan, links: &[LinkGeom]) -> String {
    let mut moving: Vec<String> = Vec::new();
    for id in &plan.moving {
        let q = quoted(id);
        for attr in ["data-id", "data-target", "data-badge", "data-outline", "data-handle"] {
            moving.push(format!("[{attr}={q}]"));
        }
    }
    let mut fading: Vec<String> = Vec::new();
    for g in links {
        let (a, b) = (plan.moving.contains(&g.link.from), plan.moving.contains(&g.link.to));
        let sel = format!(".link-group[data-from={}][data-to={}]", quoted(&g.link.from), quoted(&g.link.to));
        match (a, b) {
            (true, true) => moving.push(sel),
            (true, false) | (false, true) => fading.push(sel),
            _ => {}
        }
    }
    let mut css = String::new();
    if !moving.is_empty() {
        let _ = write!(css, "{}{{transform:translate(var(--dx,0px),var(--dy,0px))}}", moving.join(","));
    }
    if !fading.is_empty() {
        let _ = write!(css, "{}{{opacity:.2}}", fading.join(","));
    }
    css
}

/// The `style` attribute of the `<svg>` during a drag by `(dx, dy)` world units.
pub fn offset_style(dx: f64, dy: f64) -> String {
    format!("--dx:{dx:.2}px;--dy:{dy:.2}px")
}
