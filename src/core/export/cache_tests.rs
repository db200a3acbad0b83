//! Tests of the cache blocks: identifiers, the module call, outputs, the
//! connect policies and the README section.

use super::*;
use crate::core::export::hcl::print;
use crate::core::model::{load, Design};

fn fixture() -> Design {
    load(include_str!(
        "../../../tests/fixtures/clean/elasticache.json"
    ))
    .expect("the fixture loads")
}

fn cache<'a>(d: &'a Design, id: &str) -> &'a Elasticache {
    d.regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(caches))
        .find(|c| c.id == id)
        .expect("the cache exists")
}

#[test]
fn ids_are_lowercase_and_valid_user_ids() {
    let mut d = fixture();
    d.name = "Basket".into();
    let mut c = cache(&d, "use1-sessions").clone();
    c.name = "Sessions.v2".into();
    let ids = ids(&d, &c);
    assert_eq!(ids.group, "basket-prod-sessions.v2");
    assert_eq!(ids.app_user, "basket-prod-sessions-v2-app");
    assert_eq!(ids.default_user, "basket-prod-sessions-v2-default");
    assert_eq!(ids.user_group, "basket-prod-sessions-v2-users");
    for id in [&ids.app_user, &ids.default_user, &ids.user_group] {
        assert!(id.starts_with(|ch: char| ch.is_ascii_alphabetic()), "{id}");
        assert!(
            id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'),
            "{id}"
        );
    }
}

#[test]
fn the_module_call_carries_the_design_settings() {
    let d = fixture();
    let c = cache(&d, "use1-sessions");
    let b = module(
        &d,
        c,
        "vpc_use1-main",
        s("subnets"),
        obj([("use1-app", s("sg"))]),
        "../..",
    )
    .unwrap();
    let text = print(vec![b]).unwrap();
    for want in [
        "module \"elasticache_use1-sessions\"",
        "source               = \"../../modules/elasticache\"",
        "replication_group_id = \"basket-prod-sessions\"",
        "engine               = \"redis\"",
        "engine_version       = \"7.1\"",
        "node_type            = \"cache.r7g.large\"",
        "nodes                = 2",
        "multi_az             = true",
        "app_user_id          = \"basket-prod-sessions-app\"",
        "vpc_id               = module.vpc_use1-main.vpc_id",
        "\"DisplayName\" = \"sessions\"",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    let single = module(
        &d,
        cache(&d, "euw1-sessions"),
        "v",
        s("x"),
        obj(Vec::<(String, Expression)>::new()),
        ".",
    )
    .unwrap();
    let text = print(vec![single]).unwrap();
    assert!(text.contains("engine               = \"valkey\""), "{text}");
    assert!(text.contains("multi_az             = false"), "{text}");
    assert!(text.contains("#checkov:skip=CKV2_AWS_50:"), "{text}");
    let multi = print(vec![module(&d, c, "v", s("x"), s("y"), ".").unwrap()]).unwrap();
    assert!(!multi.contains("CKV2_AWS_50"), "{multi}");
}

#[test]
fn every_cache_is_in_its_regions_output_and_nothing_else() {
    let d = fixture();
    let text = print(vec![output(&d.regions[0]).unwrap()]).unwrap();
    assert!(text.contains("\"use1-sessions\" = {"), "{text}");
    assert!(!text.contains("euw1-sessions"), "{text}");
    for f in ["primary_endpoint", "port", "user", "replication_group_id"] {
        assert!(
            text.contains(&format!("module.elasticache_use1-sessions.{f}")),
            "{f}: {text}"
        );
    }
    let mut bare = d.clone();
    for r in &mut bare.regions {
        for v in &mut r.vpcs {
            v.nodes.retain(|n| !matches!(n, VpcNode::Elasticache(_)));
        }
    }
    let text = print(vec![output(&bare.regions[0]).unwrap()]).unwrap();
    assert!(
        text.contains("value       = {}"),
        "an empty map without caches: {text}"
    );
}

#[test]
fn applications_may_connect_to_the_caches_of_their_own_vpc_only() {
    let d = fixture();
    let grants = connect_grants(&d);
    assert_eq!(grants.len(), 2, "{grants:?}");
    for g in &grants {
        assert_eq!(g.caches.len(), 1);
        assert_eq!(g.caches[0].group, "basket-prod-sessions");
        assert!(g.role_label.ends_with(&state_label(&g.region)), "{g:?}");
    }
    let text = print(connect_policies(&d).unwrap()).unwrap();
    assert_eq!(
        text.matches("resource \"aws_iam_role_policy\"").count(),
        2,
        "{text}"
    );
    for arn in [
        "arn:aws:elasticache:us-east-1:%s:replicationgroup:basket-prod-sessions",
        "arn:aws:elasticache:us-east-1:%s:user:basket-prod-sessions-app",
        "arn:aws:elasticache:eu-west-1:%s:replicationgroup:basket-prod-sessions",
    ] {
        assert!(text.contains(arn), "{arn} missing from:\n{text}");
    }
    assert!(text.contains("\"elasticache:Connect\""), "{text}");
    assert!(!text.contains("\"*\""), "no wildcard: {text}");
    // The us-east-1 role names only us-east-1's cache.
    let use1 = text
        .split("resource ")
        .find(|b| b.contains("use1-app_us_east_1_caches"))
        .expect("the us-east-1 policy");
    assert!(!use1.contains("eu-west-1"), "{use1}");
}

#[test]
fn the_readme_explains_authentication_only_when_there_are_caches() {
    let d = fixture();
    let text = readme_section(&d);
    assert!(
        text.contains("## Caches") && text.contains("Action=connect&User=<user>"),
        "{text}"
    );
    assert!(text.contains("no password exists"), "{text}");
    let mut bare = d.clone();
    for r in &mut bare.regions {
        for v in &mut r.vpcs {
            v.nodes.retain(|n| !matches!(n, VpcNode::Elasticache(_)));
        }
    }
    assert!(readme_section(&bare).is_empty());
    assert!(connect_policies(&bare).unwrap().is_empty());
}

#[test]
fn redis_older_than_7_is_refused_by_name_and_7_is_exported() {
    let mut d = fixture();
    assert!(without_iam_auth(&d).is_ok());
    for r in &mut d.regions {
        for v in &mut r.vpcs {
            for n in &mut v.nodes {
                if let VpcNode::Elasticache(c) = n {
                    if c.id == "use1-sessions" {
                        c.engine_version = "6.2".into();
                    }
                }
            }
        }
    }
    let err = without_iam_auth(&d).expect_err("Redis 6.2 has no IAM authentication");
    let text = err.to_string();
    assert!(
        text.contains("cache `sessions` in us-east-1") && text.contains("7.0"),
        "{text}"
    );
    let refused = crate::core::export::export(&d, crate::core::export::Layout::PerRegion);
    assert!(
        matches!(
            refused,
            Err(crate::core::export::ExportError::Unsupported(_))
        ),
        "{refused:?}"
    );
}

#[test]
fn ecs_services_beside_a_cache_may_connect_as_their_task_role() {
    let d = load(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/templates/layered-ecs.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let grants = connect_grants(&d);
    for (svc, code) in [("use1-api", "us-east-1"), ("usw2-api", "us-west-2")] {
        let label = super::super::ecs::role_label(svc, code, "task");
        let g = grants
            .iter()
            .find(|g| g.role_label == label)
            .unwrap_or_else(|| panic!("no grant for {label}"));
        assert_eq!(g.region, code);
        assert_eq!(g.caches.len(), 1, "its own VPC's cache only");
    }
}
