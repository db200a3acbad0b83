//! The first step of loading: JSON text to a `Value`, refusing what plain
//! serde_json lets through silently.
//!
//! serde_json keeps the last of two equal keys in an object, so
//! `"tags": {"Owner": "a", "Owner": "b"}` would load as if `"a"` had never
//! been written. This reader builds the same `Value` in the same single pass
//! (no second parse, no extra crate) but refuses a key given twice, naming
//! the object's JSON path and the key. It also refuses nesting deeper than
//! any design needs before serde_json's own limit is reached, so that error
//! names a path too, and files of millions of values (a 50 MB array of
//! numbers would take gigabytes as `Value`s, and kill a browser tab).

use super::load::{LoadError, LoadErrorKind};
use crate::core::text::short;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::fmt;

/// The deepest nesting of arrays and objects a design file may have.
///
/// A design nests about 8 levels (`dns.records[0].targets[0].health_check`);
/// serde_json itself stops at 128. Stopping at 64 leaves both room.
pub const MAX_DEPTH: usize = 64;

/// The most JSON values (of any kind, at any depth) a design file may hold.
///
/// The 5,000-object stress design (`core::stress`, 2 MB of JSON) holds
/// about 62,000; a design 16 times as large still loads.
pub const MAX_VALUES: usize = 1_000_000;

/// Parses `text` as one JSON value, refusing duplicate keys and deep nesting.
pub(crate) fn parse(text: &str) -> Result<Value, LoadError> {
    let shared = Shared {
        refused: RefCell::new(None),
        values_left: Cell::new(MAX_VALUES),
    };
    let root = At {
        parent: None,
        step: Step::Root,
        depth: 0,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed {
        at: &root,
        shared: &shared,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        shared
            .refused
            .into_inner()
            .unwrap_or_else(|| syntax_error(text, &e))
    })
}

fn syntax_error(text: &str, e: &serde_json::Error) -> LoadError {
    let message = if text.is_empty() {
        "the file is empty; a Topoform design is a JSON object starting with {\"format\": \"topoform.design\"".into()
    } else if text.trim().is_empty() {
        format!("the file holds only whitespace ({} byte{}, nothing else); a Topoform design is a JSON object starting with {{\"format\": \"topoform.design\"", text.len(), if text.len() == 1 { "" } else { "s" })
    } else if e.is_eof() {
        format!("not valid JSON: the file ends too early, as if cut off ({e})")
    } else {
        format!("not valid JSON: {e}")
    };
    LoadError::new(LoadErrorKind::Syntax, "", message)
}

/// Where the value being read sits: a chain of steps back to the root, kept
/// on the stack and turned into a path string only for an error.
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
    depth: usize,
}

enum Step<'a> {
    Root,
    Index(usize),
    Key(&'a str),
}

impl At<'_> {
    /// The JSON path in the style of every load error: `tags`, `regions[1].vpcs`.
    fn path(&self) -> String {
        let mut steps = Vec::with_capacity(self.depth);
        let mut at = Some(self);
        while let Some(a) = at {
            steps.push(&a.step);
            at = a.parent;
        }
        let mut out = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Root => {}
                Step::Index(i) => out.push_str(&format!("[{i}]")),
                Step::Key(k) if out.is_empty() => out.push_str(&short(k).to_string()),
                Step::Key(k) => out.push_str(&format!(".{}", short(k))),
            }
        }
        out
    }

    fn child<'b>(&'b self, step: Step<'b>) -> At<'b> {
        At {
            parent: Some(self),
            step,
            depth: self.depth + 1,
        }
    }
}

/// What every value read shares: the refusal, if any, and the budget.
struct Shared {
    /// A refusal with its path; the serde error only unwinds the parse.
    refused: RefCell<Option<LoadError>>,
    /// How many more values the file may hold.
    values_left: Cell<usize>,
}

/// Reads one value at `at`.
#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    at: &'a At<'a>,
    shared: &'a Shared,
}

