//! Base64url without padding (RFC 4648 §5), the alphabet a URL fragment
//! carries unescaped. Written here rather than pulled in as a crate: it is
//! forty lines, and the wasm bundle size is budgeted.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes `bytes` as base64url, without `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Why text is not base64url.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The byte at this index is not in the alphabet.
    BadByte(usize),
    /// This many characters (padding left out) is no whole base64url text:
    /// it was cut off.
    CutOff(usize),
}

/// Decodes base64url text (trailing `=` padding is tolerated); the error
/// names the first byte outside the alphabet, else a cut-off length.
pub fn decode(text: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut body = text;
    while let [rest @ .., b'='] = body {
        body = rest;
    }
    if let Some(at) = body.iter().position(|&c| value(c).is_none()) {
        return Err(DecodeError::BadByte(at));
    }
    if body.len() % 4 == 1 {
        return Err(DecodeError::CutOff(body.len()));
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for chunk in body.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c).unwrap_or(0) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc_4648_vectors_and_round_trips() {
        // RFC 4648 §10 test vectors, unpadded.
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in vectors {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode(b"Zm8=").unwrap(), b"fo");
        let all: Vec<u8> = (0..=255).collect();
        let coded = encode(&all);
        assert!(coded.bytes().all(|c| value(c).is_some()), "{coded}");
        assert_eq!(decode(coded.as_bytes()).unwrap(), all);
    }

    #[test]
    fn bad_text_says_where() {
        assert_eq!(decode(b"Zm9v+g"), Err(DecodeError::BadByte(4)));
        assert_eq!(decode("Zm9vé".as_bytes()), Err(DecodeError::BadByte(4)));
        assert_eq!(decode(b"Zm9vY"), Err(DecodeError::CutOff(5)));
        // A bad character is the truer reason, wherever it is.
        assert_eq!(decode(b"Zm9v Y"), Err(DecodeError::BadByte(4)));
    }
}
