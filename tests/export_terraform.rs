//! Every template, in both layouts, exports to Terraform that passes
//! `terraform fmt -check` and `terraform validate` against hashicorp/aws
//! 5.100 (offline, from the provider mirror on the machine).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;
use topoform::core::export::{export, Layout};
use topoform::core::templates::TEMPLATES;

#[test]
fn templates_pass_fmt_and_validate_in_both_layouts() {
    for t in TEMPLATES {
        for (layout, name) in [(Layout::PerRegion, "per-region"), (Layout::SingleRoot, "single-root")] {
            let files = export(&t.design().unwrap(), layout).unwrap_or_else(|e| panic!("{} {name}: {e}", t.id));
            let dir = temp_dir(&format!("tf-{}-{name}", t.id));
            write(&dir, &files);
            fmt_and_validate(&dir);
        }
    }
}
