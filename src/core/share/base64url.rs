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

/// Decodes base64url text (trailing `=` padding is tolerated). The error
/// says which character is wrong and where, for a person.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let body = text.trim_end_matches('=');
    if body.len() % 4 == 1 {
        return Err(format!(
            "its length ({} characters) cannot be base64url: the link looks cut off",
            body.len()
        ));
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for (ci, chunk) in body.as_bytes().chunks(4).enumerate() {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = value(c).ok_or_else(|| {
                let at = ci * 4 + i;
                let shown = body.get(at..).and_then(|s| s.chars().next()).unwrap_or('?');
                format!("character {at} ({shown:?}) is not base64url (A-Z, a-z, 0-9, - and _)")
            })?;
            n |= v << (18 - 6 * i);
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
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode("Zm8=").unwrap(), b"fo");
        let all: Vec<u8> = (0..=255).collect();
        let coded = encode(&all);
        assert!(coded.bytes().all(|c| value(c).is_some()), "{coded}");
        assert_eq!(decode(&coded).unwrap(), all);
    }

    #[test]
    fn bad_text_says_where() {
        assert!(decode("Zm9v+g").unwrap_err().contains("character 4 ('+')"));
        assert!(decode("Zm9vé").unwrap_err().contains("character 4"));
        assert!(decode("Zm9vY").unwrap_err().contains("cut off"));
    }
}
