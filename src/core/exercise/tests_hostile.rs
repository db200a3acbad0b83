//! Hostile exercise input beyond load errors: briefs of pathological
//! Markdown at their size cap, and exercise links that are too long,
//! inflate past the cap, nest deeply or carry script.

use super::tests::with;
use super::*;
use serde_json::json;

/// A brief at its cap of pathological Markdown (openers that never close:
/// 64 KiB of `[` once took 47 s to parse in a debug build, a frozen page in
/// the browser) parses quickly, and loads as an exercise.
#[test]
fn hostile_briefs_parse_in_linear_time() {
    use crate::core::markdown::{parse, Block, Span};
    let units = [
        "[",
        "[a](",
        "](",
        ")",
        "[a](https://x ",
        "*",
        "**a",
        "`",
        "_a ",
        "[a](https://",
    ];
    for unit in units {
        let md = unit.repeat(MAX_BRIEF_BYTES / unit.len());
        let text = with(|v| v["brief"] = json!(md)).to_string();
        let started = std::time::Instant::now();
        let ex = load(&text).unwrap_or_else(|e| panic!("{unit:?}: {e}"));
        let blocks = parse(&ex.brief);
        let took = started.elapsed();
        assert!(took.as_millis() < 1500, "{unit:?}: {took:?}");
        let links = blocks
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph(s) | Block::Heading(_, s) => s.clone(),
                Block::List(_, items) => items.concat(),
            })
            .filter(|s| matches!(s, Span::Link(..)))
            .count();
        assert_eq!(links, 0, "{unit:?}");
    }
    // Links still work around such noise, and a target over 2 KiB is text.
    let md = format!(
        "[a](https://ok.example/) [b](https://{}) [c](http://x) {}",
        "x".repeat(3000),
        "[".repeat(5000)
    );
    let spans: Vec<Span> = match &parse(&md)[0] {
        Block::Paragraph(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    let links: Vec<&Span> = spans
        .iter()
        .filter(|s| matches!(s, Span::Link(..)))
        .collect();
    assert_eq!(
        links,
        [
            &Span::Link("a".into(), "https://ok.example/".into()),
            &Span::Link("c".into(), "http://x".into())
        ]
    );
}

/// Hostile exercise links: over-long, inflating past the cap, deeply
/// nested, or carrying script in the brief; refused with a clear message,
/// or opened with the script kept as text.
#[test]
fn hostile_exercise_links_are_refused_or_neutralised() {
    use crate::core::markdown::{parse, plain, Block};
    use crate::core::share::{open_exercise, pack, What, MAX_LINK_CHARS};
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "too long",
            format!("x1.{}", "A".repeat(MAX_LINK_CHARS)),
            "at most 100000",
        ),
        ("not base64url", "x1.eNq!!".into(), "character"),
        ("not zlib", "x1.cGxhaW4gdGV4dA".into(), "damaged"),
        (
            "deep",
            pack(
                What::Exercise,
                &format!("{}{}", "[".repeat(50_000), "]".repeat(50_000)),
            ),
            "nested more than",
        ),
        (
            "a design",
            pack(
                What::Exercise,
                &with(|v| v["format"] = json!("topoform.design")).to_string(),
            ),
            "a design, not an exercise",
        ),
        (
            "huge brief",
            pack(
                What::Exercise,
                &with(|v| v["brief"] = json!("x".repeat(MAX_BRIEF_BYTES + 1))).to_string(),
            ),
            "brief",
        ),
    ];
    for (name, link, why) in cases {
        match open_exercise(&link) {
            Ok(_) => panic!("{name}: opened"),
            Err(e) => assert!(e.message.contains(why), "{name}: {e}"),
        }
    }
    // Four MiB of spaces inside a valid exercise compress to a short link;
    // opening it stops at the cap instead of inflating it whole.
    let mut bomb = with(|v| v["brief"] = json!("x")).to_string();
    bomb.insert_str(1, &" ".repeat(MAX_EXERCISE_BYTES + 1));
    let link = pack(What::Exercise, &bomb);
    assert!(link.len() < 20_000, "{}", link.len());
    let e = open_exercise(&link).unwrap_err();
    assert!(e.message.contains("more than 4 MiB"), "{e}");

    let script =
        "# Hi\n\n<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))";
    let ex = open_exercise(&pack(
        What::Exercise,
        &with(|v| v["brief"] = json!(script)).to_string(),
    ))
    .expect("a brief with script loads; the script stays text");
    let Block::Paragraph(spans) = &parse(&ex.brief)[1] else {
        panic!("{:?}", parse(&ex.brief))
    };
    assert_eq!(
        plain(spans),
        "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"
    );
    assert!(
        spans
            .iter()
            .all(|s| matches!(s, crate::core::markdown::Span::Text(_))),
        "{spans:?}"
    );
}
