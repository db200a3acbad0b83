//! Losing one availability zone: what spans more than one AZ fails over or
//! replaces itself inside the region; what lives only in the lost AZ stays
//! down until it returns.

use super::capacity::Serving;
use super::{fact_step, Capacity, Scenario, StoreLoss, Track};
use crate::core::model::{Design, NatMode, Region, Tier, Vpc, VpcNode};

/// Where every workload runs, by AZ: built once for every AZ scenario of a
/// design, so each scenario reads it instead of matching subnet ids.
pub(super) struct Layout<'a> {
    /// Per region (design order): the AZ ids its subnets use, sorted, once each.
    region_azs: Vec<Vec<&'a str>>,
    /// Per region, VPC and node (design order): the AZs of the node's
    /// subnets (those its VPC has), each with how many of the node's subnet
    /// ids lie there.
    node_azs: Vec<Vec<Vec<NodeAzs<'a>>>>,
}

/// A node's AZs, each with how many of its subnet ids lie there.
type NodeAzs<'a> = Vec<(&'a str, usize)>;

impl<'a> Layout<'a> {
    pub(super) fn of(design: &'a Design) -> Self {
        let mut region_azs = Vec::with_capacity(design.regions.len());
        let mut node_azs = Vec::with_capacity(design.regions.len());
        for r in &design.regions {
            let mut azs: Vec<&str> = r
                .vpcs
                .iter()
                .flat_map(|v| &v.subnets)
                .map(|x| x.az.as_str())
                .collect();
            azs.sort_unstable();
            azs.dedup();
            region_azs.push(azs);
            node_azs.push(r.vpcs.iter().map(node_azs_of).collect());
        }
        Layout {
            region_azs,
            node_azs,
        }
    }
}

/// Per node of `vpc`: its AZs, each with the count of its subnet ids there.
fn node_azs_of(vpc: &Vpc) -> Vec<Vec<(&str, usize)>> {
    let az_of: rustc_hash::FxHashMap<&str, &str> = vpc
        .subnets
        .iter()
        .map(|x| (x.id.as_str(), x.az.as_str()))
        .collect();
    vpc.nodes
        .iter()
        .map(|n| {
            let mut azs: Vec<(&str, usize)> = Vec::new();
            for az in n.subnets().iter().filter_map(|id| az_of.get(id.as_str())) {
                match azs.iter_mut().find(|(a, _)| a == az) {
                    Some((_, k)) => *k += 1,
                    None => azs.push((az, 1)),
                }
            }
            azs
        })
        .collect()
}

