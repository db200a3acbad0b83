//! Problems name objects as the canvas does: no diagnostic message of any
//! template or invalid fixture holds the id of an object whose canvas title
//! differs from that id (`use1-alb` where the canvas says `web`). Ids stay in
//! `subjects`, which is the CLI's contract.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use topoform::core::layout::canvas_name;
use topoform::core::model::{for_each_object, load, Design};
use topoform::core::templates::TEMPLATES;
use topoform::core::validate::validate;

/// The designs to read: every template and every invalid fixture that loads.
fn designs() -> Vec<(String, Design)> {
    let mut out: Vec<(String, Design)> = TEMPLATES
        .iter()
        .map(|t| {
            (
                format!("template {}", t.id),
                t.design().unwrap_or_else(|e| panic!("{}: {e}", t.id)),
            )
        })
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        if let Ok(d) = load(&std::fs::read_to_string(&p).unwrap()) {
            out.push((
                format!("fixture {}", p.file_stem().unwrap().to_string_lossy()),
                d,
            ));
        }
    }
    out
}

/// The words of `text` as ids and domain names are spelled (`a-z`, `0-9`,
/// `-`, `_`, `.`), without a sentence's closing dot: an id found here stands
/// whole, not inside a longer id, an AZ id or a record's full name.
fn id_words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| {
        !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.')
    })
    .map(|w| w.trim_end_matches('.'))
    .filter(|w| !w.is_empty())
    .collect()
}

#[test]
fn no_message_names_an_object_by_an_id_the_canvas_does_not_show() {
    let mut failures = Vec::new();
    let mut messages = 0;
    for (what, d) in designs() {
        // Ids whose object the canvas titles otherwise; an id that is also
        // some object's title (or the design's name) may appear as that.
        let mut titles = BTreeSet::new();
        let mut ids = Vec::new();
        for_each_object(&d, |o| {
            let title = canvas_name(&d, &o);
            titles.insert(title.clone());
            ids.push((o.id().to_string(), title));
        });
        titles.insert(d.name.clone());
        titles.insert(d.environment.clone());
        let hidden: Vec<(String, String)> = ids
            .into_iter()
            .filter(|(id, title)| id != title && !titles.contains(id))
            .collect();
        for diag in validate(&d) {
            messages += 1;
            let words = id_words(&diag.message);
            for (id, title) in hidden.iter().filter(|(id, _)| words.contains(id.as_str())) {
                failures.push(format!(
                    "{what}: {} names {id} (the canvas says {title}): {}",
                    diag.rule, diag.message
                ));
            }
        }
    }
    assert!(messages > 50, "only {messages} messages read");
    assert!(
        failures.is_empty(),
        "{} messages name ids:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn names_that_repeat_are_told_apart_by_region() {
    let d = TEMPLATES
        .iter()
        .find(|t| t.id == "active-passive")
        .unwrap()
        .design()
        .unwrap();
    let ctx = topoform::core::validate::Ctx::new(&d);
    let albs: Vec<String> = d
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .filter(|n| n.kind() == topoform::core::model::NodeKind::Alb)
        .map(|n| ctx.name_of(n.id()))
        .collect();
    assert_eq!(albs.len(), 2, "{albs:?}");
    assert_ne!(albs[0], albs[1], "two load balancers read alike: {albs:?}");
    assert!(
        albs.iter()
            .all(|a| a.contains(" in us-") || a.contains(" in eu-")),
        "{albs:?}"
    );
    assert_eq!(ctx.name_of("use1"), "us-east-1");
    assert_eq!(ctx.name_of("no-such-id"), "no-such-id");
}
