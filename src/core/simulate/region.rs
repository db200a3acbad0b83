//! Losing a whole region: traffic leaves it through the design's DNS
//! records and accelerators, the stores it led are promoted elsewhere (or
//! lost), and the survivors grow to carry its load.

use super::capacity::{self, Serving};
use super::places::Places;
use super::traffic;
use super::{fact_step, secs, Capacity, Scenario, StoreLoss, Track};
use crate::core::model::{Design, Region, RegionNode, RegionRole, VpcNode};

pub(super) fn simulate(
    design: &Design,
    places: &Places<'_>,
    serving: &Serving<'_>,
    code: &str,
) -> Scenario {
    let mut s = Scenario::nothing_yet(super::Failure::Region(code.to_string()));
    let Some(failed) = design.regions.iter().find(|r| r.code == code) else {
        s.rto_seconds = Some(0);
        s.rpo_seconds = Some(0);
        return s;
    };
    let region_of = |id: &str| places.region(id).map(|r| r.code.as_str());
    let in_failed = |id: &str| region_of(id) == Some(code);
    let mut blocked = false;

    // Traffic: each way in that sent traffic into the failed region.
    let (traffic_end, traffic_blocked) = traffic::leave(
        design,
        places,
        &mut s,
        &in_failed,
        code,
        traffic::Move::ByHealth,
    );
    blocked |= traffic_blocked;
    let front_doors = design.dns.as_ref().is_some_and(|d| !d.records.is_empty())
        || !design.accelerators.is_empty();
    if serving.region_serves(code) && !front_doors {
        s.notes.push(format!(
            "No DNS record or accelerator sends traffic to another region: clients keep calling {code}'s load balancers."
        ));
        blocked = true;
    }
    if design.regions.len() == 1 {
        s.notes.push(format!(
            "The design has one region: losing {code} loses everything in it."
        ));
        blocked = true;
    }

    // Data: every store the failed region leads.
    let (data_end, manual) = promote_databases(serving, failed, &mut s, &mut |s, id, kind, why| {
        lost(s, id, kind, why)
    });
    for c in failed
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .filter_map(|n| match n {
            VpcNode::Elasticache(c) => Some(c),
            _ => None,
        })
    {
        s.notes.push(format!("Cache {} in {code} is gone; caches are never replicated, so the other regions' caches carry on as they are (or start cold).", c.name));
    }
    for n in &failed.nodes {
        match n {
            RegionNode::Dynamodb(t) => {
                if t.replicas.iter().any(|c| c != code) {
                    s.stores.push(StoreLoss { id: t.id.clone(), kind: "dynamodb", rpo_seconds: Some(secs("ddb-global-lag")), bounded: false, note: "Every replica accepts writes: no promotion; the writes not yet propagated (typically under 1 s, no SLA) are lost or arrive later (last writer wins).".into() });
                } else {
                    lost(&mut s, &t.id, "dynamodb", "no replica in another region");
                }
            }
            RegionNode::S3(b) => match b.replicate_to.as_deref().and_then(region_of).filter(|c| *c != code) {
                Some(dst) => s.stores.push(StoreLoss { id: b.id.clone(), kind: "s3", rpo_seconds: Some(secs("s3-replication")), bounded: false, note: format!("Objects not yet replicated to {dst}: most take seconds; without Replication Time Control there is no bound.") }),
                None => match serving.copies.s3_sources(&b.id).find(|r| r.code != code) {
                    // A replica of a bucket that survives: the data lives on
                    // at its source; only the extra copy is gone for now.
                    Some(src) => s.notes.push(format!("Bucket {} was a replica of a bucket in {}: the data lives on there; replication into {code} waits for the region.", b.name, src.code)),
                    None => lost(&mut s, &b.id, "s3", "not replicated to another region"),
                },
            },
        }
    }
    // A replica in the failed region of a table led elsewhere: when the
    // region served traffic, its applications wrote to it, and the writes
    // not yet propagated out are lost or arrive later (every replica
    // accepts writes: "DynamoDB global tables (multi-Region eventual
    // consistency)"). A standby region took no writes: nothing is lost.
    if serving.region_serves(code) {
        for (home, t) in design
            .regions
            .iter()
            .filter(|r| r.code != code)
            .flat_map(|r| {
                r.nodes.iter().filter_map(move |n| match n {
                    RegionNode::Dynamodb(t) => Some((r, t)),
                    _ => None,
                })
            })
        {
            if t.replicas.iter().any(|c| c == code) {
                s.stores.push(StoreLoss { id: t.id.clone(), kind: "dynamodb", rpo_seconds: Some(secs("ddb-global-lag")), bounded: false, note: format!("The writes {code} accepted and had not yet propagated to {} and the other replicas (typically under 1 s, no SLA) are lost or arrive later (last writer wins).", home.code) });
            }
        }
    }
    let cap = runbook_and_capacity(design, serving, code, &mut s, traffic_end, manual);
    s.capacity = cap;

    let end = s
        .steps
        .iter()
        .map(|x| x.ends_at)
        .max()
        .unwrap_or(0)
        .max(data_end)
        .max(traffic_end);
    s.rto_seconds = (!blocked && s.unrecoverable.is_empty()).then_some(end);
    s.rpo_seconds = rpo(&s.stores);
    s
}

