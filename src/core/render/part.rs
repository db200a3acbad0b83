//! A picture of part of a design (the editor's selection): the selected
//! objects, everything inside them (a selected VPC brings its subnets and
//! workloads) and the frames that hold them (its region), where the canvas
//! puts them. Links are drawn when both their ends are in the picture, on
//! the canvas's own routes; the picture is cropped to what it shows.

use crate::core::layout::{Layout, Shape};
use crate::core::model::Rect;

/// Which shapes of `l` a picture of `ids` keeps, one flag per shape of
/// [`Layout::shapes`]; `None` when no id names a shape (an empty or stale
/// selection), so the caller can say so instead of drawing nothing.
pub(crate) fn keep(l: &Layout, ids: &[String]) -> Option<Vec<bool>> {
    let picked = |s: &Shape| {
        // A DynamoDB table's replicas (`table@region`) come with the table.
        let design_id = s.id.split('@').next().unwrap_or(&s.id);
        ids.iter().any(|id| *id == s.id || id == design_id)
    };
    // Parents come first, so a parent's flags are known before its
    // children's: `within` is a picked shape or one inside a picked shape.
    let mut within = vec![false; l.shapes.len()];
    let mut keep = vec![false; l.shapes.len()];
    for (i, s) in l.shapes.iter().enumerate() {
        within[i] = picked(s) || s.parent.is_some_and(|p| within[p]);
        if within[i] {
            keep[i] = true;
            let mut up = s.parent;
            while let Some(p) = up {
                keep[p] = true;
                up = l.shapes[p].parent;
            }
        }
    }
    within.contains(&true).then_some(keep)
}

/// The smallest rectangle holding the kept shapes (the layout's bounds when
/// everything is kept).
pub(crate) fn bounds(l: &Layout, keep: Option<&[bool]>) -> Rect {
    let Some(keep) = keep else { return l.bounds };
    let mut kept = l
        .shapes
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(s, _)| s.rect);
    let Some(first) = kept.next() else {
        return l.bounds;
    };
    let (mut x0, mut y0) = (first.x, first.y);
    let (mut x1, mut y1) = (first.x + first.w, first.y + first.h);
    for r in kept {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.w);
        y1 = y1.max(r.y + r.h);
    }
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// Whether the shape with layout id `id` is in the picture.
pub(crate) fn shows(l: &Layout, keep: Option<&[bool]>, id: &str) -> bool {
    match (keep, l.index_of(id)) {
        (None, found) => found.is_some(),
        (Some(keep), Some(i)) => keep.get(i).copied().unwrap_or(false),
        (Some(_), None) => false,
    }
}
