//! checkov finds no failed check in any template's export. Deliberate
//! exceptions are `#checkov:skip` comments on the resource, with the reason,
//! and are listed in the export's README.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::process::Command;
use support::*;
use topoform::core::export::{export, Layout};
use topoform::core::templates::TEMPLATES;

#[test]
fn checkov_passes_every_template_export() {
    let venv = std::path::PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".venvs/checkov/bin/checkov");
    let checkov = which("checkov").or_else(|| venv.is_file().then_some(venv)).expect("checkov is installed by scripts/setup.sh");
    for t in TEMPLATES {
        let dir = temp_dir(&format!("checkov-{}", t.id));
        let files = export(&t.design().unwrap(), Layout::PerRegion).unwrap();
        write(&dir, &files);
        let out = Command::new(&checkov)
            .args(["-d", dir.to_str().unwrap(), "--framework", "terraform", "--quiet", "--compact", "-o", "json"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let report: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: checkov output is not JSON ({e}): {text}", t.id));
        let failed = report["summary"]["failed"].as_u64().unwrap_or(u64::MAX);
        let passed = report["summary"]["passed"].as_u64().unwrap_or(0);
        let skipped = report["summary"]["skipped"].as_u64().unwrap_or(0);
        println!("checkov {}: {passed} passed, {failed} failed, {skipped} skipped (documented)", t.id);
        assert_eq!(failed, 0, "{}: checkov failures:\n{}", t.id, serde_json::to_string_pretty(&report["results"]["failed_checks"]).unwrap());
        assert!(passed > 50, "{}: checkov ran only {passed} checks", t.id);
        let readme = &files.iter().find(|f| f.path == "README.md").unwrap().contents;
        for id in report["results"]["skipped_checks"].as_array().into_iter().flatten().filter_map(|c| c["check_id"].as_str()) {
            assert!(readme.contains(id), "{}: skipped {id} is not listed in the README", t.id);
        }
    }
}

fn which(cmd: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| std::path::Path::new(d).join(cmd)).find(|p| p.is_file())
}
