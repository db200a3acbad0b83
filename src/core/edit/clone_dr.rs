//! "Clone region as DR": copy a region's VPCs and workloads into another
//! region with fresh CIDRs and that region's AZ ids, and wire the copies as
//! disaster recovery (database replicas or global-cluster members, bucket
//! replication, a failover DNS pair).

use super::alloc::{free_block, shift};
use super::connect::with_vpc_node;
use super::ids::{fresh_id, fresh_name, region_short, used_ids, Taken};
use super::EditError;
use crate::core::catalog;
use crate::core::model::*;
use ipnet::Ipv4Net;
use std::collections::HashMap;

/// Clones region `region_id` into a new secondary region `code`; returns the
/// new design and the new region's id.
pub fn clone_region_as_dr(
    design: &Design,
    region_id: &str,
    code: &str,
) -> Result<(Design, String), EditError> {
    let src = design
        .regions
        .iter()
        .find(|r| r.id == region_id)
        .ok_or_else(|| EditError::new(format!("No region `{region_id}`.")))?;
    let target = catalog::region(code)
        .ok_or_else(|| EditError::new(format!("`{code}` is not an AWS region code.")))?;
    if design.regions.iter().any(|r| r.code == code) {
        return Err(EditError::new(format!(
            "{code} is already in the design; pick a region it does not use yet."
        )));
    }
    let mut taken = used_ids(design);
    let new_id = fresh_id(&taken, &region_short(code));
    taken.insert(new_id.clone());

    // Old id -> new id for everything inside the region.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut map_id = |old: &str, taken: &mut Taken<'_>| {
        let rest = old.strip_prefix(&format!("{}-", src.id)).unwrap_or(old);
        let id = fresh_id(taken, &format!("{new_id}-{rest}"));
        taken.insert(id.clone());
        ids.insert(old.to_string(), id);
    };
    for v in &src.vpcs {
        map_id(&v.id, &mut taken);
        v.subnets.iter().for_each(|s| map_id(&s.id, &mut taken));
        v.nodes.iter().for_each(|n| map_id(n.id(), &mut taken));
    }
    src.nodes
        .iter()
        .filter(|n| n.kind() == NodeKind::S3)
        .for_each(|n| map_id(n.id(), &mut taken));
    let new = |old: &str| ids.get(old).cloned().unwrap_or_else(|| old.to_string());

    let az_map = super::region_code::az_remap(src, target);
    let mut vpc_nets: Vec<Ipv4Net> = design
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .filter_map(|v| v.cidr.trim().parse().ok())
        .collect();
    let mut region = Region {
        id: new_id.clone(),
        code: code.to_string(),
        role: RegionRole::Secondary,
        vpcs: vec![],
        nodes: vec![],
    };
    for v in &src.vpcs {
        let old_net: Option<Ipv4Net> = v.cidr.trim().parse::<Ipv4Net>().ok().map(|n| n.trunc());
        let new_net = old_net.and_then(|n| free_block(n.prefix_len(), &vpc_nets));
        if let Some(n) = new_net {
            vpc_nets.push(n);
        }
        let moved = |cidr: &str| match (old_net, new_net) {
            (Some(o), Some(n)) => shift(cidr, o, n),
            _ => cidr.to_string(),
        };
        let subnets = v
            .subnets
            .iter()
            .map(|s| Subnet {
                id: new(&s.id),
                name: s.name.clone(),
                cidr: moved(&s.cidr),
                az: az_map
                    .get(s.az.as_str())
                    .cloned()
                    .unwrap_or_else(|| target.az_ids_sorted()[0].to_string()),
                tier: s.tier,
            })
            .collect();
        let remap = |list: &[String]| list.iter().map(|s| new(s)).collect::<Vec<_>>();
        let nodes = v
            .nodes
            .iter()
            .map(|n| match n {
                VpcNode::Alb(a) => VpcNode::Alb(Alb {
                    id: new(&a.id),
                    subnets: remap(&a.subnets),
                    ..a.clone()
                }),
                VpcNode::Asg(a) => VpcNode::Asg(Asg {
                    id: new(&a.id),
                    subnets: remap(&a.subnets),
                    min: 1,
                    desired: 1,
                    target: a.target.as_deref().map(&new),
                    ..a.clone()
                }),
                VpcNode::Rds(r) => VpcNode::Rds(Rds {
                    id: new(&r.id),
                    subnets: remap(&r.subnets),
                    multi_az: false,
                    replica_of: Some(r.replica_of.clone().unwrap_or_else(|| r.id.clone())),
                    ..r.clone()
                }),
                VpcNode::Aurora(c) => VpcNode::Aurora(Aurora {
                    id: new(&c.id),
                    subnets: remap(&c.subnets),
                    instances: 1,
                    global: Some(c.global.clone().unwrap_or_else(|| c.name.clone())),
                    ..c.clone()
                }),
                // A warm standby: one task, as the groups keep one instance;
                // scaling (if set) grows it after a failover.
                VpcNode::Ecs(e) => VpcNode::Ecs(Ecs {
                    id: new(&e.id),
                    subnets: remap(&e.subnets),
                    min: 1,
                    desired: 1,
                    max: e.max.max(1),
                    target: e.target.as_deref().map(&new),
                    ..e.clone()
                }),
                // Its own cache, never replicated: it starts cold (seed 003).
                VpcNode::Elasticache(c) => VpcNode::Elasticache(Elasticache {
                    id: new(&c.id),
                    subnets: remap(&c.subnets),
                    ..c.clone()
                }),
            })
            .collect();
        let cidr = new_net
            .map(|n| n.to_string())
            .unwrap_or_else(|| v.cidr.clone());
        region.vpcs.push(Vpc {
            id: new(&v.id),
            name: v.name.clone(),
            cidr,
            nat: v.nat,
            subnets,
            nodes,
        });
    }
    for n in &src.nodes {
        if let RegionNode::S3(b) = n {
            let bucket = if b.bucket.contains(&src.code) {
                b.bucket.replace(&src.code, code)
            } else {
                format!("{}-{code}", b.bucket)
            };
            region.nodes.push(RegionNode::S3(S3 {
                id: new(&b.id),
                bucket,
                versioning: true,
                replicate_to: None,
                ..b.clone()
            }));
        }
    }

    let mut d = design.clone();
    wire_sources(&mut d, src, code, &new);
    let src_albs: Vec<String> = src
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .filter(|n| n.kind() == NodeKind::Alb)
        .map(|n| n.id().to_string())
        .collect();
    d.regions.push(region);
    if let Some(alb) = src_albs.first() {
        wire_dns(&mut d, alb, &new(alb), &mut taken);
    }
    Ok((d, new_id))
}

