//! ElastiCache node types, dated: the ones a new replication group can use,
//! and the previous generations AWS no longer creates.

/// Where the lists come from, and when they were read, for messages.
pub const SOURCE: &str =
    "the ElastiCache API Reference, CacheNode (supported node types), read 2026-12-02";

const SIZES_GRAVITON: &[&str] = &[
    "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
];
const SIZES_M5_R5: &[&str] = &[
    "large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge",
];

/// Current-generation families and their sizes.
const CURRENT: &[(&str, &[&str])] = &[
    ("m7g", SIZES_GRAVITON),
    ("m6g", SIZES_GRAVITON),
    ("m5", SIZES_M5_R5),
    ("m4", &["large", "xlarge", "2xlarge", "4xlarge", "10xlarge"]),
    ("t4g", &["micro", "small", "medium"]),
    ("t3", &["micro", "small", "medium"]),
    ("t2", &["micro", "small", "medium"]),
    ("r7g", SIZES_GRAVITON),
    ("r6g", SIZES_GRAVITON),
    (
        "r6gd",
        &[
            "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    ("r5", SIZES_M5_R5),
    (
        "r4",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge",
        ],
    ),
    ("c7gn", SIZES_GRAVITON),
];

/// Previous-generation families: existing clusters run, new ones are refused.
const PREVIOUS: &[(&str, &[&str])] = &[
    ("t1", &["micro"]),
    ("m1", &["small", "medium", "large", "xlarge"]),
    ("m2", &["xlarge", "2xlarge", "4xlarge"]),
    ("m3", &["medium", "large", "xlarge", "2xlarge"]),
    ("c1", &["xlarge"]),
    ("r3", &["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"]),
];

fn expand(families: &[(&str, &[&str])]) -> Vec<String> {
    families
        .iter()
        .flat_map(|(f, sizes)| sizes.iter().map(move |s| format!("cache.{f}.{s}")))
        .collect()
}

/// Every node type a new replication group can use.
pub fn current() -> Vec<String> {
    expand(CURRENT)
}

/// Whether `name` is a current-generation node type.
pub fn is_current(name: &str) -> bool {
    listed(CURRENT, name)
}

/// Whether `name` is a previous-generation node type (no new clusters).
pub fn is_previous(name: &str) -> bool {
    listed(PREVIOUS, name)
}

fn listed(families: &[(&str, &[&str])], name: &str) -> bool {
    let Some(rest) = name.strip_prefix("cache.") else {
        return false;
    };
    let Some((family, size)) = rest.split_once('.') else {
        return false;
    };
    families
        .iter()
        .any(|(f, sizes)| *f == family && sizes.contains(&size))
}

/// Whether `name` has the shape of a node type: `cache.` + family + `.` + size.
pub fn is_shaped(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("cache.") else {
        return false;
    };
    let Some((family, size)) = rest.split_once('.') else {
        return false;
    };
    let family_ok = family.len() >= 2
        && family.starts_with(|c: char| c.is_ascii_lowercase())
        && family
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && family.chars().any(|c| c.is_ascii_digit());
    let size_ok = !size.is_empty()
        && size
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    family_ok && size_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_shapes() {
        assert!(is_current("cache.r7g.large"));
        assert!(is_current("cache.t4g.micro"));
        assert!(!is_current("cache.r7g.24xlarge"));
        assert!(is_previous("cache.m1.small"));
        assert!(!is_previous("cache.r7g.large"));
        assert!(is_shaped("cache.r8g.large"));
        assert!(!is_shaped("r7g.large"));
        assert!(!is_shaped("cache.banana"));
        assert!(!is_shaped("cache..large"));
        assert_eq!(
            current().len(),
            7 + 7 + 6 + 5 + 3 + 3 + 3 + 7 + 7 + 6 + 6 + 6 + 7
        );
    }
}
