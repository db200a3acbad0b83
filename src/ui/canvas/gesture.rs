//! The pointer gestures of the canvas as a small state machine: what a
//! press turns into once the pointer moves (pan, move, box select, draw a
//! link), and the style rules that move dragged shapes on screen.
//!
//! A drag never touches the design until the pointer is released: the
//! elements of the shapes under way are found once, copied into a drag
//! layer (a second SVG on its own compositor layer) and hidden on the
//! canvas; each frame only shifts that layer. Past [`GHOST_ABOVE`]
//! elements the layer holds outlines of the dragged shapes instead. The
//! release is one edit, so one undo step.

use crate::core::layout::DragPlan;

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
    /// Panning; the last client position, and (for a large design, whose
    /// every repaint costs more than a frame) the offset in pixels the
    /// canvas is shifted by until the release moves the camera.
    Panning {
        x: f64,
        y: f64,
        deferred: Option<(f64, f64)>,
    },
    /// Moving shapes: the plan, the press position, pixels per world unit,
    /// and the clamped offset so far in world units.
    Moving {
        plan: DragPlan,
        x: f64,
        y: f64,
        scale: f64,
        dx: f64,
        dy: f64,
    },
    /// Box selecting from this world point.
    Banding { wx: f64, wy: f64 },
    /// Drawing a link from this shape.
    Linking { from: String },
}

/// Above this many elements a drag moves outlines of the dragged shapes
/// instead of the shapes themselves: repainting a whole region of a large
/// design on every frame costs more than a frame.
pub const GHOST_ABOVE: usize = 300;

/// The elements a drag moves on screen, found once when it begins.
#[derive(Default)]
pub struct Moving {
    /// Elements translated with the pointer (shape boxes, frame headers,
    /// badges, outlines, handles, links with both ends moving).
    pub shown: Vec<web_sys::Element>,
    /// Links with one end moving: faded until the drop redraws them.
    pub fading: Vec<web_sys::Element>,
}

impl Moving {
    /// Finds the elements of `plan`'s shapes in the canvas `svg`.
    pub fn find(svg: &web_sys::Element, plan: &DragPlan) -> Moving {
        let mut out = Moving::default();
        let Ok(list) = svg.query_selector_all(
            "[data-id],[data-target],[data-badge],[data-outline],[data-handle],.link-group",
        ) else {
            return out;
        };
        let moves = |id: Option<String>| id.is_some_and(|id| plan.moving.contains(&id));
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            else {
                continue;
            };
            if el.has_attribute("data-from") {
                match (
                    moves(el.get_attribute("data-from")),
                    moves(el.get_attribute("data-to")),
                ) {
                    (true, true) => out.shown.push(el),
                    (true, false) | (false, true) => out.fading.push(el),
                    _ => {}
                }
                continue;
            }
            let id = [
                "data-id",
                "data-target",
                "data-badge",
                "data-outline",
                "data-handle",
            ]
            .iter()
            .find_map(|a| el.get_attribute(a));
            if moves(id) {
                out.shown.push(el);
            }
        }
        out
    }

    /// Starts the drag's look: the shown elements are copied into the
    /// drag layer (`into`, a group of a second SVG on its own compositor
    /// layer) and hidden on the canvas, so a frame of the drag moves one
    /// layer and repaints nothing; half-moving links fade.
    pub fn begin(&self, into: &web_sys::Element) {
        // One group per sheet (elements come in document order).
        let mut group: Option<(String, web_sys::Element)> = None;
        for el in &self.shown {
            if let Ok(copy) = el.clone_node_with_deep(true) {
                // Failing to copy only leaves that element unshown while it moves.
                let _ = placed_from_sheet(el, into, &mut group).append_child(&copy);
            }
            let _ = el.set_attribute("visibility", "hidden");
        }
        for el in &self.fading {
            let _ = el.set_attribute("opacity", "0.2");
        }
    }

    /// Puts every element back as drawn and empties the drag layer (the
    /// drop redraws what moved).
    pub fn end(&self, into: Option<&web_sys::Element>) {
        for el in &self.shown {
            let _ = el.remove_attribute("visibility");
        }
        for el in &self.fading {
            let _ = el.remove_attribute("opacity");
        }
        if let Some(layer) = into {
            layer.set_inner_html("");
        }
    }
}

/// Where in `into` (the drag layer, in world units) a copy of `el` goes:
/// a group shifted by the origin of the region sheet or the pair of
/// regions `el` is drawn in, whose coordinates are the region's own
/// (scene.rs, `Part`), or `into` itself for an element drawn in world
/// units.
fn placed_from_sheet(
    el: &web_sys::Element,
    into: &web_sys::Element,
    last: &mut Option<(String, web_sys::Element)>,
) -> web_sys::Element {
    let Some(origin) = el
        .closest("[data-origin]")
        .ok()
        .flatten()
        .and_then(|s| s.get_attribute("data-origin"))
    else {
        return into.clone();
    };
    if let Some((o, g)) = last.as_ref() {
        if *o == origin {
            return g.clone();
        }
    }
    let group = into
        .owner_document()
        .and_then(|d| {
            d.create_element_ns(Some("http://www.w3.org/2000/svg"), "g")
                .ok()
        })
        .filter(|g| {
            g.set_attribute("transform", &format!("translate({origin})"))
                .is_ok()
        })
        .filter(|g| into.append_child(g).is_ok());
    match group {
        Some(g) => {
            *last = Some((origin, g.clone()));
            g
        }
        None => into.clone(),
    }
}

/// The `style` that shifts an element (the drag layer, or the canvas in a
/// deferred pan) by `(dx, dy)` pixels.
pub fn pixel_offset(dx: f64, dy: f64) -> String {
    format!("transform:translate({dx:.1}px,{dy:.1}px)")
}

/// Designs with more shapes than this pan by shifting the drawn canvas
/// and move the camera once, on release.
pub const DEFER_PAN_ABOVE: usize = 1500;
