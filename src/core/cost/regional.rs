//! The items of each region: network, workloads, databases, caches,
//! buckets, tables, and the replication traffic they send.

use super::{Category, Ctx, Engine, Item, Label, Note, Replication, What};
use crate::core::catalog::instance_prices::{
    Quote, AURORA_MYSQL_FAMILIES, AURORA_POSTGRES_FAMILIES, CACHE_FAMILIES, EC2_FAMILIES,
    RDS_MYSQL_FAMILIES, RDS_POSTGRES_FAMILIES,
};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use crate::core::model::{
    AuroraEngine, Design, NatMode, RdsEngine, Region, RegionNode, Subnet, Tier, Vpc, VpcNode,
};

/// GB stored by an Aurora cluster: the design has no field for it.
pub const AURORA_STORAGE_GB: f64 = 100.0;
/// Root volume of every instance a launch template starts (modules/asg).
pub const ROOT_VOLUME_GB: f64 = 20.0;
/// Months of logs kept at the 365-day retention the export sets.
pub const LOG_MONTHS_KEPT: f64 = 12.0;
/// Alarms one target-tracking policy creates (one high, one low).
pub const ALARMS_PER_POLICY: f64 = 2.0;

/// About how many items the design makes (at most four a node, a few a VPC
/// and region), so the list is allocated once.
pub(super) fn capacity(d: &Design) -> usize {
    d.regions
        .iter()
        .map(|r| {
            4 + 4 * r.nodes.len() + r.vpcs.iter().map(|v| 2 + 4 * v.nodes.len()).sum::<usize>()
        })
        .sum::<usize>()
        + 4
        + d.accelerators.len()
        + d.dns
            .as_ref()
            .map_or(0, |z| z.records.iter().map(|r| r.targets.len()).sum())
}

pub(super) fn items<'a>(cx: &Ctx<'a>, out: &mut Vec<Item<'a>>) {
    let albs = cx
        .design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .filter(|n| matches!(n, VpcNode::Alb(_)))
        .count()
        .max(1) as f64;
    for r in &cx.design.regions {
        let mut ecs = false;
        for v in &r.vpcs {
            vpc(cx, r, v, out);
            let mut ips = None;
            for n in &v.nodes {
                ecs |= matches!(n, VpcNode::Ecs(_));
                node(cx, r, v, n, (albs, &mut ips), out);
            }
        }
        if !r.vpcs.is_empty() {
            logs(cx, r, out);
        }
        if ecs {
            let k = cx.rates.kms_key;
            out.push(cx.item(
                Some(&r.code),
                &r.code,
                Category::Security,
                What::EcsLogsKey,
                k,
            ));
        }
        for n in &r.nodes {
            match n {
                RegionNode::S3(b) => super::stores::bucket(cx, r, b, out),
                RegionNode::Dynamodb(t) => super::stores::table(cx, r, t, out),
            }
        }
    }
}

/// How many AZs the subnets of `v` with these ids span (no allocation: a
/// VPC has a few dozen subnets; which of the first 64 were picked is kept
/// in a mask, so each id list is scanned once a subnet).
pub(super) fn az_count<'a>(v: &'a Vpc, ids: impl Iterator<Item = &'a String> + Clone) -> usize {
    let picked = |s: &Subnet| ids.clone().any(|id| *id == s.id);
    let mut mask = 0u64;
    let mut n = 0;
    for (at, s) in v.subnets.iter().enumerate() {
        if !picked(s) {
            continue;
        }
        // The mask before the AZ's name: most earlier subnets were not picked.
        let seen = v.subnets[..at].iter().enumerate().any(|(e, x)| {
            if e < 64 {
                mask & (1 << e) != 0 && x.az == s.az
            } else {
                x.az == s.az && picked(x)
            }
        });
        if at < 64 {
            mask |= 1 << at;
        }
        n += usize::from(!seen);
    }
    n
}

