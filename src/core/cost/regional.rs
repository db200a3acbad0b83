//! The items of each region: network, workloads, databases, caches,
//! buckets, tables, and the replication traffic they send.

use super::{is_est, p, transfer_rate, usd, Category, Ctx, Item};
use crate::core::catalog::instance_prices::{
    quote, Quote, AURORA_MYSQL_FAMILIES, AURORA_POSTGRES_FAMILIES, CACHE_FAMILIES, EC2_FAMILIES,
    RDS_MYSQL_FAMILIES, RDS_POSTGRES_FAMILIES,
};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use crate::core::model::{
    AuroraEngine, NatMode, RdsEngine, Region, RegionNode, Tier, Vpc, VpcNode,
};
use std::collections::BTreeSet;

/// GB stored by an Aurora cluster: the design has no field for it.
pub const AURORA_STORAGE_GB: f64 = 100.0;
/// Root volume of every instance a launch template starts (modules/asg).
pub const ROOT_VOLUME_GB: f64 = 20.0;
/// Months of logs kept at the 365-day retention the export sets.
pub const LOG_MONTHS_KEPT: f64 = 12.0;
/// Alarms one target-tracking policy creates (one high, one low).
pub const ALARMS_PER_POLICY: f64 = 2.0;

pub(super) fn items(cx: &Ctx) -> Vec<Item> {
    let mut out = Vec::new();
    let albs = cx
        .design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .filter(|n| matches!(n, VpcNode::Alb(_)))
        .count()
        .max(1) as f64;
    for r in &cx.design.regions {
        for v in &r.vpcs {
            vpc(cx, r, v, &mut out);
            for n in &v.nodes {
                node(cx, r, v, n, albs, &mut out);
            }
        }
        if !r.vpcs.is_empty() {
            logs(cx, r, &mut out);
        }
        if r.vpcs
            .iter()
            .flat_map(|v| &v.nodes)
            .any(|n| matches!(n, VpcNode::Ecs(_)))
        {
            let mut i = cx.item(Some(&r.code), &r.code, Category::Security);
            i.what = format!("KMS key for the region's ECS logs: {}", usd(p("kms.key")));
            i.monthly = p("kms.key");
            out.push(i);
        }
        for n in &r.nodes {
            match n {
                RegionNode::S3(b) => super::stores::bucket(cx, r, b, &mut out),
                RegionNode::Dynamodb(t) => super::stores::table(cx, r, t, &mut out),
            }
        }
    }
    out
}

