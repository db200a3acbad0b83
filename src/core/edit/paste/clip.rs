//! The clipboard format: what "Copy" writes and "Paste" reads back, in this
//! tab or another one (see docs/design-format.md, "Clipboard").
//!
//! A clip is a small design holding the copied objects and just enough of
//! their surroundings to paste them sensibly elsewhere: the region they
//! came from (its code maps their AZs), the VPC shell around copied
//! subnets and workloads, and the subnets those workloads use (their tier
//! and AZ find the matching subnets where they land). `objects` names the
//! copied ones; the rest is context and is never pasted. Because the clip
//! is a design, reading it goes through the strict loader: a clip that is
//! not exactly this format is refused, whatever tab or program wrote it.

use crate::core::model::*;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The `format` of a clip.
pub const CLIP_FORMAT: &str = "topoform.clipboard";
/// The clip format version this build writes and reads.
pub const CLIP_VERSION: u64 = 1;
/// The largest paste read at all: a copied selection is a few kilobytes
/// (the whole 5,000-object stress design is 2 MB); anything larger is not
/// a clip, and parsing it would freeze the page.
pub const MAX_CLIP_BYTES: usize = 4 * 1024 * 1024;
/// The most entries a clip's `objects` may list: Copy lists one per copied
/// VPC, bucket, table, or subnet or workload outside a copied VPC, and the
/// whole 5,000-object stress design copies to far fewer. A longer list was
/// not written by Copy, and is refused before any of it is looked at.
pub const MAX_CLIP_OBJECTS: usize = 5_000;

/// A clip read back: the design it carries and the ids of its copied objects.
#[derive(Debug, Clone)]
pub struct Clip {
    /// The copied objects with their context.
    pub design: Design,
    /// The ids of the copied objects, in selection order.
    pub objects: Vec<String>,
}

/// Whether an object of this kind can be copied: what lives in a region or
/// a VPC. Regions have "Clone region as DR"; peerings, records and
/// accelerators name objects elsewhere and are drawn, not pasted.
pub fn copyable(o: &ObjectRef<'_>) -> bool {
    matches!(
        o,
        ObjectRef::Vpc { .. }
            | ObjectRef::Subnet { .. }
            | ObjectRef::VpcNode { .. }
            | ObjectRef::RegionNode { .. }
    )
}

/// The clip of the objects `ids` of `design` (those that can be copied;
/// an object inside a copied VPC travels with it). `None` when nothing
/// selected can be copied.
pub fn copy(design: &Design, ids: &[&str]) -> Option<String> {
    let index = Index::new(design);
    let picked: Vec<ObjectRef<'_>> = ids
        .iter()
        .filter_map(|id| index.get(id))
        .filter(copyable)
        .collect();
    let vpcs: HashSet<&str> = picked
        .iter()
        .filter(|o| matches!(o, ObjectRef::Vpc { .. }))
        .map(|o| o.id())
        .collect();
    let mut roots: Vec<ObjectRef<'_>> = Vec::new();
    for o in picked {
        let inside_copied_vpc = matches!(o, ObjectRef::Subnet { vpc, .. } | ObjectRef::VpcNode { vpc, .. } if vpcs.contains(vpc.id.as_str()));
        if !inside_copied_vpc && !roots.iter().any(|r| r.id() == o.id()) {
            roots.push(o);
        }
    }
    if roots.is_empty() {
        return None;
    }
    let mut clip = Design {
        regions: Vec::new(),
        peerings: Vec::new(),
        dns: None,
        accelerators: Vec::new(),
        canvas: Canvas::default(),
        ..design.clone()
    };
    for o in &roots {
        let Some(region) = o.region() else { continue };
        let r = region_in(&mut clip, region);
        match *o {
            ObjectRef::Vpc { vpc, .. } => r.vpcs.push(vpc.clone()),
            ObjectRef::RegionNode { node, .. } => r.nodes.push(node.clone()),
            ObjectRef::Subnet { vpc, subnet, .. } => push_subnet(vpc_in(r, vpc), subnet),
            ObjectRef::VpcNode { vpc, node, .. } => {
                let shell = vpc_in(r, vpc);
                for s in vpc
                    .subnets
                    .iter()
                    .filter(|s| node.subnets().contains(&s.id))
                {
                    push_subnet(shell, s);
                }
                shell.nodes.push(node.clone());
            }
            ObjectRef::Region(_)
            | ObjectRef::Peering(_)
            | ObjectRef::Record(_)
            | ObjectRef::Accelerator(_) => {}
        }
    }
    drop_outside_references(&mut clip);
    let objects: Vec<&str> = roots.iter().map(|o| o.id()).collect();
    let mut doc = Map::new();
    doc.insert("format".into(), Value::from(CLIP_FORMAT));
    doc.insert("version".into(), Value::from(CLIP_VERSION));
    doc.insert("objects".into(), Value::from(objects));
    doc.insert("design".into(), serde_json::to_value(&clip).ok()?);
    serde_json::to_string(&Value::Object(doc)).ok()
}

