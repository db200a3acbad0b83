//! Where every object of a design lies: its region and the availability
//! zones it spans. Computed once per design, so the canvas can ask, for
//! each of thousands of shapes and links, whether a failure takes it down
//! without walking the design again.
//!
//! Subnets lie in one AZ; a workload in a VPC spans the AZs of the subnets
//! it uses; VPCs, regional services (S3, DynamoDB) and regions lie in a
//! region but no single AZ; DNS records and accelerators are global and
//! lie nowhere. Canvas-only shapes are placed too: an AZ band (`vpc@az`)
//! lies in its AZ, a DynamoDB replica (`table@region-id`) in its region.

use super::Failure;
use crate::core::model::Design;
use std::collections::HashMap;

/// One object's place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// The region code (`us-east-1`).
    pub region: String,
    /// The AZ ids it spans, sorted, without repeats; empty when it is not
    /// in any single AZ (a VPC, a bucket) or uses no subnet.
    pub azs: Vec<String>,
}

/// Every object's place, by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Located {
    places: HashMap<String, Place>,
    /// AZ id to region code, for AZ failures.
    az_region: HashMap<String, String>,
}

impl Located {
    /// Locates every object of `design`.
    pub fn of(design: &Design) -> Located {
        let mut out = Located::default();
        for r in &design.regions {
            let here = |azs: Vec<String>| Place {
                region: r.code.clone(),
                azs,
            };
            out.places.insert(r.id.clone(), here(vec![]));
            for v in &r.vpcs {
                out.places.insert(v.id.clone(), here(vec![]));
                let mut subnet_az: HashMap<&str, &str> = HashMap::new();
                for s in &v.subnets {
                    subnet_az.insert(&s.id, &s.az);
                    out.places.insert(s.id.clone(), here(vec![s.az.clone()]));
                    out.places
                        .insert(format!("{}@{}", v.id, s.az), here(vec![s.az.clone()]));
                    out.az_region.insert(s.az.clone(), r.code.clone());
                }
                for n in &v.nodes {
                    let mut azs: Vec<String> = n
                        .subnets()
                        .iter()
                        .filter_map(|s| subnet_az.get(s.as_str()).map(|a| a.to_string()))
                        .collect();
                    azs.sort();
                    azs.dedup();
                    out.places.insert(n.id().to_string(), here(azs));
                }
            }
            for n in &r.nodes {
                out.places.insert(n.id().to_string(), here(vec![]));
            }
        }
        // DynamoDB replica shapes: `table@region-id`.
        for r in &design.regions {
            for n in &r.nodes {
                if let crate::core::model::RegionNode::Dynamodb(t) = n {
                    for code in t.replicas.iter().filter(|c| **c != r.code) {
                        if let Some(other) = design.regions.iter().find(|o| &o.code == code) {
                            out.places.insert(
                                crate::core::layout::replica_id(&t.id, &other.id),
                                Place {
                                    region: other.code.clone(),
                                    azs: vec![],
                                },
                            );
                        }
                    }
                }
            }
        }
        out
    }

    /// Where `id` lies, when it lies in a region.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.get(id)
    }

    /// The region code `id` lies in.
    pub fn region_of(&self, id: &str) -> Option<&str> {
        self.places.get(id).map(|p| p.region.as_str())
    }

    /// The region code AZ `az` belongs to.
    pub fn region_of_az(&self, az: &str) -> Option<&str> {
        self.az_region.get(az).map(String::as_str)
    }

    /// The failure the `O` key means for `id`: its AZ when it lies in one
    /// (the first of several), else its region; `None` for global objects.
    /// With `region`, always its region (`Shift+O`).
    pub fn failure_for(&self, id: &str, region: bool) -> Option<Failure> {
        let p = self.places.get(id)?;
        match p.azs.first() {
            Some(az) if !region => Some(Failure::Az(az.clone())),
            _ => Some(Failure::Region(p.region.clone())),
        }
    }

    /// Whether `failure` takes `id` down: everything in a lost region, and
    /// in a lost AZ whatever lies in that AZ alone (a load balancer across
    /// two AZs survives one). Global objects never go down here (see
    /// [`super::reroute`] for records and accelerators).
    pub fn down(&self, id: &str, failure: &Failure) -> bool {
        let Some(p) = self.places.get(id) else {
            return false;
        };
        match failure {
            Failure::Region(code) => &p.region == code,
            Failure::Az(az) => !p.azs.is_empty() && p.azs.iter().all(|a| a == az),
            Failure::Component(c) => c == id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{for_each_object, ObjectRef};
    use crate::core::templates::TEMPLATES;

    #[test]
    fn every_object_of_every_template_but_global_ones_is_located() {
        for t in TEMPLATES {
            let d = t.design().expect("template loads");
            let at = Located::of(&d);
            for_each_object(&d, |o| {
                let global = matches!(
                    o,
                    ObjectRef::Record(_) | ObjectRef::Accelerator(_) | ObjectRef::Peering(_)
                );
                assert_eq!(at.place(o.id()).is_none(), global, "{} {}", t.id, o.id());
                if let Some(r) = o.region() {
                    assert_eq!(at.region_of(o.id()), Some(r.code.as_str()), "{}", o.id());
                }
            });
        }
    }

    #[test]
    fn workloads_span_their_subnets_azs_and_fail_only_when_all_are_lost() {
        let d = crate::core::templates::template("active-passive")
            .and_then(|t| t.design().ok())
            .expect("template");
        let at = Located::of(&d);
        let r = &d.regions[0];
        let v = &r.vpcs[0];
        let multi = v
            .nodes
            .iter()
            .find(|n| at.place(n.id()).is_some_and(|p| p.azs.len() > 1))
            .expect("a multi-AZ workload");
        let az = at.place(multi.id()).expect("placed").azs[0].clone();
        assert!(!at.down(multi.id(), &Failure::Az(az.clone())));
        assert!(at.down(multi.id(), &Failure::Region(r.code.clone())));
        let subnet = v.subnets.iter().find(|s| s.az == az).expect("subnet");
        assert!(at.down(&subnet.id, &Failure::Az(az.clone())));
        assert!(at.down(&format!("{}@{az}", v.id), &Failure::Az(az.clone())));
        assert_eq!(at.region_of_az(&az), Some(r.code.as_str()));
        // O fails the AZ, Shift+O the region; a VPC has no single AZ.
        assert_eq!(at.failure_for(&subnet.id, false), Some(Failure::Az(az)));
        assert_eq!(
            at.failure_for(&subnet.id, true),
            Some(Failure::Region(r.code.clone()))
        );
        assert_eq!(
            at.failure_for(&v.id, false),
            Some(Failure::Region(r.code.clone()))
        );
        // Nothing in the other region goes down with this one.
        let other = &d.regions[1];
        assert!(!at.down(&other.id, &Failure::Region(r.code.clone())));
        assert!(!at.down("no-such-id", &Failure::Region(r.code.clone())));
    }
}
