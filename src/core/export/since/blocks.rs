//! The `moved`, `removed` and `import` blocks that let Terraform keep what
//! an edit only relocates, written to `<root>/moved.tf` of the new export.
//!
//! A root that the new export no longer has (a region split into layers)
//! still holds state: it gets back its `versions.tf`, `providers.tf`,
//! `backend.tf` and backend config from the old export, plus a `moved.tf`
//! whose `removed` blocks forget what moved to another root. Applied once,
//! it forgets those and destroys what the design no longer has there; then
//! the folder can go.

use super::super::hcl::{ex, print, s, HclError, B};
use super::super::ExportFile;
use super::{Action, ResourceChange};
use crate::core::model::{Design, Index, ObjectRef, RegionNode};
use crate::core::names;
use std::collections::BTreeMap;

/// The `(address, import id)` pairs that bring a moved module's resources
/// into their new state, when the design alone names them all that matter:
/// an S3 bucket (every bucket resource imports by the bucket's name) and a
/// DynamoDB table (by the table's name), each with its KMS alias (by the
/// alias name). Their KMS key's id is AWS's, so a new key is created (the
/// old one is kept, not destroyed). None for anything else.
pub fn imports(
    design: &Design,
    address: &str,
    object: Option<&str>,
) -> Option<Vec<(String, String)>> {
    let id = object?;
    let idx = Index::new(design);
    let ObjectRef::RegionNode { region, node } = idx.get(id)? else {
        return None;
    };
    let alias =
        |name: &str, service: &str| names::kms_alias(&format!("{name}-{service}-{}", region.code));
    let m = address.strip_prefix("module.")?;
    match node {
        RegionNode::S3(b) if m == format!("s3_{id}") => {
            let mut v: Vec<(String, String)> = [
                "aws_s3_bucket",
                "aws_s3_bucket_versioning",
                "aws_s3_bucket_server_side_encryption_configuration",
                "aws_s3_bucket_public_access_block",
                "aws_s3_bucket_ownership_controls",
            ]
            .iter()
            .map(|t| (format!("{address}.{t}.this"), b.bucket.clone()))
            .collect();
            v.push((
                format!("{address}.module.key.aws_kms_alias.this"),
                alias(&b.bucket, "s3"),
            ));
            Some(v)
        }
        RegionNode::Dynamodb(t) if m == format!("dynamodb_{id}") => {
            let name = names::regional(design, &t.name);
            Some(vec![
                (format!("{address}.aws_dynamodb_table.this"), name.clone()),
                (
                    format!("{address}.module.key.aws_kms_alias.this"),
                    alias(&name, "dynamodb"),
                ),
            ])
        }
        _ => None,
    }
}

/// `removed { from = ADDRESS lifecycle { destroy = false } }`: the old
/// root forgets what moved, never destroys it.
fn forgotten(address: &str) -> Result<B, HclError> {
    Ok(B::new("removed", &[])
        .a("from", ex(address)?)
        .b(B::new("lifecycle", &[]).a("destroy", false.into())))
}

/// The backend config file of the root in `dir` (`regions/eu-west-1` reads
/// `backends/eu-west-1.hcl`, `regions/eu-west-1/platform` reads
/// `backends/eu-west-1-platform.hcl`, `global` reads `backends/global.hcl`,
/// the single root `.` reads `backends/all.hcl`).
pub(super) fn backend_config(dir: &str) -> String {
    let name = match dir.strip_prefix("regions/") {
        Some(rest) => rest.replace('/', "-"),
        None if dir == "." => "all".to_string(),
        None => dir.to_string(),
    };
    format!("backends/{name}.hcl")
}

