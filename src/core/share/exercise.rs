//! Exercise links (`x1.`): what a teacher hands to students. The link never
//! carries the solution: it is dropped when the link is made, and dropped
//! again when one is opened, should a hand-made link hold one.

use super::{content_error, pack, unpack, ShareError, ShareErrorKind, What};
use crate::core::exercise::{self, Exercise};
use crate::core::model::LoadError;
use serde_json::Value;

/// The fragment of an exercise file's text, without its `solution`. The
/// file is loaded strictly first, so a broken exercise is never shared.
pub fn exercise_fragment(text: &str) -> Result<String, LoadError> {
    exercise::load(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut value: Value = crate::core::model::parse_json(text)?;
    if let Value::Object(doc) = &mut value {
        doc.remove("solution");
    }
    Ok(pack(What::Exercise, &value.to_string()))
}

/// The exercise a link holds, loaded strictly, without any solution.
pub fn open_exercise(link: &str) -> Result<Exercise, ShareError> {
    let (what, text) = unpack(link)?;
    exercise_of(what, &text)
}

/// The exercise of a link's JSON text (see `compressed`), without any
/// solution; a design is refused.
pub fn exercise_of(what: What, text: &str) -> Result<Exercise, ShareError> {
    if what != What::Exercise {
        return Err(ShareError::new(
            ShareErrorKind::Prefix,
            "this link holds a design, not an exercise: open it as a design",
        ));
    }
    let mut ex = exercise::load(text).map_err(|e| content_error("exercise", &e))?;
    ex.solution = None;
    Ok(ex)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with_solution() -> String {
        let design = crate::core::templates::TEMPLATES[0].json;
        let design: Value = serde_json::from_str(design).unwrap();
        json!({
            "format": "topoform.exercise", "version": 1, "id": "x", "title": "T",
            "brief": "B", "start": { "empty": true },
            "goals": [ { "id": "g", "text": "t", "check": { "count": { "kind": "region", "min": 1 } } } ],
            "solution": { "design": design }
        })
        .to_string()
    }

    #[test]
    fn an_exercise_link_round_trips_without_its_solution() {
        let text = with_solution();
        assert!(exercise::load(&text).unwrap().solution.is_some());
        let frag = exercise_fragment(&text).unwrap();
        assert!(frag.starts_with("x1."), "{frag}");
        let (_, inside) = unpack(&frag).unwrap();
        assert!(!inside.contains("solution"), "{inside}");
        let ex = open_exercise(&frag).unwrap();
        let mut expected = exercise::load(&text).unwrap();
        expected.solution = None;
        assert_eq!(ex, expected);
    }

    #[test]
    fn a_hand_made_link_with_a_solution_opens_without_it() {
        let frag = pack(What::Exercise, &with_solution());
        assert!(open_exercise(&frag).unwrap().solution.is_none());
    }

    #[test]
    fn broken_or_mismatched_exercise_links_are_refused() {
        assert!(exercise_fragment("{}").is_err());
        let e = open_exercise(&pack(
            What::Exercise,
            r#"{"format": "topoform.exercise", "version": 1}"#,
        ))
        .unwrap_err();
        assert_eq!(e.kind, ShareErrorKind::Content);
        assert!(
            e.message.starts_with("the link's exercise does not load: "),
            "{e}"
        );
        let design = crate::core::templates::TEMPLATES[0].design().unwrap();
        let e = open_exercise(&super::super::design_fragment(&design)).unwrap_err();
        assert_eq!(e.kind, ShareErrorKind::Prefix);
    }
}
