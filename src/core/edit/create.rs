//! Adding objects from the palette: where each kind may be dropped, and the
//! sensible defaults a new object starts with.

use super::alloc::{next_subnet_cidr, next_vpc_cidr};
use super::ids::{fresh_id, fresh_name, region_short, used_ids, Taken};
use super::EditError;
use crate::core::catalog;
use crate::core::model::*;
use ipnet::Ipv4Net;

/// What the palette offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaletteItem {
    Region,
    Vpc,
    Subnet,
    Alb,
    Asg,
    Rds,
    Aurora,
    Ecs,
    Elasticache,
    Dynamodb,
    S3,
    DnsRecord,
    Accelerator,
}

impl PaletteItem {
    /// Every item, in palette order.
    pub const ALL: [PaletteItem; 13] = [
        PaletteItem::Region,
        PaletteItem::Vpc,
        PaletteItem::Subnet,
        PaletteItem::Alb,
        PaletteItem::Asg,
        PaletteItem::Rds,
        PaletteItem::Aurora,
        PaletteItem::Ecs,
        PaletteItem::Elasticache,
        PaletteItem::Dynamodb,
        PaletteItem::S3,
        PaletteItem::DnsRecord,
        PaletteItem::Accelerator,
    ];

    /// The palette label.
    pub fn label(self) -> &'static str {
        match self {
            PaletteItem::Region => "Region",
            PaletteItem::Vpc => "VPC",
            PaletteItem::Subnet => "Subnet",
            PaletteItem::Alb => "Load balancer",
            PaletteItem::Asg => "Auto Scaling group",
            PaletteItem::Rds => "RDS database",
            PaletteItem::Aurora => "Aurora cluster",
            PaletteItem::Ecs => "ECS service",
            PaletteItem::Elasticache => "ElastiCache cache",
            PaletteItem::Dynamodb => "DynamoDB table",
            PaletteItem::S3 => "S3 bucket",
            PaletteItem::DnsRecord => "DNS record",
            PaletteItem::Accelerator => "Global Accelerator",
        }
    }

    /// The item in a sentence, with its article: "an ECS service", "a
    /// load balancer" (messages say "Drop to add an ECS service").
    pub fn phrase(self) -> &'static str {
        match self {
            PaletteItem::Region => "a region",
            PaletteItem::Vpc => "a VPC",
            PaletteItem::Subnet => "a subnet",
            PaletteItem::Alb => "a load balancer",
            PaletteItem::Asg => "an Auto Scaling group",
            PaletteItem::Rds => "an RDS database",
            PaletteItem::Aurora => "an Aurora cluster",
            PaletteItem::Ecs => "an ECS service",
            PaletteItem::Elasticache => "an ElastiCache cache",
            PaletteItem::Dynamodb => "a DynamoDB table",
            PaletteItem::S3 => "an S3 bucket",
            PaletteItem::DnsRecord => "a DNS record",
            PaletteItem::Accelerator => "a Global Accelerator",
        }
    }
}

/// `phrase` with its first letter capitalised, to start a sentence.
fn sentence_start(phrase: &str) -> String {
    let mut s = phrase.to_string();
    s[..1].make_ascii_uppercase();
    s
}

/// Where a dropped item will go, once the drop is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Top level (regions, DNS records, accelerators).
    Canvas,
    /// Into this region (by id).
    Region(String),
    /// Into this VPC (by id).
    Vpc(String),
}

/// Decides where `item` dropped on `target` (the innermost object under the
/// pointer, or `None` for empty canvas) lands, or says why it cannot.
pub fn placement(
    design: &Design,
    item: PaletteItem,
    target: Option<&str>,
) -> Result<Placement, EditError> {
    // One object is asked about: a walk, not an index of the whole design.
    let obj = target.and_then(|id| find_object(design, id));
    let region_of = || obj.and_then(|o| o.region()).map(|r| r.id.clone());
    let vpc_of = || obj.and_then(|o| o.vpc()).map(|v| v.id.clone());
    match item {
        PaletteItem::Region => match obj {
            None => Ok(Placement::Canvas),
            Some(_) => Err(EditError::new("A region goes on the empty canvas, not inside another object.")),
        },
        // Global front doors: on empty canvas or the global band, never
        // inside a region (they would look regional and are not).
        PaletteItem::DnsRecord | PaletteItem::Accelerator => match obj {
            None => Ok(Placement::Canvas),
            Some(_) => Err(EditError::new(format!(
                "{} is global: drop it on the empty canvas or the global band, not inside a region.",
                sentence_start(item.phrase())
            ))),
        },
        PaletteItem::Vpc => region_of()
            .map(Placement::Region)
            .ok_or_else(|| EditError::new("A VPC goes inside a region: drop it on a region frame.")),
        PaletteItem::Dynamodb | PaletteItem::S3 => region_of().map(Placement::Region).ok_or_else(|| {
            EditError::new(format!("{} is regional: drop it on a region frame.", sentence_start(item.phrase())))
        }),
        PaletteItem::Subnet
        | PaletteItem::Alb
        | PaletteItem::Asg
        | PaletteItem::Rds
        | PaletteItem::Aurora
        | PaletteItem::Ecs
        | PaletteItem::Elasticache => {
            vpc_of().map(Placement::Vpc).ok_or_else(|| {
                EditError::new(format!("{} lives in a VPC: drop it on a VPC.", sentence_start(item.phrase())))
            })
        }
    }
}

