//! Deleting objects: what goes with them, and what loses a reference.
//!
//! Deleting a container deletes what is inside it. Objects elsewhere that
//! refer to a deleted one are kept and detached (an ASG loses its target, a
//! replica is promoted, a DNS record loses that target), and
//! [`dependents`] lists every such consequence so the UI can confirm first.

use crate::core::layout::Link;
use crate::core::model::*;
use std::collections::HashSet;

/// Every id removed when `ids` are deleted: them and their contents, plus
/// peerings of removed VPCs.
fn closure(design: &Design, ids: &[&str]) -> HashSet<String> {
    let want: HashSet<&str> = ids.iter().copied().collect();
    let mut gone = HashSet::new();
    for r in &design.regions {
        let r_gone = want.contains(r.id.as_str());
        if r_gone {
            gone.insert(r.id.clone());
        }
        for v in &r.vpcs {
            let v_gone = r_gone || want.contains(v.id.as_str());
            if v_gone {
                gone.insert(v.id.clone());
            }
            for s in &v.subnets {
                if v_gone || want.contains(s.id.as_str()) {
                    gone.insert(s.id.clone());
                }
            }
            for n in &v.nodes {
                if v_gone || want.contains(n.id()) {
                    gone.insert(n.id().to_string());
                }
            }
        }
        for n in &r.nodes {
            if r_gone || want.contains(n.id()) {
                gone.insert(n.id().to_string());
            }
        }
    }
    for p in &design.peerings {
        if want.contains(p.id.as_str()) || gone.contains(&p.a) || gone.contains(&p.b) {
            gone.insert(p.id.clone());
        }
    }
    if let Some(dns) = &design.dns {
        gone.extend(
            dns.records
                .iter()
                .filter(|r| want.contains(r.id.as_str()))
                .map(|r| r.id.clone()),
        );
    }
    gone.extend(
        design
            .accelerators
            .iter()
            .filter(|a| want.contains(a.id.as_str()))
            .map(|a| a.id.clone()),
    );
    gone
}

/// What else deleting `ids` removes or changes, one sentence each; empty
/// when nothing outside the selection is affected.
pub fn dependents(design: &Design, ids: &[&str]) -> Vec<String> {
    let gone = closure(design, ids);
    let index = Index::new(design);
    let selected: HashSet<&str> = ids.iter().copied().collect();
    let label = |id: &str| {
        index
            .get(id)
            .map(|o| format!("{} {}", o.kind().label(), o.display_name()))
            .unwrap_or_else(|| id.to_string())
    };
    let mut out: Vec<String> = Vec::new();
    let mut contained: Vec<&String> = gone
        .iter()
        .filter(|id| !selected.contains(id.as_str()))
        .collect();
    contained.sort();
    for id in contained {
        out.push(format!("{} is deleted with it", label(id)));
    }
    for_each_object(design, |o| {
        if gone.contains(o.id()) {
            return;
        }
        let me = format!("{} {}", o.kind().label(), o.display_name());
        let mut note = |what: String| out.push(format!("{me} {what}"));
        match o {
            ObjectRef::VpcNode { node, .. } => {
                for s in node.subnets().iter().filter(|s| gone.contains(*s)) {
                    note(format!("leaves {}", label(s)));
                }
                match node {
                    VpcNode::Asg(_) | VpcNode::Ecs(_)
                        if node.target().is_some_and(|t| gone.contains(t)) =>
                    {
                        note("no longer joins a load balancer".into())
                    }
                    VpcNode::Rds(r) if r.replica_of.as_ref().is_some_and(|t| gone.contains(t)) => {
                        note("stops being a replica (it becomes a standalone database)".into())
                    }
                    _ => {}
                }
            }
            ObjectRef::RegionNode {
                node: RegionNode::S3(b),
                ..
            } if b.replicate_to.as_ref().is_some_and(|t| gone.contains(t)) => {
                note("stops replicating".into())
            }
            ObjectRef::Record(r) => {
                for t in r.targets.iter().filter(|t| gone.contains(&t.target)) {
                    note(format!("loses its target {}", label(&t.target)));
                }
            }
            ObjectRef::Accelerator(a) => {
                for e in a.endpoints.iter().filter(|e| gone.contains(&e.target)) {
                    note(format!("loses its endpoint {}", label(&e.target)));
                }
            }
            _ => {}
        }
    });
    out
}

/// Deletes `ids` with their contents and detaches every reference to them.
/// A selected link (a [`Link::id`]) is removed as a relation; the objects at
/// its ends stay.
pub fn delete(design: &Design, ids: &[&str]) -> Design {
    let links: Vec<Link> = ids.iter().filter_map(|id| Link::from_id(id)).collect();
    if !links.is_empty() {
        let mut without = design.clone();
        for l in &links {
            // A link whose end is deleted too is gone either way.
            if let Ok(next) = super::disconnect(&without, l) {
                without = next;
            }
        }
        let objects: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| Link::from_id(id).is_none())
            .collect();
        return delete(&without, &objects);
    }
    let gone = closure(design, ids);
    let keep = |id: &str| !gone.contains(id);
    let mut d = design.clone();
    d.regions.retain(|r| keep(&r.id));
    for r in &mut d.regions {
        r.vpcs.retain(|v| keep(&v.id));
        r.nodes.retain(|n| keep(n.id()));
        for n in &mut r.nodes {
            if let RegionNode::S3(b) = n {
                if b.replicate_to.as_deref().is_some_and(|t| !keep(t)) {
                    b.replicate_to = None;
                }
            }
        }
        for v in &mut r.vpcs {
            v.subnets.retain(|s| keep(&s.id));
            v.nodes.retain(|n| keep(n.id()));
            for n in &mut v.nodes {
                n.subnets_mut().retain(|s| keep(s));
                if let Some(target) = n.target_mut() {
                    if target.as_deref().is_some_and(|t| !keep(t)) {
                        *target = None;
                    }
                }
                if let VpcNode::Rds(x) = n {
                    if x.replica_of.as_deref().is_some_and(|t| !keep(t)) {
                        x.replica_of = None;
                    }
                }
            }
        }
    }
    d.peerings.retain(|p| keep(&p.id));
    if let Some(dns) = &mut d.dns {
        dns.records.retain(|r| keep(&r.id));
        for r in &mut dns.records {
            r.targets.retain(|t| keep(&t.target));
        }
    }
    d.accelerators.retain(|a| keep(&a.id));
    for a in &mut d.accelerators {
        a.endpoints.retain(|e| keep(&e.target));
    }
    d.canvas.retain(|id, _| keep(id));
    d
}
