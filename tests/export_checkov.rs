//! checkov finds no failed check in the export of any design that checks
//! clean: every template and every fixture in tests/fixtures/clean, in both
//! layouts. Deliberate exceptions are `#checkov:skip` comments on the
//! resource (or on the module call, when the design asks for them), with
//! the reason, and each skipped id is listed in the export's README.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::process::Command;
use std::sync::Mutex;
use support::*;
use topoform::core::export::{export, ExportFile, Layout};

/// checkov from TOPOFORM_CHECKOV, PATH or the venv scripts/setup.sh makes.
fn checkov() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("TOPOFORM_CHECKOV") {
        return p.into();
    }
    let venv = std::path::PathBuf::from(std::env::var("HOME").unwrap_or_default())
        .join(".venvs/checkov/bin/checkov");
    which("checkov")
        .or_else(|| venv.is_file().then_some(venv))
        .expect("checkov is installed by scripts/setup.sh")
}

/// One export tree to scan.
struct Tree {
    label: String,
    files: Vec<ExportFile>,
}

/// Scans one tree: Ok(summary line) or Err(what failed).
fn scan(checkov: &std::path::Path, tree: &Tree) -> Result<String, String> {
    let dir = temp_dir(&format!("checkov-{}", tree.label));
    write(&dir, &tree.files);
    let out = Command::new(checkov)
        .args([
            "-d",
            dir.to_str().unwrap_or_default(),
            "--framework",
            "terraform",
            "--compact",
            "--skip-download",
            "-o",
            "json",
        ])
        .env("BC_SKIP_MAPPING", "TRUE")
        .output()
        .map_err(|e| format!("{}: checkov did not run: {e}", tree.label))?;
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: checkov output is not JSON ({e}): {text}", tree.label))?;
    let failed = report["summary"]["failed"].as_u64().unwrap_or(u64::MAX);
    let passed = report["summary"]["passed"].as_u64().unwrap_or(0);
    let skipped = report["summary"]["skipped"].as_u64().unwrap_or(0);
    let line = format!(
        "checkov {}: {passed} passed, {failed} failed, {skipped} skipped (documented)",
        tree.label
    );
    if failed != 0 {
        let checks: Vec<String> = report["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                format!(
                    "  {} {} ({})",
                    c["check_id"].as_str().unwrap_or("?"),
                    c["resource"].as_str().unwrap_or("?"),
                    c["file_path"].as_str().unwrap_or("?")
                )
            })
            .collect();
        return Err(format!("{line}\n{}", checks.join("\n")));
    }
    if passed <= 50 {
        return Err(format!("{line}: checkov ran only {passed} checks"));
    }
    // The skips are in the report (checkov drops them with --quiet), so the README check below sees them.
    let listed = report["results"]["skipped_checks"]
        .as_array()
        .map(|a| a.len() as u64)
        .unwrap_or(0);
    if listed != skipped {
        return Err(format!(
            "{line}: the report lists {listed} of its {skipped} skipped checks"
        ));
    }
    let readme = tree
        .files
        .iter()
        .find(|f| f.path == "README.md")
        .map(|f| f.contents.as_str())
        .unwrap_or_default();
    for id in report["results"]["skipped_checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["check_id"].as_str())
    {
        if !readme.contains(&format!("`{id}`")) {
            return Err(format!(
                "{}: skipped {id} is not listed in the README",
                tree.label
            ));
        }
    }
    Ok(line)
}

#[test]
fn checkov_passes_every_clean_export_in_both_layouts() {
    let checkov = checkov();
    let mut trees = Vec::new();
    for (id, design) in clean_designs() {
        for (layout, name) in [
            (Layout::PerRegion, "per-region"),
            (Layout::SingleRoot, "single-root"),
        ] {
            let files = export(&design, layout).unwrap_or_else(|e| panic!("{id} {name}: {e}"));
            trees.push(Tree {
                label: format!("{id}-{name}"),
                files,
            });
        }
    }
    let total = trees.len();
    // Two scans at a time: checkov is single-threaded and the machine is shared.
    let queue = Mutex::new(trees);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let Some(tree) = queue.lock().unwrap_or_else(|e| e.into_inner()).pop() else {
                    break;
                };
                let r = scan(&checkov, &tree);
                match &r {
                    Ok(line) | Err(line) => println!("{line}"),
                }
                results.lock().unwrap_or_else(|e| e.into_inner()).push(r);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    assert_eq!(results.len(), total, "every tree was scanned");
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {total} trees fail checkov:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn which(cmd: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| std::path::Path::new(d).join(cmd))
        .find(|p| p.is_file())
}
