//! `topoform export FILE --out DIR [--layout per-region|single-root] [--since OLD_EXPORT]`.

mod since;

use crate::args::Spec;
use crate::io::design_or_exit;
use std::process::ExitCode;
use topoform::core::export::since::FileStatus;
use topoform::core::export::{export, ExportError, Layout};
use topoform::core::text::{bound, short};

pub const SPEC: Spec = Spec {
    command: "export",
    operands: &["FILE"],
    required: 1,
    options: &[
        ("--out", "a DIR"),
        ("--layout", "a value: per-region or single-root"),
        (
            "--since",
            "an OLD_EXPORT (a folder, its topoform.json or its zip)",
        ),
    ],
};

/// Runs `export` on parsed arguments.
pub fn run(p: &crate::args::Parsed) -> Result<ExitCode, String> {
    let layout = match p.value("--layout") {
        None | Some("per-region") => Layout::PerRegion,
        Some("single-root") => Layout::SingleRoot,
        Some(other) => {
            return Err(format!(
                "--layout takes per-region or single-root, not {:?}",
                short(other)
            ))
        }
    };
    let out = p.value("--out").ok_or("export needs --out DIR")?;
    Ok(run_export(
        p.operand(0).unwrap_or("-"),
        out,
        layout,
        p.value("--since"),
    ))
}

fn run_export(file: &str, out: &str, layout: Layout, old: Option<&str>) -> ExitCode {
    let design = match design_or_exit(file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut files = match export(&design, layout) {
        Ok(f) => f,
        Err(ExportError::Invalid(diags)) => {
            eprintln!(
                "error: {file} has {} error(s); nothing was written:",
                diags.len()
            );
            for d in &diags {
                eprintln!("  {}", crate::check::line(d));
            }
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: {}", bound(e.to_string()));
            return ExitCode::from(1);
        }
    };
    let summary = match old {
        None => None,
        Some(old) => match since::read(old, layout, &files) {
            Ok((old_design, old_files)) => {
                let changes = topoform::core::export::since::since(
                    &old_design,
                    &old_files,
                    &design,
                    &mut files,
                );
                // Files the new export drops that are already in DIR (the
                // old folder written over): they would still be applied.
                let stale: Vec<String> = changes
                    .files
                    .iter()
                    .filter(|f| f.status == FileStatus::Removed)
                    .filter(|f| std::path::Path::new(out).join(&f.path).is_file())
                    .map(|f| f.path.clone())
                    .collect();
                Some((
                    topoform::core::export::since::summary(&changes, true),
                    stale,
                ))
            }
            Err(e) => {
                eprintln!("error: {}", bound(e));
                return ExitCode::from(2);
            }
        },
    };
    let root = std::path::Path::new(out);
    for f in &files {
        let path = root.join(&f.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, &f.contents));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        #[cfg(unix)]
        if f.path.ends_with(".sh") {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
        }
    }
    println!("{file}: wrote {} files to {out}", files.len());
    if let (Some(old), Some((summary, stale))) = (old, summary) {
        print!("changes since {old}:\n{summary}");
        if !stale.is_empty() {
            println!(
                "note: {out} still holds {} file(s) this export no longer has; delete them before applying: {}",
                stale.len(),
                stale.join(" ")
            );
        }
    }
    ExitCode::SUCCESS
}