/// The files to add to (or replace in) the new export.
pub fn files(
    changes: &[ResourceChange],
    new: &Design,
    old_files: &[ExportFile],
    new_files: &[ExportFile],
) -> Vec<ExportFile> {
    let mut per_root: BTreeMap<String, Vec<B>> = BTreeMap::new();
    let mut notes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let new_roots = super::roots::roots(new_files);
    for c in changes {
        let built: Result<(), HclError> = (|| {
            match c.action {
                Action::Move => per_root.entry(c.to_root.clone()).or_default().push(
                    B::new("moved", &[])
                        .a("from", ex(&c.address)?)
                        .a("to", ex(&c.to_address)?),
                ),
                Action::MoveRoot => {
                    per_root
                        .entry(c.root.clone())
                        .or_default()
                        .push(forgotten(&c.address)?);
                    notes.entry(c.root.clone()).or_default().push(format!(
                        "# {} moves to {}: forgotten here, imported there.",
                        c.address, c.to_root
                    ));
                    for (to, id) in
                        imports(new, &c.to_address, c.object.as_deref()).unwrap_or_default()
                    {
                        per_root
                            .entry(c.to_root.clone())
                            .or_default()
                            .push(B::new("import", &[]).a("to", ex(&to)?).a("id", s(&id)));
                    }
                    notes.entry(c.to_root.clone()).or_default().push(format!(
                        "# {} comes from {}: its resources are imported; its KMS key is new (the old key is kept).",
                        c.to_address, c.root
                    ));
                }
                // Inside a module that moves too: its module's block
                // forgets it (a `removed` block names no instance).
                Action::MoveState if super::admissions::nested(&c.address) => {
                    per_root.entry(c.to_root.clone()).or_default();
                    notes.entry(c.to_root.clone()).or_default().push(format!(
                        "# {} comes from {}'s {}: run scripts/move-state.sh once, before planning this root, or it is created anew here.",
                        c.to_address, c.root, c.address
                    ));
                }
                Action::MoveState => {
                    per_root
                        .entry(c.root.clone())
                        .or_default()
                        .push(forgotten(&c.address)?);
                    notes.entry(c.root.clone()).or_default().push(format!(
                        "# {} moves to {}: scripts/move-state.sh moves it into that root's state; if this root is applied first, it is forgotten here, not destroyed (then import it there by hand).",
                        c.address, c.to_root
                    ));
                    per_root.entry(c.to_root.clone()).or_default();
                    notes.entry(c.to_root.clone()).or_default().push(format!(
                        "# {} comes from {}: run scripts/move-state.sh once, before planning this root, or it is created anew here.",
                        c.to_address, c.root
                    ));
                }
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = built {
            notes
                .entry(c.to_root.clone())
                .or_default()
                .push(format!("# {} could not be written: {}", c.to_address, e.0));
        }
    }
    // A retired root with state left in it needs a config to plan in.
    for c in changes {
        if !new_roots.contains(&c.root) {
            per_root.entry(c.root.clone()).or_default();
        }
    }
    let mut out = Vec::new();
    if let Some(script) = super::script::move_state(changes, old_files, new_files) {
        out.push(script);
    }
    for (root, blocks) in per_root {
        let retired = !new_roots.contains(&root);
        let mut text =
            String::from("# Written by `topoform export --since`: what this export relocates.\n");
        if retired {
            text += "# This root is retired: apply it once, before the new roots (it forgets what moved and\n# destroys what is gone, freeing its names), then delete this folder.\n";
        }
        for n in notes.get(&root).into_iter().flatten() {
            text += n;
            text.push('\n');
        }
        if !blocks.is_empty() {
            text.push('\n');
            match print(blocks) {
                Ok(t) => text += &t,
                Err(e) => text += &format!("# the blocks could not be written: {}\n", e.0),
            }
        }
        let dir = if root == "." {
            String::new()
        } else {
            format!("{root}/")
        };
        out.push(ExportFile {
            path: format!("{dir}moved.tf"),
            contents: text,
        });
        if retired {
            let keep = ["versions.tf", "providers.tf", "backend.tf"]
                .iter()
                .map(|f| format!("{dir}{f}"))
                .chain([backend_config(&root)]);
            for path in keep {
                if let Some(f) = old_files.iter().find(|f| f.path == path) {
                    if !new_files.iter().any(|n| n.path == path) {
                        out.push(f.clone());
                    }
                }
            }
        }
    }
    out
}
