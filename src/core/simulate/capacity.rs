//! The load model: which regions serve traffic in normal operation, and
//! whether the survivors' groups and services can carry a lost region's
//! load. Load is measured in desired instances and tasks, as the design
//! sizes them for the traffic it serves.

use super::Capacity;
use crate::core::model::{
    Aurora, Design, FailoverRole, Index, Rds, Region, RegionNode, RoutingPolicy, VpcNode,
};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// The regions that take traffic before anything fails.
pub(super) struct Serving<'a> {
    regions: BTreeSet<String>,
    /// Where each database has its copies (built once for every scenario).
    pub(super) copies: Copies<'a>,
}

/// Cross-region copies by what they copy: RDS replicas by source id,
/// Aurora members by global cluster name.
#[derive(Default)]
pub(super) struct Copies<'a> {
    replicas: FxHashMap<&'a str, Vec<(&'a Region, &'a Rds)>>,
    members: FxHashMap<&'a str, Vec<(&'a Region, &'a Aurora)>>,
    /// The regions of the buckets that replicate into each bucket, by its id.
    s3_sources: FxHashMap<&'a str, Vec<&'a Region>>,
}

impl<'a> Copies<'a> {
    fn of(design: &'a Design) -> Self {
        let mut c = Copies::default();
        for r in &design.regions {
            for n in &r.nodes {
                if let RegionNode::S3(b) = n {
                    if let Some(dst) = &b.replicate_to {
                        c.s3_sources.entry(dst.as_str()).or_default().push(r);
                    }
                }
            }
            for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
                match n {
                    VpcNode::Rds(x) => {
                        if let Some(src) = &x.replica_of {
                            c.replicas.entry(src.as_str()).or_default().push((r, x));
                        }
                    }
                    VpcNode::Aurora(a) => {
                        if let Some(g) = &a.global {
                            c.members.entry(g.as_str()).or_default().push((r, a));
                        }
                    }
                    _ => {}
                }
            }
        }
        c
    }

    /// The replicas of RDS instance `id`, anywhere.
    pub(super) fn replicas(&self, id: &str) -> impl Iterator<Item = (&'a Region, &'a Rds)> + '_ {
        self.replicas.get(id).into_iter().flatten().copied()
    }

    /// The regions of the buckets that replicate into bucket `id`.
    pub(super) fn s3_sources(&self, id: &str) -> impl Iterator<Item = &'a Region> + '_ {
        self.s3_sources.get(id).into_iter().flatten().copied()
    }

    /// The members of global cluster `global`.
    pub(super) fn members(
        &self,
        global: &str,
    ) -> impl Iterator<Item = (&'a Region, &'a Aurora)> + '_ {
        self.members.get(global).into_iter().flatten().copied()
    }
}

impl<'a> Serving<'a> {
    /// Reads the design's DNS records and accelerators: a failover record's
    /// primary serves, its secondary waits; every target of the other
    /// policies serves, as does every accelerator endpoint with a traffic
    /// dial and weight above zero. A design without either: every region
    /// with a load balancer serves (each is called directly).
    pub(super) fn of(design: &'a Design, idx: &Index<'_>) -> Serving<'a> {
        let region_of = |id: &str| idx.get(id).and_then(|o| o.region()).map(|r| r.code.clone());
        let mut regions = BTreeSet::new();
        let mut any_door = false;
        for r in design.dns.iter().flat_map(|d| &d.records) {
            any_door = true;
            for t in &r.targets {
                let serves = match r.policy {
                    RoutingPolicy::Failover => t.role != Some(FailoverRole::Secondary),
                    RoutingPolicy::Weighted => t.weight != Some(0),
                    _ => true,
                };
                if serves {
                    regions.extend(region_of(&t.target));
                }
            }
        }
        for a in &design.accelerators {
            any_door = true;
            for e in a
                .endpoints
                .iter()
                .filter(|e| e.weight > 0 && e.traffic_dial > 0)
            {
                regions.extend(region_of(&e.target));
            }
        }
        if !any_door {
            for r in &design.regions {
                if r.vpcs
                    .iter()
                    .flat_map(|v| &v.nodes)
                    .any(|n| matches!(n, VpcNode::Alb(_)))
                {
                    regions.insert(r.code.clone());
                }
            }
        }
        Serving {
            regions,
            copies: Copies::of(design),
        }
    }

    /// Whether `code` takes traffic in normal operation.
    pub(super) fn region_serves(&self, code: &str) -> bool {
        self.regions.contains(code)
    }
}

/// (desired, max, scales) of every group or service behind a load balancer
/// in region `code`, by unit.
fn apps<'a>(
    design: &'a Design,
    code: &'a str,
) -> impl Iterator<Item = (&'static str, u32, u32, bool)> + 'a {
    design
        .regions
        .iter()
        .filter(move |r| r.code == code)
        .flat_map(|r| r.vpcs.iter())
        .flat_map(|v| v.nodes.iter())
        .filter_map(|n| match n {
            VpcNode::Asg(g) if g.target.is_some() => {
                Some(("instances", g.desired, g.max, g.scaling.is_some()))
            }
            VpcNode::Ecs(e) if e.target.is_some() => {
                Some(("tasks", e.desired, e.max, e.scaling.is_some()))
            }
            _ => None,
        })
}

/// Per unit: what the survivors of losing `code` need, run and may grow to,
/// and whether every surviving group or service of that unit scales by
/// itself (target tracking).
pub(super) fn after_region_loss(
    design: &Design,
    serving: &Serving,
    code: &str,
) -> Vec<(Capacity, bool)> {
    let mut out = Vec::new();
    for unit in ["instances", "tasks"] {
        let lost_load: u32 = if serving.region_serves(code) {
            apps(design, code)
                .filter(|a| a.0 == unit)
                .map(|a| a.1)
                .sum()
        } else {
            0
        };
        let (mut own, mut running, mut max, mut all_scale, mut any) =
            (0u32, 0u32, 0u32, true, false);
        for r in design.regions.iter().filter(|r| r.code != code) {
            for (_, desired, m, scales) in apps(design, &r.code).filter(|a| a.0 == unit) {
                any = true;
                running = running.saturating_add(desired);
                max = max.saturating_add(m);
                all_scale &= scales;
                if serving.region_serves(&r.code) {
                    own = own.saturating_add(desired);
                }
            }
        }
        if lost_load == 0 && !any {
            continue;
        }
        let needed = own.saturating_add(lost_load);
        out.push((
            Capacity {
                unit,
                needed,
                running,
                max,
            },
            any && all_scale,
        ));
    }
    out
}
