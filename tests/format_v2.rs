//! Design format version 2: version 1 files (the previous release's
//! templates, kept in tests/fixtures/v1/) open unchanged in meaning, save as
//! version 2 and re-export byte-identically; a version 3 file is refused; a
//! version 1 file holding a version 2 field is refused; every new field's bad
//! values are load errors naming their JSON path.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::path::Path;
use topoform::core::export::{export, Layout};
use topoform::core::model::{load, save, LoadErrorKind, CURRENT_VERSION};
use topoform::core::templates::{template, TEMPLATES};

/// The templates of the previous release (format version 1); later ones
/// (layered-ecs) use version 2 kinds and never had a version 1 form.
fn v1_templates() -> impl Iterator<Item = &'static topoform::core::templates::Template> {
    TEMPLATES
        .iter()
        .filter(|t| ["active-passive", "aurora-global", "active-active"].contains(&t.id))
}

fn v1(id: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v1/{id}.json"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_v1_fixtures_are_version_1_files() {
    for t in v1_templates() {
        let v: Value = serde_json::from_str(&v1(t.id)).unwrap();
        assert_eq!(v["version"], 1, "{}", t.id);
        assert_eq!(CURRENT_VERSION, 2);
    }
}

#[test]
fn a_version_1_file_opens_as_the_same_design_and_saves_as_version_2() {
    for t in v1_templates() {
        let old = load(&v1(t.id)).unwrap_or_else(|e| panic!("{} (v1) does not load: {e}", t.id));
        assert_eq!(old.version, 2, "{}", t.id);
        assert_eq!(
            old,
            t.design().unwrap(),
            "{}: the v1 file means something else than the v2 template",
            t.id
        );
        assert_eq!(
            save(&old),
            t.json,
            "{}: a v1 file saves as the v2 template",
            t.id
        );
    }
}

#[test]
fn a_version_1_file_re_exports_byte_identically_apart_from_the_design_copy() {
    for t in v1_templates() {
        let old = load(&v1(t.id)).unwrap();
        let new = t.design().unwrap();
        for layout in [Layout::PerRegion, Layout::SingleRoot] {
            let a = export(&old, layout).unwrap();
            let b = export(&new, layout).unwrap();
            assert_eq!(a.len(), b.len(), "{} {layout:?}", t.id);
            for (fa, fb) in a.iter().zip(&b) {
                assert_eq!(fa.path, fb.path);
                if fa.path == "topoform.json" {
                    // The design itself: the v2 form, new defaults written out.
                    assert_eq!(fa.contents, t.json, "{} {layout:?}", t.id);
                } else {
                    assert!(
                        fa.contents == fb.contents,
                        "{} {layout:?}: {} differs",
                        t.id,
                        fa.path
                    );
                }
            }
        }
    }
}

