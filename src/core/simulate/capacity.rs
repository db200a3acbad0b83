//! The load model: which regions serve traffic in normal operation, and
//! whether the survivors' groups and services can carry a lost region's
//! load. Load is measured in desired instances and tasks, as the design
//! sizes them for the traffic it serves.

use super::Capacity;
use crate::core::model::{
    Aurora, Design, FailoverRole, Rds, Region, RegionNode, RoutingPolicy, VpcNode,
};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// The regions that take traffic before anything fails.
pub(super) struct Serving<'a> {
    regions: BTreeSet<String>,
    /// Per way in (record or accelerator): the regions of the targets it
    /// answers with, and of those it falls back to when every one of
    /// those is lost (a failover record's secondary, weight or traffic
    /// dial 0).
    ways: Vec<(BTreeSet<String>, BTreeSet<String>)>,
    /// Per region code, the groups and services behind a load balancer,
    /// summed by unit (built once for every scenario).
    loads: FxHashMap<&'a str, [Load; 2]>,
    /// Where each database has its copies (built once for every scenario).
    pub(super) copies: Copies<'a>,
    /// Where the failover records send traffic when the primary is lost
    /// ([`super::failover_takers`]): the runbook promotes there first.
    pub(super) takers: Vec<String>,
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
    /// `region_of`: the region code of a record's or accelerator's target.
    pub(super) fn of<'r>(
        design: &'a Design,
        region_of: impl Fn(&str) -> Option<&'r str>,
    ) -> Serving<'a> {
        let region_of = |id: &str| region_of(id).map(str::to_string);
        let mut regions = BTreeSet::new();
        let mut ways = Vec::new();
        let mut any_door = false;
        for r in design.dns.iter().flat_map(|d| &d.records) {
            any_door = true;
            let (mut on, mut off) = (BTreeSet::new(), BTreeSet::new());
            for t in &r.targets {
                let serves = match r.policy {
                    RoutingPolicy::Failover => t.role != Some(FailoverRole::Secondary),
                    RoutingPolicy::Weighted => super::weighted_serves(r, t),
                    _ => true,
                };
                let into = if serves { &mut on } else { &mut off };
                match design.accelerators.iter().find(|a| a.id == t.target) {
                    // A record aimed at an accelerator answers with the
                    // regions of its endpoints (those that take traffic,
                    // while it serves).
                    Some(a) => into.extend(
                        a.endpoints
                            .iter()
                            .filter(|e| !serves || (e.weight > 0 && e.traffic_dial > 0))
                            .filter_map(|e| region_of(&e.target)),
                    ),
                    None => into.extend(region_of(&t.target)),
                }
            }
            regions.extend(on.iter().cloned());
            ways.push((on, off));
        }
        for a in &design.accelerators {
            any_door = true;
            let (mut on, mut off) = (BTreeSet::new(), BTreeSet::new());
            for e in &a.endpoints {
                let serves = e.weight > 0 && e.traffic_dial > 0;
                if serves { &mut on } else { &mut off }.extend(region_of(&e.target));
            }
            regions.extend(on.iter().cloned());
            ways.push((on, off));
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
            ways,
            loads: Load::by_region(design),
            copies: Copies::of(design),
            takers: super::failover_takers(design),
        }
    }

    /// A copy's rank as a database to promote ([`super::promotion_rank`]).
    pub(super) fn taker_rank(&self, code: &str) -> u8 {
        super::promotion_rank(&self.takers, code)
    }

    /// Whether `code` takes traffic in normal operation.
    pub(super) fn region_serves(&self, code: &str) -> bool {
        self.regions.contains(code)
    }

    /// Whether region `other` takes traffic once `lost` is lost: it served
    /// already, or a way in whose every serving target was in `lost` falls
    /// back to it. A region no way in sends traffic to carries none of the
    /// lost load, whatever it runs.
    fn carries_after(&self, lost: &str, other: &str) -> bool {
        self.region_serves(other)
            || self.ways.iter().any(|(on, off)| {
                !on.is_empty() && on.iter().all(|c| c == lost) && off.contains(other)
            })
    }
}

