//! The relations drawn as lines: replication, peering, DNS and accelerator
//! routing. Most cross regions, which is what the canvas must make visible.
//!
//! [`links`] reads them from the design (by object id, nothing geometric);
//! [`link_geometry`] then places each line between the facing edges of its
//! two shapes, bending it around the boxes it would otherwise cross.

use super::{replica_id, Layout, Point, Rect, RectExt, Shape, ShapeKind};
use crate::core::model::{Design, FailoverRole, Record, RegionNode, RegionRole, RoutingPolicy, Target, VpcNode};
use crate::core::record_sets::location_slug;
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
    /// An auto-scaling group registered in a load balancer's target group.
    AsgTarget,
}

impl LinkKind {
    /// Every kind, in legend order.
    pub const ALL: [LinkKind; 8] = [
        LinkKind::Dns,
        LinkKind::Accelerator,
        LinkKind::AsgTarget,
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
            LinkKind::AsgTarget => "asg-target",
        }
    }

    /// The kind named by [`LinkKind::as_str`].
    pub fn parse(s: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == s)
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
            LinkKind::AsgTarget => "Load balancer target group",
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
    /// What the export does with it, drawn beside the line: a DNS target's
    /// failover role, weight or locations, and whether it is health-checked.
    pub note: Option<String>,
}

/// The prefix of a link's selection id. Design ids never hold an `@`, so a
/// link id can share the selection with object ids without clashing.
const LINK_ID_PREFIX: &str = "link@";

impl Link {
    /// The link's id in the selection: `link@<kind>@<from>@<to>`.
    pub fn id(&self) -> String {
        format!("{LINK_ID_PREFIX}{}@{}@{}", self.kind.as_str(), self.from, self.to)
    }

    /// The link a selection id names, if it names one.
    pub fn from_id(id: &str) -> Option<Link> {
        let mut parts = id.strip_prefix(LINK_ID_PREFIX)?.split('@');
        let kind = LinkKind::parse(parts.next()?)?;
        let (from, to) = (parts.next()?, parts.next()?);
        // The DynamoDB replica end is a synthetic `table@region` shape id.
        let to = match (kind, parts.next()) {
            (LinkKind::DynamoReplica, Some(region)) => format!("{to}@{region}"),
            (_, None) => to.to_string(),
            _ => return None,
        };
        Some(Link { kind, from: from.into(), to, note: None })
    }
}