/// Reads a clip, strictly: the envelope must be exactly the clip format
/// and the design inside must load like a design file.
pub fn read(text: &str) -> Result<Clip, String> {
    if text.len() > MAX_CLIP_BYTES {
        return Err(format!(
            "The pasted text is {} MB; a Topoform clipboard is at most {} MB. Nothing was pasted.",
            text.len() / (1024 * 1024),
            MAX_CLIP_BYTES / (1024 * 1024)
        ));
    }
    let not_clip = "The clipboard does not hold Topoform objects (copy them in Topoform first). Nothing was pasted.";
    let Ok(Value::Object(mut doc)) = parse_json(text.trim_start_matches('\u{feff}')) else {
        return Err(not_clip.to_string());
    };
    if doc.get("format").and_then(Value::as_str) != Some(CLIP_FORMAT) {
        return Err(not_clip.to_string());
    }
    if doc.get("version").and_then(Value::as_u64) != Some(CLIP_VERSION) {
        return Err(format!("This clipboard was written by another Topoform version (format version {CLIP_VERSION} expected). Nothing was pasted."));
    }
    let unknown = doc
        .keys()
        .find(|k| !matches!(k.as_str(), "format" | "version" | "objects" | "design"))
        .cloned();
    if let Some(k) = unknown {
        return Err(format!(
            "The clipboard has an unknown field `{}`. Nothing was pasted.",
            crate::core::text::short(&k)
        ));
    }
    let objects = match doc.remove("objects") {
        Some(Value::Array(a)) => a
            .into_iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>(),
        _ => None,
    }
    .ok_or("The clipboard's `objects` must be a list of ids. Nothing was pasted.")?;
    if objects.is_empty() {
        return Err(
            "The clipboard holds no objects (its `objects` list is empty). Nothing was pasted."
                .to_string(),
        );
    }
    if objects.len() > MAX_CLIP_OBJECTS {
        return Err(format!(
            "The clipboard lists {} objects; a Topoform clipboard lists at most {MAX_CLIP_OBJECTS}. Nothing was pasted.",
            objects.len()
        ));
    }
    let design =
        load_value(doc.remove("design").unwrap_or(Value::Object(Map::new()))).map_err(|e| {
            format!("The clipboard's objects are not valid: design.{e}. Nothing was pasted.")
        })?;
    let index = Index::new(&design);
    for id in &objects {
        if !index.get(id).as_ref().is_some_and(copyable) {
            return Err(format!("The clipboard names `{}`, which it does not hold as a copyable object. Nothing was pasted.", crate::core::text::short(id)));
        }
    }
    let objects = distinct_roots(&index, objects);
    Ok(Clip { design, objects })
}

/// `objects` as Copy would list them: each id once (an id listed twice is
/// one object, pasted once), and nothing inside a listed VPC (it travels
/// with its VPC; pasting it again would be a second copy).
fn distinct_roots(index: &Index<'_>, objects: Vec<String>) -> Vec<String> {
    let vpcs: HashSet<&str> = objects
        .iter()
        .filter(|id| matches!(index.get(id), Some(ObjectRef::Vpc { .. })))
        .map(String::as_str)
        .collect();
    let inside = |id: &str| matches!(index.get(id), Some(ObjectRef::Subnet { vpc, .. } | ObjectRef::VpcNode { vpc, .. }) if vpcs.contains(vpc.id.as_str()));
    let mut seen = HashSet::new();
    let keep: Vec<bool> = objects
        .iter()
        .map(|id| !inside(id) && seen.insert(id.as_str()))
        .collect();
    objects
        .into_iter()
        .zip(keep)
        .filter_map(|(id, k)| k.then_some(id))
        .collect()
}

/// The region shell for `region` in the clip, added on first use.
fn region_in<'a>(clip: &'a mut Design, region: &Region) -> &'a mut Region {
    let i = match clip.regions.iter().position(|r| r.id == region.id) {
        Some(i) => i,
        None => {
            clip.regions.push(Region {
                vpcs: Vec::new(),
                nodes: Vec::new(),
                ..region.clone()
            });
            clip.regions.len() - 1
        }
    };
    &mut clip.regions[i]
}

/// The VPC shell (no subnets, no workloads) for `vpc` in region `r`.
fn vpc_in<'a>(r: &'a mut Region, vpc: &Vpc) -> &'a mut Vpc {
    let i = match r.vpcs.iter().position(|v| v.id == vpc.id) {
        Some(i) => i,
        None => {
            r.vpcs.push(Vpc {
                subnets: Vec::new(),
                nodes: Vec::new(),
                ..vpc.clone()
            });
            r.vpcs.len() - 1
        }
    };
    &mut r.vpcs[i]
}

fn push_subnet(v: &mut Vpc, s: &Subnet) {
    if !v.subnets.iter().any(|x| x.id == s.id) {
        v.subnets.push(s.clone());
    }
}

/// Drops references to objects the clip does not hold (a replica's source
/// left behind, a group's load balancer not copied), so the clip loads.
fn drop_outside_references(clip: &mut Design) {
    let mut held = HashSet::new();
    for_each_object(clip, |o| {
        held.insert(o.id().to_string());
    });
    let keep = |id: &Option<String>| id.clone().filter(|x| held.contains(x));
    for r in &mut clip.regions {
        for n in &mut r.nodes {
            if let RegionNode::S3(b) = n {
                b.replicate_to = keep(&b.replicate_to);
            }
        }
        for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
            match n {
                VpcNode::Asg(a) => a.target = keep(&a.target),
                VpcNode::Ecs(e) => e.target = keep(&e.target),
                VpcNode::Rds(x) => x.replica_of = keep(&x.replica_of),
                VpcNode::Alb(_) | VpcNode::Aurora(_) | VpcNode::Elasticache(_) => {}
            }
        }
    }
}
