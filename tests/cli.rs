//! The command-line contract of `topoform check` (docs: design-format.md).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};
use topoform::core::templates::TEMPLATES;

fn topoform(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_topoform")).args(args).output().expect("run topoform")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("topoform-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn templates_check_clean() {
    for t in TEMPLATES {
        let p = temp_file(&format!("{}.json", t.id), t.json);
        let o = topoform(&["check", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}: {}{}", t.id, stdout(&o), stderr(&o));
    }
}

#[test]
fn unknown_field_exits_2_naming_the_path() {
    let text = TEMPLATES[0].json.replacen("\"nat\": \"per_az\",", "\"nat\": \"per_az\", \"colour\": 1,", 1);
    let p = temp_file("unknown-field.json", &text);
    let o = topoform(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("regions[0].vpcs[0].colour: unknown field `colour`"), "{}", stderr(&o));
}

#[test]
fn dangling_reference_exits_2_naming_the_path() {
    let text = TEMPLATES[0].json.replacen("\"replica_of\": \"use1-db\"", "\"replica_of\": \"use1-gone\"", 1);
    let p = temp_file("dangling.json", &text);
    let o = topoform(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("regions[1].vpcs[0].nodes[2].replica_of"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json output even for a load error");
    assert!(v["error"].as_str().unwrap().contains("replica_of"));
}

#[test]
fn errors_exit_1_with_json_diagnostics() {
    let text = TEMPLATES[0].json.replacen("\"cidr\": \"10.0.1.0/24\"", "\"cidr\": \"10.0.0.128/25\"", 1);
    let p = temp_file("overlap.json", &text);
    let o = topoform(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let d = diags.iter().find(|d| d["rule"] == "NET-05").expect("NET-05 reported");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().unwrap().contains("overlap"));
    assert_eq!(d["subjects"], serde_json::json!(["use1-pub-a", "use1-pub-b"]));
    let text_out = topoform(&["check", p.to_str().unwrap()]);
    assert_eq!(text_out.status.code(), Some(1));
    assert!(stdout(&text_out).contains("error NET-05"), "{}", stdout(&text_out));
}

#[test]
fn unreadable_file_and_bad_usage_exit_2() {
    assert_eq!(topoform(&["check", "/nonexistent/design.json"]).status.code(), Some(2));
    assert_eq!(topoform(&["check"]).status.code(), Some(2));
    assert_eq!(topoform(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(topoform(&["check", "x.json", "--format", "yaml"]).status.code(), Some(2));
}

#[test]
fn help_explains_the_commands() {
    let o = topoform(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    assert!(h.contains("topoform check FILE") && h.contains("--format"), "{h}");
}
