//! The shape of an export: layout, determinism, goldens, escaping of user
//! text, refusal of invalid designs, and the zip holding the same bytes as
//! the folder the CLI writes.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use support::*;
use topoform::core::export::{export, zip, ExportError, Layout};
use topoform::core::templates::{template, TEMPLATES};
use topoform::core::validate::rules::tags::tag_problem;

#[test]
fn the_per_region_layout_has_every_part() {
    let files = export(
        &template("active-passive").unwrap().design().unwrap(),
        Layout::PerRegion,
    )
    .unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for want in [
        "README.md",
        "topoform.json",
        "bootstrap/main.tf",
        "modules/network/main.tf",
        "modules/network/variables.tf",
        "modules/network/outputs.tf",
        "modules/network/versions.tf",
        "regions/us-east-1/versions.tf",
        "regions/us-east-1/providers.tf",
        "regions/us-east-1/backend.tf",
        "regions/us-east-1/main.tf",
        "regions/us-east-1/outputs.tf",
        "regions/us-west-2/main.tf",
        "global/main.tf",
        "global/providers.tf",
        "backends/us-east-1.hcl",
        "backends/us-west-2.hcl",
        "backends/global.hcl",
        "backends/iam.hcl",
        "iam/main.tf",
        "regions/us-east-1/terraform.auto.tfvars",
        ".github/workflows/terraform.yml",
        "scripts/promote-dr.sh",
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:#?}");
    }
    let readme = &files
        .iter()
        .find(|f| f.path == "README.md")
        .unwrap()
        .contents;
    let readme = &readme[readme
        .find("## Apply order")
        .expect("an apply order section")..];
    let order: Vec<usize> = [
        "bootstrap/",
        "regions/us-east-1/",
        "regions/us-west-2/",
        "global/",
    ]
    .iter()
    .map(|d| {
        readme
            .find(&format!("`{d}`"))
            .unwrap_or_else(|| panic!("{d} not in README"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "apply order in README: {order:?}"
    );
    let backend = &files
        .iter()
        .find(|f| f.path == "backends/us-west-2.hcl")
        .unwrap()
        .contents;
    assert!(
        backend.contains("key          = \"shop/prod/us-west-2/terraform.tfstate\"")
            && backend.contains("use_lockfile = true"),
        "{backend}"
    );
    // Its state in its own region, so it plans while us-east-1 is down.
    assert!(
        backend.contains("-us-west-2\"") && backend.contains("region       = \"us-west-2\""),
        "{backend}"
    );
    let replica = &files
        .iter()
        .find(|f| f.path == "regions/us-west-2/main.tf")
        .unwrap()
        .contents;
    assert!(
        replica.contains("format(\"arn:aws:rds:us-east-1:%s:db:shop-prod-"),
        "replica by source ARN built from names:\n{replica}"
    );
    assert!(
        !replica.contains("terraform_remote_state"),
        "a region root reads no other state"
    );
}

#[test]
fn exports_are_deterministic() {
    for t in TEMPLATES {
        let d = t.design().unwrap();
        for layout in [Layout::PerRegion, Layout::SingleRoot] {
            assert_eq!(
                export(&d, layout).unwrap(),
                export(&d, layout).unwrap(),
                "{}",
                t.id
            );
        }
        let a = zip(&export(&d, Layout::PerRegion).unwrap(), "x").unwrap();
        let b = zip(&export(&d, Layout::PerRegion).unwrap(), "x").unwrap();
        assert_eq!(a, b, "zip of {}", t.id);
    }
}

/// tests/golden/<template>/<layout>/... holds the reviewed exports (without
/// modules/, which are the crate's own files copied verbatim);
/// `UPDATE_GOLDEN=1 cargo test --test export_files` rewrites them.
#[test]
fn exports_match_the_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for t in TEMPLATES {
        for (layout, name) in [
            (Layout::PerRegion, "per-region"),
            (Layout::SingleRoot, "single-root"),
        ] {
            let dir = root.join(t.id).join(name);
            let mut files = export(&t.design().unwrap(), layout).unwrap();
            files.retain(|f| !f.path.starts_with("modules/"));
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                let _ = std::fs::remove_dir_all(&dir);
                write(&dir, &files);
            }
            let mut on_disk = BTreeMap::new();
            collect(&dir, &dir, &mut on_disk);
            let produced: BTreeMap<String, String> =
                files.into_iter().map(|f| (f.path, f.contents)).collect();
            assert_eq!(
                on_disk.keys().collect::<Vec<_>>(),
                produced.keys().collect::<Vec<_>>(),
                "{} {name}: file list",
                t.id
            );
            for (path, text) in &produced {
                assert!(
                    on_disk[path] == *text,
                    "{} {name}: {path} differs from the golden (UPDATE_GOLDEN=1 to accept)",
                    t.id
                );
            }
        }
    }
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(base, &p, out);
        } else {
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read_to_string(&p).unwrap());
        }
    }
}

