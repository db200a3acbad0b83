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
        for (layout, name) in [
            (Layout::PerRegion, "per-region"),
            (Layout::SingleRoot, "single-root"),
        ] {
            let files = export(&design, layout).unwrap_or_else(|e| panic!("{id} {name}: {e}"));
            let dir = temp_dir(&format!("tf-{id}-{name}"));
            write(&dir, &files);
            fmt_and_validate(&dir);
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// A headless Aurora secondary (`instances: 0`, a pilot light AWS documents)
/// exports: validation lets it through, the module call carries 0, the
/// module's `for_each` over `range(var.instances)` creates no instance, and
/// the roots pass fmt and validate.
#[test]
fn a_headless_aurora_secondary_exports_and_validates() {
    use topoform::core::model::VpcNode;
    let mut d = topoform::core::templates::template("aurora-global")
        .unwrap()
        .design()
        .unwrap();
    let secondary = d
        .regions
        .iter_mut()
        .find(|r| r.role == topoform::core::model::RegionRole::Secondary)
        .unwrap();
    let code = secondary.code.clone();
    let mut headless = 0;
    for n in secondary.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
        if let VpcNode::Aurora(a) = n {
            a.instances = 0;
            headless += 1;
        }
    }
    assert!(headless > 0, "the template has an Aurora secondary");
    let files =
        export(&d, Layout::PerRegion).unwrap_or_else(|e| panic!("headless secondary refused: {e}"));
    let main = files
        .iter()
        .find(|f| f.path.contains(&code) && f.path.ends_with("main.tf"))
        .expect("the secondary's root");
    assert!(
        main.contents.contains("instances")
            && main
                .contents
                .lines()
                .any(|l| l.trim().starts_with("instances") && l.trim().ends_with("= 0")),
        "{}",
        main.contents
    );
    let dir = temp_dir("tf-headless-aurora");
    write(&dir, &files);
    fmt_and_validate(&dir);
}
