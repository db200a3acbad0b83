//! Table tests of the format 2 rules: ECS (ECS-*), scaling (SCL-*, ALB-14)
//! and ElastiCache (CACHE-*, DES-22, DES-23), each firing and not firing.

use super::testing::*;
use crate::core::edit::{add, PaletteItem};
use crate::core::model::{CacheEngine, Design, Ecs, Elasticache, NatMode, Scaling, Tier, VpcNode};
use crate::core::validate::{validate, Severity};

/// active-passive with an ECS service (behind its own new ALB) and a cache in
/// each region: the clean base every case mutates.
fn base2() -> Design {
    let mut d = base("active-passive");
    for vpc in ["use1-main", "usw2-main"] {
        let (d2, alb) = add(&d, PaletteItem::Alb, Some(vpc)).unwrap();
        let (d3, ecs) = add(&d2, PaletteItem::Ecs, Some(vpc)).unwrap();
        let (d4, _) = add(&d3, PaletteItem::Elasticache, Some(vpc)).unwrap();
        d = d4;
        let e = ecs_mut(&mut d, &ecs);
        e.target = Some(alb);
        e.image = "public.ecr.aws/nginx/nginx:1.27".into();
    }
    d
}

fn ecs_mut<'a>(d: &'a mut Design, id: &str) -> &'a mut Ecs {
    d.regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .flat_map(|v| v.nodes.iter_mut())
        .find_map(|n| match n {
            VpcNode::Ecs(e) if e.id == id => Some(e),
            _ => None,
        })
        .unwrap()
}

fn first_ecs(d: &mut Design) -> &mut Ecs {
    d.regions[0].vpcs[0]
        .nodes
        .iter_mut()
        .find_map(|n| match n {
            VpcNode::Ecs(e) => Some(e),
            _ => None,
        })
        .unwrap()
}

fn first_cache(d: &mut Design) -> &mut Elasticache {
    d.regions[0].vpcs[0]
        .nodes
        .iter_mut()
        .find_map(|n| match n {
            VpcNode::Elasticache(c) => Some(c),
            _ => None,
        })
        .unwrap()
}

fn case(f: impl FnOnce(&mut Design)) -> (Design, Design, String) {
    let good = base2();
    let mut bad = good.clone();
    f(&mut bad);
    let id = first_ecs(&mut bad.clone()).id.clone();
    (bad, good, id)
}

fn cache_case(f: impl FnOnce(&mut Design)) -> (Design, Design, String) {
    let good = base2();
    let mut bad = good.clone();
    f(&mut bad);
    let id = first_cache(&mut bad.clone()).id.clone();
    (bad, good, id)
}

#[test]
fn the_base_is_clean_apart_from_the_cold_cache_note() {
    let d = base2();
    let noisy: Vec<_> = validate(&d)
        .into_iter()
        .filter(|x| x.severity != Severity::Info)
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    assert!(
        !findings(&d, "DES-22").is_empty(),
        "the DR region's cache starts cold"
    );
}

#[test]
fn ecs_01_public_or_foreign_subnets_or_none() {
    let (bad, good, id) =
        case(|d| first_ecs(d).subnets = vec!["use1-pub-a".into(), "use1-app-b".into()]);
    fires_and_not("ECS-01", &bad, &id, &good);
    let (bad, good, id) =
        case(|d| first_ecs(d).subnets = vec!["usw2-app-a".into(), "use1-app-b".into()]);
    fires_and_not("ECS-01", &bad, &id, &good);
    let (bad, good, id) = case(|d| first_ecs(d).subnets.clear());
    fires_and_not("ECS-01", &bad, &id, &good);
}

#[test]
fn ecs_02_one_az() {
    let (bad, good, id) = case(|d| first_ecs(d).subnets = vec!["use1-app-a".into()]);
    fires_and_not("ECS-02", &bad, &id, &good);
}