/// `serving`: the regions that take traffic; losing a piece of a standby
/// region reduces the protection, not the service.
pub(super) fn simulate(
    design: &Design,
    serving: &Serving<'_>,
    layout: &Layout<'_>,
    az: &str,
) -> Scenario {
    let mut s = Scenario::nothing_yet(super::Failure::Az(az.to_string()));
    let mut blocked = false;
    let mut cap: Vec<Capacity> = Vec::new();
    // Steps in a standby region run, but the service does not wait on them.
    let mut standby_steps = 0..0;
    for (ri, region) in design.regions.iter().enumerate() {
        let holds = layout
            .region_azs
            .get(ri)
            .is_some_and(|azs| azs.binary_search(&az).is_ok());
        if !holds {
            continue;
        }
        let serves = serving.region_serves(&region.code);
        let first = s.steps.len();
        for (vi, vpc) in region.vpcs.iter().enumerate() {
            nat_note(&mut s, region, vpc, az);
            for (ni, n) in vpc.nodes.iter().enumerate() {
                let Some(azs) = layout
                    .node_azs
                    .get(ri)
                    .and_then(|v| v.get(vi))
                    .and_then(|v| v.get(ni))
                else {
                    continue;
                };
                let Some(&(_, hit)) = azs.iter().find(|(a, _)| *a == az) else {
                    continue;
                };
                let others = azs.len() > 1;
                match n {
                    VpcNode::Alb(a) if others => s.steps.push(fact_step(
                        "alias-ttl",
                        [
                            "Load balancer ",
                            &a.name,
                            " drops its node in ",
                            az,
                            "; resolvers stop returning its address.",
                        ]
                        .concat(),
                        Track::Traffic,
                        false,
                        0,
                    )),
                    VpcNode::Alb(a) => {
                        // Every node of it was in the lost AZ: whatever it
                        // fronts has no way in until the AZ returns.
                        down(
                            &mut s,
                            &a.id,
                            format!("Load balancer {} has subnets in {az} only.", a.name),
                        );
                        blocked |= serves;
                    }
                    VpcNode::Asg(g) => {
                        let lost = share(g.desired, n.subnets().len(), hit);
                        if others {
                            if lost > 0 {
                                s.steps.push(fact_step(
                                    "asg-scale-out",
                                    [
                                        "Group ",
                                        &g.name,
                                        " replaces ",
                                        &lost.to_string(),
                                        " instance(s) in its other AZs.",
                                    ]
                                    .concat(),
                                    Track::Capacity,
                                    false,
                                    0,
                                ));
                            }
                            cap.push(Capacity {
                                unit: "instances",
                                needed: u64::from(g.desired),
                                running: u64::from(g.desired - lost),
                                max: u64::from(g.max),
                            });
                        } else {
                            down(
                                &mut s,
                                &g.id,
                                format!("Group {} runs in {az} only.", g.name),
                            );
                            blocked |= serves && g.target.is_some();
                        }
                    }
                    VpcNode::Ecs(e) => {
                        let lost = share(e.desired, n.subnets().len(), hit);
                        if others {
                            if lost > 0 {
                                s.steps.push(fact_step(
                                    "fargate-task-start",
                                    [
                                        "Service ",
                                        &e.name,
                                        " starts ",
                                        &lost.to_string(),
                                        " task(s) in its other AZs.",
                                    ]
                                    .concat(),
                                    Track::Capacity,
                                    false,
                                    0,
                                ));
                            }
                            cap.push(Capacity {
                                unit: "tasks",
                                needed: u64::from(e.desired),
                                running: u64::from(e.desired - lost),
                                max: u64::from(e.max),
                            });
                        } else {
                            down(
                                &mut s,
                                &e.id,
                                format!("Service {} runs in {az} only.", e.name),
                            );
                            blocked |= serves && e.target.is_some();
                        }
                    }
                    VpcNode::Rds(d) if d.multi_az && others => {
                        s.steps.push(fact_step("rds-multi-az-failover", ["Database ", &d.name, " fails over to its standby in another AZ (worst case: its primary was in ", az, ")."].concat(), Track::Data, false, 0));
                        s.stores.push(StoreLoss {
                            id: d.id.clone(),
                            kind: "rds",
                            rpo_seconds: Some(0),
                            bounded: true,
                            note: "Multi-AZ replicates synchronously: nothing is lost.".into(),
                        });
                    }
                    VpcNode::Rds(d) => {
                        down(&mut s, &d.id, format!("Database {} has no standby in another AZ: it is unavailable until {az} returns (worst case: the instance was there).", d.name));
                        s.stores.push(StoreLoss {
                            id: d.id.clone(),
                            kind: "rds",
                            rpo_seconds: Some(0),
                            bounded: true,
                            note: "Unavailable, not lost: its storage comes back with the AZ."
                                .into(),
                        });
                        // A replica down costs protection, not service.
                        blocked |= serves && d.replica_of.is_none();
                    }
                    VpcNode::Aurora(c) if c.instances >= 2 && others => {
                        s.steps.push(fact_step(
                            "aurora-failover",
                            [
                                "Aurora cluster ",
                                &c.name,
                                " promotes a replica in another AZ.",
                            ]
                            .concat(),
                            Track::Data,
                            false,
                            0,
                        ));
                        s.stores.push(StoreLoss {
                            id: c.id.clone(),
                            kind: "aurora",
                            rpo_seconds: Some(0),
                            bounded: true,
                            note:
                                "Aurora storage keeps six copies across three AZs: nothing is lost."
                                    .into(),
                        });
                    }
                    VpcNode::Aurora(c) if c.instances >= 1 && others => {
                        s.steps.push(fact_step("aurora-add-instance", format!("Aurora cluster {} has one instance: Aurora recreates it in another AZ.", c.name), Track::Data, false, 0));
                        s.stores.push(StoreLoss {
                            id: c.id.clone(),
                            kind: "aurora",
                            rpo_seconds: Some(0),
                            bounded: true,
                            note: "Aurora storage spans three AZs: nothing is lost.".into(),
                        });
                    }
                    VpcNode::Aurora(c) if c.instances >= 1 => {
                        down(
                            &mut s,
                            &c.id,
                            format!(
                                "Aurora cluster {} can place instances in {az} only.",
                                c.name
                            ),
                        );
                        blocked |= serves;
                    }
                    VpcNode::Elasticache(c) if c.multi_az && c.nodes >= 2 && others => {
                        s.steps.push(fact_step(
                            "elasticache-failover",
                            ["Cache ", &c.name, " promotes a replica in another AZ."].concat(),
                            Track::Data,
                            false,
                            0,
                        ));
                    }
                    VpcNode::Elasticache(c) => s.notes.push(
                        [
                            "Cache ",
                            &c.name,
                            " loses its node(s) in ",
                            az,
                            "; it refills from the database.",
                        ]
                        .concat(),
                    ),
                    _ => {}
                }
            }
        }
        if !serves {
            standby_steps = first..s.steps.len();
        }
    }
    for c in &cap {
        if !c.enough() {
            s.notes.push(format!(
                "A group or service needs {} {} but may grow to {}.",
                c.needed, c.unit, c.max
            ));
        }
    }
    s.capacity = merge(cap);
    let end = s
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| !standby_steps.contains(i))
        .map(|(_, x)| x.ends_at)
        .max()
        .unwrap_or(0);
    if !standby_steps.is_empty() {
        s.notes.push(format!("{az} is in a standby region: the service carries on; its steps restore the standby's protection."));
    }
    s.rto_seconds = (!blocked).then_some(end);
    s.rpo_seconds = super::region::rpo(&s.stores);
    s
}

