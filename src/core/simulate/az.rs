//! Losing one availability zone: what spans more than one AZ fails over or
//! replaces itself inside the region; what lives only in the lost AZ stays
//! down until it returns.

use super::capacity::Serving;
use super::places::Places;
use super::{fact_step, region, traffic, Capacity, Scenario, StoreLoss, Track};
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
    places: &Places<'_>,
    serving: &Serving<'_>,
    layout: &Layout<'_>,
    az: &str,
) -> Scenario {
    let mut s = Scenario::nothing_yet(super::Failure::Az(az.to_string()));
    let mut blocked = false;
    let mut cap: Vec<Capacity> = Vec::new();
    // What the regions taking over a region that failed as a whole need.
    let mut taken_over: Vec<Capacity> = Vec::new();
    // Per step, whether the service waits on it: steps in a standby region
    // run, but the service does not wait on them (nor on those of a region
    // whose traffic has left it).
    let mut waits: Vec<bool> = Vec::new();
    let mut standby = false;
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
        let (first_down, first_cap) = (s.unrecoverable.len(), cap.len());
        let mut region_blocked = false;
        // The load balancers, and the groups and services behind them, that
        // are down with the AZ.
        let mut front_down: Vec<(&str, String)> = Vec::new();
        // The writers down with the AZ (no standby in another AZ), for people.
        let mut writers_down: Vec<String> = Vec::new();
        // The groups and services behind a load balancer: one lost with the
        // AZ leaves the others behind it carrying its requests.
        let mut members: Vec<Member<'_>> = Vec::new();
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
                let target = match n {
                    VpcNode::Asg(g) => g.target.as_deref().map(|t| {
                        (
                            t,
                            g.name.as_str(),
                            "instances",
                            g.desired,
                            g.max,
                            g.scaling.is_some(),
                        )
                    }),
                    VpcNode::Ecs(e) => e.target.as_deref().map(|t| {
                        (
                            t,
                            e.name.as_str(),
                            "tasks",
                            e.desired,
                            e.max,
                            e.scaling.is_some(),
                        )
                    }),
                    _ => None,
                };
                if let Some((t, name, unit, desired, max, scaling)) = target {
                    let dead = matches!(azs.as_slice(), [(a, _)] if *a == az);
                    members.push(Member {
                        target: t,
                        name,
                        unit,
                        desired,
                        max,
                        scaling,
                        dead,
                        hit: !dead && azs.iter().any(|(a, _)| *a == az),
                    });
                }
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
                        front_down.push((&a.id, format!("load balancer {}", a.name)));
                        region_blocked |= serves;
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
                            if g.target.is_some() {
                                front_down.push((&g.id, format!("group {}", g.name)));
                            }
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
                            if e.target.is_some() {
                                front_down.push((&e.id, format!("service {}", e.name)));
                            }
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
                        if serves && d.replica_of.is_none() {
                            region_blocked = true;
                            writers_down.push(format!("database {}", d.name));
                        }
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
                        if serves {
                            region_blocked = true;
                            writers_down.push(format!("Aurora cluster {}", c.name));
                        }
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
        let own_end = s.steps.len();
        waits.resize(own_end, true);
        if !serves {
            standby |= own_end > first;
            waits[first..own_end].iter_mut().for_each(|w| *w = false);
        }
        region_blocked |= serves && carried(places, &mut s, &mut cap, &members);
        let dark = serves
            && region_blocked
            && cannot_serve(design, places, &region.code, &front_down, &members);
        // The front door still answers but a writer is down: nothing
        // moves by itself, the runbook can (tried on a copy: kept only
        // when it brings the service back).
        let by_runbook = serves && region_blocked && !dark && !writers_down.is_empty();
        let mut over = None;
        if dark {
            let front: Vec<&str> = front_down.iter().map(|(id, _)| *id).collect();
            let names: Vec<&str> = front_down.iter().map(|(_, n)| n.as_str()).collect();
            over = fail_over(
                design,
                places,
                serving,
                region,
                az,
                &mut s,
                first_down,
                &front,
                &names,
                Why::Dark,
            );
        } else if by_runbook {
            let mut trial = s.clone();
            let names: Vec<&str> = writers_down.iter().map(String::as_str).collect();
            let tried = fail_over(
                design,
                places,
                serving,
                region,
                az,
                &mut trial,
                first_down,
                &[],
                &names,
                Why::WriterDown,
            );
            if tried.as_ref().is_some_and(|o| !o.blocked) {
                s = trial;
                over = tried;
            }
        }
        if let Some(over) = over {
            // Traffic has left the region: its own replacements in
            // other AZs no longer end the outage; its databases' steps
            // still may (a writer that stays in the region).
            for (w, x) in waits[first..own_end]
                .iter_mut()
                .zip(&s.steps[first..own_end])
            {
                *w &= x.track == Track::Data;
            }
            cap.truncate(first_cap);
            taken_over.extend(over.capacity);
            region_blocked = over.blocked;
        }
        blocked |= region_blocked;
    }
    for c in &cap {
        if !c.enough() {
            s.notes.push(format!(
                "A group or service needs {} {} but may grow to {}.",
                c.needed, c.unit, c.max
            ));
        }
    }
    cap.extend(taken_over);
    s.capacity = merge(cap);
    waits.resize(s.steps.len(), true);
    let end = s
        .steps
        .iter()
        .zip(&waits)
        .filter(|(_, w)| **w)
        .map(|(x, _)| x.ends_at)
        .max()
        .unwrap_or(0);
    if standby {
        s.notes.push(format!("{az} is in a standby region: the service carries on; its steps restore the standby's protection."));
    }
    s.rto_seconds = (!blocked).then_some(end);
    s.rpo_seconds = super::region::rpo(&s.stores);
    s
}

