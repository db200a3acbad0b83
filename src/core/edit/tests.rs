//! Tests of the pure edits: every result must still load (ids unique,
//! references resolved), and refusals must explain themselves.

use super::*;
use crate::core::model::*;
use crate::core::templates::template;

pub(super) fn tpl(id: &str) -> Design {
    template(id).unwrap().design().unwrap()
}

/// The design survives a save/load round trip: the strict loader accepts it.
#[track_caller]
pub(super) fn loads(d: &Design) {
    if let Err(e) = load(&save(d)) {
        panic!("edited design no longer loads: {e}");
    }
}

fn empty() -> Design {
    let mut d = tpl("active-passive");
    d.regions.clear();
    d.dns = None;
    d.peerings.clear();
    d
}

#[test]
fn building_from_the_palette_gives_sensible_defaults() {
    let (d, use1) = add(&empty(), PaletteItem::Region, None).unwrap();
    assert_eq!(d.regions[0].code, "us-east-1");
    assert_eq!(d.regions[0].role, RegionRole::Primary);
    let (d, vpc) = add(&d, PaletteItem::Vpc, Some(&use1)).unwrap();
    assert_eq!(d.regions[0].vpcs[0].cidr, "10.0.0.0/16");
    let mut d = d;
    for _ in 0..6 {
        d = add(&d, PaletteItem::Subnet, Some(&vpc)).unwrap().0;
    }
    let subnets = &d.regions[0].vpcs[0].subnets;
    let tiers: Vec<Tier> = subnets.iter().map(|s| s.tier).collect();
    assert_eq!(
        tiers,
        [
            Tier::Public,
            Tier::Public,
            Tier::Private,
            Tier::Private,
            Tier::Data,
            Tier::Data
        ]
    );
    assert_ne!(
        subnets[0].az, subnets[1].az,
        "two subnets of a tier go to two AZs"
    );
    assert!(subnets
        .iter()
        .all(|s| crate::core::catalog::region("us-east-1")
            .unwrap()
            .has_az(&s.az)));
    let cidrs: Vec<&str> = subnets.iter().map(|s| s.cidr.as_str()).collect();
    assert_eq!(cidrs[..3], ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]);
    let (d, alb) = add(&d, PaletteItem::Alb, Some(&subnets[0].id.clone())).unwrap();
    let (d, asg) = add(&d, PaletteItem::Asg, Some(&vpc)).unwrap();
    let (d, _db) = add(&d, PaletteItem::Rds, Some(&vpc)).unwrap();
    let index = Index::new(&d);
    let Some((_, _, VpcNode::Alb(a))) = index.vpc_node(&alb) else {
        panic!()
    };
    assert_eq!(a.subnets.len(), 2, "the ALB spans the two public subnets");
    let Some((_, _, VpcNode::Asg(g))) = index.vpc_node(&asg) else {
        panic!()
    };
    assert_eq!(
        g.target.as_deref(),
        Some(alb.as_str()),
        "a new ASG joins the free ALB"
    );
    let (d, second) = add(&d, PaletteItem::Region, None).unwrap();
    assert_eq!(d.regions[1].role, RegionRole::Secondary);
    let (d, _) = add(&d, PaletteItem::Vpc, Some(&second)).unwrap();
    assert_eq!(
        d.regions[1].vpcs[0].cidr, "10.1.0.0/16",
        "the next VPC avoids every other VPC"
    );
    let (d, _) = add(&d, PaletteItem::S3, Some(&second)).unwrap();
    let (d, _) = add(&d, PaletteItem::DnsRecord, None).unwrap();
    let (d, _) = add(
        &d,
        PaletteItem::Accelerator,
        Some(crate::core::layout::GLOBAL_ID),
    )
    .unwrap();
    assert!(
        add(&d, PaletteItem::Accelerator, Some(&vpc)).is_err(),
        "a global object inside a VPC"
    );
    loads(&d);
}

