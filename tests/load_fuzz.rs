//! Fuzz-style properties of the loader on mutated real designs (the shipped
//! templates and every design under tests/fixtures): duplicate keys, huge
//! strings, deep nesting, odd numbers, truncation, byte flips and invalid
//! UTF-8. Whatever the text, loading never panics (a panic in wasm kills the
//! page) and ends in either one short load error or a design whose report is
//! short, through the library and through the `topoform` binary.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use topoform::core::autosave::{restore, Restore};
use topoform::core::model::{load, LoadErrorKind};
use topoform::core::templates::TEMPLATES;
use topoform::core::text::MAX_MESSAGE_BYTES;
use topoform::core::validate::validate;

/// Every real design: the templates and the fixture files that parse as a
/// JSON object (hostile fixtures that do not are no base to mutate).
fn corpus() -> &'static [Value] {
    static CORPUS: OnceLock<Vec<Value>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut texts: Vec<String> = TEMPLATES.iter().map(|t| t.json.to_string()).collect();
        json_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut texts,
        );
        let docs: Vec<Value> = texts
            .iter()
            .filter_map(|t| serde_json::from_str::<Value>(t).ok())
            .filter(Value::is_object)
            .collect();
        assert!(docs.len() >= 18, "only {} designs to mutate", docs.len());
        docs
    })
}

fn json_files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// What must hold for any text: a load error is one line of bounded size;
/// a design that loads validates to bounded one-line messages.
fn loads_or_fails_cleanly(text: &str) -> Result<Option<LoadErrorKind>, TestCaseError> {
    match load(text) {
        Err(e) => {
            let shown = e.to_string();
            prop_assert!(
                shown.len() <= 2 * MAX_MESSAGE_BYTES + 2,
                "{} bytes of load error",
                shown.len()
            );
            prop_assert!(
                !shown.contains('\n'),
                "a load error over several lines: {shown}"
            );
            Ok(Some(e.kind))
        }
        Ok(d) => {
            for diag in validate(&d) {
                prop_assert!(
                    diag.message.len() <= MAX_MESSAGE_BYTES,
                    "{}: {} bytes",
                    diag.rule,
                    diag.message.len()
                );
                prop_assert!(
                    !diag.message.contains('\n'),
                    "{}: {}",
                    diag.rule,
                    diag.message
                );
            }
            Ok(None)
        }
    }
}

const MARK: &str = "\u{0}raw\u{0}";

/// `doc` as text with its `nth` value of a kind `pick` accepts (document
/// order, wrapping around) written as `raw`, or `None` when none is.
fn with_raw(doc: &Value, nth: usize, pick: fn(&Value) -> bool, raw: &str) -> Option<String> {
    let mut slots = 0;
    count(doc, pick, &mut slots);
    if slots == 0 {
        return None;
    }
    let mut doc = doc.clone();
    let mut n = nth % slots;
    replace_nth(&mut doc, pick, &mut n);
    let quoted = serde_json::to_string(MARK).unwrap();
    Some(doc.to_string().replacen(&quoted, raw, 1))
}

fn count(v: &Value, pick: fn(&Value) -> bool, n: &mut usize) {
    if pick(v) {
        *n += 1;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| count(x, pick, n)),
        Value::Object(o) => o.values().for_each(|x| count(x, pick, n)),
        _ => {}
    }
}

fn replace_nth(v: &mut Value, pick: fn(&Value) -> bool, n: &mut usize) -> bool {
    if pick(v) {
        if *n == 0 {
            *v = Value::from(MARK);
            return true;
        }
        *n -= 1;
    }
    match v {
        Value::Array(a) => a.iter_mut().any(|x| replace_nth(x, pick, n)),
        Value::Object(o) => o.values_mut().any(|x| replace_nth(x, pick, n)),
        _ => false,
    }
}

/// `doc` as text with one key of its `nth` non-empty object written twice;
/// returns the text, the object's path and the key.
fn with_duplicate_key(doc: &Value, nth: usize, pick: usize) -> Option<(String, String, String)> {
    let mut w = DupWriter {
        nth,
        seen: 0,
        pick,
        hit: None,
        out: String::new(),
    };
    w.write(doc, "");
    let (path, key) = w.hit?;
    Some((w.out, path, key))
}

