//! The relations drawn as lines: replication, peering, DNS and accelerator
//! routing. Most cross regions, which is what the canvas must make visible.
//!
//! [`links`] reads them from the design (by object id, nothing geometric);
//! [`link_geometry`] then places each line between the facing edges of its
//! two shapes, bending it over any region frame it would otherwise cross.

use super::{replica_id, Layout, Point, Rect, RectExt, Shape, ShapeKind};
use crate::core::model::{Design, RegionNode, RegionRole, VpcNode};
use std::collections::BTreeMap;

/// What a link means; each kind gets its own line style and legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    /// An RDS read replica pointing at its source instance.
    RdsReplica,
    /// An Aurora global-cluster writer and one of its secondaries.
    AuroraGlobal,
    /// S3 replication from a bucket to its destination.
    S3Replication,
    /// A DynamoDB global table and its replica in another region.
    DynamoReplica,
    /// A VPC peering connection (requester to accepter).
    Peering,
    /// A Route 53 record and one of its targets.
    Dns,
    /// A Global Accelerator and one of its endpoints.
    Accelerator,
}

impl LinkKind {
    /// Every kind, in legend order.
    pub const ALL: [LinkKind; 7] = [
        LinkKind::Dns,
        LinkKind::Accelerator,
        LinkKind::Peering,
        LinkKind::RdsReplica,
        LinkKind::AuroraGlobal,
        LinkKind::S3Replication,
        LinkKind::DynamoReplica,
    ];

    /// The CSS class suffix and `data-kind` value.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::RdsReplica => "rds-replica",
            LinkKind::AuroraGlobal => "aurora-global",
            LinkKind::S3Replication => "s3-replication",
            LinkKind::DynamoReplica => "dynamodb-replica",
            LinkKind::Peering => "peering",
            LinkKind::Dns => "dns",
            LinkKind::Accelerator => "accelerator",
        }
    }

    /// The legend text.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::RdsReplica => "RDS read replica",
            LinkKind::AuroraGlobal => "Aurora global cluster",
            LinkKind::S3Replication => "S3 replication",
            LinkKind::DynamoReplica => "DynamoDB global table",
            LinkKind::Peering => "VPC peering",
            LinkKind::Dns => "Route 53 record target",
            LinkKind::Accelerator => "Accelerator endpoint",
        }
    }
}

/// One relation between two objects, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// What the relation is.
    pub kind: LinkKind,
    /// The id of the object the relation starts from (replica, requester,
    /// record, accelerator, writer, source bucket, table).
    pub from: String,
    /// The id of the object it points at.
    pub to: String,
}

/// Every relation of the design worth a line, in a stable order.
pub fn links(design: &Design) -> Vec<Link> {
    let mut out = Vec::new();
    let mut push = |kind, from: &str, to: &str| out.push(Link { kind, from: from.into(), to: to.into() });
    // Aurora members by global cluster: (id, in the primary region).
    let mut globals: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
    for region in &design.regions {
        for node in region.vpcs.iter().flat_map(|v| &v.nodes) {
            match node {
                VpcNode::Rds(r) => {
                    if let Some(src) = &r.replica_of {
                        push(LinkKind::RdsReplica, &r.id, src);
                    }
                }
                VpcNode::Aurora(a) => {
                    if let Some(g) = &a.global {
                        globals.entry(g.as_str()).or_default().push((&a.id, region.role == RegionRole::Primary));
                    }
                }
                _ => {}
            }
        }
        for node in &region.nodes {
            match node {
                RegionNode::S3(s) => {
                    if let Some(dst) = &s.replicate_to {
                        push(LinkKind::S3Replication, &s.id, dst);
                    }
                }
                RegionNode::Dynamodb(t) => {
                    for code in t.replicas.iter().filter(|c| **c != region.code) {
                        if let Some(other) = design.regions.iter().find(|r| &r.code == code) {
                            push(LinkKind::DynamoReplica, &t.id, &replica_id(&t.id, &other.id));
                        }
                    }
                }
            }
        }
    }
    for members in globals.values() {
        let writer = members.iter().find(|m| m.1).or(members.first()).map(|m| m.0);
        for (id, _) in members {
            if let Some(w) = writer.filter(|w| *w != *id) {
                push(LinkKind::AuroraGlobal, w, id);
            }
        }
    }
    for p in &design.peerings {
        push(LinkKind::Peering, &p.a, &p.b);
    }
    for record in design.dns.iter().flat_map(|d| &d.records) {
        for t in &record.targets {
            push(LinkKind::Dns, &record.id, &t.target);
        }
    }
    for acc in &design.accelerators {
        for e in &acc.endpoints {
            push(LinkKind::Accelerator, &acc.id, &e.target);
        }
    }
    out
}

/// A link placed on the canvas: a quadratic curve from `start` to `end`
/// pulled towards `control` (a straight line when `control` is the midpoint).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkGeom {
    /// The relation drawn.
    pub link: Link,
    /// On the edge of the `from` shape.
    pub start: Point,
    /// On the edge of the `to` shape.
    pub end: Point,
    /// The curve's control point.
    pub control: Point,
}