fn az_count<'a>(v: &'a Vpc, subnets: impl Iterator<Item = &'a String>) -> usize {
    let ids: Vec<&String> = subnets.collect();
    v.subnets
        .iter()
        .filter(|s| ids.contains(&&s.id))
        .map(|s| s.az.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

fn vpc(cx: &Ctx, r: &Region, v: &Vpc, out: &mut Vec<Item>) {
    let public: Vec<&String> = v
        .subnets
        .iter()
        .filter(|s| s.tier == Tier::Public)
        .map(|s| &s.id)
        .collect();
    let nats = match v.nat {
        NatMode::None => 0,
        NatMode::Single => usize::from(!public.is_empty()),
        NatMode::PerAz => az_count(v, public.into_iter()),
    } as f64;
    if nats > 0.0 {
        let (gb, a) = cx.usage("nat_gb", |u| u.nat_gb);
        let mut i = cx.item(Some(&r.code), &v.id, Category::Network);
        i.what = format!(
            "{nats} NAT gateway(s): {nats} × {H} h × {} + {nats} × {gb} GB × {} + {nats} public IPv4 × {H} h × {}",
            usd(p("nat.hour")), usd(p("nat.gb")), usd(p("ipv4.hour"))
        );
        i.monthly = nats * (H * p("nat.hour") + gb * p("nat.gb") + H * p("ipv4.hour"));
        i.assumed.extend(a);
        out.push(i);
    }
    let mut k = cx.item(Some(&r.code), &v.id, Category::Security);
    k.what = format!("KMS key for the VPC's flow logs: {}", usd(p("kms.key")));
    k.monthly = p("kms.key");
    out.push(k);
}

fn logs(cx: &Ctx, r: &Region, out: &mut Vec<Item>) {
    let (gb, a) = cx.usage("log_gb", |u| u.log_gb);
    let mut i = cx.item(Some(&r.code), &r.code, Category::Monitoring);
    i.what = format!(
        "CloudWatch Logs: {gb} GB × {} ingested + {gb} GB × {LOG_MONTHS_KEPT} months kept × {}",
        usd(p("logs.ingest_gb")),
        usd(p("logs.storage_gb"))
    );
    i.monthly = gb * p("logs.ingest_gb") + gb * LOG_MONTHS_KEPT * p("logs.storage_gb");
    i.assumed.extend(a);
    out.push(i);
}

fn hourly(
    cx: &Ctx,
    r: &Region,
    subject: &str,
    cat: Category,
    q: &Quote,
    count: f64,
    label: &str,
) -> Item {
    let mut i = cx.item(Some(&r.code), subject, cat);
    i.what = format!("{count} × {label} × {H} h × {}", usd(q.hourly));
    i.monthly = count * H * q.hourly;
    i.estimate = q.estimate;
    i.note = q.note.clone();
    i
}

fn alarms(cx: &Ctx, r: &Region, subject: &str, out: &mut Vec<Item>) {
    let mut i = cx.item(Some(&r.code), subject, Category::Monitoring);
    i.what = format!(
        "{ALARMS_PER_POLICY} target-tracking alarms × {}",
        usd(p("cloudwatch.alarm"))
    );
    i.monthly = ALARMS_PER_POLICY * p("cloudwatch.alarm");
    out.push(i);
}

pub(super) fn key(cx: &Ctx, r: &str, subject: &str, out: &mut Vec<Item>) {
    let mut i = cx.item(Some(r), subject, Category::Security);
    i.what = format!("KMS key: {}", usd(p("kms.key")));
    i.monthly = p("kms.key");
    out.push(i);
}

/// Replication traffic from `from` to `to`, billed in `from`; always DR.
pub(super) fn transfer(
    cx: &Ctx,
    from: &str,
    to: &str,
    subject: &str,
    what: &str,
    out: &mut Vec<Item>,
) {
    if from == to {
        return;
    }
    let (gb, a) = cx.usage("replication_gb", |u| u.replication_gb);
    let (rate, est) = transfer_rate(from, to);
    let mut i = cx.item(Some(from), subject, Category::Transfer);
    i.what = format!("{what} {from} → {to}: {gb} GB × {}", usd(rate));
    i.monthly = gb * rate;
    i.dr = true;
    i.estimate = est;
    i.assumed.extend(a);
    out.push(i);
}

fn node(cx: &Ctx, r: &Region, v: &Vpc, n: &VpcNode, albs: f64, out: &mut Vec<Item>) {
    match n {
        VpcNode::Alb(a) => {
            let (gb, ag) = cx.usage("load_balancer_gb", |u| u.load_balancer_gb);
            let (req, ar) = cx.usage("requests_per_month", |u| u.requests_per_month);
            // An LCU is 1 GB an hour or 25 new connections a second; the
            // larger dimension is billed. Requests are spread over every ALB.
            let by_gb = gb / H;
            let by_conn = req / albs / (H * 3600.0) / 25.0;
            let lcu = by_gb.max(by_conn);
            let mut i = cx.item(Some(&r.code), &a.id, Category::Network);
            i.what = format!(
                "ALB: {H} h × {} + {lcu:.3} LCU × {H} h × {}",
                usd(p("alb.hour")),
                usd(p("alb.lcu_hour"))
            );
            i.monthly = H * p("alb.hour") + lcu * H * p("alb.lcu_hour");
            i.assumed.extend(ag);
            if by_conn > by_gb {
                i.assumed.extend(ar);
            }
            out.push(i);
            if !a.internal {
                let ips = az_count(v, a.subnets.iter()) as f64;
                let mut i = cx.item(Some(&r.code), &a.id, Category::Network);
                i.what = format!(
                    "{ips} public IPv4 (one per AZ) × {H} h × {}",
                    usd(p("ipv4.hour"))
                );
                i.monthly = ips * H * p("ipv4.hour");
                out.push(i);
            }
        }
        VpcNode::Asg(g) => {
            if let Some(q) = quote(EC2_FAMILIES, &g.instance_type) {
                let count = f64::from(g.desired);
                out.push(hourly(
                    cx,
                    r,
                    &g.id,
                    Category::Compute,
                    &q,
                    count,
                    &g.instance_type,
                ));
                let mut i = cx.item(Some(&r.code), &g.id, Category::Storage);
                i.what = format!(
                    "{count} × {ROOT_VOLUME_GB} GB gp3 root volume × {}",
                    usd(p("ebs.gp3_gb"))
                );
                i.monthly = count * ROOT_VOLUME_GB * p("ebs.gp3_gb");
                i.estimate = is_est("ebs.gp3_gb");
                out.push(i);
            }
            if g.scaling.is_some() {
                alarms(cx, r, &g.id, out);
            }
        }
        VpcNode::Ecs(s) => {
            let vcpu = f64::from(s.cpu) / 1024.0;
            let gb = f64::from(s.memory_mb) / 1024.0;
            let count = f64::from(s.desired);
            let mut i = cx.item(Some(&r.code), &s.id, Category::Compute);
            i.what = format!(
                "{count} Fargate task(s) × {H} h × ({vcpu} vCPU × {} + {gb} GB × {})",
                usd(p("fargate.vcpu_hour")),
                usd(p("fargate.gb_hour"))
            );
            i.monthly = count * H * (vcpu * p("fargate.vcpu_hour") + gb * p("fargate.gb_hour"));
            out.push(i);
            if s.scaling.is_some() {
                alarms(cx, r, &s.id, out);
            }
        }
        VpcNode::Rds(d) => {
            let table = match d.engine {
                RdsEngine::Postgres => RDS_POSTGRES_FAMILIES,
                RdsEngine::Mysql | RdsEngine::Mariadb => RDS_MYSQL_FAMILIES,
            };
            let az = if d.multi_az { 2.0 } else { 1.0 };
            if let Some(q) = quote(table, &d.instance_class) {
                let label = format!(
                    "{} {}{}",
                    d.engine.as_str(),
                    d.instance_class,
                    if d.multi_az { " Multi-AZ" } else { "" }
                );
                out.push(hourly(cx, r, &d.id, Category::Database, &q, az, &label));
            }
            let gb = f64::from(d.storage_gb);
            let mut i = cx.item(Some(&r.code), &d.id, Category::Storage);
            i.what = format!("{gb} GB gp3 × {az} × {}", usd(p("rds.storage_gp3")));
            i.monthly = gb * az * p("rds.storage_gp3");
            out.push(i);
            key(cx, &r.code, &d.id, out);
            if let Some(src) = d
                .replica_of
                .as_deref()
                .and_then(|id| cx.node_region.get(id).copied())
            {
                transfer(cx, src, &r.code, &d.id, "replication", out);
            }
        }
        VpcNode::Aurora(c) => {
            let table = match c.engine {
                AuroraEngine::Postgresql => AURORA_POSTGRES_FAMILIES,
                AuroraEngine::Mysql => AURORA_MYSQL_FAMILIES,
            };
            if let Some(q) = quote(table, &c.instance_class) {
                let label = format!("{} {}", c.engine.as_str(), c.instance_class);
                out.push(hourly(
                    cx,
                    r,
                    &c.id,
                    Category::Database,
                    &q,
                    f64::from(c.instances),
                    &label,
                ));
            }
            let mut i = cx.item(Some(&r.code), &c.id, Category::Storage);
            i.what = format!(
                "{AURORA_STORAGE_GB} GB (assumed) × {}",
                usd(p("aurora.storage"))
            );
            i.monthly = AURORA_STORAGE_GB * p("aurora.storage");
            i.note = Some(format!(
                "storage assumed {AURORA_STORAGE_GB} GB: the design has no field for it"
            ));
            out.push(i);
            key(cx, &r.code, &c.id, out);
            // A secondary of a global cluster receives the primary's stream.
            if let (Some(g), Some(primary)) = (&c.global, cx.primary) {
                if r.code != primary && cx.global_clusters.contains(&(g.as_str(), primary)) {
                    transfer(
                        cx,
                        primary,
                        &r.code,
                        &c.id,
                        "Aurora Global replication",
                        out,
                    );
                }
            }
        }
        VpcNode::Elasticache(e) => {
            if let Some(q) = quote(CACHE_FAMILIES, &e.node_type) {
                let label = format!("{} {}", e.engine.as_str(), e.node_type);
                out.push(hourly(
                    cx,
                    r,
                    &e.id,
                    Category::Database,
                    &q,
                    f64::from(e.nodes),
                    &label,
                ));
            }
            key(cx, &r.code, &e.id, out);
        }
    }
}