impl ValueSeed<'_> {
    fn refuse<E: de::Error>(self, message: String) -> E {
        *self.shared.refused.borrow_mut() = Some(LoadError::new(
            LoadErrorKind::Schema,
            self.at.path(),
            message,
        ));
        E::custom("refused")
    }

    fn enter<E: de::Error>(self) -> Result<(), E> {
        if self.at.depth >= MAX_DEPTH {
            return Err(self.refuse(format!(
                "nested more than {MAX_DEPTH} levels deep; a design never nests that deep"
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let left = self.shared.values_left.get();
        if left == 0 {
            return Err(self.refuse(format!(
                "the file holds more than {MAX_VALUES} JSON values; a design is far smaller, so this is not one"
            )));
        }
        self.shared.values_left.set(left - 1);
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON text cannot spell NaN or infinity (1e400 is a syntax error),
        // so this is always a number; `from` would give null otherwise.
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut out = Vec::new();
        loop {
            let at = self.at.child(Step::Index(out.len()));
            match seq.next_element_seed(ValueSeed {
                at: &at,
                shared: self.shared,
            })? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(self.refuse(format!(
                    "duplicate key {:?}: a key may appear once in an object, and the earlier value would be lost",
                    short(&key)
                )));
            }
            let at = self.at.child(Step::Key(&key));
            let value = map.next_value_seed(ValueSeed {
                at: &at,
                shared: self.shared,
            })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> (String, String) {
        let e = parse(text).expect_err("must be refused");
        (e.path, e.message)
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 2.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        assert_eq!(
            parse(text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }

    #[test]
    fn refuses_duplicate_keys_naming_path_and_key() {
        let (p, m) = refused(r#"{"name": "a", "name": "b"}"#);
        assert_eq!(p, "");
        assert!(m.starts_with("duplicate key \"name\""), "{m}");
        let (p, m) = refused(r#"{"tags": {"Owner": "a", "Owner": "b"}}"#);
        assert_eq!(
            (p.as_str(), m.starts_with("duplicate key \"Owner\"")),
            ("tags", true),
            "{m}"
        );
        let (p, _) = refused(r#"{"regions": [{}, {"vpcs": [{"id": "a", "id": "a"}]}]}"#);
        assert_eq!(p, "regions[1].vpcs[0]");
        assert!(
            parse(r#"{"a": {"k": 1}, "b": {"k": 1}}"#).is_ok(),
            "equal keys in different objects are fine"
        );
    }

    #[test]
    fn refuses_deep_nesting_without_recursing_deeply() {
        let deep = "[".repeat(100_000);
        let (p, m) = refused(&deep);
        assert!(m.contains("nested more than 64"), "{m}");
        assert_eq!(p, format!("{}", "[0]".repeat(MAX_DEPTH)));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }

    #[test]
    fn refuses_millions_of_values_but_reads_the_stress_design() {
        let stress = crate::core::model::save(&crate::core::stress::stress_design());
        let n = count(&parse(&stress).expect("the stress design parses"));
        assert!(
            n * 10 < MAX_VALUES,
            "the stress design holds {n} values, too close to the cap"
        );
        let many = format!("[{}1]", "1,".repeat(MAX_VALUES));
        let (p, m) = refused(&many);
        assert!(m.contains("more than 1000000 JSON values"), "{m}");
        assert_eq!(p, format!("[{}]", MAX_VALUES - 1));
    }

    #[test]
    fn syntax_errors_say_what_is_wrong() {
        assert!(refused("").1.contains("empty"));
        // Whitespace alone is not "empty": the file has bytes, none of them a design.
        let (_, m) = refused(&" \n\t".repeat(1000));
        assert!(
            m.contains("only whitespace (3000 bytes") && !m.contains("empty"),
            "{m}"
        );
        assert!(refused("{\"format\": ").1.contains("cut off"));
        assert!(refused("{} x").1.contains("trailing characters"));
        assert!(refused("[1e400]").1.contains("out of range"));
    }

    #[test]
    fn long_keys_are_shortened_in_the_path_and_message() {
        let key = "k".repeat(1_000_000);
        let (p, m) = refused(&format!("{{\"{key}\": {{\"{key}\": 1, \"{key}\": 2}}}}"));
        assert!(p.len() < 100 && m.len() < 200, "{p} {m}");
    }
}