#[test]
fn drops_in_the_wrong_place_are_refused_with_a_reason() {
    let d = tpl("active-passive");
    let e = placement(&d, PaletteItem::Subnet, Some("use1")).unwrap_err();
    assert!(e.0.contains("drop it on a VPC"), "{e}");
    let e = placement(&d, PaletteItem::Vpc, None).unwrap_err();
    assert!(e.0.contains("inside a region"), "{e}");
    let e = placement(&d, PaletteItem::Region, Some("use1-main")).unwrap_err();
    assert!(e.0.contains("empty canvas"), "{e}");
    let e = placement(&d, PaletteItem::Alb, None).unwrap_err();
    assert!(e.0.contains("VPC"), "{e}");
    let e = placement(&d, PaletteItem::DnsRecord, Some("use1")).unwrap_err();
    assert!(e.0.contains("global"), "{e}");
    assert_eq!(
        placement(&d, PaletteItem::DnsRecord, Some("@global")).unwrap(),
        Placement::Canvas
    );
    assert_eq!(
        placement(&d, PaletteItem::S3, Some("use1-pub-a")).unwrap(),
        Placement::Region("use1".into())
    );
    assert_eq!(
        placement(&d, PaletteItem::Rds, Some("use1-pub-a")).unwrap(),
        Placement::Vpc("use1-main".into())
    );
}

#[test]
fn links_mean_what_they_join_and_impossible_ones_are_refused() {
    let d = tpl("active-passive");
    assert_eq!(
        link_kind(&d, "use1-app", "use1-alb").unwrap(),
        LinkKind::AsgTarget
    );
    let e = link_kind(&d, "use1-app", "usw2-alb").unwrap_err();
    assert!(e.0.contains("own VPC"), "{e}");
    let e = link_kind(&d, "use1-db", "usw2-db").unwrap_err();
    assert!(
        e.0.contains("loop"),
        "the primary cannot replicate its own replica: {e}"
    );
    let e = link_kind(&d, "use1-alb", "use1-db").unwrap_err();
    assert!(e.0.contains("cannot be linked"), "{e}");
    let e = link_kind(&d, "use1-alb", "use1-alb").unwrap_err();
    assert!(e.0.contains("itself"), "{e}");

    let peered = connect(&d, "use1-main", "usw2-main").unwrap();
    assert_eq!(peered.peerings.len(), 1);
    assert!(
        connect(&peered, "usw2-main", "use1-main").is_err(),
        "already peered"
    );
    loads(&peered);

    let g = tpl("aurora-global");
    let e = link_kind(&g, "use1-orders", "use1-orders").unwrap_err();
    assert!(e.0.contains("itself"));
    let a = tpl("active-active");
    let acc = connect(&a, "edge", "use1-alb");
    assert!(acc.is_err(), "already an endpoint");
}

#[test]
fn deleting_a_vpc_takes_its_contents_and_detaches_references() {
    let d = tpl("active-passive");
    let deps = dependents(&d, &["use1-main"]);
    assert!(
        deps.iter()
            .any(|s| s.contains("subnet public-a is deleted with it")),
        "{deps:#?}"
    );
    assert!(
        deps.iter().any(|s| s.contains("stops being a replica")),
        "{deps:#?}"
    );
    assert!(
        deps.iter()
            .any(|s| s.contains("DNS record app loses its target")),
        "{deps:#?}"
    );
    let after = delete(&d, &["use1-main"]);
    loads(&after);
    let index = Index::new(&after);
    assert!(index.get("use1-pub-a").is_none() && index.get("use1-db").is_none());
    let Some((_, _, VpcNode::Rds(r))) = index.vpc_node("usw2-db") else {
        panic!()
    };
    assert_eq!(r.replica_of, None);
    assert_eq!(after.dns.as_ref().unwrap().records[0].targets.len(), 1);
    assert!(
        dependents(&d, &["app"]).is_empty(),
        "a DNS record has no dependents"
    );
}

