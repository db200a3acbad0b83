//! `export --since`: pairs of designs (rename, move to another VPC, split a
//! region into layers, delete) give the change summary a person expects and
//! the `moved` / `removed` / `import` blocks that keep what only relocates.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::process::Command;
use support::*;
use topoform::core::export::since::{since, Action, Changes, FileStatus};
use topoform::core::export::{export, ExportFile, Layout};
use topoform::core::model::{load_value, Design};

/// The S3-replication fixture: us-west-1 (VPC usw1-main with a load
/// balancer and a group, bucket `media`) and eu-west-2 (bucket `media-dr`).
fn base() -> Value {
    let text = std::fs::read_to_string("tests/fixtures/clean/s3-replication.json").unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    // Version 2 carries `state.split`; the rest reads the same.
    v["version"] = json!(2);
    v
}

fn design(v: &Value) -> Design {
    load_value(v.clone()).unwrap_or_else(|e| panic!("{e}"))
}

/// Exports both, runs `since`, returns the summary and the new files.
fn diff(old: &Value, new: &Value) -> (Changes, Vec<ExportFile>) {
    let (old, new) = (design(old), design(new));
    let old_files = export(&old, Layout::PerRegion).unwrap();
    let mut new_files = export(&new, Layout::PerRegion).unwrap();
    let c = since(&old, &old_files, &new, &mut new_files);
    (c, new_files)
}

fn file<'a>(files: &'a [ExportFile], path: &str) -> Option<&'a str> {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
}

/// A second, empty VPC in us-west-1 (usw1-b, 10.41.0.0/16), same subnets.
fn with_second_vpc(mut v: Value) -> Value {
    let mut vpc = v["regions"][0]["vpcs"][0].clone();
    let text = serde_json::to_string(&vpc).unwrap();
    let text = ["pub", "pri", "dat"]
        .iter()
        .fold(text, |t, tier| {
            t.replace(&format!("\"usw1-{tier}"), &format!("\"usw1-b-{tier}"))
        })
        .replace("10.40.", "10.41.");
    vpc = serde_json::from_str(&text).unwrap();
    vpc["id"] = json!("usw1-b");
    vpc["name"] = json!("second");
    vpc["nodes"] = json!([]);
    v["regions"][0]["vpcs"].as_array_mut().unwrap().push(vpc);
    v
}

#[test]
fn a_display_name_changes_tags_in_place_and_addresses_stay() {
    let old = base();
    let mut new = base();
    new["regions"][0]["vpcs"][0]["name"] = json!("core");
    let (c, files) = diff(&old, &new);
    let vpc = c
        .of("module.vpc_usw1-main")
        .expect("the VPC's module changed");
    assert_eq!(vpc.action, Action::Update, "{c:#?}");
    for a in [
        Action::Create,
        Action::Destroy,
        Action::Replace,
        Action::Move,
        Action::MoveRoot,
        Action::MoveState,
    ] {
        assert_eq!(c.count(a), 0, "{a:?} in {c:#?}");
    }
    assert!(!files.iter().any(|f| f.path.ends_with("moved.tf")));
    let main = c
        .files
        .iter()
        .find(|f| f.path == "regions/us-west-1/main.tf")
        .unwrap();
    assert_eq!(main.status, FileStatus::Changed);
    assert!(
        main.diff
            .contains("-    \"DisplayName\" = \"main\"\n+    \"DisplayName\" = \"core\"\n"),
        "{}",
        main.diff
    );
    assert!(main
        .diff
        .starts_with("--- a/regions/us-west-1/main.tf\n+++ b/regions/us-west-1/main.tf\n@@ "));
}

#[test]
fn renaming_a_load_balancer_replaces_it_because_aws_names_it_by_that_name() {
    let old = base();
    let mut new = base();
    new["regions"][0]["vpcs"][0]["nodes"][0]["name"] = json!("shop");
    let (c, _) = diff(&old, &new);
    let alb = c.of("module.alb_usw1-alb").unwrap();
    assert_eq!(alb.action, Action::Replace);
    assert!(alb.why.contains("cannot rename"), "{}", alb.why);
    assert_eq!(c.count(Action::Destroy), 0);
}

