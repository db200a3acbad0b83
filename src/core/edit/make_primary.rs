//! "Make this region primary": moving the writer to another region in one
//! undoable edit, after a failover or for a planned switch.
//!
//! Region roles decide most of the export (the Aurora writer, the failover
//! record's PRIMARY target, the apply order), so the edit turns the roles and
//! then everything the design states by direction, so that the design agrees
//! with itself again:
//! - failover records: the PRIMARY target is the one in the new primary
//!   region (DES-10); it takes a health check if it has none (R53-05);
//! - RDS: the database in the new primary region becomes the source, the old
//!   source its replica, and other replicas of the old source follow the new
//!   one (re-exported, Terraform promotes the replica by dropping
//!   `replicate_source_db` and recreates the stale source as a replica);
//!   the two swap their Multi-AZ standby, which goes with the writer as a
//!   group's production size goes with the traffic;
//! - Aurora global clusters: the writer follows the primary role; a headless
//!   member that becomes the writer gets the old writer's instance count;
//! - S3 replication between the two regions turns round (two-way
//!   replication, having no direction, stays);
//! - auto-scaling groups of the same name in both regions swap their sizes,
//!   so production size moves with production traffic;
//! - accelerator endpoints in both regions swap their traffic dials.
//!
//! DynamoDB global tables are multi-writer: nothing moves.

use super::disconnect::{region_nodes, vpc_nodes};
use super::EditError;
use crate::core::model::*;

/// The design with `region_id` primary, and a line for each thing that moved.
pub fn make_primary(design: &Design, region_id: &str) -> Result<(Design, Vec<String>), EditError> {
    let new = design
        .regions
        .iter()
        .find(|r| r.id == region_id)
        .ok_or_else(|| EditError::new(format!("No region `{region_id}`.")))?;
    if new.role == RegionRole::Primary {
        return Err(EditError::new(format!(
            "{} is already the primary region.",
            new.code
        )));
    }
    let old = design
        .primary()
        .ok_or_else(|| EditError::new("The design needs exactly one primary region first."))?;
    let (new_code, old_code) = (new.code.clone(), old.code.clone());
    let index = Index::new(design);
    let region_of = |id: &str| {
        index
            .get(id)
            .and_then(|o| o.region())
            .map(|r| r.code.clone())
    };
    let mut d = design.clone();
    let mut said = vec![format!(
        "{new_code} is now the primary region; {old_code} is secondary."
    )];
    for r in &mut d.regions {
        if r.code == new_code {
            r.role = RegionRole::Primary;
        } else if r.code == old_code {
            r.role = RegionRole::Secondary;
        }
    }
    turn_failover_records(&mut d, &region_of, &new_code, &old_code, &mut said);
    turn_rds(&mut d, &region_of, &new_code, &old_code, &mut said);
    turn_aurora(&mut d, &new_code, &old_code, &mut said);
    turn_s3(&mut d, &region_of, &new_code, &old_code, &mut said);
    swap_group_sizes(&mut d, &new_code, &old_code, &mut said);
    swap_dials(&mut d, &region_of, &new_code, &old_code, &mut said);
    Ok((d, said))
}

fn turn_failover_records(
    d: &mut Design,
    region_of: &dyn Fn(&str) -> Option<String>,
    new: &str,
    old: &str,
    said: &mut Vec<String>,
) {
    let Some(dns) = d.dns.as_mut() else { return };
    for rec in dns
        .records
        .iter_mut()
        .filter(|r| r.policy == RoutingPolicy::Failover)
    {
        let check = rec
            .targets
            .iter()
            .find(|t| t.role == Some(FailoverRole::Primary))
            .and_then(|t| t.health_check.clone());
        let mut turned = false;
        for t in &mut rec.targets {
            match region_of(&t.target).as_deref() {
                Some(c) if c == new && t.role != Some(FailoverRole::Primary) => {
                    t.role = Some(FailoverRole::Primary);
                    if t.health_check.is_none() {
                        t.health_check = check.clone();
                    }
                    turned = true;
                }
                Some(c) if c == old && t.role != Some(FailoverRole::Secondary) => {
                    t.role = Some(FailoverRole::Secondary);
                    turned = true;
                }
                _ => {}
            }
        }
        if turned {
            said.push(format!(
                "Record {} now fails over from {new} to {old}.",
                rec.name
            ));
        }
    }
}

