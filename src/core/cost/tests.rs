//! Each priced resource against a figure computed by hand from the price
//! table (the arithmetic is in each test), on the templates and on
//! variations of them.

use super::{estimate, Category, Estimate, Item};
use crate::core::model::{Billing, Design, NatMode, RegionNode, Usage, VpcNode};
use crate::core::templates::template;

fn design(id: &str) -> Design {
    template(id)
        .and_then(|t| t.design().ok())
        .expect("template loads")
}

/// The items of `subject` in `category`, summed.
fn sum(e: &Estimate, subject: &str, cat: Category) -> f64 {
    let s: f64 = e
        .items
        .iter()
        .filter(|i| i.subject == subject && i.category == cat)
        .map(|i| i.monthly)
        .sum();
    (s * 100.0).round() / 100.0
}

fn find<'e, 'a>(e: &'e Estimate<'a>, subject: &str, what: &str) -> &'e Item<'a> {
    e.items
        .iter()
        .find(|i| i.subject == subject && i.what.to_string().contains(what))
        .unwrap_or_else(|| panic!("no item {subject} / {what} in {:#?}", e.items))
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 0.006, "{a} != {b}");
}

#[test]
fn nat_gateways_per_az_single_and_none() {
    let mut d = design("active-passive");
    let e = estimate(&d);
    // per_az, two AZs with public subnets: 2 × (730 × 0.045 + 100 GB × 0.045
    // + 730 × 0.005 IPv4) = 2 × (32.85 + 4.50 + 3.65) = 82.00
    close(sum(&e, "use1-main", Category::Network), 82.00);
    assert_eq!(
        find(&e, "use1-main", "NAT")
            .assumed
            .iter()
            .collect::<Vec<_>>(),
        vec!["nat_gb"]
    );
    d.regions[0].vpcs[0].nat = NatMode::Single;
    close(sum(&estimate(&d), "use1-main", Category::Network), 41.00);
    d.regions[0].vpcs[0].nat = NatMode::None;
    close(sum(&estimate(&d), "use1-main", Category::Network), 0.0);
}

#[test]
fn load_balancers_hours_lcus_and_public_addresses() {
    let mut d = design("active-passive");
    let e = estimate(&d);
    // 730 × 0.0225 = 16.425; LCU by bytes: 100 GB / 730 h = 0.137 LCU/h,
    // × 730 h × 0.008 = 0.80 (connections: 10 M / 2 ALBs / 2,628,000 s / 25
    // = 0.076 LCU, smaller); public IPv4: 2 AZs × 730 × 0.005 = 7.30.
    close(find(&e, "use1-alb", "ALB:").monthly, 17.23);
    close(find(&e, "use1-alb", "public IPv4").monthly, 7.30);
    // An internal ALB has no public addresses.
    if let VpcNode::Alb(a) = &mut d.regions[0].vpcs[0].nodes[0] {
        a.internal = true;
    }
    close(sum(&estimate(&d), "use1-alb", Category::Network), 17.23);
    // 100 M requests: 100e6 / 2 / 2,628,000 / 25 = 0.761 LCU/h × 730 × 0.008 = 4.44.
    d.usage.requests_per_month = Some(100_000_000);
    close(
        find(&estimate(&d), "use1-alb", "ALB:").monthly,
        16.425 + 4.444,
    );
}

#[test]
fn instances_and_their_root_volumes() {
    let d = design("active-passive");
    let e = estimate(&d);
    // t3.medium $0.0416 × 730 × 2 = 60.736; 2 × 20 GB × $0.08 = 3.20.
    close(sum(&e, "use1-app", Category::Compute), 60.74);
    close(sum(&e, "use1-app", Category::Storage), 3.20);
    let mut d = design("active-passive");
    if let VpcNode::Asg(g) = &mut d.regions[0].vpcs[0].nodes[1] {
        g.instance_type = "m5.2xlarge".into();
    }
    // m5.large 0.096 × 4 = 0.384 × 730 × 2 = 560.64, from the reference row.
    let e = estimate(&d);
    close(sum(&e, "use1-app", Category::Compute), 560.64);
    assert!(!find(&e, "use1-app", "m5.2xlarge").estimate);
}

