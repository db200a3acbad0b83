//! The design file contract: round trips and one test per kind of load error,
//! each checking the JSON path the error names.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use topoform::core::model::{load, save, LoadErrorKind, CURRENT_VERSION};
use topoform::core::templates::TEMPLATES;

#[test]
fn every_template_round_trips() {
    for t in TEMPLATES {
        let d = t
            .design()
            .unwrap_or_else(|e| panic!("{} does not load: {e}", t.id));
        let text = save(&d);
        assert_eq!(load(&text).unwrap(), d, "{}: load(save(d)) != d", t.id);
        if std::env::var_os("UPDATE_TEMPLATES").is_some() {
            let path = format!(
                "{}/public/templates/{}.json",
                env!("CARGO_MANIFEST_DIR"),
                t.id
            );
            std::fs::write(path, &text).unwrap();
            continue;
        }
        assert_eq!(
            text, t.json,
            "{}: the shipped file is not in canonical saved form (UPDATE_TEMPLATES=1 rewrites it)",
            t.id
        );
    }
}

#[test]
fn saving_is_stable_and_ends_with_a_newline() {
    let d = TEMPLATES[0].design().unwrap();
    assert_eq!(save(&d), save(&d.clone()));
    assert!(save(&d).ends_with("}\n"));
}

#[test]
fn canvas_positions_round_trip_and_non_finite_numbers_are_saved_as_zero() {
    let mut d = TEMPLATES[0].design().unwrap();
    d.canvas.insert(
        "use1".into(),
        topoform::core::model::Rect {
            x: 10.5,
            y: -3.0,
            w: 400.0,
            h: 300.0,
        },
    );
    assert_eq!(load(&save(&d)).unwrap(), d);
    d.canvas.insert(
        "usw2".into(),
        topoform::core::model::Rect {
            x: f64::NAN,
            y: f64::INFINITY,
            w: 1.0,
            h: 1.0,
        },
    );
    let back = load(&save(&d)).expect("a design with NaN positions still saves loadably");
    assert_eq!(back.canvas["usw2"].x, 0.0);
}

/// The active-passive template as JSON, to break in one place per test.
fn base() -> Value {
    serde_json::from_str(TEMPLATES[0].json).unwrap()
}

/// Loads `v` and returns the error's kind, path and message.
fn error_of(v: &Value) -> (LoadErrorKind, String, String) {
    let e = load(&v.to_string()).expect_err("this design must not load");
    (e.kind, e.path, e.message)
}

#[track_caller]
fn assert_error(v: &Value, kind: LoadErrorKind, path: &str, message_has: &str) {
    let (k, p, m) = error_of(v);
    assert_eq!((k, p.as_str()), (kind, path), "message: {m}");
    assert!(
        m.contains(message_has),
        "message {m:?} should mention {message_has:?}"
    );
}

#[test]
fn not_json() {
    let e = load("{\"format\": ").unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::Syntax);
    assert!(e.message.contains("line 1"), "{e}");
}

#[test]
fn not_an_object_or_not_a_design() {
    assert_error(&json!([1, 2]), LoadErrorKind::NotADesign, "", "JSON object");
    let mut v = base();
    v["format"] = json!("excalidraw");
    assert_error(
        &v,
        LoadErrorKind::NotADesign,
        "format",
        "not a Topoform design",
    );
    v.as_object_mut().unwrap().remove("format");
    assert_error(&v, LoadErrorKind::NotADesign, "format", "missing");
}

#[test]
fn newer_version_is_refused_with_a_message_saying_so() {
    let mut v = base();
    v["version"] = json!(CURRENT_VERSION + 1);
    assert_error(&v, LoadErrorKind::TooNew, "version", "newer Topoform");
    v["version"] = json!(0);
    assert_error(
        &v,
        LoadErrorKind::Version,
        "version",
        "not a design format version",
    );
    v["version"] = json!("1");
    assert_error(&v, LoadErrorKind::Version, "version", "whole number");
}

#[test]
fn unknown_field_at_every_depth() {
    let mut v = base();
    v["colour"] = json!("red");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "colour",
        "unknown field `colour`",
    );
    let mut v = base();
    v["regions"][1]["vpcs"][0]["subnets"][2]["zone"] = json!("x");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[1].vpcs[0].subnets[2].zone",
        "unknown field `zone`",
    );
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][0]["listener"]["tls"] = json!(true);
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0].nodes[0].listener.tls",
        "unknown field `tls`",
    );
}