/// The two units of compute, in the order scenarios report them.
const UNITS: [&str; 2] = ["instances", "tasks"];

/// What the groups (or services) of a region behind a load balancer add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Load {
    /// Their desired sizes: the load they carry (a sum of u32s: never
    /// near u64's limit, so plain additions cannot overflow).
    desired: u64,
    /// Their maximum sizes.
    max: u64,
    /// Whether every one of them scales by itself (target tracking).
    all_scale: bool,
    /// Whether there is any.
    any: bool,
}

impl Default for Load {
    fn default() -> Self {
        Load {
            desired: 0,
            max: 0,
            all_scale: true,
            any: false,
        }
    }
}

impl Load {
    fn add(&mut self, desired: u32, max: u32, scales: bool) {
        self.desired += u64::from(desired);
        self.max += u64::from(max);
        self.all_scale &= scales;
        self.any = true;
    }

    /// Per region code, per unit ([`UNITS`]).
    fn by_region(design: &Design) -> FxHashMap<&str, [Load; 2]> {
        let mut out: FxHashMap<&str, [Load; 2]> = FxHashMap::default();
        for r in &design.regions {
            let loads = out.entry(r.code.as_str()).or_default();
            for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
                match n {
                    VpcNode::Asg(g) if g.target.is_some() => {
                        loads[0].add(g.desired, g.max, g.scaling.is_some())
                    }
                    VpcNode::Ecs(e) if e.target.is_some() => {
                        loads[1].add(e.desired, e.max, e.scaling.is_some())
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// Per unit: what the survivors of losing `code` need, run and may grow to,
/// and whether every surviving group or service of that unit scales by
/// itself (target tracking).
pub(super) fn after_region_loss(
    design: &Design,
    serving: &Serving,
    code: &str,
) -> Vec<(Capacity, bool)> {
    let none = [Load::default(); 2];
    let load_of = |c: &str| serving.loads.get(c).unwrap_or(&none);
    let mut out = Vec::new();
    for (u, unit) in UNITS.into_iter().enumerate() {
        let lost_load = if serving.region_serves(code) {
            load_of(code)[u].desired
        } else {
            0
        };
        let (mut own, mut running, mut max, mut all_scale, mut any) =
            (0u64, 0u64, 0u64, true, false);
        for r in design
            .regions
            .iter()
            .filter(|r| r.code != code && serving.carries_after(code, &r.code))
        {
            let l = load_of(&r.code)[u];
            if !l.any {
                continue;
            }
            any = true;
            running += l.desired;
            max += l.max;
            all_scale &= l.all_scale;
            if serving.region_serves(&r.code) {
                own += l.desired;
            }
        }
        if lost_load == 0 && !any {
            continue;
        }
        let needed = own + lost_load;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::stress::stress_design;

    /// The straightforward sums the per-design table replaces: every group
    /// or service behind a load balancer in region `code`, by unit.
    fn load_by_scan(design: &Design, code: &str, unit: usize) -> Load {
        let mut l = Load::default();
        for r in design.regions.iter().filter(|r| r.code == code) {
            for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
                match (unit, n) {
                    (0, VpcNode::Asg(g)) if g.target.is_some() => {
                        l.add(g.desired, g.max, g.scaling.is_some())
                    }
                    (1, VpcNode::Ecs(e)) if e.target.is_some() => {
                        l.add(e.desired, e.max, e.scaling.is_some())
                    }
                    _ => {}
                }
            }
        }
        l
    }

    #[test]
    fn the_per_region_loads_equal_a_scan_of_each_region() {
        let mut designs = vec![stress_design()];
        designs.extend(
            crate::core::templates::TEMPLATES
                .iter()
                .filter_map(|t| t.design().ok()),
        );
        for d in &designs {
            let loads = Load::by_region(d);
            for r in &d.regions {
                for (u, load) in loads[r.code.as_str()].iter().enumerate() {
                    assert_eq!(*load, load_by_scan(d, &r.code, u), "{}", r.code);
                }
            }
        }
    }
}