/// What lost a writer with no copy in another region: `(scenario, id,
/// kind, why)`.
pub(super) type NoCopy<'f> = dyn FnMut(&mut Scenario, &str, &'static str, &str) + 'f;

/// The runbook's data steps when region `failed` stops serving: every
/// writer it leads that has a copy in another region is promoted there, as
/// `promote-dr.sh` does (an Aurora global cluster fails over, an RDS
/// replica is promoted); `no_copy` is told of each writer with none.
/// Returns when the last promotion ends and whether a person acts.
pub(super) fn promote_databases(
    serving: &Serving<'_>,
    failed: &Region,
    s: &mut Scenario,
    no_copy: &mut NoCopy<'_>,
) -> (u32, bool) {
    let code = failed.code.as_str();
    let reaction_end = secs("person-starts-runbook");
    let mut manual = false;
    let mut data_end = 0u32;
    for n in failed.vpcs.iter().flat_map(|v| &v.nodes) {
        match n {
            VpcNode::Aurora(c) => {
                match (&c.global, failed.role) {
                    (Some(g), RegionRole::Primary) => {
                        // The member promote-dr.sh fails over to: outside
                        // the failed region, where the failover records send
                        // traffic first, then in design order (a headless
                        // one gets an instance first).
                        let best = serving
                            .copies
                            .members(g)
                            .filter(|(r, _)| r.code != code)
                            .min_by_key(|(r, _)| serving.taker_rank(&r.code));
                        match best {
                            Some((r, o)) => {
                                manual = true;
                                let mut at = reaction_end;
                                if o.instances == 0 {
                                    let add = fact_step("aurora-add-instance", format!("Add an instance to the headless secondary {} in {} (pilot light).", o.name, r.code), Track::Data, true, at);
                                    at = add.ends_at;
                                    s.steps.push(add);
                                }
                                let p = fact_step("aurora-global-promote", format!("Fail global cluster {g} over to {} (promote-dr.sh: failover-global-cluster --allow-data-loss).", r.code), Track::Data, true, at);
                                data_end = data_end.max(p.ends_at);
                                s.steps.push(p);
                                s.stores.push(StoreLoss { id: c.id.clone(), kind: "aurora", rpo_seconds: Some(secs("aurora-global-lag")), bounded: true, note: format!("The writes not yet replicated to {} (typically under 1 s).", r.code) });
                            }
                            None => no_copy(
                                s,
                                &c.id,
                                "aurora",
                                "no member of its global cluster outside the failed region",
                            ),
                        }
                    }
                    (Some(_), _) => {}
                    (None, _) => no_copy(
                        s,
                        &c.id,
                        "aurora",
                        "not a global cluster: its only copy was in the failed region",
                    ),
                }
            }
            VpcNode::Rds(d) if d.replica_of.is_none() => {
                let replica = serving
                    .copies
                    .replicas(&d.id)
                    .filter(|(r, _)| r.code != code)
                    .min_by_key(|(r, _)| serving.taker_rank(&r.code));
                match replica {
                    Some((r, x)) => {
                        manual = true;
                        let p = fact_step(
                            "rds-replica-promote",
                            format!(
                                "Promote replica {} in {} to a standalone primary (promote-dr.sh).",
                                x.name, r.code
                            ),
                            Track::Data,
                            true,
                            reaction_end,
                        );
                        data_end = data_end.max(p.ends_at);
                        s.steps.push(p);
                        s.stores.push(StoreLoss { id: d.id.clone(), kind: "rds", rpo_seconds: Some(secs("rds-replica-lag")), bounded: false, note: format!("The writes replica {} had not received: its lag, seconds to minutes under load.", x.name) });
                    }
                    None => no_copy(s, &d.id, "rds", "no replica in another region"),
                }
            }
            _ => {}
        }
    }
    (data_end, manual)
}