#[test]
fn rds_multi_az_doubles_instance_and_storage() {
    let d = design("active-passive");
    let e = estimate(&d);
    // PostgreSQL db.r6g.large $0.225 × 730 × 2 (Multi-AZ) = 328.50;
    // storage 100 GB × $0.115 × 2 = 23.00; key $1.
    close(sum(&e, "use1-db", Category::Database), 328.50);
    close(sum(&e, "use1-db", Category::Storage), 23.00);
    close(sum(&e, "use1-db", Category::Security), 1.00);
    // The replica: Single-AZ 0.225 × 730 = 164.25; 100 × 0.115 = 11.50;
    // replication out of us-east-1: 50 GB × $0.02 = 1.00, billed there.
    close(sum(&e, "usw2-db", Category::Database), 164.25);
    close(sum(&e, "usw2-db", Category::Storage), 11.50);
    let t = find(&e, "usw2-db", "replication");
    close(t.monthly, 1.00);
    assert_eq!(t.region.map(String::as_str), Some("us-east-1"));
    assert!(t.dr);
}

#[test]
fn aurora_instances_storage_and_global_replication() {
    let d = design("aurora-global");
    let e = estimate(&d);
    // 2 × $0.30 × 730 = 438.00; 100 GB (assumed) × $0.10 = 10.00.
    close(sum(&e, "use1-orders", Category::Database), 438.00);
    close(sum(&e, "use1-orders", Category::Storage), 10.00);
    // Secondary: 1 × 0.30 × 730 = 219.00, priced at us-east-1's, and
    // 50 GB × $0.02 = 1.00 of replication out of the primary.
    let sec = find(&e, "euw1-orders", "db.r6g.large");
    close(sec.monthly, 219.00);
    assert_eq!(sec.priced_as(), Some("us-east-1"));
    close(
        find(&e, "euw1-orders", "Aurora Global replication").monthly,
        1.00,
    );
}

#[test]
fn s3_storage_and_replication() {
    let d = design("aurora-global");
    let e = estimate(&d);
    // 100 GB × $0.023 = 2.30; replication 50 GB × $0.02 = 1.00.
    close(sum(&e, "use1-assets", Category::Storage), 2.30);
    close(sum(&e, "use1-assets", Category::Transfer), 1.00);
    close(sum(&e, "euw1-assets", Category::Transfer), 0.0);
}

#[test]
fn dynamodb_on_demand_replicas_and_provisioned() {
    let mut d = design("active-active");
    let e = estimate(&d);
    // Per copy: 10 M writes × $0.625 + 50 M reads × $0.125 = 6.25 + 6.25
    // = 12.50; storage 10 GB × ($0.25 + $0.20 PITR) = 4.50; a key $1.
    // Three copies: 3 × 18.00 = 54.00; two replication streams 2 × 1.00.
    close(sum(&e, "sessions", Category::Database), 37.50);
    close(sum(&e, "sessions", Category::Storage), 13.50);
    close(sum(&e, "sessions", Category::Transfer), 2.00);
    close(e.of_object("sessions"), 37.50 + 13.50 + 2.00 + 3.00);
    let replica = find(&e, "sessions", "replica");
    assert!(replica.dr && replica.region.map(String::as_str) != Some("us-east-1"));
    if let RegionNode::Dynamodb(t) = &mut d.regions[0].nodes[0] {
        t.billing = Billing::Provisioned;
    }
    // 5 WCU × 730 × 0.00065 + 5 RCU × 730 × 0.00013 = 2.3725 + 0.4745 = 2.85.
    close(find(&estimate(&d), "sessions", "WCU").monthly, 2.85);
}

#[test]
fn fargate_tasks_alarms_and_caches() {
    let d = design("layered-ecs");
    let e = estimate(&d);
    // 2 tasks × 730 × (1 vCPU × 0.04048 + 2 GB × 0.004445) = 2 × 730 ×
    // 0.04937 = 72.08; two target-tracking alarms 2 × $0.10 = 0.20.
    close(sum(&e, "use1-api", Category::Compute), 72.08);
    close(sum(&e, "use1-api", Category::Monitoring), 0.20);
    // cache.r7g.large $0.219 × 730 × 2 nodes = 319.74 (an estimate row).
    close(sum(&e, "use1-cache", Category::Database), 319.74);
    assert!(find(&e, "use1-cache", "cache.r7g.large").estimate);
    // One ECS logs key per region with services.
    close(find(&e, "us-east-1", "ECS logs").monthly, 1.00);
}

