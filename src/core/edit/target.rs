//! Which load balancer a group or service sits behind, and the traffic
//! weights that follow from it. A load balancer with both auto-scaling
//! groups and ECS services behind it splits its traffic by weight (the
//! format's `weight`, 0-999, null otherwise), so every edit that moves a
//! `target` settles the weights of the load balancers it touches: each
//! member of a mixed one gets a weight ([`DEFAULT_WEIGHT`] where it had
//! none, an even split the user then tunes), and a load balancer left with
//! one kind of target loses the weights it no longer needs.

use super::disconnect::vpc_nodes;
use super::EditError;
use crate::core::model::*;

/// The weight a member of a newly mixed load balancer gets when it has
/// none: every member the same, so traffic splits evenly until tuned.
pub const DEFAULT_WEIGHT: u32 = 100;

/// The design with group or service `node` behind `alb` (`None`: behind
/// none), the weights of the load balancer it left and the one it joined
/// settled. Refused for an object that is not a group or service.
pub fn retarget(design: &Design, node: &str, alb: Option<&str>) -> Result<Design, EditError> {
    let mut d = design.clone();
    let mut before = None;
    let found = vpc_nodes(&mut d)
        .find(|n| n.id() == node)
        .and_then(|n| n.target_mut())
        .map(|t| {
            before = t.clone();
            *t = alb.map(str::to_string);
        });
    if found.is_none() {
        return Err(EditError::new(format!(
            "`{node}` is not an auto-scaling group or ECS service: only those join a load balancer."
        )));
    }
    for id in before.iter().map(String::as_str).chain(alb) {
        settle_weights(&mut d, id);
    }
    if alb.is_none() {
        // Behind no load balancer, it has no traffic to share.
        if let Some(w) = vpc_nodes(&mut d)
            .find(|n| n.id() == node)
            .and_then(weight_mut)
        {
            *w = None;
        }
    }
    Ok(d)
}

/// Gives every member of load balancer `alb` a weight when it has both
/// groups and services behind it, and clears the weights otherwise.
pub fn settle_weights(d: &mut Design, alb: &str) {
    let members = |d: &mut Design| -> Vec<NodeKind> {
        vpc_nodes(d)
            .filter(|n| n.target() == Some(alb))
            .map(|n| n.kind())
            .collect()
    };
    let kinds = members(d);
    let mixed = kinds.contains(&NodeKind::Asg) && kinds.contains(&NodeKind::Ecs);
    for w in vpc_nodes(d)
        .filter(|n| n.target() == Some(alb))
        .filter_map(weight_mut)
    {
        *w = if mixed {
            Some(w.unwrap_or(DEFAULT_WEIGHT))
        } else {
            None
        };
    }
}