/// A group or service behind a load balancer, in one region's AZ loss.
struct Member<'a> {
    /// The load balancer's id.
    target: &'a str,
    name: &'a str,
    /// "instances" or "tasks".
    unit: &'static str,
    desired: u32,
    max: u32,
    /// Target-tracking scaling: it grows by itself.
    scaling: bool,
    /// Every subnet of it was in the lost AZ.
    dead: bool,
    /// It lost part of its capacity (it has a capacity line of its own).
    hit: bool,
}

/// The groups and services lost with the AZ whose load balancer fronts
/// others that live on: it stops sending them requests once its target
/// health checks fail them (until then part of its requests fail), and the
/// others carry their load, growing by themselves if they scale. Whether one
/// was lost with nothing left behind its load balancer (the region's
/// service is then down, as when its load balancer is).
fn carried(
    places: &Places<'_>,
    s: &mut Scenario,
    cap: &mut Vec<Capacity>,
    members: &[Member<'_>],
) -> bool {
    let mut alone = false;
    for m in members.iter().filter(|m| m.dead) {
        let alive: Vec<&Member<'_>> = members
            .iter()
            .filter(|o| o.target == m.target && !o.dead)
            .collect();
        if m.desired == 0 {
            // It ran nothing: its load balancer sent it nothing.
            continue;
        }
        if alive.iter().all(|o| o.desired == 0) {
            // Nothing else runs behind its load balancer (a scaling policy
            // does not start a group from 0): the load balancer is down.
            alone = true;
            continue;
        }
        let names: Vec<&str> = alive.iter().map(|o| o.name).collect();
        let lb = places.alb(m.target).map_or(m.target, |a| a.name.as_str());
        let mut step = traffic::targets_unhealthy_step(places, s, m.target, lb);
        step.what = format!(
            "Load balancer {lb} stops sending requests to {}'s {} once its target health checks fail them ({} s); {} carr{} them.",
            m.name,
            m.unit,
            step.seconds,
            names.join(", "),
            if names.len() == 1 { "ies" } else { "y" }
        );
        let seen = step.seconds;
        s.steps.push(step);
        let same: Vec<&&Member<'_>> = alive.iter().filter(|o| o.unit == m.unit).collect();
        // The survivors' room to grow; one that lost capacity itself counts
        // all of its room in its own line.
        let room: u32 = same
            .iter()
            .filter(|o| !o.hit)
            .map(|o| o.max.saturating_sub(o.desired))
            .sum();
        cap.push(Capacity {
            unit: m.unit,
            needed: u64::from(m.desired),
            running: 0,
            max: u64::from(room),
        });
        let growing: Vec<&str> = same
            .iter()
            .filter(|o| o.scaling && o.max > o.desired)
            .map(|o| o.name)
            .collect();
        if growing.is_empty() {
            s.notes.push(format!(
                "Nothing grows to carry {}'s {} {}: {} keep{} {} size (no target-tracking scaling with room).",
                m.name,
                m.desired,
                m.unit,
                names.join(", "),
                if names.len() == 1 { "s" } else { "" },
                if names.len() == 1 { "its" } else { "their" }
            ));
        } else {
            let id = if m.unit == "tasks" {
                "fargate-task-start"
            } else {
                "asg-scale-out"
            };
            s.steps.push(fact_step(
                id,
                format!(
                    "{} grow{} to carry {}'s {} {} (target tracking scales out).",
                    growing.join(", "),
                    if growing.len() == 1 { "s" } else { "" },
                    m.name,
                    m.desired,
                    m.unit
                ),
                Track::Capacity,
                false,
                seen,
            ));
        }
    }
    alone
}

/// Whether every target in region `code` of the design's records and
/// accelerators is down with the AZ: a load balancer in `front_down`, or
/// one whose every group and service that runs anything (desired 0 runs
/// nothing) is. A region no way in points at is not judged (it keeps its answer).
fn cannot_serve(
    design: &Design,
    places: &Places<'_>,
    code: &str,
    front_down: &[(&str, String)],
    members: &[Member<'_>],
) -> bool {
    let dead = |t: &str| {
        front_down.iter().any(|(id, _)| *id == t) || {
            let mut running = members.iter().filter(|m| m.target == t && m.desired > 0);
            running.clone().next().is_some() && running.all(|m| m.dead)
        }
    };
    let mut any = false;
    let targets = design
        .dns
        .iter()
        .flat_map(|d| &d.records)
        .flat_map(|r| r.targets.iter().map(|t| t.target.as_str()))
        .chain(
            design
                .accelerators
                .iter()
                .flat_map(|a| a.endpoints.iter().map(|e| e.target.as_str())),
        );
    for t in targets.filter(|t| places.region(t).is_some_and(|r| r.code == code)) {
        if !dead(t) {
            return false;
        }
        any = true;
    }
    any
}

/// A region failed over as a whole.
struct Over {
    /// What the regions taking its load need, run and may grow to.
    capacity: Vec<Capacity>,
    /// Whether the service still cannot come back (a writer with no copy
    /// the taking regions can reach).
    blocked: bool,
}

/// Why a region fails over as a whole after an AZ loss.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    /// Nothing it serves with is left: health checks move the traffic.
    Dark,
    /// Its front door still answers but a writer is down with no standby
    /// in another AZ: health checks keep passing, the runbook moves it.
    WriterDown,
}

/// The AZ loss left `region` nothing to serve with, or no writer (`why`;
/// `front`: the ids of what it served with, `names` for people, of those
/// or of the writers): its traffic leaves it as if the region were lost,
/// the runbook promotes its databases' copies elsewhere as promote-dr.sh
/// does, and the regions that take the traffic grow. With nothing left,
/// the same detection, TTL and accelerator steps as a region loss move
/// the traffic; with a writer down, the health checks keep passing and
/// the runbook moves it once the copies are promoted. `first_down`: the
/// region's first unrecoverable id. `None` when no way in leads to another
/// region (the scenario keeps its answer).
#[allow(clippy::too_many_arguments)]
fn fail_over(
    design: &Design,
    places: &Places<'_>,
    serving: &Serving<'_>,
    region: &Region,
    az: &str,
    s: &mut Scenario,
    first_down: usize,
    front: &[&str],
    names: &[&str],
    why: Why,
) -> Option<Over> {
    let code = region.code.as_str();
    let in_region = |id: &str| places.region(id).is_some_and(|r| r.code == code);
    let mut t = Scenario::nothing_yet(s.failure.clone());
    let (mut traffic_end, stuck) = traffic::leave(
        design,
        places,
        &mut t,
        &in_region,
        code,
        traffic::Move::ByHealth,
    );
    // With a writer down, something must send the region's traffic
    // elsewhere: a way in that answered with it and has a target that
    // survives (it moved, so it has steps).
    if stuck || (why == Why::WriterDown && t.steps.is_empty()) {
        return None;
    }
    let shown = names.len().min(3);
    let more = if names.len() > shown {
        format!(" and {} more", names.len() - shown)
    } else {
        String::new()
    };
    let listed = names[..shown].join(", ");
    match why {
        Why::Dark => {
            s.notes.push(format!(
                "Losing {az} took out everything {code} serves with ({listed}{more}): the region fails over as a whole, as if it were lost. What runs in its other AZs carries on, and its buckets and tables are regional: an AZ loss does not touch them."
            ));
            s.steps.append(&mut t.steps);
            s.notes.append(&mut t.notes);
        }
        Why::WriterDown => {
            s.notes.push(format!(
                "Losing {az} took down {listed}{more}, with no standby in another AZ, while {code}'s load balancers still answer from its other AZs: their health checks keep passing, so traffic does not leave {code} by itself. The way out is the runbook: promote the copy in another region, then move the traffic there."
            ));
            s.notes.push(format!(
                "Assumed: the health checks in front of {code} do not query the database. If they do, Route 53 moves the traffic by itself once they fail, but the copy still waits for the runbook's promotion."
            ));
            s.notes.push(format!(
                "Waiting for {az} to return instead: AWS documents no time for a writer with no standby in another AZ to come back with its AZ, or for a restore into another AZ (the reference timings have no row for it), so that wait is of unknown length."
            ));
        }
    }
    let down_here: Vec<String> = s
        .unrecoverable
        .drain(first_down.min(s.unrecoverable.len())..)
        .collect();
    let peered = design.peerings.iter().any(|p| {
        let here = |v: &str| region.vpcs.iter().any(|x| x.id == v);
        here(&p.a) != here(&p.b)
    });
    let stores_before = s.stores.len();
    let mut blocked = false;
    let (data_end, manual) = region::promote_databases(serving, region, s, &mut |s, id, _, _| {
        if down_here.iter().any(|d| d == id) {
            // Down with the AZ and no copy elsewhere: it stays listed.
            blocked = true;
        } else if peered {
            s.notes.push(format!("Database {id} has no copy in another region: it keeps its writer in {code}, and the regions taking the traffic reach it across regions through the design's VPC peering."));
        } else {
            s.notes.push(format!("Database {id} has no copy in another region and the design peers no VPC of {code} with another region's: the regions taking the traffic cannot reach it until {az} returns."));
            blocked = true;
        }
    });
    let promoted: Vec<String> = s.stores[stores_before..]
        .iter()
        .map(|x| x.id.clone())
        .collect();
    // The promotion's loss replaces the in-AZ answer for the same store.
    let mut i = 0;
    s.stores.retain(|x| {
        i += 1;
        i > stores_before || !promoted.contains(&x.id)
    });
    for id in promoted.iter().filter(|id| !down_here.contains(id)) {
        s.notes.push(format!("Database {id} keeps a writer in {code} (another AZ takes over), but the applications now serving reach it only across regions: promote-dr.sh promotes its copy, as for a region loss."));
    }
    s.unrecoverable.extend(
        down_here
            .into_iter()
            .filter(|id| !front.contains(&id.as_str()) && !promoted.contains(id)),
    );
    let manual = manual || why == Why::WriterDown;
    if why == Why::WriterDown {
        // promote-dr.sh moves the traffic once the databases are promoted
        // (or, with none to promote, once a person has started it).
        let data_end = data_end.max(super::secs("person-starts-runbook"));
        let mut t = Scenario::nothing_yet(s.failure.clone());
        let (end, _) = traffic::leave(
            design,
            places,
            &mut t,
            &in_region,
            code,
            traffic::Move::ByRunbook(data_end),
        );
        traffic_end = end;
        s.steps.append(&mut t.steps);
        s.notes.append(&mut t.notes);
    }
    let capacity = region::runbook_and_capacity(design, serving, code, s, traffic_end, manual);
    Some(Over { capacity, blocked })
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
