//! Tests of [`duplicate`]: every copy must load again (ids unique, references
//! resolved) and Ctrl+D must never turn a clean design into an erroring one.

use super::alloc::{free_block, shift};
use super::duplicate::{copy_name, copy_record_name};
use super::tests::{loads, tpl};
use super::*;
use crate::core::model::*;
use crate::core::validate::{validate, Severity};

const TEMPLATES: [&str; 3] = ["active-passive", "aurora-global", "active-active"];

fn errors(d: &Design) -> Vec<String> {
    validate(d)
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| format!("{}: {}", x.rule, x.message))
        .collect()
}

/// Every id Ctrl+D accepts: all but regions and peerings.
fn duplicable(d: &Design) -> Vec<String> {
    let mut out = Vec::new();
    for_each_object(d, |o| {
        if !matches!(o.kind(), ObjectKind::Region | ObjectKind::Peering) {
            out.push(o.id().to_string());
        }
    });
    out
}

fn dup(d: &Design, ids: &[&str]) -> (Design, Vec<String>) {
    let (after, copies) = duplicate(d, ids).unwrap_or_else(|e| panic!("duplicating {ids:?}: {e}"));
    loads(&after);
    (after, copies)
}

fn node<'a>(d: &'a Design, id: &str) -> &'a VpcNode {
    Index::new(d)
        .vpc_node(id)
        .map(|(_, _, n)| n)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn every_object_of_every_template_duplicates_into_a_clean_loadable_design() {
    // NET-06 (a subnet's addresses) could in principle turn into an error
    // when a copied workload no longer fits a tiny subnet; that is a real
    // capacity problem for validation to report, and cannot happen in the
    // templates' /24 subnets.
    for t in TEMPLATES {
        let d = tpl(t);
        assert!(errors(&d).is_empty(), "{t} is clean to start with");
        for id in duplicable(&d) {
            let (after, copies) = dup(&d, &[&id]);
            assert_eq!(copies.len(), 1);
            assert_ne!(copies[0], id);
            assert!(
                Index::new(&after).get(&copies[0]).is_some(),
                "{t}/{id}: the copy exists"
            );
            assert_eq!(
                Index::new(&after).len(),
                Index::new(&d).len() + new_objects(&d, &id),
                "{t}/{id}"
            );
            let e = errors(&after);
            assert!(
                e.is_empty(),
                "{t}: duplicating {id} introduced errors: {e:#?}"
            );
        }
    }
}

/// How many objects duplicating `id` alone adds.
fn new_objects(d: &Design, id: &str) -> usize {
    match Index::new(d).vpc(id) {
        Some((_, v)) => 1 + v.subnets.len() + v.nodes.len(),
        None => 1,
    }
}

#[test]
fn everything_at_once_and_all_nodes_at_once_stay_clean() {
    for t in TEMPLATES {
        let d = tpl(t);
        let all = duplicable(&d);
        let ids: Vec<&str> = all.iter().map(String::as_str).collect();
        let (after, copies) = dup(&d, &ids);
        let roots = ids
            .iter()
            .filter(|id| Index::new(&d).vpc(id).is_some() || !inside_vpc(&d, id))
            .count();
        assert_eq!(
            copies.len(),
            roots,
            "{t}: one copy id per selected object outside a selected VPC"
        );
        assert!(errors(&after).is_empty(), "{t}: {:#?}", errors(&after));

        let nodes: Vec<String> = d
            .regions
            .iter()
            .flat_map(|r| &r.vpcs)
            .flat_map(|v| &v.nodes)
            .map(|n| n.id().to_string())
            .collect();
        let ids: Vec<&str> = nodes.iter().map(String::as_str).collect();
        let (after, _) = dup(&d, &ids);
        assert!(errors(&after).is_empty(), "{t}: {:#?}", errors(&after));
    }
}

fn inside_vpc(d: &Design, id: &str) -> bool {
    Index::new(d)
        .get(id)
        .is_some_and(|o| matches!(o, ObjectRef::Subnet { .. } | ObjectRef::VpcNode { .. }))
}

