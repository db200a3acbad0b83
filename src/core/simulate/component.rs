//! Losing one object: a database, a load balancer, a group or service, a
//! cache, a bucket, a table or an accelerator. Each has its own recovery:
//! an RDS Multi-AZ failover, an Aurora in-region failover, traffic leaving a
//! load balancer whose region endpoint is gone, a group replacing its
//! instances; a store with no second copy does not come back.

use super::places::Places;
use super::{fact_step, secs, traffic, Failure, Scenario, StoreLoss, Track};
use crate::core::model::{Design, Region, RegionNode, VpcNode};

/// Whether `id` is an object a component failure can name.
pub(super) fn exists(design: &Design, id: &str) -> bool {
    design.accelerators.iter().any(|a| a.id == id) || find(design, id).is_some()
}

enum Found<'a> {
    Vpc(&'a Region, &'a VpcNode),
    Regional(&'a Region, &'a RegionNode),
}

fn find<'a>(design: &'a Design, id: &str) -> Option<Found<'a>> {
    for r in &design.regions {
        if let Some(n) = r.vpcs.iter().flat_map(|v| &v.nodes).find(|n| n.id() == id) {
            return Some(Found::Vpc(r, n));
        }
        if let Some(n) = r.nodes.iter().find(|n| n.id() == id) {
            return Some(Found::Regional(r, n));
        }
    }
    None
}

