//! Opening a design from what Topoform wrote (issue 17): the design file
//! itself, an export's zip (its `topoform.json`), or an SVG picture (the
//! design in its metadata). Everything here is untrusted input: sizes are
//! capped before anything is inflated or parsed, and every refusal says why.
//!
//! Inflating is left to the caller ([`Inflate`]): natively the CLI uses
//! flate2, while the browser uses its own `DecompressionStream`, so the
//! editor's wasm carries no inflater. A zip's directory is read here by
//! hand: finding one stored or deflated entry needs a few dozen lines, and
//! the `zip` crate (in the exporter's worker) would add its reader to the
//! editor's first paint.

use super::text::short;

/// The most a design may take once inflated or extracted (the share links'
/// cap too): far above any real design, far below what hurts a tab.
pub const MAX_DESIGN_BYTES: usize = 4 * 1024 * 1024;

/// The most an opened file may be: an export's zip is a few hundred KB.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// What a file looks like from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive (an export).
    Zip,
    /// An SVG picture.
    Svg,
    /// Anything else: read as design JSON, which the loader judges.
    Text,
}

/// Tells a zip from an SVG from anything else.
pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<svg") || (t.starts_with("<?xml") && head.contains("<svg")) {
        Kind::Svg
    } else {
        Kind::Text
    }
}

/// How a zip entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As they are.
    Stored,
    /// Raw deflate (no zlib header).
    Deflate,
}

/// The design's entry in an export's zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Its path in the archive.
    pub name: String,
    /// How it is stored.
    pub method: Method,
    /// Its bytes as stored (compressed for [`Method::Deflate`]).
    pub data: &'a [u8],
    /// Its size once inflated, as the archive declares it.
    pub size: usize,
}

/// The file name the export gives the design.
pub const DESIGN_FILE: &str = "topoform.json";

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

/// Finds `topoform.json` in a zip (at its top, or the shallowest one, as an
/// export zipped with its folder has it one level down). Two equally
/// shallow ones (two exports zipped together) are refused: which one is
/// meant cannot be told, and opening either silently could be the wrong one.
pub fn zip_design_entry(bytes: &[u8]) -> Result<Entry<'_>, String> {
    const NOT_ZIP: &str = "the file is not a readable zip (its directory is missing or damaged)";
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the zip is {} MB, more than an export can be",
            bytes.len() / 1_000_000
        ));
    }
    // The end-of-central-directory record: in the last 64 KB + 22 bytes.
    let from = bytes.len().saturating_sub(0xFFFF + 22);
    let eocd = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or(NOT_ZIP)?;
    let count = u16_at(bytes, eocd + 10).ok_or(NOT_ZIP)?;
    let mut at = u32_at(bytes, eocd + 16).ok_or(NOT_ZIP)?;
    let mut best: Option<(usize, String, usize, usize, usize, u16)> = None;
    // Another design as shallow as `best`, if any.
    let mut tie: Option<String> = None;
    for _ in 0..count {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02".as_slice()) {
            return Err(NOT_ZIP.into());
        }
        let method = u16_at(bytes, at + 10).ok_or(NOT_ZIP)? as u16;
        let compressed = u32_at(bytes, at + 20).ok_or(NOT_ZIP)?;
        let size = u32_at(bytes, at + 24).ok_or(NOT_ZIP)?;
        let name_len = u16_at(bytes, at + 28).ok_or(NOT_ZIP)?;
        let extra_len = u16_at(bytes, at + 30).ok_or(NOT_ZIP)?;
        let comment_len = u16_at(bytes, at + 32).ok_or(NOT_ZIP)?;
        let local = u32_at(bytes, at + 42).ok_or(NOT_ZIP)?;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or(NOT_ZIP)?;
        let name = String::from_utf8_lossy(name).into_owned();
        let depth = name.matches('/').count();
        if name == DESIGN_FILE || name.ends_with("/topoform.json") {
            match &best {
                Some(b) if depth == b.0 => {
                    tie.get_or_insert(name);
                }
                Some(b) if depth > b.0 => {}
                _ => {
                    tie = None;
                    best = Some((depth, name, local, compressed, size, method));
                }
            }
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    let (_, name, local, compressed, size, method) = best.ok_or(
        "the zip holds no topoform.json: it is not a Topoform export (or the design was left out)",
    )?;
    if let Some(other) = tie {
        return Err(format!(
            "the zip holds more than one design at the same level ({} and {}); which to open is unclear, so none was opened",
            short(&name),
            short(&other)
        ));
    }
    let method = match method {
        0 => Method::Stored,
        8 => Method::Deflate,
        m => {
            return Err(format!(
                "{name} is compressed with method {m}; only stored and deflate are read"
            ))
        }
    };
    if size > MAX_DESIGN_BYTES {
        return Err(format!(
            "{name} says it is {size} bytes, over the {MAX_DESIGN_BYTES}-byte cap on a design"
        ));
    }
    if bytes.get(local..local + 4) != Some(b"PK\x03\x04".as_slice()) {
        return Err(NOT_ZIP.into());
    }
    let name_len = u16_at(bytes, local + 26).ok_or(NOT_ZIP)?;
    let extra_len = u16_at(bytes, local + 28).ok_or(NOT_ZIP)?;
    let start = local + 30 + name_len + extra_len;
    let data = bytes.get(start..start + compressed).ok_or(NOT_ZIP)?;
    Ok(Entry {
        name,
        method,
        data,
        size,
    })
}