fn vpc<'a>(cx: &Ctx<'a>, r: &'a Region, v: &'a Vpc, out: &mut Vec<Item<'a>>) {
    let rt = &cx.rates;
    let public = v
        .subnets
        .iter()
        .filter(|s| s.tier == Tier::Public)
        .map(|s| &s.id);
    let nats = match v.nat {
        NatMode::None => 0,
        NatMode::Single => usize::from(public.clone().next().is_some()),
        NatMode::PerAz => az_count(v, public),
    } as f64;
    if nats > 0.0 {
        let (gb, a) = cx.usage("nat_gb", |u| u.nat_gb);
        let monthly = nats * (H * rt.nat_hour + gb * rt.nat_gb + H * rt.ipv4_hour);
        let mut i = cx.item(
            Some(&r.code),
            &v.id,
            Category::Network,
            What::Nat { nats, gb },
            monthly,
        );
        i.assumed.add(a);
        out.push(i);
    }
    out.push(cx.item(
        Some(&r.code),
        &v.id,
        Category::Security,
        What::FlowLogsKey,
        rt.kms_key,
    ));
}

fn logs<'a>(cx: &Ctx<'a>, r: &'a Region, out: &mut Vec<Item<'a>>) {
    let rt = &cx.rates;
    let (gb, a) = cx.usage("log_gb", |u| u.log_gb);
    let monthly = gb * rt.logs_ingest_gb + gb * LOG_MONTHS_KEPT * rt.logs_storage_gb;
    let mut i = cx.item(
        Some(&r.code),
        &r.code,
        Category::Monitoring,
        What::Logs { gb },
        monthly,
    );
    i.assumed.add(a);
    out.push(i);
}

fn hourly<'a>(
    cx: &Ctx<'a>,
    r: &'a Region,
    subject: &'a str,
    cat: Category,
    q: Quote,
    count: f64,
    label: Label<&'a String>,
) -> Item<'a> {
    let what = What::Hourly {
        count,
        label,
        hourly: q.hourly,
    };
    let mut i = cx.item(Some(&r.code), subject, cat, what, count * H * q.hourly);
    i.estimate = q.estimate;
    i.note = q.note.map(|n| Box::new(Note::Priced(n)));
    i
}

fn alarms<'a>(cx: &Ctx<'a>, r: &'a Region, subject: &'a str, out: &mut Vec<Item<'a>>) {
    let monthly = ALARMS_PER_POLICY * cx.rates.cloudwatch_alarm;
    out.push(cx.item(
        Some(&r.code),
        subject,
        Category::Monitoring,
        What::Alarms,
        monthly,
    ));
}

// The region codes are `&String`s: thin pointers, as items hold them.
#[allow(clippy::ptr_arg)]
pub(super) fn key<'a>(cx: &Ctx<'a>, r: &'a String, subject: &'a str, out: &mut Vec<Item<'a>>) {
    out.push(cx.item(
        Some(r),
        subject,
        Category::Security,
        What::Key,
        cx.rates.kms_key,
    ));
}

/// Replication traffic from `from` to `to`, billed in `from`; always DR.
#[allow(clippy::ptr_arg)]
pub(super) fn transfer<'a>(
    cx: &Ctx<'a>,
    from: &'a String,
    to: &'a String,
    subject: &'a str,
    what: Replication,
    out: &mut Vec<Item<'a>>,
) {
    if from == to {
        return;
    }
    let (gb, a) = cx.usage("replication_gb", |u| u.replication_gb);
    let (rate, est) = cx.rates.transfer(from, to);
    let w = What::Transfer {
        what,
        from,
        to,
        gb,
        rate,
    };
    let mut i = cx.item(Some(from), subject, Category::Transfer, w, gb * rate);
    i.dr = true;
    i.estimate = est;
    i.assumed.add(a);
    out.push(i);
}

/// The subnets of the VPC's last public load balancer and how many AZs
/// they span.
type AlbIps<'a> = Option<(&'a [String], f64)>;