fn rds_nodes(d: &mut Design) -> impl Iterator<Item = (String, &mut Rds)> {
    d.regions.iter_mut().flat_map(|r| {
        let code = r.code.clone();
        r.vpcs
            .iter_mut()
            .flat_map(|v| v.nodes.iter_mut())
            .filter_map(move |n| match n {
                VpcNode::Rds(x) => Some((code.clone(), x)),
                _ => None,
            })
    })
}

fn turn_rds(
    d: &mut Design,
    region_of: &dyn Fn(&str) -> Option<String>,
    new: &str,
    old: &str,
    said: &mut Vec<String>,
) {
    // (promoted replica in the new region, its source in the old one)
    let pairs: Vec<(String, String, u32)> = rds_nodes(d)
        .filter(|(code, r)| {
            code == new && r.replica_of.as_deref().and_then(region_of).as_deref() == Some(old)
        })
        .map(|(_, r)| {
            (
                r.id.clone(),
                r.replica_of.clone().unwrap_or_default(),
                r.backup_retention_days,
            )
        })
        .collect();
    for (promoted, stale, _) in &pairs {
        let source_backups = rds_nodes(d)
            .find(|(_, r)| r.id == *stale)
            .map(|(_, r)| r.backup_retention_days)
            .unwrap_or(7);
        let standby = |d: &mut Design, id: &str| {
            rds_nodes(d)
                .find(|(_, r)| r.id == id)
                .map(|(_, r)| r.multi_az)
        };
        let (was_writer, was_replica) = (standby(d, stale), standby(d, promoted));
        for (_, r) in rds_nodes(d) {
            if r.id == *promoted {
                r.replica_of = None;
                // A replica source must keep automated backups (RDS-06).
                r.backup_retention_days = r.backup_retention_days.max(source_backups).max(1);
                r.multi_az = was_writer.unwrap_or(r.multi_az);
            } else if r.id == *stale || r.replica_of.as_deref() == Some(stale.as_str()) {
                if r.id == *stale {
                    r.multi_az = was_replica.unwrap_or(r.multi_az);
                }
                r.replica_of = Some(promoted.clone());
            }
        }
        said.push(format!("Database {promoted} is now the source; {stale} becomes its read replica (recreated when applied)."));
        if let (Some(writer), Some(replica)) = (was_writer, was_replica) {
            if writer != replica {
                let (from, to) = if writer {
                    (stale, promoted)
                } else {
                    (promoted, stale)
                };
                said.push(format!("The standby in a second AZ (Multi-AZ) moves from database {from} to {to}, with the role it served."));
            }
        }
    }
}

fn turn_aurora(d: &mut Design, new: &str, old: &str, said: &mut Vec<String>) {
    let members = |d: &Design, code: &str| -> Vec<(String, String, u32)> {
        d.regions
            .iter()
            .filter(|r| r.code == code)
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .filter_map(|n| match n {
                VpcNode::Aurora(a) => a.global.clone().map(|g| (a.id.clone(), g, a.instances)),
                _ => None,
            })
            .collect()
    };
    let (news, olds) = (members(d, new), members(d, old));
    // The database the old writer created belongs to the global cluster:
    // the new writer names it, the old one (now a secondary) names none (AGD-06).
    for (id, global, _) in &news {
        let Some(old_id) = olds.iter().find(|o| &o.1 == global).map(|o| o.0.clone()) else {
            continue;
        };
        let mut name = None;
        for n in vpc_nodes(d) {
            if let VpcNode::Aurora(a) = n {
                if a.id == old_id {
                    name = a.database_name.take();
                }
            }
        }
        if let Some(name) = name {
            for n in vpc_nodes(d) {
                if let VpcNode::Aurora(a) = n {
                    if a.id == *id && a.database_name.is_none() {
                        a.database_name = Some(name.clone());
                    }
                }
            }
        }
    }
    for (id, global, instances) in news {
        let writer_size = olds
            .iter()
            .find(|o| o.1 == global)
            .map(|o| o.2)
            .unwrap_or(1)
            .max(1);
        if instances < writer_size {
            for n in vpc_nodes(d) {
                if let VpcNode::Aurora(a) = n {
                    if a.id == id {
                        a.instances = writer_size;
                    }
                }
            }
            said.push(format!("Aurora cluster {id} becomes the writer of {global} with {writer_size} instance(s) (it had {instances})."));
        } else {
            said.push(format!(
                "Aurora cluster {id} becomes the writer of {global}."
            ));
        }
    }
}

