//! Every field of the design format has a control in the editor: the
//! table in src/ui/panels/inspector/controls.rs is checked against the
//! fields serde writes for a fully populated object of each kind, both
//! ways (no field without a control, no control for a field that is gone).
//! A new model field without a control fails here. (The browser test
//! web_inspector checks that the panels render every entry.)
#![cfg(not(target_arch = "wasm32"))]

#[path = "../src/ui/panels/inspector/controls.rs"]
mod controls;

use controls::{of_kind, Control};
use serde_json::Value;
use topoform::core::model::*;

/// Every leaf path of a serialised value: objects join keys with '.',
/// arrays of objects add "[]", scalars, empty containers and arrays of
/// scalars are leaves.
fn leaves(v: &Value, at: &str, out: &mut Vec<String>) {
    let join = |k: &str| {
        if at.is_empty() {
            k.to_string()
        } else {
            format!("{at}.{k}")
        }
    };
    match v {
        Value::Object(m) if !m.is_empty() => m.iter().for_each(|(k, v)| leaves(v, &join(k), out)),
        Value::Array(a) if a.iter().any(Value::is_object) => {
            a.iter().for_each(|v| leaves(v, &format!("{at}[]"), out))
        }
        _ => out.push(at.to_string()),
    }
}

fn covered(kind: &str, path: &str) -> bool {
    of_kind(kind).any(|(p, c)| {
        p == path
            || (c.covers_children()
                && (path.starts_with(&format!("{p}.")) || path.starts_with(&format!("{p}[]"))))
    })
}

fn check(kind: &str, value: impl serde::Serialize) {
    let v = serde_json::to_value(value).unwrap();
    let mut paths = Vec::new();
    leaves(&v, "", &mut paths);
    paths.sort();
    paths.dedup();
    for p in &paths {
        assert!(
            covered(kind, p),
            "{kind}.{p} has no control in the editor (src/ui/panels/inspector/controls.rs)"
        );
    }
    for (p, c) in of_kind(kind) {
        let present = paths
            .iter()
            .any(|x| x == p || (c.covers_children() && x.starts_with(p)));
        assert!(
            present,
            "the control table lists {kind}.{p}, which the format does not have"
        );
    }
}

fn health() -> HealthCheck {
    HealthCheck {
        protocol: CheckProtocol::Https,
        port: 443,
        path: Some("/health".into()),
        interval: 10,
        failure_threshold: 3,
    }
}

