//! The cost estimate's every figure and text, pinned by digest: the CLI's
//! JSON (`topoform cost --format json`: the estimate with its `tiers`), its
//! text report, the export README's "What it costs" section, and what the
//! app's panel reads beyond those (each object's monthly cost). Recorded
//! before the estimator was restructured for speed (issue 15), so a change
//! to any figure or any `what`/`note` text fails here by design name.
//!
//! When a change of output is intended (a new price, a reworded item),
//! rerun with `--nocapture`, check the diff of the CLI's output, and update
//! the digests below.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;
use topoform::core::cost::{estimate, report, tiers_of, Estimate, Tiers};
use topoform::core::model::Design;

/// (design, FNV-1a 64 of its outputs), recorded 2026-12-03 on the estimator
/// that formatted every item's text while costing.
const DIGESTS: &[(&str, &str)] = &[
    ("active-passive", "b1bd1f88843109ce"),
    ("aurora-global", "fd1a1473bd0ea165"),
    ("active-active", "23fa2a9ffd83f281"),
    ("layered-ecs", "9a167bfd63d7a716"),
    ("accelerator-aurora-mysql", "961bfef784f2c30a"),
    // Added 2026-12-06 with the fixture (a new design, not a change).
    ("accelerator-primary-only-failover", "06f8f78072f5df39"),
    ("dynamodb-global-three-regions", "f3e08e3f08ce567c"),
    ("ecs-service", "1ed83faafe146986"),
    ("elasticache", "5f5757e302845294"),
    ("headless-aurora-layered-eu", "9963e48f35e9d810"),
    ("http-failover-mysql", "d6a2336330573a9d"),
    ("layers", "e8097f8ba3d4f486"),
    ("odd-names", "ed5a3fa51abb9142"),
    ("peering-geolocation", "a947f75357f8f1ed"),
    (
        "relay-cascade-two-way-replication-geo-accelerator",
        "11d279c92b710553",
    ),
    ("s3-replication", "305ffd78b7fd4b79"),
    ("seed000-geolocation", "fcb706a1df1a187d"),
    ("three-region-rds-replicas", "2e8b56bec566feeb"),
    ("v2-settings", "bca7563eb6886991"),
    ("weighted-mariadb", "2fa456872d7c4fc3"),
    (
        "ecs-pair-dotted-accelerator-outside-replica",
        "6cd80d0d4907af99",
    ),
    // Added 2026-12-06 with the fixture (an outside design, not a change).
    ("opt-in-telaviv-three-engines", "d905a46bc812f289"),
    ("warned-failover-primary-unchecked", "45b723a0462dfe0b"),
    ("warned-subnet-in-use1-az3", "230dab5b1e0e1011"),
    ("seeds/seed000-active-passive", "5447b6a3698e9bf8"),
    ("seeds/seed001-tokyo-standby", "cb6098c8f0addece"),
    ("seeds/seed002-route53-failover", "9596e321eaa13aad"),
    ("seeds/seed003-aurora-ecs", "299f17bd0b0e2ef9"),
    ("stress", "48257da1f956d7b9"),
];

/// FNV-1a, 64 bits: stable across platforms and Rust versions.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x100_0000_01b3);
    }
    // A separator, so moving bytes between outputs changes the digest.
    *h ^= 0xff;
    *h = h.wrapping_mul(0x100_0000_01b3);
}

/// The CLI's JSON document: the estimate with `tiers` appended (with
/// `preserve_order`, the key src/bin/topoform/cost.rs inserts comes last).
/// Written straight to a string: the stress design's `Value` tree takes
/// seconds in a debug build. `check` builds it the CLI's way too and
/// compares.
fn cli_json(e: &Estimate, t: &Tiers, check: bool) -> String {
    let mut s = serde_json::to_string(e).expect("the estimate serializes");
    s.pop();
    s.push_str(",\"tiers\":");
    s.push_str(&serde_json::to_string(t).expect("the tiers serialize"));
    s.push('}');
    if check {
        let mut v = serde_json::to_value(e).expect("the estimate serializes");
        let tv = serde_json::to_value(t).expect("the tiers serialize");
        v.as_object_mut()
            .expect("an object")
            .insert("tiers".into(), tv);
        assert_eq!(s, v.to_string(), "the CLI's JSON, built its way");
    }
    s
}

/// Everything a user can see of the design's cost, in one digest.
fn digest(name: &str, d: &Design) -> String {
    let e = estimate(d);
    let t = tiers_of(d, &e);
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    fnv(&mut h, cli_json(&e, &t, name != "stress").as_bytes());
    fnv(&mut h, report::text(name, &e, &t).as_bytes());
    fnv(&mut h, report::readme_section(&e, &t).as_bytes());
    // The inspector's figure for the objects with the biggest items (its
    // sum reads only the items, pinned above; every object of the stress
    // design would make this test quadratic).
    let mut seen = std::collections::HashSet::new();
    for i in &e.items {
        if seen.len() < 64 && seen.insert(i.subject) {
            fnv(
                &mut h,
                format!("{}={}", i.subject, e.of_object(i.subject)).as_bytes(),
            );
        }
    }
    format!("{h:016x}")
}

fn designs() -> Vec<(String, Design)> {
    let mut out = support::clean_designs();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let name = format!(
            "seeds/{}",
            p.file_stem().unwrap_or_default().to_string_lossy()
        );
        let text = std::fs::read_to_string(&p).expect("a seed fixture reads");
        let d = topoform::core::model::load(&text)
            .unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        out.push((name, d));
    }
    out.push(("stress".into(), topoform::core::stress::stress_design()));
    out
}

#[test]
fn every_figure_and_text_is_unchanged() {
    let got: Vec<(String, String)> = designs()
        .into_iter()
        .map(|(name, d)| {
            let g = digest(&name, &d);
            (name, g)
        })
        .collect();
    for (name, g) in &got {
        println!("    (\"{name}\", \"{g}\"),");
    }
    assert!(got.len() >= 14, "too few designs: {}", got.len());
    let changed: Vec<String> = got
        .iter()
        .filter_map(|(name, g)| {
            let want = DIGESTS.iter().find(|(n, _)| n == name).map(|(_, w)| *w);
            (want != Some(g.as_str())).then(|| format!("{name}: {want:?} -> {g}"))
        })
        .collect();
    assert!(
        changed.is_empty(),
        "cost output changed (or a design has no recorded digest):\n{}",
        changed.join("\n")
    );
    assert_eq!(got.len(), DIGESTS.len(), "a recorded design is gone");
}