pub(super) fn simulate(design: &Design, places: &Places<'_>, id: &str) -> Scenario {
    let mut s = Scenario::nothing_yet(Failure::Component(id.to_string()));
    let mut blocked = false;
    let runbook = |s: &mut Scenario, track| {
        s.steps.push(fact_step(
            "person-starts-runbook",
            "A person is paged, confirms the failure and starts the runbook.".into(),
            track,
            true,
            0,
        ));
        secs("person-starts-runbook")
    };
    let dead = |t: &str| t == id;
    match find(design, id) {
        Some(Found::Vpc(region, node)) => match node {
            VpcNode::Alb(a) => {
                // A load balancer spans its AZs and AWS replaces its nodes;
                // losing it means losing its region endpoint: traffic must
                // leave through the records and accelerators in front of it.
                let (_, cut) = traffic::leave(design, places, &mut s, &dead, &format!("load balancer {}", a.name), traffic::Move::ByHealth);
                let fronted = design.dns.iter().flat_map(|d| &d.records).flat_map(|r| &r.targets).any(|t| t.target == id)
                    || design.accelerators.iter().flat_map(|x| &x.endpoints).any(|e| e.target == id);
                if !fronted {
                    s.unrecoverable.push(id.to_string());
                    s.notes.push(format!("No DNS record or accelerator sends load balancer {}'s clients elsewhere: they wait until it returns.", a.name));
                }
                blocked |= cut || !fronted;
            }
            VpcNode::Asg(g) => s.steps.push(fact_step("asg-scale-out", format!("Group {} launches {} new instance(s) to replace the lost ones.", g.name, g.desired), Track::Capacity, false, 0)),
            VpcNode::Ecs(e) => s.steps.push(fact_step("fargate-task-start", format!("Service {} starts {} new task(s) to replace the lost ones.", e.name, e.desired), Track::Capacity, false, 0)),
            VpcNode::Rds(d) if d.replica_of.is_some() => s.notes.push(format!("Database {} is a read replica: its source keeps serving; the copy is rebuilt from it.", d.name)),
            VpcNode::Rds(d) if d.multi_az => {
                s.steps.push(fact_step("rds-multi-az-failover", format!("Database {} fails over to its standby in another AZ.", d.name), Track::Data, false, 0));
                s.stores.push(StoreLoss { id: d.id.clone(), kind: "rds", rpo_seconds: Some(0), bounded: true, note: "Multi-AZ replicates synchronously: nothing is lost.".into() });
            }
            VpcNode::Rds(d) => {
                let replica = design.regions.iter().flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes).map(move |n| (r, n))).find_map(|(r, n)| match n {
                    VpcNode::Rds(x) if x.replica_of.as_deref() == Some(id) => Some((r, x)),
                    _ => None,
                });
                match replica {
                    Some((r, x)) => {
                        let start = runbook(&mut s, Track::Data);
                        s.steps.push(fact_step("rds-replica-promote", format!("Promote replica {} in {} to a standalone primary; point the application at it.", x.name, r.code), Track::Data, true, start));
                        let cross = r.code != region.code;
                        s.stores.push(StoreLoss { id: d.id.clone(), kind: "rds", rpo_seconds: Some(secs("rds-replica-lag")), bounded: false, note: format!("The writes replica {} had not received{}: its lag, seconds to minutes under load.", x.name, if cross { " across regions" } else { "" }) });
                    }
                    None => {
                        s.unrecoverable.push(id.to_string());
                        s.stores.push(StoreLoss { id: d.id.clone(), kind: "rds", rpo_seconds: None, bounded: false, note: "A single instance with no standby and no replica: what comes back is a restore from its backups, losing the writes since the last one.".into() });
                        blocked = true;
                    }
                }
            }
            VpcNode::Aurora(c) if c.instances >= 2 => {
                s.steps.push(fact_step("aurora-failover", format!("Aurora cluster {} promotes a replica to writer.", c.name), Track::Data, false, 0));
                s.stores.push(StoreLoss { id: c.id.clone(), kind: "aurora", rpo_seconds: Some(0), bounded: true, note: "Aurora storage keeps six copies across three AZs: nothing is lost.".into() });
            }
            VpcNode::Aurora(c) if c.instances == 1 => {
                s.steps.push(fact_step("aurora-add-instance", format!("Aurora cluster {} has one instance: Aurora creates a new one.", c.name), Track::Data, false, 0));
                s.stores.push(StoreLoss { id: c.id.clone(), kind: "aurora", rpo_seconds: Some(0), bounded: true, note: "The cluster volume outlives its instance: nothing is lost.".into() });
            }
            VpcNode::Aurora(c) => s.notes.push(format!("Aurora cluster {} has no instance (a headless secondary): nothing serves from it.", c.name)),
            VpcNode::Elasticache(c) if c.multi_az && c.nodes >= 2 => s.steps.push(fact_step("elasticache-failover", format!("Cache {} promotes a replica to primary.", c.name), Track::Data, false, 0)),
            VpcNode::Elasticache(c) => s.notes.push(format!("Cache {} has no replica to promote: it is recreated empty and refills from the database, which takes its misses meanwhile.", c.name)),
        },
        Some(Found::Regional(region, node)) => match node {
            RegionNode::S3(b) => match b.replicate_to.as_deref().and_then(|t| places.region(t)) {
                Some(dst) => {
                    s.steps.push(fact_step("person-starts-runbook", format!("A person is paged and points the readers and writers of bucket {} at its replica in {} (runbook).", b.bucket, dst.code), Track::Data, true, 0));
                    s.stores.push(StoreLoss { id: b.id.clone(), kind: "s3", rpo_seconds: Some(secs("s3-replication")), bounded: false, note: format!("Objects not yet replicated to {}: most take seconds; without Replication Time Control there is no bound.", dst.code) });
                }
                None => {
                    s.unrecoverable.push(id.to_string());
                    s.stores.push(StoreLoss { id: b.id.clone(), kind: "s3", rpo_seconds: None, bounded: false, note: format!("Bucket {} has no replica: its objects are lost (versioning protects against deletes, not against losing the bucket).", b.bucket) });
                    blocked = true;
                }
            },
            RegionNode::Dynamodb(t) => match t.replicas.iter().find(|c| **c != region.code) {
                Some(other) => {
                    s.steps.push(fact_step("person-starts-runbook", format!("A person is paged and points the application in {} at table {}'s replica in {other} (runbook); every replica accepts writes, no promotion.", region.code, t.name), Track::Data, true, 0));
                    s.stores.push(StoreLoss { id: t.id.clone(), kind: "dynamodb", rpo_seconds: Some(secs("ddb-global-lag")), bounded: false, note: "The writes not yet propagated (typically under 1 s, no SLA) are lost or arrive later (last writer wins).".into() });
                }
                None => {
                    s.unrecoverable.push(id.to_string());
                    s.stores.push(StoreLoss { id: t.id.clone(), kind: "dynamodb", rpo_seconds: None, bounded: false, note: "No replica in another region: the table is lost (point-in-time recovery restores a copy, not the table in place).".into() });
                    blocked = true;
                }
            },
        },
        None => {
            if let Some(a) = design.accelerators.iter().find(|a| a.id == id) {
                let (_, cut) = traffic::leave(design, places, &mut s, &dead, &format!("accelerator {}", a.name), traffic::Move::ByHealth);
                let fronted = design.dns.iter().flat_map(|d| &d.records).flat_map(|r| &r.targets).any(|t| t.target == id);
                if !fronted {
                    s.unrecoverable.push(id.to_string());
                    s.notes.push(format!("Clients reach accelerator {} by its static IP addresses: nothing sends them elsewhere.", a.name));
                }
                blocked |= cut || !fronted;
            } else {
                s.rto_seconds = Some(0);
                s.rpo_seconds = Some(0);
                return s;
            }
        }
    }
    let end = s.steps.iter().map(|x| x.ends_at).max().unwrap_or(0);
    s.rto_seconds = (!blocked && s.unrecoverable.is_empty()).then_some(end);
    s.rpo_seconds = super::region::rpo(&s.stores);
    s
}