/// The weight of a group or service; `None` for other kinds.
fn weight_mut(n: &mut VpcNode) -> Option<&mut Option<u32>> {
    match n {
        VpcNode::Asg(g) => Some(&mut g.weight),
        VpcNode::Ecs(e) => Some(&mut e.weight),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{loads, tpl};
    use super::*;
    use crate::core::edit::{add, connect, disconnect, PaletteItem};
    use crate::core::layout::{links, LinkKind as Drawn};

    /// Active-passive with an ECS service added to the primary VPC; the
    /// service's id and the primary load balancer's id.
    fn with_service() -> (Design, String, String) {
        let d = tpl("active-passive");
        let vpc = d.regions[0].vpcs[0].id.clone();
        let (d, ecs) = add(&d, PaletteItem::Ecs, Some(&vpc)).unwrap();
        let alb = d.regions[0].vpcs[0]
            .nodes
            .iter()
            .find(|n| n.kind() == NodeKind::Alb)
            .map(|n| n.id().to_string())
            .unwrap();
        (d, ecs, alb)
    }

    fn node(d: &Design, id: &str) -> VpcNode {
        Index::new(d).vpc_node(id).unwrap().2.clone()
    }

    #[test]
    fn a_service_links_to_its_load_balancer_like_a_group_and_unlinks() {
        let (d, ecs, alb) = with_service();
        assert_eq!(
            node(&d, &ecs).target(),
            None,
            "the template's load balancer already has its group: a new service waits to be linked"
        );
        assert_eq!(
            connect::link_kind(&d, &ecs, &alb),
            Ok(connect::LinkKind::AsgTarget)
        );
        // Dragged either way, the line means the same.
        let (from, to, _) = connect::orient(&d, &alb, &ecs).unwrap();
        assert_eq!((from.as_str(), to.as_str()), (ecs.as_str(), alb.as_str()));
        let linked = connect(&d, &ecs, &alb).unwrap();
        loads(&linked);
        assert_eq!(node(&linked, &ecs).target(), Some(alb.as_str()));
        let drawn = links(&linked)
            .into_iter()
            .find(|l| l.kind == Drawn::AsgTarget && l.from == ecs)
            .expect("the service's line to its load balancer is drawn");
        assert_eq!(drawn.to, alb);
        // Offered in "Connect to…" before, listed as current after.
        let index = Index::new(&d);
        assert!(crate::core::edit::candidates(&d, &index, &ecs)
            .iter()
            .any(|(to, label)| *to == alb && label.starts_with("join its target group")));
        assert!(crate::core::edit::current(&linked, &ecs)
            .iter()
            .any(|(l, other)| *other == alb && l.kind == Drawn::AsgTarget));
        let back = disconnect(&linked, &drawn).unwrap();
        assert_eq!(node(&back, &ecs).target(), None);
        assert!(!links(&back).contains(&drawn));
        assert!(
            disconnect(&back, &drawn).is_err(),
            "removing twice is refused"
        );
    }

    #[test]
    fn a_mixed_load_balancer_splits_by_weight_and_a_single_kind_one_does_not() {
        let (d, ecs, alb) = with_service();
        let group = d.regions[0].vpcs[0]
            .nodes
            .iter()
            .find(|n| n.kind() == NodeKind::Asg && n.target() == Some(alb.as_str()))
            .map(|n| n.id().to_string())
            .expect("the template's group behind the load balancer");
        let mixed = connect(&d, &ecs, &alb).unwrap();
        assert_eq!(node(&mixed, &ecs).weight(), Some(DEFAULT_WEIGHT));
        assert_eq!(node(&mixed, &group).weight(), Some(DEFAULT_WEIGHT));
        // A weight the user set survives the next link; unlinking the
        // service leaves the group alone behind it, without a weight.
        let mut tuned = mixed.clone();
        settle_weights(&mut tuned, &alb);
        assert_eq!(tuned, mixed, "settling twice changes nothing");
        let l = links(&mixed)
            .into_iter()
            .find(|l| l.kind == Drawn::AsgTarget && l.from == ecs)
            .unwrap();
        let single = disconnect(&mixed, &l).unwrap();
        assert_eq!(node(&single, &group).weight(), None);
        assert_eq!(node(&single, &ecs).weight(), None);
    }

    #[test]
    fn only_a_load_balancer_of_its_own_vpc_and_only_groups_and_services() {
        let (d, ecs, _) = with_service();
        let far = d.regions[1].vpcs[0]
            .nodes
            .iter()
            .find(|n| n.kind() == NodeKind::Alb)
            .map(|n| n.id().to_string())
            .unwrap();
        let why = connect(&d, &ecs, &far).unwrap_err().0;
        assert!(
            why.contains("ECS service") && why.contains("own VPC"),
            "{why}"
        );
        let vpc = d.regions[0].vpcs[0].id.clone();
        let (d, cache) = add(&d, PaletteItem::Elasticache, Some(&vpc)).unwrap();
        let why = connect(&d, &cache, &far).unwrap_err().0;
        assert!(why.contains("ElastiCache cache"), "{why}");
        assert!(retarget(&d, &cache, Some(&far)).is_err());
    }
}
