//! What a regional failover has to do for one design, as data: which
//! database is promoted where, which groups grow, which DNS records move by
//! themselves and which need a change. `promote_dr.rs` and `failback.rs`
//! turn the same plan into scripts, and the README describes it, so the
//! three can never disagree.

use crate::core::model::{
    Accelerator, Alb, Asg, Design, FailoverRole, HttpProtocol, Record, Region, RegionNode,
    RoutingPolicy, StateSplit, VpcNode,
};
use crate::core::names;
use crate::core::record_sets::{record_sets, RecordSet};

/// The failover of one design from its primary region.
pub struct Plan<'a> {
    /// The region that fails.
    pub primary: &'a Region,
    /// The regions that take over: those holding a promotion target, or
    /// every secondary when no database needs promoting.
    pub takers: Vec<&'a Region>,
    /// One move per primary database that has a replica elsewhere.
    pub databases: Vec<DbMove>,
    /// The groups of the taking regions, with their production size.
    pub groups: Vec<GroupMove>,
    /// The ECS services of the taking regions, with their production size.
    pub services: Vec<super::failover_ecs::ServiceMove>,
    /// Every DNS record and what happens to it.
    pub records: Vec<RecordMove>,
    /// DynamoDB global tables (nothing to promote; listed to say so).
    pub tables: Vec<String>,
    /// Global Accelerators with endpoints in and outside the primary region
    /// (they route around an unhealthy endpoint themselves).
    pub accelerators: Vec<String>,
    /// Global Accelerators with no endpoint in the primary region: its loss
    /// changes nothing for them.
    pub idle_accelerators: Vec<String>,
    /// Global Accelerators whose every endpoint is in the primary region:
    /// they have nowhere to send traffic until it returns.
    pub stranded_accelerators: Vec<String>,
    /// The load balancers the scripts check after the move, per direction.
    pub dr_endpoints: Vec<Endpoint>,
    /// The primary region's public load balancers, checked after failback.
    pub primary_endpoints: Vec<Endpoint>,
    /// Where a region's databases are, under `regions/<code>`: `""` (its
    /// root) or `/platform` (layered state).
    pub data_root: &'static str,
    /// Where a region's groups and services are: `""` or `/workloads`.
    pub app_root: &'static str,
}

/// The roots of a region, in apply order: `regions/<code>`, or its platform
/// and workloads when the design layers its state.
pub fn region_roots(design: &Design, code: &str) -> Vec<String> {
    match design.state.split {
        StateSplit::Region => vec![format!("regions/{code}")],
        StateSplit::RegionLayer => crate::core::export::layers::Layer::ALL
            .iter()
            .map(|l| format!("regions/{code}/{}", l.name()))
            .collect(),
    }
}

/// A database whose writer moves.
pub struct DbMove {
    /// Aurora global cluster or RDS instance.
    pub kind: DbKind,
    /// The writer's identifier in the primary region.
    pub primary_id: String,
    /// The replica's identifier in the taking region.
    pub target_id: String,
    /// The taking region.
    pub target_region: String,
    /// The instance class, for instances the scripts create.
    pub instance_class: String,
}

/// The kind of a moving database, with what its scripts need.
pub enum DbKind {
    /// An Aurora global cluster member.
    Aurora {
        /// The global cluster identifier.
        global_id: String,
        /// The engine, for an instance created in a headless secondary.
        engine: String,
        /// Instances of the primary cluster (deleted in the fallback).
        primary_instances: u32,
        /// The secondary has no instance: promotion creates one first.
        headless: bool,
    },
    /// An RDS instance with a cross-region read replica.
    Rds {
        /// Whether the primary runs Multi-AZ (kept when it is rebuilt).
        multi_az: bool,
        /// The primary's other cross-region replicas, outside the taking
        /// region: (region, identifier). An RDS replica cannot change its
        /// source, so they stop at the failover, and failback deletes them
        /// for Terraform to recreate from the writer back home.
        stranded: Vec<(String, String)>,
    },
}

/// The instance `promote-dr.sh` creates in a headless Aurora secondary.
/// Not `<cluster>-0`: once the design follows the failover (`make-primary`),
/// that cluster has instances and its Terraform creates `<cluster>-0`,
/// `<cluster>-1`, ...; an instance of the runbook under one of those names
/// made that apply fail (DBInstanceAlreadyExists) while the primary was down.
/// Two characters after the cluster's name, like `-0`, so it fits wherever
/// the design's instances fit.
pub fn failover_instance(cluster_id: &str) -> String {
    format!("{cluster_id}-f")
}

