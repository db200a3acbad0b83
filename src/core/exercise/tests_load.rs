//! Table tests of exercise load errors, and hostile exercise files.

use super::tests::with;
use super::*;
use crate::core::model::LoadErrorKind;
use serde_json::{json, Value};

#[test]
fn load_errors_name_their_path() {
    use LoadErrorKind::*;
    let design = crate::core::templates::TEMPLATES[0].design().unwrap();
    let mut bad_design = serde_json::to_value(&design).unwrap();
    bad_design["regions"][0]["vpcs"][0]["cidrr"] = json!("x");
    let cases: Vec<(&str, Value, LoadErrorKind, &str, &str)> = vec![
        ("not an object", json!([1]), NotADesign, "", "JSON object"),
        (
            "a design",
            with(|v| v["format"] = json!("topoform.design")),
            NotADesign,
            "format",
            "a design, not an exercise",
        ),
        (
            "no format",
            with(|v| {
                v.as_object_mut().unwrap().remove("format");
            }),
            NotADesign,
            "format",
            "not a Topoform exercise",
        ),
        (
            "too new",
            with(|v| v["version"] = json!(2)),
            TooNew,
            "version",
            "newer Topoform",
        ),
        (
            "version 0",
            with(|v| v["version"] = json!(0)),
            Version,
            "version",
            "expected 1",
        ),
        (
            "unknown field",
            with(|v| v["colour"] = json!("red")),
            Schema,
            "colour",
            "unknown field `colour`",
        ),
        (
            "missing title",
            with(|v| {
                v.as_object_mut().unwrap().remove("title");
            }),
            Schema,
            "",
            "missing field `title`",
        ),
        (
            "wrong type",
            with(|v| v["brief"] = json!(5)),
            Schema,
            "brief",
            "expected a string",
        ),
        (
            "bad id",
            with(|v| v["id"] = json!("Not An Id")),
            Id,
            "id",
            "is not an id",
        ),
        (
            "unknown check",
            with(|v| v["goals"][1]["check"] = json!({ "cost_over": 5 })),
            Schema,
            "goals[1].check",
            "unknown variant `cost_over`",
        ),
        (
            "two checks",
            with(|v| {
                v["goals"][0]["check"] = json!({ "no_errors": true, "rule_absent": "NET-05" })
            }),
            Schema,
            "goals[0].check",
            "single key",
        ),
        (
            "count field",
            with(|v| v["goals"][1]["check"]["count"]["kind"] = json!(7)),
            Schema,
            "goals[1].check.count.kind",
            "expected a string",
        ),
        (
            "count kind",
            with(|v| v["goals"][1]["check"]["count"]["kind"] = json!("lambda")),
            Schema,
            "goals[1].check.count.kind",
            "not a kind",
        ),
        (
            "count unknown",
            with(|v| v["goals"][1]["check"]["count"]["mni"] = json!(1)),
            Schema,
            "goals[1].check.count.mni",
            "unknown field `mni`",
        ),
        (
            "count bounds",
            with(|v| {
                v["goals"][1]["check"]["count"] = json!({ "kind": "vpc", "min": 3, "max": 1 })
            }),
            Schema,
            "goals[1].check.count.max",
            "below min",
        ),
        (
            "count none",
            with(|v| v["goals"][1]["check"]["count"] = json!({ "kind": "vpc" })),
            Schema,
            "goals[1].check.count",
            "min",
        ),
        (
            "count region",
            with(|v| v["goals"][1]["check"]["count"]["region"] = json!("mars-1")),
            Schema,
            "goals[1].check.count.region",
            "not a region code",
        ),
        (
            "global region",
            with(|v| {
                v["goals"][1]["check"]["count"] =
                    json!({ "kind": "record", "region": "us-east-1", "min": 1 })
            }),
            Schema,
            "goals[1].check.count.region",
            "global",
        ),
        (
            "policy of a vpc",
            with(|v| v["goals"][1]["check"]["count"]["policy"] = json!("latency")),
            Schema,
            "goals[1].check.count.policy",
            "only records have a routing policy",
        ),
        (
            "policy unknown",
            with(|v| {
                v["goals"][1]["check"]["count"] =
                    json!({ "kind": "record", "policy": "nearest", "min": 1 })
            }),
            Schema,
            "goals[1].check.count.policy",
            "unknown variant `nearest`",
        ),
        (
            "link kind",
            with(|v| v["goals"][2]["check"]["link"]["to"] = json!("db")),
            Schema,
            "goals[2].check.link.to",
            "not a kind",
        ),
        (
            "survives place",
            with(|v| v["goals"][3]["check"]["survives"]["fail"] = json!("moon")),
            Schema,
            "goals[3].check.survives.fail",
            "neither a region",
        ),
        (
            "no_errors false",
            with(|v| v["goals"][0]["check"]["no_errors"] = json!(false)),
            Schema,
            "goals[0].check.no_errors",
            "must be true",
        ),
        (
            "rule typo",
            with(|v| v["goals"][0]["check"] = json!({ "rule_absent": "NET-999" })),
            Reference,
            "goals[0].check.rule_absent",
            "not a rule id",
        ),
        (
            "pack typo",
            with(|v| v["rules"]["disable"][0] = json!("TF-5")),
            Reference,
            "rules.disable[0]",
            "not a rule id",
        ),
        (
            "severity typo",
            with(|v| v["rules"]["severity"] = json!({ "DES-3": "error" })),
            Reference,
            "rules.severity.DES-3",
            "not a rule id",
        ),
        (
            "severity value",
            with(|v| v["rules"]["severity"]["DES-03"] = json!("fatal")),
            Schema,
            "rules.severity.DES-03",
            "unknown variant `fatal`",
        ),
        (
            "duplicate goal",
            with(|v| v["goals"][1]["id"] = json!("clean")),
            Id,
            "goals[1].id",
            "earlier goal",
        ),
        (
            "no goals",
            with(|v| v["goals"] = json!([])),
            Schema,
            "goals",
            "at least one goal",
        ),
        (
            "hint field",
            with(|v| v["hints"][0]["after"] = json!(1)),
            Schema,
            "hints[0].after",
            "unknown field",
        ),
        (
            "start none",
            with(|v| v["start"] = json!({})),
            Schema,
            "start",
            "exactly one",
        ),
        (
            "start two",
            with(|v| v["start"] = json!({ "template": "active-passive", "empty": true })),
            Schema,
            "start",
            "exactly one",
        ),
        (
            "start template",
            with(|v| v["start"] = json!({ "template": "nope" })),
            Reference,
            "start.template",
            "not a template id",
        ),
        (
            "start design",
            with(|v| v["start"] = json!({ "design": bad_design.clone() })),
            Schema,
            "start.design.regions[0].vpcs[0].cidrr",
            "unknown field `cidrr`",
        ),
        (
            "solution design",
            with(|v| v["solution"] = json!({ "design": { "format": "topoform.design" } })),
            Version,
            "solution.design.version",
            "version",
        ),
        (
            "long title",
            with(|v| v["title"] = json!("t".repeat(4097))),
            Schema,
            "title",
            "at most 4096",
        ),
        (
            "long goal text",
            with(|v| v["goals"][2]["text"] = json!("g".repeat(4097))),
            Schema,
            "goals[2].text",
            "at most 4096",
        ),
        (
            "long hint",
            with(|v| v["hints"][0]["text"] = json!("h".repeat(4097))),
            Schema,
            "hints[0].text",
            "at most 4096",
        ),
        (
            "too many goals",
            with(|v| {
                v["goals"] = (0..=MAX_GOALS)
                    .map(|i| json!({ "id": format!("g{i}"), "text": "x", "check": { "no_errors": true } }))
                    .collect()
            }),
            Schema,
            "goals",
            "at most 100",
        ),
        (
            "too many hints",
            with(|v| {
                v["hints"] = (0..=MAX_HINTS)
                    .map(|_| json!({ "after_seconds": 1, "text": "x" }))
                    .collect()
            }),
            Schema,
            "hints",
            "at most 50",
        ),
        (
            "long brief",
            with(|v| v["brief"] = json!("x".repeat(MAX_BRIEF_BYTES + 1))),
            Schema,
            "brief",
            "at most",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, value, kind, path, message) in cases {
        match load(&value.to_string()) {
            Ok(_) => wrong.push(format!("{name}: loaded")),
            Err(e) if (e.kind, e.path.as_str()) != (kind, path) || !e.message.contains(message) => {
                wrong.push(format!(
                    "{name}: {:?} at {:?}: {}",
                    e.kind, e.path, e.message
                ))
            }
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn hostile_files_are_refused() {
    let e = load(&" ".repeat(MAX_EXERCISE_BYTES + 1)).unwrap_err();
    assert!(e.message.contains("at most 4 MiB"), "{e}");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(load(&deep).unwrap_err().message.contains("nested"));
    let dup = r#"{"format": "topoform.exercise", "format": "topoform.exercise"}"#;
    assert!(load(dup).unwrap_err().message.contains("duplicate key"));
}
