//! Tags: the design's `tags` reach every resource through the provider's
//! `default_tags`, so one bad key or value fails the apply of every resource
//! (RDS, DynamoDB, KMS and ELB refuse what EC2 would take). Checked here
//! against AWS's tag rules, as is the one tag the export builds from user
//! text (a health check's `Name`, from the record's name). Id `DES-30` is
//! Topoform's own; the catalog has no row for tags.

use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Design, Report, Rule, Severity::*};

/// Catalog ids of this family that are not implemented (none: the id is Topoform's own).
pub const SKIPPED: &[(&str, &str)] = &[];

/// Where the tag limits come from.
pub const SOURCE: &str = "AWS tag restrictions, as every service's Tag type states them (e.g. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-accessentry-tag.html), read 2026-12-02";

/// The longest tag key, in Unicode characters.
pub const MAX_KEY_CHARS: usize = 128;
/// The longest tag value, in Unicode characters.
pub const MAX_VALUE_CHARS: usize = 256;
/// The most tags one resource may carry.
pub const MAX_TAGS: usize = 50;
/// Tags the export puts on resources besides the design's own: the three
/// default tags and the `Name` and `Tier` some modules add.
pub const EXPORT_TAGS: &[&str] = &["Project", "Environment", "ManagedBy", "Name", "Tier"];

/// The tags family.
pub const RULES: &[Rule] = &[
    rule("DES-30", Error, Design, "Tags must be valid AWS tags: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @, no aws: prefix, at most 50 on a resource.",
        "The design's tags go on every resource through default_tags, and services such as RDS, DynamoDB and KMS refuse a tag outside these rules, so one bad tag fails the whole apply after plan has passed. The export adds Project, Environment, ManagedBy, and Name and Tier on some resources, which count against the 50. A health check's Name tag is the record's name and target, so it must fit in 256 characters too (Route 53 limits only the length of its tags).",
        "Shorten the tag, drop the characters AWS does not allow, or remove tags (at most 45 of your own besides the export's).", des_30),
];

fn allowed(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
}