/// An Auto Scaling group of a taking region and the size it grows to.
pub struct GroupMove {
    /// Its region.
    pub region: String,
    /// The group name AWS knows.
    pub name: String,
    /// The design's size for it: (min, desired, max).
    pub design: (u32, u32, u32),
    /// The size while it carries production: (min, desired).
    pub production: (u32, u32),
    /// Where the production size comes from, for the log.
    pub source: &'static str,
}

impl GroupMove {
    /// Whether the group already runs at production size.
    pub fn at_size(&self) -> bool {
        self.design.0 >= self.production.0 && self.design.1 >= self.production.1
    }
}

/// One DNS record and its fate when the primary fails.
pub struct RecordMove {
    /// The full name, e.g. `app.example.com`.
    pub fqdn: String,
    /// The hosted zone's domain.
    pub zone: String,
    /// The existing hosted zone's id (`dns.zone_id`), when the design gives
    /// one: the runbook uses it instead of looking the zone up by name.
    pub zone_id: Option<String>,
    /// The routing policy, for the log.
    pub policy: &'static str,
    /// Whether Route 53 moves it away from the lost region by itself, with
    /// no change (a health check, or its load balancer seen unhealthy
    /// through alias target health, with an answer elsewhere): a change
    /// the runbook makes anyway is then a hardening that may fail while
    /// Route 53's control plane (us-east-1) is impaired, not a step the
    /// failover waits on.
    pub moves_alone: bool,
    /// What happens.
    pub action: RecordAction,
}

/// What a record needs when the primary fails.
pub enum RecordAction {
    /// Route 53 moves traffic itself (health checks, data plane); the text
    /// says why. The sets are what `--move-records` re-points when the
    /// primary's health check keeps passing (an AZ loss took the writer,
    /// not the load balancer): each keeps its health check (empty when no
    /// region that takes over has a load balancer to point at).
    Automatic(String, Vec<SetChange>),
    /// Nothing points at the primary region, so nothing moves.
    Untouched(String),
    /// The primary's record sets are pointed at a load balancer in a taking region.
    Change(Vec<SetChange>),
    /// A change is needed but there is nothing to point at; the text says why.
    Manual(String),
}

/// One record set to re-point: failover points it at `dr`, failback back at `primary`.
pub struct SetChange {
    /// The Route 53 record set, as JSON, with the alias target left as
    /// `__ALB_DNS__` and `__ALB_ZONE__` for the script to fill in, and a
    /// set with a health check its id as `__HEALTH_CHECK__` (read from the
    /// live set: an UPSERT replaces the whole set, so it must carry it).
    pub set_json: String,
    /// The set's identifier, when it has one (read back by the script to
    /// find its health check).
    pub set_identifier: Option<String>,
    /// Whether the set carries a Route 53 health check.
    pub checked: bool,
    /// The record's type (`A`, `AAAA`), to find the live set.
    pub kind: &'static str,
    /// The primary-region load balancer it points at normally: (region, name).
    pub primary: (String, String),
    /// The taking region's load balancer it points at after failover: (region, name).
    pub dr: (String, String),
}

/// A public load balancer and its health path.
pub struct Endpoint {
    /// Its region.
    pub region: String,
    /// Its name.
    pub name: String,
    /// `http` or `https`.
    pub scheme: &'static str,
    /// The listener port.
    pub port: u16,
    /// The target health-check path.
    pub path: String,
}

