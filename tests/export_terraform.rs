//! Every template and every clean fixture (tests/fixtures/clean), in both
//! layouts, exports to Terraform that passes `terraform fmt -check` and
//! `terraform validate` against hashicorp/aws 5.100 (offline, from the
//! provider mirror on the machine).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;
use topoform::core::export::{export, Layout};

#[test]
fn clean_designs_pass_fmt_and_validate_in_both_layouts() {
    for (id, design) in clean_designs() {
        for (layout, name) in [(Layout::PerRegion, "per-region"), (Layout::SingleRoot, "single-root")] {
            let files = export(&design, layout).unwrap_or_else(|e| panic!("{id} {name}: {e}"));
            let dir = temp_dir(&format!("tf-{id}-{name}"));
            write(&dir, &files);
            fmt_and_validate(&dir);
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
