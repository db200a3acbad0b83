//! `topoform grade`: exit statuses, the public JSON shape, and load errors.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
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

fn temp(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("topoform-grade-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

fn exercise(goals: Value) -> PathBuf {
    let v = json!({
        "format": "topoform.exercise", "version": 1, "id": "cli", "title": "CLI test",
        "brief": "Graded by the CLI.", "start": { "empty": true }, "goals": goals
    });
    temp(
        &format!("{:x}.json", goals.to_string().len()),
        &v.to_string(),
    )
}

#[test]
fn a_passing_design_exits_0_and_a_failing_one_1() {
    let ex = exercise(json!([
        { "id": "two", "text": "Two regions", "check": { "count": { "kind": "region", "min": 2 } } },
        { "id": "replica", "text": "A replica", "check": { "link": { "from": "rds", "to": "rds", "across_regions": true } } }
    ]));
    let ex = ex.to_str().unwrap();
    let o = topoform(&["grade", ex, &template("active-passive")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("2 of 2 goals passed, score 100/100 (passed)"),
        "{text}"
    );
    assert!(text.contains("  pass  replica: rds "), "{text}");

    let o = topoform(&["grade", ex, &template("active-active"), "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["score", "passed", "goals"]
    );
    assert_eq!(v["score"], 50);
    assert_eq!(v["passed"], false);
    assert_eq!(v["goals"][0]["id"], "two");
    assert_eq!(v["goals"][0]["passed"], true);
    assert_eq!(v["goals"][1]["passed"], false);
    assert_eq!(
        v["goals"][1]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["id", "passed", "message"]
    );
    assert!(v["goals"][1]["message"]
        .as_str()
        .unwrap()
        .starts_with("no rds is linked"));
}

#[test]
fn load_errors_exit_2_naming_file_and_path() {
    let ex = exercise(
        json!([{ "id": "g", "text": "t", "check": { "count": { "kind": "lambda", "min": 1 } } }]),
    );
    let o = topoform(&["grade", ex.to_str().unwrap(), &template("active-passive")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("goals[0].check.count.kind: \"lambda\" is not a kind"),
        "{err}"
    );

    let good = exercise(json!([{ "id": "g", "text": "t", "check": { "no_errors": true } }]));
    let broken = temp("broken.json", "{\"format\": \"topoform.design\"");
    let o = topoform(&["grade", good.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cut off"));

    // A design given as the exercise is told apart.
    let o = topoform(&[
        "grade",
        &template("active-passive"),
        &template("active-passive"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a design, not an exercise"));

    let o = topoform(&["grade", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("grade needs a DESIGN"));
}