/// Raw-deflate `data` into at most `cap` bytes, or say why not.
pub type Inflate<'f> = &'f dyn Fn(&[u8], usize) -> Result<Vec<u8>, String>;

/// The design text held by a file of any kind Topoform writes. The caller
/// loads it with the strict loader, like any design text.
pub fn design_text(bytes: &[u8], inflate: Inflate<'_>) -> Result<String, String> {
    match kind(bytes) {
        Kind::Zip => {
            let entry = zip_design_entry(bytes)?;
            let raw = match entry.method {
                Method::Stored => entry.data.to_vec(),
                Method::Deflate => inflate(entry.data, MAX_DESIGN_BYTES)?,
            };
            utf8(raw, &entry.name)
        }
        Kind::Svg => {
            check_size(bytes.len(), MAX_FILE_BYTES)?;
            let text = String::from_utf8_lossy(bytes);
            super::render::design_text_from_svg(&text)
        }
        Kind::Text => {
            check_size(bytes.len(), MAX_DESIGN_BYTES)?;
            utf8(bytes.to_vec(), "the file")
        }
    }
}

fn check_size(len: usize, cap: usize) -> Result<(), String> {
    if len > cap {
        Err(format!("the file is {len} bytes, over the {cap}-byte cap"))
    } else {
        Ok(())
    }
}

fn utf8(raw: Vec<u8>, what: &str) -> Result<String, String> {
    String::from_utf8(raw).map_err(|_| format!("{what} is not UTF-8 text"))
}

