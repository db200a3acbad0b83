//! A small, safe Markdown reader for an exercise's brief: paragraphs,
//! headings (`#`–`###`), bullet and numbered lists, `*emphasis*`,
//! `**strong**`, `` `code` `` and `[links](https://…)`. It yields plain
//! data (blocks of text spans), which the app turns into elements one text
//! node at a time: nothing is ever parsed as HTML, so `<script>` in a brief
//! shows as the text `<script>`. A link's target must be `http://` or
//! `https://`; any other (`javascript:`, `data:`, relative) is shown as
//! text. Hand-written, not a crate: the editor's first-paint wasm budget
//! has no room for a full CommonMark parser and its HTML sanitiser.

/// One block of the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1–3.
    Heading(u8, Vec<Span>),
    /// A paragraph (its lines joined by spaces).
    Paragraph(Vec<Span>),
    /// A list: numbered or not, one item per entry.
    List(bool, Vec<Vec<Span>>),
}

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text, shown as is.
    Text(String),
    /// `*text*` or `_text_`.
    Emphasis(String),
    /// `**text**`.
    Strong(String),
    /// `` `code` ``.
    Code(String),
    /// `[text](url)` with an `http(s)` url.
    Link(String, String),
}

/// The blocks of a Markdown text.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<Vec<Span>>)> = None;
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inline(&para.join(" "))));
            para.clear();
        }
    };
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush_para(&mut para, &mut blocks);
            if let Some((n, items)) = list.take() {
                blocks.push(Block::List(n, items));
            }
            continue;
        }
        if let Some((level, rest)) = heading(line) {
            flush_para(&mut para, &mut blocks);
            if let Some((n, items)) = list.take() {
                blocks.push(Block::List(n, items));
            }
            blocks.push(Block::Heading(level, inline(rest)));
            continue;
        }
        if let Some((numbered, rest)) = list_item(line) {
            flush_para(&mut para, &mut blocks);
            match &mut list {
                Some((n, items)) if *n == numbered => items.push(inline(rest)),
                _ => {
                    if let Some((n, items)) = list.take() {
                        blocks.push(Block::List(n, items));
                    }
                    list = Some((numbered, vec![inline(rest)]));
                }
            }
            continue;
        }
        match &mut list {
            // A continuation line of the last item.
            Some((_, items)) if raw.starts_with(' ') => {
                if let Some(last) = items.last_mut() {
                    last.push(Span::Text(" ".into()));
                    last.extend(inline(line));
                }
            }
            _ => {
                if let Some((n, items)) = list.take() {
                    blocks.push(Block::List(n, items));
                }
                para.push(line);
            }
        }
    }
    flush_para(&mut para, &mut blocks);
    if let Some((n, items)) = list.take() {
        blocks.push(Block::List(n, items));
    }
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    let rest = line.get(hashes..)?;
    ((1..=6).contains(&hashes) && rest.starts_with(' '))
        .then(|| (u8::try_from(hashes.min(3)).unwrap_or(3), rest.trim()))
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((false, rest.trim()));
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = line.get(digits..)?;
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, rest.trim()));
        }
    }
    None
}

/// The spans of one line (or joined paragraph) of text.
pub fn inline(text: &str) -> Vec<Span> {
    let mut marks = LinkMarks::new(text);
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let found = match c {
            '`' => delimited(rest, "`").map(|(inner, after)| (Span::Code(inner.into()), after)),
            '*' if rest.starts_with("**") => {
                delimited(rest, "**").map(|(inner, after)| (Span::Strong(inner.into()), after))
            }
            '*' | '_' => delimited(rest, if c == '*' { "*" } else { "_" })
                .map(|(inner, after)| (Span::Emphasis(inner.into()), after)),
            '[' => marks.link(text, text.len() - rest.len()),
            _ => None,
        };
        match found {
            Some((span, after)) => {
                if !plain.is_empty() {
                    spans.push(Span::Text(std::mem::take(&mut plain)));
                }
                spans.push(span);
                rest = after;
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        spans.push(Span::Text(plain));
    }
    spans
}

/// `text` starts with `mark`: the non-empty text up to the next `mark`,
/// and what follows it.
fn delimited<'a>(text: &'a str, mark: &str) -> Option<(&'a str, &'a str)> {
    let body = text.strip_prefix(mark)?;
    let end = body.find(mark)?;
    let inner = &body[..end];
    (!inner.is_empty() && !inner.starts_with(' ')).then(|| (inner, &body[end + mark.len()..]))
}

/// The longest link target a brief may use, in bytes (longer: text).
const MAX_URL_BYTES: usize = 2048;

/// A link's checked target: where its url starts and ends, and its `)`.
type Target = (usize, usize, usize);