#[test]
fn wrong_type() {
    let mut v = base();
    v["regions"][1]["vpcs"][0]["subnets"][2]["az"] = json!(3);
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[1].vpcs[0].subnets[2].az",
        "expected a string",
    );
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][1]["max"] = json!(-1);
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0].nodes[1].max",
        "must be a whole number from 0 to 4294967295, found -1",
    );
    let mut v = base();
    v["dns"]["records"][0]["targets"][0]["health_check"]["interval"] = json!("fast");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "dns.records[0].targets[0].health_check.interval",
        "must be a whole number from 0 to 4294967295, found the text \"fast\"",
    );
}

#[test]
fn bad_enum_value() {
    let mut v = base();
    v["regions"][0]["vpcs"][0]["subnets"][0]["tier"] = json!("dmz");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0].subnets[0].tier",
        "unknown variant `dmz`",
    );
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][2]["engine"] = json!("oracle");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0].nodes[2].engine",
        "unknown variant `oracle`",
    );
}

#[test]
fn missing_field() {
    let mut v = base();
    v["regions"][0]["vpcs"][0]
        .as_object_mut()
        .unwrap()
        .remove("cidr");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0]",
        "missing field `cidr`",
    );
}

#[test]
fn unknown_or_misplaced_node_kind() {
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][0]["kind"] = json!("lambda");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0].nodes[0].kind",
        "unknown or misplaced kind `lambda`",
    );
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][0]["kind"] = json!("s3");
    assert_error(
        &v,
        LoadErrorKind::Schema,
        "regions[0].vpcs[0].nodes[0].kind",
        "alb, asg, rds, aurora",
    );
}

#[test]
fn malformed_id() {
    let mut v = base();
    v["regions"][0]["vpcs"][0]["id"] = json!("Main VPC");
    assert_error(
        &v,
        LoadErrorKind::Id,
        "regions[0].vpcs[0].id",
        "id `Main VPC`",
    );
}

#[test]
fn duplicate_id() {
    let mut v = base();
    v["regions"][1]["vpcs"][0]["subnets"][0]["id"] = json!("use1-main");
    assert_error(
        &v,
        LoadErrorKind::Id,
        "regions[1].vpcs[0].subnets[0].id",
        "duplicate id `use1-main`",
    );
}

#[test]
fn dangling_reference() {
    let mut v = base();
    v["regions"][1]["vpcs"][0]["nodes"][2]["replica_of"] = json!("nowhere");
    assert_error(
        &v,
        LoadErrorKind::Reference,
        "regions[1].vpcs[0].nodes[2].replica_of",
        "no object has that id",
    );
    let mut v = base();
    v["dns"]["records"][0]["targets"][1]["target"] = json!("gone");
    assert_error(
        &v,
        LoadErrorKind::Reference,
        "dns.records[0].targets[1].target",
        "`gone`",
    );
    let mut v = base();
    v["canvas"] = json!({ "ghost": { "x": 0, "y": 0, "w": 1, "h": 1 } });
    assert_error(
        &v,
        LoadErrorKind::Reference,
        "canvas.ghost",
        "no object has that id",
    );
}

#[test]
fn reference_to_the_wrong_kind() {
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][1]["target"] = json!("use1-db");
    assert_error(
        &v,
        LoadErrorKind::Reference,
        "regions[0].vpcs[0].nodes[1].target",
        "expected the id of a load balancer",
    );
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][0]["subnets"][1] = json!("use1-main");
    assert_error(
        &v,
        LoadErrorKind::Reference,
        "regions[0].vpcs[0].nodes[0].subnets[1]",
        "which is the VPC",
    );
}

#[test]
fn optional_sections_may_be_left_out() {
    let mut v = base();
    for k in ["tags", "peerings", "dns", "accelerators", "canvas"] {
        v.as_object_mut().unwrap().remove(k);
    }
    let d = load(&v.to_string()).expect("optional top-level fields");
    assert!(d.dns.is_none() && d.peerings.is_empty() && d.canvas.is_empty());
}

/// The active-passive template's text with `dup` written just before the
/// first `find`, in the same object.
fn with_duplicate(find: &str, dup: &str) -> String {
    let text = TEMPLATES[0].json;
    assert!(text.contains(find), "the template no longer holds {find}");
    text.replacen(find, &format!("{dup}, {find}"), 1)
}