struct DupWriter {
    nth: usize,
    seen: usize,
    pick: usize,
    hit: Option<(String, String)>,
    out: String,
}

impl DupWriter {
    fn write(&mut self, v: &Value, path: &str) {
        match v {
            Value::Array(a) => {
                self.out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.write(x, &format!("{path}[{i}]"));
                }
                self.out.push(']');
            }
            Value::Object(o) if !o.is_empty() => {
                let twice = (self.seen == self.nth).then(|| self.pick % o.len());
                self.seen += 1;
                self.out.push('{');
                for (i, (k, x)) in o.iter().enumerate() {
                    let key = serde_json::to_string(k).unwrap();
                    if i > 0 {
                        self.out.push(',');
                    }
                    if twice == Some(i) {
                        // The first copy holds another value, as a real slip would.
                        self.out
                            .push_str(&format!("{key}:{},", serde_json::json!([x])));
                        self.hit = Some((path.to_string(), k.clone()));
                    }
                    self.out.push_str(&key);
                    self.out.push(':');
                    let child = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    self.write(x, &child);
                }
                self.out.push('}');
            }
            leaf => self.out.push_str(&leaf.to_string()),
        }
    }
}

/// Strings of the given size made of awkward characters.
fn huge_string() -> impl Strategy<Value = String> {
    (
        1usize..300_000,
        prop::sample::select(vec![
            "x", "é", "\n", "\"", "`", "\\", "日本", "\u{202e}", " ",
        ]),
    )
        .prop_map(|(len, unit)| unit.repeat(len / unit.len() + 1))
}

const ODD_NUMBERS: &[&str] = &[
    "1e400",
    "-1e400",
    "1E-400",
    "-0",
    "-0.0",
    "0.0",
    "1.5",
    "-1",
    "1e2",
    "18446744073709551616",
    "18446744073709551615",
    "-9223372036854775809",
    "4294967296",
    "65536",
    "123456789012345678901234567890",
    "0.30000000000000004",
    "2.5e-8",
];

fn is_number(v: &Value) -> bool {
    v.is_number()
}

fn is_string(v: &Value) -> bool {
    v.is_string()
}

