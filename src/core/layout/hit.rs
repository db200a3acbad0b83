//! Which object is under the pointer, which lie inside a selection box, and
//! how a drag moves shapes: the pure geometry behind the editor's gestures.
//!
//! The canvas converts pointer positions to world units and asks these
//! functions; nothing here knows about events or elements, so the rules
//! (what a drop lands in, how far a child may move inside its parent) are
//! tested natively.

use super::place::{Layout, Shape, GLOBAL_ID};
use super::{Rect, RectExt};
use crate::core::model::Design;
use std::collections::HashSet;

/// The innermost shape containing the world point `(x, y)`.
///
/// Shapes come parents first, so the last one that contains the point is
/// the deepest (and, among overlapping siblings, the one painted on top).
pub fn shape_at(layout: &Layout, x: f64, y: f64) -> Option<&Shape> {
    layout
        .shapes
        .iter()
        .rev()
        .find(|s| contains_point(&s.rect, x, y))
}

/// The design object a shape stands for. Synthetic shapes stand for their
/// nearest real ancestor (an AZ column for its VPC, a DynamoDB replica for
/// the region it is drawn in); the global band stays [`GLOBAL_ID`].
pub fn object_of<'a>(layout: &'a Layout, shape: &'a Shape) -> Option<&'a str> {
    let mut cur = shape;
    loop {
        if cur.id == GLOBAL_ID || is_design_id(&cur.id) {
            return Some(&cur.id);
        }
        cur = layout.shapes.get(cur.parent?)?;
    }
}

/// The design object (or [`GLOBAL_ID`]) under the world point, `None` on
/// empty canvas.
pub fn object_at(layout: &Layout, x: f64, y: f64) -> Option<&str> {
    shape_at(layout, x, y).and_then(|s| object_of(layout, s))
}

/// The ids of the design objects whose shapes lie wholly inside `area`
/// (box selection), in paint order. Synthetic shapes are left out.
pub fn objects_within(layout: &Layout, area: Rect) -> Vec<String> {
    layout
        .shapes
        .iter()
        .filter(|s| is_movable(s) && area.contains_rect(&s.rect))
        .map(|s| s.id.clone())
        .collect()
}

/// True for shapes the user can select and move: real design objects, not
/// AZ columns, replica stand-ins or the global band.
pub fn is_movable(shape: &Shape) -> bool {
    is_design_id(&shape.id)
}

/// True when a shape id is a design object's id. Synthetic shapes (AZ
/// columns `vpc@az`, replicas `table@region`, the global band) carry an
/// `@`, which no design id may contain.
pub fn is_design_id(id: &str) -> bool {
    !id.contains('@')
}

fn contains_point(r: &Rect, x: f64, y: f64) -> bool {
    x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()
}

/// One shape being dragged: where it started and the box it must stay in.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The design id.
    pub id: String,
    /// Its rectangle when the drag began.
    pub start: Rect,
    /// Its parent's rectangle, which it may not leave (`None` at top level).
    pub within: Option<Rect>,
}

/// What a drag of the selection moves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DragPlan {
    /// The outermost selected shapes: the ones whose positions are saved.
    pub roots: Vec<Moved>,
    /// Every shape id that moves on screen: the roots and all their
    /// descendants (synthetic ones included), for the view to translate.
    pub moving: HashSet<String>,
}

