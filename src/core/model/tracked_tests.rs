//! `tracked::read` against the reader it replaced: serde_path_to_error over
//! serde_json's `Value` deserializer (a dev-dependency for this test only).
//! The starter designs are broken in every place (each value swapped for a
//! value of another JSON type, the types taking turns; an unknown key added
//! to each object; each key removed), and both readers must give the same
//! design or the same path and message.

use super::read;
use crate::core::model::{Alb, Asg, Aurora, Design, Dynamodb, Ecs, Elasticache, Rds, S3};
use crate::core::templates::TEMPLATES;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::fmt::Debug;

/// What the loader did with serde_path_to_error, up to the nested-node split.
fn reference<T: DeserializeOwned>(v: &Value) -> Result<T, (String, String)> {
    use serde_path_to_error::Segment;
    serde_path_to_error::deserialize(v.clone()).map_err(|e| {
        let mut path = String::new();
        for segment in e.path().iter() {
            let step = match segment {
                Segment::Seq { index } => {
                    path.push_str(&format!("[{index}]"));
                    continue;
                }
                Segment::Map { key } => crate::core::text::short(key).to_string(),
                Segment::Enum { variant } => crate::core::text::short(variant).to_string(),
                Segment::Unknown => "?".to_string(),
            };
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&step);
        }
        (path, e.into_inner().to_string())
    })
}

fn same<T: DeserializeOwned + PartialEq + Debug>(v: &Value) -> usize {
    let new = read::<T>(v);
    let old = reference::<T>(v);
    // The one deliberate difference: serde_json reads a struct from an
    // array of its fields; the reader refuses an array where an object
    // belongs, at that place (the old reader failed there or inside it).
    if let (Err((path, message)), Err((old_path, _))) = (&new, &old) {
        if message.starts_with("invalid type: sequence, expected struct")
            && old_path.starts_with(path.as_str())
        {
            return 1;
        }
    }
    // The other: a number field given something else, or a number out of
    // its type's range, is worded for people, at the same place.
    if let (Err((path, message)), Err((old_path, old_message))) = (&new, &old) {
        let number_type = ["u8", "u16", "u32", "u64", "usize", "i32", "i64", "f64"]
            .iter()
            .any(|t| old_message.ends_with(&format!(", expected {t}")));
        if number_type && path == old_path {
            assert!(
                message.starts_with("must be a whole number from ")
                    || message.starts_with("must be a number, "),
                "{message} (was {old_message})"
            );
            assert!(
                !message.contains("expected u") && !message.contains("expected i"),
                "{message}"
            );
            return 1;
        }
    }
    assert_eq!(new, old, "the readers differ on {v}");
    usize::from(new.is_err())
}

/// Every value in `v`, each broken every way, through `check`.
fn break_everywhere(v: &Value, check: &mut dyn FnMut(&Value) -> usize) -> usize {
    let wrong = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(4294967296u64),
        json!("x"),
        json!([1]),
        json!({"a": 1}),
    ];
    let mut errors = 0;
    let mut slots = Vec::new();
    collect(v, &mut Vec::new(), &mut slots);
    for (i, slot) in slots.iter().enumerate() {
        // One wrong value per place, taking turns, keeps the test fast.
        let mut m = v.clone();
        *at(&mut m, slot) = wrong[i % wrong.len()].clone();
        errors += check(&m);
        let mut m = v.clone();
        let keys: Vec<String> = match at(&mut m, slot) {
            Value::Object(o) => {
                o.insert("zz_unknown".into(), json!(1));
                o.keys().filter(|k| *k != "zz_unknown").cloned().collect()
            }
            _ => continue,
        };
        errors += check(&m);
        for k in keys {
            let mut m = v.clone();
            if let Value::Object(o) = at(&mut m, slot) {
                o.shift_remove(&k);
            }
            errors += check(&m);
        }
    }
    errors
}

fn collect(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    let children: Vec<(Value, &Value)> = match v {
        Value::Array(a) => a.iter().enumerate().map(|(i, c)| (json!(i), c)).collect(),
        Value::Object(o) => o.iter().map(|(k, c)| (json!(k), c)).collect(),
        _ => Vec::new(),
    };
    for (step, child) in children {
        here.push(step);
        collect(child, here, out);
        here.pop();
    }
}

fn at<'a>(v: &'a mut Value, slot: &[Value]) -> &'a mut Value {
    slot.iter().fold(v, |v, step| match step {
        Value::Number(i) => &mut v[i.as_u64().unwrap_or(0) as usize],
        Value::String(k) => &mut v[k.as_str()],
        _ => unreachable!("steps are indices and keys"),
    })
}

fn check_node(node: &Value) -> usize {
    let mut rest = node.clone();
    let kind = rest.as_object_mut().and_then(|o| o.shift_remove("kind"));
    let kind = kind
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    fn each<T: DeserializeOwned + PartialEq + Debug>(rest: &Value) -> usize {
        same::<T>(rest) + break_everywhere(rest, &mut |m| same::<T>(m))
    }
    match kind.as_str() {
        "alb" => each::<Alb>(&rest),
        "asg" => each::<Asg>(&rest),
        "rds" => each::<Rds>(&rest),
        "aurora" => each::<Aurora>(&rest),
        "ecs" => each::<Ecs>(&rest),
        "elasticache" => each::<Elasticache>(&rest),
        "s3" => each::<S3>(&rest),
        "dynamodb" => each::<Dynamodb>(&rest),
        other => panic!("a template holds a node of kind {other:?}"),
    }
}

#[test]
fn reads_and_refuses_exactly_as_serde_path_to_error_did() {
    let mut errors = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for t in TEMPLATES {
        let doc: Value = serde_json::from_str(t.json).expect("a template is JSON");
        assert_eq!(same::<Design>(&doc), 0, "{} reads", t.id);
        // The design outside its nodes (whose reading `node.rs` dispatches
        // on `kind` to `read` itself), then each node's own fields.
        let mut outside = doc.clone();
        let mut nodes = Vec::new();
        for region in outside["regions"].as_array_mut().into_iter().flatten() {
            nodes.extend(
                region["nodes"]
                    .as_array_mut()
                    .map(std::mem::take)
                    .into_iter()
                    .flatten(),
            );
            for vpc in region["vpcs"].as_array_mut().into_iter().flatten() {
                nodes.extend(
                    vpc["nodes"]
                        .as_array_mut()
                        .map(std::mem::take)
                        .into_iter()
                        .flatten(),
                );
            }
        }
        errors += break_everywhere(&outside, &mut |m| same::<Design>(m));
        for node in &nodes {
            // The first node of each kind: the others repeat its fields.
            if kinds.insert(node["kind"].as_str().unwrap_or_default().to_string()) {
                errors += check_node(node);
            }
        }
    }
    assert_eq!(
        kinds.len(),
        8,
        "the templates hold every kind of node: {kinds:?}"
    );
    assert!(errors > 300, "only {errors} broken designs were refused");
}

#[test]
fn an_array_where_an_object_belongs_is_refused_at_its_place() {
    let text = crate::core::model::save(&TEMPLATES[0].design().expect("a template loads"));
    let mut v: Value = serde_json::from_str(&text).expect("saved text is JSON");
    let region = v["regions"][0].clone();
    let fields: Vec<Value> = region
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, f)| f.clone())
        .collect();
    v["regions"][0] = Value::Array(fields);
    let (path, message) = read::<Design>(&v).expect_err("a region written as an array");
    assert_eq!(path, "regions[0]");
    assert!(
        message.starts_with("invalid type: sequence, expected struct"),
        "{message}"
    );
}