fn node<'a>(
    cx: &Ctx<'a>,
    r: &'a Region,
    v: &'a Vpc,
    n: &'a VpcNode,
    (albs, ips_memo): (f64, &mut AlbIps<'a>),
    out: &mut Vec<Item<'a>>,
) {
    let rt = &cx.rates;
    let code = &r.code;
    match n {
        VpcNode::Alb(a) => {
            let (gb, ag) = cx.usage("load_balancer_gb", |u| u.load_balancer_gb);
            let (req, ar) = cx.usage("requests_per_month", |u| u.requests_per_month);
            // An LCU is 1 GB an hour or 25 new connections a second; the
            // larger dimension is billed. Requests are spread over every ALB.
            let by_gb = gb / H;
            let by_conn = req / albs / (H * 3600.0) / 25.0;
            let lcu = by_gb.max(by_conn);
            let monthly = H * rt.alb_hour + lcu * H * rt.alb_lcu_hour;
            let mut i = cx.item(
                Some(code),
                &a.id,
                Category::Network,
                What::Alb { lcu },
                monthly,
            );
            i.assumed.add(ag);
            if by_conn > by_gb {
                i.assumed.add(ar);
            }
            out.push(i);
            if !a.internal {
                // A VPC's load balancers mostly share their subnets.
                let ips = match *ips_memo {
                    Some((ids, n)) if ids == a.subnets.as_slice() => n,
                    _ => {
                        let n = az_count(v, a.subnets.iter()) as f64;
                        *ips_memo = Some((&a.subnets, n));
                        n
                    }
                };
                let monthly = ips * H * rt.ipv4_hour;
                out.push(cx.item(
                    Some(code),
                    &a.id,
                    Category::Network,
                    What::AlbIps { ips },
                    monthly,
                ));
            }
        }
        VpcNode::Asg(g) => {
            if let Some(q) = cx.quote(EC2_FAMILIES, &g.instance_type) {
                let count = f64::from(g.desired);
                let label = Label::Type(&g.instance_type);
                out.push(hourly(cx, r, &g.id, Category::Compute, q, count, label));
                let monthly = count * ROOT_VOLUME_GB * rt.ebs_gp3_gb;
                let w = What::RootVolumes { count };
                let mut i = cx.item(Some(code), &g.id, Category::Storage, w, monthly);
                i.estimate = rt.ebs_gp3_gb_est;
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
            let monthly = count * H * (vcpu * rt.fargate_vcpu_hour + gb * rt.fargate_gb_hour);
            let w = What::Fargate { count, vcpu, gb };
            out.push(cx.item(Some(code), &s.id, Category::Compute, w, monthly));
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
            if let Some(q) = cx.quote(table, &d.instance_class) {
                let label = Label::Engine {
                    engine: Engine::Rds(d.engine),
                    class: &d.instance_class,
                    multi_az: d.multi_az,
                };
                out.push(hourly(cx, r, &d.id, Category::Database, q, az, label));
            }
            let gb = f64::from(d.storage_gb);
            let monthly = gb * az * rt.rds_storage_gp3;
            let w = What::RdsStorage { gb, az };
            out.push(cx.item(Some(code), &d.id, Category::Storage, w, monthly));
            key(cx, code, &d.id, out);
            if let Some(src) = d.replica_of.as_deref().and_then(|id| cx.node_region(id)) {
                transfer(cx, src, code, &d.id, Replication::Rds, out);
            }
        }
        VpcNode::Aurora(c) => {
            let table = match c.engine {
                AuroraEngine::Postgresql => AURORA_POSTGRES_FAMILIES,
                AuroraEngine::Mysql => AURORA_MYSQL_FAMILIES,
            };
            if let Some(q) = cx.quote(table, &c.instance_class) {
                let label = Label::Engine {
                    engine: Engine::Aurora(c.engine),
                    class: &c.instance_class,
                    multi_az: false,
                };
                let count = f64::from(c.instances);
                out.push(hourly(cx, r, &c.id, Category::Database, q, count, label));
            }
            let monthly = AURORA_STORAGE_GB * rt.aurora_storage;
            let mut i = cx.item(
                Some(code),
                &c.id,
                Category::Storage,
                What::AuroraStorage,
                monthly,
            );
            i.note = Some(Box::new(Note::AuroraStorage));
            out.push(i);
            key(cx, code, &c.id, out);
            // A secondary of a global cluster receives the primary's stream.
            if let (Some(g), Some(primary)) = (&c.global, cx.primary) {
                let global = (g.as_str(), primary.as_str());
                if code != primary && cx.global_clusters.contains(&global) {
                    transfer(cx, primary, code, &c.id, Replication::AuroraGlobal, out);
                }
            }
        }
        VpcNode::Elasticache(e) => {
            if let Some(q) = cx.quote(CACHE_FAMILIES, &e.node_type) {
                let label = Label::Engine {
                    engine: Engine::Cache(e.engine),
                    class: &e.node_type,
                    multi_az: false,
                };
                let count = f64::from(e.nodes);
                out.push(hourly(cx, r, &e.id, Category::Database, q, count, label));
            }
            key(cx, code, &e.id, out);
        }
    }
}
