//! Where each Terraform resource of an export lives: the roots (one state
//! each) and the top-level `module` and `resource` blocks in them, read back
//! from the exported files. Reading the files, not re-deriving the labels,
//! keeps this true to whatever the exporter writes.

use super::super::ExportFile;
use std::collections::BTreeMap;

/// A root directory (`regions/us-east-1`, `global`, `.` for a single root)
/// and an address in it (`module.s3_logs`, `aws_route53_zone.main`).
pub type Place = (String, String);

/// Every top-level address of an export, with its block's text.
pub fn addresses(files: &[ExportFile]) -> BTreeMap<Place, String> {
    let mut out = BTreeMap::new();
    for f in files {
        let Some(dir) = root_of(&f.path) else {
            continue;
        };
        let mut current: Option<(String, String)> = None;
        for line in f.contents.lines() {
            if let Some((addr, text)) = current.as_mut() {
                text.push_str(line);
                text.push('\n');
                if line == "}" {
                    out.insert((dir.clone(), std::mem::take(addr)), std::mem::take(text));
                    current = None;
                }
                continue;
            }
            if let Some(addr) = header(line) {
                if line.ends_with("{}") {
                    out.insert((dir.clone(), addr), format!("{line}\n"));
                } else {
                    current = Some((addr, format!("{line}\n")));
                }
            }
        }
    }
    out
}

/// The root a `.tf` file belongs to: its directory, unless it is a module's.
pub fn root_of(path: &str) -> Option<String> {
    if !path.ends_with(".tf") || path.starts_with("modules/") {
        return None;
    }
    Some(match path.rsplit_once('/') {
        Some((dir, _)) => dir.to_string(),
        None => ".".to_string(),
    })
}

/// The address a top-level block header names: `module "x" {` is `module.x`,
/// `resource "t" "n" {` is `t.n`; data sources and the rest are no resource.
fn header(line: &str) -> Option<String> {
    let labels = |rest: &str| -> Vec<String> {
        rest.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = line.strip_prefix("module \"") {
        let l = labels(&format!("\"{rest}"));
        return l.first().map(|x| format!("module.{x}"));
    }
    if let Some(rest) = line.strip_prefix("resource \"") {
        let l = labels(&format!("\"{rest}"));
        if let [t, n, ..] = l.as_slice() {
            return Some(format!("{t}.{n}"));
        }
    }
    None
}

/// The roots of an export: every directory with a `.tf` file outside `modules/`.
pub fn roots(files: &[ExportFile]) -> Vec<String> {
    let mut r: Vec<String> = files.iter().filter_map(|f| root_of(&f.path)).collect();
    r.sort();
    r.dedup();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_read_per_root() {
        let f = |p: &str, c: &str| ExportFile {
            path: p.into(),
            contents: c.into(),
        };
        let files = [
            f(
                "regions/a/main.tf",
                "data \"x\" \"y\" {}\n\nmodule \"s3_logs\" {\n  source = \"../../modules/s3\"\n}\n\nresource \"aws_x\" \"n\" {}\n",
            ),
            f("modules/s3/main.tf", "resource \"aws_s3_bucket\" \"this\" {\n}\n"),
            f("main.tf", "module \"vpc_a\" {\n  x = {\n  }\n}\n"),
        ];
        let a = addresses(&files);
        let keys: Vec<_> = a.keys().cloned().collect();
        assert_eq!(
            keys,
            [
                (".".to_string(), "module.vpc_a".to_string()),
                ("regions/a".into(), "aws_x.n".into()),
                ("regions/a".into(), "module.s3_logs".into()),
            ]
        );
        assert!(a[&("regions/a".into(), "module.s3_logs".into())].contains("modules/s3"));
        assert_eq!(roots(&files), [".", "regions/a"]);
    }
}
