//! Share links: a whole design, or an exercise, in a link's fragment, so a
//! static site needs no server and the content never leaves the browser.
//!
//! A fragment is a versioned prefix (`d1.` a design, `x1.` an exercise),
//! then the compact JSON, zlib-compressed, in base64url. Opening a link is
//! reading untrusted input: the link's length is capped, the inflated size
//! is capped while inflating (a small link can inflate enormously), and the
//! JSON goes through the same strict loader as a file. Every failure is a
//! [`ShareError`] whose message says what is wrong, for a person.

mod base64url;
pub(crate) mod compress;
mod exercise;

pub use exercise::{exercise_fragment, exercise_of, open_exercise};

use crate::core::model::{self, Design, LoadError};
use crate::core::text::short;
use base64url::DecodeError;
use compress::InflateError;
use std::fmt;

/// The longest link (or fragment) accepted, in characters. A 100-object
/// design takes about 3,700 (`tests`), the 5,000-object stress design about
/// 62,000; browsers keep links of a few megabytes, so the cap is ours.
pub const MAX_LINK_CHARS: usize = 100_000;

/// The most bytes a link may inflate to: 4 MiB, twice the 5,000-object
/// stress design's JSON.
pub const MAX_INFLATED_BYTES: usize = 4 << 20;

/// What a link holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A design file.
    Design,
    /// An exercise file (without its solution).
    Exercise,
}

impl What {
    /// The fragment's prefix for this content, format version included.
    pub fn prefix(self) -> &'static str {
        match self {
            What::Design => "d1.",
            What::Exercise => "x1.",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            What::Design => "design",
            What::Exercise => "exercise",
        }
    }
}

/// Which step of opening a link failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareErrorKind {
    /// No fragment, or a prefix this Topoform does not know.
    Prefix,
    /// The text after the prefix is not base64url.
    Base64,
    /// The bytes are not a whole zlib stream (damaged or cut off).
    Compression,
    /// The link, or what it inflates to, is over its cap.
    TooBig,
    /// It inflates, but not to a loadable design or exercise.
    Content,
}

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareError {
    /// Which step failed.
    pub kind: ShareErrorKind,
    /// What is wrong, in one line, for a person.
    pub message: String,
}

impl ShareError {
    fn new(kind: ShareErrorKind, message: impl Into<String>) -> Self {
        ShareError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShareError {}

/// The fragment of `what`'s JSON text: prefix, then compressed base64url.
pub fn pack(what: What, json: &str) -> String {
    pack_compressed(what, &compress::deflate(json.as_bytes()))
}

/// The fragment that holds `design`.
pub fn design_fragment(design: &Design) -> String {
    match serde_json::to_string(design) {
        Ok(json) => pack(What::Design, &json),
        // See `model::save`: a design always serializes.
        Err(e) => unreachable!("a design always serializes: {e}"),
    }
}

/// A whole link: `base` (the app's address; any fragment it had is
/// dropped) followed by `#` and the fragment.
pub fn link(base: &str, fragment: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{fragment}")
}

/// The fragment of a pasted link: what follows its first `#`, or the whole
/// text when it has none; surrounding white space is ignored.
pub fn fragment_of(link: &str) -> &str {
    let link = link.trim();
    match link.split_once('#') {
        Some((_, f)) => f.trim(),
        None => link,
    }
}

/// Opens a link (or a bare fragment): what it holds and its JSON text,
/// after the size caps, the base64url and the zlib checks.
pub fn unpack(link: &str) -> Result<(What, String), ShareError> {
    let (what, bytes) = compressed(link)?;
    let json = compress::inflate(&bytes, MAX_INFLATED_BYTES).map_err(|e| match e {
        InflateError::TooBig => inflate_error(what, true, ""),
        InflateError::Damaged(why) => inflate_error(what, false, &why),
    })?;
    Ok((what, inflated(what, json)?))
}

/// The first, pure step of opening a link: what it holds and its
/// compressed bytes, after the link's size cap, the prefix and the
/// base64url checks. The browser inflates the bytes itself (its own
/// `DecompressionStream`, so the editor's wasm carries no inflater), then
/// hands them to [`inflated`]; [`unpack`] does both steps natively.
pub fn compressed(link: &str) -> Result<(What, Vec<u8>), ShareError> {
    let chars = link.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::new(
            ShareErrorKind::TooBig,
            format!(
                "the link is {chars} characters long; a share link has at most {MAX_LINK_CHARS}"
            ),
        ));
    }
    let frag = fragment_of(link);
    let decoded = percent_decoded(frag);
    let (what, body) = [What::Design, What::Exercise]
        .into_iter()
        .find_map(|w| {
            decoded
                .bytes
                .strip_prefix(w.prefix().as_bytes())
                .map(|b| (w, b))
        })
        .ok_or_else(|| {
            let shown: String = frag.chars().take(8).collect();
            ShareError::new(
                ShareErrorKind::Prefix,
                if frag.is_empty() {
                    "the link holds nothing after `#`: it is not a Topoform share link".to_string()
                } else {
                    format!(
                        "the link's fragment starts {:?}, not `d1.` (a design) or `x1.` (an exercise): \
                         it is not a Topoform share link, or a newer Topoform made it",
                        short(&shown)
                    )
                },
            )
        })?;
    if body.is_empty() {
        return Err(ShareError::new(
            ShareErrorKind::Base64,
            format!(
                "the link is damaged: it holds nothing after `{}` (cut off?)",
                what.prefix()
            ),
        ));
    }
    let bytes = base64url::decode(body).map_err(|why| {
        let why = match why {
            DecodeError::BadByte(at) => {
                let at = at + what.prefix().len();
                let (n, written) = decoded.from.get(at).copied().unwrap_or((0, "?"));
                let shown = match (written.chars().count(), decoded.bytes.get(at)) {
                    (1, _) => format!("{:?}", written.chars().next().unwrap_or('?')),
                    (_, Some(&b)) if b.is_ascii() => {
                        format!("{written:?}, an encoded {:?}", char::from(b))
                    }
                    _ => format!("{written:?}"),
                };
                format!(
                    "character {n} after `#` ({shown}) is not base64url (A-Z, a-z, 0-9, - and _)"
                )
            }
            DecodeError::CutOff(_) => format!(
                "it looks cut off (its text after `{}` has a length base64url never has)",
                what.prefix()
            ),
        };
        ShareError::new(
            ShareErrorKind::Base64,
            format!("the link is damaged: {why}"),
        )
    })?;
    Ok((what, bytes))
}

