//! Helpers shared by the native export tests: writing an export to a
//! temporary folder and running Terraform offline against the provider mirror.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use topoform::core::export::ExportFile;

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("topoform-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` under `dir`.
pub fn write(dir: &Path, files: &[ExportFile]) {
    for f in files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.contents).unwrap();
    }
}

/// The hashicorp/aws filesystem mirror: `TOPOFORM_TF_MIRROR`, else found on disk.
pub fn mirror() -> PathBuf {
    if let Some(p) = std::env::var_os("TOPOFORM_TF_MIRROR") {
        return PathBuf::from(p);
    }
    for candidate in [
        "/opt/tf-plugins",
        "/usr/share/terraform/plugins",
        "/root/.terraform.d/plugins",
    ] {
        if Path::new(candidate)
            .join("registry.terraform.io/hashicorp/aws")
            .exists()
        {
            return PathBuf::from(candidate);
        }
    }
    panic!("no hashicorp/aws provider mirror found: set TOPOFORM_TF_MIRROR");
}

/// A Terraform CLI config that installs providers only from the mirror, with
/// a shared plugin cache so each root's init is quick.
///
/// Written once per test process, to a file of its own renamed into place:
/// rewritten in place by every call, it was read by a terraform init of a
/// test running beside (or of another test binary) while truncated, and
/// that init, finding no mirror, went to the registry and failed offline.
pub fn cli_config() -> PathBuf {
    static RC: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    RC.get_or_init(|| {
        let dir = std::env::temp_dir().join("topoform-tf-cli");
        std::fs::create_dir_all(dir.join("cache")).unwrap();
        let rc = dir.join("terraformrc");
        let text = format!(
            "provider_installation {{\n  filesystem_mirror {{\n    path    = \"{}\"\n    include = [\"registry.terraform.io/*/*\"]\n  }}\n  direct {{\n    exclude = [\"registry.terraform.io/*/*\"]\n  }}\n}}\nplugin_cache_dir = \"{}\"\n",
            mirror().display(),
            dir.join("cache").display()
        );
        let tmp = dir.join(format!("terraformrc.{}", std::process::id()));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &rc).unwrap();
        rc
    })
    .clone()
}

/// Runs terraform in `dir` and returns (success, combined output).
pub fn terraform(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", cli_config())
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("terraform is installed (it is on the machine image)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Every Terraform root of an export (folders holding a `*.tf` file, outside modules/).
pub fn roots(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    fn walk(d: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(d) else {
            return;
        };
        let mut has_tf = false;
        let mut subdirs = Vec::new();
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                if name != "modules" && !name.starts_with('.') {
                    subdirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "tf") {
                has_tf = true;
            }
        }
        if has_tf {
            found.push(d.to_path_buf());
        }
        for s in subdirs {
            walk(&s, found);
        }
    }
    walk(dir, &mut found);
    found.sort();
    found
}

/// fmt -check over the export, then init + validate in every root.
pub fn fmt_and_validate(dir: &Path) {
    let (ok, out) = terraform(dir, &["fmt", "-check", "-recursive", "-diff", "-no-color"]);
    assert!(
        ok,
        "terraform fmt -check failed in {}:\n{out}",
        dir.display()
    );
    for root in roots(dir) {
        let (ok, out) = terraform(
            &root,
            &["init", "-backend=false", "-input=false", "-no-color"],
        );
        assert!(ok, "terraform init failed in {}:\n{out}", root.display());
        let (ok, out) = terraform(&root, &["validate", "-no-color"]);
        assert!(
            ok,
            "terraform validate failed in {}:\n{out}",
            root.display()
        );
    }
}

/// Every design that must export clean: the templates, then the designs in
/// tests/fixtures/clean/ (modelled on real multi-region systems), by name.
pub fn clean_designs() -> Vec<(String, topoform::core::model::Design)> {
    let mut out: Vec<(String, topoform::core::model::Design)> =
        topoform::core::templates::TEMPLATES
            .iter()
            .map(|t| {
                (
                    t.id.to_string(),
                    t.design()
                        .unwrap_or_else(|e| panic!("template {} does not load: {e:?}", t.id)),
                )
            })
            .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        let design = topoform::core::model::load(&std::fs::read_to_string(&p).unwrap())
            .unwrap_or_else(|e| panic!("fixture {name} does not load: {e}"));
        out.push((name, design));
    }
    assert!(
        out.len() >= 9,
        "expected the templates and at least 6 clean fixtures, found {}",
        out.len()
    );
    // Fixtures kept for a warning (tests/fixtures/invalid with no error)
    // check clean too, so their exports must hold to the same standard.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let Ok(design) = topoform::core::model::load(&std::fs::read_to_string(&p).unwrap()) else {
            continue;
        };
        let errors = topoform::core::validate::validate(&design)
            .iter()
            .filter(|d| d.severity == topoform::core::validate::Severity::Error)
            .count();
        if errors == 0 {
            out.push((
                format!("warned-{}", p.file_stem().unwrap().to_string_lossy()),
                design,
            ));
        }
    }
    out
}
