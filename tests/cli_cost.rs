//! `topoform cost`: the public JSON fields (docs/design-format.md), the
//! text table, and exit 2 on a file that does not load.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

fn topoform(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(args)
        .output()
        .expect("run topoform")
}

fn template(id: &str) -> String {
    format!("{}/public/templates/{id}.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_has_the_contract_fields() {
    let o = topoform(&["cost", &template("active-passive"), "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(v["currency"], "USD");
    let date = v["prices_as_of"].as_str().expect("prices_as_of");
    assert_eq!(date.len(), 10, "YYYY-MM-DD: {date}");
    let total = v["monthly_total"].as_f64().expect("monthly_total");
    let regions = v["regions"].as_object().expect("regions");
    assert_eq!(
        regions.keys().collect::<Vec<_>>(),
        ["us-east-1", "us-west-2"],
        "regions by code"
    );
    let global = v["global"].as_f64().expect("global");
    let sum: f64 = regions.values().filter_map(|x| x.as_f64()).sum::<f64>() + global;
    assert!((sum - total).abs() < 0.02, "{sum} vs {total}");
    let base = v["single_region_baseline"].as_f64().expect("baseline");
    let m = v["multiplier"].as_f64().expect("multiplier");
    assert!(base > 0.0 && base < total);
    assert!((m - total / base).abs() < 0.01, "{m} vs {total}/{base}");
    let items = v["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for i in items {
        assert!(
            i["subject"].is_string() && i["what"].is_string() && i["monthly"].is_f64(),
            "{i}"
        );
    }
    let item_sum: f64 = items.iter().filter_map(|i| i["monthly"].as_f64()).sum();
    assert!((item_sum - total).abs() < 0.02);
    assert_eq!(v["tiers"]["current"], "warm_standby");
}

#[test]
fn text_shows_regions_and_biggest_items() {
    let o = topoform(&["cost", &template("aurora-global")]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    for want in [
        "us-east-1",
        "eu-west-1",
        "global",
        "total",
        "multiplier",
        "biggest items",
        "use1-orders",
        "DR tiers",
    ] {
        assert!(out.contains(want), "{want} missing from:\n{out}");
    }
}

#[test]
fn a_bad_file_exits_2() {
    let path = std::env::temp_dir().join(format!("topoform-cost-bad-{}.json", std::process::id()));
    std::fs::write(&path, "{ \"format\": \"topoform.design\", ").unwrap();
    let o = topoform(&["cost", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: "));
    let o = topoform(&["cost", "/nonexistent/design.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

/// Usage figures no real system has (here the largest whole number the
/// format takes) are not priced into a bill of quintillions of dollars:
/// `cost` names the figure and exits 2, `check` reports DES-31 (exit 1);
/// the ceiling itself is still estimated. Negative figures do not load.
#[test]
fn absurd_usage_is_refused_not_priced() {
    let design = std::fs::read_to_string(template("active-passive")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&design).unwrap();
    let mut file = |name: &str, usage: serde_json::Value| {
        v["usage"] = usage;
        let path =
            std::env::temp_dir().join(format!("topoform-cost-{name}-{}.json", std::process::id()));
        std::fs::write(&path, v.to_string()).unwrap();
        path.to_str().unwrap().to_string()
    };
    let huge = file(
        "huge",
        serde_json::json!({ "nat_gb": u64::MAX, "requests_per_month": 1_000_000 }),
    );
    for args in [&["cost", &huge][..], &["cost", &huge, "--format", "json"]] {
        let o = topoform(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(
            err.starts_with("error: ")
                && err.contains("usage.nat_gb is 18,446,744,073,709,551,615 GB a month")
                && err.contains("Nothing was estimated."),
            "{err}"
        );
    }
    let o = topoform(&["check", &huge]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("error DES-31: usage.nat_gb"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // At the ceiling (an exabyte a month through each NAT gateway) the
    // estimate is made, and every figure is an honest sum, not saturated.
    let top = file("ceiling", serde_json::json!({ "nat_gb": 1_000_000_000u64 }));
    let o = topoform(&["cost", &top, "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let e: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total = e["monthly_total"].as_f64().unwrap();
    assert!(total > 1e8 && total < 1e12, "{total}");
    let o = topoform(&["cost", &top]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains("18,446,744"), "{text}");

    let neg = file("neg", serde_json::json!({ "log_gb": -1 }));
    let o = topoform(&["cost", &neg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("usage.log_gb"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
