//! Removing a drawn link: the inverse of `connect`, for every relation the
//! canvas draws (`layout::links`). The objects at both ends stay.

use super::EditError;
use crate::core::layout::{Link, LinkKind};
use crate::core::model::*;

/// The design without the relation `link`; refused when the design has no
/// such relation (it was already removed, or the ids are stale).
pub fn disconnect(design: &Design, link: &Link) -> Result<Design, EditError> {
    let mut d = design.clone();
    let (from, to) = (link.from.as_str(), link.to.as_str());
    let removed = match link.kind {
        // A group or a service: the load balancer's weights settle too.
        LinkKind::AsgTarget => {
            let linked = vpc_nodes(&mut d).any(|n| n.id() == from && n.target() == Some(to));
            if linked {
                return super::target::retarget(design, from, None);
            }
            false
        }
        LinkKind::RdsReplica => vpc_nodes(&mut d).any(|n| match n {
            VpcNode::Rds(r) if r.id == from && r.replica_of.as_deref() == Some(to) => {
                // A replica cut loose becomes a standalone database.
                r.replica_of = None;
                true
            }
            _ => false,
        }),
        LinkKind::AuroraGlobal => {
            // The line runs from the writer to one member: that member leaves.
            let writer_global = vpc_nodes(&mut d).find_map(|n| match n {
                VpcNode::Aurora(a) if a.id == from => a.global.clone(),
                _ => None,
            });
            writer_global.is_some_and(|g| {
                vpc_nodes(&mut d).any(|n| match n {
                    VpcNode::Aurora(a) if a.id == to && a.global.as_deref() == Some(g.as_str()) => {
                        a.global = None;
                        true
                    }
                    _ => false,
                })
            })
        }
        LinkKind::S3Replication => region_nodes(&mut d).any(|n| match n {
            RegionNode::S3(b) if b.id == from && b.replicate_to.as_deref() == Some(to) => {
                b.replicate_to = None;
                true
            }
            _ => false,
        }),
        LinkKind::DynamoReplica => {
            // `to` is the replica's stand-in `table@region-id`.
            let region_code = to
                .split_once('@')
                .and_then(|(_, rid)| design.regions.iter().find(|r| r.id == rid))
                .map(|r| r.code.clone());
            region_code.is_some_and(|code| {
                region_nodes(&mut d).any(|n| match n {
                    RegionNode::Dynamodb(t) if t.id == from && t.replicas.contains(&code) => {
                        t.replicas.retain(|c| *c != code);
                        true
                    }
                    _ => false,
                })
            })
        }
        LinkKind::Peering => {
            let before = d.peerings.len();
            d.peerings.retain(|p| !(p.a == from && p.b == to));
            d.peerings.len() != before
        }
        LinkKind::Dns => d
            .dns
            .as_mut()
            .and_then(|z| z.records.iter_mut().find(|r| r.id == from))
            .is_some_and(|rec| {
                // Every record set of this record that points at the target: the
                // canvas draws them as one line.
                let before = rec.targets.len();
                rec.targets.retain(|t| t.target != to);
                rec.targets.len() != before
            }),
        LinkKind::Accelerator => d
            .accelerators
            .iter_mut()
            .find(|a| a.id == from)
            .is_some_and(|acc| {
                let before = acc.endpoints.len();
                acc.endpoints.retain(|e| e.target != to);
                acc.endpoints.len() != before
            }),
        // The node keeps its other subnets; too few left is the rules' to say.
        LinkKind::SubnetUse => vpc_nodes(&mut d).find(|n| n.id() == from).is_some_and(|n| {
            let list = subnets_mut(n);
            let before = list.len();
            list.retain(|s| s != to);
            list.len() != before
        }),
    };
    if removed {
        Ok(d)
    } else {
        Err(EditError::new(format!(
            "There is no {} from {from} to {to} any more.",
            link.kind.label().to_ascii_lowercase()
        )))
    }
}

/// The subnet list of a workload, to edit (every kind names its own in
/// `VpcNode::subnets_mut`, so a new kind cannot be forgotten).
fn subnets_mut(n: &mut VpcNode) -> &mut Vec<String> {
    n.subnets_mut()
}

/// Every VPC node of the design, mutably (shared by the edits that turn links).
pub(super) fn vpc_nodes(d: &mut Design) -> impl Iterator<Item = &mut VpcNode> {
    d.regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .flat_map(|v| v.nodes.iter_mut())
}