/// Raw deflate with flate2 (`core::share`'s capped inflater), stopping at
/// `cap` bytes: the CLI's inflater (the editor passes the browser's
/// instead, so its wasm never links this).
pub fn inflate_native(data: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    use super::share::compress::{inflate_raw, InflateError};
    inflate_raw(data, cap).map_err(|e| match e {
        InflateError::Damaged(why) => format!("the design in the zip is damaged: {why}"),
        InflateError::TooBig => format!("the design inflates past the {cap}-byte cap"),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::export::{export, Layout};
    use crate::core::templates::template;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(if deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        });
        for (name, data) in files {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn an_export_zip_opens_as_its_design() {
        let d = template("aurora-global").unwrap().design().unwrap();
        let files = export(&d, Layout::PerRegion).unwrap();
        let entries: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|f| (format!("infra/{}", f.path), f.contents.clone().into_bytes()))
            .collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        for deflate in [true, false] {
            let z = zip_of(&refs, deflate);
            assert_eq!(kind(&z), Kind::Zip);
            let text = design_text(&z, &inflate_native).unwrap();
            assert_eq!(crate::core::model::load(&text).unwrap(), d);
        }
    }

    #[test]
    fn the_shallowest_design_wins() {
        let z = zip_of(
            &[
                ("a/b/topoform.json", b"deep"),
                ("x/topoform.json", b"shallow"),
            ],
            true,
        );
        assert_eq!(design_text(&z, &inflate_native).unwrap(), "shallow");
        // One strictly shallower still wins over two deeper ones, in any order.
        let z = zip_of(
            &[
                ("a/b/topoform.json", b"deep"),
                ("topoform.json", b"top"),
                ("c/d/topoform.json", b"deep too"),
            ],
            false,
        );
        assert_eq!(design_text(&z, &inflate_native).unwrap(), "top");
    }

    /// Two exports zipped side by side: which design is meant cannot be
    /// told, so neither opens and the message names both.
    #[test]
    fn two_equally_shallow_designs_are_refused() {
        for files in [
            &[
                ("a/topoform.json", &b"one"[..]),
                ("b/topoform.json", b"two"),
            ][..],
            &[
                ("a/b/topoform.json", b"deep"),
                ("x/topoform.json", b"one"),
                ("y/topoform.json", b"two"),
            ],
        ] {
            let z = zip_of(files, true);
            let e = design_text(&z, &inflate_native).unwrap_err();
            let (one, two) = (files[files.len() - 2].0, files[files.len() - 1].0);
            assert!(
                e.contains("more than one design") && e.contains(one) && e.contains(two),
                "{e}"
            );
        }
    }

    #[test]
    fn svg_and_json_open_too() {
        let d = template("active-passive").unwrap().design().unwrap();
        let svg = crate::core::render::svg(&d, crate::core::render::Theme::Light);
        let text = design_text(svg.as_bytes(), &inflate_native).unwrap();
        assert_eq!(crate::core::model::load(&text).unwrap(), d);
        let json = crate::core::model::save(&d);
        assert_eq!(design_text(json.as_bytes(), &inflate_native).unwrap(), json);
        assert_eq!(
            kind(b"\xef\xbb\xbf <?xml version=\"1.0\"?><svg/>"),
            Kind::Svg
        );
    }

    #[test]
    fn hostile_zips_are_refused_with_a_reason() {
        // No design inside.
        let z = zip_of(&[("README.md", b"hi")], true);
        assert!(design_text(&z, &inflate_native)
            .unwrap_err()
            .contains("no topoform.json"));
        // Truncated anywhere: never a panic, always a reason.
        let good = zip_of(&[("topoform.json", b"{\"format\":1}")], true);
        for cut in 0..good.len() {
            let r = design_text(&good[..cut], &inflate_native);
            if let Ok(t) = r {
                // A cut inside the magic may read as text; never as the design.
                assert_ne!(t, "{\"format\":1}");
            }
        }
        // A bomb: 8 MB of zeros deflates to ~8 KB; declared small, it
        // still stops at the cap.
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let mut bomb = zip_of(&[("topoform.json", &zeros)], true);
        // Lie about the size in the central directory (offset 24 of the
        // entry): the inflater's cap still holds.
        let cd = bomb.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bomb[cd + 24..cd + 28].copy_from_slice(&100u32.to_le_bytes());
        let e = design_text(&bomb, &inflate_native).unwrap_err();
        assert!(e.contains("cap"), "{e}");
        // An unknown method.
        let mut odd = good.clone();
        let cd = odd.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        odd[cd + 10] = 12;
        assert!(design_text(&odd, &inflate_native)
            .unwrap_err()
            .contains("method 12"));
    }
}
