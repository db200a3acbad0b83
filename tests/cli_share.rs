//! `topoform share` and `topoform open`: a design survives the round trip,
//! an exercise link drops the solution, and bad sources exit 2 with a reason.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
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

fn stdout(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn share_then_open_gives_the_same_design() {
    for id in ["active-passive", "layered-ecs"] {
        let link = stdout(&topoform(&[
            "share",
            &template(id),
            "--base",
            "https://example.org/tf/",
        ]));
        let link = link.trim();
        assert!(link.starts_with("https://example.org/tf/#d1."), "{link}");
        assert!(link.len() < 8_000, "{} characters", link.len());
        let text = stdout(&topoform(&["open", link, "--out", "-"]));
        let back = topoform::core::model::load(&text).unwrap();
        let orig =
            topoform::core::model::load(&std::fs::read_to_string(template(id)).unwrap()).unwrap();
        assert_eq!(back, orig, "{id}");
    }
    let bare = stdout(&topoform(&["share", &template("active-passive")]));
    assert!(bare.starts_with("#d1."), "{bare}");
}

#[test]
fn an_exercise_link_never_carries_the_solution() {
    let design: Value =
        serde_json::from_str(&std::fs::read_to_string(template("active-passive")).unwrap())
            .unwrap();
    let ex = json!({
        "format": "topoform.exercise", "version": 1, "id": "sol", "title": "T", "brief": "B",
        "start": { "empty": true },
        "goals": [{ "id": "g", "text": "t", "check": { "no_errors": true } }],
        "solution": { "design": design }
    });
    let path = std::env::temp_dir().join(format!("topoform-share-{}.json", std::process::id()));
    std::fs::write(&path, ex.to_string()).unwrap();
    let link = stdout(&topoform(&["share", path.to_str().unwrap()]));
    assert!(link.starts_with("#x1."), "{link}");
    let text = stdout(&topoform(&["open", link.trim(), "--out", "-"]));
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["id"], "sol");
    assert!(back.get("solution").is_none(), "{text}");
}

#[test]
fn bad_sources_exit_2_with_a_reason() {
    let cases = [
        ("https://example.org/#q9.abcd", "not `d1.`"),
        ("#d1.abc!", "not base64url"),
        ("#d1.eNrLSM3JyVcozy_KSQEAGgQEXQ", "damaged"),
    ];
    for (source, why) in cases {
        let o = topoform(&["open", source, "--out", "-"]);
        assert_eq!(o.status.code(), Some(2), "{source}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(why), "{source}: {err}");
    }
    // A picture Topoform did not draw: a file, so read as one, and refused.
    let svg = std::env::temp_dir().join(format!("topoform-foreign-{}.svg", std::process::id()));
    std::fs::write(
        &svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>",
    )
    .unwrap();
    let o = topoform(&["open", svg.to_str().unwrap(), "--out", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds no Topoform design"));
    let o = topoform(&["open", "#d1.x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("open needs --out FILE"));
    let o = topoform(&["share", "/nonexistent/design.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read"));
}