#[test]
fn moving_a_workload_to_another_vpc_says_it_will_be_replaced() {
    let old = with_second_vpc(base());
    let mut new = old.clone();
    let nodes = new["regions"][0]["vpcs"][0]["nodes"]
        .as_array_mut()
        .unwrap();
    let mut asg = nodes.remove(1);
    asg["subnets"] = json!(["usw1-b-pri-a", "usw1-b-pri-b"]);
    asg.as_object_mut().unwrap().remove("target");
    new["regions"][0]["vpcs"][1]["nodes"] = json!([asg]);
    let (c, files) = diff(&old, &new);
    let r = c.of("module.asg_usw1-app").unwrap();
    assert_eq!(r.action, Action::Replace, "{c:#?}");
    assert_eq!(r.root, "regions/us-west-1");
    assert!(
        r.why.contains("another VPC (usw1-main to usw1-b)"),
        "{}",
        r.why
    );
    assert_eq!(c.count(Action::Destroy), 0, "{c:#?}");
    assert!(
        file(&files, "regions/us-west-1/moved.tf").is_none(),
        "no block can keep it"
    );
}

#[test]
fn moving_a_subnet_to_another_vpc_replaces_the_subnet() {
    let old = with_second_vpc(base());
    let mut new = old.clone();
    let sn = new["regions"][0]["vpcs"][0]["subnets"]
        .as_array_mut()
        .unwrap()
        .remove(5);
    let mut sn2 = sn.clone();
    sn2["cidr"] = json!("10.41.30.0/24");
    new["regions"][0]["vpcs"][1]["subnets"]
        .as_array_mut()
        .unwrap()
        .push(sn2);
    let (c, _) = diff(&old, &new);
    let r = c
        .of("module.vpc_usw1-main.aws_subnet.this[\"usw1-dat-b\"]")
        .unwrap_or_else(|| panic!("{c:#?}"));
    assert_eq!(r.action, Action::Replace);
    assert_eq!(
        r.to_address,
        "module.vpc_usw1-b.aws_subnet.this[\"usw1-dat-b\"]"
    );
}

#[test]
fn deleting_a_bucket_destroys_it() {
    let old = base();
    let mut new = base();
    new["regions"][1]["nodes"] = json!([]);
    new["regions"][0]["nodes"][0]
        .as_object_mut()
        .unwrap()
        .remove("replicate_to");
    let (c, files) = diff(&old, &new);
    let r = c.of("module.s3_media-dr").unwrap();
    assert_eq!(r.action, Action::Destroy);
    assert_eq!(r.root, "regions/eu-west-2");
    assert_eq!(c.count(Action::Create), 0, "{c:#?}");
    assert!(!files.iter().any(|f| f.path.ends_with("moved.tf")));
}