#[test]
fn ecs_03_fargate_sizes() {
    let (bad, good, id) = case(|d| first_ecs(d).memory_mb = 4096 * 4);
    fires_and_not("ECS-03", &bad, &id, &good);
    assert!(
        findings(&bad, "ECS-03")[0]
            .message
            .contains("1024 to 4096 MiB"),
        "{:?}",
        findings(&bad, "ECS-03")
    );
    let (bad, good, id) = case(|d| first_ecs(d).cpu = 300);
    fires_and_not("ECS-03", &bad, &id, &good);
    let (ok, _, _) = case(|d| {
        let e = first_ecs(d);
        e.cpu = 16384;
        e.memory_mb = 122880;
    });
    assert!(findings(&ok, "ECS-03").is_empty());
}

#[test]
fn ecs_04_counts() {
    let (bad, good, id) = case(|d| first_ecs(d).desired = 9);
    fires_and_not("ECS-04", &bad, &id, &good);
    let (bad, good, id) = case(|d| {
        let e = first_ecs(d);
        (e.min, e.desired, e.max) = (0, 0, 0);
    });
    fires_and_not("ECS-04", &bad, &id, &good);
}

#[test]
fn ecs_05_load_balancer_in_another_vpc() {
    let (bad, good, id) = case(|d| first_ecs(d).target = Some("usw2-alb".into()));
    fires_and_not("ECS-05", &bad, &id, &good);
}

#[test]
fn ecs_06_and_07_images() {
    let (bad, good, id) = case(|d| first_ecs(d).image = "Not An Image".into());
    fires_and_not("ECS-06", &bad, &id, &good);
    let (bad, good, id) = case(|d| first_ecs(d).image = "${var.image}".into());
    fires_and_not("ECS-06", &bad, &id, &good);
    let (bad, good, id) = case(|d| first_ecs(d).image = "nginx".into());
    fires_and_not("ECS-07", &bad, &id, &good);
    let (bad, good, id) = case(|d| first_ecs(d).image = "public.ecr.aws/nginx/nginx:latest".into());
    fires_and_not("ECS-07", &bad, &id, &good);
    let (pinned, _, _) = case(|d| first_ecs(d).image = format!("nginx@sha256:{}", "0".repeat(64)));
    assert!(findings(&pinned, "ECS-07").is_empty() && findings(&pinned, "ECS-06").is_empty());
}

#[test]
fn ecs_08_no_nat() {
    let (bad, good, id) = case(|d| d.regions[0].vpcs[0].nat = NatMode::None);
    fires_and_not("ECS-08", &bad, &id, &good);
    // NAT single or per AZ, but no public subnet to put the gateway in: the
    // export's network module creates no NAT gateway at all.
    for nat in [NatMode::Single, NatMode::PerAz] {
        let (bad, good, id) = case(|d| {
            let v = &mut d.regions[0].vpcs[0];
            v.nat = nat;
            for s in v.subnets.iter_mut().filter(|s| s.tier == Tier::Public) {
                s.tier = Tier::Private;
            }
        });
        fires_and_not("ECS-08", &bad, &id, &good);
        assert!(findings(&bad, "ECS-08")[0]
            .message
            .contains("no public subnet"));
    }
}

#[test]
fn ecs_09_registry_in_another_region() {
    let (bad, good, id) = case(|d| {
        first_ecs(d).image = "123456789012.dkr.ecr.us-west-2.amazonaws.com/api:1.0".into()
    });
    fires_and_not("ECS-09", &bad, &id, &good);
    let (own, _, _) = case(|d| {
        first_ecs(d).image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0".into()
    });
    assert!(findings(&own, "ECS-09").is_empty());
}

/// Two services of one name in two regions: the name already carries its
/// region ("api in us-east-1"), which the message said a second time (seen on
/// an outside design, "svc in ap-northeast-1 in ap-northeast-1").
#[test]
fn ecs_09_names_the_region_once() {
    let (bad, _, _) = case(|d| {
        for r in d.regions.iter_mut() {
            for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
                if let VpcNode::Ecs(e) = n {
                    e.name = "api".into();
                    e.image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.0".into();
                }
            }
        }
    });
    let msgs: Vec<String> = findings(&bad, "ECS-09")
        .into_iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    for (m, code) in msgs.iter().zip(["us-east-1", "us-west-2"]) {
        assert_eq!(m.matches(code).count(), 1, "{m}");
        assert!(
            m.starts_with(&format!("ECS service api in {code} pulls")),
            "{m}"
        );
    }
}