#[test]
fn the_migration_writes_the_defaults_that_keep_the_meaning() {
    let old: Value = serde_json::from_str(&v1("aurora-global")).unwrap();
    assert!(
        !old.to_string().contains("backup_retention_days"),
        "the v1 file has no Aurora retention (nor RDS)"
    );
    let d = load(&old.to_string()).unwrap();
    let text: Value = serde_json::from_str(&save(&d)).unwrap();
    let auroras: Vec<&Value> = text["regions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["vpcs"].as_array().unwrap())
        .flat_map(|v| v["nodes"].as_array().unwrap())
        .filter(|n| n["kind"] == "aurora")
        .collect();
    assert!(!auroras.is_empty());
    for a in auroras {
        // Every version 1 Aurora cluster was exported with 7 days of backups.
        assert_eq!(
            (&a["backup_retention_days"], &a["database_name"]),
            (&json!(7), &Value::Null),
            "{a}"
        );
    }
    assert_eq!(text["dns"]["zone_id"], Value::Null);
    assert_eq!(text["objectives"], json!({}));
    assert!(
        text["state"].get("buckets").is_none(),
        "no per-region names: <bucket>-<region code> as before"
    );
}

#[track_caller]
fn assert_error(v: &Value, kind: LoadErrorKind, path: &str, message_has: &str) {
    let e = load(&v.to_string()).expect_err("this design must not load");
    assert_eq!(
        (e.kind, e.path.as_str()),
        (kind, path),
        "message: {}",
        e.message
    );
    assert!(
        e.message.contains(message_has),
        "message {:?} should mention {message_has:?}",
        e.message
    );
}

#[test]
fn a_version_3_file_is_refused_with_a_message() {
    let mut v: Value = serde_json::from_str(template("active-passive").unwrap().json).unwrap();
    v["version"] = json!(3);
    assert_error(
        &v,
        LoadErrorKind::TooNew,
        "version",
        "newer Topoform (format version 3); this one reads versions up to 2",
    );
}

#[test]
fn a_version_1_file_with_a_version_2_field_is_refused() {
    let base: Value = serde_json::from_str(&v1("aurora-global")).unwrap();
    type Edit = fn(&mut Value);
    let cases: Vec<(Edit, &str)> = vec![
        (
            |v| v["objectives"] = json!({}),
            "objectives is a version 2 field",
        ),
        (
            |v| v["state"]["buckets"] = json!({}),
            "state.buckets is a version 2 field",
        ),
        (
            |v| v["dns"]["zone_id"] = json!("Z1"),
            "dns.zone_id is a version 2 field",
        ),
        (
            |v| v["regions"][0]["vpcs"][0]["nodes"][2]["database_name"] = json!("app"),
            "regions[0].vpcs[0].nodes[2].database_name is a version 2 field",
        ),
    ];
    for (edit, says) in cases {
        let mut v = base.clone();
        edit(&mut v);
        assert_error(&v, LoadErrorKind::Version, "", says);
        v["version"] = json!(2);
        assert!(
            load(&v.to_string()).is_ok(),
            "the same file as version 2 loads: {says}"
        );
    }
}

/// A template's version 2 JSON, to break in one place per case.
fn v2(id: &str) -> Value {
    serde_json::from_str(template(id).unwrap().json).unwrap()
}

fn node_path(v: &Value, kind: &str) -> (String, Vec<usize>) {
    for (ri, r) in v["regions"].as_array().unwrap().iter().enumerate() {
        for (ni, n) in r["nodes"].as_array().unwrap().iter().enumerate() {
            if n["kind"] == kind {
                return (format!("regions[{ri}].nodes[{ni}]"), vec![ri, ni]);
            }
        }
        for (vi, vpc) in r["vpcs"].as_array().unwrap().iter().enumerate() {
            for (ni, n) in vpc["nodes"].as_array().unwrap().iter().enumerate() {
                if n["kind"] == kind {
                    return (
                        format!("regions[{ri}].vpcs[{vi}].nodes[{ni}]"),
                        vec![ri, vi, ni],
                    );
                }
            }
        }
    }
    panic!("no {kind} node")
}

fn node_mut<'a>(v: &'a mut Value, at: &[usize]) -> &'a mut Value {
    match at {
        [r, n] => &mut v["regions"][*r]["nodes"][*n],
        [r, vp, n] => &mut v["regions"][*r]["vpcs"][*vp]["nodes"][*n],
        _ => unreachable!(),
    }
}

#[test]
fn bad_values_of_the_new_node_fields_name_their_path() {
    for (tpl, kind, field, bad, says) in [
        (
            "active-passive",
            "rds",
            "max_storage_gb",
            json!(-5),
            "must be a whole number from 0 to 4294967295, found -5",
        ),
        (
            "active-passive",
            "rds",
            "max_storage_gb",
            json!("lots"),
            "must be a whole number from 0 to 4294967295, found the text \"lots\"",
        ),
        (
            "active-passive",
            "rds",
            "max_storage_gb",
            json!(1.5),
            "must be a whole number from 0 to 4294967295, found 1.5",
        ),
        // An outside design wrote 2048.0: refused, and the message said
        // "found 2048".
        (
            "active-passive",
            "rds",
            "max_storage_gb",
            json!(2048.0),
            "must be a whole number from 0 to 4294967295, found 2048.0",
        ),
        (
            "aurora-global",
            "aurora",
            "database_name",
            json!(7),
            "invalid type",
        ),
        (
            "aurora-global",
            "aurora",
            "backup_retention_days",
            json!(null),
            "must be a whole number from 0 to",
        ),
        (
            "aurora-global",
            "aurora",
            "backup_retention_days",
            json!(-1),
            "must be a whole number from 0 to",
        ),
        (
            "active-active",
            "dynamodb",
            "ttl_attribute",
            json!(["expires"]),
            "invalid type",
        ),
    ] {
        let mut v = v2(tpl);
        let (path, at) = node_path(&v, kind);
        node_mut(&mut v, &at)[field] = bad;
        assert_error(&v, LoadErrorKind::Schema, &format!("{path}.{field}"), says);
    }
}