fn turn_s3(
    d: &mut Design,
    region_of: &dyn Fn(&str) -> Option<String>,
    new: &str,
    old: &str,
    said: &mut Vec<String>,
) {
    let pairs: Vec<(String, String)> = d
        .regions
        .iter()
        .filter(|r| r.code == old)
        .flat_map(|r| &r.nodes)
        .filter_map(|n| match n {
            RegionNode::S3(b) => b
                .replicate_to
                .as_ref()
                .filter(|t| region_of(t).as_deref() == Some(new))
                .map(|t| (b.id.clone(), t.clone())),
            _ => None,
        })
        .collect();
    for (src, dst) in pairs {
        // Two-way replication (the destination replicates back already)
        // has no direction to turn: both rules stay.
        let back = d.regions.iter().flat_map(|r| &r.nodes).any(|n| {
            matches!(n, RegionNode::S3(b) if b.id == dst && b.replicate_to.as_deref() == Some(src.as_str()))
        });
        if back {
            continue;
        }
        for n in region_nodes(d) {
            if let RegionNode::S3(b) = n {
                if b.id == src {
                    b.replicate_to = None;
                } else if b.id == dst {
                    b.replicate_to = Some(src.clone());
                    b.versioning = true;
                }
            }
        }
        said.push(format!("Bucket {dst} now replicates to {src}."));
    }
}

/// A group's or service's kind and name, and its min, desired and max.
type Sizes = Vec<((NodeKind, String), (u32, u32, u32))>;

fn swap_group_sizes(d: &mut Design, new: &str, old: &str, said: &mut Vec<String>) {
    let sizes = |d: &Design, code: &str| -> Sizes {
        d.regions
            .iter()
            .filter(|r| r.code == code)
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .filter_map(|n| match n {
                VpcNode::Asg(g) => Some(((n.kind(), g.name.clone()), (g.min, g.desired, g.max))),
                VpcNode::Ecs(e) => Some(((n.kind(), e.name.clone()), (e.min, e.desired, e.max))),
                _ => None,
            })
            .collect()
    };
    let (news, olds) = (sizes(d, new), sizes(d, old));
    for r in d
        .regions
        .iter_mut()
        .filter(|r| r.code == new || r.code == old)
    {
        let other = if r.code == new { &olds } else { &news };
        for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
            let kind = n.kind();
            let (what, name, sizes) = match n {
                VpcNode::Asg(g) => (
                    "Group",
                    g.name.clone(),
                    (&mut g.min, &mut g.desired, &mut g.max),
                ),
                VpcNode::Ecs(e) => (
                    "Service",
                    e.name.clone(),
                    (&mut e.min, &mut e.desired, &mut e.max),
                ),
                _ => continue,
            };
            let Some((_, (min, desired, max))) =
                other.iter().find(|((k, n), _)| *k == kind && *n == name)
            else {
                continue;
            };
            if (*sizes.0, *sizes.1, *sizes.2) != (*min, *desired, *max) {
                if r.code == new {
                    said.push(format!("{what} {name} in {new} takes production size {min}/{desired}/{max} (min/desired/max)."));
                }
                (*sizes.0, *sizes.1, *sizes.2) = (*min, *desired, *max);
            }
        }
    }
}

fn swap_dials(
    d: &mut Design,
    region_of: &dyn Fn(&str) -> Option<String>,
    new: &str,
    old: &str,
    said: &mut Vec<String>,
) {
    for acc in &mut d.accelerators {
        let at = |code: &str| {
            acc.endpoints
                .iter()
                .position(|e| region_of(&e.target).as_deref() == Some(code))
        };
        let (Some(i), Some(j)) = (at(new), at(old)) else {
            continue;
        };
        if acc.endpoints[i].traffic_dial != acc.endpoints[j].traffic_dial {
            let (a, b) = (acc.endpoints[i].traffic_dial, acc.endpoints[j].traffic_dial);
            acc.endpoints[i].traffic_dial = b;
            acc.endpoints[j].traffic_dial = a;
            said.push(format!(
                "Accelerator {} dials {new} to {b}% and {old} to {a}%.",
                acc.name
            ));
        }
    }
}

#[cfg(test)]
#[path = "make_primary_tests.rs"]
mod tests;