fn any_value(_: &Value) -> bool {
    true
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]

    #[test]
    fn a_duplicate_key_anywhere_is_refused_at_its_path(d in 0usize..1000, nth in 0usize..60, pick in 0usize..20) {
        let doc = &corpus()[d % corpus().len()];
        let Some((text, path, key)) = with_duplicate_key(doc, nth, pick) else { return Ok(()) };
        let e = load(&text).expect_err("a duplicate key must not load");
        prop_assert_eq!(e.kind, LoadErrorKind::Schema);
        prop_assert_eq!(&e.path, &path);
        prop_assert!(e.message.starts_with(&format!("duplicate key {key:?}")), "{}", e);
    }

    #[test]
    fn huge_strings_give_a_bounded_report(d in 0usize..1000, nth in 0usize..400, big in huge_string()) {
        let doc = &corpus()[d % corpus().len()];
        let raw = serde_json::to_string(&big).unwrap();
        if let Some(text) = with_raw(doc, nth, is_string, &raw) {
            loads_or_fails_cleanly(&text)?;
        }
    }

    #[test]
    fn huge_keys_give_a_bounded_error(d in 0usize..1000, nth in 0usize..400, big in huge_string()) {
        let doc = &corpus()[d % corpus().len()];
        let raw = format!("{{{}: 1}}", serde_json::to_string(&big).unwrap());
        if let Some(text) = with_raw(doc, nth, any_value, &raw) {
            loads_or_fails_cleanly(&text)?;
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow(d in 0usize..1000, nth in 0usize..400, depth in prop_oneof![1usize..80, 80usize..100_000]) {
        let doc = &corpus()[d % corpus().len()];
        let raw = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        if let Some(text) = with_raw(doc, nth, any_value, &raw) {
            let kind = loads_or_fails_cleanly(&text)?;
            if depth > 64 {
                prop_assert_eq!(kind, Some(LoadErrorKind::Schema));
            }
        }
    }

    #[test]
    fn odd_numbers_load_or_fail_cleanly(d in 0usize..1000, picks in prop::collection::vec((0usize..200, 0..ODD_NUMBERS.len()), 1..4)) {
        let mut text = corpus()[d % corpus().len()].to_string();
        for (nth, i) in picks {
            let Ok(doc) = serde_json::from_str::<Value>(&text) else { break };
            match with_raw(&doc, nth, is_number, ODD_NUMBERS[i]) {
                Some(t) => text = t,
                None => break,
            }
        }
        loads_or_fails_cleanly(&text)?;
    }

    #[test]
    fn wrong_types_where_numbers_belong_are_refused(d in 0usize..1000, nth in 0usize..200, raw in prop::sample::select(vec!["\"1\"", "true", "[]", "{}"])) {
        let doc = &corpus()[d % corpus().len()];
        if let Some(text) = with_raw(doc, nth, is_number, raw) {
            prop_assert!(loads_or_fails_cleanly(&text)?.is_some(), "{} loaded in place of a number", raw);
        }
    }

    #[test]
    fn truncated_files_are_refused(d in 0usize..1000, frac in 0.0f64..1.0) {
        let text = serde_json::to_string_pretty(&corpus()[d % corpus().len()]).unwrap();
        let mut end = (text.len() as f64 * frac) as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        prop_assert_eq!(loads_or_fails_cleanly(&text[..end])?, Some(LoadErrorKind::Syntax));
    }

    #[test]
    fn flipped_bytes_never_panic(d in 0usize..1000, flips in prop::collection::vec((0.0f64..1.0, 1u8..=255), 1..8)) {
        let mut bytes = serde_json::to_string_pretty(&corpus()[d % corpus().len()]).unwrap().into_bytes();
        for (at, mask) in flips {
            let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
            bytes[i] ^= mask;
        }
        loads_or_fails_cleanly(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        loads_or_fails_cleanly(&String::from_utf8_lossy(&bytes))?;
    }
}

/// The app's start-up path (autosave restore) sees the same hostile text:
/// it must back the text up with a short message, not crash.
#[test]
fn autosave_restore_of_hostile_text_is_a_short_message() {
    let deep = "[".repeat(100_000);
    let dup = TEMPLATES[0].json.replacen(
        "\"name\": \"shop\"",
        "\"name\": \"a\", \"name\": \"shop\"",
        1,
    );
    let huge_key = format!("{{\"{}\": 1}}", "k".repeat(5_000_000));
    for text in [
        deep.as_str(),
        dup.as_str(),
        huge_key.as_str(),
        "\u{feff}null",
    ] {
        match restore(Some(text), 7) {
            Restore::Unreadable { message, .. } => {
                assert!(message.len() < 1000 && !message.contains('\n'), "{message}")
            }
            other => panic!("hostile text restored: {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Through the binary, with raw bytes (invalid UTF-8 included): exit 0,
    /// 1 or 2, and a refused file gets exactly one line on stderr.
    #[test]
    fn the_cli_answers_hostile_bytes_with_one_line(d in 0usize..1000, flips in prop::collection::vec((0.0f64..1.0, 1u8..=255), 1..6)) {
        let mut bytes = serde_json::to_string_pretty(&corpus()[d % corpus().len()]).unwrap().into_bytes();
        for (at, mask) in flips {
            let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
            bytes[i] ^= mask;
        }
        let dir = std::env::temp_dir().join(format!("topoform-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("flipped.json");
        std::fs::write(&file, &bytes).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_topoform")).arg("check").arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        match o.status.code() {
            Some(0 | 1) => prop_assert!(err.is_empty(), "{}", err),
            Some(2) => prop_assert!(err.lines().count() == 1 && err.starts_with("error: "), "{}", err),
            other => prop_assert!(false, "exit {:?}: {}", other, err),
        }
    }
}
