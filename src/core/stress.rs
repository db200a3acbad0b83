//! A large generated design for benchmarks: about 5,000 objects over 20
//! regions, 5 VPCs each, 12 subnets per VPC and 33 workloads per VPC, with
//! cross-region replicas, global clusters, replicated buckets, DNS records
//! and peerings. Deterministic, and a valid design file (it loads).

use super::catalog;
use super::model::*;

/// The stress design.
pub fn stress_design() -> Design {
    let codes: Vec<&str> = catalog::regions()
        .iter()
        .filter(|r| r.azs.len() >= 3)
        .map(|r| r.code.as_str())
        .take(20)
        .collect();
    let mut regions = Vec::new();
    let mut records = Vec::new();
    for (ri, code) in codes.iter().enumerate() {
        let info = catalog::region(code).expect("catalog region");
        let azs: Vec<&str> = info.az_ids_sorted();
        let rid = format!("r{ri}");
        let mut vpcs = Vec::new();
        for vi in 0..5 {
            let octet = ri * 5 + vi;
            let vid = format!("{rid}-v{vi}");
            let mut subnets = Vec::new();
            for si in 0..12 {
                let tier = [Tier::Public, Tier::Private, Tier::Data][si / 4];
                subnets.push(Subnet {
                    id: format!("{vid}-s{si}"),
                    name: format!("{}-{si}", tier.as_str()),
                    cidr: format!("10.{octet}.{}.0/20", si * 16),
                    az: azs[si % azs.len()].to_string(),
                    tier,
                });
            }
            let tier_subnets = |t: usize| {
                (0..4)
                    .map(|k| format!("{vid}-s{}", t * 4 + k))
                    .collect::<Vec<_>>()
            };
            let mut nodes = Vec::new();
            for k in 0..9 {
                nodes.push(VpcNode::Alb(Alb {
                    id: format!("{vid}-alb{k}"),
                    name: format!("w{vi}{k}"),
                    internal: false,
                    // One public subnet per AZ: ALB-02 allows no more.
                    subnets: tier_subnets(0).into_iter().take(azs.len().min(4)).collect(),
                    listener: Listener {
                        port: 443,
                        protocol: HttpProtocol::Https,
                    },
                    health_check: AlbHealthCheck {
                        path: "/health".into(),
                        interval: 30,
                        timeout: 5,
                        healthy_threshold: 3,
                        unhealthy_threshold: 3,
                    },
                }));
                nodes.push(VpcNode::Asg(Asg {
                    id: format!("{vid}-asg{k}"),
                    name: format!("a{vi}{k}"),
                    subnets: tier_subnets(1),
                    min: 2,
                    desired: 2,
                    max: 8,
                    instance_type: "t3.medium".into(),
                    image:
                        "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
                            .into(),
                    target: Some(format!("{vid}-alb{k}")),
                    scaling: None,
                    weight: None,
                }));
                // Regions r1-r9 replicate r0's databases and r11-r19 r10's:
                // nine cross-region replicas per source, none a replica of a
                // replica (a chain of PostgreSQL replicas across regions is
                // what RDS-09 refuses: AWS cascades across two regions at
                // most).
                let source = if ri < 10 { 0 } else { 10 };
                let replica_of = (ri != source).then(|| format!("r{source}-v{vi}-db{k}"));
                nodes.push(VpcNode::Rds(Rds {
                    id: format!("{vid}-db{k}"),
                    name: format!("d{vi}{k}"),
                    engine: RdsEngine::Postgres,
                    engine_version: "16.4".into(),
                    instance_class: "db.r6g.large".into(),
                    storage_gb: 100,
                    multi_az: replica_of.is_none(),
                    subnets: tier_subnets(2),
                    backup_retention_days: 7,
                    encrypted: true,
                    replica_of,
                    max_storage_gb: Some(200),
                }));
            }
            for k in 0..6 {
                nodes.push(VpcNode::Aurora(Aurora {
                    id: format!("{vid}-au{k}"),
                    name: format!("c{vi}{k}"),
                    engine: AuroraEngine::Postgresql,
                    engine_version: "16.4".into(),
                    instance_class: "db.r6g.large".into(),
                    instances: 2,
                    subnets: tier_subnets(2),
                    global: (ri < 2).then(|| format!("g{vi}{k}")),
                    database_name: (ri == 0).then(|| "app".into()),
                    backup_retention_days: 7,
                }));
            }
            vpcs.push(Vpc {
                id: vid,
                name: format!("vpc{vi}"),
                cidr: format!("10.{octet}.0.0/16"),
                nat: NatMode::PerAz,
                subnets,
                nodes,
            });
        }
        let next = codes.get(ri + 1).copied();
        let nodes = vec![
            RegionNode::S3(S3 {
                id: format!("{rid}-b"),
                name: "assets".into(),
                bucket: format!("stress-prod-assets-{code}"),
                versioning: true,
                replicate_to: next.map(|_| format!("r{}-b", ri + 1)),
            }),
            RegionNode::Dynamodb(Dynamodb {
                id: format!("{rid}-t"),
                name: format!("t{ri}"),
                hash_key: KeyAttr {
                    name: "id".into(),
                    kind: KeyType::S,
                },
                range_key: None,
                billing: Billing::OnDemand,
                replicas: next.map(|c| vec![c.to_string()]).unwrap_or_default(),
                ttl_attribute: Some("expires_at".into()),
            }),
        ];
        let role = if ri == 0 {
            RegionRole::Primary
        } else {
            RegionRole::Secondary
        };
        regions.push(Region {
            id: rid.clone(),
            code: code.to_string(),
            role,
            vpcs,
            nodes,
        });
        records.push(Record {
            id: format!("lat{ri}"),
            name: format!("api{ri}"),
            kind: RecordType::A,
            // Latency routing only where provider 5.100.0 accepts the region (R53-07).
            policy: if info.route53_latency_region_tf_provider_5_100_0 {
                RoutingPolicy::Latency
            } else {
                RoutingPolicy::Simple
            },
            ttl: None,
            targets: vec![Target {
                target: format!("{rid}-v0-alb0"),
                role: None,
                weight: None,
                location: None,
                health_check: None,
            }],
        });
    }
    let mut peerings = Vec::new();
    for r in &regions {
        for w in r.vpcs.windows(2) {
            peerings.push(Peering {
                id: format!("{}-{}", w[0].id, w[1].id),
                a: w[0].id.clone(),
                b: w[1].id.clone(),
            });
        }
    }
    for w in regions.windows(2) {
        peerings.push(Peering {
            id: format!("{}-x-{}", w[0].id, w[1].id),
            a: w[0].vpcs[0].id.clone(),
            b: w[1].vpcs[0].id.clone(),
        });
    }
    Design {
        format: FORMAT.into(),
        version: CURRENT_VERSION,
        name: "stress".into(),
        environment: "prod".into(),
        tags: Default::default(),
        state: StateConfig {
            bucket: "stress-prod-tfstate".into(),
            region: "us-east-1".into(),
            lock: LockMode::Lockfile,
            dynamodb_table: None,
            key_prefix: None,
            buckets: Default::default(),
            split: Default::default(),
        },
        regions,
        peerings,
        dns: Some(Dns {
            zone: "example.com".into(),
            zone_id: None,
            records,
        }),
        accelerators: vec![],
        objectives: Default::default(),
        usage: Default::default(),
        canvas: Default::default(),
    }
}