/// `text` made a valid tag value: each character AWS does not allow in one
/// (quotes, `$`, `{`, emoji...) becomes `_`, an `aws:` prefix loses its
/// colon, and the value is cut to 256 characters. The export tags
/// resources with the names users type (`DisplayName`), which are free
/// text: CloudWatch Logs, KMS and RDS refuse such a tag at apply, after
/// plan has passed, where EC2 would take it.
pub fn tag_value(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(MAX_VALUE_CHARS)
        .map(|c| {
            if allowed(c) && (c == ' ' || !c.is_whitespace()) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
        out.replace_range(3..4, "_");
    }
    out
}

/// What is wrong with `text` as a tag key (or value): `None` when it is fine.
pub fn tag_problem(text: &str, is_key: bool) -> Option<String> {
    let chars = text.chars().count();
    let most = if is_key {
        MAX_KEY_CHARS
    } else {
        MAX_VALUE_CHARS
    };
    if is_key && chars == 0 {
        return Some("is empty".into());
    }
    if chars > most {
        return Some(format!("has {chars} characters; the limit is {most}"));
    }
    if text
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
    {
        return Some("starts with aws:, which AWS reserves".into());
    }
    text.chars().find(|c| !allowed(*c)).map(|c| {
        format!("holds {c:?}; only letters, digits, spaces and _ . : / = + - @ are allowed")
    })
}

fn des_30(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let none: [&str; 0] = [];
    let tags = &ctx.design.tags;
    for (k, v) in tags {
        if let Some(p) = tag_problem(k, true) {
            out.emit(&none, format!("Tag key \"{}\" {p} ({SOURCE}).", short(k)));
        }
        if let Some(p) = tag_problem(v, false) {
            out.emit(
                &none,
                format!("The value of tag \"{}\" {p} ({SOURCE}).", short(k)),
            );
        }
    }
    let total = EXPORT_TAGS
        .iter()
        .filter(|t| !tags.contains_key(**t))
        .count()
        + tags.len();
    if total > MAX_TAGS {
        out.emit(&none, format!(
            "The design has {} tags; with the export's own ({}) a resource would carry {total}, over AWS's limit of {MAX_TAGS} ({SOURCE}).",
            tags.len(), EXPORT_TAGS.join(", ")));
    }
    let Some(dns) = &ctx.design.dns else { return };
    for rec in &dns.records {
        for t in rec.targets.iter().filter(|t| t.health_check.is_some()) {
            // The Name tag the export writes on the target's health check.
            // Route 53's Tag takes any characters (a wildcard record's `*`
            // included); only the length is limited.
            let name = format!("{} {}", rec.name, t.target);
            let chars = name.chars().count();
            if chars > MAX_VALUE_CHARS {
                out.emit(
                    &[&rec.id, &t.target],
                    format!(
                        "Record {}: the health check of {} is tagged Name \"{}\", which has {chars} characters; the limit is {MAX_VALUE_CHARS}.",
                        short(&rec.name),
                        short(&t.target),
                        short(&name)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn free_text_becomes_a_valid_tag_value() {
        for text in [
            "Payments \"prod\" ${x} %{y} \\ 🚀",
            "aws:internal",
            "AWS:x",
            "tab\there\nnewline",
            &"v".repeat(300),
            &"東京".repeat(200),
        ] {
            let v = tag_value(text);
            assert_eq!(tag_problem(&v, false), None, "{text:?} -> {v:?}");
        }
        assert_eq!(tag_value("Web tier (eu) #1"), "Web tier _eu_ _1");
        assert_eq!(
            tag_value("Équipe données: orders/v2"),
            "Équipe données: orders/v2"
        );
        assert_eq!(tag_value("aws:x"), "aws_x");
    }

    #[test]
    fn tag_rules_each_fire_and_legal_tags_pass() {
        assert_eq!(tag_problem("owner", true), None);
        assert_eq!(tag_problem("", false), None, "an empty value is allowed");
        assert_eq!(tag_problem("cost-centre:eu/42 @team+ops=1_a.b", true), None);
        assert_eq!(
            tag_problem("Équipe données", true),
            None,
            "letters of any script"
        );
        assert!(tag_problem("", true).is_some());
        assert!(tag_problem(&"k".repeat(129), true).is_some());
        assert_eq!(tag_problem(&"k".repeat(128), true), None);
        assert!(tag_problem(&"v".repeat(257), false).is_some());
        assert_eq!(tag_problem(&"v".repeat(256), false), None);
        assert!(tag_problem("AWS:owner", true).is_some());
        assert!(tag_problem("aws:x", false).is_some());
        assert!(tag_problem("owner#1", true).is_some());
        assert!(tag_problem("a\u{0}b", false).is_some());
    }

    #[test]
    fn des_30_design_tags() {
        let good = base("active-passive");
        for (k, v) in [
            ("aws:owner", "x".to_string()),
            ("owner", "v".repeat(300_000)),
            ("cost#centre", "42".to_string()),
        ] {
            let mut bad = good.clone();
            bad.tags.insert(k.into(), v);
            let hits = findings(&bad, "DES-30");
            assert_eq!(hits.len(), 1, "{k}: {hits:#?}");
            assert!(hits[0].message.len() < 1_000, "{k}: quoted short");
            assert!(findings(&good, "DES-30").is_empty());
        }
    }

    #[test]
    fn des_30_counts_the_exports_own_tags() {
        let good = base("active-passive");
        let mut at_limit = good.clone();
        at_limit.tags = (0..45).map(|i| (format!("k{i}"), "v".into())).collect();
        assert!(findings(&at_limit, "DES-30").is_empty(), "45 + 5 = 50");
        let mut over = at_limit.clone();
        over.tags.insert("k45".into(), "v".into());
        assert_eq!(findings(&over, "DES-30").len(), 1, "46 + 5 = 51");
        // A design tag that replaces one of the export's adds nothing.
        let mut replaces = at_limit.clone();
        replaces.tags.insert("Project".into(), "p".into());
        assert!(findings(&replaces, "DES-30").is_empty());
    }

    #[test]
    fn des_30_health_check_name_tag() {
        let good = base("active-passive");
        let mut bad = good.clone();
        let dns = bad.dns.as_mut().expect("the template has DNS");
        let long = [
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61),
        ]
        .join(".");
        dns.records[0].name = long;
        fires_and_not("DES-30", &bad, "app", &good);
        // A wildcard or apex record's health check is tagged "* target":
        // Route 53 tags allow any character, so that is fine.
        let mut wild = good.clone();
        for name in ["*", "@", "*.eu"] {
            wild.dns.as_mut().expect("DNS").records[0].name = name.into();
            assert!(findings(&wild, "DES-30").is_empty(), "{name}");
        }
    }
}
