//! The second step of loading: a parsed `Value` to the model's types, with
//! the JSON path of any error.
//!
//! This is a serde `Deserializer` over `&Value` that keeps where it is (a
//! chain of steps on the stack, as `strict_json` does while parsing) and
//! stamps that path on the first error to pass a map entry, an array
//! element or an enum variant. It replaces `serde_path_to_error`, which
//! wrapped serde_json's own `Value` deserializer and every visitor in
//! forwarding layers, so each model type's `Deserialize` was compiled with
//! three generic layers around it; here it is compiled once, against this
//! reader alone, which keeps the editor's wasm smaller (issue 13).
//!
//! It reads exactly what serde_json's `Value` deserializer reads and words
//! every error the same way (its messages come from `serde_json::Error`),
//! and its paths are those `serde_path_to_error` gave: `regions[1].vpcs`,
//! an enum's variant as a key, empty for the root. `tests/model_load.rs`,
//! `tests/load_fuzz.rs`, `tests/fixtures_invalid.rs` and `tests/format_v2.rs`
//! pin the messages.

use crate::core::text::short;
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// Reads a `T` from `value`; on failure, the JSON path (empty for the
/// value itself) and the message.
pub(crate) fn read<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T, (String, String)> {
    T::deserialize(Reader {
        value,
        at: &At::Root,
    })
    .map_err(|e| (e.path.unwrap_or_default(), e.inner.to_string()))
}

/// Where the value being read sits, back to the root.
enum At<'a> {
    Root,
    Index(&'a At<'a>, usize),
    Key(&'a At<'a>, &'a str),
}

impl At<'_> {
    /// The path in the style of every load error: `tags`, `regions[1].vpcs`.
    #[cold]
    fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = self;
        loop {
            match at {
                At::Root => break,
                At::Index(parent, i) => {
                    steps.push(format!("[{i}]"));
                    at = parent;
                }
                At::Key(parent, k) => {
                    steps.push(short(k).to_string());
                    at = parent;
                }
            }
        }
        let mut out = String::new();
        for step in steps.into_iter().rev() {
            if !out.is_empty() && !step.starts_with('[') {
                out.push('.');
            }
            out.push_str(&step);
        }
        out
    }
}

/// serde_json's error (so every message reads as serde_json words it),
/// and where it happened once known.
#[derive(Debug)]
pub(crate) struct Error {
    path: Option<String>,
    inner: serde_json::Error,
}

impl Error {
    /// Stamps `at` on an error that has no path yet: the innermost place
    /// an error passes is where it happened.
    #[cold]
    fn at(mut self, at: &At) -> Self {
        if self.path.is_none() {
            self.path = Some(at.path());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    #[cold]
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            path: None,
            inner: <serde_json::Error as de::Error>::custom(msg),
        }
    }

    #[cold]
    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        if let Some(e) = not_a_number_in_range(&unexp, exp) {
            return e;
        }
        Error {
            path: None,
            inner: <serde_json::Error as de::Error>::invalid_type(unexp, exp),
        }
    }

    #[cold]
    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        if let Some(e) = not_a_number_in_range(&unexp, exp) {
            return e;
        }
        Error {
            path: None,
            inner: <serde_json::Error as de::Error>::invalid_value(unexp, exp),
        }
    }
}

/// A number field given something else, or a number out of its type's
/// range, in words (`must be a whole number from 0 to 4294967295, found
/// -5`) instead of serde's (`invalid value: integer `-5`, expected u32`):
/// serde names the expected number by its Rust type. `None` when `exp` is
/// not a number type, whose words serde's message keeps.
#[cold]
fn not_a_number_in_range(unexp: &Unexpected, exp: &dyn de::Expected) -> Option<Error> {
    // Written out: formatting the bounds as i128 linked 128-bit division
    // and printing into every module that loads designs.
    let wanted = match exp.to_string().as_str() {
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" => "a whole number from 0 to 18446744073709551615",
        "usize" if usize::BITS == 32 => "a whole number from 0 to 4294967295",
        "usize" => "a whole number from 0 to 18446744073709551615",
        "i8" => "a whole number from -128 to 127",
        "i16" => "a whole number from -32768 to 32767",
        "i32" => "a whole number from -2147483648 to 2147483647",
        "i64" => "a whole number from -9223372036854775808 to 9223372036854775807",
        "f32" | "f64" => "a number",
        _ => return None,
    };
    let found = match unexp {
        Unexpected::Unsigned(u) => u.to_string(),
        Unexpected::Signed(i) => i.to_string(),
        // As written: `2048.0` is refused as a whole number, and Display
        // would print it `2048`, the very value the field wants.
        Unexpected::Float(f) => format!("{f:?}"),
        Unexpected::Bool(b) => b.to_string(),
        Unexpected::Str(t) => format!("the text {:?}", short(t).to_string()),
        Unexpected::Unit => "null".to_string(),
        Unexpected::Seq => "a list".to_string(),
        Unexpected::Map => "an object".to_string(),
        other => other.to_string(),
    };
    Some(<Error as de::Error>::custom(format!(
        "must be {wanted}, found {found}"
    )))
}