#[test]
fn deleting_a_subnet_removes_it_from_nodes() {
    let d = tpl("active-passive");
    let after = delete(&d, &["use1-pub-b"]);
    loads(&after);
    let index = Index::new(&after);
    assert_eq!(
        index.vpc_node("use1-alb").unwrap().2.subnets(),
        ["use1-pub-a"]
    );
}

#[test]
fn clone_region_as_dr_copies_and_wires_the_region() {
    let mut d = tpl("active-passive");
    d.regions.truncate(1);
    d.dns = None;
    let (c, new_id) = clone_region_as_dr(&d, "use1", "eu-west-1").unwrap();
    loads(&c);
    assert_eq!(new_id, "euw1");
    let r = c.regions.iter().find(|r| r.id == "euw1").unwrap();
    assert_eq!(r.role, RegionRole::Secondary);
    assert_eq!(r.vpcs[0].cidr, "10.1.0.0/16");
    assert_eq!(r.vpcs[0].subnets[0].cidr, "10.1.0.0/24");
    let info = crate::core::catalog::region("eu-west-1").unwrap();
    assert!(r.vpcs[0].subnets.iter().all(|s| info.has_az(&s.az)));
    let index = Index::new(&c);
    let Some((_, _, VpcNode::Rds(db))) = index.vpc_node("euw1-db") else {
        panic!("db cloned")
    };
    assert_eq!(db.replica_of.as_deref(), Some("use1-db"));
    let Some((_, _, VpcNode::Asg(asg))) = index.vpc_node("euw1-app") else {
        panic!()
    };
    assert_eq!(
        (asg.min, asg.desired, asg.target.as_deref()),
        (1, 1, Some("euw1-alb"))
    );
    let rec = &c.dns.as_ref().unwrap().records[0];
    assert_eq!(rec.policy, RoutingPolicy::Failover);
    assert_eq!(rec.targets[0].target, "use1-alb");
    assert!(rec.targets[0].health_check.is_some());
    assert_eq!(rec.targets[1].target, "euw1-alb");
    assert!(
        clone_region_as_dr(&c, "use1", "eu-west-1").is_err(),
        "the region is taken now"
    );
    assert!(clone_region_as_dr(&c, "use1", "mars-1").is_err());
}

#[test]
fn clone_region_wires_global_databases_buckets_and_tables() {
    let g = tpl("aurora-global");
    let (c, id) = clone_region_as_dr(&g, "use1", "ap-southeast-1").unwrap();
    loads(&c);
    let index = Index::new(&c);
    let Some((_, _, VpcNode::Aurora(a))) = index.vpc_node(&format!("{id}-orders")) else {
        panic!()
    };
    assert_eq!(a.global.as_deref(), Some("orders"));
    assert_eq!(c.regions[2].vpcs[0].cidr, "10.2.0.0/16");
    let a = tpl("active-active");
    let (c, _) = clone_region_as_dr(&a, "use1", "us-west-2").unwrap();
    loads(&c);
    let Some((_, RegionNode::Dynamodb(t))) = Index::new(&c).region_node("sessions") else {
        panic!()
    };
    assert!(t.replicas.contains(&"us-west-2".to_string()));
    assert_eq!(
        c.dns.as_ref().unwrap().records[0].targets.len(),
        4,
        "latency record gains the new region"
    );
}

