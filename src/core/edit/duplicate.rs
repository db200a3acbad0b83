//! Duplicating objects in place: what Ctrl/Cmd+D does in the canvas editor.
//!
//! A copy lands next to its original (same VPC, region or global band) with a
//! fresh id and a fresh name, and is made valid on its own: whatever must be
//! unique (CIDRs, AWS names, bucket names, DNS names, global-cluster
//! membership) is renewed, the rest is kept. References between objects
//! copied in the same call point at the copies (a VPC's nodes at its copied
//! subnets, an ASG at a load balancer copied with it); references to objects
//! left alone are kept. Regions and peerings cannot be duplicated.

use super::alloc::{first_free, free_block, next_subnet_cidr, shift};
use super::ids::{fresh_id, used_ids, Taken};
use super::EditError;
use crate::core::model::*;
use ipnet::Ipv4Net;
use std::collections::{HashMap, HashSet};

/// How far a copy's saved canvas position is moved from its original's.
const OFFSET: f64 = 24.0;
/// RDS allows at most this many read replicas per source (RDS-09).
const MAX_REPLICAS: usize = 15;

/// Original id -> copy id, for every object the call copies.
type IdMap = HashMap<String, String>;

/// Duplicates the objects `ids` in place; returns the new design and the ids
/// of the copies, one per selected object in input order. An id inside
/// another selected object (a subnet of a selected VPC) is copied with it and
/// gets no entry of its own; an id given twice is copied once.
pub fn duplicate(design: &Design, ids: &[&str]) -> Result<(Design, Vec<String>), EditError> {
    let index = Index::new(design);
    let roots = roots(&index, ids)?;
    let mut taken = used_ids(design);
    let mut map = IdMap::new();
    for root in &roots {
        plan_ids(root, &mut taken, &mut map);
    }
    let mut d = design.clone();
    for root in &roots {
        copy_root(&mut d, *root, &map)?;
    }
    check_replica_limit(design, &d)?;
    for (old, new) in &map {
        if let Some(r) = design.canvas.get(old) {
            d.canvas.insert(
                new.clone(),
                Rect {
                    x: r.x + OFFSET,
                    y: r.y + OFFSET,
                    ..*r
                },
            );
        }
    }
    let copies = roots.iter().map(|o| new_id(&map, o.id())).collect();
    Ok((d, copies))
}

/// The selected objects that are not inside another selected one, in order.
fn roots<'a>(index: &Index<'a>, ids: &[&str]) -> Result<Vec<ObjectRef<'a>>, EditError> {
    let selected: HashSet<&str> = ids.iter().copied().collect();
    let mut out: Vec<ObjectRef<'a>> = Vec::new();
    for &id in ids {
        let o = index
            .get(id)
            .ok_or_else(|| EditError::new(format!("No object `{id}` to duplicate.")))?;
        match o {
            ObjectRef::Region(r) => {
                return Err(EditError::new(format!(
                    "Region {} cannot be duplicated in place: use “Clone region as DR” to copy it into another AWS region.",
                    r.code
                )))
            }
            ObjectRef::Peering(p) => {
                return Err(EditError::new(format!(
                    "Peering {} cannot be duplicated: two VPCs are peered at most once. Draw a link between two other VPCs instead.",
                    p.id
                )))
            }
            ObjectRef::Subnet { vpc, .. } | ObjectRef::VpcNode { vpc, .. } if selected.contains(vpc.id.as_str()) => {}
            _ if out.iter().any(|x| x.id() == id) => {}
            _ => out.push(o),
        }
    }
    Ok(out)
}

/// Reserves a fresh id for the copy of `o` and of everything inside it.
fn plan_ids(o: &ObjectRef<'_>, taken: &mut Taken<'_>, map: &mut IdMap) {
    let mut add = |id: &str| {
        let fresh = fresh_id(taken, id);
        taken.insert(fresh.clone());
        map.insert(id.to_string(), fresh);
    };
    add(o.id());
    if let ObjectRef::Vpc { vpc, .. } = o {
        vpc.subnets.iter().for_each(|s| add(&s.id));
        vpc.nodes.iter().for_each(|n| add(n.id()));
    }
}

