//! "Make this region primary" in a real browser: one click on the DR region
//! moves the primary role, the writer database and the failover record's
//! PRIMARY there, says what moved, and one undo puts it all back.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_failover`
#![cfg(target_arch = "wasm32")]

use topoform::core::model::{FailoverRole, RegionRole, VpcNode};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::forms::{click, saved};
use web_support::*;

#[wasm_bindgen_test]
async fn making_the_dr_region_primary_moves_writer_and_traffic_in_one_undo_step() {
    let (el, _h) = mount();
    settle().await;
    click(&el, "[data-target='usw2']");
    settle().await;
    click(&el, ".inspector button.make-primary");
    settle().await;
    let toast = text(&el, ".toast");
    assert!(
        toast.contains("us-west-2 is now the primary region"),
        "{toast}"
    );
    let d = saved().await;
    assert_eq!(
        d.regions.iter().find(|r| r.id == "usw2").unwrap().role,
        RegionRole::Primary
    );
    assert_eq!(
        d.regions.iter().find(|r| r.id == "use1").unwrap().role,
        RegionRole::Secondary
    );
    let writer_region = d.regions.iter().find(|r| {
        r.vpcs
            .iter()
            .flat_map(|v| &v.nodes)
            .any(|n| matches!(n, VpcNode::Rds(x) if x.replica_of.is_none()))
    });
    assert_eq!(
        writer_region.map(|r| r.id.as_str()),
        Some("usw2"),
        "the writer database moved"
    );
    let rec = &d.dns.as_ref().unwrap().records[0];
    let primary = rec
        .targets
        .iter()
        .find(|t| t.role == Some(FailoverRole::Primary))
        .unwrap();
    assert!(primary.target.starts_with("usw2"), "{primary:?}");
    // The primary region's inspector offers no button; one undo restores.
    assert_eq!(count(&el, ".inspector button.make-primary"), 0);
    key("z", true);
    settle().await;
    let d = saved().await;
    assert_eq!(
        d.regions.iter().find(|r| r.id == "use1").unwrap().role,
        RegionRole::Primary
    );
}