/// The rest of the runbook once region `code` stops serving: a person
/// starts it (when `manual`), and the regions that carry its load grow to
/// it (by target tracking from `traffic_end`, else by promote-dr.sh).
/// Returns what the survivors need, run and may grow to.
pub(super) fn runbook_and_capacity(
    design: &Design,
    serving: &Serving<'_>,
    code: &str,
    s: &mut Scenario,
    traffic_end: u32,
    mut manual: bool,
) -> Vec<Capacity> {
    let reaction_end = secs("person-starts-runbook");
    if manual {
        s.steps.push(fact_step(
            "person-starts-runbook",
            "A person is paged, confirms the outage and starts the runbook.".into(),
            Track::Data,
            true,
            0,
        ));
    }

    // Capacity: the survivors grow to what the failed region carried.
    let cap = capacity::after_region_loss(design, serving, code);
    for (c, scaling_all) in &cap {
        // Growing is a step only when the survivors may grow at all: a
        // maximum at or below what runs leaves them short (said below),
        // and no step of theirs ends the outage.
        if c.needed.min(c.max) > c.running {
            let (id, unit_what) = if c.unit == "tasks" {
                ("fargate-task-start", "tasks")
            } else {
                ("asg-scale-out", "instances")
            };
            let (start, manual_scale) = if *scaling_all {
                (traffic_end, false)
            } else {
                (reaction_end, true)
            };
            let how = if *scaling_all {
                "target tracking scales out"
            } else {
                "promote-dr.sh raises the desired count"
            };
            let step = fact_step(
                id,
                format!(
                    "The survivors grow from {} to {} {unit_what} ({how}).",
                    c.running,
                    c.needed.min(c.max),
                ),
                Track::Capacity,
                manual_scale,
                start,
            );
            if manual_scale && !manual {
                manual = true;
                s.steps.push(fact_step(
                    "person-starts-runbook",
                    "A person is paged, confirms the outage and starts the runbook.".into(),
                    Track::Capacity,
                    true,
                    0,
                ));
            }
            s.steps.push(step);
        }
        if !c.enough() {
            s.notes.push(format!(
                "The survivors may grow to {} {} but the load needs {}: they run short.",
                c.max, c.unit, c.needed
            ));
        }
    }
    cap.into_iter().map(|(c, _)| c).collect()
}

/// The worst data loss of the stores; `None` when one lost every copy.
pub(super) fn rpo(stores: &[StoreLoss]) -> Option<u32> {
    stores
        .iter()
        .try_fold(0u32, |acc, st| st.rpo_seconds.map(|x| acc.max(x)))
}

fn lost(s: &mut Scenario, id: &str, kind: &'static str, why: &str) {
    s.unrecoverable.push(id.to_string());
    s.stores.push(StoreLoss {
        id: id.to_string(),
        kind,
        rpo_seconds: None,
        bounded: false,
        note: format!("Lost with the region: {why}."),
    });
}
