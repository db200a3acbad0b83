//! Pictures of a design for documents, wikis and pull requests (issue 17):
//! an SVG of the canvas, light or dark, carrying the design so the picture
//! opens again in Topoform, and a draw.io diagram with AWS's shapes.
//!
//! Both are drawn from the canvas's own layout ([`crate::core::layout`]),
//! so the picture shows what the editor shows. Pure text out; written by
//! hand because each format needs a few dozen elements, not a library.

mod drawio;
mod part;
mod svg;
#[cfg(test)]
mod tests;

pub use drawio::{drawio, drawio_part};
pub use svg::{design_text_from_svg, preview, svg, svg_part, Theme};

/// `s` safe inside XML text and double-quoted attributes.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not XML.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The text [`xml_escape`] made, back: the five entities it writes, and
/// numeric references. Anything else is left as it is.
pub(crate) fn xml_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
