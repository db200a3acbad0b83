//! The relations drawn as lines: replication, peering, DNS and accelerator
//! routing, group attachments, and which subnets a workload is placed in.
//! Most cross regions, which is what the canvas must make visible.
//!
//! [`links`] reads them from the design (by object id, nothing geometric);
//! [`link_geometry`] then places each line between the facing edges of its
//! two shapes, bending it around the boxes it would otherwise cross.

use super::{replica_id, Point, Rect};
use crate::core::model::{
    Design, FailoverRole, Record, RegionNode, RegionRole, RoutingPolicy, Target, VpcNode,
};
use crate::core::record_sets::location_slug;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::sync::Arc;

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
    /// An auto-scaling group or an ECS service registered in a load
    /// balancer's target group.
    AsgTarget,
    /// A workload (load balancer, group, database) placed in one of its
    /// subnets: from the node to the subnet. Drawn thin and faint, shown
    /// fully while either end or the link is selected.
    SubnetUse,
}

impl LinkKind {
    /// Every kind, in legend order.
    pub const ALL: [LinkKind; 9] = [
        LinkKind::Dns,
        LinkKind::Accelerator,
        LinkKind::AsgTarget,
        LinkKind::Peering,
        LinkKind::RdsReplica,
        LinkKind::AuroraGlobal,
        LinkKind::S3Replication,
        LinkKind::DynamoReplica,
        LinkKind::SubnetUse,
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
            LinkKind::SubnetUse => "uses-subnet",
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
            LinkKind::SubnetUse => "Uses subnet",
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
        format!(
            "{LINK_ID_PREFIX}{}@{}@{}",
            self.kind.as_str(),
            self.from,
            self.to
        )
    }

    /// True when `id` is [`Link::id`], compared without making the id (the
    /// canvas asks this of 14,000 links on the stress design per edit).
    pub fn is(&self, id: &str) -> bool {
        id.strip_prefix(LINK_ID_PREFIX)
            .and_then(|r| r.strip_prefix(self.kind.as_str()))
            .and_then(|r| r.strip_prefix('@'))
            .and_then(|r| r.strip_prefix(self.from.as_str()))
            .and_then(|r| r.strip_prefix('@'))
            .is_some_and(|r| r == self.to)
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
        Some(Link {
            kind,
            from: from.into(),
            to,
            note: None,
        })
    }
}

/// Every relation of the design worth a line, in a stable order: the
/// subnets each workload uses come last, so the keyboard walk meets the
/// relations between objects first.
pub fn links(design: &Design) -> Vec<Link> {
    links_where(design, &|_, _| true)
}

/// The links of [`links`] whose ends (`from`, `to`) `keep` accepts, in the
/// same order, without making the others: what an inspector asks about one
/// object on every edit, where the stress design has 14,000 links.
pub fn links_where(design: &Design, keep: &dyn Fn(&str, &str) -> bool) -> Vec<Link> {
    let mut out = Vec::new();
    each_link(design, keep, |kind, from, to, note| {
        out.push(Link {
            kind,
            from: from.into(),
            to: to.into(),
            note,
        })
    });
    out
}

/// True when [`links`] of `design` is `listed`, found without making a
/// link: most edits (a CIDR, a name, a setting) change none, and making
/// the stress design's 14,000 again to compare them with the last list
/// was the canvas's largest share of such an edit (docs/build.md, "Problem
/// rows drawn plainly; links compared in place").
pub fn same_links<L: Borrow<Link>>(design: &Design, listed: &[L]) -> bool {
    let (mut n, mut same) = (0, true);
    each_link(design, &|_, _| true, |kind, from, to, note| {
        same = same
            && listed.get(n).map(Borrow::borrow).is_some_and(|l: &Link| {
                l.kind == kind && l.from == from && l.to == to && l.note == note
            });
        n += 1;
    });
    same && n == listed.len()
}