#[test]
fn every_field_of_every_kind_has_a_control() {
    let subnets = vec!["s1".to_string(), "s2".to_string()];
    let design = Design {
        format: FORMAT.into(),
        version: CURRENT_VERSION,
        name: "shop".into(),
        environment: "prod".into(),
        tags: [("team".to_string(), "web".to_string())].into(),
        state: StateConfig {
            bucket: "b".into(),
            region: "us-east-1".into(),
            lock: LockMode::Dynamodb,
            dynamodb_table: Some("locks".into()),
            key_prefix: Some("teams".into()),
            buckets: [("us-west-2".to_string(), "shop-state-usw2".to_string())].into(),
            split: StateSplit::RegionLayer,
        },
        regions: vec![],
        peerings: vec![],
        dns: Some(Dns {
            zone: "example.com".into(),
            zone_id: Some("Z0123456789ABC".into()),
            records: vec![],
        }),
        accelerators: vec![],
        objectives: Objectives {
            region: Some(Objective {
                rto_seconds: Some(600),
                rpo_seconds: Some(5),
            }),
            az: Some(Objective {
                rto_seconds: Some(120),
                rpo_seconds: Some(0),
            }),
        },
        usage: Usage {
            requests_per_month: Some(1_000_000),
            load_balancer_gb: Some(1),
            nat_gb: Some(1),
            internet_egress_gb: Some(1),
            replication_gb: Some(1),
            s3_storage_gb: Some(1),
            dynamodb_storage_gb: Some(1),
            dynamodb_million_writes: Some(1),
            dynamodb_million_reads: Some(1),
            log_gb: Some(1),
        },
        canvas: [("use1".to_string(), Rect::default())].into(),
    };
    check("design", &design);
    check(
        "region",
        Region {
            id: "r".into(),
            code: "us-east-1".into(),
            role: RegionRole::Primary,
            vpcs: vec![],
            nodes: vec![],
        },
    );
    check(
        "vpc",
        Vpc {
            id: "v".into(),
            name: "main".into(),
            cidr: "10.0.0.0/16".into(),
            nat: NatMode::Single,
            subnets: vec![],
            nodes: vec![],
        },
    );
    check(
        "subnet",
        Subnet {
            id: "s".into(),
            name: "a".into(),
            cidr: "10.0.0.0/24".into(),
            az: "use1-az1".into(),
            tier: Tier::Public,
        },
    );
    check(
        "peering",
        Peering {
            id: "p".into(),
            a: "v1".into(),
            b: "v2".into(),
        },
    );
    check(
        "alb",
        Alb {
            id: "a".into(),
            name: "web".into(),
            internal: false,
            subnets: subnets.clone(),
            listener: Listener {
                port: 443,
                protocol: HttpProtocol::Https,
            },
            health_check: AlbHealthCheck {
                path: "/".into(),
                interval: 30,
                timeout: 5,
                healthy_threshold: 3,
                unhealthy_threshold: 3,
            },
        },
    );
    check(
        "asg",
        Asg {
            id: "g".into(),
            name: "app".into(),
            subnets: subnets.clone(),
            min: 1,
            desired: 2,
            max: 3,
            instance_type: "t3.micro".into(),
            image: "ami-1".into(),
            target: Some("a".into()),
            scaling: Some(Scaling::cpu(70)),
            weight: Some(50),
        },
    );
    check(
        "ecs",
        Ecs {
            id: "e".into(),
            name: "api".into(),
            subnets: subnets.clone(),
            image: "public.ecr.aws/nginx/nginx:1.27".into(),
            cpu: 512,
            memory_mb: 1024,
            port: 8080,
            min: 1,
            desired: 2,
            max: 4,
            target: Some("a".into()),
            scaling: Some(Scaling::cpu(70)),
            weight: Some(50),
        },
    );
    check(
        "elasticache",
        Elasticache {
            id: "c".into(),
            name: "cache".into(),
            engine: CacheEngine::Valkey,
            engine_version: "8.0".into(),
            node_type: "cache.r7g.large".into(),
            nodes: 2,
            multi_az: true,
            subnets: subnets.clone(),
        },
    );
    check(
        "rds",
        Rds {
            id: "d".into(),
            name: "db".into(),
            engine: RdsEngine::Postgres,
            engine_version: "16.4".into(),
            instance_class: "db.r6g.large".into(),
            storage_gb: 100,
            multi_az: true,
            subnets: subnets.clone(),
            backup_retention_days: 7,
            encrypted: true,
            replica_of: Some("x".into()),
            max_storage_gb: Some(500),
        },
    );
    check(
        "aurora",
        Aurora {
            id: "c".into(),
            name: "cl".into(),
            engine: AuroraEngine::Postgresql,
            engine_version: "16.4".into(),
            instance_class: "db.r6g.large".into(),
            instances: 2,
            subnets,
            global: Some("g".into()),
            database_name: Some("app".into()),
            backup_retention_days: 14,
        },
    );
    check(
        "s3",
        S3 {
            id: "b".into(),
            name: "assets".into(),
            bucket: "shop-assets".into(),
            versioning: true,
            replicate_to: Some("b2".into()),
        },
    );
    check(
        "dynamodb",
        Dynamodb {
            id: "t".into(),
            name: "sessions".into(),
            hash_key: KeyAttr {
                name: "pk".into(),
                kind: KeyType::S,
            },
            range_key: Some(KeyAttr {
                name: "sk".into(),
                kind: KeyType::N,
            }),
            billing: Billing::OnDemand,
            replicas: vec!["us-west-2".into()],
            ttl_attribute: Some("expires_at".into()),
        },
    );
    check(
        "record",
        Record {
            id: "r".into(),
            name: "app".into(),
            kind: RecordType::A,
            policy: RoutingPolicy::Failover,
            ttl: Some(60),
            targets: vec![Target {
                target: "a".into(),
                role: Some(FailoverRole::Primary),
                weight: Some(10),
                location: Some(GeoLocation {
                    continent: Some("EU".into()),
                    country: Some("US".into()),
                    subdivision: Some("WA".into()),
                    default: Some(true),
                }),
                health_check: Some(health()),
            }],
        },
    );
    check(
        "accelerator",
        Accelerator {
            id: "ga".into(),
            name: "front".into(),
            listener: AcceleratorListener {
                port: 443,
                protocol: TransportProtocol::Tcp,
            },
            endpoints: vec![Endpoint {
                target: "a".into(),
                weight: 128,
                traffic_dial: 100,
            }],
            health_check: AcceleratorHealthCheck {
                path: "/".into(),
                interval: 30,
                threshold: 3,
            },
        },
    );
}

#[test]
fn a_field_without_a_control_is_caught() {
    // The check itself must be able to fail: a field the table does not
    // list is not covered, and children are covered only under Canvas/Rows.
    assert!(!covered("alb", "listener.certificate"));
    assert!(covered("design", "tags.team"));
    assert!(!covered("alb", "listener.port.x"));
    assert!(matches!(
        of_kind("alb").find(|(p, _)| *p == "subnets"),
        Some((_, Control::Checks))
    ));
}