/// The design of a split region: every object changes state. Buckets are
/// forgotten in the old root and imported in the new by name; what has no
/// import id in the design has its state moved by `scripts/move-state.sh`
/// (and is forgotten, never destroyed, if the old root is planned first);
/// the retired root keeps what it needs to plan.
#[test]
fn splitting_a_region_into_layers_moves_buckets_across_states() {
    let old = base();
    let mut new = base();
    new["state"]["split"] = json!("region_layer");
    let (c, files) = diff(&old, &new);
    let s3 = c.of("module.s3_media").unwrap();
    assert_eq!(s3.action, Action::MoveRoot, "{c:#?}");
    assert_eq!(s3.root, "regions/us-west-1");
    assert_eq!(s3.to_root, "regions/us-west-1/platform");
    assert!(s3.why.contains("KMS key is created anew"), "{}", s3.why);
    let vpc = c.of("module.vpc_usw1-main").unwrap();
    assert_eq!(vpc.action, Action::MoveState, "{c:#?}");
    assert_eq!(vpc.to_root, "regions/us-west-1/platform");
    assert!(vpc.why.contains("scripts/move-state.sh"), "{}", vpc.why);
    let text = topoform::core::export::since::summary(&c, false);
    assert!(
        text.lines().nth(2).is_some_and(|l| l.starts_with(
            "next: before any plan, run scripts/move-state.sh --confirm from the export's folder"
        )),
        "{text}"
    );
    let script = file(&files, "scripts/move-state.sh").expect("the state-moving script");
    assert!(
        script.contains(
            "move 'regions/us-west-1' '../../backends/us-west-1.hcl' 'regions/us-west-1/platform' '../../../backends/us-west-1-platform.hcl'"
        ),
        "{script}"
    );
    assert!(
        script.contains("  'module.vpc_usw1-main' 'module.vpc_usw1-main'"),
        "{script}"
    );
    // Buckets are imported, not moved by the script.
    assert!(!script.contains("'module.s3_media'"), "{script}");
    let retired = file(&files, "regions/us-west-1/moved.tf").expect("the old root's blocks");
    assert!(
        retired.contains(
            "removed {\n  from = module.vpc_usw1-main\n\n  lifecycle {\n    destroy = false\n  }\n}"
        ),
        "a plan of the old root before the script forgets the VPC: {retired}"
    );
    assert!(
        retired.contains(
            "removed {\n  from = module.s3_media\n\n  lifecycle {\n    destroy = false\n  }\n}"
        ),
        "{retired}"
    );
    assert!(retired.contains("retired"));
    for kept in [
        "regions/us-west-1/backend.tf",
        "regions/us-west-1/providers.tf",
        "backends/us-west-1.hcl",
    ] {
        assert!(
            file(&files, kept).is_some(),
            "{kept} is kept for the retired root"
        );
    }
    let platform = file(&files, "regions/us-west-1/platform/moved.tf").unwrap();
    assert!(platform.contains("import {\n  to = module.s3_media.aws_s3_bucket.this\n  id = \"assets-prod-media-usw1\"\n}"), "{platform}");
    assert!(
        platform.contains("id = \"alias/assets-prod-media-usw1-s3-us-west-1\""),
        "{platform}"
    );
    assert!(c
        .files
        .iter()
        .any(|f| f.path == "regions/us-west-1/platform/moved.tf" && f.status == FileStatus::Added));
}

/// An address that changes inside one state (here a relabelled module in
/// hand-written files: the exporter's labels are ids, so only such edits
/// do it) gets a `moved` block in that root.
#[test]
fn a_relabelled_module_in_one_state_gets_a_moved_block() {
    let d = design(&base());
    let f = |label: &str| ExportFile {
        path: "regions/us-west-1/main.tf".into(),
        contents: format!("module \"{label}\" {{\n  source = \"../../modules/s3\"\n}}\n"),
    };
    let mut new_files = vec![f("bucket_media")];
    let c = since(&d, &[f("s3_media")], &d, &mut new_files);
    let r = c.of("module.s3_media").unwrap();
    assert_eq!(
        (r.action, r.to_address.as_str()),
        (Action::Move, "module.bucket_media")
    );
    assert_eq!(
        file(&new_files, "regions/us-west-1/moved.tf")
            .unwrap()
            .split_once("\n\n")
            .unwrap()
            .1,
        "moved {\n  from = module.s3_media\n  to   = module.bucket_media\n}\n"
    );
}

