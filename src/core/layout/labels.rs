//! The words on each shape, derived from the design by id.
//!
//! Pure (no browser types), so it lives in the core next to the geometry
//! it labels and is tested natively; the UI only places the strings.
//!
//! Shapes are fixed-size boxes, so long names are shortened with an
//! ellipsis; the full text goes into the shape's `<title>` (tooltip) and
//! `aria-label`, so nothing is lost to people or to screen readers.

use super::{Layout, Shape, ShapeKind};
use crate::core::catalog;
use crate::core::model::{Design, Index, NatMode, ObjectRef, RegionNode, RegionRole, VpcNode};

/// The text of one shape.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Label {
    /// The main line (name, code).
    pub title: String,
    /// The second line (CIDR, engine, sizes).
    pub detail: String,
    /// A short tag drawn beside the title (region role), if any.
    pub tag: String,
}

impl Label {
    /// Everything in one sentence, for tooltips and ARIA labels.
    pub fn full(&self, kind: ShapeKind) -> String {
        let mut s = format!("{}: {}", kind_name(kind), self.title);
        for part in [&self.tag, &self.detail] {
            if !part.is_empty() {
                s.push_str(", ");
                s.push_str(part);
            }
        }
        s
    }
}

fn kind_name(kind: ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Global => "Global services",
        ShapeKind::Region => "Region",
        ShapeKind::Vpc => "VPC",
        ShapeKind::Az => "Availability zone",
        ShapeKind::Subnet(_) => "Subnet",
        ShapeKind::Node(k) => k.label(),
        ShapeKind::Record => "Route 53 record",
        ShapeKind::Accelerator => "Global Accelerator",
    }
}

