//! Where everything goes on the canvas: pure geometry under the SVG view.
//!
//! A design file may carry no positions at all (every template ships that
//! way), so the canvas needs an automatic layout that is legible on its own:
//! regions as frames side by side, VPCs inside, subnets in a grid of AZ
//! columns by tier rows, workloads in a lane beside the tier they serve,
//! regional services (S3, DynamoDB) below the VPCs, and the global front
//! doors (Route 53 records, accelerators) in a band above. Positions saved in
//! the design's `canvas` map take precedence where present.
//!
//! The layout is a pure function of the design, so the UI keeps it as a memo
//! and the tests here (and in `tests.rs`) can check its promises natively:
//! siblings never overlap and children stay inside their parents.

mod aspect;
mod find;
mod hit;
mod labels;
mod links;
mod notes;
mod order;
mod place;
mod placed;
mod reroute;
mod route;
#[cfg(test)]
mod tests;

pub use find::{find, Found};
pub use hit::{
    is_design_id, is_movable, object_at, object_of, objects_within, shape_at, DragPlan, Moved,
};
pub use labels::{canvas_name, fit, label, labels, Label};
pub use links::{links, links_where, same_links, Link, LinkGeom, LinkKind};
pub use notes::{clear_spot, note_box, note_spots, NOTE_RISE};
pub use order::{reading_order, step};
pub use place::{layout, replica_id, same_layout_inputs, Layout, Shape, ShapeKind, GLOBAL_ID};
pub use placed::link_geometry;
pub use reroute::{Routes, Routing};
pub use route::header_height;

pub use super::model::Rect;

/// A point in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal position, growing to the right.
    pub x: f64,
    /// Vertical position, growing downwards (SVG convention).
    pub y: f64,
}

/// Geometry helpers on [`Rect`], kept here so the model stays plain data.
pub trait RectExt {
    /// The right edge.
    fn right(&self) -> f64;
    /// The bottom edge.
    fn bottom(&self) -> f64;
    /// The centre point.
    fn center(&self) -> Point;
    /// True when the two rectangles share any interior area (touching edges
    /// do not count).
    fn overlaps(&self, other: &Rect) -> bool;
    /// True when `inner` lies entirely inside `self` (edges may touch).
    fn contains_rect(&self, inner: &Rect) -> bool;
    /// The smallest rectangle holding both.
    fn union(&self, other: &Rect) -> Rect;
    /// The same rectangle moved by `(dx, dy)`.
    fn translated(&self, dx: f64, dy: f64) -> Rect;
    /// True when every field is finite and within [`MAX_COORD`] and the
    /// size is positive: the only saved rectangles the layout will honour.
    fn is_usable(&self) -> bool;
}

/// Farther than any canvas reaches, in canvas units. A saved position
/// beyond it (an outside file's 1e300) is ignored like a NaN one: written
/// into the SVG it is a number the browser refuses, and the shape vanishes.
pub const MAX_COORD: f64 = 1e7;

impl RectExt for Rect {
    fn right(&self) -> f64 {
        self.x + self.w
    }

    fn bottom(&self) -> f64 {
        self.y + self.h
    }

    fn center(&self) -> Point {
        Point {
            x: self.x + self.w / 2.0,
            y: self.y + self.h / 2.0,
        }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    fn contains_rect(&self, i: &Rect) -> bool {
        i.x >= self.x && i.y >= self.y && i.right() <= self.right() && i.bottom() <= self.bottom()
    }

    fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }

    fn translated(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }

    fn is_usable(&self) -> bool {
        // (NaN and the infinities are never <= anything finite.)
        self.w > 0.0
            && self.h > 0.0
            && [self.x, self.y, self.w, self.h]
                .iter()
                .all(|v| v.abs() <= MAX_COORD)
    }
}

/// Shorthand constructor used throughout the layout code.
pub(crate) fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
    Rect { x, y, w, h }
}