/// Adds `item` where [`placement`] puts it, with defaults; returns the new
/// design and the new object's id.
pub fn add(
    design: &Design,
    item: PaletteItem,
    target: Option<&str>,
) -> Result<(Design, String), EditError> {
    let place = placement(design, item, target)?;
    let mut d = design.clone();
    let taken = used_ids(design);
    let id = match (item, place) {
        (PaletteItem::Region, _) => add_region(&mut d, &taken)?,
        (PaletteItem::DnsRecord, _) => add_record(&mut d, &taken),
        (PaletteItem::Accelerator, _) => add_accelerator(&mut d, &taken),
        (PaletteItem::Vpc, Placement::Region(r)) => add_vpc(&mut d, &taken, &r)?,
        (PaletteItem::S3 | PaletteItem::Dynamodb, Placement::Region(r)) => {
            add_region_node(&mut d, &taken, &r, item)?
        }
        (_, Placement::Vpc(v)) => add_vpc_item(&mut d, &taken, &v, item)?,
        _ => return Err(EditError::new("That drop is not possible.")),
    };
    Ok((d, id))
}

const PREFERRED_REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "ap-southeast-1",
    "eu-central-1",
    "us-east-2",
    "ap-northeast-1",
];

fn add_region(d: &mut Design, taken: &Taken<'_>) -> Result<String, EditError> {
    let used: Vec<&str> = d.regions.iter().map(|r| r.code.as_str()).collect();
    let code = PREFERRED_REGIONS
        .iter()
        .copied()
        .chain(catalog::regions().iter().map(|r| r.code.as_str()))
        .find(|c| !used.contains(c))
        .ok_or_else(|| EditError::new("Every region of the catalog is already in the design."))?
        .to_string();
    let id = fresh_id(taken, &region_short(&code));
    let role = if d.regions.iter().any(|r| r.role == RegionRole::Primary) {
        RegionRole::Secondary
    } else {
        RegionRole::Primary
    };
    d.regions.push(Region {
        id: id.clone(),
        code,
        role,
        vpcs: vec![],
        nodes: vec![],
    });
    Ok(id)
}

fn region_mut<'a>(d: &'a mut Design, id: &str) -> Result<&'a mut Region, EditError> {
    d.regions
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| EditError::new(format!("No region `{id}`.")))
}

fn all_vpc_cidrs(d: &Design) -> Vec<Ipv4Net> {
    d.regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .filter_map(|v| v.cidr.trim().parse().ok())
        .collect()
}

fn add_vpc(d: &mut Design, taken: &Taken<'_>, region: &str) -> Result<String, EditError> {
    let cidr = next_vpc_cidr(&all_vpc_cidrs(d)).ok_or_else(|| {
        EditError::new("The private address ranges are full: no free block for another VPC.")
    })?;
    let r = region_mut(d, region)?;
    let id = fresh_id(taken, &format!("{}-vpc", r.id));
    let name = fresh_name(r.vpcs.iter().map(|v| v.name.as_str()), "main");
    r.vpcs.push(Vpc {
        id: id.clone(),
        name,
        cidr: cidr.to_string(),
        nat: NatMode::PerAz,
        subnets: vec![],
        nodes: vec![],
    });
    Ok(id)
}