/// The small edits the edit-path benchmarks time on `d` (natively in
/// `benches/canvas.rs`, in wasm in `tests/web_bench.rs`).
pub struct BenchEdits {
    /// The first VPC given the second region's first VPC's block (an overlap).
    pub cidr: Design,
    /// The first workload 40 units right and 20 down of where the layout puts it.
    pub moved: Design,
    /// The first VPC moved as far: what `e2e/bench-input.mjs` drags at Fit,
    /// where a press on a workload a few pixels wide grabs its VPC.
    pub vpc_moved: Design,
}

/// The edits of [`BenchEdits`] on `d`.
pub fn bench_edits(d: &Design) -> BenchEdits {
    let mut cidr = d.clone();
    if let (Some(first), Some(other)) = (
        cidr.regions.first_mut().and_then(|r| r.vpcs.first_mut()),
        d.regions.get(1).and_then(|r| r.vpcs.first()),
    ) {
        first.cidr = other.cidr.clone();
    }
    let l = super::layout::layout(d);
    // `d` with the shape `id` (if any) moved 40 units right and 20 down.
    let nudged = |id: Option<String>| {
        let mut out = d.clone();
        if let Some((id, r)) = id.and_then(|id| l.get(&id).map(|s| (id, s.rect))) {
            out.canvas.insert(
                id,
                Rect {
                    x: r.x + 40.0,
                    y: r.y + 20.0,
                    ..r
                },
            );
        }
        out
    };
    let vpc = d.regions.first().and_then(|r| r.vpcs.first());
    BenchEdits {
        cidr,
        moved: nudged(
            vpc.and_then(|v| v.nodes.first())
                .map(|n| n.id().to_string()),
        ),
        vpc_moved: nudged(vpc.map(|v| v.id.clone())),
    }
}

/// How many objects with ids the design has.
pub fn object_count(d: &Design) -> usize {
    let mut n = 0;
    for_each_object(d, |_| n += 1);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stress_design_is_large_and_loads() {
        let d = stress_design();
        let n = object_count(&d);
        assert!((4_500..=6_000).contains(&n), "{n} objects");
        assert_eq!(d.regions.len(), 20);
        let back = load(&save(&d)).expect("the stress design is a valid design file");
        assert_eq!(back, d);
    }

    #[test]
    fn the_bench_edits_change_one_cidr_or_one_position() {
        let d = stress_design();
        let e = bench_edits(&d);
        assert_eq!(e.cidr.regions[0].vpcs[0].cidr, d.regions[1].vpcs[0].cidr);
        assert!(!e.cidr.same_content(&d));
        for moved in [&e.moved, &e.vpc_moved] {
            assert!(moved.same_content(&d), "a move changes positions only");
            assert_eq!(moved.canvas.len(), d.canvas.len() + 1);
        }
        assert!(e
            .moved
            .canvas
            .contains_key(d.regions[0].vpcs[0].nodes[0].id()));
        assert!(e.vpc_moved.canvas.contains_key(&d.regions[0].vpcs[0].id));
    }
}