#[test]
fn a_link_drawn_backwards_is_turned_when_its_meaning_has_no_direction() {
    let d = tpl("active-passive");
    let index = Index::new(&d);
    let alb = d.regions[0].vpcs[0]
        .nodes
        .iter()
        .find(|n| n.kind() == NodeKind::Alb)
        .unwrap()
        .id()
        .to_string();
    let asg = d.regions[0].vpcs[0]
        .nodes
        .iter()
        .find(|n| n.kind() == NodeKind::Asg)
        .unwrap()
        .id()
        .to_string();
    assert!(index.get(&alb).is_some());
    let (from, to, kind) = orient(&d, &alb, &asg).unwrap();
    assert_eq!(
        (from.as_str(), to.as_str(), kind),
        (asg.as_str(), alb.as_str(), LinkKind::AsgTarget)
    );
    // Replication keeps the direction drawn, and a refusal names it.
    let rds: Vec<String> = d
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .flat_map(|v| &v.nodes)
        .filter(|n| n.kind() == NodeKind::Rds)
        .map(|n| n.id().to_string())
        .collect();
    let replica = d
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .flat_map(|v| &v.nodes)
        .find_map(|n| match n {
            VpcNode::Rds(r) if r.replica_of.is_some() => Some(r.id.clone()),
            _ => None,
        });
    if let (Some(replica), 2) = (replica, rds.len()) {
        let primary = rds.iter().find(|r| **r != replica).unwrap();
        assert!(
            orient(&d, primary, &replica).is_err(),
            "a primary cannot replicate its own replica"
        );
    }
    let e = orient(&d, &alb, &d.regions[0].id).unwrap_err();
    assert!(e.0.contains("cannot be linked"), "{e}");
}

#[test]
fn clone_as_dr_keeps_distinct_azs_distinct_in_a_smaller_region() {
    // Subnets in us-east-1's first and fourth AZs: by position they
    // would both land on the first AZ of a three-AZ region.
    let mut d = tpl("active-passive");
    let region = d.regions[0].id.clone();
    for s in &mut d.regions[0].vpcs[0].subnets {
        s.az = if s.az.ends_with("az1") {
            "use1-az1".into()
        } else {
            "use1-az4".into()
        };
    }
    let (d, new) = clone_region_as_dr(&d, &region, "eu-west-3").unwrap();
    let copy = d.regions.iter().find(|r| r.id == new).unwrap();
    let azs: std::collections::BTreeSet<&str> =
        copy.vpcs[0].subnets.iter().map(|s| s.az.as_str()).collect();
    assert_eq!(azs.len(), 2, "{azs:?}");
    assert!(azs.iter().all(|a| a.starts_with("euw3-az")), "{azs:?}");
}

#[test]
fn failover_roles_follow_the_target_region_not_the_drawing_order() {
    // Link the DR load balancer first, the primary's second.
    let mut d = tpl("active-passive");
    let rec = &mut d.dns.as_mut().unwrap().records[0];
    let (primary_alb, dr_alb) = {
        let p = rec
            .targets
            .iter()
            .find(|t| t.role == Some(FailoverRole::Primary))
            .unwrap()
            .target
            .clone();
        let s = rec
            .targets
            .iter()
            .find(|t| t.role == Some(FailoverRole::Secondary))
            .unwrap()
            .target
            .clone();
        (p, s)
    };
    rec.targets.clear();
    let rec_id = rec.id.clone();
    let d = connect(&d, &rec_id, &dr_alb).unwrap();
    let d = connect(&d, &rec_id, &primary_alb).unwrap();
    let rec = &d.dns.as_ref().unwrap().records[0];
    let role = |id: &str| rec.targets.iter().find(|t| t.target == id).unwrap().role;
    assert_eq!(role(&primary_alb), Some(FailoverRole::Primary));
    assert_eq!(role(&dr_alb), Some(FailoverRole::Secondary));
    let hc = |id: &str| {
        rec.targets
            .iter()
            .find(|t| t.target == id)
            .unwrap()
            .health_check
            .is_some()
    };
    assert!(hc(&primary_alb) && !hc(&dr_alb));
    let diags = crate::core::validate::validate(&d);
    assert!(
        diags
            .iter()
            .all(|x| x.severity != crate::core::validate::Severity::Error),
        "{diags:#?}"
    );
    // And the export makes the primary region's load balancer PRIMARY.
    let files = crate::core::export::export(&d, crate::core::export::Layout::PerRegion).unwrap();
    let main = &files
        .iter()
        .find(|f| f.path == "global/main.tf")
        .unwrap()
        .contents;
    let block = main
        .split("resource \"aws_route53_record\"")
        .find(|b| {
            b.trim_start()
                .starts_with(&format!("\"{rec_id}_{primary_alb}\""))
        })
        .unwrap();
    let block = block.split("\nresource ").next().unwrap();
    assert!(block.contains("\"PRIMARY\""), "{block}");
}