impl DragPlan {
    /// The plan for dragging the movable shapes among `ids`. A shape whose
    /// ancestor is also selected moves with that ancestor only. `None` when
    /// nothing in `ids` can move.
    pub fn new(layout: &Layout, ids: &[String]) -> Option<DragPlan> {
        let wanted: HashSet<usize> = ids
            .iter()
            .filter_map(|id| layout.index_of(id))
            .filter(|&i| layout.shapes.get(i).is_some_and(is_movable))
            .collect();
        let has_selected_ancestor = |mut i: usize| {
            while let Some(p) = layout.shapes.get(i).and_then(|s| s.parent) {
                if wanted.contains(&p) {
                    return true;
                }
                i = p;
            }
            false
        };
        let mut roots: Vec<usize> = wanted
            .iter()
            .copied()
            .filter(|&i| !has_selected_ancestor(i))
            .collect();
        if roots.is_empty() {
            return None;
        }
        roots.sort_unstable();
        // Parents come before children, so one pass marks every descendant.
        let mut inside = vec![false; layout.shapes.len()];
        for &r in &roots {
            inside[r] = true;
        }
        for i in 0..layout.shapes.len() {
            if let Some(p) = layout.shapes[i].parent {
                if inside[p] {
                    inside[i] = true;
                }
            }
        }
        let moving = layout
            .shapes
            .iter()
            .zip(&inside)
            .filter(|(_, m)| **m)
            .map(|(s, _)| s.id.clone())
            .collect();
        let roots = roots
            .into_iter()
            .map(|i| {
                let s = &layout.shapes[i];
                let within = s.parent.and_then(|p| layout.shapes.get(p)).map(|p| p.rect);
                Moved {
                    id: s.id.clone(),
                    start: s.rect,
                    within,
                }
            })
            .collect();
        Some(DragPlan { roots, moving })
    }

    /// The drag `(dx, dy)` in world units, reduced so that no moved shape
    /// leaves its parent. Non-finite input moves nothing.
    pub fn clamp(&self, dx: f64, dy: f64) -> (f64, f64) {
        if !dx.is_finite() || !dy.is_finite() {
            return (0.0, 0.0);
        }
        let (mut lo_x, mut hi_x, mut lo_y, mut hi_y) = (
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
        );
        for m in &self.roots {
            if let Some(p) = m.within {
                // The layout keeps every child inside its parent, so 0 lies
                // in each range; a child larger than its parent (only along
                // that axis) cannot move along it at all.
                let (lx, hx) = axis_range(m.start.x, m.start.w, p.x, p.w);
                let (ly, hy) = axis_range(m.start.y, m.start.h, p.y, p.h);
                (lo_x, hi_x, lo_y, hi_y) = (lo_x.max(lx), hi_x.min(hx), lo_y.max(ly), hi_y.min(hy));
            }
        }
        let fit = |v: f64, lo: f64, hi: f64| if lo > hi { 0.0 } else { v.clamp(lo, hi) };
        (fit(dx, lo_x, hi_x), fit(dy, lo_y, hi_y))
    }

    /// The design with the roots saved at their start moved by `(dx, dy)`
    /// (already clamped): the one undoable step a drag makes. Sizes are
    /// saved as drawn; the layout re-measures them anyway.
    pub fn commit(&self, design: &Design, dx: f64, dy: f64) -> Design {
        let mut d = design.clone();
        if dx == 0.0 && dy == 0.0 {
            return d;
        }
        for m in &self.roots {
            let Rect { x, y, w, h } = m.start;
            d.canvas.insert(
                m.id.clone(),
                Rect {
                    x: round(x + dx),
                    y: round(y + dy),
                    w,
                    h,
                },
            );
        }
        d
    }
}

/// How far a shape at `pos` of length `len` may move along one axis and stay
/// within `start..start + room`: `(0, 0)` when it does not fit.
fn axis_range(pos: f64, len: f64, start: f64, room: f64) -> (f64, f64) {
    if len > room {
        (0.0, 0.0)
    } else {
        ((start - pos).min(0.0), (start + room - len - pos).max(0.0))
    }
}

