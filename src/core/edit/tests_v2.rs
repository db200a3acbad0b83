//! The format 2 kinds in the editor's core: dropped where they belong
//! with refusals that read well, and Clone region as DR copying a service
//! as a warm standby behind the copied load balancer and a cache cold, both
//! in the copied subnets, with the canvas drawing them.

use super::tests::{loads, tpl};
use super::*;
use crate::core::layout::{layout, link_geometry, links, LinkKind as Drawn};
use crate::core::model::*;

/// Active-passive with a scaled service linked to the primary load
/// balancer (beside its group, so both carry weights) and a cache.
fn primary_with_service_and_cache() -> (Design, String, String, String) {
    let d = tpl("active-passive");
    let vpc = d.regions[0].vpcs[0].id.clone();
    let alb = d.regions[0].vpcs[0]
        .nodes
        .iter()
        .find(|n| n.kind() == NodeKind::Alb)
        .map(|n| n.id().to_string())
        .unwrap();
    let (d, ecs) = add(&d, PaletteItem::Ecs, Some(&vpc)).unwrap();
    let d = connect(&d, &ecs, &alb).unwrap();
    let (d, cache) = add(&d, PaletteItem::Elasticache, Some(&vpc)).unwrap();
    (d, ecs, cache, alb)
}

#[test]
fn a_service_and_a_cache_are_copied_into_the_dr_region() {
    let (d, ecs, cache, alb) = primary_with_service_and_cache();
    let src = d.regions[0].id.clone();
    let (next, rid) = clone_region_as_dr(&d, &src, "eu-central-1").unwrap();
    loads(&next);
    let index = Index::new(&next);
    let region = next.regions.iter().find(|r| r.id == rid).unwrap();
    let vpc = &region.vpcs[0];
    let in_vpc = |ids: &[String]| ids.iter().all(|s| vpc.subnets.iter().any(|x| x.id == *s));
    let tier_of = |vpc: &Vpc, id: &str| vpc.subnets.iter().find(|s| s.id == id).map(|s| s.tier);
    let (VpcNode::Ecs(old), VpcNode::Elasticache(old_cache)) = (
        index.vpc_node(&ecs).unwrap().2.clone(),
        index.vpc_node(&cache).unwrap().2.clone(),
    ) else {
        panic!("the originals stay")
    };
    let copy = vpc
        .nodes
        .iter()
        .find_map(|n| match n {
            VpcNode::Ecs(e) => Some(e.clone()),
            _ => None,
        })
        .expect("the service is copied");
    let new_alb = vpc
        .nodes
        .iter()
        .find(|n| n.kind() == NodeKind::Alb)
        .map(|n| n.id().to_string())
        .unwrap();
    assert_ne!(new_alb, alb);
    assert_eq!(
        copy.target.as_deref(),
        Some(new_alb.as_str()),
        "behind the copied load balancer"
    );
    assert_eq!(
        (copy.min, copy.desired),
        (1, 1),
        "a warm standby of one task"
    );
    assert_eq!(copy.max, old.max);
    assert_eq!(
        copy.scaling, old.scaling,
        "scaling grows it after a failover"
    );
    assert_eq!(copy.weight, old.weight, "its share beside the copied group");
    assert_eq!(
        (copy.image.as_str(), copy.cpu, copy.memory_mb, copy.port),
        (old.image.as_str(), old.cpu, old.memory_mb, old.port)
    );
    assert_eq!(copy.subnets.len(), old.subnets.len());
    assert!(
        in_vpc(&copy.subnets),
        "subnets remapped: {:?}",
        copy.subnets
    );
    let src_vpc = &next.regions[0].vpcs[0];
    for (a, b) in old.subnets.iter().zip(&copy.subnets) {
        assert_eq!(tier_of(src_vpc, a), tier_of(vpc, b), "{a} -> {b}");
    }
    let copied_cache = vpc
        .nodes
        .iter()
        .find_map(|n| match n {
            VpcNode::Elasticache(c) => Some(c.clone()),
            _ => None,
        })
        .expect("the cache is copied");
    assert_ne!(copied_cache.id, old_cache.id);
    assert_eq!(
        (
            copied_cache.engine,
            copied_cache.nodes,
            copied_cache.multi_az,
            &copied_cache.node_type
        ),
        (
            old_cache.engine,
            old_cache.nodes,
            old_cache.multi_az,
            &old_cache.node_type
        )
    );
    assert_eq!(copied_cache.subnets.len(), old_cache.subnets.len());
    assert!(in_vpc(&copied_cache.subnets), "{:?}", copied_cache.subnets);

    // The canvas shows both, the service's line to its load balancer and
    // every subnet each uses.
    let l = layout(&next);
    assert!(l.get(&copy.id).is_some() && l.get(&copied_cache.id).is_some());
    let drawn = link_geometry(&l, &links(&next));
    assert!(drawn.iter().any(|g| g.link.kind == Drawn::AsgTarget
        && g.link.from == copy.id
        && g.link.to == new_alb));
    for (node, subnets) in [
        (&copy.id, &copy.subnets),
        (&copied_cache.id, &copied_cache.subnets),
    ] {
        for s in subnets {
            assert!(
                drawn.iter().any(|g| g.link.kind == Drawn::SubnetUse
                    && g.link.from == *node
                    && g.link.to == *s),
                "{node} -> {s}"
            );
        }
    }
}

#[test]
fn services_and_caches_go_in_a_vpc_and_the_refusal_says_so() {
    let d = tpl("active-passive");
    for item in [PaletteItem::Ecs, PaletteItem::Elasticache] {
        assert_eq!(
            placement(&d, item, Some("use1-pub-a")),
            Ok(Placement::Vpc("use1-main".into())),
            "dropped on a subnet, it lands in the subnet's VPC"
        );
        let why = placement(&d, item, Some("use1")).unwrap_err().0;
        assert!(
            why.starts_with("An E") && why.ends_with("drop it on a VPC."),
            "{why}"
        );
        assert!(placement(&d, item, None).is_err());
    }
    let why = placement(&d, PaletteItem::Ecs, Some("use1")).unwrap_err().0;
    assert_eq!(why, "An ECS service lives in a VPC: drop it on a VPC.");
    let (next, ecs) = add(&d, PaletteItem::Ecs, Some("use1-main")).unwrap();
    loads(&next);
    let Some((_, _, VpcNode::Ecs(e))) = Index::new(&next).vpc_node(&ecs) else {
        panic!("no service")
    };
    assert!(fargate_size_ok(e.cpu, e.memory_mb));
    assert!(input::container_image(&e.image).is_ok(), "{}", e.image);
    let vpc = &next.regions[0].vpcs[0];
    assert!(
        e.subnets.iter().all(|s| vpc
            .subnets
            .iter()
            .any(|x| x.id == *s && x.tier == Tier::Private)),
        "a service runs in private subnets: {:?}",
        e.subnets
    );
}