#[test]
fn a_subnet_copy_takes_the_next_free_block_of_its_size() {
    let d = tpl("active-passive");
    let (after, copies) = dup(&d, &["use1-pub-a"]);
    assert_eq!(copies, ["use1-pub-a-2"]);
    let (_, vpc, s) = Index::new(&after)
        .subnet("use1-pub-a-2")
        .map(|(r, v, s)| (r.clone(), v.clone(), s.clone()))
        .unwrap();
    assert_eq!(vpc.id, "use1-main");
    assert_eq!(
        (s.name.as_str(), s.cidr.as_str(), s.az.as_str(), s.tier),
        ("public-a-2", "10.0.2.0/24", "use1-az1", Tier::Public)
    );
    // Two subnets at once get two blocks.
    let (after, copies) = dup(&d, &["use1-pub-a", "use1-pub-b"]);
    let cidrs: Vec<String> = copies
        .iter()
        .map(|id| Index::new(&after).subnet(id).unwrap().2.cidr.clone())
        .collect();
    assert_eq!(cidrs, ["10.0.2.0/24", "10.0.3.0/24"]);
    // A smaller original keeps its size.
    let mut d2 = d.clone();
    d2.regions[0].vpcs[0].subnets[0].cidr = "10.0.0.0/26".into();
    let (after, copies) = dup(&d2, &["use1-pub-a"]);
    assert_eq!(
        Index::new(&after).subnet(&copies[0]).unwrap().2.cidr,
        "10.0.0.64/26"
    );
}

#[test]
fn a_full_vpc_refuses_another_subnet() {
    let mut d = tpl("active-passive");
    let v = &mut d.regions[0].vpcs[0];
    v.cidr = "10.0.0.0/24".into();
    v.subnets.truncate(1);
    v.subnets[0].cidr = "10.0.0.0/24".into();
    let e = duplicate(&d, &["use1-pub-a"]).unwrap_err();
    assert!(e.0.contains("is full"), "{e}");
}

#[test]
fn a_vpc_copy_moves_to_a_free_block_with_its_subnets_and_workloads() {
    let d = tpl("active-passive");
    let (after, copies) = dup(&d, &["use1-main"]);
    let (region, vpc) = Index::new(&after)
        .vpc(&copies[0])
        .map(|(r, v)| (r.id.clone(), v.clone()))
        .unwrap();
    assert_eq!(region, "use1");
    assert_eq!(
        (vpc.name.as_str(), vpc.cidr.as_str()),
        ("main-2", "10.2.0.0/16")
    );
    let cidrs: Vec<&str> = vpc.subnets.iter().map(|s| s.cidr.as_str()).collect();
    assert_eq!(
        cidrs,
        [
            "10.2.0.0/24",
            "10.2.1.0/24",
            "10.2.10.0/24",
            "10.2.11.0/24",
            "10.2.20.0/24",
            "10.2.21.0/24"
        ]
    );
    let names: Vec<&str> = vpc.subnets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names[0], "public-a",
        "subnet names are per VPC, so the copy keeps them"
    );
    let own: Vec<&str> = vpc.subnets.iter().map(|s| s.id.as_str()).collect();
    for n in &vpc.nodes {
        assert!(
            n.subnets().iter().all(|s| own.contains(&s.as_str())),
            "{} uses the copied subnets",
            n.id()
        );
        match n {
            VpcNode::Asg(a) => assert_eq!(a.target.as_deref(), Some("use1-alb-2")),
            VpcNode::Rds(r) => {
                assert_eq!((r.replica_of.as_deref(), r.name.as_str()), (None, "db-2"))
            }
            _ => {}
        }
    }
    assert_eq!(after.peerings, d.peerings, "peerings are not copied");
    // The DR VPC's replica copy replicates the DR replica: a second
    // replica of the primary's database in another VPC of that region is
    // what AWS refuses (RDS-10).
    let (after, copies) = dup(&d, &["usw2-main"]);
    let vpc = Index::new(&after).vpc(&copies[0]).unwrap().1.clone();
    assert_eq!(vpc.cidr, "10.2.0.0/16");
    let Some(VpcNode::Rds(r)) = vpc.nodes.iter().find(|n| n.kind() == NodeKind::Rds) else {
        panic!()
    };
    assert_eq!(r.replica_of.as_deref(), Some("usw2-db"));
    // Copied alone into its own VPC, a replica's copy keeps the source.
    let (after, copies) = dup(&d, &["usw2-db"]);
    let Some(crate::core::model::ObjectRef::VpcNode {
        node: VpcNode::Rds(r),
        ..
    }) = crate::core::model::find_object(&after, &copies[0])
    else {
        panic!()
    };
    assert_eq!(r.replica_of.as_deref(), Some("use1-db"));
}