/// A fragment with its percent-escapes decoded, and where each decoded
/// byte came from.
struct Decoded<'a> {
    bytes: Vec<u8>,
    /// For each byte: the character of the fragment it comes from
    /// (counted from 1) and that character, or `%XX` escape, as written.
    from: Vec<(usize, &'a str)>,
}

/// `frag` with each `%XX` escape decoded. A browser or chat app may
/// percent-encode a link it passes on, and base64url holds no `%`, so
/// decoding never changes a link that was not encoded; a `%` not followed
/// by two hex digits stays (and is then refused as not base64url).
fn percent_decoded(frag: &str) -> Decoded<'_> {
    let raw = frag.as_bytes();
    let hex = |i: usize| raw.get(i).and_then(|&c| char::from(c).to_digit(16));
    let mut out = Decoded {
        bytes: Vec::with_capacity(raw.len()),
        from: Vec::with_capacity(raw.len()),
    };
    // `i` is a byte index, `n` the character count before it.
    let (mut i, mut n) = (0, 0);
    while i < raw.len() {
        let at = n + 1;
        let len = match (raw[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.bytes.push((h * 16 + l) as u8);
                out.from.push((at, &frag[i..i + 3]));
                n += 3;
                3
            }
            _ => {
                let len = frag[i..].chars().next().map_or(1, char::len_utf8);
                out.bytes.extend_from_slice(&raw[i..i + len]);
                out.from.extend((0..len).map(|_| (at, &frag[i..i + len])));
                n += 1;
                len
            }
        };
        i += len;
    }
    out
}

/// The error of a link whose bytes do not inflate: past the cap
/// (`too_big`) or damaged, `why` saying how.
pub fn inflate_error(what: What, too_big: bool, why: &str) -> ShareError {
    if too_big {
        ShareError::new(
            ShareErrorKind::TooBig,
            format!(
                "the link's {} inflates to more than {} MiB, far more than any {} holds: refused",
                what.noun(),
                MAX_INFLATED_BYTES >> 20,
                what.noun()
            ),
        )
    } else {
        ShareError::new(
            ShareErrorKind::Compression,
            format!(
                "the link is damaged (cut off or altered): its compressed data does not inflate ({})",
                short(why)
            ),
        )
    }
}

/// The last, pure step of opening a link: the inflated bytes as JSON text
/// (the cap is checked again, whoever inflated them).
pub fn inflated(what: What, json: Vec<u8>) -> Result<String, ShareError> {
    if json.len() > MAX_INFLATED_BYTES {
        return Err(inflate_error(what, true, ""));
    }
    String::from_utf8(json).map_err(|_| {
        ShareError::new(
            ShareErrorKind::Content,
            format!("the link's {} is not UTF-8 text", what.noun()),
        )
    })
}

/// Packs already-compressed bytes (the browser's `CompressionStream`
/// output) as a fragment: prefix, then base64url.
pub fn pack_compressed(what: What, zlib: &[u8]) -> String {
    format!("{}{}", what.prefix(), base64url::encode(zlib))
}

/// The design a link holds, loaded strictly; an exercise link is refused.
pub fn open_design(link: &str) -> Result<Design, ShareError> {
    let (what, text) = unpack(link)?;
    design_of(what, &text)
}

/// The design of a link's JSON text (see [`compressed`]); an exercise is
/// refused.
pub fn design_of(what: What, text: &str) -> Result<Design, ShareError> {
    if what != What::Design {
        return Err(ShareError::new(
            ShareErrorKind::Prefix,
            "this link holds an exercise, not a design: open it as an exercise",
        ));
    }
    model::load(text).map_err(|e| content_error("design", &e))
}

/// A load error of a link's content, as a share error.
pub(crate) fn content_error(noun: &str, e: &LoadError) -> ShareError {
    ShareError::new(
        ShareErrorKind::Content,
        format!("the link's {noun} does not load: {e}"),
    )
}

#[cfg(test)]
mod tests;