/// Positions are saved to a tenth of a unit: exact enough, and it keeps the
/// design file free of long fractions from zoomed-out drags.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::layout::layout;
    use crate::core::templates::template;

    fn design() -> Design {
        template("active-passive").unwrap().design().unwrap()
    }

    fn centre(l: &Layout, id: &str) -> (f64, f64) {
        let c = l.get(id).unwrap().rect.center();
        (c.x, c.y)
    }

    #[test]
    fn the_innermost_object_is_hit_and_synthetic_shapes_stand_for_their_owner() {
        let d = design();
        let l = layout(&d);
        let vpc = &d.regions[0].vpcs[0];
        let subnet = &vpc.subnets[0].id;
        let (x, y) = centre(&l, subnet);
        assert_eq!(object_at(&l, x, y), Some(subnet.as_str()));
        // Inside the AZ column but below its subnets: the VPC.
        let col = l
            .shapes
            .iter()
            .find(|s| s.id.starts_with(&format!("{}@", vpc.id)))
            .unwrap();
        assert_eq!(
            object_at(&l, col.rect.x + 2.0, col.rect.bottom() - 2.0),
            Some(vpc.id.as_str())
        );
        // The global band itself, beside its records.
        let band = l.get(GLOBAL_ID).unwrap().rect;
        assert_eq!(object_at(&l, band.x + 2.0, band.y + 2.0), Some(GLOBAL_ID));
        assert_eq!(object_at(&l, band.x - 10_000.0, 0.0), None);
    }

    #[test]
    fn a_box_selects_what_lies_wholly_inside() {
        let d = design();
        let l = layout(&d);
        let vpc = &d.regions[0].vpcs[0];
        let inside = objects_within(&l, l.get(&vpc.id).unwrap().rect);
        assert!(inside.contains(&vpc.id));
        assert!(vpc.subnets.iter().all(|s| inside.contains(&s.id)));
        assert!(vpc.nodes.iter().all(|n| inside.iter().any(|i| i == n.id())));
        assert!(
            !inside.iter().any(|i| i.contains('@')),
            "no synthetic shapes: {inside:?}"
        );
        assert!(
            !inside.contains(&d.regions[0].id),
            "the region sticks out of the box"
        );
    }

    #[test]
    fn a_drag_moves_the_outermost_selection_with_its_descendants() {
        let d = design();
        let l = layout(&d);
        let region = &d.regions[0];
        let vpc = &region.vpcs[0];
        let ids = vec![vpc.subnets[0].id.clone(), region.id.clone(), "nope".into()];
        let plan = DragPlan::new(&l, &ids).unwrap();
        assert_eq!(plan.roots.len(), 1);
        assert_eq!(plan.roots[0].id, region.id);
        assert!(plan.moving.contains(&vpc.id) && plan.moving.contains(&vpc.subnets[0].id));
        assert!(
            plan.moving
                .iter()
                .any(|i| i.starts_with(&format!("{}@", vpc.id))),
            "AZ columns move too"
        );
        assert!(!plan.moving.contains(&d.regions[1].id));
        // Top level: any distance; the commit saves the region and the
        // layout draws the VPC along with it.
        assert_eq!(plan.clamp(900.0, -40.0), (900.0, -40.0));
        let moved = plan.commit(&d, 900.0, -40.0);
        let after = layout(&moved);
        assert_eq!(
            after.get(&region.id).unwrap().rect,
            l.get(&region.id).unwrap().rect.translated(900.0, -40.0)
        );
        assert_eq!(
            after.get(&vpc.id).unwrap().rect,
            l.get(&vpc.id).unwrap().rect.translated(900.0, -40.0)
        );
        assert_eq!(moved.canvas.len(), 1);
        assert!(
            DragPlan::new(&l, &["@global".to_string()]).is_none(),
            "the band does not move"
        );
    }

    #[test]
    fn a_child_cannot_be_dragged_out_of_its_parent() {
        let d = design();
        let l = layout(&d);
        let vpc = &d.regions[0].vpcs[0];
        let node = vpc.nodes[0].id();
        let plan = DragPlan::new(&l, &[node.to_string()]).unwrap();
        let (dx, dy) = plan.clamp(100_000.0, -100_000.0);
        let (outer, start) = (l.get(&vpc.id).unwrap().rect, l.get(node).unwrap().rect);
        let end = start.translated(dx, dy);
        assert!(outer.contains_rect(&end), "{end:?} left {outer:?}");
        assert_eq!(end.right(), outer.right());
        assert_eq!(end.y, outer.y);
        assert_eq!(plan.clamp(f64::NAN, 1.0), (0.0, 0.0));
        // Saved, reloaded and drawn at the same place.
        let saved = plan.commit(&d, dx, dy);
        let text = crate::core::model::save(&saved);
        let again = crate::core::model::load(&text).unwrap();
        assert_eq!(layout(&again).get(node).unwrap().rect, end);
    }
}
