//! Every bundled exercise (public/exercises/) is graded: its start scores
//! below 100, its solution scores 100, and exactly the goals its brief asks
//! the student to fix fail on the start, each for the reason the brief gives.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::{Path, PathBuf};
use topoform::core::exercise::{grade, load, Exercise};
use topoform::core::share::{exercise_fragment, open_exercise};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/exercises")
}

/// Per exercise, in picker order: the goals that fail on the start, each
/// with a piece of the message that says why (the brief's reason).
const EXPECTED: &[(&str, &[(&str, &str)])] = &[
    (
        "overlap-peer",
        &[("no-overlap", "NET-10"), ("clean", "NET-10")],
    ),
    (
        "two-az-dr",
        &[("real-azs", "usw1-az2"), ("clean", "NET-09")],
    ),
    (
        "encrypted-replica",
        &[
            ("match", "RDS-08"),
            ("encrypted", "RDS-12"),
            ("clean", "RDS-08"),
        ],
    ),
    (
        "failover-health",
        &[("health-check", "has no health check")],
    ),
    (
        "state-per-region",
        &[("state-away", "TF-05"), ("clean", "TF-05")],
    ),
    (
        "iam-collision",
        &[
            ("unique-roles", "saas-prod-api-task-us-west-2"),
            ("clean", "IAM-01"),
        ],
    ),
    (
        "survive-use1",
        &[
            ("survive", "does not recover"),
            ("two-regions", "region: 1 found; needs at least 2"),
            ("replica", "no rds is linked to a rds in another region"),
        ],
    ),
    (
        "aurora-rpo",
        &[
            (
                "global",
                "no aurora is linked to an aurora in another region",
            ),
            ("rpo", "over the 5 s allowed"),
            ("no-rds", "rds: 2 found; needs at most 0"),
        ],
    ),
    (
        "active-active-global",
        &[
            (
                "latency",
                "latency record: 0 found; needs at least 1 (api routes by weighted)",
            ),
            ("global-table", "no dynamodb is linked"),
            ("survive", "sessions do not come back"),
        ],
    ),
    ("dr-budget", &[("budget", "over the $1,000 budget")]),
];

fn exercise(id: &str) -> (String, Exercise) {
    let text = std::fs::read_to_string(dir().join(format!("{id}.json"))).expect(id);
    let ex = load(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(ex.id, id, "the file name is the id");
    (text, ex)
}

#[test]
fn every_exercise_fails_on_its_start_for_the_briefs_reasons_and_its_solution_scores_100() {
    for (id, failing) in EXPECTED {
        let (_, ex) = exercise(id);
        let start = grade(&ex, &ex.start_design());
        assert!(start.score < 100, "{id}: the start scores {}", start.score);
        assert_eq!(
            start.failed(),
            failing.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
            "{id}: {start:#?}"
        );
        for (goal, why) in *failing {
            let r = start.goals.iter().find(|g| g.id == *goal).unwrap();
            assert!(
                r.message.contains(why),
                "{id}/{goal}: {:?} lacks {why:?}",
                r.message
            );
        }
        let solution = ex
            .solution
            .as_ref()
            .unwrap_or_else(|| panic!("{id} has no solution"));
        let done = grade(&ex, solution);
        assert_eq!(done.score, 100, "{id}: {done:#?}");
        assert!(done.passed);
        assert!(!ex.hints.is_empty() && ex.brief.starts_with("# "), "{id}");
    }
}

#[test]
fn the_picker_index_lists_every_exercise_file_once_in_order() {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("index.json")).unwrap()).unwrap();
    let listed: Vec<&str> = index["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        EXPECTED.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
    for e in index["exercises"].as_array().unwrap() {
        let (id, file) = (e["id"].as_str().unwrap(), e["file"].as_str().unwrap());
        assert_eq!(file, format!("{id}.json"));
        assert_eq!(e["title"], exercise(id).1.title.as_str());
        assert!(["easy", "medium", "hard"].contains(&e["level"].as_str().unwrap()));
    }
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f != "index.json")
        .collect();
    files.sort();
    let mut expected: Vec<String> = EXPECTED
        .iter()
        .map(|(id, _)| format!("{id}.json"))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
}

#[test]
fn every_exercise_shares_as_a_short_link_without_its_solution() {
    for (id, _) in EXPECTED {
        let (text, ex) = exercise(id);
        let frag = exercise_fragment(&text).unwrap();
        assert!(frag.len() < 8_000, "{id}: {} characters", frag.len());
        let opened = open_exercise(&frag).unwrap();
        assert!(opened.solution.is_none(), "{id}");
        assert_eq!((opened.goals, opened.start), (ex.goals, ex.start), "{id}");
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn texts() -> &'static [String] {
        static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(|| EXPECTED.iter().map(|(id, _)| exercise(id).0).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// A bundled exercise cut short or with one byte changed loads or is
        /// refused with one short error; never a panic (it kills the page).
        #[test]
        fn damaged_exercises_never_panic(which in 0usize..10, at in 0usize..1_000_000, byte in 0u8..128) {
            let text = &texts()[which % EXPECTED.len()];
            let cut = at % text.len();
            if let Some(head) = text.get(..cut) {
                if let Err(e) = load(head) {
                    prop_assert!(e.message.len() <= topoform::core::text::MAX_MESSAGE_BYTES);
                }
            }
            let mut bytes = text.clone().into_bytes();
            bytes[cut] = byte;
            if let Ok(t) = String::from_utf8(bytes) {
                if let Err(e) = load(&t) {
                    prop_assert!(e.message.len() <= topoform::core::text::MAX_MESSAGE_BYTES);
                }
            }
        }
    }
}
