//! The export as one zip archive (the browser's "Download .zip").
//!
//! Entries are sorted and stamped with a fixed date, so the same design gives
//! the same bytes; the files inside are byte-identical to a folder export.

use super::ExportFile;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Packs `files` into a zip archive, under a top folder `prefix/`.
pub fn zip(files: &[ExportFile], prefix: &str) -> Result<Vec<u8>, String> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stamp = DateTime::from_date_and_time(2024, 1, 1, 0, 0, 0).map_err(|e| e.to_string())?;
    let mut sorted: Vec<&ExportFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for f in sorted {
        let mode = if f.path.ends_with(".sh") {
            0o755
        } else {
            0o644
        };
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(stamp)
            .unix_permissions(mode);
        let name = if prefix.is_empty() {
            f.path.clone()
        } else {
            format!("{prefix}/{}", f.path)
        };
        w.start_file(name, opts).map_err(|e| e.to_string())?;
        w.write_all(f.contents.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    Ok(w.finish().map_err(|e| e.to_string())?.into_inner())
}
