//! Reading and writing design files.
//!
//! Reading is strict: anything that is not exactly design format (a key
//! given twice, an unknown field, a wrong type, a bad enum value, a bad or
//! duplicate id, a reference to a missing object or to the wrong kind of
//! object) is a [`LoadError`] naming the JSON path. Semantic problems are
//! left to validation. Whatever the file holds, the error stays one short
//! line: user text in it is shortened (see `core::text`).

use super::migrate::{migrate, MigrateError, CURRENT_VERSION, MIGRATIONS};
use super::node::split_nested;
use super::refs::check_references;
use super::{strict_json, tracked};
use super::{Design, FORMAT};
use crate::core::text::{bound, short};
use serde_json::Value;
use std::fmt;

/// What went wrong while loading, for callers that react differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Not JSON at all.
    Syntax,
    /// JSON, but not a Topoform design (no or wrong `format`).
    NotADesign,
    /// Written by a newer Topoform.
    TooNew,
    /// A version that never existed, or a migration that failed.
    Version,
    /// A field is unknown, missing, given twice, or of the wrong type or
    /// value, or the file nests deeper than a design can.
    Schema,
    /// An id is malformed or used twice.
    Id,
    /// A reference to a missing object or to the wrong kind of object.
    Reference,
}

/// Why a file could not be loaded, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The kind of problem.
    pub kind: LoadErrorKind,
    /// The JSON path (`regions[1].vpcs[0].subnets[2].az`), empty for the whole file.
    pub path: String,
    /// What was found and what was expected, for a person; one line of at
    /// most a few kilobytes whatever the file holds.
    pub message: String,
}

impl LoadError {
    /// Bounds `path` and `message` (see [`bound`]): they can echo file text.
    pub(crate) fn new(
        kind: LoadErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        LoadError {
            kind,
            path: bound(path.into()),
            message: bound(message.into()),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads a design from the text of a design file, migrating older versions.
///
/// A leading byte-order mark is skipped: some editors write one.
pub fn load(text: &str) -> Result<Design, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_value(strict_json::parse(text)?)
}

/// Loads a design from parsed JSON.
pub fn load_value(value: Value) -> Result<Design, LoadError> {
    let Value::Object(mut doc) = value else {
        return Err(LoadError::new(
            LoadErrorKind::NotADesign,
            "",
            format!(
                "expected a JSON object (a Topoform design), found {}",
                json_type(&value)
            ),
        ));
    };
    match doc.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            let found = match other {
                Value::String(s) => format!("{:?}", short(s)),
                v => json_type(v).to_string(),
            };
            return Err(LoadError::new(
                LoadErrorKind::NotADesign,
                "format",
                format!("expected \"{FORMAT}\", found {found}: this is not a Topoform design"),
            ));
        }
        None => {
            return Err(LoadError::new(
                LoadErrorKind::NotADesign,
                "format",
                format!("missing; a Topoform design starts with \"format\": \"{FORMAT}\""),
            ))
        }
    }
    let version = match doc.get("version") {
        Some(Value::Number(n)) => n.as_u64().and_then(|v| u32::try_from(v).ok()),
        _ => None,
    }
    .ok_or_else(|| {
        LoadError::new(
            LoadErrorKind::Version,
            "version",
            "expected a positive whole number (the format version)",
        )
    })?;
    migrate(&mut doc, version, CURRENT_VERSION, MIGRATIONS).map_err(|e| match e {
        MigrateError::TooNew { found, current } => LoadError::new(
            LoadErrorKind::TooNew,
            "version",
            format!(
                "this design was saved by a newer Topoform (format version {found}); \
                 this one reads versions up to {current}; update Topoform to open it"
            ),
        ),
        MigrateError::Unknown { found } => LoadError::new(
            LoadErrorKind::Version,
            "version",
            format!("{found} is not a design format version"),
        ),
        MigrateError::Step { to, message } => LoadError::new(
            LoadErrorKind::Version,
            "",
            format!("upgrading the design to format version {to} failed: {message}"),
        ),
    })?;
    let doc = Value::Object(doc);
    let design: Design = tracked::read(&doc).map_err(|(outer, msg)| {
        let (path, msg) = match split_nested(&msg) {
            Some((inner, m)) => (join_path(&outer, inner), m.to_string()),
            None => (outer, msg),
        };
        LoadError::new(LoadErrorKind::Schema, path, msg)
    })?;
    check_references(&design)?;
    Ok(design)
}

/// Reads other JSON text the app receives (the exporter worker's answer)
/// through the same strict parser and path-keeping reader as designs, so
/// the editor's wasm holds no second deserializer for it; errors read
/// `path: message` (the message alone at the root).
pub fn read_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = strict_json::parse(text).map_err(|e| e.to_string())?;
    tracked::read(&value).map_err(|(path, message)| match path.as_str() {
        "" => message,
        _ => format!("{path}: {message}"),
    })
}

/// Writes a design as pretty JSON with a stable field order and a final newline.
pub fn save(design: &Design) -> String {
    match serde_json::to_string_pretty(design) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        // Every map in a design has string keys and every float is written
        // finite (see `canvas`), so serde_json has nothing it could refuse.
        Err(e) => unreachable!("a design always serializes: {e}"),
    }
}

fn join_path(outer: &str, inner: &str) -> String {
    if outer.is_empty() {
        inner.to_string()
    } else if inner.starts_with('[') {
        format!("{outer}{inner}")
    } else {
        format!("{outer}.{inner}")
    }
}

pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::read_json;
    use crate::core::export::job::{run, Format, Job, Kind, Outcome, Picture};
    use crate::core::export::Layout;
    use crate::core::templates::TEMPLATES;

    /// Every kind of answer the worker sends (files, a picture, a
    /// comparison, refusals) reads back through the page's reader.
    #[test]
    fn the_exporters_answer_reads_back_as_serde_json_reads_it() {
        let design = TEMPLATES[0].design().expect("a template loads");
        let job = Job::export(Layout::PerRegion, super::save(&design));
        let mut outcomes = vec![run(&job).outcome];
        outcomes.push(
            run(&Job {
                design: "{}".into(),
                ..job.clone()
            })
            .outcome,
        );
        let picture = Picture {
            format: Format::Svg,
            dark: true,
            only: Vec::new(),
        };
        outcomes.push(
            run(&Job {
                kind: Kind::Picture(picture),
                ..job.clone()
            })
            .outcome,
        );
        let mut older = design.clone();
        older.name = format!("{}old", older.name);
        outcomes.push(
            run(&Job {
                kind: Kind::Since {
                    old: super::save(&older),
                },
                ..job
            })
            .outcome,
        );
        assert!(matches!(outcomes[2], Outcome::Picture { .. }));
        assert!(matches!(outcomes[3], Outcome::Compared { .. }));
        outcomes.push(Outcome::Unsupported("a kind".into()));
        for outcome in outcomes {
            let text = serde_json::to_string(&outcome).unwrap_or_default();
            let back: Outcome = read_json(&text).expect("an outcome reads back");
            assert_eq!(back, outcome);
            assert_eq!(serde_json::from_str::<Outcome>(&text).ok(), Some(back));
        }
        let bad = r#"{"files": {"files": [{"path": 1}], "archive": "a", "zip_error": null}}"#;
        let e = read_json::<Outcome>(bad).expect_err("a path that is a number is refused");
        assert!(
            e.starts_with("files.files[0].path: invalid type: integer `1`"),
            "{e}"
        );
        assert!(read_json::<Outcome>("{\"invalid\": []} x").is_err());
    }
}
