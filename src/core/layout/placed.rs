//! Placing links on the canvas: each line between the facing edges of its
//! two shapes, bent around the boxes it would otherwise cross
//! ([`link_geometry`]); [`route_one`] and [`reach`] are what the incremental
//! routing (`reroute.rs`) reuses.

use super::route::{bend, with_ancestors, Grid, MAX_STEPS, STEP};
use super::{Layout, Link, LinkGeom, LinkKind, Point, Rect, RectExt, Shape, ShapeKind};
use std::sync::Arc;

/// Places every link whose two ends have shapes; others are skipped (a
/// dangling reference is validation's business, not the canvas's).
/// Links given shared (`Arc<Link>`) are placed without a copy.
pub fn link_geometry<L: Clone + Into<Arc<Link>>>(layout: &Layout, links: &[L]) -> Vec<LinkGeom> {
    let grid = Grid::new(layout);
    links
        .iter()
        .filter_map(|link| route_one(layout, &grid, &link.clone().into()))
        .collect()
}

/// Places one link (`None` when an end has no shape). `grid` is
/// [`Grid::new`] of `layout`.
pub(super) fn route_one(layout: &Layout, grid: &Grid, link: &Arc<Link>) -> Option<LinkGeom> {
    let a = layout.get(&link.from)?;
    let b = layout.get(&link.to)?;
    if link.kind == LinkKind::SubnetUse {
        return Some(subnet_arc(link, a, b));
    }
    let from = with_ancestors(layout, &link.from);
    let to = with_ancestors(layout, &link.to);
    let within = shared_frame(layout, &from, &to);
    let mut skip = from;
    skip.extend(to);
    // Try each pair of facing sides; keep the clearest curve. Between two
    // as clear, a curve along the sides bends toward the middle of the
    // frame holding both ends rather than toward its border.
    let inward = |s: Point, outward: Option<Point>| match (outward, within) {
        (Some(o), Some(w)) => o.x * (w.center().x - s.x) + o.y * (w.center().y - s.y) > 0.0,
        _ => false,
    };
    // A straight clear line (score 0) ends the search: nothing beats it.
    let siblings = a.parent.is_some() && a.parent == b.parent;
    let mut pairs = facing_points(a, b);
    // Shapes of different frames one above the other (a replica in the
    // region below its source) also try their sides, close along them
    // ([`HUG`]): the facing edges' curve looped out through the gap beside
    // the column and back. Unless the straight line is clear, the sides go
    // first, and each later curve is sampled only while it can still beat
    // the best so far, which keeps routing about as fast (trying every
    // side's curve after the facing edges' made it a sixth slower).
    let mut best: Option<(Point, Point, Point, f64, bool)> = None;
    if !siblings && pairs.iter().any(|p| p.2.is_some()) {
        let (s, e, _) = pairs[0];
        let (c, score) = bend(grid, s, e, &skip, within, None, f64::MIN_POSITIVE);
        if score == 0.0 {
            best = Some((s, e, c, score, false));
            pairs.clear();
        } else {
            pairs.rotate_left(1);
        }
    }
    for (s, e, outward) in pairs {
        // Between siblings a tie goes to the curve bent inward (see
        // `inward`), so each is scored in full.
        let beat = match &best {
            Some(b) if !siblings => b.3,
            _ => f64::INFINITY,
        };
        let halves = if siblings { 2 * MAX_STEPS } else { HUG };
        let out = outward.map(|o| (o, halves));
        let (c, score) = bend(grid, s, e, &skip, within, out, beat);
        let here = (s, e, c, score, inward(s, outward));
        if best
            .as_ref()
            .is_none_or(|b| score.total_cmp(&b.3).then(b.4.cmp(&here.4)).is_lt())
        {
            best = Some(here);
        }
        if score == 0.0 {
            break;
        }
    }
    let (start, end, control, _, _) = best?;
    Some(LinkGeom {
        link: Arc::clone(link),
        start,
        end,
        control,
    })
}

/// How many half steps a curve along the sides of shapes in different
/// frames bends outward at most: it hugs them (a curve bent further is
/// the facing edges' business).
const HUG: usize = 4;

/// The innermost frame holding both ends of a link (`from` and `to` are
/// each end's [`with_ancestors`]), other than an end itself: a line
/// between two shapes of one VPC stays in that VPC. `None` when the ends
/// share no frame (two regions, or a region and the global frame).
pub(super) fn shared_frame(layout: &Layout, from: &[usize], to: &[usize]) -> Option<Rect> {
    let (a, b) = (from.first()?, to.first()?);
    from.iter()
        .find(|i| to.contains(i) && *i != a && *i != b)
        .and_then(|&i| layout.shapes.get(i))
        .map(|s| s.rect)
}

/// The link between shapes `a` and `b` as a straight line between the
/// first pair of sides they face each other by: where a link is drawn
/// until its route is searched ([`Routing`](super::reroute::Routing)).
pub(super) fn straight(link: &Arc<Link>, a: &Shape, b: &Shape) -> LinkGeom {
    let (start, end) = facing_points(a, b)
        .into_iter()
        .next()
        .map_or((a.rect.center(), b.rect.center()), |(s, e, _)| (s, e));
    LinkGeom {
        link: Arc::clone(link),
        start,
        end,
        control: Point {
            x: (start.x + end.x) / 2.0,
            y: (start.y + end.y) / 2.0,
        },
    }
}