/// The copy's id for an object copied in this call, else `id` itself.
fn new_id(map: &IdMap, id: &str) -> String {
    map.get(id).cloned().unwrap_or_else(|| id.to_string())
}

fn remap(map: &IdMap, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| new_id(map, id)).collect()
}

fn copy_root(d: &mut Design, o: ObjectRef<'_>, map: &IdMap) -> Result<(), EditError> {
    match o {
        ObjectRef::Subnet { vpc, subnet, .. } => copy_subnet(d, &vpc.id, subnet, map),
        ObjectRef::VpcNode { region, vpc, node } => {
            let mut names = node_names(d, &region.id);
            let copy = copy_node(d, node, &region.code, &mut names, map);
            vpc_mut(d, &vpc.id)?.nodes.push(copy);
            Ok(())
        }
        ObjectRef::Vpc { region, vpc } => copy_vpc(d, region, vpc, map),
        ObjectRef::RegionNode { region, node } => {
            let copy = copy_region_node(d, region, node, map);
            region_mut(d, &region.id)?.nodes.push(copy);
            Ok(())
        }
        ObjectRef::Record(r) => {
            if let Some(dns) = d.dns.as_mut() {
                // A second record of the same name and type would repeat its
                // set identifiers (a second failover pair, a second latency
                // target per region: R53-03, R53-04, R53-07), so the copy
                // gets a name of its own and is a record set of its own.
                let name = copy_record_name(dns.records.iter().map(|x| x.name.as_str()), &r.name);
                let targets = r
                    .targets
                    .iter()
                    .map(|t| Target {
                        target: new_id(map, &t.target),
                        ..t.clone()
                    })
                    .collect();
                dns.records.push(Record {
                    id: new_id(map, &r.id),
                    name,
                    targets,
                    ..r.clone()
                });
            }
            Ok(())
        }
        ObjectRef::Accelerator(a) => {
            // Accelerator names are per account (GA-06 length); the copy's
            // endpoints are the same load balancers, which is allowed.
            let name = copy_name(
                d.accelerators.iter().map(|x| x.name.as_str()),
                &a.name,
                budget(d, 64, None),
            );
            let endpoints = a
                .endpoints
                .iter()
                .map(|e| Endpoint {
                    target: new_id(map, &e.target),
                    ..e.clone()
                })
                .collect();
            d.accelerators.push(Accelerator {
                id: new_id(map, &a.id),
                name,
                endpoints,
                ..a.clone()
            });
            Ok(())
        }
        // Refused by `roots`.
        ObjectRef::Region(_) | ObjectRef::Peering(_) => Ok(()),
    }
}

/// A subnet copy: same VPC, AZ and tier, the next free block of its size.
fn copy_subnet(d: &mut Design, vpc_id: &str, s: &Subnet, map: &IdMap) -> Result<(), EditError> {
    let vpc = vpc_mut(d, vpc_id)?;
    let vpc_net = parse_net(&vpc.cidr).ok_or_else(|| {
        EditError::new(format!(
            "VPC {} has no valid CIDR ({}); fix it before duplicating its subnets.",
            vpc.name, vpc.cidr
        ))
    })?;
    let taken: Vec<Ipv4Net> = vpc
        .subnets
        .iter()
        .filter_map(|x| parse_net(&x.cidr))
        .collect();
    let prefix = parse_net(&s.cidr)
        .map(|n| n.prefix_len())
        .filter(|p| (16..=28).contains(p));
    let cidr = prefix
        .and_then(|p| first_free(vpc_net, p, &taken))
        .or_else(|| next_subnet_cidr(vpc_net, &taken))
        .ok_or_else(|| {
            EditError::new(format!(
                "VPC {} ({}) is full: there is no free block left for a copy of subnet {}.",
                vpc.name, vpc.cidr, s.name
            ))
        })?;
    let name = copy_name(vpc.subnets.iter().map(|x| x.name.as_str()), &s.name, 255);
    vpc.subnets.push(Subnet {
        id: new_id(map, &s.id),
        name,
        cidr: cidr.to_string(),
        ..s.clone()
    });
    Ok(())
}

