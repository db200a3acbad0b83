//! User text inside messages, kept short and on one line.
//!
//! Names, codes, CIDRs and keys come from the design file and can be anything:
//! a 5 MB project name, a key holding a newline. Every message that echoes
//! such text (rule diagnostics, load errors, the CLI) wraps it in [`short`],
//! so one finding stays one short line whatever the file holds. [`bound`] is
//! the backstop the report and load-error layers apply to whole messages, for
//! text that reached a message without [`short`] (serde's own messages echo
//! unknown fields and values whole).

use std::fmt::{self, Write};

/// How many characters of one piece of user text a message shows. Enough
/// for every AWS name limit that matters in messages (63 or 64 characters).
pub const SHOWN_CHARS: usize = 64;

/// The longest message, in bytes, that a diagnostic or load error carries.
pub const MAX_MESSAGE_BYTES: usize = 2048;

const ELLIPSIS: char = '…';

/// `text` as a message shows it: the first [`SHOWN_CHARS`] characters, then
/// `…` when there was more, with control characters escaped (`\n`).
///
/// `{}` writes it bare, `{:?}` writes it in double quotes with Rust string
/// escapes, like `{:?}` of a `&str` does.
pub fn short(text: &str) -> Short<'_> {
    Short(text)
}

/// The display form of [`short`]; formats without copying the text.
#[derive(Clone, Copy)]
pub struct Short<'a>(&'a str);

impl Short<'_> {
    /// The shown part and whether anything was cut off.
    fn head(&self) -> (&str, bool) {
        match self.0.char_indices().nth(SHOWN_CHARS) {
            Some((at, _)) => (&self.0[..at], true),
            None => (self.0, false),
        }
    }
}

impl fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, cut) = self.head();
        for c in head.chars() {
            push_char(f, c)?;
        }
        if cut {
            f.write_char(ELLIPSIS)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, cut) = self.head();
        if cut {
            fmt::Debug::fmt(&format!("{head}{ELLIPSIS}"), f)
        } else {
            fmt::Debug::fmt(head, f)
        }
    }
}

/// Writes `c`, escaping control characters so a message stays on one line.
fn push_char(out: &mut impl Write, c: char) -> fmt::Result {
    if c.is_control() {
        write!(out, "{}", c.escape_debug())
    } else {
        out.write_char(c)
    }
}

/// A whole message made safe to show: control characters escaped, every
/// span in backticks or double quotes cut to [`SHOWN_CHARS`] characters, and
/// the total cut to [`MAX_MESSAGE_BYTES`].
pub fn bound(message: String) -> String {
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE_BYTES + 4));
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if out.len() > MAX_MESSAGE_BYTES {
            break;
        }
        let _ = push_char(&mut out, c);
        if c == '`' || c == '"' {
            copy_span(&mut chars, c, &mut out);
        }
    }
    if out.len() > MAX_MESSAGE_BYTES {
        let mut end = MAX_MESSAGE_BYTES - ELLIPSIS.len_utf8();
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.push(ELLIPSIS);
    }
    out
}

/// Copies a quoted span up to and including its closing `quote`, keeping at
/// most [`SHOWN_CHARS`] characters of it. Inside double quotes a backslash
/// escapes the next character (serde quotes values with Rust escapes).
fn copy_span(chars: &mut std::str::Chars<'_>, quote: char, out: &mut String) {
    let (mut shown, mut cut, mut escaped) = (0, false, false);
    for d in chars.by_ref() {
        if d == quote && !escaped {
            if cut {
                out.push(ELLIPSIS);
            }
            out.push(d);
            return;
        }
        escaped = quote == '"' && d == '\\' && !escaped;
        if shown < SHOWN_CHARS {
            let _ = push_char(out, d);
            shown += 1;
        } else {
            cut = true;
        }
    }
    if cut {
        out.push(ELLIPSIS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keeps_short_text_and_cuts_long_text() {
        assert_eq!(short("main").to_string(), "main");
        assert_eq!(format!("{:?}", short("a\"b")), "\"a\\\"b\"");
        let long = "é".repeat(5_000_000);
        let shown = short(&long).to_string();
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.ends_with('…'));
        let debug = format!("{:?}", short(&long));
        assert!(debug.starts_with('"') && debug.ends_with("…\""), "{debug}");
        assert_eq!(
            short(&"x".repeat(SHOWN_CHARS)).to_string(),
            "x".repeat(SHOWN_CHARS)
        );
    }

    #[test]
    fn short_puts_control_characters_on_one_line() {
        assert_eq!(short("a\nb\tc").to_string(), "a\\nb\\tc");
    }

    #[test]
    fn bound_leaves_ordinary_messages_alone() {
        let m = "unknown field `colour`, expected one of `format`, `version`".to_string();
        assert_eq!(bound(m.clone()), m);
    }

    #[test]
    fn bound_cuts_long_quoted_spans_and_keeps_the_rest() {
        let big = "x".repeat(1_000_000);
        let m = bound(format!("unknown variant `{big}`, expected `alb` or `asg`"));
        assert_eq!(
            m,
            format!(
                "unknown variant `{}…`, expected `alb` or `asg`",
                "x".repeat(SHOWN_CHARS)
            )
        );
        let m = bound(format!("invalid type: string \"a\\\"{big}\", expected u32"));
        assert!(
            m.starts_with("invalid type: string \"a\\\"x") && m.ends_with("…\", expected u32"),
            "{m}"
        );
    }

    #[test]
    fn bound_caps_any_message() {
        let m = bound("word ".repeat(1_000_000));
        assert!(
            m.len() <= MAX_MESSAGE_BYTES && m.ends_with('…'),
            "{}",
            m.len()
        );
        let m = bound(format!("line one\nline two {}", "é".repeat(3000)));
        assert!(!m.contains('\n') && m.len() <= MAX_MESSAGE_BYTES);
    }
}
