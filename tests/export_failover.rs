//! After a failover the design's primary changes (`make_primary`) and the
//! export is applied again, stack by stack. Nothing that must survive may
//! move between roots: the Aurora global cluster stays in `databases/`
//! (byte-identical), no region root holds or reads it, and the new
//! primary's databases keep their addresses, the RDS one merely losing
//! `replicate_source_db` (Terraform promotes it) while the old primary's
//! gains one. `scripts/drill.sh` proves the same on moto with plans.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use topoform::core::edit::make_primary;
use topoform::core::export::{export, ExportFile, Layout};
use topoform::core::model::{Design, RegionRole};
use topoform::core::templates::template;

fn text<'a>(files: &'a [ExportFile], path: &str) -> &'a str {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or("")
}

/// The `resource`/`module` addresses of a root's main.tf.
fn addresses(main: &str) -> BTreeSet<String> {
    main.lines()
        .filter(|l| l.starts_with("resource ") || l.starts_with("module "))
        .map(|l| l.trim_end_matches(" {").replace('"', ""))
        .collect()
}

/// The body of `module "<label>"` in main.tf.
fn module<'a>(main: &'a str, label: &str) -> &'a str {
    let start = main
        .find(&format!("module \"{label}\" {{"))
        .unwrap_or_else(|| panic!("module {label} missing:\n{main}"));
    let rest = &main[start..];
    &rest[..rest.find("\n}\n").unwrap_or(rest.len())]
}

fn switched(id: &str) -> (Design, Design, String, String) {
    let before = template(id).unwrap().design().unwrap();
    let old = before.primary().unwrap().code.clone();
    let dr = before
        .regions
        .iter()
        .find(|r| r.role != RegionRole::Primary)
        .unwrap();
    let new = dr.code.clone();
    let (after, _) = make_primary(&before, &dr.id.clone()).unwrap();
    (before, after, old, new)
}

#[test]
fn the_aurora_global_cluster_never_moves_when_the_primary_changes() {
    let (before, after, old, new) = switched("aurora-global");
    let (a, b) = (
        export(&before, Layout::PerRegion).unwrap(),
        export(&after, Layout::PerRegion).unwrap(),
    );
    let db = text(&a, "databases/main.tf");
    assert!(db.contains("resource \"aws_rds_global_cluster\""), "{db}");
    assert_eq!(
        db,
        text(&b, "databases/main.tf"),
        "the global cluster's root is unchanged"
    );
    assert_eq!(
        text(&a, "backends/databases.hcl"),
        text(&b, "backends/databases.hcl")
    );
    for files in [&a, &b] {
        for code in [&old, &new] {
            let main = text(files, &format!("regions/{code}/main.tf"));
            assert!(
                !main.contains("aws_rds_global_cluster")
                    && !main.contains("terraform_remote_state"),
                "{code}:\n{main}"
            );
        }
    }
    for code in [&old, &new] {
        let path = format!("regions/{code}/main.tf");
        assert_eq!(
            addresses(text(&a, &path)),
            addresses(text(&b, &path)),
            "{code} keeps every address"
        );
    }
    // Whatever the alignment: a `secondary = false` line.
    let writer = |files: &[ExportFile], code: &str| {
        text(files, &format!("regions/{code}/main.tf"))
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["secondary", "=", "false"])
    };
    assert!(
        writer(&a, &old) && !writer(&a, &new) && writer(&b, &new) && !writer(&b, &old),
        "the writer follows the primary role"
    );
}

#[test]
fn the_new_primary_database_is_promoted_in_place_and_the_old_one_becomes_its_replica() {
    let (before, after, old, new) = switched("active-passive");
    let (a, b) = (
        export(&before, Layout::PerRegion).unwrap(),
        export(&after, Layout::PerRegion).unwrap(),
    );
    let rds = |files: &[ExportFile], code: &str| -> Vec<(String, bool)> {
        let main = text(files, &format!("regions/{code}/main.tf"));
        addresses(main)
            .into_iter()
            .filter_map(|a| a.strip_prefix("module rds_").map(|l| format!("rds_{l}")))
            .map(|l| (l.clone(), module(main, &l).contains("replicate_source_db")))
            .collect()
    };
    let (new_before, new_after) = (rds(&a, &new), rds(&b, &new));
    assert!(!new_before.is_empty(), "the DR region has a database");
    assert!(
        new_before.iter().all(|(_, r)| *r) && new_after.iter().all(|(_, r)| !*r),
        "promoted: {new_before:?} -> {new_after:?}"
    );
    assert_eq!(
        new_before.iter().map(|x| &x.0).collect::<Vec<_>>(),
        new_after.iter().map(|x| &x.0).collect::<Vec<_>>(),
        "same addresses"
    );
    assert!(
        rds(&b, &old).iter().all(|(_, r)| *r),
        "the old primary replicates from the new one"
    );
    let old_main = text(&b, &format!("regions/{old}/main.tf"));
    assert!(
        old_main.contains(&format!("arn:aws:rds:{new}:%s:db:")),
        "{old_main}"
    );
}

/// A headless Aurora secondary gets an instance from promote-dr.sh; once the
/// design follows the failover (make-primary gives that cluster instances),
/// the new primary's Terraform creates `<cluster>-0`, `<cluster>-1`, ... while
/// the old primary is down. The runbook's instance must not be one of them:
/// it was `<cluster>-0`, and that apply failed with DBInstanceAlreadyExists
/// (found by drilling a headless eu-west-1 secondary).
#[test]
fn the_instance_promote_dr_creates_is_not_one_the_new_primary_s_terraform_creates() {
    let mut before = template("aurora-global").unwrap().design().unwrap();
    let dr = before
        .regions
        .iter_mut()
        .find(|r| r.role != RegionRole::Primary)
        .unwrap();
    for n in dr.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
        if let topoform::core::model::VpcNode::Aurora(a) = n {
            a.instances = 0;
        }
    }
    let (dr_id, dr_code) = (dr.id.clone(), dr.code.clone());
    let promote = export(&before, Layout::PerRegion).unwrap();
    let promote = text(&promote, "scripts/promote-dr.sh");
    let created: Vec<&str> = promote
        .lines()
        .filter(|l| l.starts_with("run aws rds create-db-instance "))
        .filter_map(|l| l.split("--db-instance-identifier ").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(|id| id.trim_matches('\''))
        .collect();
    assert_eq!(created.len(), 1, "{promote}");

    let (after, _) = make_primary(&before, &dr_id).unwrap();
    let region = after.regions.iter().find(|r| r.code == dr_code).unwrap();
    let cluster = region
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .find_map(|n| match n {
            topoform::core::model::VpcNode::Aurora(a) => Some(a),
            _ => None,
        })
        .unwrap();
    assert!(cluster.instances > 0, "the new primary has instances");
    let files = export(&after, Layout::PerRegion).unwrap();
    let main = text(&files, &format!("regions/{dr_code}/main.tf"));
    let id = topoform::core::names::per_region(&after, &cluster.name, &dr_code);
    assert!(main.contains(&format!("\"{id}\"")), "{main}");
    for i in 0..cluster.instances {
        assert_ne!(
            created[0],
            format!("{id}-{i}"),
            "the new primary's apply would create it again"
        );
    }
}