fn add_region_node(
    d: &mut Design,
    taken: &Taken<'_>,
    region: &str,
    item: PaletteItem,
) -> Result<String, EditError> {
    let (project, env) = (d.name.clone(), d.environment.clone());
    let r = region_mut(d, region)?;
    let names = r.nodes.iter().map(|n| n.name());
    let node = if item == PaletteItem::S3 {
        let name = fresh_name(names, "assets");
        let id = fresh_id(taken, &format!("{}-{name}", r.id));
        let bucket = format!("{project}-{env}-{name}-{}", r.code).to_ascii_lowercase();
        RegionNode::S3(S3 {
            id,
            name,
            bucket,
            versioning: true,
            replicate_to: None,
        })
    } else {
        let name = fresh_name(names, "table");
        let id = fresh_id(taken, &format!("{}-{name}", r.id));
        RegionNode::Dynamodb(Dynamodb {
            id,
            name,
            hash_key: KeyAttr {
                name: "id".into(),
                kind: KeyType::S,
            },
            range_key: None,
            billing: Billing::OnDemand,
            replicas: vec![],
            ttl_attribute: None,
        })
    };
    let id = node.id().to_string();
    r.nodes.push(node);
    Ok(id)
}

/// One subnet id per AZ from the VPC's subnets of `tier`, in AZ order.
fn one_per_az(vpc: &Vpc, tier: Tier) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::new();
    for s in vpc.subnets.iter().filter(|s| s.tier == tier) {
        seen.entry(s.az.clone()).or_insert_with(|| s.id.clone());
    }
    seen.into_values().collect()
}