/// A workload copy with a fresh id and a name free in its region.
fn copy_node(
    d: &Design,
    node: &VpcNode,
    code: &str,
    names: &mut Vec<String>,
    map: &IdMap,
) -> VpcNode {
    let id = new_id(map, node.id());
    // Names are per region in AWS (NAME-01) and must fit the AWS name they
    // make: ELB names 32 (ALB-04), DB identifiers 63 (RDS-01, AGD-05 with the
    // region code), the ASG's instance role 64 with the code (IAM-02).
    let max = match node.kind() {
        NodeKind::Alb => budget(d, 32, None),
        NodeKind::Asg => budget(d, 64, Some(code)),
        NodeKind::Rds => budget(d, 63, None),
        // Replication group ids: at most 40 characters (CACHE-01).
        NodeKind::Elasticache => budget(d, 40, None),
        _ => budget(d, 63, Some(code)),
    };
    let name = copy_name(names.iter().map(String::as_str), node.name(), max);
    names.push(name.clone());
    match node {
        VpcNode::Alb(a) => VpcNode::Alb(Alb {
            id,
            name,
            subnets: remap(map, &a.subnets),
            ..a.clone()
        }),
        // Keeps its load balancer: several groups may register in one target
        // group (AWS allows it and no rule objects); the instance role and
        // group names follow the fresh name (IAM-01, NAME-01).
        VpcNode::Asg(a) => VpcNode::Asg(Asg {
            id,
            name,
            subnets: remap(map, &a.subnets),
            target: a.target.as_deref().map(|t| new_id(map, t)),
            ..a.clone()
        }),
        // A primary's copy is another primary; a replica's copy replicates
        // the same source (or that source's copy when it is copied too),
        // within the 15-replica limit checked afterwards (RDS-09). A
        // cross-region replica's copy in its VPC's copy replicates the replica
        // it was copied from instead: AWS keeps a source's cross-region
        // replicas in one region in one VPC (RDS-10). Engine, encryption
        // and size are kept, so RDS-08/11/13 hold as before.
        VpcNode::Rds(r) => {
            // Into its VPC's copy (the VPC is copied too), not its own VPC.
            let new_vpc = crate::core::model::find_object(d, &r.id)
                .and_then(|o| o.vpc())
                .is_some_and(|v| map.contains_key(&v.id));
            let across = |s: &str| {
                new_vpc
                    && !map.contains_key(s)
                    && crate::core::model::find_object(d, s)
                        .and_then(|o| o.region())
                        .is_some_and(|from| from.code != code)
            };
            VpcNode::Rds(Rds {
                id,
                name,
                subnets: remap(map, &r.subnets),
                replica_of: r.replica_of.as_deref().map(|s| {
                    if across(s) {
                        r.id.clone()
                    } else {
                        new_id(map, s)
                    }
                }),
                ..r.clone()
            })
        }
        // Keeps its load balancer, as a group does; the task and execution
        // role names follow the fresh name.
        VpcNode::Ecs(e) => VpcNode::Ecs(Ecs {
            id,
            name,
            subnets: remap(map, &e.subnets),
            target: e.target.as_deref().map(|t| new_id(map, t)),
            ..e.clone()
        }),
        VpcNode::Elasticache(c) => VpcNode::Elasticache(Elasticache {
            id,
            name,
            subnets: remap(map, &c.subnets),
            ..c.clone()
        }),
        // Leaves its global cluster: a second member in the same region is
        // refused by Aurora (AGD-01). It becomes a standalone cluster.
        VpcNode::Aurora(c) => VpcNode::Aurora(Aurora {
            id,
            name,
            subnets: remap(map, &c.subnets),
            global: None,
            ..c.clone()
        }),
    }
}