impl LinkGeom {
    /// The SVG path data of the curve.
    pub fn path(&self) -> String {
        let (s, c, e) = (self.start, self.control, self.end);
        format!("M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}", s.x, s.y, c.x, c.y, e.x, e.y)
    }

    /// The tight box around the curve, so the view can fit links as well
    /// as shapes without the empty margin the control point would add.
    pub fn bounds(&self) -> Rect {
        let (x0, x1) = extent(self.start.x, self.control.x, self.end.x);
        let (y0, y1) = extent(self.start.y, self.control.y, self.end.y);
        Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
    }
}

/// The range of a quadratic Bézier coordinate with ends `s`, `e` and
/// control `c`: the ends, plus the turning point where the derivative is 0.
fn extent(s: f64, c: f64, e: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (s.min(e), s.max(e));
    let denom = s - 2.0 * c + e;
    if denom.abs() > 1e-9 {
        let t = (s - c) / denom;
        if t > 0.0 && t < 1.0 {
            let v = (1.0 - t) * (1.0 - t) * s + 2.0 * (1.0 - t) * t * c + t * t * e;
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    (lo, hi)
}

/// Places every link whose two ends have shapes; others are skipped (a
/// dangling reference is validation's business, not the canvas's).
pub fn link_geometry(layout: &Layout, links: &[Link]) -> Vec<LinkGeom> {
    links
        .iter()
        .filter_map(|link| {
            let a = layout.get(&link.from)?;
            let b = layout.get(&link.to)?;
            let (start, end) = facing_points(a, b);
            let skip = [region_of(layout, &link.from), region_of(layout, &link.to)];
            let control = bend(layout, start, end, &skip);
            Some(LinkGeom { link: link.clone(), start, end, control })
        })
        .collect()
}

/// The midpoints of the two edges that face each other, or the centres
/// when the rectangles overlap on both axes.
/// Side-by-side frames (VPCs, regions) join at their header band rather than
/// their middle, so a peering line reads as joining the VPCs, not whatever
/// workload happens to sit halfway down.
fn facing_points(a: &Shape, b: &Shape) -> (Point, Point) {
    let (ay, by) = (side_anchor_y(a), side_anchor_y(b));
    let (a, b) = (&a.rect, &b.rect);
    let (ca, cb) = (a.center(), b.center());
    if a.right() <= b.x {
        (Point { x: a.right(), y: ay }, Point { x: b.x, y: by })
    } else if b.right() <= a.x {
        (Point { x: a.x, y: ay }, Point { x: b.right(), y: by })
    } else if a.bottom() <= b.y {
        (Point { x: ca.x, y: a.bottom() }, Point { x: cb.x, y: b.y })
    } else if b.bottom() <= a.y {
        (Point { x: ca.x, y: a.y }, Point { x: cb.x, y: b.bottom() })
    } else {
        (ca, cb)
    }
}

/// Where a horizontal link meets the side of a shape.
fn side_anchor_y(s: &Shape) -> f64 {
    match s.kind {
        ShapeKind::Vpc | ShapeKind::Region => s.rect.y + 18.0,
        _ => s.rect.center().y,
    }
}

/// The index of the region frame holding the shape with this id.
fn region_of(layout: &Layout, id: &str) -> Option<usize> {
    let mut i = layout.shapes.iter().position(|s| s.id == id)?;
    loop {
        let s = layout.shapes.get(i)?;
        if s.kind == ShapeKind::Region {
            return Some(i);
        }
        i = s.parent?;
    }
}

/// The control point: the midpoint for a clear straight line, or a point
/// above that lifts the curve's apex over the region frames in the way.
fn bend(layout: &Layout, s: Point, e: Point, skip: &[Option<usize>]) -> Point {
    let mid = Point { x: (s.x + e.x) / 2.0, y: (s.y + e.y) / 2.0 };
    let blocking_top = layout
        .shapes
        .iter()
        .enumerate()
        .filter(|(i, sh)| sh.kind == ShapeKind::Region && !skip.contains(&Some(*i)))
        .filter(|(_, sh)| crosses(&sh.rect, s, e))
        .map(|(_, sh)| sh.rect.y)
        .fold(f64::INFINITY, f64::min);
    if blocking_top.is_finite() {
        // The apex of a quadratic is halfway between the chord and the
        // control point, so aim the control twice as far above the top.
        let apex = blocking_top - 28.0;
        Point { x: mid.x, y: 2.0 * apex - mid.y }
    } else {
        mid
    }
}

/// True when the segment passes through the rectangle's interior (sampled;
/// shapes are large next to the step, so a miss would only graze a corner).
fn crosses(r: &Rect, s: Point, e: Point) -> bool {
    (1..64).any(|k| {
        let t = k as f64 / 64.0;
        let (x, y) = (s.x + (e.x - s.x) * t, s.y + (e.y - s.y) * t);
        x > r.x && x < r.right() && y > r.y && y < r.bottom()
    })
}