/// Everywhere routing the link between shapes `a` and `b` may look: the
/// box holding every candidate curve [`bend`] tries (a curve lies inside
/// the triangle of its ends and control point, and the control points lie
/// on the normal through the midpoint, at most `MAX_STEPS * STEP` away).
/// `None` when the routing looks nowhere (a subnet-use arc, whose geometry
/// is fixed by its two ends) or the box is not finite (then the link is
/// always routed again).
pub(super) fn reach(kind: LinkKind, a: &Shape, b: &Shape) -> Option<Option<Rect>> {
    if kind == LinkKind::SubnetUse {
        return Some(None);
    }
    let far = MAX_STEPS as f64 * STEP;
    let mut out: Option<Rect> = None;
    for (s, e, _) in facing_points(a, b) {
        let mid = Point {
            x: (s.x + e.x) / 2.0,
            y: (s.y + e.y) / 2.0,
        };
        let (dx, dy) = (e.x - s.x, e.y - s.y);
        let len = (dx * dx + dy * dy).sqrt();
        let (nx, ny) = if len.is_finite() && len >= 1.0 {
            (-dy / len * far, dx / len * far)
        } else {
            (0.0, 0.0)
        };
        let xs = [s.x, e.x, mid.x + nx, mid.x - nx];
        let ys = [s.y, e.y, mid.y + ny, mid.y - ny];
        let (x0, x1) = (
            xs.iter().copied().fold(f64::INFINITY, f64::min),
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f64::INFINITY, f64::min),
            ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        if ![x0, x1, y0, y1].iter().all(|v| v.is_finite()) {
            return None;
        }
        let r = Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        };
        out = Some(out.map_or(r, |o| o.union(&r)));
    }
    out.map(Some)
}

/// How far below the lower of its two ends a subnet-use arc's control
/// point sits: the curve then dips about half of it below the row, inside
/// the 12-unit gap beneath the tier row, clear of the subnets it passes.
const SUBNET_ARC_DIP: f64 = 20.0;

/// A workload's line to one of its subnets: from the bottom of the node to
/// the bottom of the subnet, arched beneath the row, so a load balancer's
/// lines to its subnets nest as arcs instead of running under the nearer
/// subnets, and never cross the AZ titles above the top row. Fixed
/// geometry, without the obstacle search other links make: a design has
/// several times more of these than other links, all inside one VPC.
pub(super) fn subnet_arc(link: &Arc<Link>, node: &Shape, subnet: &Shape) -> LinkGeom {
    let (n, s) = (&node.rect, &subnet.rect);
    let toward = if s.center().x >= n.center().x {
        1.0
    } else {
        -1.0
    };
    // Leave the node by its bottom corner that faces the subnet: from the
    // middle of its bottom a line would cross the lane's next node below
    // (two nodes in one tier); from the corner it is out of the lane at once
    // and still dips under the subnet rows.
    let start = Point {
        x: n.center().x + toward * n.w * 0.5,
        y: n.bottom(),
    };
    let end = Point {
        x: s.center().x,
        y: s.bottom(),
    };
    let control = Point {
        x: (start.x + end.x) / 2.0,
        y: start.y.max(end.y) + SUBNET_ARC_DIP,
    };
    LinkGeom {
        link: Arc::clone(link),
        start,
        end,
        control,
    }
}

/// The candidate pairs of edge midpoints that face each other: one pair
/// per axis on which the rectangles are apart, or the centres when they
/// overlap on both axes; for shapes one above the other that overlap
/// across, then also their left sides and their right sides, with the
/// direction a curve between them must bend (see `bend`'s `outward`).
///
/// Side-by-side frames (VPCs, regions) join at their header band rather than
/// their middle, so a peering line reads as joining the VPCs, not whatever
/// workload happens to sit halfway down.
fn facing_points(a: &Shape, b: &Shape) -> Vec<(Point, Point, Option<Point>)> {
    let (ay, by) = (side_anchor_y(a), side_anchor_y(b));
    let (a, b) = (&a.rect, &b.rect);
    let (ca, cb) = (a.center(), b.center());
    let mut out = Vec::with_capacity(4);
    if a.right() <= b.x {
        out.push((
            Point {
                x: a.right(),
                y: ay,
            },
            Point { x: b.x, y: by },
            None,
        ));
    } else if b.right() <= a.x {
        out.push((
            Point { x: a.x, y: ay },
            Point {
                x: b.right(),
                y: by,
            },
            None,
        ));
    }
    if a.bottom() <= b.y {
        out.push((
            Point {
                x: ca.x,
                y: a.bottom(),
            },
            Point { x: cb.x, y: b.y },
            None,
        ));
    } else if b.bottom() <= a.y {
        out.push((
            Point { x: ca.x, y: a.y },
            Point {
                x: cb.x,
                y: b.bottom(),
            },
            None,
        ));
    }
    // Two shapes one above the other and overlapping across: a line
    // between their facing edges runs through whatever lies between them
    // (a lane's nodes stand in a column, a region's nodes above a replica
    // in the region below), so also try along either side, bent outward
    // into the gutter beside the column.
    if !out.is_empty() && a.right() > b.x && b.right() > a.x {
        let (left, right) = (Point { x: -1.0, y: 0.0 }, Point { x: 1.0, y: 0.0 });
        out.push((Point { x: a.x, y: ay }, Point { x: b.x, y: by }, Some(left)));
        out.push((
            Point {
                x: a.right(),
                y: ay,
            },
            Point {
                x: b.right(),
                y: by,
            },
            Some(right),
        ));
    }
    if out.is_empty() {
        out.push((ca, cb, None));
    }
    out
}

/// Where a horizontal link meets the side of a shape.
fn side_anchor_y(s: &Shape) -> f64 {
    match s.kind {
        ShapeKind::Vpc | ShapeKind::Region => s.rect.y + 18.0,
        _ => s.rect.center().y,
    }
}
