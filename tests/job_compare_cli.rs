//! The export dialog's comparison (the worker's `Since` job) says exactly
//! what `topoform export --since` prints, and writes the same files, for a
//! rename (a bucket's display name, which updates tags in place) together
//! with a move of the buckets into the platform layer's root (`removed` +
//! `import` across states).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::process::Command;
use support::*;
use topoform::core::export::job::{run, Job, Kind, Outcome};
use topoform::core::export::Layout;

fn fixture() -> Value {
    let text = std::fs::read_to_string("tests/fixtures/clean/s3-replication.json").unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["version"] = json!(2);
    v
}

#[test]
fn the_comparison_job_prints_and_writes_what_export_since_does() {
    let old = fixture();
    let mut new = fixture();
    new["state"]["split"] = json!("region_layer");
    let buckets = new["regions"][0]["nodes"].as_array_mut().unwrap();
    let bucket = buckets
        .iter_mut()
        .find(|n| n["id"] == "media")
        .expect("bucket media");
    bucket["name"] = json!("media-assets");
    let (old_text, new_text) = (
        serde_json::to_string(&old).unwrap(),
        serde_json::to_string(&new).unwrap(),
    );
    let dir = temp_dir("job-compare-cli");
    std::fs::write(dir.join("old.json"), &old_text).unwrap();
    std::fs::write(dir.join("new.json"), &new_text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(["export", "new.json", "--out", "out", "--since", "old.json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let (_, cli_summary) = printed
        .split_once("changes since old.json:\n")
        .unwrap_or_else(|| panic!("{printed}"));

    let job = Job {
        layout: Layout::PerRegion,
        design: new_text,
        kind: Kind::Since { old: old_text },
    };
    // Through its JSON, as the page sends it to the worker.
    let job: Job = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
    let Outcome::Compared {
        files, comparison, ..
    } = run(&job).outcome
    else {
        panic!("no comparison");
    };
    assert_eq!(comparison.summary, cli_summary);
    assert!(
        comparison.count("move to another root") >= 1,
        "{}",
        comparison.summary
    );
    assert!(
        comparison.count("update in place") >= 1,
        "the rename: {}",
        comparison.summary
    );
    for f in &files {
        let written = std::fs::read_to_string(dir.join("out").join(&f.path))
            .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        assert_eq!(written, f.contents, "{}", f.path);
    }
    assert!(files
        .iter()
        .any(|f| f.path == "regions/us-west-1/platform/moved.tf"));
    let _ = std::fs::remove_dir_all(&dir);
}