fn add_vpc_item(
    d: &mut Design,
    taken: &Taken<'_>,
    vpc_id: &str,
    item: PaletteItem,
) -> Result<String, EditError> {
    let Some(region) = d
        .regions
        .iter_mut()
        .find(|r| r.vpcs.iter().any(|v| v.id == vpc_id))
    else {
        return Err(EditError::new(format!("No VPC `{vpc_id}`.")));
    };
    let az_ids: Vec<String> = catalog::region(&region.code)
        .map(|r| r.az_ids_sorted().into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let rid = region.id.clone();
    let Some(vpc) = region.vpcs.iter_mut().find(|v| v.id == vpc_id) else {
        return Err(EditError::new(format!("No VPC `{vpc_id}`.")));
    };
    if item == PaletteItem::Subnet {
        return add_subnet(vpc, taken, &rid, &az_ids);
    }
    let alb_targets: Vec<String> = vpc
        .nodes
        .iter()
        .filter_map(|n| n.target().map(str::to_string))
        .collect();
    let free_alb = vpc
        .nodes
        .iter()
        .filter(|n| n.kind() == NodeKind::Alb)
        .map(|n| n.id().to_string())
        .find(|id| !alb_targets.contains(id));
    let names: Vec<String> = vpc.nodes.iter().map(|n| n.name().to_string()).collect();
    let name_for = |base: &str| fresh_name(names.iter().map(String::as_str), base);
    let node = match item {
        PaletteItem::Alb => {
            let name = name_for("web");
            VpcNode::Alb(Alb {
                id: fresh_id(taken, &format!("{rid}-{name}")),
                name,
                internal: false,
                subnets: one_per_az(vpc, Tier::Public),
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
            })
        }
        PaletteItem::Asg => {
            let name = name_for("app");
            VpcNode::Asg(Asg {
                id: fresh_id(taken, &format!("{rid}-{name}")),
                name,
                subnets: one_per_az(vpc, Tier::Private),
                min: 2,
                desired: 2,
                max: 4,
                instance_type: "t3.medium".into(),
                image: "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
                    .into(),
                target: free_alb,
                scaling: None,
                weight: None,
            })
        }
        PaletteItem::Ecs => {
            let name = name_for("api");
            VpcNode::Ecs(Ecs {
                id: fresh_id(taken, &format!("{rid}-{name}")),
                name,
                subnets: one_per_az(vpc, Tier::Private),
                image: "public.ecr.aws/nginx/nginx:1.27".into(),
                cpu: 512,
                memory_mb: 1024,
                port: 80,
                min: 2,
                desired: 2,
                max: 6,
                target: free_alb,
                scaling: Some(Scaling::cpu(70)),
                weight: None,
            })
        }
        PaletteItem::Elasticache => {
            let name = name_for("cache");
            let subnets = one_per_az(vpc, Tier::Data);
            let multi_az = subnets.len() >= 2;
            VpcNode::Elasticache(Elasticache {
                id: fresh_id(taken, &format!("{rid}-{name}")),
                name,
                engine: CacheEngine::Redis,
                engine_version: "7.1".into(),
                node_type: "cache.r7g.large".into(),
                nodes: if multi_az { 2 } else { 1 },
                multi_az,
                subnets,
            })
        }
        PaletteItem::Rds => {
            let name = name_for("db");
            VpcNode::Rds(Rds {
                id: fresh_id(taken, &format!("{rid}-{name}")),
                name,
                engine: RdsEngine::Postgres,
                engine_version: "16.4".into(),
                instance_class: "db.r6g.large".into(),
                storage_gb: 100,
                multi_az: true,
                subnets: one_per_az(vpc, Tier::Data),
                backup_retention_days: 7,
                encrypted: true,
                replica_of: None,
                max_storage_gb: None,
            })
        }
        _ => {
            let name = name_for("cluster");
            VpcNode::Aurora(Aurora {
                id: fresh_id(taken, &format!("{rid}-{name}")),
                name,
                engine: AuroraEngine::Postgresql,
                engine_version: "16.4".into(),
                instance_class: "db.r6g.large".into(),
                instances: 2,
                subnets: one_per_az(vpc, Tier::Data),
                global: None,
                database_name: None,
                backup_retention_days: AURORA_BACKUP_RETENTION_DEFAULT,
            })
        }
    };
    let id = node.id().to_string();
    vpc.nodes.push(node);
    Ok(id)
}

/// Subnets fill public, private, data in turn, two AZs each, then spread.
fn add_subnet(
    vpc: &mut Vpc,
    taken: &Taken<'_>,
    rid: &str,
    az_ids: &[String],
) -> Result<String, EditError> {
    let count = |t: Tier| vpc.subnets.iter().filter(|s| s.tier == t).count();
    let tiers = [Tier::Public, Tier::Private, Tier::Data];
    let tier = tiers
        .into_iter()
        .find(|&t| count(t) < 2)
        .or_else(|| tiers.into_iter().min_by_key(|&t| count(t)))
        .unwrap_or(Tier::Private);
    let az = az_ids
        .iter()
        .min_by_key(|az| {
            vpc.subnets
                .iter()
                .filter(|s| s.tier == tier && &s.az == *az)
                .count()
        })
        .cloned()
        .unwrap_or_default();
    let vpc_net: Ipv4Net = vpc.cidr.trim().parse().map_err(|_| {
        EditError::new(format!(
            "VPC {} has no valid CIDR yet; fix it before adding subnets.",
            vpc.name
        ))
    })?;
    let taken_nets: Vec<Ipv4Net> = vpc
        .subnets
        .iter()
        .filter_map(|s| s.cidr.trim().parse().ok())
        .collect();
    let cidr = next_subnet_cidr(vpc_net, &taken_nets).ok_or_else(|| {
        EditError::new(format!(
            "VPC {} ({}) has no free block left for a subnet.",
            vpc.name, vpc.cidr
        ))
    })?;
    let letter = az.rsplit("az").next().unwrap_or("").to_string();
    let base = format!(
        "{}-{}",
        tier.as_str(),
        if letter.is_empty() { "x" } else { &letter }
    );
    let name = fresh_name(vpc.subnets.iter().map(|s| s.name.as_str()), &base);
    let id = fresh_id(taken, &format!("{rid}-{name}"));
    vpc.subnets.push(Subnet {
        id: id.clone(),
        name,
        cidr: cidr.to_string(),
        az,
        tier,
    });
    Ok(id)
}

fn add_record(d: &mut Design, taken: &Taken<'_>) -> String {
    let dns = d.dns.get_or_insert_with(|| Dns {
        zone: "example.com".into(),
        zone_id: None,
        records: vec![],
    });
    let name = fresh_name(dns.records.iter().map(|r| r.name.as_str()), "app");
    let id = fresh_id(taken, &format!("dns-{name}"));
    dns.records.push(Record {
        id: id.clone(),
        name,
        kind: RecordType::A,
        policy: RoutingPolicy::Simple,
        ttl: None,
        targets: vec![],
    });
    id
}

fn add_accelerator(d: &mut Design, taken: &Taken<'_>) -> String {
    let name = fresh_name(d.accelerators.iter().map(|a| a.name.as_str()), "edge");
    let id = fresh_id(taken, &name);
    d.accelerators.push(Accelerator {
        id: id.clone(),
        name,
        listener: AcceleratorListener {
            port: 443,
            protocol: TransportProtocol::Tcp,
        },
        endpoints: vec![],
        health_check: AcceleratorHealthCheck {
            path: "/health".into(),
            interval: 10,
            threshold: 3,
        },
    });
    id
}
