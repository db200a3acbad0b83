//! Where Aurora Global Database is offered, and the lowest Aurora MySQL
//! versions it takes in each region, as data (catalog AGD-03 and A.7).
//!
//! The Aurora User Guide's table for Aurora PostgreSQL was not retrieved
//! for the catalog, so for that engine only region availability is known.

/// Where the table comes from.
pub const SOURCE: &str =
    "Aurora User Guide, Supported Regions and DB engines for Aurora global databases: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.GlobalDatabase.html";

/// When it was read (the catalog's compilation date).
pub const AS_OF: &str = "2026-11-22";

/// Regions where no engine can be part of a global database (Asia Pacific
/// New Zealand, Taipei and Thailand).
pub const UNAVAILABLE: &[&str] = &["ap-southeast-6", "ap-east-2", "ap-southeast-7"];

/// An Aurora MySQL version: (major, minor, patch), e.g. 3.04.0 = (3, 4, 0).
pub type MysqlVersion = (u32, u32, u32);

/// The lowest Aurora MySQL 3 and 2 versions that join a global database in
/// most regions.
pub const MYSQL_DEFAULT_MINIMUM: (MysqlVersion, MysqlVersion) = ((3, 1, 0), (2, 7, 0));

/// Regions with higher minimums: (region, Aurora MySQL 3 minimum, Aurora
/// MySQL 2 minimum). The guide gives Jakarta a version 2 minimum only, so
/// its version 3 minimum is the default.
pub const MYSQL_REGION_MINIMUMS: &[(&str, MysqlVersion, MysqlVersion)] = &[
    ("ap-south-2", (3, 2, 0), (2, 11, 2)),
    ("ap-southeast-4", (3, 3, 0), (2, 7, 6)),
    ("ap-southeast-5", (3, 4, 0), (2, 7, 6)),
    ("ap-southeast-3", (3, 1, 0), (2, 7, 6)),
];

/// True when Aurora Global Database is offered in `region`.
pub fn available_in(region: &str) -> bool {
    !UNAVAILABLE.contains(&region)
}

/// The lowest Aurora MySQL version of `major` (2 or 3) that joins a global
/// database in `region`; `None` for other majors, which the guide does not list.
pub fn mysql_minimum(region: &str, major: u32) -> Option<MysqlVersion> {
    let (v3, v2) = MYSQL_REGION_MINIMUMS
        .iter()
        .find(|(r, _, _)| *r == region)
        .map(|(_, v3, v2)| (*v3, *v2))
        .unwrap_or(MYSQL_DEFAULT_MINIMUM);
    match major {
        3 => Some(v3),
        2 => Some(v2),
        _ => None,
    }
}

/// The Aurora version inside an Aurora MySQL engine version:
/// `8.0.mysql_aurora.3.04.0` and `3.04.0` give (3, 4, 0). `None` when the
/// text holds no full Aurora version (e.g. `8.0`), which cannot be judged.
pub fn parse_mysql_version(engine_version: &str) -> Option<MysqlVersion> {
    let v = engine_version.trim();
    let aurora = v.rsplit_once("mysql_aurora.").map(|(_, a)| a).unwrap_or(v);
    let mut parts = aurora.split('.').map(|p| p.parse::<u32>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    (parts.next().is_none() && (2..=3).contains(&version.0)).then_some(version)
}

/// `3.04.0` style text for messages.
pub fn show(v: MysqlVersion) -> String {
    format!("{}.{:02}.{}", v.0, v.1, v.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_in_both_spellings() {
        assert_eq!(
            parse_mysql_version("8.0.mysql_aurora.3.04.0"),
            Some((3, 4, 0))
        );
        assert_eq!(
            parse_mysql_version("5.7.mysql_aurora.2.11.2"),
            Some((2, 11, 2))
        );
        assert_eq!(parse_mysql_version("3.02.0"), Some((3, 2, 0)));
        assert_eq!(parse_mysql_version("8.0"), None);
        assert_eq!(parse_mysql_version("16.4"), None);
        assert_eq!(parse_mysql_version("8.0.mysql_aurora.x"), None);
        assert_eq!(show((3, 4, 0)), "3.04.0");
    }

    #[test]
    fn minimums_by_region() {
        assert_eq!(mysql_minimum("us-east-1", 3), Some((3, 1, 0)));
        assert_eq!(mysql_minimum("ap-south-2", 2), Some((2, 11, 2)));
        assert_eq!(mysql_minimum("ap-southeast-5", 3), Some((3, 4, 0)));
        assert_eq!(mysql_minimum("us-east-1", 4), None);
        assert!(!available_in("ap-east-2") && available_in("eu-west-1"));
        for code in UNAVAILABLE
            .iter()
            .chain(MYSQL_REGION_MINIMUMS.iter().map(|(r, _, _)| r))
        {
            assert!(
                crate::core::catalog::region(code).is_some(),
                "{code} is not a catalog region"
            );
        }
    }
}
