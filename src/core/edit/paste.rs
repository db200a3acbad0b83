//! Pasting copied objects: Ctrl/Cmd+V in the canvas, from this tab or
//! another (the clipboard format is in [`clip`]).
//!
//! Paste text is untrusted: it is read by the strict loader and refused
//! whole, with the design untouched, when anything is off. What is pasted
//! lands in the selected container, else in the region of the same AWS
//! code, else the primary region; subnets and workloads need a VPC: the
//! selected one, the one they came from when it is there, else the
//! region's first. Every pasted object gets a fresh id and a name free
//! where it lands, a VPC the next free block of its size, a subnet the
//! next free block in its VPC, and AZs mapped to the target region when it
//! differs. References inside the pasted set follow the copies; a
//! workload's subnets left behind are found again in the target VPC by
//! tier and AZ; every other reference to an object not pasted is dropped.

mod clip;
#[cfg(test)]
mod tests;

pub use clip::{copy, CLIP_FORMAT, MAX_CLIP_BYTES};

use super::alloc::{first_free, free_block, next_subnet_cidr, shift};
use super::duplicate::{budget, copy_name};
use super::ids::{fresh_id, used_ids};
use super::region_code::az_remap;
use super::EditError;
use crate::core::catalog;
use crate::core::model::*;
use crate::core::text::short;
use ipnet::Ipv4Net;
use std::collections::{HashMap, HashSet};

/// The prefix lengths AWS accepts for a VPC's block (and a subnet's).
const VPC_PREFIXES: std::ops::RangeInclusive<u8> = 16..=28;

/// Clip id -> pasted id, for every object pasted (a VPC's contents too).
type IdMap = HashMap<String, String>;

/// Pastes the clip `text` into `design`, into the container `into` (any
/// selected object: its region or VPC is used); returns the new design and
/// the ids of the pasted objects, one per copied object.
pub fn paste(
    design: &Design,
    text: &str,
    into: Option<&str>,
) -> Result<(Design, Vec<String>), EditError> {
    let clip = clip::read(text).map_err(EditError::new)?;
    let cindex = Index::new(&clip.design);
    let mut roots: Vec<ObjectRef<'_>> = clip
        .objects
        .iter()
        .filter_map(|id| cindex.get(id))
        .collect();
    // Containers and subnets before the workloads that use them.
    roots.sort_by_key(|o| match o {
        ObjectRef::Vpc { .. } | ObjectRef::RegionNode { .. } => 0,
        ObjectRef::Subnet { .. } => 1,
        _ => 2,
    });
    let mut taken = used_ids(design);
    let mut map = IdMap::new();
    for root in &roots {
        let mut add = |id: &str| {
            let fresh = fresh_id(&taken, id);
            taken.insert(fresh.clone());
            map.insert(id.to_string(), fresh);
        };
        add(root.id());
        if let ObjectRef::Vpc { vpc, .. } = root {
            vpc.subnets.iter().for_each(|s| add(&s.id));
            vpc.nodes.iter().for_each(|n| add(n.id()));
        }
    }
    let mut d = design.clone();
    for root in &roots {
        paste_root(&mut d, design, root, into, &map)?;
    }
    let ids = clip
        .objects
        .iter()
        .filter_map(|id| map.get(id).cloned())
        .collect();
    Ok((d, ids))
}

/// Pastes one copied object (and what it holds) into `d`.
fn paste_root(
    d: &mut Design,
    before: &Design,
    o: &ObjectRef<'_>,
    into: Option<&str>,
    map: &IdMap,
) -> Result<(), EditError> {
    let Some(from) = o.region() else {
        return Ok(());
    };
    let region = target_region(before, from, into)?;
    let azs = az_map(from, &region.code);
    match *o {
        ObjectRef::Vpc { vpc, .. } => paste_vpc(d, &region, vpc, &azs, map),
        ObjectRef::RegionNode { node, .. } => paste_region_node(d, &region, node, map),
        ObjectRef::Subnet { vpc, subnet, .. } => {
            let target = target_vpc(before, &region, vpc, into, "subnet", &subnet.name)?;
            paste_subnet(d, &target, subnet, &azs, map)
        }
        ObjectRef::VpcNode { vpc, node, .. } => {
            let target = target_vpc(before, &region, vpc, into, node.kind().label(), node.name())?;
            paste_vpc_node(d, &region, &target, vpc, node, &azs, map)
        }
        ObjectRef::Region(_)
        | ObjectRef::Peering(_)
        | ObjectRef::Record(_)
        | ObjectRef::Accelerator(_) => Ok(()),
    }
}

