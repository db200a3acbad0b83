//! The templates' multipliers against the seeds' ranges (seed 000's cost
//! table: active-passive 1.5–1.8× one region, active-active 2.0–2.5× for
//! two regions; three active regions about 3×). docs/cost.md explains each.

use super::{estimate, tiers};
use crate::core::model::Design;
use crate::core::templates::template;

fn design(id: &str) -> Design {
    template(id)
        .and_then(|t| t.design().ok())
        .expect("template loads")
}

fn assert_in(id: &str, m: f64, lo: f64, hi: f64) {
    assert!(
        (lo..=hi).contains(&m),
        "{id}: multiplier {m} outside {lo}–{hi}"
    );
}

#[test]
fn active_passive_templates_land_in_the_seed_range() {
    for id in ["active-passive", "aurora-global", "layered-ecs"] {
        assert_in(id, estimate(&design(id)).multiplier, 1.5, 1.8);
    }
}

#[test]
fn three_region_active_active_is_about_three_times() {
    assert_in(
        "active-active",
        estimate(&design("active-active")).multiplier,
        2.8,
        3.2,
    );
}

/// The active-active template cut to two regions: ap-southeast-1 and
/// everything that points at it removed.
fn two_region_active_active() -> Design {
    let mut d = design("active-active");
    d.regions.retain(|r| r.code != "ap-southeast-1");
    for r in &mut d.regions {
        for n in &mut r.nodes {
            if let crate::core::model::RegionNode::Dynamodb(t) = n {
                t.replicas.retain(|c| c != "ap-southeast-1");
            }
        }
    }
    if let Some(dns) = &mut d.dns {
        for rec in &mut dns.records {
            rec.targets.retain(|t| !t.target.starts_with("apse1"));
        }
    }
    for a in &mut d.accelerators {
        a.endpoints.retain(|e| !e.target.starts_with("apse1"));
    }
    d
}

#[test]
fn two_region_active_active_lands_in_the_seed_range() {
    let d = two_region_active_active();
    assert_eq!(d.regions.len(), 2);
    assert_in(
        "two-region active-active",
        estimate(&d).multiplier,
        2.0,
        2.5,
    );
}

#[test]
fn tiers_are_ordered_and_the_current_one_is_the_estimate() {
    for id in [
        "active-passive",
        "aurora-global",
        "active-active",
        "layered-ecs",
    ] {
        let d = design(id);
        let e = estimate(&d);
        let t = tiers(&d);
        assert_eq!(t.all.len(), 4);
        let cur = t.all.iter().find(|x| x.current).expect("a current tier");
        assert_eq!(cur.monthly, e.monthly_total, "{id}");
        assert_eq!(cur.id, t.current);
        assert!(
            t.all.windows(2).all(|w| w[0].monthly <= w[1].monthly),
            "{id}: {:?}",
            t.all
        );
        assert_eq!(t.all[0].monthly, e.single_region_baseline, "{id}");
    }
    let t = tiers(&design("active-passive"));
    assert_eq!(t.current, "warm_standby");
    assert_eq!(t.up().map(|x| x.id), Some("active_active"));
    assert_eq!(t.down().map(|x| x.id), Some("pilot_light"));
    let t = tiers(&design("active-active"));
    assert!(t.up().is_none());
}

#[test]
fn a_single_region_design_prices_its_pilot_light_from_the_primary() {
    let mut d = design("active-passive");
    d.regions.truncate(1);
    d.dns = None;
    let e = estimate(&d);
    assert_eq!(e.multiplier, 1.0);
    let t = tiers(&d);
    assert_eq!(t.current, "backup_restore");
    let up = t.up().expect("pilot light above");
    // One copy of the primary's data: RDS (328.50 + 23.00) and the root
    // volumes (3.20), plus 2 stores' replication 2 × 50 GB × 0.02 = 2.00.
    assert!(
        (up.monthly - (e.monthly_total + 328.50 + 23.00 + 3.20 + 2.00)).abs() < 0.02,
        "{up:?} vs {}",
        e.monthly_total
    );
}