/// A VPC with one NAT gateway in the lost AZ leaves every private subnet
/// without a way out.
fn nat_note(s: &mut Scenario, region: &Region, vpc: &Vpc, az: &str) {
    if vpc.nat != NatMode::Single {
        return;
    }
    let mut public: Vec<_> = vpc
        .subnets
        .iter()
        .filter(|x| x.tier == Tier::Public)
        .collect();
    public.sort_by(|a, b| a.id.cmp(&b.id));
    if public.first().is_some_and(|p| p.az == az) {
        s.notes.push(format!(
            "VPC {} in {} has its only NAT gateway in {az}: its private subnets lose their way out (new tasks cannot pull images, instances cannot reach AWS APIs) until the AZ returns.",
            vpc.name, region.code
        ));
    }
}

/// The part of `desired` in `hit` of `of` subnets, rounded up (the worst case).
fn share(desired: u32, of: usize, hit: usize) -> u32 {
    if of == 0 {
        return 0;
    }
    let lost = (u64::from(desired) * hit as u64).div_ceil(of as u64);
    lost.min(u64::from(desired)) as u32
}

fn down(s: &mut Scenario, id: &str, why: String) {
    s.unrecoverable.push(id.to_string());
    s.notes.push(why);
}

fn merge(cap: Vec<Capacity>) -> Vec<Capacity> {
    let mut out: Vec<Capacity> = Vec::new();
    for c in cap {
        match out.iter_mut().find(|o| o.unit == c.unit) {
            Some(o) => {
                o.needed += c.needed;
                o.running += c.running;
                o.max += c.max;
            }
            None => out.push(c),
        }
    }
    out
}