#[test]
fn route53_accelerator_logs_keys_and_egress() {
    let d = design("active-active");
    let e = estimate(&d);
    // Zone $0.50; HTTPS check at a 10 s interval: 0.50 + 2 × 1.00 = 2.50.
    close(find(&e, "example.com", "hosted zone").monthly, 0.50);
    close(find(&e, "use1-alb", "health check").monthly, 2.50);
    // Accelerator: 730 × 0.025 + 100 GB × 0.015 + 2 × 730 × 0.005
    // = 18.25 + 1.50 + 7.30 = 27.05.
    let ga = find(&e, "edge", "Global Accelerator");
    close(ga.monthly, 27.05);
    assert!(ga.region.is_none() && ga.dr);
    // Logs: 10 GB × 0.50 + 10 GB × 12 months × 0.03 = 5.00 + 3.60 = 8.60.
    close(find(&e, "us-east-1", "CloudWatch Logs").monthly, 8.60);
    close(find(&e, "use1-main", "flow logs").monthly, 1.00);
    // Egress 100 GB × $0.09 = 9.00.
    close(find(&e, "internet", "internet").monthly, 9.00);
}

#[test]
fn totals_regions_and_baseline_add_up() {
    for id in [
        "active-passive",
        "aurora-global",
        "active-active",
        "layered-ecs",
    ] {
        let d = design(id);
        let e = estimate(&d);
        let regions: f64 = e.regions.values().sum();
        close(regions + e.global, e.monthly_total);
        let base: f64 = e.items.iter().filter(|i| !i.dr).map(|i| i.monthly).sum();
        close(base, e.single_region_baseline);
        close(
            e.multiplier,
            (e.monthly_total / e.single_region_baseline * 100.0).round() / 100.0,
        );
        assert!(
            e.items.windows(2).all(|w| w[0].monthly >= w[1].monthly),
            "{id} items sorted"
        );
        // Nothing in the primary region is DR but replication traffic.
        assert!(e
            .items
            .iter()
            .filter(|i| i.dr && i.region.map(String::as_str) == Some("us-east-1"))
            .all(|i| i.category == Category::Transfer));
    }
}

#[test]
fn usage_set_by_the_user_is_not_reported_as_assumed() {
    let mut d = design("active-passive");
    assert!(estimate(&d).assumed.contains(&"nat_gb"));
    d.usage = Usage {
        nat_gb: Some(1000),
        ..Usage::default()
    };
    let e = estimate(&d);
    assert!(!e.assumed.contains(&"nat_gb"));
    // 2 × (32.85 + 1000 × 0.045 + 3.65) = 2 × 81.50 = 163.00.
    close(sum(&e, "use1-main", Category::Network), 163.00);
}

#[test]
fn unknown_types_are_priced_and_flagged_not_dropped() {
    let mut d = design("active-passive");
    if let VpcNode::Asg(g) = &mut d.regions[0].vpcs[0].nodes[1] {
        g.instance_type = "x9q.large".into();
    }
    let e = estimate(&d);
    let i = find(&e, "use1-app", "x9q.large");
    assert!(i.estimate && i.note.is_some() && i.monthly > 0.0);
}

#[test]
fn an_empty_design_costs_its_state_key_only() {
    let mut d = design("active-passive");
    d.regions.clear();
    d.dns = None;
    d.usage.internet_egress_gb = Some(0);
    let e = estimate(&d);
    close(e.monthly_total, 1.00);
    assert_eq!(e.multiplier, 1.0);
}

#[test]
fn az_count_counts_distinct_zones_of_the_named_subnets() {
    use super::regional::az_count;
    let mut d = design("active-passive");
    let v = &mut d.regions[0].vpcs[0];
    // Three more subnets than the mask holds, all in one zone, then two
    // in another: the zones past the 64th subnet are still told apart.
    let template = v.subnets[0].clone();
    for (k, az) in (0..70).map(|k| (k, if k < 68 { "use1-az1" } else { "use1-az9" })) {
        let mut s = template.clone();
        s.id = format!("x{k}");
        s.az = az.to_string();
        v.subnets.push(s);
    }
    let ids = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let count = |names: &[&str]| az_count(v, ids(names).iter());
    assert_eq!(count(&[]), 0);
    assert_eq!(count(&["no-such-subnet"]), 0);
    assert_eq!(count(&["x0", "x1", "x0"]), 1);
    assert_eq!(count(&["x0", "x68"]), 2);
    assert_eq!(count(&["x66", "x67", "x68", "x69"]), 2);
    let all: Vec<String> = v.subnets.iter().map(|s| s.id.clone()).collect();
    let zones: std::collections::BTreeSet<&str> = v.subnets.iter().map(|s| s.az.as_str()).collect();
    assert_eq!(az_count(v, all.iter()), zones.len());
}

#[test]
fn an_item_stays_small() {
    // Issue 15: the stress design makes 9,423 items, and building, moving
    // and ordering them was most of its estimate; an item was 160 bytes.
    let size = std::mem::size_of::<Item>();
    assert!(size <= 88, "an Item is {size} bytes");
    assert!(std::mem::size_of::<super::What>() <= 40);
}
