//! zlib (deflate) through flate2's pure-Rust backend, the one the export's
//! zip already links: no second compressor in the wasm bundle.
//!
//! Inflating untrusted bytes streams into a buffer that stops one byte past
//! the cap, so a zip bomb (a few kilobytes that inflate to gigabytes) is
//! refused after at most `cap + 1` bytes, never inflated whole.

use flate2::read::{DeflateDecoder, ZlibDecoder};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::io::{Read, Write};

/// Compresses `bytes` at the best level (links are short-lived, small and
/// read far more often than written).
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    match enc.write_all(bytes).and_then(|()| enc.finish()) {
        Ok(out) => out,
        Err(e) => unreachable!("compressing into memory cannot fail: {e}"),
    }
}

/// Why inflating failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// Not a zlib stream, or a damaged one (a bad checksum, cut off).
    Damaged(String),
    /// It inflates to more than the cap.
    TooBig,
}

/// Inflates a zlib stream, refusing one that inflates past `cap` bytes.
pub fn inflate(bytes: &[u8], cap: usize) -> Result<Vec<u8>, InflateError> {
    capped(ZlibDecoder::new(bytes), cap)
}

/// Inflates raw deflate (a zip entry's data), with the same cap.
pub fn inflate_raw(bytes: &[u8], cap: usize) -> Result<Vec<u8>, InflateError> {
    capped(DeflateDecoder::new(bytes), cap)
}

/// Reads `r` to its end into a buffer that stops one byte past `cap`.
fn capped(r: impl Read, cap: usize) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::new();
    let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
    r.take(limit)
        .read_to_end(&mut out)
        .map_err(|e| InflateError::Damaged(e.to_string()))?;
    if out.len() > cap {
        return Err(InflateError::TooBig);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_past_the_cap() {
        let text = b"topoform ".repeat(1000);
        let z = deflate(&text);
        assert!(z.len() < 200, "{} bytes", z.len());
        assert_eq!(inflate(&z, text.len()).unwrap(), text);
        assert_eq!(inflate(&z, text.len() - 1), Err(InflateError::TooBig));
    }

    #[test]
    fn damaged_streams_are_refused() {
        let z = deflate(b"hello, world: a design would be here");
        assert!(matches!(
            inflate(&z[..z.len() - 3], 1000),
            Err(InflateError::Damaged(_))
        ));
        assert!(matches!(
            inflate(b"not zlib at all", 1000),
            Err(InflateError::Damaged(_))
        ));
        let mut flipped = z.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x55;
        assert!(inflate(&flipped, 1000).is_err());
    }
}