#[test]
fn ecs_10_port_zero() {
    let (bad, good, id) = case(|d| first_ecs(d).port = 0);
    fires_and_not("ECS-10", &bad, &id, &good);
}

#[test]
fn scl_01_and_02() {
    let (bad, good, id) = case(|d| first_ecs(d).scaling = Some(Scaling::cpu(95)));
    fires_and_not("SCL-01", &bad, &id, &good);
    let (bad, good, id) = case(|d| {
        let e = first_ecs(d);
        (e.min, e.desired, e.max) = (2, 2, 2);
    });
    fires_and_not("SCL-02", &bad, &id, &good);
    // A group scales too.
    let good = base2();
    let mut bad = good.clone();
    if let VpcNode::Asg(a) = &mut bad.regions[0].vpcs[0].nodes[1] {
        a.scaling = Some(Scaling::cpu(5));
    }
    fires_and_not("SCL-01", &bad, "use1-app", &good);
}

#[test]
fn alb_14_a_mix_needs_weights() {
    let good = base2();
    let mut bad = good.clone();
    first_ecs(&mut bad).target = Some("use1-alb".into());
    fires_and_not("ALB-14", &bad, "use1-alb", &good);
    let mut weighted = bad.clone();
    first_ecs(&mut weighted).weight = Some(20);
    if let VpcNode::Asg(a) = &mut weighted.regions[0].vpcs[0].nodes[1] {
        a.weight = Some(80);
    }
    assert!(
        findings(&weighted, "ALB-14").is_empty(),
        "{:?}",
        findings(&weighted, "ALB-14")
    );
    let mut zero = weighted.clone();
    first_ecs(&mut zero).weight = Some(0);
    if let VpcNode::Asg(a) = &mut zero.regions[0].vpcs[0].nodes[1] {
        a.weight = Some(0);
    }
    assert!(findings(&zero, "ALB-14")[0].message.contains("nowhere"));
}

#[test]
fn cache_01_group_id() {
    let (bad, good, id) = cache_case(|d| first_cache(d).name = "x".repeat(40));
    fires_and_not("CACHE-01", &bad, &id, &good);
    let (bad, good, id) = cache_case(|d| first_cache(d).name = "a--b".into());
    fires_and_not("CACHE-01", &bad, &id, &good);
}

#[test]
fn cache_02_node_types() {
    let (bad, good, id) = cache_case(|d| first_cache(d).node_type = "banana".into());
    fires_and_not("CACHE-02", &bad, &id, &good);
    assert!(findings(&bad, "CACHE-02")[0].severity == Severity::Error);
    let (bad, good, id) = cache_case(|d| first_cache(d).node_type = "cache.m1.small".into());
    fires_and_not("CACHE-02", &bad, &id, &good);
    let (newer, _, _) = cache_case(|d| first_cache(d).node_type = "cache.r9g.large".into());
    let f = findings(&newer, "CACHE-02");
    assert!(
        f.len() == 1 && f[0].severity == Severity::Warning && f[0].message.contains("2026-12-02"),
        "{f:?}"
    );
    let (typo, _, _) = cache_case(|d| first_cache(d).node_type = "cache.r7g.larg".into());
    assert!(findings(&typo, "CACHE-02")[0]
        .message
        .contains("cache.r7g.large"));
}

#[test]
fn cache_03_multi_az() {
    let (bad, good, id) = cache_case(|d| first_cache(d).nodes = 1);
    fires_and_not("CACHE-03", &bad, &id, &good);
    assert!(findings(&bad, "CACHE-03")[0]
        .message
        .contains(" with 1 node; "));
    let (none, _, _) = cache_case(|d| first_cache(d).nodes = 0);
    let m = &findings(&none, "CACHE-03")[0].message;
    assert!(m.contains(" with 0 nodes; "), "{m}");
    let (bad, good, id) = cache_case(|d| first_cache(d).subnets = vec!["use1-db-a".into()]);
    fires_and_not("CACHE-03", &bad, &id, &good);
}

#[test]
fn cache_04_subnets() {
    let (bad, good, id) = cache_case(|d| {
        let c = first_cache(d);
        c.multi_az = false;
        c.subnets = vec!["use1-db-a".into()];
    });
    fires_and_not("CACHE-04", &bad, &id, &good);
    let (bad, good, id) =
        cache_case(|d| first_cache(d).subnets = vec!["use1-pub-a".into(), "use1-db-b".into()]);
    fires_and_not("CACHE-04", &bad, &id, &good);
    assert!(findings(&bad, "CACHE-04")
        .iter()
        .any(|x| x.severity == Severity::Error));
}