/// Every region-level node (bucket, table) of the design, mutably.
pub(super) fn region_nodes(d: &mut Design) -> impl Iterator<Item = &mut RegionNode> {
    d.regions.iter_mut().flat_map(|r| r.nodes.iter_mut())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{loads, tpl};
    use super::*;
    use crate::core::layout::links;
    use crate::core::templates::TEMPLATES;

    /// Every link of every template can be removed; the result loads, lacks
    /// exactly that link, and keeps every other one.
    #[test]
    fn every_drawn_link_of_every_template_can_be_removed() {
        for t in TEMPLATES {
            let d = tpl(t.id);
            let all = links(&d);
            assert!(
                all.iter().any(|l| l.kind == LinkKind::AsgTarget),
                "{}: group attachments are drawn",
                t.id
            );
            for l in &all {
                let next = disconnect(&d, l).unwrap_or_else(|e| panic!("{} {l:?}: {e}", t.id));
                loads(&next);
                let after = links(&next);
                assert!(!after.contains(l), "{} {l:?} is still there", t.id);
                let others: Vec<_> = all.iter().filter(|x| *x != l).collect();
                for o in others {
                    // Removing an Aurora member also drops its own lines only.
                    assert!(
                        after.contains(o) || o.to == l.to || o.from == l.to,
                        "{} removing {l:?} lost {o:?}",
                        t.id
                    );
                }
                assert!(
                    disconnect(&next, l).is_err(),
                    "{}: removing twice is refused",
                    t.id
                );
            }
        }
    }

    #[test]
    fn link_ids_round_trip_and_never_look_like_design_ids() {
        for t in TEMPLATES {
            for l in links(&tpl(t.id)) {
                let id = l.id();
                assert!(!crate::core::layout::is_design_id(&id), "{id}");
                let back = Link::from_id(&id).expect("a link id");
                assert_eq!(
                    (back.kind, &back.from, &back.to),
                    (l.kind, &l.from, &l.to),
                    "{id}"
                );
            }
        }
        assert_eq!(Link::from_id("use1-alb"), None);
        assert_eq!(Link::from_id("link@nope@a@b"), None);
        assert_eq!(Link::from_id("link@dns@a@b@c"), None);
    }

    #[test]
    fn deleting_a_selected_link_keeps_both_ends() {
        let d = tpl("active-passive");
        let l = links(&d)
            .into_iter()
            .find(|l| l.kind == LinkKind::Dns)
            .unwrap();
        let id = l.id();
        assert!(
            crate::core::edit::dependents(&d, &[&id]).is_empty(),
            "removing a link asks nothing"
        );
        let next = crate::core::edit::delete(&d, &[&id]);
        assert!(!links(&next).contains(&l));
        let idx = Index::new(&next);
        assert!(idx.get(&l.from).is_some() && idx.get(&l.to).is_some());
        // A link and an object at once: the link goes, the object too.
        let g = links(&d)
            .into_iter()
            .find(|l| l.kind == LinkKind::AsgTarget)
            .unwrap();
        let next = crate::core::edit::delete(&d, &[&g.id(), &l.to]);
        assert!(Index::new(&next).get(&l.to).is_none());
        assert!(!links(&next).contains(&g));
    }

    /// Every subnet a workload lists is one drawn link from the node to
    /// the subnet, and nothing else is.
    #[test]
    fn every_subnet_a_workload_uses_is_a_link() {
        for t in TEMPLATES {
            let d = tpl(t.id);
            let drawn: Vec<(String, String)> = links(&d)
                .into_iter()
                .filter(|l| l.kind == LinkKind::SubnetUse)
                .map(|l| (l.from, l.to))
                .collect();
            let mut want = Vec::new();
            for node in d
                .regions
                .iter()
                .flat_map(|r| &r.vpcs)
                .flat_map(|v| &v.nodes)
            {
                for s in node.subnets() {
                    want.push((node.id().to_string(), s.clone()));
                }
            }
            assert!(!want.is_empty(), "{}: no workload uses a subnet", t.id);
            assert_eq!(drawn, want, "{}", t.id);
        }
    }

    /// Removing a subnet-use link takes exactly that subnet off the node's
    /// list, as one edit; the rules then say the load balancer is short of AZs.
    #[test]
    fn removing_a_subnet_use_drops_only_that_subnet_and_the_rules_notice() {
        let d = tpl("active-passive");
        let index = Index::new(&d);
        let alb = d.regions[0].vpcs[0]
            .nodes
            .iter()
            .find(|n| n.kind() == NodeKind::Alb)
            .expect("an alb");
        let before = alb.subnets().to_vec();
        assert_eq!(
            before.len(),
            2,
            "the template's load balancer spans two subnets"
        );
        let link = links(&d)
            .into_iter()
            .find(|l| l.kind == LinkKind::SubnetUse && l.from == alb.id())
            .expect("a subnet use");
        let meaning = crate::core::edit::meaning(&index, &link).expect("a sentence");
        let (_, _, subnet) = index.subnet(&link.to).expect("the subnet");
        assert!(
            meaning.contains(alb.name())
                && meaning.contains(&subnet.name)
                && meaning.contains(&subnet.az),
            "{meaning}"
        );
        assert!(!meaning.contains(alb.id()), "{meaning}");

        let next = crate::core::edit::delete(&d, &[&link.id()]);
        loads(&next);
        let after = Index::new(&next);
        let (_, _, node) = after.vpc_node(alb.id()).expect("the load balancer stays");
        let want: Vec<String> = before.iter().filter(|s| **s != link.to).cloned().collect();
        assert_eq!(node.subnets(), want.as_slice());
        assert!(after.subnet(&link.to).is_some(), "the subnet stays");
        assert!(!links(&next).contains(&link));
        let diags = crate::core::validate::validate(&next);
        assert!(
            diags
                .iter()
                .any(|x| x.rule == "ALB-01" && x.subjects.iter().any(|s| s == alb.id())),
            "{diags:#?}"
        );
        assert!(!crate::core::validate::validate(&d)
            .iter()
            .any(|x| x.rule == "ALB-01"));
        // Every other relation is untouched.
        let others: Vec<Link> = links(&d).into_iter().filter(|l| *l != link).collect();
        assert_eq!(links(&next), others);
    }
}