/// Where the `](` and `)` of a text are, found once, so that looking for a
/// link at each `[` is a lookup: a hostile brief (64 KiB of `[`, each
/// searching to the end for a `](` it never finds) parses in linear time,
/// not in the 47 s (debug build) a search per `[` took.
struct LinkMarks {
    closes: Vec<usize>,
    parens: Vec<usize>,
    /// The last `](` whose target was checked, and the safe target.
    checked: Option<(usize, Option<Target>)>,
}

impl LinkMarks {
    fn new(text: &str) -> Self {
        LinkMarks {
            closes: text.match_indices("](").map(|(i, _)| i).collect(),
            parens: text.match_indices(')').map(|(i, _)| i).collect(),
            checked: None,
        }
    }

    /// `[text](url)` at byte `at` of `text` (a `[`), with an `http(s)` url;
    /// any other target is not a link (its characters then show as plain
    /// text). Returns the span and what follows the `)`.
    fn link<'a>(&mut self, text: &'a str, at: usize) -> Option<(Span, &'a str)> {
        let close = *self.closes.get(self.closes.partition_point(|&i| i <= at))?;
        let (from, to, paren) = match self.checked {
            Some((c, url)) if c == close => url?,
            _ => {
                let url = self.target(text, close);
                self.checked = Some((close, url));
                url?
            }
        };
        let label = text.get(at + 1..close).filter(|l| !l.is_empty())?;
        let url = text.get(from..to)?;
        let after = text.get(paren + 1..)?;
        Some((Span::Link(label.to_string(), url.to_string()), after))
    }

    /// The byte range of the safe target after the `](` at `close`
    /// (trimmed) and where its `)` is, if it is one.
    fn target(&self, text: &str, close: usize) -> Option<(usize, usize, usize)> {
        let from = close + 2;
        let paren = *self
            .parens
            .get(self.parens.partition_point(|&i| i < from))?;
        if paren - from > MAX_URL_BYTES {
            return None;
        }
        let raw = text.get(from..paren)?;
        let url = raw.trim();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let safe = (lower.starts_with("https://") || lower.starts_with("http://"))
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<');
        let start = from + (raw.len() - raw.trim_start().len());
        safe.then_some((start, start + url.len(), paren))
    }
}

/// The plain text of spans (for tests and screen readers).
pub fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Emphasis(t) | Span::Strong(t) | Span::Code(t) => t.as_str(),
            Span::Link(t, _) => t.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_supported_markdown() {
        let md = "# Title\n\nSome *soft* and **bold** with `code`.\nSecond line.\n\n\
                  - one\n- two [docs](https://aws.amazon.com/)\n\n1. first\n2) second\n\n### Small";
        let b = parse(md);
        assert_eq!(b[0], Block::Heading(1, vec![Span::Text("Title".into())]));
        assert_eq!(
            b[1],
            Block::Paragraph(vec![
                Span::Text("Some ".into()),
                Span::Emphasis("soft".into()),
                Span::Text(" and ".into()),
                Span::Strong("bold".into()),
                Span::Text(" with ".into()),
                Span::Code("code".into()),
                Span::Text(". Second line.".into()),
            ])
        );
        let Block::List(false, items) = &b[2] else {
            panic!("{:?}", b[2])
        };
        assert_eq!(
            items[1][1],
            Span::Link("docs".into(), "https://aws.amazon.com/".into())
        );
        assert!(matches!(&b[3], Block::List(true, items) if items.len() == 2));
        assert!(matches!(&b[4], Block::Heading(3, _)));
    }

    #[test]
    fn html_and_script_links_stay_text() {
        let md = "<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n\
                  [click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [d](data:text/html,hi) \
                  [r](/relative) [q](https://ok.example/\"onmouseover=x)";
        let b = parse(md);
        let Block::Paragraph(first) = &b[0] else {
            panic!("{:?}", b[0])
        };
        assert_eq!(
            first,
            &vec![Span::Text(
                "<script>alert(1)</script> <img src=x onerror=alert(1)>".into()
            )]
        );
        let Block::Paragraph(links) = &b[1] else {
            panic!("{:?}", b[1])
        };
        assert!(
            links.iter().all(|s| !matches!(s, Span::Link(..))),
            "no unsafe link survives: {links:?}"
        );
        assert!(plain(links).contains("[click](javascript:alert(1))"));
    }

    #[test]
    fn odd_input_never_panics() {
        for md in [
            "*",
            "**",
            "`",
            "[",
            "[a](",
            "[a](http://x",
            "#",
            "1.",
            "é*é*",
            "_a",
            "- ",
            "  - x\n  y",
        ] {
            let _ = parse(md);
        }
    }
}