#[test]
fn a_design_with_errors_is_not_exported() {
    let mut d = TEMPLATES[0].design().unwrap();
    d.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
    match export(&d, Layout::PerRegion) {
        Err(ExportError::Invalid(diags)) => assert!(diags.iter().any(|x| x.rule == "NET-05")),
        other => panic!("expected a refusal, got {:?}", other.map(|f| f.len())),
    }
}

#[test]
fn user_text_with_quotes_templates_and_non_ascii_survives_intact() {
    // Free text (a health-check path) may hold anything and is written as
    // typed; a name typed for a VPC becomes a tag (`DisplayName`), made a
    // valid tag value, as the design's own tags must be (DES-30), non-ASCII
    // letters included.
    let nasty = "a \"quoted\" \\ ${var.x} %{if y} é 日本 \n line";
    let tag = "é 日本 + - = . _ : / @";
    let mut d = TEMPLATES[0].design().unwrap();
    d.tags.insert("note".into(), tag.into());
    d.regions[0].vpcs[0].name = nasty.into();
    if let topoform::core::model::VpcNode::Alb(a) = &mut d.regions[0].vpcs[0].nodes[0] {
        a.health_check.path = "/health?q=\"x\"&t=${var.x}&u=%{if y}\\".into();
    }
    let files = export(&d, Layout::PerRegion).unwrap();
    // Every file parses, and the values read back are the ones typed.
    let read = |path: &str| -> (String, serde_json::Value) {
        let text = &files.iter().find(|f| f.path == path).unwrap().contents;
        let body = hcl::parse(text).unwrap();
        (hcl::to_string(&body).unwrap(), hcl::from_str(text).unwrap())
    };
    let (main, value) = read("regions/us-east-1/main.tf");
    assert!(
        main.contains("$${var.x}") && main.contains("%%{if y}"),
        "templates are escaped: {main}"
    );
    let vpc = &value["module"]["vpc_use1-main"];
    let display = vpc["tags"]["DisplayName"].as_str().unwrap_or_default();
    assert_eq!(
        display, "a _quoted_ _ __var.x_ __if y_ é 日本 _ line",
        "{vpc:?}"
    );
    assert_eq!(tag_problem(display, false), None);
    let paths = files
        .iter()
        .filter(|f| f.path.ends_with(".tf"))
        .map(|f| {
            hcl::from_str::<serde_json::Value>(&f.contents)
                .unwrap()
                .to_string()
        })
        .collect::<String>();
    assert!(
        paths.contains(r#"/health?q=\"x\"&t=${var.x}&u=%{if y}\\"#),
        "the path reads back as typed"
    );
    let (_, providers) = read("regions/us-east-1/providers.tf");
    assert_eq!(
        providers["provider"]["aws"]["default_tags"]["tags"]["note"],
        tag
    );
    let dir = temp_dir("escaping");
    write(&dir, &files);
    fmt_and_validate(&dir);
}

#[test]
fn the_zip_holds_the_same_bytes_as_the_cli_folder() {
    let t = template("aurora-global").unwrap();
    let dir = temp_dir("zip-vs-cli");
    let src = dir.join("design.json");
    std::fs::write(&src, t.json).unwrap();
    let out = dir.join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args([
            "export",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = zip(
        &export(&t.design().unwrap(), Layout::PerRegion).unwrap(),
        "",
    )
    .unwrap();
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut on_disk = BTreeMap::new();
    collect(&out, &out, &mut on_disk);
    assert_eq!(archive.len(), on_disk.len());
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).unwrap();
        assert_eq!(on_disk.get(f.name()), Some(&text), "{}", f.name());
    }
}

#[test]
fn cli_export_refuses_invalid_designs_with_exit_1() {
    let text = TEMPLATES[0].json.replacen(
        "\"cidr\": \"10.0.1.0/24\"",
        "\"cidr\": \"10.0.0.128/25\"",
        1,
    );
    let dir = temp_dir("cli-refuse");
    let src = dir.join("bad.json");
    std::fs::write(&src, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args([
            "export",
            src.to_str().unwrap(),
            "--out",
            dir.join("out").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NET-05"));
    assert!(!dir.join("out").exists(), "nothing is written");
}

/// The Terraform blocks of `dir` (an export path) and, through every module
/// they call by a local source, of those modules: (file path, block kind,
/// first label) for each resource and data block.
fn blocks_through_modules(
    files: &BTreeMap<&str, &str>,
    dir: &str,
    seen: &mut Vec<String>,
    out: &mut Vec<(String, String, String)>,
) {
    if seen.iter().any(|d| d == dir) {
        return;
    }
    seen.push(dir.to_string());
    let prefix = format!("{dir}/");
    let tf = files.iter().filter(|(p, _)| {
        p.strip_prefix(&prefix)
            .is_some_and(|rest| !rest.contains('/') && rest.ends_with(".tf"))
    });
    let mut any = false;
    for (path, text) in tf {
        any = true;
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        for block in body.blocks() {
            let label = block
                .labels
                .first()
                .map(|l| l.as_str().to_string())
                .unwrap_or_default();
            match block.identifier.as_str() {
                "resource" | "data" => {
                    out.push((path.to_string(), block.identifier.to_string(), label))
                }
                "module" => {
                    let source = block
                        .body
                        .attributes()
                        .find(|a| a.key.as_str() == "source")
                        .and_then(|a| match &a.expr {
                            hcl::Expression::String(s) => Some(s.clone()),
                            _ => None,
                        })
                        .unwrap_or_else(|| panic!("{path}: module {label} has no literal source"));
                    assert!(
                        source.starts_with("./") || source.starts_with("../"),
                        "{path}: module {label} comes from outside the export: {source}"
                    );
                    // Resolve the relative source against `dir`.
                    let mut parts: Vec<&str> = dir.split('/').collect();
                    for seg in source.split('/') {
                        match seg {
                            "." | "" => {}
                            ".." => {
                                parts.pop().unwrap_or_else(|| {
                                    panic!("{path}: {source} leaves the export")
                                });
                            }
                            s => parts.push(s),
                        }
                    }
                    blocks_through_modules(files, &parts.join("/"), seen, out);
                }
                _ => {}
            }
        }
    }
    assert!(
        any,
        "{dir} has no .tf files (a module source that points nowhere?)"
    );
}

#[test]
fn no_region_root_holds_iam_directly_or_through_its_modules() {
    // IAM's control plane is in us-east-1: a root that must plan while a
    // region is down holds no IAM resources and reads none.
    for (name, design) in clean_designs() {
        let files = export(&design, Layout::PerRegion).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let map: BTreeMap<&str, &str> = files
            .iter()
            .map(|f| (f.path.as_str(), f.contents.as_str()))
            .collect();
        // A region's roots: `regions/<code>`, or its two layers (state.split).
        let roots_of = |code: &str| -> Vec<String> {
            let one = format!("regions/{code}");
            if map.contains_key(format!("{one}/main.tf").as_str()) {
                vec![one]
            } else {
                vec![format!("{one}/platform"), format!("{one}/workloads")]
            }
        };
        for region in &design.regions {
            let (mut seen, mut blocks) = (Vec::new(), Vec::new());
            for root in roots_of(&region.code) {
                let mut own = Vec::new();
                blocks_through_modules(&map, &root, &mut seen, &mut own);
                let iam: Vec<_> = own
                    .iter()
                    .filter(|(_, _, label)| label.starts_with("aws_iam_"))
                    .collect();
                assert!(
                    iam.is_empty(),
                    "{name} {root} declares IAM (its plan would need us-east-1's IAM): {iam:?}"
                );
                blocks.extend(own);
            }
            if !region.vpcs.is_empty() {
                // The scan reached the modules (else it could not fail).
                assert!(
                    seen.iter().any(|d| d == "modules/network")
                        && blocks.iter().any(|(_, _, l)| l == "aws_flow_log"),
                    "{name} {}: modules not scanned: {seen:?}",
                    region.code
                );
            }
        }
        // The iam stack holds the flow-log role of every region with VPCs.
        let iam = map
            .get("iam/main.tf")
            .unwrap_or_else(|| panic!("{name}: no iam/main.tf"));
        for r in design.regions.iter().filter(|r| !r.vpcs.is_empty()) {
            let role = topoform::core::names::flow_log_role(&design, &r.code);
            assert!(
                iam.contains(&format!("name = \"{role}\"")) || iam.contains(&format!("\"{role}\"")),
                "{name}: iam/ has no flow-log role {role}"
            );
            let main = roots_of(&r.code)[0].clone() + "/main.tf";
            let main = map[main.as_str()];
            assert!(
                main.contains(&format!("role/{role}")),
                "{name} regions/{}: the flow log names its role by ARN",
                r.code
            );
        }
    }
}

/// An outside design with its primary in il-central-1 and a replica in
/// eu-south-1, both opt-in regions, exported without a word that they must
/// be enabled first (the first apply there fails). Both layouts' READMEs
/// now say so, with the commands; eu-central-1, enabled by default, is not
/// named, and a design without opt-in regions has no such note.
#[test]
fn the_readme_names_the_opt_in_regions_to_enable_first() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean/opt-in-telaviv-three-engines.json"
    ))
    .unwrap();
    let d = topoform::core::model::load(&text).unwrap();
    for layout in [Layout::PerRegion, Layout::SingleRoot] {
        let files = export(&d, layout).unwrap();
        let readme = &files
            .iter()
            .find(|f| f.path == "README.md")
            .unwrap()
            .contents;
        for code in ["il-central-1", "eu-south-1"] {
            assert!(
                readme.contains(&format!("aws account enable-region --region-name {code}\n")),
                "{layout:?}: {code} not named in\n{readme}"
            );
        }
        assert!(!readme.contains("--region-name eu-central-1"), "{readme}");
    }
    let files = export(&TEMPLATES[0].design().unwrap(), Layout::PerRegion).unwrap();
    let readme = &files
        .iter()
        .find(|f| f.path == "README.md")
        .unwrap()
        .contents;
    assert!(!readme.contains("enable-region"), "{readme}");
}
