//! Fresh ids and names for new objects.

use crate::core::model::{for_each_object, id::MAX_ID_LEN, Design};
use rustc_hash::FxHashSet;
use std::collections::HashSet;

/// The ids a design uses (borrowed from it, so an add on a big design
/// copies none of its thousands of ids) and the ids given out since.
#[derive(Debug, Default)]
pub struct Taken<'a> {
    used: FxHashSet<&'a str>,
    given: FxHashSet<String>,
}

impl<'a> Taken<'a> {
    /// True when `id` is used or was given out.
    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(id) || self.given.contains(id)
    }

    /// Marks `id` as given out.
    pub fn insert(&mut self, id: String) {
        self.given.insert(id);
    }
}

/// Every id used in the design.
pub fn used_ids(design: &Design) -> Taken<'_> {
    let mut used = FxHashSet::default();
    for_each_object(design, |o| {
        used.insert(o.id());
    });
    Taken {
        used,
        given: FxHashSet::default(),
    }
}

/// Turns any text into id characters: ASCII lowercase, `a-z0-9-_`,
/// starting with a letter (other characters become `-`).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out
    } else {
        format!("x{out}")
    }
}

/// `base` if it is free, else `base-2`, `base-3`, ...; always a valid id.
pub fn fresh_id(taken: &Taken<'_>, base: &str) -> String {
    let mut base = slug(base);
    base.truncate(MAX_ID_LEN - 4);
    let base = base.trim_end_matches('-').to_string();
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or(base)
}

/// `base` if no name in `names` equals it, else `base-2`, `base-3`, ...
pub fn fresh_name<'a>(names: impl IntoIterator<Item = &'a str>, base: &str) -> String {
    let names: HashSet<&str> = names.into_iter().collect();
    if !names.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !names.contains(c.as_str()))
        .unwrap_or_default()
}

/// The short form of a region used to prefix ids: the AZ-id prefix
/// (`use1` for us-east-1), or a slug of the code for unknown regions.
pub fn region_short(code: &str) -> String {
    crate::core::catalog::region(code)
        .and_then(|r| r.azs.first())
        .and_then(|az| az.id.split('-').next())
        .map(str::to_string)
        .unwrap_or_else(|| slug(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_valid_and_unused() {
        let mut taken = Taken::default();
        taken.insert("use1-vpc".to_string());
        taken.insert("use1-vpc-2".to_string());
        assert_eq!(fresh_id(&taken, "use1-vpc"), "use1-vpc-3");
        assert_eq!(fresh_id(&taken, "My Web ALB!"), "my-web-alb");
        assert_eq!(fresh_id(&taken, "9lives"), "x9lives");
        let long = fresh_id(&taken, &"a".repeat(80));
        assert!(crate::core::model::is_valid_id(&long), "{long}");
    }

    #[test]
    fn names_and_region_shorts() {
        assert_eq!(fresh_name(["web", "web-2"], "web"), "web-3");
        assert_eq!(fresh_name(["db"], "web"), "web");
        assert_eq!(region_short("us-east-1"), "use1");
        assert_eq!(region_short("eu-west-1"), "euw1");
        assert_eq!(region_short("nowhere-1"), "nowhere-1");
    }
}