/// Every relation of the design worth a line, in a stable order.
pub fn links(design: &Design) -> Vec<Link> {
    let mut out = Vec::new();
    let mut push = |kind, from: &str, to: &str| out.push(Link { kind, from: from.into(), to: to.into(), note: None });
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
                VpcNode::Asg(g) => {
                    if let Some(alb) = &g.target {
                        push(LinkKind::AsgTarget, &g.id, alb);
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
    for acc in &design.accelerators {
        for e in &acc.endpoints {
            push(LinkKind::Accelerator, &acc.id, &e.target);
        }
    }
    for record in design.dns.iter().flat_map(|d| &d.records) {
        // One line per (record, target): a geolocation record may send two
        // locations to one load balancer, and links are keyed by their ends.
        for (i, t) in record.targets.iter().enumerate() {
            if !record.targets[..i].iter().any(|u| u.target == t.target) {
                out.push(Link { kind: LinkKind::Dns, from: record.id.clone(), to: t.target.clone(), note: dns_note(record, &t.target) });
            }
        }
    }
    out
}

/// The note of a record's line to `target`: what each of its record sets
/// says (role, weight, location), and a check mark when health-checked.
fn dns_note(record: &Record, target: &str) -> Option<String> {
    let sets: Vec<&Target> = record.targets.iter().filter(|t| t.target == target).collect();
    let mut parts: Vec<String> = sets
        .iter()
        .filter_map(|t| match record.policy {
            RoutingPolicy::Failover => t.role.map(|r| match r {
                FailoverRole::Primary => "primary".to_string(),
                FailoverRole::Secondary => "secondary".to_string(),
            }),
            RoutingPolicy::Weighted => t.weight.map(|w| format!("weight {w}")),
            RoutingPolicy::Geolocation => t.location.as_ref().map(|l| location_slug(l).to_uppercase().replace("DEFAULT", "default")),
            RoutingPolicy::Latency | RoutingPolicy::Simple => None,
        })
        .collect();
    if sets.iter().any(|t| t.health_check.is_some()) {
        parts.push("health-checked".into());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
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

    /// The point halfway along the curve (t = 0.5), where its note sits.
    pub fn midpoint(&self) -> Point {
        let (s, c, e) = (self.start, self.control, self.end);
        Point { x: 0.25 * s.x + 0.5 * c.x + 0.25 * e.x, y: 0.25 * s.y + 0.5 * c.y + 0.25 * e.y }
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
    let grid = Grid::new(layout);
    links
        .iter()
        .filter_map(|link| {
            let a = layout.get(&link.from)?;
            let b = layout.get(&link.to)?;
            let mut skip = with_ancestors(layout, &link.from);
            skip.extend(with_ancestors(layout, &link.to));
            // Try each pair of facing sides; keep the clearest curve.
            let (start, end, control, _) = facing_points(a, b)
                .into_iter()
                .map(|(s, e)| {
                    let (c, score) = bend(layout, &grid, s, e, &skip);
                    (s, e, c, score)
                })
                .min_by(|x, y| x.3.total_cmp(&y.3))?;
            Some(LinkGeom { link: link.clone(), start, end, control })
        })
        .collect()
}

/// The candidate pairs of edge midpoints that face each other: one pair
/// per axis on which the rectangles are apart, or the centres when they
/// overlap on both axes.
///
/// Side-by-side frames (VPCs, regions) join at their header band rather than
/// their middle, so a peering line reads as joining the VPCs, not whatever
/// workload happens to sit halfway down.
fn facing_points(a: &Shape, b: &Shape) -> Vec<(Point, Point)> {
    let (ay, by) = (side_anchor_y(a), side_anchor_y(b));
    let (a, b) = (&a.rect, &b.rect);
    let (ca, cb) = (a.center(), b.center());
    let mut out = Vec::with_capacity(2);
    if a.right() <= b.x {
        out.push((Point { x: a.right(), y: ay }, Point { x: b.x, y: by }));
    } else if b.right() <= a.x {
        out.push((Point { x: a.x, y: ay }, Point { x: b.right(), y: by }));
    }
    if a.bottom() <= b.y {
        out.push((Point { x: ca.x, y: a.bottom() }, Point { x: cb.x, y: b.y }));
    } else if b.bottom() <= a.y {
        out.push((Point { x: ca.x, y: a.y }, Point { x: cb.x, y: b.bottom() }));
    }
    if out.is_empty() {
        out.push((ca, cb));
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

/// The indices of the shape with this id and of all its containers.
fn with_ancestors(layout: &Layout, id: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut next = layout.index_of(id);
    while let Some(i) = next {
        if out.contains(&i) {
            break; // a cycle cannot come out of `layout`, but never loop
        }
        out.push(i);
        next = layout.shapes.get(i).and_then(|s| s.parent);
    }
    out
}

/// How much a line passing over a shape hurts legibility: boxes with text
/// (subnets, nodes) most, since links are drawn beneath them and vanish.
fn obstacle_weight(kind: ShapeKind) -> f64 {
    match kind {
        ShapeKind::Subnet(_) | ShapeKind::Node(_) | ShapeKind::Record | ShapeKind::Accelerator => 3.0,
        // Crossing the empty inside of a frame costs little: the line stays
        // visible there, and a detour is often harder to follow.
        ShapeKind::Vpc | ShapeKind::Az | ShapeKind::Global => 0.3,
        ShapeKind::Region => 0.15,
    }
}

/// The control point and its score (lower is clearer): the straight line
/// when nothing is in the way, else the curve (bent to either side, in
/// steps) that crosses the fewest shapes other than the two ends and their
/// containers, preferring gentler curves when several are equally clear.
fn bend(layout: &Layout, grid: &Grid, s: Point, e: Point, skip: &[usize]) -> (Point, f64) {
    let mid = Point { x: (s.x + e.x) / 2.0, y: (s.y + e.y) / 2.0 };
    let (dx, dy) = (e.x - s.x, e.y - s.y);
    let len = (dx * dx + dy * dy).sqrt();
    if !len.is_finite() || len < 1.0 {
        return (mid, 0.0);
    }
    let normal = Point { x: -dy / len, y: dx / len };
    // What the curve through `c` crosses, sampled along it; the sum stops
    // once it reaches `limit` (that candidate has lost already). The grid
    // hands each sample only the shapes of its cell, which keeps designs
    // of thousands of shapes fast.
    let cost = |c: Point, limit: f64| -> f64 {
        let mut sum = 0.0;
        for k in 2..63 {
            let t = k as f64 / 64.0;
            let u = 1.0 - t;
            let p = Point {
                x: u * u * s.x + 2.0 * u * t * c.x + t * t * e.x,
                y: u * u * s.y + 2.0 * u * t * c.y + t * t * e.y,
            };
            for &i in grid.at(p) {
                let i = i as usize;
                if let Some(sh) = layout.shapes.get(i) {
                    if !skip.contains(&i) && inside(&sh.rect, p) {
                        sum += obstacle_weight(sh.kind);
                    }
                }
            }
            if sum >= limit {
                return sum;
            }
        }
        sum
    };
    // Bending costs a little per unit, so a curve must earn its detour.
    let mut best = (mid, cost(mid, f64::INFINITY));
    if best.1 == 0.0 {
        return best;
    }
    for step in 1..=MAX_STEPS {
        for side in [-1.0, 1.0] {
            let off = side * step as f64 * STEP;
            let c = Point { x: mid.x + normal.x * off, y: mid.y + normal.y * off };
            let penalty = off.abs() / 250.0;
            let crossed = cost(c, best.1 - penalty);
            let score = crossed + penalty;
            if score < best.1 {
                best = (c, score);
            }
            if crossed == 0.0 {
                // Clear, and every later candidate bends further: done.
                return best;
            }
        }
    }
    best
}

/// A uniform grid over the layout: each cell lists the shapes that overlap
/// it, so "what contains this point" looks at a handful of shapes instead
/// of all of them.
struct Grid {
    x0: f64,
    y0: f64,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl Grid {
    /// Cell size in world units: a few subnets across.
    const CELL: f64 = 240.0;

    fn new(layout: &Layout) -> Grid {
        let b = layout.bounds;
        let ok = [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite()) && b.w >= 0.0 && b.h >= 0.0;
        // Saved positions are user data: never let a wild one allocate a huge grid.
        let dims = |len: f64| if ok { ((len / Self::CELL).ceil() as usize).clamp(1, 512) } else { 1 };
        let (cols, rows) = (dims(b.w), dims(b.h));
        let (x0, y0) = if ok { (b.x, b.y) } else { (0.0, 0.0) };
        let mut g = Grid { x0, y0, cols, rows, cells: vec![Vec::new(); cols * rows] };
        for (i, sh) in layout.shapes.iter().enumerate() {
            let r = sh.rect;
            let (c0, r0) = g.cell(r.x, r.y);
            let (c1, r1) = g.cell(r.right(), r.bottom());
            for row in r0..=r1 {
                for col in c0..=c1 {
                    g.cells[row * cols + col].push(i as u32);
                }
            }
        }
        g
    }

    /// The cell holding a point, clamped to the grid.
    fn cell(&self, x: f64, y: f64) -> (usize, usize) {
        let idx = |v: f64, origin: f64, n: usize| {
            let k = ((v - origin) / Self::CELL).floor();
            if k.is_finite() && k > 0.0 {
                (k as usize).min(n - 1)
            } else {
                0
            }
        };
        (idx(x, self.x0, self.cols), idx(y, self.y0, self.rows))
    }

    /// The shapes that may contain `p`.
    fn at(&self, p: Point) -> &[u32] {
        let (c, r) = self.cell(p.x, p.y);
        self.cells.get(r * self.cols + c).map_or(&[], Vec::as_slice)
    }
}

/// How far apart the candidate control points are, and how many per side.
const STEP: f64 = 40.0;
const MAX_STEPS: usize = 16;

/// True when `p` lies strictly inside `r`.
fn inside(r: &Rect, p: Point) -> bool {
    p.x > r.x && p.x < r.right() && p.y > r.y && p.y < r.bottom()
}
