//! `--since OLD_EXPORT`: the previous export, read back. OLD_EXPORT is a
//! folder holding `topoform.json`, that file itself, or the exported zip.
//! The old design is exported again; the old files are those of that
//! export and of the new one as found in the folder or zip (so `.terraform/`,
//! state and plans there are never read), else as exported again.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use topoform::core::export::{export, ExportFile, Layout};
use topoform::core::model::{load, Design};
use topoform::core::reopen::MAX_FILE_BYTES;

/// An old file's text by its path in the export, if the old export has it.
type Found = dyn Fn(&str) -> Option<String>;

/// The old design and its files.
pub fn read(
    old: &str,
    layout: Layout,
    new_files: &[ExportFile],
) -> Result<(Design, Vec<ExportFile>), String> {
    let path = Path::new(old);
    let found: Box<Found>;
    let design_text = if path.is_dir() {
        let root = path.to_path_buf();
        let text = read_text(&root.join("topoform.json"))?;
        found = Box::new(move |p| read_text(&root.join(p)).ok());
        text
    } else if old.ends_with(".zip") {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {old}: {e}"))?;
        let entries = unzip(&bytes).map_err(|e| format!("{old}: {e}"))?;
        // The design's folder is the zip's top (`prefix/topoform.json`).
        let top = entries
            .iter()
            .map(|(p, _)| p)
            .filter(|p| p.ends_with("topoform.json"))
            .min_by_key(|p| p.len())
            .ok_or_else(|| format!("{old} holds no topoform.json"))?
            .trim_end_matches("topoform.json")
            .to_string();
        let entries: Vec<(String, String)> = entries
            .into_iter()
            .filter_map(|(p, t)| p.strip_prefix(&top).map(|r| (r.to_string(), t)))
            .collect();
        let text = entries
            .iter()
            .find(|(p, _)| p == "topoform.json")
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        found = Box::new(move |p| entries.iter().find(|(q, _)| q == p).map(|(_, t)| t.clone()));
        text
    } else {
        found = Box::new(|_| None);
        read_text(path)?
    };
    let design = load(&design_text).map_err(|e| format!("{old}: {e}"))?;
    // The old layout: a single root has its main.tf at the top.
    let layout = match found("main.tf") {
        Some(_) => Layout::SingleRoot,
        None if found("README.md").is_some() => Layout::PerRegion,
        None => layout,
    };
    let again = export(&design, layout).unwrap_or_default();
    // Every path either export writes, and what an earlier --since wrote
    // into each root.
    let mut paths: BTreeSet<String> = BTreeSet::new();
    for f in again.iter().chain(new_files) {
        paths.insert(f.path.clone());
        if let Some((dir, _)) = f.path.rsplit_once('/').filter(|_| f.path.ends_with(".tf")) {
            paths.insert(format!("{dir}/moved.tf"));
        }
    }
    let mut files = Vec::new();
    for p in paths {
        let contents = found(&p).or_else(|| {
            again
                .iter()
                .find(|f| f.path == p)
                .map(|f| f.contents.clone())
        });
        if let Some(contents) = contents {
            files.push(ExportFile { path: p, contents });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if files.is_empty() {
        return Err(format!(
            "{old}: the old design does not export and no files of it were found"
        ));
    }
    Ok((design, files))
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8 text ({e})", path.display()))
}

/// The text files of a zip, by path. Every file (not only the design, as
/// `core::reopen` reads) is compared, so this reads them all, with the
/// `zip` crate the CLI links anyway; what they inflate to is capped as the
/// app caps an opened file, so a zip bomb given as OLD_EXPORT is refused
/// rather than filling memory.
fn unzip(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let mut left = MAX_FILE_BYTES as u64;
    for i in 0..z.len() {
        let f = z.by_index(i).map_err(|e| e.to_string())?;
        if f.is_dir() {
            continue;
        }
        let name = f.name().to_string();
        let mut raw = Vec::new();
        // One byte over what is left tells a file that is too big.
        f.take(left + 1)
            .read_to_end(&mut raw)
            .map_err(|e| format!("{name}: {e}"))?;
        if raw.len() as u64 > left {
            return Err(format!(
                "its files inflate past {MAX_FILE_BYTES} bytes; not an export Topoform wrote"
            ));
        }
        left -= raw.len() as u64;
        // Binary files (none in an export) are not compared.
        if let Ok(text) = String::from_utf8(raw) {
            out.push((name, text));
        }
    }
    Ok(out)
}