/// Gives `emit` each link of [`links`] whose ends `keep` accepts, in order:
/// its kind, ends and note.
fn each_link(
    design: &Design,
    keep: &dyn Fn(&str, &str) -> bool,
    mut emit: impl FnMut(LinkKind, &str, &str, Option<String>),
) {
    let mut push = |kind, from: &str, to: &str| {
        if keep(from, to) {
            emit(kind, from, to, None);
        }
    };
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
                VpcNode::Asg(_) | VpcNode::Ecs(_) => {
                    if let Some(alb) = node.target() {
                        push(LinkKind::AsgTarget, node.id(), alb);
                    }
                }
                VpcNode::Aurora(a) => {
                    if let Some(g) = &a.global {
                        globals
                            .entry(g.as_str())
                            .or_default()
                            .push((&a.id, region.role == RegionRole::Primary));
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
                            push(
                                LinkKind::DynamoReplica,
                                &t.id,
                                &replica_id(&t.id, &other.id),
                            );
                        }
                    }
                }
            }
        }
    }
    for members in globals.values() {
        let writer = members
            .iter()
            .find(|m| m.1)
            .or(members.first())
            .map(|m| m.0);
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
            if keep(&record.id, &t.target)
                && !record.targets[..i].iter().any(|u| u.target == t.target)
            {
                emit(
                    LinkKind::Dns,
                    &record.id,
                    &t.target,
                    dns_note(record, &t.target),
                );
            }
        }
    }
    for node in design
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .flat_map(|v| &v.nodes)
    {
        // A subnet listed twice is one placement (links are keyed by their ends).
        let subnets = node.subnets();
        for (i, s) in subnets.iter().enumerate() {
            if keep(node.id(), s) && !subnets[..i].contains(s) {
                emit(LinkKind::SubnetUse, node.id(), s, None);
            }
        }
    }
}

/// The note of a record's line to `target`: what each of its record sets
/// says (role, weight, location), and a check mark when health-checked.
fn dns_note(record: &Record, target: &str) -> Option<String> {
    let sets: Vec<&Target> = record
        .targets
        .iter()
        .filter(|t| t.target == target)
        .collect();
    let mut parts: Vec<String> = sets
        .iter()
        .filter_map(|t| match record.policy {
            RoutingPolicy::Failover => t.role.map(|r| match r {
                FailoverRole::Primary => "primary".to_string(),
                FailoverRole::Secondary => "secondary".to_string(),
            }),
            RoutingPolicy::Weighted => t.weight.map(|w| format!("weight {w}")),
            RoutingPolicy::Geolocation => t.location.as_ref().map(|l| {
                location_slug(l)
                    .to_ascii_uppercase()
                    .replace("DEFAULT", "default")
            }),
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
    /// The relation drawn, shared with the list it came from: routing and
    /// drawing copy no ids (the stress design has 14,000 links).
    pub link: Arc<Link>,
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
        format!(
            "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
            s.x, s.y, c.x, c.y, e.x, e.y
        )
    }

    /// The point halfway along the curve (t = 0.5), where its note sits.
    pub fn midpoint(&self) -> Point {
        let (s, c, e) = (self.start, self.control, self.end);
        Point {
            x: 0.25 * s.x + 0.5 * c.x + 0.25 * e.x,
            y: 0.25 * s.y + 0.5 * c.y + 0.25 * e.y,
        }
    }

    /// The point at `t` (0 at `start`, 1 at `end`) along the curve.
    pub fn at(&self, t: f64) -> Point {
        let (s, c, e) = (self.start, self.control, self.end);
        let (a, b, d) = ((1.0 - t) * (1.0 - t), 2.0 * t * (1.0 - t), t * t);
        Point {
            x: a * s.x + b * c.x + d * e.x,
            y: a * s.y + b * c.y + d * e.y,
        }
    }

    /// The tight box around the curve, so the view can fit links as well
    /// as shapes without the empty margin the control point would add.
    pub fn bounds(&self) -> Rect {
        let (x0, x1) = extent(self.start.x, self.control.x, self.end.x);
        let (y0, y1) = extent(self.start.y, self.control.y, self.end.y);
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
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