/// The region a copied object from `from` lands in: the selected object's
/// region, else the one with the same code, else the primary, else the first.
fn target_region(d: &Design, from: &Region, into: Option<&str>) -> Result<Region, EditError> {
    let index = Index::new(d);
    let selected = into.and_then(|id| index.get(id)).and_then(|o| match o {
        ObjectRef::Region(r) => Some(r),
        o => o.region(),
    });
    selected
        .or_else(|| d.regions.iter().find(|r| r.code == from.code))
        .or_else(|| d.primary())
        .or_else(|| d.regions.first())
        .map(|r| Region {
            vpcs: Vec::new(),
            nodes: Vec::new(),
            ..r.clone()
        })
        .ok_or_else(|| {
            EditError::new(
                "This design has no region to paste into: add a region first. Nothing was pasted.",
            )
        })
}

/// The VPC a copied subnet or workload (from clip VPC `from`) lands in.
fn target_vpc(
    d: &Design,
    region: &Region,
    from: &Vpc,
    into: Option<&str>,
    kind: &str,
    name: &str,
) -> Result<Vpc, EditError> {
    let index = Index::new(d);
    let selected = into
        .and_then(|id| index.get(id))
        .and_then(|o| o.vpc())
        .filter(|v| index.vpc(&v.id).is_some_and(|(r, _)| r.id == region.id));
    let here = d
        .regions
        .iter()
        .find(|r| r.id == region.id)
        .map(|r| r.vpcs.as_slice())
        .unwrap_or_default();
    selected
        .or_else(|| here.iter().find(|v| v.id == from.id))
        .or_else(|| here.first())
        .cloned()
        .ok_or_else(|| {
            EditError::new(format!(
                "The {kind} {name} needs a VPC, and region {} has none: add a VPC there or select one. Nothing was pasted.",
                region.code
            ))
        })
}

/// Clip AZ id -> target AZ id, when the target region differs.
fn az_map(from: &Region, code: &str) -> HashMap<String, String> {
    match catalog::region(code) {
        Some(info) if from.code != code => az_remap(from, info),
        _ => HashMap::new(),
    }
}

fn mapped(azs: &HashMap<String, String>, az: &str) -> String {
    azs.get(az).cloned().unwrap_or_else(|| az.to_string())
}

/// `name` when no name in `names` equals it (ignoring case), else a
/// numbered copy of it, at most `max` characters where possible.
fn free_name<'a>(names: impl IntoIterator<Item = &'a str>, name: &str, max: usize) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        copy_name(names, name, max)
    } else {
        name.to_string()
    }
}