/// Shortens `s` to at most `max` columns, ending in `…` when cut. A column
/// is the room of a Latin letter: CJK, Hangul, fullwidth forms and emoji
/// take two, combining marks, joiners and variation selectors none (a
/// label of emoji cut by count ran out of its frame into the next region).
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().map(columns).sum::<usize>() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        used += columns(c);
        if used > max.saturating_sub(1) {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The columns a character takes in a label (see [`fit`]); the ranges of
/// Unicode's East Asian Wide and Fullwidth classes and the emoji blocks,
/// written out because labels need no more than this (no table crate).
fn columns(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF => 0,
        0x1100..=0x115F
        | 0x2600..=0x27BF
        | 0x2E80..=0x303E
        | 0x3041..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F000..=0x1FAFF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// The title the canvas draws for a design object: a region's code, a
/// record's full name in its zone (the zone itself for the apex `@`), every other object's name. Peerings are
/// drawn as lines without a title, so they go by their id. Messages use it
/// (`core::validate::Ctx::name_of`) so that what they name can be found on
/// the canvas.
pub fn canvas_name(design: &Design, object: &ObjectRef<'_>) -> String {
    match object {
        // `@` is the zone's apex: the record is named as the zone itself.
        ObjectRef::Record(r) => match &design.dns {
            Some(d) if r.name == "@" => d.zone.clone(),
            Some(d) => format!("{}.{}", r.name, d.zone),
            None => r.name.clone(),
        },
        other => other.display_name().to_string(),
    }
}

/// Every shape's [`label`], in the layout's order (what the canvas draws,
/// and what the edit-path benchmarks time).
pub fn labels(layout: &Layout, design: &Design) -> Vec<Label> {
    let index = Index::new(design);
    layout
        .shapes
        .iter()
        .map(|s| label(s, design, &index))
        .collect()
}

/// The label of `shape`; unknown ids fall back to the id itself.
pub fn label(shape: &Shape, design: &Design, index: &Index) -> Label {
    let l = |title: String, detail: String| Label {
        title,
        detail,
        tag: String::new(),
    };
    match (shape.kind, index.get(&shape.id)) {
        (ShapeKind::Global, _) => {
            let zone = design
                .dns
                .as_ref()
                .map(|d| format!("Route 53 zone {}", d.zone))
                .unwrap_or_default();
            l("Global".into(), zone)
        }
        (ShapeKind::Az, _) => l(
            shape
                .id
                .rsplit_once('@')
                .map(|p| p.1)
                .unwrap_or("")
                .to_string(),
            String::new(),
        ),
        (_, Some(ObjectRef::Region(r))) => {
            let detail = match catalog::region(&r.code) {
                Some(info) => format!("{} · {} AZs", info.name, info.azs.len()),
                None => "not in the region catalog".to_string(),
            };
            let tag = match r.role {
                RegionRole::Primary => "primary",
                RegionRole::Secondary => "secondary",
            };
            Label {
                title: r.code.clone(),
                detail,
                tag: tag.into(),
            }
        }
        (_, Some(ObjectRef::Vpc { vpc, .. })) => {
            let nat = match vpc.nat {
                NatMode::None => "no NAT",
                NatMode::Single => "1 NAT",
                NatMode::PerAz => "NAT per AZ",
            };
            Label {
                title: vpc.name.clone(),
                detail: vpc.cidr.clone(),
                tag: nat.into(),
            }
        }
        (_, Some(ObjectRef::Subnet { subnet, .. })) => l(subnet.name.clone(), subnet.cidr.clone()),
        (_, Some(ObjectRef::VpcNode { region, node, .. })) => l(
            node.name().to_string(),
            vpc_node_detail(node, region.role == RegionRole::Primary),
        ),
        (_, Some(ObjectRef::RegionNode { node, .. })) => {
            l(node.name().to_string(), region_node_detail(node))
        }
        // A replica of another region's DynamoDB global table (`table@region`).
        (ShapeKind::Node(_), None) => match shape
            .id
            .split_once('@')
            .and_then(|(t, _)| index.region_node(t))
        {
            Some((home, node)) => l(node.name().to_string(), format!("replica of {}", home.code)),
            None => l(shape.id.clone(), String::new()),
        },
        (_, Some(o @ ObjectRef::Record(r))) => l(
            canvas_name(design, &o),
            format!(
                "{} {} · {} targets",
                r.kind.as_str(),
                r.policy.as_str(),
                r.targets.len()
            ),
        ),
        (_, Some(ObjectRef::Accelerator(a))) => l(
            a.name.clone(),
            format!(
                "{} {} · {} endpoints",
                a.listener.protocol.as_str(),
                a.listener.port,
                a.endpoints.len()
            ),
        ),
        _ => l(shape.id.clone(), String::new()),
    }
}

/// `in_primary`: whether the node's region is the primary one, which makes
/// an Aurora global member the writer of its cluster.
fn vpc_node_detail(node: &VpcNode, in_primary: bool) -> String {
    match node {
        VpcNode::Alb(a) => {
            let scheme = if a.internal { " · internal" } else { "" };
            format!(
                "ALB · {} {}{scheme}",
                a.listener.protocol.as_str(),
                a.listener.port
            )
        }
        VpcNode::Asg(a) => format!(
            "ASG {}/{}/{} · {}",
            a.min, a.desired, a.max, a.instance_type
        ),
        VpcNode::Rds(r) => {
            let role = if r.replica_of.is_some() {
                "replica"
            } else if r.multi_az {
                "multi-AZ"
            } else {
                "single-AZ"
            };
            format!("RDS {} · {role}", r.engine.as_str())
        }
        VpcNode::Aurora(a) => {
            let role = match (&a.global, in_primary) {
                (Some(_), true) => " writer",
                (Some(_), false) => " secondary",
                (None, _) => "",
            };
            format!("Aurora{role} · ×{}", a.instances)
        }
        VpcNode::Ecs(e) => format!(
            "ECS {}/{}/{} · {} vCPU",
            e.min,
            e.desired,
            e.max,
            vcpu(e.cpu)
        ),
        VpcNode::Elasticache(c) => {
            let az = if c.multi_az { " · multi-AZ" } else { "" };
            format!("{} ×{}{az}", c.engine.as_str(), c.nodes)
        }
    }
}

/// Fargate CPU units as vCPUs: `0.25`, `1`, `16`.
fn vcpu(units: u32) -> String {
    if units % 1024 == 0 {
        (units / 1024).to_string()
    } else {
        let v = f64::from(units) / 1024.0;
        format!("{v}")
    }
}

fn region_node_detail(node: &RegionNode) -> String {
    match node {
        RegionNode::S3(s) => format!("S3 {}", s.bucket),
        RegionNode::Dynamodb(t) => {
            let n = t.replicas.len();
            if n == 0 {
                "DynamoDB table".into()
            } else {
                format!("DynamoDB · {} regions", n + 1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::layout::layout;
    use crate::core::templates::template;

    fn labels_of(id: &str) -> Vec<(String, Label)> {
        let d = template(id).unwrap().design().unwrap();
        let index = Index::new(&d);
        layout(&d)
            .shapes
            .iter()
            .map(|s| (s.id.clone(), label(s, &d, &index)))
            .collect()
    }

    fn find<'a>(all: &'a [(String, Label)], id: &str) -> &'a Label {
        &all.iter().find(|(i, _)| i == id).unwrap().1
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        assert_eq!(fit("public-a", 8), "public-a");
        assert_eq!(fit("media-prod-assets", 8), "media-p…");
        assert_eq!(fit("é€ü", 2), "é…");
        // Wide characters take two columns, marks none.
        assert_eq!(fit(&"😀".repeat(40), 16), format!("{}…", "😀".repeat(7)));
        assert_eq!(fit("東京リージョン", 8), "東京リ…");
        assert_eq!(fit("e\u{301}e\u{301}", 2), "e\u{301}e\u{301}");
    }

    #[test]
    fn regions_show_code_catalog_name_and_az_count() {
        let all = labels_of("active-passive");
        let r = find(&all, "use1");
        assert_eq!(r.title, "us-east-1");
        assert_eq!(r.tag, "primary");
        assert_eq!(r.detail, "US East (N. Virginia) · 6 AZs");
        assert!(r.full(ShapeKind::Region).starts_with("Region: us-east-1"));
    }

    #[test]
    fn vpcs_and_subnets_show_their_cidrs() {
        let all = labels_of("aurora-global");
        assert_eq!(find(&all, "use1-main").detail, "10.0.0.0/16");
        assert_eq!(find(&all, "use1-main@use1-az1").title, "use1-az1");
        let d = template("aurora-global").unwrap().design().unwrap();
        let s = &d.regions[0].vpcs[0].subnets[0];
        assert_eq!(find(&all, &s.id).detail, s.cidr);
    }

    #[test]
    fn aurora_members_say_writer_or_secondary() {
        let all = labels_of("aurora-global");
        let d = template("aurora-global").unwrap().design().unwrap();
        for r in &d.regions {
            for n in r
                .vpcs
                .iter()
                .flat_map(|v| &v.nodes)
                .filter(|n| n.kind() == crate::core::model::NodeKind::Aurora)
            {
                let want = if r.role == RegionRole::Primary {
                    "Aurora writer"
                } else {
                    "Aurora secondary"
                };
                assert!(
                    find(&all, n.id()).detail.starts_with(want),
                    "{:?}",
                    find(&all, n.id())
                );
            }
        }
    }

    #[test]
    fn replicas_name_their_home_region() {
        let all = labels_of("active-active");
        let replica = all
            .iter()
            .find(|(id, l)| id.contains('@') && !id.starts_with('@') && l.title == "sessions")
            .unwrap();
        assert!(replica.1.detail.starts_with("replica of "), "{replica:?}");
    }
}