#[test]
fn the_new_node_fields_may_be_left_out_of_a_version_2_file() {
    for (tpl, kind, field) in [
        ("active-passive", "rds", "max_storage_gb"),
        ("aurora-global", "aurora", "database_name"),
        ("aurora-global", "aurora", "backup_retention_days"),
        ("active-active", "dynamodb", "ttl_attribute"),
    ] {
        let mut v = v2(tpl);
        let (_, at) = node_path(&v, kind);
        node_mut(&mut v, &at).as_object_mut().unwrap().remove(field);
        let d = load(&v.to_string()).unwrap_or_else(|e| panic!("{kind}.{field} left out: {e}"));
        assert_eq!(
            d,
            template(tpl).unwrap().design().unwrap(),
            "{kind}.{field} left out takes its default"
        );
    }
}

#[test]
fn bad_values_of_the_new_design_fields_name_their_path() {
    let cases = [
        ("dns", "zone_id", json!(12), "dns.zone_id", "invalid type"),
        (
            "state",
            "buckets",
            json!(["a"]),
            "state.buckets",
            "invalid type",
        ),
        (
            "state",
            "buckets",
            json!({"us-east-1": 5}),
            "state.buckets.us-east-1",
            "invalid type",
        ),
        (
            "",
            "objectives",
            json!({"region": {"rto_seconds": -1}}),
            "objectives.region.rto_seconds",
            "must be a whole number from 0 to 4294967295, found -1",
        ),
        (
            "",
            "objectives",
            json!({"az": {"rpo_seconds": 0.5}}),
            "objectives.az.rpo_seconds",
            "must be a whole number from 0 to 4294967295, found 0.5",
        ),
        (
            "",
            "objectives",
            json!({"az": {"rpo": 5}}),
            "objectives.az.rpo",
            "unknown field `rpo`",
        ),
        (
            "",
            "objectives",
            json!({"zone": {}}),
            "objectives.zone",
            "unknown field `zone`",
        ),
        (
            "",
            "objectives",
            json!({"region": 600}),
            "objectives.region",
            "invalid type",
        ),
    ];
    for (parent, field, bad, path, says) in cases {
        let mut v = v2("active-passive");
        if parent.is_empty() {
            v[field] = bad;
        } else {
            v[parent][field] = bad;
        }
        assert_error(&v, LoadErrorKind::Schema, path, says);
    }
}

#[test]
fn every_new_field_round_trips() {
    let mut v = v2("aurora-global");
    v["objectives"] = json!({"region": {"rto_seconds": 600, "rpo_seconds": 5}, "az": {"rto_seconds": 120, "rpo_seconds": 0}});
    v["state"]["buckets"] = json!({"us-east-1": "media-state-east"});
    v["dns"]["zone_id"] = json!("Z0123456789ABCDEFGHIJ");
    let (_, at) = node_path(&v, "aurora");
    node_mut(&mut v, &at)["database_name"] = json!("orders");
    node_mut(&mut v, &at)["backup_retention_days"] = json!(14);
    let d = load(&v.to_string()).unwrap();
    assert_eq!(
        d.objectives.region.as_ref().and_then(|o| o.rto_seconds),
        Some(600)
    );
    assert_eq!(
        d.objectives.az.as_ref().and_then(|o| o.rpo_seconds),
        Some(0)
    );
    assert_eq!(
        d.state.buckets.get("us-east-1").map(String::as_str),
        Some("media-state-east")
    );
    assert_eq!(load(&save(&d)).unwrap(), d);
    let only_rto = json!({"region": {"rto_seconds": 600}});
    v["objectives"] = only_rto.clone();
    let saved: Value = serde_json::from_str(&save(&load(&v.to_string()).unwrap())).unwrap();
    assert_eq!(saved["objectives"], only_rto, "unset numbers stay unset");
}

#[test]
fn a_version_1_autosave_is_restored_as_version_2() {
    use topoform::core::autosave::{restore, Restore};
    for t in v1_templates() {
        match restore(Some(&v1(t.id)), 1) {
            Restore::Design(d) => assert_eq!((d.version, *d), (2, t.design().unwrap()), "{}", t.id),
            other => panic!("{}: a v1 autosave must restore: {other:?}", t.id),
        }
    }
}