/// Makes the source region's data flow to the copies.
fn wire_sources(d: &mut Design, src: &Region, code: &str, new: &dyn Fn(&str) -> String) {
    for v in &src.vpcs {
        for n in &v.nodes {
            match n {
                VpcNode::Rds(r) if r.replica_of.is_none() && r.backup_retention_days == 0 => {
                    with_vpc_node(d, &r.id, |n| {
                        if let VpcNode::Rds(r) = n {
                            r.backup_retention_days = 7;
                        }
                    })
                }
                VpcNode::Aurora(c) if c.global.is_none() => {
                    let g = c.name.clone();
                    with_vpc_node(d, &c.id, |n| {
                        if let VpcNode::Aurora(c) = n {
                            c.global = Some(g);
                        }
                    })
                }
                _ => {}
            }
        }
    }
    if let Some(r) = d.regions.iter_mut().find(|r| r.id == src.id) {
        for n in &mut r.nodes {
            match n {
                RegionNode::S3(b) if b.replicate_to.is_none() => {
                    b.versioning = true;
                    b.replicate_to = Some(new(&b.id));
                }
                RegionNode::Dynamodb(t) if !t.replicas.iter().any(|c| c == code) => {
                    t.replicas.push(code.to_string())
                }
                _ => {}
            }
        }
    }
}

/// Adds the copy's load balancer to the DNS record in front of the source's,
/// or makes a failover record when there is none.
fn wire_dns(d: &mut Design, src_alb: &str, new_alb: &str, taken: &mut Taken<'_>) {
    let check = HealthCheck {
        protocol: CheckProtocol::Https,
        port: 443,
        path: Some("/health".into()),
        interval: 10,
        failure_threshold: 3,
    };
    let target = |role, health_check| Target {
        target: new_alb.to_string(),
        role,
        weight: None,
        location: None,
        health_check,
    };
    let dns = d.dns.get_or_insert_with(|| Dns {
        zone: "example.com".into(),
        zone_id: None,
        records: vec![],
    });
    if let Some(rec) = dns
        .records
        .iter_mut()
        .find(|r| r.targets.iter().any(|t| t.target == src_alb))
    {
        match rec.policy {
            RoutingPolicy::Failover if rec.targets.len() < 2 => {
                rec.targets
                    .push(target(Some(FailoverRole::Secondary), None));
            }
            RoutingPolicy::Simple => {
                rec.policy = RoutingPolicy::Failover;
                for t in &mut rec.targets {
                    t.role = Some(FailoverRole::Primary);
                    t.health_check.get_or_insert(check.clone());
                }
                rec.targets
                    .push(target(Some(FailoverRole::Secondary), None));
            }
            RoutingPolicy::Latency => rec.targets.push(target(None, Some(check))),
            RoutingPolicy::Weighted => {
                let mut t = target(None, Some(check));
                t.weight = Some(0);
                rec.targets.push(t);
            }
            RoutingPolicy::Failover | RoutingPolicy::Geolocation => {}
        }
        return;
    }
    let name = fresh_name(dns.records.iter().map(|r| r.name.as_str()), "app");
    let id = fresh_id(taken, &format!("dns-{name}"));
    taken.insert(id.clone());
    dns.records.push(Record {
        id,
        name,
        kind: RecordType::A,
        policy: RoutingPolicy::Failover,
        ttl: None,
        targets: vec![
            Target {
                target: src_alb.to_string(),
                role: Some(FailoverRole::Primary),
                weight: None,
                location: None,
                health_check: Some(check),
            },
            target(Some(FailoverRole::Secondary), None),
        ],
    });
}