fn parse_net(text: &str) -> Option<Ipv4Net> {
    text.trim().parse::<Ipv4Net>().ok().map(|n| n.trunc())
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

/// A pasted VPC: the first free block of its size in the private ranges,
/// its subnets moved along with AZs mapped, its workloads on the copies.
fn paste_vpc(
    d: &mut Design,
    region: &Region,
    v: &Vpc,
    azs: &HashMap<String, String>,
    map: &IdMap,
) -> Result<(), EditError> {
    let old = parse_net(&v.cidr).ok_or_else(|| {
        EditError::new(format!(
            "The copied VPC {} has no valid CIDR ({}). Nothing was pasted.",
            v.name, v.cidr
        ))
    })?;
    // AWS takes a VPC block of /16 to /28; the free-block search below
    // would otherwise hand a /0 the whole of 172.16.0.0/12.
    if !VPC_PREFIXES.contains(&old.prefix_len()) {
        return Err(EditError::new(format!(
            "The copied VPC {} has CIDR {}; a VPC's block is /16 to /28. Nothing was pasted.",
            short(&v.name),
            short(v.cidr.trim())
        )));
    }
    let taken: Vec<Ipv4Net> = d
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .filter_map(|x| parse_net(&x.cidr))
        .collect();
    let net = free_block(old.prefix_len(), &taken).ok_or_else(|| {
        EditError::new(format!(
            "The private address ranges have no free /{} left for VPC {}. Nothing was pasted.",
            old.prefix_len(),
            v.name
        ))
    })?;
    let subnets = moved_subnets(v, old, net, azs, map)?;
    let mut names = node_names(d, &region.id);
    let mut nodes = Vec::new();
    for n in &v.nodes {
        let subnets = n
            .subnets()
            .iter()
            .filter_map(|s| map.get(s).cloned())
            .collect();
        nodes.push(rewrite_node(d, region, n, subnets, &mut names, map));
    }
    let r = region_mut(d, &region.id)?;
    let name = free_name(r.vpcs.iter().map(|x| x.name.as_str()), &v.name, 255);
    r.vpcs.push(Vpc {
        id: map_id(map, &v.id),
        name,
        cidr: net.to_string(),
        nat: v.nat,
        subnets,
        nodes,
    });
    Ok(())
}

/// The subnets of a copied VPC moved from its block `old` to `net`: each at
/// the same offset when it lay inside `old` with a subnet's size, else
/// (a clip not written by Copy) at the next free block of the new VPC.
fn moved_subnets(
    v: &Vpc,
    old: Ipv4Net,
    net: Ipv4Net,
    azs: &HashMap<String, String>,
    map: &IdMap,
) -> Result<Vec<Subnet>, EditError> {
    let at_offset = |s: &Subnet| {
        parse_net(&s.cidr)
            .filter(|n| old.contains(n) && VPC_PREFIXES.contains(&n.prefix_len()))
            .and_then(|_| parse_net(&shift(&s.cidr, old, net)))
    };
    let mut taken: Vec<Ipv4Net> = v.subnets.iter().filter_map(at_offset).collect();
    let mut out = Vec::with_capacity(v.subnets.len());
    for s in &v.subnets {
        let cidr = match at_offset(s) {
            Some(n) => n,
            None => {
                let n = parse_net(&s.cidr)
                    .map(|n| n.prefix_len())
                    .filter(|p| VPC_PREFIXES.contains(p))
                    .and_then(|p| first_free(net, p, &taken))
                    .or_else(|| next_subnet_cidr(net, &taken))
                    .ok_or_else(|| {
                        EditError::new(format!(
                            "The copied VPC {} ({}) has no room left for its subnet {} ({}). Nothing was pasted.",
                            short(&v.name),
                            short(v.cidr.trim()),
                            short(&s.name),
                            short(s.cidr.trim())
                        ))
                    })?;
                taken.push(n);
                n
            }
        };
        out.push(Subnet {
            id: map_id(map, &s.id),
            cidr: cidr.to_string(),
            az: mapped(azs, &s.az),
            ..s.clone()
        });
    }
    Ok(out)
}

/// A pasted subnet: the next free block of its size in the target VPC.
fn paste_subnet(
    d: &mut Design,
    target: &Vpc,
    s: &Subnet,
    azs: &HashMap<String, String>,
    map: &IdMap,
) -> Result<(), EditError> {
    let vpc = vpc_mut(d, &target.id)?;
    let net = parse_net(&vpc.cidr).ok_or_else(|| {
        EditError::new(format!("VPC {} has no valid CIDR ({}): fix it before pasting subnets into it. Nothing was pasted.", vpc.name, vpc.cidr))
    })?;
    let taken: Vec<Ipv4Net> = vpc
        .subnets
        .iter()
        .filter_map(|x| parse_net(&x.cidr))
        .collect();
    let prefix = parse_net(&s.cidr)
        .map(|n| n.prefix_len())
        .filter(|p| VPC_PREFIXES.contains(p));
    let cidr = prefix.and_then(|p| first_free(net, p, &taken)).or_else(|| next_subnet_cidr(net, &taken)).ok_or_else(|| {
        EditError::new(format!("VPC {} ({}) is full: there is no free block left for subnet {}. Nothing was pasted.", vpc.name, vpc.cidr, s.name))
    })?;
    let name = free_name(vpc.subnets.iter().map(|x| x.name.as_str()), &s.name, 255);
    vpc.subnets.push(Subnet {
        id: map_id(map, &s.id),
        name,
        cidr: cidr.to_string(),
        az: mapped(azs, &s.az),
        ..s.clone()
    });
    Ok(())
}

/// A pasted workload in the target VPC: its subnets are the pasted copies,
/// else the target VPC's subnets of the same tier and AZ (another AZ of
/// that tier when none matches); refused when the VPC lacks them.
fn paste_vpc_node(
    d: &mut Design,
    region: &Region,
    target: &Vpc,
    from: &Vpc,
    node: &VpcNode,
    azs: &HashMap<String, String>,
    map: &IdMap,
) -> Result<(), EditError> {
    let here = d
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .find(|v| v.id == target.id)
        .map(|v| v.subnets.clone())
        .unwrap_or_default();
    let mut chosen: Vec<String> = Vec::new();
    for sid in node.subnets() {
        if let Some(copy) = map.get(sid) {
            chosen.push(copy.clone());
            continue;
        }
        let Some(cs) = from.subnets.iter().find(|s| s.id == *sid) else {
            continue;
        };
        let az = mapped(azs, &cs.az);
        let used_az = |s: &Subnet| {
            chosen
                .iter()
                .any(|c| here.iter().any(|h| h.id == *c && h.az == s.az))
        };
        let pick = here
            .iter()
            .find(|s| s.tier == cs.tier && s.az == az && !chosen.contains(&s.id))
            .or_else(|| here.iter().find(|s| s.tier == cs.tier && !chosen.contains(&s.id) && !used_az(s)))
            .ok_or_else(|| {
                EditError::new(format!(
                    "{} {} needs a {} subnet in {az} (or another AZ), and VPC {} has none free: add one or paste into another VPC. Nothing was pasted.",
                    node.kind().label(),
                    node.name(),
                    cs.tier.as_str(),
                    target.name
                ))
            })?;
        chosen.push(pick.id.clone());
    }
    let mut names = node_names(d, &region.id);
    let copy = rewrite_node(d, region, node, chosen, &mut names, map);
    vpc_mut(d, &target.id)?.nodes.push(copy);
    Ok(())
}

/// A workload with its pasted id, `subnets`, a name free in its region, and
/// references to objects not pasted dropped.
fn rewrite_node(
    d: &Design,
    region: &Region,
    node: &VpcNode,
    subnets: Vec<String>,
    names: &mut Vec<String>,
    map: &IdMap,
) -> VpcNode {
    let id = map_id(map, node.id());
    // The same AWS name budgets as a duplicate (see duplicate.rs).
    let max = match node.kind() {
        NodeKind::Alb => budget(d, 32, None),
        NodeKind::Asg => budget(d, 64, Some(&region.code)),
        NodeKind::Rds => budget(d, 63, None),
        // Replication group ids: at most 40 characters (CACHE-01).
        NodeKind::Elasticache => budget(d, 40, None),
        _ => budget(d, 63, Some(&region.code)),
    };
    let name = free_name(names.iter().map(String::as_str), node.name(), max);
    names.push(name.clone());
    let keep = |r: &Option<String>| r.as_ref().and_then(|x| map.get(x).cloned());
    match node {
        VpcNode::Alb(a) => VpcNode::Alb(Alb {
            id,
            name,
            subnets,
            ..a.clone()
        }),
        VpcNode::Asg(a) => VpcNode::Asg(Asg {
            id,
            name,
            subnets,
            target: keep(&a.target),
            ..a.clone()
        }),
        VpcNode::Rds(r) => VpcNode::Rds(Rds {
            id,
            name,
            subnets,
            replica_of: keep(&r.replica_of),
            ..r.clone()
        }),
        // A pasted cluster is standalone: a second member of its global
        // cluster in one region is refused by Aurora (AGD-01).
        VpcNode::Aurora(c) => VpcNode::Aurora(Aurora {
            id,
            name,
            subnets,
            global: None,
            ..c.clone()
        }),
        VpcNode::Ecs(e) => VpcNode::Ecs(Ecs {
            id,
            name,
            subnets,
            target: keep(&e.target),
            ..e.clone()
        }),
        VpcNode::Elasticache(c) => VpcNode::Elasticache(Elasticache {
            id,
            name,
            subnets,
            ..c.clone()
        }),
    }
}

/// A pasted bucket or table: names free where AWS wants them unique.
fn paste_region_node(
    d: &mut Design,
    region: &Region,
    node: &RegionNode,
    map: &IdMap,
) -> Result<(), EditError> {
    let id = map_id(map, node.id());
    let here: Vec<String> = d
        .regions
        .iter()
        .filter(|r| r.id == region.id)
        .flat_map(|r| &r.nodes)
        .map(|n| n.name().to_string())
        .collect();
    let copy = match node {
        RegionNode::S3(b) => {
            let buckets: Vec<&str> = d
                .regions
                .iter()
                .flat_map(|r| &r.nodes)
                .filter_map(|n| match n {
                    RegionNode::S3(x) => Some(x.bucket.as_str()),
                    RegionNode::Dynamodb(_) => None,
                })
                .chain([d.state.bucket.as_str()])
                .collect();
            let max = budget(d, 64 - "-replication".len(), Some(&region.code));
            RegionNode::S3(S3 {
                id,
                name: free_name(here.iter().map(String::as_str), &b.name, max),
                bucket: free_name(buckets, &b.bucket, 63),
                replicate_to: b.replicate_to.as_ref().and_then(|x| map.get(x).cloned()),
                ..b.clone()
            })
        }
        RegionNode::Dynamodb(t) => {
            let tables = d
                .regions
                .iter()
                .flat_map(|r| &r.nodes)
                .filter(|n| n.kind() == NodeKind::Dynamodb)
                .map(|n| n.name());
            let name = free_name(
                here.iter().map(String::as_str).chain(tables),
                &t.name,
                budget(d, 255, None),
            );
            // A replica in the table's own region is no replica.
            let mut seen = HashSet::new();
            let replicas = t
                .replicas
                .iter()
                .filter(|c| **c != region.code && seen.insert(c.as_str()))
                .cloned()
                .collect();
            RegionNode::Dynamodb(Dynamodb {
                id,
                name,
                replicas,
                ..t.clone()
            })
        }
    };
    region_mut(d, &region.id)?.nodes.push(copy);
    Ok(())
}

fn map_id(map: &IdMap, id: &str) -> String {
    map.get(id).cloned().unwrap_or_else(|| id.to_string())
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
