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