#[test]
fn a_key_given_twice_is_refused_naming_path_and_key() {
    let e = load(&with_duplicate(
        "\"owner\": \"platform\"",
        "\"owner\": \"nobody\"",
    ))
    .unwrap_err();
    assert_eq!(
        (e.kind, e.path.as_str()),
        (LoadErrorKind::Schema, "tags"),
        "{e}"
    );
    assert!(
        e.to_string().starts_with("tags: duplicate key \"owner\""),
        "{e}"
    );
    let e = load(&with_duplicate("\"name\": \"shop\"", "\"name\": \"other\"")).unwrap_err();
    assert_eq!(e.path, "", "{e}");
    assert!(e.message.starts_with("duplicate key \"name\""), "{e}");
    let e = load(&with_duplicate(
        "\"cidr\": \"10.0.1.0/24\"",
        "\"cidr\": \"10.0.9.0/24\"",
    ))
    .unwrap_err();
    assert_eq!(e.path, "regions[0].vpcs[0].subnets[1]", "{e}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let d = load(&format!("\u{feff}{}", TEMPLATES[0].json)).expect("editors write a BOM");
    assert_eq!(d, TEMPLATES[0].design().unwrap());
}

#[test]
fn files_that_are_no_design_at_all_get_one_clear_message() {
    for (text, kind, says) in [
        ("", LoadErrorKind::Syntax, "the file is empty"),
        (
            "\u{feff}\n",
            LoadErrorKind::Syntax,
            "only whitespace (1 byte,",
        ),
        ("null", LoadErrorKind::NotADesign, "found null"),
        ("[]", LoadErrorKind::NotADesign, "found an array"),
        ("\"string\"", LoadErrorKind::NotADesign, "found a string"),
        ("42", LoadErrorKind::NotADesign, "found a number"),
        (&TEMPLATES[0].json[..200], LoadErrorKind::Syntax, "cut off"),
        (
            &"[".repeat(100_000),
            LoadErrorKind::Schema,
            "nested more than",
        ),
    ] {
        let e = load(text).expect_err(says);
        assert_eq!(e.kind, kind, "{e}");
        assert!(e.message.contains(says), "{e:?} should say {says:?}");
        assert!(
            !e.to_string().contains('\n') && e.to_string().len() < 300,
            "{e}"
        );
    }
}

#[test]
fn huge_user_text_is_shortened_in_load_errors() {
    let big = "x".repeat(5_000_000);
    let mut cases = Vec::new();
    let mut v = base();
    v["regions"][0]["vpcs"][0]["id"] = json!(big);
    cases.push(v);
    let mut v = base();
    v["regions"][0]["vpcs"][0]["subnets"][0]["tier"] = json!(big);
    cases.push(v);
    let mut v = base();
    v["regions"][0]["vpcs"][0][big.as_str()] = json!(1);
    cases.push(v);
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][0]["kind"] = json!(big);
    cases.push(v);
    let mut v = base();
    v["format"] = json!(big);
    cases.push(v);
    let mut v = base();
    v["canvas"] = json!({ big.as_str(): { "x": 0, "y": 0, "w": 1, "h": 1 } });
    cases.push(v);
    let mut v = base();
    v["tags"] = json!({ big.as_str(): 1 });
    cases.push(v);
    let mut v = base();
    v["regions"][1]["vpcs"][0]["nodes"][2]["replica_of"] = json!(format!("a{big}\n"));
    cases.push(v);
    for (i, v) in cases.iter().enumerate() {
        let e = load(&v.to_string()).expect_err("must not load");
        let shown = e.to_string();
        assert!(
            shown.len() < 400 && !shown.contains('\n'),
            "case {i}: {} bytes: {}",
            shown.len(),
            &shown[..400.min(shown.len())]
        );
        assert!(
            shown.contains("xxx…"),
            "case {i} should show the start of the text: {shown}"
        );
    }
}

/// Load errors read as English for people: the article a kind is said
/// with, a number's range instead of its Rust type, whitespace for what it
/// is; each keeps the path.
#[test]
fn load_errors_are_worded_for_people() {
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][2]["storage_gb"] = json!(-5);
    let (_, p, m) = error_of(&v);
    assert_eq!(p, "regions[0].vpcs[0].nodes[2].storage_gb");
    assert_eq!(m, "must be a whole number from 0 to 4294967295, found -5");
    // A u16 field says its own range.
    let mut v = base();
    v["regions"][0]["vpcs"][0]["nodes"][0]["listener"]["port"] = json!(70000);
    let (_, p, m) = error_of(&v);
    assert_eq!(p, "regions[0].vpcs[0].nodes[0].listener.port");
    assert_eq!(m, "must be a whole number from 0 to 65535, found 70000");
    let mut v = base();
    v["regions"][1]["vpcs"][0]["nodes"][2]["replica_of"] = json!("use1-alb");
    assert_error(
        &v,
        LoadErrorKind::Reference,
        "regions[1].vpcs[0].nodes[2].replica_of",
        "expected the id of an RDS database",
    );
    let e = load(&" \n".repeat(5_000_000)).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::Syntax);
    assert!(
        e.message.contains("only whitespace") && !e.message.contains("empty"),
        "{e}"
    );
    assert!(load("").unwrap_err().message.contains("the file is empty"));
}
