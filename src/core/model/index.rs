//! A lookup of every object in a design by id, built on demand.
//!
//! The design stores objects nested (regions hold VPCs hold subnets); rules,
//! the exporter and the canvas need to go from an id to the object and its
//! containers. The index is derived, never stored, and cheap to rebuild.

use super::{
    Accelerator, Design, NodeKind, Peering, Record, Region, RegionNode, Subnet, Vpc, VpcNode,
};
use rustc_hash::FxHashMap;

/// One object of a design, with the containers it sits in.
#[derive(Debug, Clone, Copy)]
pub enum ObjectRef<'a> {
    /// A region.
    Region(&'a Region),
    /// A VPC in its region.
    Vpc { region: &'a Region, vpc: &'a Vpc },
    /// A subnet in its VPC.
    Subnet {
        region: &'a Region,
        vpc: &'a Vpc,
        subnet: &'a Subnet,
    },
    /// A workload in its VPC.
    VpcNode {
        region: &'a Region,
        vpc: &'a Vpc,
        node: &'a VpcNode,
    },
    /// A regional service.
    RegionNode {
        region: &'a Region,
        node: &'a RegionNode,
    },
    /// A peering connection.
    Peering(&'a Peering),
    /// A DNS record.
    Record(&'a Record),
    /// A Global Accelerator.
    Accelerator(&'a Accelerator),
}

/// What sort of object an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    Region,
    Vpc,
    Subnet,
    Node(NodeKind),
    Peering,
    Record,
    Accelerator,
}

impl ObjectKind {
    /// How a person calls this kind of object.
    pub fn label(self) -> &'static str {
        match self {
            ObjectKind::Region => "region",
            ObjectKind::Vpc => "VPC",
            ObjectKind::Subnet => "subnet",
            ObjectKind::Node(k) => k.label(),
            ObjectKind::Peering => "peering connection",
            ObjectKind::Record => "DNS record",
            ObjectKind::Accelerator => "accelerator",
        }
    }
}

impl<'a> ObjectRef<'a> {
    /// The kind of the object.
    pub fn kind(&self) -> ObjectKind {
        match self {
            ObjectRef::Region(_) => ObjectKind::Region,
            ObjectRef::Vpc { .. } => ObjectKind::Vpc,
            ObjectRef::Subnet { .. } => ObjectKind::Subnet,
            ObjectRef::VpcNode { node, .. } => ObjectKind::Node(node.kind()),
            ObjectRef::RegionNode { node, .. } => ObjectKind::Node(node.kind()),
            ObjectRef::Peering(_) => ObjectKind::Peering,
            ObjectRef::Record(_) => ObjectKind::Record,
            ObjectRef::Accelerator(_) => ObjectKind::Accelerator,
        }
    }

    /// The object's id.
    pub fn id(&self) -> &'a str {
        match *self {
            ObjectRef::Region(r) => &r.id,
            ObjectRef::Vpc { vpc, .. } => &vpc.id,
            ObjectRef::Subnet { subnet, .. } => &subnet.id,
            ObjectRef::VpcNode { node, .. } => node.id(),
            ObjectRef::RegionNode { node, .. } => node.id(),
            ObjectRef::Peering(p) => &p.id,
            ObjectRef::Record(r) => &r.id,
            ObjectRef::Accelerator(a) => &a.id,
        }
    }

    /// A short human name: the display name where there is one, else the id.
    pub fn display_name(&self) -> &'a str {
        match *self {
            ObjectRef::Region(r) => &r.code,
            ObjectRef::Vpc { vpc, .. } => &vpc.name,
            ObjectRef::Subnet { subnet, .. } => &subnet.name,
            ObjectRef::VpcNode { node, .. } => node.name(),
            ObjectRef::RegionNode { node, .. } => node.name(),
            ObjectRef::Peering(p) => &p.id,
            ObjectRef::Record(r) => &r.name,
            ObjectRef::Accelerator(a) => &a.name,
        }
    }

    /// The region the object lives in, for regional objects.
    pub fn region(&self) -> Option<&'a Region> {
        match *self {
            ObjectRef::Region(r) => Some(r),
            ObjectRef::Vpc { region, .. }
            | ObjectRef::Subnet { region, .. }
            | ObjectRef::VpcNode { region, .. }
            | ObjectRef::RegionNode { region, .. } => Some(region),
            _ => None,
        }
    }

    /// The VPC the object lives in, for objects inside a VPC.
    pub fn vpc(&self) -> Option<&'a Vpc> {
        match *self {
            ObjectRef::Vpc { vpc, .. }
            | ObjectRef::Subnet { vpc, .. }
            | ObjectRef::VpcNode { vpc, .. } => Some(vpc),
            _ => None,
        }
    }
}