#[test]
fn contents_selected_with_their_vpc_are_copied_once() {
    let d = tpl("active-passive");
    let (after, copies) = dup(&d, &["use1-pub-a", "use1-main", "use1-alb", "use1-main"]);
    assert_eq!(copies, ["use1-main-2"], "only the VPC copy is returned");
    let subnets: usize = after.regions[0].vpcs.iter().map(|v| v.subnets.len()).sum();
    assert_eq!(
        subnets, 12,
        "the selected subnet is not copied a second time"
    );
    assert_eq!(
        after.regions[0].vpcs[0], d.regions[0].vpcs[0],
        "the original VPC is untouched"
    );
}

#[test]
fn workload_copies_keep_valid_links_and_drop_unique_ones() {
    let d = tpl("active-passive");
    let (after, copies) = dup(&d, &["use1-app"]);
    let VpcNode::Asg(a) = node(&after, &copies[0]) else {
        panic!()
    };
    assert_eq!(
        (a.name.as_str(), a.target.as_deref()),
        ("app-2", Some("use1-alb")),
        "joins the same target group"
    );
    // Copied together, the group joins the copied load balancer; ids come back in input order.
    let (after, copies) = dup(&d, &["use1-app", "use1-alb"]);
    assert_eq!(copies, ["use1-app-2", "use1-alb-2"]);
    let VpcNode::Asg(a) = node(&after, "use1-app-2") else {
        panic!()
    };
    assert_eq!(a.target.as_deref(), Some("use1-alb-2"));
    // A replica's copy replicates the same source; a primary's copy is a primary.
    let (after, copies) = dup(&d, &["usw2-db", "use1-db"]);
    let VpcNode::Rds(r) = node(&after, &copies[0]) else {
        panic!()
    };
    assert_eq!(
        r.replica_of.as_deref(),
        Some("use1-db-2"),
        "the source was copied too"
    );
    let VpcNode::Rds(p) = node(&after, &copies[1]) else {
        panic!()
    };
    assert_eq!(p.replica_of, None);
    let (after, copies) = dup(&d, &["usw2-db"]);
    let VpcNode::Rds(r) = node(&after, &copies[0]) else {
        panic!()
    };
    assert_eq!(r.replica_of.as_deref(), Some("use1-db"));
    // An Aurora copy leaves its global cluster.
    let g = tpl("aurora-global");
    let (after, copies) = dup(&g, &["euw1-orders"]);
    let VpcNode::Aurora(c) = node(&after, &copies[0]) else {
        panic!()
    };
    assert_eq!((c.name.as_str(), c.global.as_deref()), ("orders-2", None));
}

#[test]
fn a_sixteenth_replica_is_refused() {
    let mut d = tpl("active-passive");
    for _ in 0..14 {
        d = dup(&d, &["usw2-db"]).0;
    }
    assert!(
        errors(&d).is_empty(),
        "15 replicas are allowed: {:#?}",
        errors(&d)
    );
    let e = duplicate(&d, &["usw2-db"]).unwrap_err();
    assert!(e.0.contains("15"), "{e}");
}

#[test]
fn names_fit_their_aws_limits() {
    let mut d = tpl("active-passive");
    // shop-prod- leaves 22 characters of the 32 an ELB name may have.
    if let VpcNode::Alb(a) = &mut d.regions[0].vpcs[0].nodes[0] {
        a.name = "abcdefghijklmnopqrstuv".into();
    }
    assert!(errors(&d).is_empty());
    let (after, copies) = dup(&d, &["use1-alb"]);
    assert_eq!(node(&after, &copies[0]).name(), "abcdefghijklmnopqrst-2");
    assert!(errors(&after).is_empty(), "{:#?}", errors(&after));
    // A copy of a copy counts on.
    let (again, copies) = dup(&after, &[&copies[0]]);
    assert_eq!(node(&again, &copies[0]).name(), "abcdefghijklmnopqrst-3");
}

#[test]
fn buckets_and_tables_get_new_names() {
    let g = tpl("aurora-global");
    let (after, copies) = dup(&g, &["use1-assets"]);
    let Some((r, RegionNode::S3(b))) = Index::new(&after).region_node(&copies[0]) else {
        panic!()
    };
    assert_eq!(r.id, "use1");
    assert_eq!(
        (
            b.name.as_str(),
            b.bucket.as_str(),
            b.replicate_to.as_deref()
        ),
        ("assets-2", "media-prod-assets-use1-2", None)
    );
    let a = tpl("active-active");
    let (after, copies) = dup(&a, &["sessions"]);
    let Some((_, RegionNode::Dynamodb(t))) = Index::new(&after).region_node(&copies[0]) else {
        panic!()
    };
    assert_eq!(
        (t.name.as_str(), t.replicas.len()),
        ("sessions-2", 2),
        "a global table copy keeps its replicas"
    );
}