/// The failover plan, or `None` when there is no primary or nothing to fail over to.
pub fn plan(design: &Design) -> Option<Plan<'_>> {
    let primary = design.primary()?;
    let secondaries: Vec<&Region> = design
        .regions
        .iter()
        .filter(|r| r.code != primary.code)
        .collect();
    if secondaries.is_empty() {
        return None;
    }
    // Copies are promoted where the failover records send the traffic
    // first, then in design order (the simulation ranks them alike).
    let takers_first = crate::core::simulate::failover_takers(design);
    let mut by_preference = secondaries.clone();
    by_preference.sort_by_key(|r| crate::core::simulate::promotion_rank(&takers_first, &r.code));
    let databases: Vec<DbMove> = vpc_nodes(primary)
        .filter_map(|n| db_move(design, primary, &by_preference, n))
        .collect();
    let mut takers: Vec<&Region> = secondaries
        .iter()
        .copied()
        .filter(|r| databases.iter().any(|d| d.target_region == r.code))
        .collect();
    if takers.is_empty() {
        takers = secondaries.clone();
    }
    let services = super::failover_ecs::moves(design, primary, &takers);
    let groups = takers
        .iter()
        .flat_map(|r| vpc_nodes(r).filter_map(|n| group_move(design, primary, r, n)))
        .collect();
    let records = design
        .dns
        .as_ref()
        .map(|dns| {
            let sets = record_sets(design);
            dns.records
                .iter()
                .map(|rec| record_move(design, primary, &takers, &dns.zone, rec, &sets))
                .collect()
        })
        .unwrap_or_default();
    let tables = design
        .regions
        .iter()
        .flat_map(|r| &r.nodes)
        .filter_map(|n| match n {
            RegionNode::Dynamodb(t) if !t.replicas.is_empty() => {
                Some(names::regional(design, &t.name))
            }
            _ => None,
        })
        .collect();
    let (stranded, others): (Vec<_>, Vec<_>) = design
        .accelerators
        .iter()
        .partition(|a| only_in(primary, a));
    let (moving, idle): (Vec<_>, Vec<_>) = others
        .into_iter()
        .partition(|a| a.endpoints.iter().any(|e| alb_in(primary, &e.target)));
    let name_of = |a: &&Accelerator| names::accelerator(design, &a.name);
    let accelerators = moving.iter().map(name_of).collect();
    let stranded_accelerators = stranded.iter().map(name_of).collect();
    let idle_accelerators = idle.iter().map(name_of).collect();
    let layered = design.state.split == StateSplit::RegionLayer;
    Some(Plan {
        data_root: if layered { "/platform" } else { "" },
        app_root: if layered { "/workloads" } else { "" },
        primary,
        accelerators,
        idle_accelerators,
        stranded_accelerators,
        dr_endpoints: takers.iter().flat_map(|r| endpoints(design, r)).collect(),
        primary_endpoints: endpoints(design, primary),
        takers,
        databases,
        groups,
        services,
        records,
        tables,
    })
}

fn vpc_nodes(r: &Region) -> impl Iterator<Item = &VpcNode> {
    r.vpcs.iter().flat_map(|v| &v.nodes)
}

/// Whether every endpoint of `a` is a load balancer of `region` (an
/// accelerator with no endpoint at all is in no region).
fn only_in(region: &Region, a: &Accelerator) -> bool {
    !a.endpoints.is_empty() && a.endpoints.iter().all(|e| alb_in(region, &e.target))
}

/// Whether `id` is a load balancer of `region`.
fn alb_in(region: &Region, id: &str) -> bool {
    albs(region).any(|b| b.id == id)
}

fn albs(r: &Region) -> impl Iterator<Item = &Alb> {
    vpc_nodes(r).filter_map(|n| match n {
        VpcNode::Alb(a) => Some(a),
        _ => None,
    })
}

/// The first replica of a primary database in a secondary region, in the
/// order given (where the failover records send traffic first).
fn db_move(
    design: &Design,
    primary: &Region,
    secondaries: &[&Region],
    node: &VpcNode,
) -> Option<DbMove> {
    for r in secondaries {
        for n in vpc_nodes(r) {
            match (node, n) {
                (VpcNode::Rds(p), VpcNode::Rds(s))
                    if p.replica_of.is_none() && s.replica_of.as_deref() == Some(p.id.as_str()) =>
                {
                    let stranded = secondaries
                        .iter()
                        .filter(|o| o.code != r.code)
                        .flat_map(|o| {
                            vpc_nodes(o).filter_map(|n| match n {
                                VpcNode::Rds(x)
                                    if x.replica_of.as_deref() == Some(p.id.as_str()) =>
                                {
                                    Some((o.code.clone(), names::regional(design, &x.name)))
                                }
                                _ => None,
                            })
                        })
                        .collect();
                    return Some(DbMove {
                        kind: DbKind::Rds {
                            multi_az: p.multi_az,
                            stranded,
                        },
                        primary_id: names::regional(design, &p.name),
                        target_id: names::regional(design, &s.name),
                        target_region: r.code.clone(),
                        instance_class: p.instance_class.clone(),
                    });
                }
                (VpcNode::Aurora(p), VpcNode::Aurora(s))
                    if p.global.is_some() && p.global == s.global =>
                {
                    return Some(DbMove {
                        kind: DbKind::Aurora {
                            global_id: names::global_cluster(
                                design,
                                p.global.as_deref().unwrap_or_default(),
                            ),
                            engine: s.engine.as_str().to_string(),
                            primary_instances: p.instances,
                            headless: s.instances == 0,
                        },
                        primary_id: names::per_region(design, &p.name, &primary.code),
                        target_id: names::per_region(design, &s.name, &r.code),
                        target_region: r.code.clone(),
                        instance_class: s.instance_class.clone(),
                    })
                }
                _ => {}
            }
        }
    }
    None
}