#[test]
fn the_cli_reads_the_old_folder_or_zip_and_prints_the_summary() {
    let dir = temp_dir("since-cli");
    let old = base();
    let mut new = base();
    new["state"]["split"] = json!("region_layer");
    let old_files = export(&design(&old), Layout::PerRegion).unwrap();
    write(&dir.join("old"), &old_files);
    std::fs::write(
        dir.join("old.zip"),
        topoform::core::export::zip(&old_files, "assets").unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("new.json"), serde_json::to_string(&new).unwrap()).unwrap();
    for (i, since) in ["old", "old/topoform.json", "old.zip"].iter().enumerate() {
        let out_dir = dir.join(format!("out{i}"));
        let out = Command::new(env!("CARGO_BIN_EXE_topoform"))
            .args(["export", "new.json", "--out"])
            .arg(&out_dir)
            .args(["--since", since])
            .current_dir(&dir)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{since}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("changes since "), "{text}");
        assert!(text.contains("move to another root: regions/us-west-1: module.s3_media -> regions/us-west-1/platform: module.s3_media"), "{since}: {text}");
        assert!(
            text.contains("A regions/us-west-1/platform/moved.tf"),
            "{text}"
        );
        assert!(out_dir
            .join("regions/us-west-1/platform/moved.tf")
            .is_file());
    }
    let out = Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(["export", "new.json", "--out", "x", "--since", "missing"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: cannot read missing"));
    // A zip that inflates past the cap (33 MiB of spaces, a few KB deflated)
    // is refused with a reason, not read into memory.
    let mut bomb = old_files.clone();
    bomb.push(ExportFile {
        path: "padding.txt".into(),
        contents: " ".repeat(33 << 20),
    });
    std::fs::write(
        dir.join("bomb.zip"),
        topoform::core::export::zip(&bomb, "assets").unwrap(),
    )
    .unwrap();
    assert!(std::fs::metadata(dir.join("bomb.zip")).unwrap().len() < 1 << 20);
    let out = Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(["export", "new.json", "--out", "y", "--since", "bomb.zip"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("inflate past 33554432 bytes"), "{err}");
    assert!(!dir.join("y").exists(), "nothing is written");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The blocks pass `terraform fmt -check` and `terraform validate` (offline,
/// provider mirror). Ignored by default (Terraform time); run with
/// `cargo test --test export_since -- --ignored`.
#[test]
#[ignore]
fn the_blocks_pass_fmt_and_validate() {
    let old = base();
    let mut new = base();
    new["state"]["split"] = json!("region_layer");
    let (_, files) = diff(&old, &new);
    let dir = temp_dir("since-validate");
    let roots = ["regions/us-west-1", "regions/us-west-1/platform"];
    let picked: Vec<ExportFile> = files
        .into_iter()
        .filter(|f| {
            f.path.starts_with("modules/")
                || f.path.starts_with("backends/")
                || roots
                    .iter()
                    .any(|r| f.path.rsplit_once('/').is_some_and(|(d, _)| d == *r))
        })
        .collect();
    write(&dir, &picked);
    fmt_and_validate(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The pair scripts/since-on-moto.sh was run on (see its header): a region
/// with a database, a load balancer and a group split into layers. Nothing
/// is destroyed or replaced: the table is imported, the database, VPC,
/// load balancer and group move with their state, and only the flows'
/// rules the layered export keeps in the workloads root are created.
#[test]
fn a_database_split_into_layers_moves_with_its_state() {
    let read =
        |p: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
    let (c, files) = diff(
        &read("tests/fixtures/since/database-old.json"),
        &read("tests/fixtures/since/database-layers.json"),
    );
    assert_eq!(c.count(Action::Destroy), 0, "{c:#?}");
    assert_eq!(c.count(Action::Replace), 0, "{c:#?}");
    for (m, to) in [
        ("module.rds_use1-db", "regions/us-east-1/platform"),
        ("module.vpc_use1-main", "regions/us-east-1/platform"),
        ("module.alb_use1-alb", "regions/us-east-1/workloads"),
        ("module.asg_use1-app", "regions/us-east-1/workloads"),
        ("module.rds_usw2-db", "regions/us-west-2/platform"),
    ] {
        let r = c.of(m).unwrap_or_else(|| panic!("{m} in {c:#?}"));
        assert_eq!(
            (r.action, r.to_root.as_str()),
            (Action::MoveState, to),
            "{m}"
        );
    }
    assert_eq!(
        c.of("module.dynamodb_sessions").unwrap().action,
        Action::MoveRoot
    );
    // The database's admission of its application keeps its rules: moved
    // out of the module into the workloads, not destroyed with the
    // platform's apply and created with the workloads' after it.
    assert_eq!(c.count(Action::Create), 0, "{c:#?}");
    let ingress = c
        .of("aws_vpc_security_group_ingress_rule.rds_use1-db_from_use1-app")
        .unwrap();
    assert_eq!(
        (
            ingress.action,
            ingress.root.as_str(),
            ingress.address.as_str(),
            ingress.to_root.as_str()
        ),
        (
            Action::MoveState,
            "regions/us-east-1",
            "module.rds_use1-db.aws_vpc_security_group_ingress_rule.from_app[\"use1-app\"]",
            "regions/us-east-1/workloads"
        )
    );
    let egress = c
        .of("aws_vpc_security_group_egress_rule.usw2-app_to_rds_usw2-db")
        .unwrap();
    assert_eq!(
        egress.address,
        "module.rds_usw2-db.aws_vpc_security_group_egress_rule.app_to_db[\"usw2-app\"]"
    );
    let script = file(&files, "scripts/move-state.sh").unwrap();
    let at = |s: &str| script.find(s).unwrap_or_else(|| panic!("{s} in {script}"));
    // Out of the module first: moving the module would take them along.
    assert!(
        at("'module.rds_use1-db.aws_vpc_security_group_ingress_rule.from_app[\"use1-app\"]' 'aws_vpc_security_group_ingress_rule.rds_use1-db_from_use1-app'")
            < at("'module.rds_use1-db' 'module.rds_use1-db'")
    );
    // The rules, moved, are what the workloads root writes: same group,
    // ports and description as the module gave them.
    let work = file(&files, "regions/us-east-1/workloads/main.tf").unwrap();
    assert!(
        work.contains(
            "description                  = \"Application use1-app to the database port\""
        ),
        "{work}"
    );
    // No `removed` block names an instance inside a module (Terraform
    // refuses one); the module's own forgets it.
    let retired = file(&files, "regions/us-east-1/moved.tf").unwrap();
    assert!(
        !retired.contains("from = module.rds_use1-db.aws_"),
        "{retired}"
    );
    assert!(retired.contains("from = module.rds_use1-db\n"), "{retired}");
}

#[test]
fn joining_layers_moves_the_admission_rules_back_into_the_module() {
    let read =
        |p: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
    let (c, files) = diff(
        &read("tests/fixtures/since/database-layers.json"),
        &read("tests/fixtures/since/database-old.json"),
    );
    assert_eq!(c.count(Action::Destroy), 0, "{c:#?}");
    assert_eq!(c.count(Action::Create), 0, "{c:#?}");
    let r = c
        .of("aws_vpc_security_group_ingress_rule.rds_use1-db_from_use1-app")
        .unwrap();
    assert_eq!(
        (
            r.action,
            r.root.as_str(),
            r.to_root.as_str(),
            r.to_address.as_str()
        ),
        (
            Action::MoveState,
            "regions/us-east-1/workloads",
            "regions/us-east-1",
            "module.rds_use1-db.aws_vpc_security_group_ingress_rule.from_app[\"use1-app\"]"
        )
    );
    let script = file(&files, "scripts/move-state.sh").unwrap();
    let at = |s: &str| script.find(s).unwrap_or_else(|| panic!("{s} in {script}"));
    // Into the module last: state mv will not move a module onto one
    // that already holds some of its resources.
    assert!(
        at("'module.rds_use1-db' 'module.rds_use1-db'")
            < at("'aws_vpc_security_group_ingress_rule.rds_use1-db_from_use1-app' 'module.rds_use1-db.aws_vpc_security_group_ingress_rule.from_app[\"use1-app\"]'")
    );
}
