//! Exports apply from empty on moto, and a second plan is clean.
//!
//! Each case hands an export tree to `scripts/apply-on-moto.sh`, which starts
//! its own moto_server on a free port, points Terraform at it through the
//! environment only (the exported files are applied exactly as written),
//! applies every stack in the README's order and then requires
//! `terraform plan -detailed-exitcode` to exit 0 on each. Resources moto
//! cannot emulate (Global Accelerator) are left out by the harness, which
//! prints each one with its reason; those are proved by `terraform validate`
//! alone, in the validate test.
//!
//! Needs `terraform` (1.11), the hashicorp/aws mirror (TOPOFORM_TF_MIRROR or
//! found), `moto_server` and `python3`. Missing tools fail the test; set
//! TOPOFORM_SKIP_APPLY=1 to skip it on purpose (it says so). The harness
//! prints its progress straight to the terminal, so skipped resources show
//! even when the test passes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// One moto and one set of terraform runs at a time: the machine has 2 cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// None when the test should run; Some(reason) when skipped on purpose.
fn skip_reason() -> Option<String> {
    if std::env::var("TOPOFORM_SKIP_APPLY").as_deref() == Ok("1") {
        return Some("TOPOFORM_SKIP_APPLY=1".into());
    }
    for tool in ["terraform", "moto_server", "python3"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        assert!(
            found,
            "`{tool}` is not on PATH: the apply-on-moto test needs terraform, moto_server \
             (pip install 'moto[server]') and python3; set TOPOFORM_SKIP_APPLY=1 to skip it on purpose"
        );
    }
    None
}

/// Runs the harness on `dir`; true when every stack applied and planned clean.
fn apply_on_moto(label: &str, dir: &Path) -> bool {
    eprintln!("\n##### apply on moto: {label} ({})", dir.display());
    let status = Command::new("bash")
        .arg(crate_dir().join("scripts/apply-on-moto.sh"))
        .arg(dir)
        .status()
        .expect("run scripts/apply-on-moto.sh");
    eprintln!("##### {label}: {}", if status.success() { "OK" } else { "FAILED" });
    status.success()
}

#[test]
fn mini_fixture_applies_on_moto() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (mini fixture): {why}");
        return;
    }
    assert!(apply_on_moto("tests/fixtures/apply-mini", &crate_dir().join("tests/fixtures/apply-mini")));
}