#[cold]
fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, f) => Unexpected::Float(f.unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

#[cold]
fn invalid_type(v: &Value, exp: &dyn de::Expected) -> Error {
    de::Error::invalid_type(unexpected(v), exp)
}

/// Reads the value at `at`.
#[derive(Clone, Copy)]
struct Reader<'a, 'de> {
    value: &'de Value,
    at: &'a At<'a>,
}

impl<'a, 'de> Deserializer<'de> for Reader<'a, 'de> {
    type Error = Error;

    // Every type but these goes through `deserialize_any`: a visitor that
    // does not take what it is given refuses it with the same words
    // serde_json's typed methods use, so one method per visitor is enough.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(_) => self.number(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.visit_array(items, visitor),
            Value::Object(map) => self.visit_object(map, visitor),
        }
    }

    // The typed methods below read what `deserialize_any` would hand the
    // visitor and refuse anything else with the words a visitor's default
    // `visit_*` would use (`invalid type: …, expected …`), so the messages
    // are unchanged. What they save: `deserialize_any` calls every `visit_*`
    // of the visitor it is given, so each of the model's ~30 visitors was
    // compiled with eight branches; here a struct's visitor, a `Vec`'s, a
    // map's, a string's or a number's is compiled with the one or two it
    // takes (issue 13: the editor's wasm).

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => self.visit_object(map, visitor),
            // An object is written as an object. serde_json would also read a
            // struct from an array of its fields by position; the format has
            // no such form, and refusing it keeps every derived visitor's
            // `visit_seq` out of the app (about 16 KB gzipped).
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.visit_array(items, visitor),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => self.visit_object(map, visitor),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_enum(Variant {
                name: s,
                value: None,
                at: self.at,
            }),
            Value::Object(map) => match map.iter().next() {
                Some((name, value)) if map.len() == 1 => visitor.visit_enum(Variant {
                    name,
                    value: Some(value),
                    at: self.at,
                }),
                _ => Err(de::Error::invalid_value(
                    Unexpected::Map,
                    &"map with a single key",
                )),
            },
            other => Err(invalid_type(other, &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u128 f32 char bytes byte_buf unit_struct tuple_struct identifier
    }
}

impl<'a, 'de> Reader<'a, 'de> {
    /// A number as `deserialize_any` hands it over (an unsigned, a signed
    /// or a float, in that order); anything else is refused.
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (_, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            other => Err(invalid_type(other, &visitor)),
        }
    }

    fn visit_array<V: Visitor<'de>>(
        self,
        items: &'de [Value],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut seq = Seq {
            items: items.iter(),
            index: 0,
            at: self.at,
        };
        let out = visitor.visit_seq(&mut seq)?;
        match seq.items.len() {
            0 => Ok(out),
            _ => Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in array",
            )),
        }
    }

    fn visit_object<V: Visitor<'de>>(
        self,
        map: &'de Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut entries = Entries {
            entries: map.iter(),
            value: None,
            at: self.at,
        };
        let out = visitor.visit_map(&mut entries)?;
        match entries.entries.len() {
            0 => Ok(out),
            _ => Err(de::Error::invalid_length(
                map.len(),
                &"fewer elements in map",
            )),
        }
    }
}

#[path = "tracked_access.rs"]
mod access;
use access::{Entries, Seq, Variant};

#[cfg(test)]
#[path = "tracked_tests.rs"]
mod tests;