#[test]
fn records_and_accelerators_get_new_names() {
    let d = tpl("active-passive");
    let (after, copies) = dup(&d, &["app"]);
    let rec = after
        .dns
        .as_ref()
        .unwrap()
        .records
        .iter()
        .find(|r| r.id == copies[0])
        .unwrap();
    assert_eq!(rec.name, "app-2");
    assert_eq!(rec.targets, d.dns.as_ref().unwrap().records[0].targets);
    let a = tpl("active-active");
    let (after, copies) = dup(&a, &["edge", "api"]);
    assert_eq!(copies, ["edge-2", "api-2"]);
    assert_eq!(after.accelerators[1].name, "edge-2");
    assert_eq!(after.accelerators[1].endpoints, a.accelerators[0].endpoints);
}

#[test]
fn regions_peerings_and_unknown_ids_are_refused() {
    let d = tpl("aurora-global");
    let e = duplicate(&d, &["use1"]).unwrap_err();
    assert!(e.0.contains("Clone region as DR"), "{e}");
    let e = duplicate(&d, &["use1-euw1"]).unwrap_err();
    assert!(e.0.contains("Peering use1-euw1"), "{e}");
    let e = duplicate(&d, &["use1-alb", "ghost"]).unwrap_err();
    assert!(e.0.contains("`ghost`"), "{e}");
    assert_eq!(duplicate(&d, &[]).unwrap(), (d.clone(), vec![]));
}

#[test]
fn saved_positions_are_copied_with_an_offset() {
    let mut d = tpl("active-passive");
    let rect = |x, y| Rect {
        x,
        y,
        w: 300.0,
        h: 200.0,
    };
    d.canvas.insert("use1-main".into(), rect(100.0, 50.0));
    d.canvas.insert("use1-pub-a".into(), rect(120.0, 80.0));
    d.canvas.insert("app".into(), rect(0.0, 0.0));
    let (after, _) = dup(&d, &["use1-main", "app", "use1-alb"]);
    assert_eq!(after.canvas["use1-main-2"], rect(124.0, 74.0));
    assert_eq!(after.canvas["use1-pub-a-2"], rect(144.0, 104.0));
    assert_eq!(after.canvas["app-2"], rect(24.0, 24.0));
    assert!(
        !after.canvas.contains_key("use1-alb-2"),
        "no saved position, none invented"
    );
    assert_eq!(after.canvas.len(), 6);
}

#[test]
fn names_count_up_and_fit() {
    assert_eq!(copy_name(["web"], "web", 32), "web-2");
    assert_eq!(copy_name(["web", "web-2", "WEB-3"], "web-2", 32), "web-4");
    assert_eq!(copy_name(["abcdefgh"], "abcdefgh", 6), "abcd-2");
    assert_eq!(
        copy_name(["a-b-"], "a-b-", 4),
        "a-2",
        "no trailing '-' before the counter"
    );
    let long = "b".repeat(63);
    let copy = copy_name([long.as_str()], &long, 63);
    assert_eq!(
        (copy.len(), copy.ends_with("-2")),
        (63, true),
        "a bucket name stays within 63"
    );
}

#[test]
fn record_names_stay_dns_names() {
    assert_eq!(copy_record_name(["app"], "app"), "app-2");
    assert_eq!(copy_record_name(["@"], "@"), "copy-2");
    assert_eq!(copy_record_name(["*.api", "*.api-2"], "*.api"), "*.api-3");
    assert_eq!(copy_record_name(["www.eu"], "www.eu"), "www-2.eu");
    assert_eq!(copy_record_name(["App", "app-2"], "App"), "App-3");
}

#[test]
fn cidrs_shift_with_their_vpc() {
    let n = |s: &str| s.parse::<ipnet::Ipv4Net>().unwrap();
    assert_eq!(
        shift("10.0.20.0/24", n("10.0.0.0/16"), n("10.7.0.0/16")),
        "10.7.20.0/24"
    );
    assert_eq!(
        shift("192.168.1.0/24", n("10.0.0.0/16"), n("10.7.0.0/16")),
        "192.168.1.0/24"
    );
    assert_eq!(
        free_block(16, &[n("10.0.0.0/16"), n("10.1.0.0/16")]),
        Some(n("10.2.0.0/16"))
    );
}