/// A taking region's group, sized like the primary's group of the same name.
fn group_move(
    design: &Design,
    primary: &Region,
    region: &Region,
    node: &VpcNode,
) -> Option<GroupMove> {
    let VpcNode::Asg(g) = node else { return None };
    let twin: Option<&Asg> = vpc_nodes(primary).find_map(|n| match n {
        VpcNode::Asg(p) if p.name == g.name => Some(p),
        _ => None,
    });
    let (production, source) = match twin {
        Some(p) => (
            (p.min, p.desired),
            "the primary region's group of the same name",
        ),
        None => (
            (g.max, g.max),
            "its maximum (the primary has no group of the same name)",
        ),
    };
    Some(GroupMove {
        region: region.code.clone(),
        name: names::regional(design, &g.name),
        design: (g.min, g.desired, g.max),
        production,
        source,
    })
}

/// A region's internet-facing load balancers.
fn endpoints(design: &Design, r: &Region) -> Vec<Endpoint> {
    albs(r)
        .filter(|a| !a.internal)
        .map(|a| Endpoint {
            region: r.code.clone(),
            name: names::regional(design, &a.name),
            scheme: if a.listener.protocol == HttpProtocol::Https {
                "https"
            } else {
                "http"
            },
            port: a.listener.port,
            path: a.health_check.path.clone(),
        })
        .collect()
}

