//! Where the objects a scenario looks up live: the targets of DNS records
//! and accelerators and the destinations of bucket replication. Built once
//! per design from only those ids, so simulating every failure of a large
//! design does not first index its thousands of other objects.

use crate::core::model::{Alb, Design, Region, VpcNode};
use rustc_hash::{FxHashMap, FxHashSet};

/// The region of each looked-up object, and the object itself when it is a
/// load balancer (whose target health detects a failure).
#[derive(Default)]
pub(super) struct Places<'a> {
    at: FxHashMap<&'a str, (&'a Region, Option<&'a Alb>)>,
}

impl<'a> Places<'a> {
    pub(super) fn of(design: &'a Design) -> Self {
        let mut wanted: FxHashSet<&str> = FxHashSet::default();
        for r in design.dns.iter().flat_map(|d| &d.records) {
            wanted.extend(r.targets.iter().map(|t| t.target.as_str()));
        }
        for a in &design.accelerators {
            wanted.extend(a.endpoints.iter().map(|e| e.target.as_str()));
        }
        for r in &design.regions {
            for n in &r.nodes {
                if let crate::core::model::RegionNode::S3(b) = n {
                    wanted.extend(b.replicate_to.as_deref());
                }
            }
        }
        let mut p = Places::default();
        if wanted.is_empty() {
            return p;
        }
        p.at.reserve(wanted.len());
        let mut put = |id: &'a str, r: &'a Region, alb: Option<&'a Alb>| {
            if wanted.contains(id) {
                p.at.insert(id, (r, alb));
            }
        };
        for r in &design.regions {
            put(&r.id, r, None);
            for n in &r.nodes {
                put(n.id(), r, None);
            }
            for v in &r.vpcs {
                put(&v.id, r, None);
                for x in &v.subnets {
                    put(&x.id, r, None);
                }
                for n in &v.nodes {
                    let alb = match n {
                        VpcNode::Alb(a) => Some(a),
                        _ => None,
                    };
                    put(n.id(), r, alb);
                }
            }
        }
        p
    }

    /// The region of object `id`; `None` for a global object (an
    /// accelerator) or an id the lookups did not ask for.
    pub(super) fn region(&self, id: &str) -> Option<&'a Region> {
        self.at.get(id).map(|(r, _)| *r)
    }

    /// The load balancer `id`.
    pub(super) fn alb(&self, id: &str) -> Option<&'a Alb> {
        self.at.get(id).and_then(|(_, a)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Index, ObjectRef};

    /// Every id a scenario looks up resolves as the full index resolves it.
    #[test]
    fn places_agree_with_the_full_index() {
        let mut designs = vec![crate::core::stress::stress_design()];
        designs.extend(
            crate::core::templates::TEMPLATES
                .iter()
                .filter_map(|t| t.design().ok()),
        );
        for d in &designs {
            let idx = Index::new(d);
            let p = Places::of(d);
            let mut ids: Vec<&str> = d
                .dns
                .iter()
                .flat_map(|x| &x.records)
                .flat_map(|r| &r.targets)
                .map(|t| t.target.as_str())
                .collect();
            ids.extend(
                d.accelerators
                    .iter()
                    .flat_map(|a| &a.endpoints)
                    .map(|e| e.target.as_str()),
            );
            assert!(!ids.is_empty());
            for id in ids {
                let full = idx.get(id);
                assert_eq!(
                    p.region(id).map(|r| &r.code),
                    full.and_then(|o| o.region()).map(|r| &r.code),
                    "{id}"
                );
                let alb = match full {
                    Some(ObjectRef::VpcNode {
                        node: VpcNode::Alb(a),
                        ..
                    }) => Some(&a.id),
                    _ => None,
                };
                assert_eq!(p.alb(id).map(|a| &a.id), alb, "{id}");
            }
        }
    }
}