/// A VPC copy in the same region: the next free block of the same size
/// anywhere in the design, subnets moved along by the same offset (keeping
/// their names, which only need to be unique inside their VPC), workloads
/// copied onto the copied subnets. Peerings are not copied: they name their
/// two VPCs and the copy has its own address space to plan.
fn copy_vpc(d: &mut Design, region: &Region, v: &Vpc, map: &IdMap) -> Result<(), EditError> {
    let old_net = parse_net(&v.cidr).ok_or_else(|| {
        EditError::new(format!(
            "VPC {} has no valid CIDR ({}); fix it before duplicating the VPC.",
            v.name, v.cidr
        ))
    })?;
    let taken: Vec<Ipv4Net> = d
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .filter_map(|x| parse_net(&x.cidr))
        .collect();
    let new_net = free_block(old_net.prefix_len(), &taken).ok_or_else(|| {
        EditError::new(format!(
            "The private address ranges have no free /{} left for a copy of VPC {}.",
            old_net.prefix_len(),
            v.name
        ))
    })?;
    let subnets = v
        .subnets
        .iter()
        .map(|s| Subnet {
            id: new_id(map, &s.id),
            cidr: shift(&s.cidr, old_net, new_net),
            ..s.clone()
        })
        .collect();
    let mut names = node_names(d, &region.id);
    let nodes = v
        .nodes
        .iter()
        .map(|n| copy_node(d, n, &region.code, &mut names, map))
        .collect();
    let r = region_mut(d, &region.id)?;
    let name = copy_name(r.vpcs.iter().map(|x| x.name.as_str()), &v.name, 255);
    r.vpcs.push(Vpc {
        id: new_id(map, &v.id),
        name,
        cidr: new_net.to_string(),
        nat: v.nat,
        subnets,
        nodes,
    });
    Ok(())
}

/// An S3 bucket or DynamoDB table copy in the same region.
fn copy_region_node(d: &Design, region: &Region, node: &RegionNode, map: &IdMap) -> RegionNode {
    let id = new_id(map, node.id());
    let here: Vec<&str> = d
        .regions
        .iter()
        .filter(|r| r.id == region.id)
        .flat_map(|r| &r.nodes)
        .map(|n| n.name())
        .collect();
    match node {
        // A new bucket name, unique in the design and the state bucket
        // (S3-01, S3-02). Replication is dropped: the copy is a new, empty
        // bucket, and its replication role would be a second IAM role.
        RegionNode::S3(b) => {
            let buckets = d
                .regions
                .iter()
                .flat_map(|r| &r.nodes)
                .filter_map(|n| match n {
                    RegionNode::S3(x) => Some(x.bucket.as_str()),
                    RegionNode::Dynamodb(_) => None,
                });
            // `copy_name` keeps it valid: at most 63 characters, ending in a
            // digit, never `.-` or `--`.
            let max = budget(d, 64 - "-replication".len(), Some(&region.code));
            RegionNode::S3(S3 {
                id,
                name: copy_name(here.iter().copied(), &b.name, max),
                bucket: copy_name(buckets.chain([d.state.bucket.as_str()]), &b.bucket, 63),
                replicate_to: None,
                ..b.clone()
            })
        }
        // Keeps its replicas (a global table copy is valid); its name must be
        // free in every region it lives in, so it avoids every table name.
        RegionNode::Dynamodb(t) => {
            let tables = d
                .regions
                .iter()
                .flat_map(|r| &r.nodes)
                .filter(|n| n.kind() == NodeKind::Dynamodb)
                .map(|n| n.name());
            let name = copy_name(
                here.iter().copied().chain(tables),
                &t.name,
                budget(d, 255, None),
            );
            RegionNode::Dynamodb(Dynamodb {
                id,
                name,
                ..t.clone()
            })
        }
    }
}

/// Refuses when a copied replica would give its source more than 15.
fn check_replica_limit(before: &Design, after: &Design) -> Result<(), EditError> {
    let counts = |d: &Design| {
        let mut c: HashMap<String, usize> = HashMap::new();
        for n in d
            .regions
            .iter()
            .flat_map(|r| &r.vpcs)
            .flat_map(|v| &v.nodes)
        {
            if let VpcNode::Rds(Rds {
                replica_of: Some(s),
                ..
            }) = n
            {
                *c.entry(s.clone()).or_default() += 1;
            }
        }
        c
    };
    let (old, new) = (counts(before), counts(after));
    let index = Index::new(before);
    for (src, n) in new {
        if n > MAX_REPLICAS && n > old.get(&src).copied().unwrap_or(0) {
            let name = index
                .get(&src)
                .map(|o| o.display_name().to_string())
                .unwrap_or_else(|| src.clone());
            return Err(EditError::new(format!(
                "Database {name} already has {} read replicas and RDS allows {MAX_REPLICAS}: its replica cannot be duplicated.",
                n - 1
            )));
        }
    }
    Ok(())
}