fn record_move(
    design: &Design,
    primary: &Region,
    takers: &[&Region],
    zone: &str,
    rec: &Record,
    sets: &[RecordSet<'_>],
) -> RecordMove {
    let fqdn = if rec.name == "@" {
        zone.to_string()
    } else {
        format!("{}.{}", rec.name, zone)
    };
    let zone_id = design.dns.as_ref().and_then(|d| d.zone_id.clone());
    let in_primary: Vec<(&crate::core::model::Target, &Alb)> = rec
        .targets
        .iter()
        .filter_map(|t| albs(primary).find(|a| a.id == t.target).map(|a| (t, a)))
        .collect();
    // Targets that are accelerators with every endpoint in the primary:
    // lost with it as much as its load balancers are.
    let stranded: Vec<&Accelerator> = rec
        .targets
        .iter()
        .filter_map(|t| {
            design
                .accelerators
                .iter()
                .find(|a| a.id == t.target && only_in(primary, a))
        })
        .collect();
    let lost = |t: &crate::core::model::Target| {
        stranded.iter().any(|a| a.id == t.target)
            || in_primary.iter().any(|(p, _)| std::ptr::eq(*p, t))
    };
    let has_other = rec.targets.iter().any(|t| !lost(t));
    // Alias target health moves a record with an answer outside the
    // primary (a geolocation record only to a default answer there).
    let moves_alone = match rec.policy {
        RoutingPolicy::Simple => false,
        RoutingPolicy::Geolocation => rec
            .targets
            .iter()
            .any(|t| t.location.as_ref().is_some_and(|l| l.default == Some(true)) && !lost(t)),
        _ => has_other,
    };
    let mv = |action| RecordMove {
        fqdn: fqdn.clone(),
        zone: zone.to_string(),
        zone_id: zone_id.clone(),
        policy: rec.policy.as_str(),
        moves_alone,
        action,
    };
    if in_primary.is_empty() {
        let Some(acc) = stranded.first() else {
            return mv(RecordAction::Untouched(
                "no target in the primary region".into(),
            ));
        };
        let name = names::accelerator(design, &acc.name);
        // Nothing to re-point at a load balancer: the set aims at the
        // accelerator, whose endpoints are all lost.
        return mv(if moves_alone {
            RecordAction::Automatic(
                format!("its accelerator {name} has every endpoint in the primary region; once they fail, alias target health makes Route 53 answer with the record's other targets"),
                Vec::new(),
            )
        } else {
            RecordAction::Manual(format!(
                "its accelerator {name} has every endpoint in the primary region and the record no other answer: point it at a load balancer of a region that takes over, or give the accelerator an endpoint there"
            ))
        });
    }
    let needs: Vec<_> = match rec.policy {
        RoutingPolicy::Failover => in_primary
            .iter()
            .filter(|(t, _)| t.role != Some(FailoverRole::Secondary) && t.health_check.is_none())
            .collect(),
        RoutingPolicy::Simple => in_primary.iter().collect(),
        _ if has_other => in_primary
            .iter()
            .filter(|(t, _)| t.health_check.is_none())
            .collect(),
        _ => in_primary.iter().collect(),
    };
    if needs.is_empty() {
        let why = if rec.policy == RoutingPolicy::Failover {
            "a failover record whose primary has a health check: Route 53 answers with the secondary once the check fails"
        } else {
            "every primary-region target has a health check: Route 53 stops answering with it once the check fails"
        };
        // What `--move-records` re-points when the check keeps passing.
        let forced: Vec<_> = in_primary
            .iter()
            .filter(|(t, _)| t.health_check.is_some() && t.role != Some(FailoverRole::Secondary))
            .collect();
        let sets =
            set_changes(design, primary, takers, &fqdn, rec, sets, &forced).unwrap_or_default();
        return mv(RecordAction::Automatic(why.into(), sets));
    }
    match set_changes(design, primary, takers, &fqdn, rec, sets, &needs) {
        Ok(changes) => mv(RecordAction::Change(changes)),
        Err(why) => mv(RecordAction::Manual(why)),
    }
}

/// The record sets of `rec` for `targets` (primary-region targets and their
/// load balancers), each pointed at a load balancer of a region that takes
/// over: one the record already names, else the twin of the primary's (same
/// name), else the first public one. Err when no such load balancer exists.
fn set_changes(
    design: &Design,
    primary: &Region,
    takers: &[&Region],
    fqdn: &str,
    rec: &Record,
    sets: &[RecordSet<'_>],
    targets: &[&(&crate::core::model::Target, &Alb)],
) -> Result<Vec<SetChange>, String> {
    let named = rec.targets.iter().find_map(|t| {
        takers
            .iter()
            .find_map(|r| albs(r).find(|a| a.id == t.target).map(|a| (*r, a)))
    });
    let mut changes = Vec::new();
    for (t, a) in targets.iter().copied() {
        let dr = named
            .or_else(|| {
                takers
                    .iter()
                    .find_map(|r| albs(r).find(|b| b.name == a.name).map(|b| (*r, b)))
            })
            .or_else(|| {
                takers
                    .iter()
                    .find_map(|r| albs(r).find(|b| !b.internal).map(|b| (*r, b)))
            });
        let Some((dr_region, dr_alb)) = dr else {
            return Err("no load balancer in a region that takes over to point it at".into());
        };
        let mut set = serde_json::Map::new();
        set.insert("Name".into(), fqdn.into());
        set.insert("Type".into(), rec.kind.as_str().into());
        // The identifier the exporter gives the set: one derivation for both.
        let set_identifier = sets
            .iter()
            .find(|s| std::ptr::eq(s.target, *t))
            .and_then(|s| s.set_identifier.clone());
        if let Some(id) = &set_identifier {
            set.insert("SetIdentifier".into(), id.clone().into());
        }
        match rec.policy {
            RoutingPolicy::Failover => {
                set.insert("Failover".into(), "PRIMARY".into());
            }
            RoutingPolicy::Weighted => {
                set.insert("Weight".into(), t.weight.unwrap_or(0).into());
            }
            RoutingPolicy::Latency => {
                set.insert("Region".into(), primary.code.clone().into());
            }
            RoutingPolicy::Geolocation => {
                let loc = t.location.clone().unwrap_or_default();
                let mut g = serde_json::Map::new();
                if let Some(c) = loc.continent {
                    g.insert("ContinentCode".into(), c.into());
                }
                match (loc.default, loc.country) {
                    (Some(true), _) => drop(g.insert("CountryCode".into(), "*".into())),
                    (_, Some(c)) => drop(g.insert("CountryCode".into(), c.into())),
                    _ => {}
                }
                if let Some(s) = loc.subdivision {
                    g.insert("SubdivisionCode".into(), s.into());
                }
                set.insert("GeoLocation".into(), g.into());
            }
            RoutingPolicy::Simple => {}
        }
        let checked = t.health_check.is_some();
        if checked {
            set.insert("HealthCheckId".into(), "__HEALTH_CHECK__".into());
        }
        set.insert(
            "AliasTarget".into(),
            serde_json::json!({"HostedZoneId": "__ALB_ZONE__", "DNSName": "__ALB_DNS__", "EvaluateTargetHealth": true}),
        );
        changes.push(SetChange {
            set_json: serde_json::Value::Object(set).to_string(),
            set_identifier,
            checked,
            kind: rec.kind.as_str(),
            primary: (primary.code.clone(), names::regional(design, &a.name)),
            dr: (
                dr_region.code.clone(),
                names::regional(design, &dr_alb.name),
            ),
        });
    }
    Ok(changes)
}

/// The ARN partition of a region code.
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

#[cfg(test)]
#[path = "failover_tests.rs"]
mod tests;