#[test]
fn cache_05_and_06() {
    let (bad, good, id) = cache_case(|d| first_cache(d).nodes = 7);
    fires_and_not("CACHE-05", &bad, &id, &good);
    let (bad, good, id) = cache_case(|d| first_cache(d).engine_version = "5.0.6".into());
    fires_and_not("CACHE-06", &bad, &id, &good);
    let (bad, good, id) = cache_case(|d| first_cache(d).engine_version = "6.2".into());
    fires_and_not("CACHE-06", &bad, &id, &good);
    let (bad, good, id) = cache_case(|d| {
        let c = first_cache(d);
        c.engine = CacheEngine::Valkey;
        c.engine_version = "7.1".into();
    });
    fires_and_not("CACHE-06", &bad, &id, &good);
    let (ok, _, _) = cache_case(|d| {
        let c = first_cache(d);
        c.engine = CacheEngine::Valkey;
        c.engine_version = "8.0".into();
    });
    assert!(findings(&ok, "CACHE-06").is_empty());
}

#[test]
fn des_23_cache_only_in_the_primary() {
    let good = base2();
    let mut bad = good.clone();
    bad.regions[1].vpcs[0]
        .nodes
        .retain(|n| !matches!(n, VpcNode::Elasticache(_)));
    fires_and_not("DES-23", &bad, "usw2", &good);
    assert!(
        findings(&bad, "DES-22").is_empty(),
        "no DR cache, nothing starts cold"
    );
}

#[test]
fn ecs_11_and_iam_names_of_a_service() {
    let (bad, good, id) =
        case(|d| first_ecs(d).name = "a-service-name-far-too-long-for-a-group".into());
    fires_and_not("ECS-11", &bad, &id, &good);
    // Its roles are region-suffixed: the same service name in two regions is fine,
    // but a role name over 64 characters is not.
    assert!(findings(&good, "IAM-01").is_empty());
    let (bad, _, id) = case(|d| first_ecs(d).name = "x".repeat(60));
    assert!(
        findings(&bad, "IAM-02")
            .iter()
            .any(|f| f.subjects.contains(&id)),
        "{:?}",
        findings(&bad, "IAM-02")
    );
    // Both of its roles are too long, and their names, shortened, read
    // alike: each line says which role it is, so no two lines are the same.
    let lines: Vec<String> = findings(&bad, "IAM-02")
        .into_iter()
        .filter(|f| f.subjects.contains(&id))
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_ne!(lines[0], lines[1]);
    assert!(
        lines.iter().any(|l| l.contains("task execution role")),
        "{lines:?}"
    );
}

#[test]
fn alb_14_the_groups_share_one_weight() {
    let mut d = base2();
    first_ecs(&mut d).target = Some("use1-alb".into());
    first_ecs(&mut d).weight = Some(1);
    if let VpcNode::Asg(a) = &mut d.regions[0].vpcs[0].nodes[1] {
        a.weight = Some(999);
    }
    assert!(
        findings(&d, "ALB-14").is_empty(),
        "{:?}",
        findings(&d, "ALB-14")
    );
    let (d2, _) = add(&d, PaletteItem::Asg, Some("use1-main")).unwrap();
    let mut d2 = d2;
    for n in d2.regions[0].vpcs[0].nodes.iter_mut() {
        if let VpcNode::Asg(a) = n {
            a.target = Some("use1-alb".into());
            a.weight = Some(999);
        }
    }
    assert!(
        findings(&d2, "ALB-14")
            .iter()
            .any(|f| f.message.contains("1998")),
        "{:?}",
        findings(&d2, "ALB-14")
    );
}

#[test]
fn cache_07_nobody_to_use_it() {
    let good = base2();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0]
        .nodes
        .retain(|n| !matches!(n, VpcNode::Asg(_) | VpcNode::Ecs(_)));
    let id = first_cache(&mut bad.clone()).id.clone();
    fires_and_not("CACHE-07", &bad, &id, &good);
}