fn node_names(d: &Design, region_id: &str) -> Vec<String> {
    d.regions
        .iter()
        .filter(|r| r.id == region_id)
        .flat_map(|r| &r.vpcs)
        .flat_map(|v| &v.nodes)
        .map(|n| n.name().to_string())
        .collect()
}

fn region_mut<'a>(d: &'a mut Design, id: &str) -> Result<&'a mut Region, EditError> {
    d.regions
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| EditError::new(format!("No region `{id}`.")))
}

fn vpc_mut<'a>(d: &'a mut Design, id: &str) -> Result<&'a mut Vpc, EditError> {
    d.regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .find(|v| v.id == id)
        .ok_or_else(|| EditError::new(format!("No VPC `{id}`.")))
}

fn parse_net(text: &str) -> Option<Ipv4Net> {
    text.trim().parse::<Ipv4Net>().ok().map(|n| n.trunc())
}

/// Characters left for an object's name in an AWS name of at most `limit`
/// characters made as `project-environment-name[-region]` (see `names.rs`).
pub(super) fn budget(d: &Design, limit: usize, region: Option<&str>) -> usize {
    let fixed = d.name.chars().count()
        + d.environment.chars().count()
        + 2
        + region.map_or(0, |c| c.chars().count() + 1);
    limit.saturating_sub(fixed)
}

/// `name` without a `-N` counter at its end (`web-2` -> `web`).
fn stem(name: &str) -> &str {
    match name.rsplit_once('-') {
        Some((head, n))
            if !head.is_empty() && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) =>
        {
            head
        }
        _ => name,
    }
}

/// `stem-n`, with the stem shortened so that the whole fits in `max`
/// characters when there is room for it at all.
fn numbered(stem: &str, n: u32, max: usize) -> String {
    let suffix = format!("-{n}");
    let room = max.saturating_sub(suffix.len());
    let short: String = if room == 0 {
        stem.to_string()
    } else {
        stem.chars().take(room).collect()
    };
    format!("{}{suffix}", short.trim_end_matches(['-', '.', '_']))
}

/// The first of `web-2`, `web-3`, ... for a copy of `web` (or of `web-2`)
/// that no name in `names` equals, ignoring case (RDS identifiers and IAM
/// roles are case-insensitive), at most `max` characters where possible.
pub(super) fn copy_name<'a>(
    names: impl IntoIterator<Item = &'a str>,
    name: &str,
    max: usize,
) -> String {
    let taken: HashSet<String> = names.into_iter().map(str::to_ascii_lowercase).collect();
    let base = if stem(name).is_empty() {
        "copy"
    } else {
        stem(name)
    };
    (2..)
        .map(|n| numbered(base, n, max))
        .find(|c| !taken.contains(&c.to_ascii_lowercase()))
        .unwrap_or_default()
}

/// A record name for a copy: the counter goes on the first real label
/// (`app` -> `app-2`, `*.api` -> `*.api-2`, `www.eu` -> `www-2.eu`); the
/// apex `@` and a bare `*` become `copy-2`. No other record has the name.
pub(super) fn copy_record_name<'a>(names: impl IntoIterator<Item = &'a str>, name: &str) -> String {
    let taken: HashSet<String> = names
        .into_iter()
        .map(|n| n.trim_end_matches('.').to_ascii_lowercase())
        .collect();
    let labels: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    let (before, base, after) = match labels.iter().position(|l| *l != "*" && *l != "@") {
        Some(i) => (
            labels[..i].join("."),
            stem(labels[i]),
            labels[i + 1..].join("."),
        ),
        None => (
            (if name == "*" { "*" } else { "" }).to_string(),
            "copy",
            String::new(),
        ),
    };
    let join = |label: String| {
        [before.as_str(), label.as_str(), after.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(".")
    };
    (2..)
        .map(|n| join(numbered(base, n, 63)))
        .find(|c| !taken.contains(&c.to_ascii_lowercase()))
        .unwrap_or_default()
}