#[test]
fn geolocation_records_may_route_two_locations_to_one_target() {
    let mut d = tpl("active-active");
    let rec = &mut d.dns.as_mut().unwrap().records[0];
    rec.policy = RoutingPolicy::Geolocation;
    let (id, target) = (rec.id.clone(), rec.targets[0].target.clone());
    let d2 = connect(&d, &id, &target).expect("a second location on one load balancer");
    assert_eq!(
        d2.dns.as_ref().unwrap().records[0]
            .targets
            .iter()
            .filter(|t| t.target == target)
            .count(),
        2
    );
    // The canvas draws it once.
    let links = crate::core::layout::links(&d2);
    assert_eq!(
        links
            .iter()
            .filter(|l| l.from == id && l.to == target)
            .count(),
        1
    );
    rec_policy_failover_refuses_repeat(&d, &id, &target);
}

fn rec_policy_failover_refuses_repeat(d: &Design, id: &str, target: &str) {
    let mut d = d.clone();
    d.dns.as_mut().unwrap().records[0].policy = RoutingPolicy::Failover;
    assert!(connect(&d, id, target).is_err());
}

#[test]
fn refusals_naming_huge_user_text_stay_short() {
    let mut d = tpl("active-passive");
    d.regions[0].vpcs[0].name = "n\n".repeat(1_000_000);
    d.regions[0].vpcs[0].cidr = "c".repeat(1_000_000);
    let vpc = d.regions[0].vpcs[0].id.clone();
    let e = add(&d, PaletteItem::Subnet, Some(&vpc)).unwrap_err();
    assert!(
        e.0.starts_with("VPC n\\nn\\n") && e.0.len() <= crate::core::text::MAX_MESSAGE_BYTES,
        "{} bytes",
        e.0.len()
    );
}

#[test]
fn clone_as_dr_copies_the_version_2_node_fields() {
    let mut d = tpl("aurora-global");
    let region = d.regions[0].id.clone();
    let data: Vec<String> = d.regions[0].vpcs[0]
        .subnets
        .iter()
        .filter(|s| s.tier == Tier::Data)
        .map(|s| s.id.clone())
        .collect();
    d.regions[0].vpcs[0].nodes.push(VpcNode::Rds(Rds {
        id: "use1-audit".into(),
        name: "audit".into(),
        engine: RdsEngine::Postgres,
        engine_version: "16".into(),
        instance_class: "db.r6g.large".into(),
        storage_gb: 50,
        multi_az: true,
        subnets: data,
        backup_retention_days: 7,
        encrypted: true,
        replica_of: None,
        max_storage_gb: Some(200),
    }));
    for n in &mut d.regions[0].vpcs[0].nodes {
        if let VpcNode::Aurora(a) = n {
            a.database_name = Some("orders".into());
            a.backup_retention_days = 21;
        }
    }
    let (d, new) = clone_region_as_dr(&d, &region, "us-west-2").unwrap();
    loads(&d);
    let copy = d.regions.iter().find(|r| r.id == new).unwrap();
    let nodes: Vec<&VpcNode> = copy.vpcs.iter().flat_map(|v| &v.nodes).collect();
    assert!(nodes.iter().any(|n| matches!(n, VpcNode::Rds(r) if r.max_storage_gb == Some(200) && r.replica_of.as_deref() == Some("use1-audit"))), "{nodes:#?}");
    assert!(nodes.iter().any(|n| matches!(n, VpcNode::Aurora(a) if a.database_name.as_deref() == Some("orders") && a.backup_retention_days == 21)), "{nodes:#?}");
    let agd_06: Vec<_> = crate::core::validate::validate(&d)
        .into_iter()
        .filter(|x| x.rule == "AGD-06")
        .collect();
    assert!(
        agd_06.is_empty(),
        "the copy names the writer's database, which is the same database: {agd_06:?}"
    );
}
