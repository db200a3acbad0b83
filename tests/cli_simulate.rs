//! `topoform simulate`: the public JSON shape, the exit statuses, and the
//! objectives gating CI.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
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

fn with_objectives(rto: u32, rpo: u32) -> PathBuf {
    let text = std::fs::read_to_string(template("active-passive")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["objectives"] = serde_json::json!({ "region": { "rto_seconds": rto, "rpo_seconds": rpo } });
    let path = std::env::temp_dir().join(format!(
        "topoform-sim-{rto}-{rpo}-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

#[test]
fn json_has_the_public_fields() {
    let o = topoform(&[
        "simulate",
        &template("active-passive"),
        "--fail",
        "us-east-1",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v["scenarios"][0];
    assert_eq!(s["fail"], "us-east-1");
    assert_eq!(s["kind"], "region");
    assert!(s["rto_seconds"].as_u64().unwrap() >= 300);
    assert_eq!(s["rpo_seconds"], 60);
    assert!(s["objectives_met"].is_null(), "no objectives set");
    assert!(s["unrecoverable"].as_array().unwrap().is_empty());
    for step in s["steps"].as_array().unwrap() {
        assert!(
            step["what"].is_string() && step["seconds"].is_u64() && step["source"].is_string(),
            "{step}"
        );
    }
    assert_eq!(v["strategy"]["id"], "warm_standby");
}

#[test]
fn every_region_and_az_without_fail() {
    let o = topoform(&["simulate", &template("active-passive"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "region").count(), 2);
    assert_eq!(kinds.iter().filter(|k| **k == "az").count(), 4, "{kinds:?}");
}

#[test]
fn a_breached_objective_exits_1_and_a_met_one_0() {
    let tight = with_objectives(60, 1);
    let o = topoform(&["simulate", tight.to_str().unwrap(), "--fail", "us-east-1"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("OBJECTIVES BREACHED"));
    let loose = with_objectives(3600, 600);
    let o = topoform(&["simulate", loose.to_str().unwrap(), "--fail", "us-east-1"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn an_unknown_place_or_file_exits_2() {
    let o = topoform(&["simulate", &template("active-passive"), "--fail", "mars-1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("neither a region"));
    let o = topoform(&["simulate", "/nonexistent.json"]);
    assert_eq!(o.status.code(), Some(2));
    let o = topoform(&["simulate", &template("active-passive"), "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn fail_an_object_id_simulates_that_component() {
    let o = topoform(&[
        "simulate",
        &template("active-passive"),
        "--fail",
        "use1-db",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v["scenarios"][0];
    assert_eq!(s["fail"], "use1-db");
    assert_eq!(s["kind"], "component");
    // RDS Multi-AZ (instance): 60-120 s, nothing lost.
    assert_eq!(s["rto_seconds"], 120);
    assert_eq!(s["rpo_seconds"], 0);
    assert!(
        s["objectives_met"].is_null(),
        "objectives name regions and AZs only"
    );
    let o = topoform(&[
        "simulate",
        &template("active-passive"),
        "--fail",
        "use1-alb",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("use1-alb"));
}

#[test]
fn a_loss_with_no_recovery_reads_as_in_the_app() {
    // One region (an outside design): losing it, the service does not come
    // back. The outage panel says "RTO does not recover"; the CLI's text
    // said "cannot recover" for the same null RTO.
    let file = format!(
        "{}/tests/fixtures/outside/ok/o02-no-nodes.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = topoform(&["simulate", &file, "--fail", "us-east-2"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("lose region us-east-2: RTO does not recover, RPO 0 s"),
        "{text}"
    );
    let json = topoform(&["simulate", &file, "--fail", "us-east-2", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["scenarios"][0]["rto_seconds"].is_null());
}