/// Calls `f` on every object of the design that has an id, in file order.
pub fn for_each_object<'a>(design: &'a Design, mut f: impl FnMut(ObjectRef<'a>)) {
    for region in &design.regions {
        f(ObjectRef::Region(region));
        for vpc in &region.vpcs {
            f(ObjectRef::Vpc { region, vpc });
            for subnet in &vpc.subnets {
                f(ObjectRef::Subnet {
                    region,
                    vpc,
                    subnet,
                });
            }
            for node in &vpc.nodes {
                f(ObjectRef::VpcNode { region, vpc, node });
            }
        }
        for node in &region.nodes {
            f(ObjectRef::RegionNode { region, node });
        }
    }
    for p in &design.peerings {
        f(ObjectRef::Peering(p));
    }
    if let Some(dns) = &design.dns {
        for r in &dns.records {
            f(ObjectRef::Record(r));
        }
    }
    for a in &design.accelerators {
        f(ObjectRef::Accelerator(a));
    }
}

/// The object with this id, the first in file order as [`Index::get`]
/// gives it, found without building an index: for a view that asks about
/// one object on every edit (the inspector), a walk is cheaper than a map
/// of the stress design's 7,000 objects.
pub fn find_object<'a>(design: &'a Design, id: &str) -> Option<ObjectRef<'a>> {
    let mut found = None;
    for_each_object(design, |o| {
        if found.is_none() && o.id() == id {
            found = Some(o);
        }
    });
    found
}

/// Every object of a design by id.
///
/// When ids repeat (only possible in a design that did not come through
/// [`super::load`]), the first object wins.
#[derive(Debug, Clone)]
pub struct Index<'a> {
    by_id: FxHashMap<&'a str, ObjectRef<'a>>,
}

impl<'a> Index<'a> {
    /// Builds the index of `design`.
    pub fn new(design: &'a Design) -> Self {
        let mut by_id = FxHashMap::default();
        for_each_object(design, |o| {
            by_id.entry(o.id()).or_insert(o);
        });
        Index { by_id }
    }

    /// The object with this id.
    pub fn get(&self, id: &str) -> Option<ObjectRef<'a>> {
        self.by_id.get(id).copied()
    }

    /// The subnet with this id, with its VPC and region.
    pub fn subnet(&self, id: &str) -> Option<(&'a Region, &'a Vpc, &'a Subnet)> {
        match self.get(id)? {
            ObjectRef::Subnet {
                region,
                vpc,
                subnet,
            } => Some((region, vpc, subnet)),
            _ => None,
        }
    }

    /// The VPC node with this id, with its VPC and region.
    pub fn vpc_node(&self, id: &str) -> Option<(&'a Region, &'a Vpc, &'a VpcNode)> {
        match self.get(id)? {
            ObjectRef::VpcNode { region, vpc, node } => Some((region, vpc, node)),
            _ => None,
        }
    }

    /// The region node with this id, with its region.
    pub fn region_node(&self, id: &str) -> Option<(&'a Region, &'a RegionNode)> {
        match self.get(id)? {
            ObjectRef::RegionNode { region, node } => Some((region, node)),
            _ => None,
        }
    }

    /// The VPC with this id, with its region.
    pub fn vpc(&self, id: &str) -> Option<(&'a Region, &'a Vpc)> {
        match self.get(id)? {
            ObjectRef::Vpc { region, vpc } => Some((region, vpc)),
            _ => None,
        }
    }

    /// How many objects have ids.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// True for a design with no objects.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_object` gives what the index gives, for every id of every template
    /// (and of a design with a repeated id) and for ids that are not there.
    #[test]
    fn find_agrees_with_the_index() {
        let mut designs: Vec<Design> = crate::core::templates::TEMPLATES
            .iter()
            .map(|t| t.design().expect("a template loads"))
            .collect();
        let mut twice = designs[0].clone();
        let copy = twice.regions[0].clone();
        twice.regions.push(copy);
        designs.push(twice);
        for d in &designs {
            let index = Index::new(d);
            let mut ids = Vec::new();
            for_each_object(d, |o| ids.push(o.id().to_string()));
            assert!(ids.len() > 5);
            ids.extend(["", "nope", "euw1@", "a b"].map(String::from));
            for id in &ids {
                let (a, b) = (find_object(d, id), index.get(id));
                assert_eq!(
                    a.map(|o| (o.id(), o.kind())),
                    b.map(|o| (o.id(), o.kind())),
                    "{id}"
                );
                assert!(
                    a.zip(b)
                        .is_none_or(|(a, b)| std::ptr::eq(a.display_name(), b.display_name())),
                    "{id}: the first of a repeated id"
                );
            }
        }
    }
}
