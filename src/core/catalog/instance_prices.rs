//! Hourly on-demand prices by instance type, DB class and cache node type,
//! in us-east-1 (USD), for the cost estimate.
//!
//! AWS prices every size of a family in proportion to its size (a `large`
//! is twice a `medium` and half an `xlarge`), so each family is kept at its
//! `large` price and a size is priced by its factor. A family not in the
//! table is priced as the nearest documented family of the same letter
//! (`t`, `m`, `c`, `r`) and flagged. Sources and dates as in
//! [`super::prices`]; rows marked estimate were not confirmed from a
//! primary source (the reference gives t3.micro/t3.medium/m5.large, RDS
//! db.t3.micro/db.m5.large, Aurora db.r6g.large and two cache nodes).

use super::prices::{AS_OF, REF};

const EC2: &str = "https://aws.amazon.com/ec2/pricing/on-demand/";
const RDS: &str = "https://aws.amazon.com/rds/pricing/";
const AUR: &str = "https://aws.amazon.com/rds/aurora/pricing/";
const ECA: &str = "https://aws.amazon.com/elasticache/pricing/";

/// One family's price at size `large`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FamilyPrice {
    /// The family (`m5`, `r6g`).
    pub family: &'static str,
    /// USD per hour for the `large` size.
    pub large_hourly: f64,
    /// Where the figure comes from.
    pub source: &'static str,
    /// Not confirmed from a primary source.
    pub estimate: bool,
}

const fn f(
    family: &'static str,
    large_hourly: f64,
    source: &'static str,
    estimate: bool,
) -> FamilyPrice {
    FamilyPrice {
        family,
        large_hourly,
        source,
        estimate,
    }
}

/// EC2 Linux, by family. t3 is the reference's t3.medium × 2.
pub const EC2_FAMILIES: &[FamilyPrice] = &[
    f("t3", 0.0832, REF, false),
    f("t3a", 0.0752, EC2, true),
    f("t4g", 0.0672, EC2, true),
    f("t2", 0.0928, EC2, true),
    f("m5", 0.096, REF, false),
    f("m6i", 0.096, EC2, true),
    f("m6a", 0.0864, EC2, true),
    f("m6g", 0.077, EC2, true),
    f("m7i", 0.1008, EC2, true),
    f("m7g", 0.0816, EC2, true),
    f("c5", 0.085, EC2, true),
    f("c6i", 0.085, EC2, true),
    f("c6g", 0.068, EC2, true),
    f("c7g", 0.0725, EC2, true),
    f("r5", 0.126, EC2, true),
    f("r6i", 0.126, EC2, true),
    f("r6g", 0.1008, EC2, true),
    f("r7g", 0.1071, EC2, true),
];

/// RDS for MySQL and MariaDB, Single-AZ, by class family. t3 is the
/// reference's db.t3.micro × 8.
pub const RDS_MYSQL_FAMILIES: &[FamilyPrice] = &[
    f("t3", 0.136, REF, false),
    f("t4g", 0.129, RDS, true),
    f("m5", 0.171, REF, false),
    f("m6g", 0.152, RDS, true),
    f("m6i", 0.171, RDS, true),
    f("m7g", 0.168, RDS, true),
    f("r5", 0.24, RDS, true),
    f("r6g", 0.215, RDS, true),
    f("r6i", 0.24, RDS, true),
    f("r7g", 0.239, RDS, true),
];

/// RDS for PostgreSQL, Single-AZ, by class family.
pub const RDS_POSTGRES_FAMILIES: &[FamilyPrice] = &[
    f("t3", 0.145, RDS, true),
    f("t4g", 0.129, RDS, true),
    f("m5", 0.178, RDS, true),
    f("m6g", 0.159, RDS, true),
    f("m6i", 0.178, RDS, true),
    f("m7g", 0.176, RDS, true),
    f("r5", 0.25, REF, true),
    f("r6g", 0.225, RDS, true),
    f("r6i", 0.25, RDS, true),
    f("r7g", 0.249, RDS, true),
];

/// Aurora MySQL, per instance, by class family.
pub const AURORA_MYSQL_FAMILIES: &[FamilyPrice] = &[
    f("r6g", 0.29, REF, false),
    f("r5", 0.29, AUR, true),
    f("r7g", 0.31, AUR, true),
    f("t3", 0.164, AUR, true),
    f("t4g", 0.146, AUR, true),
];

/// Aurora PostgreSQL, per instance, by class family.
pub const AURORA_POSTGRES_FAMILIES: &[FamilyPrice] = &[
    f("r6g", 0.30, REF, false),
    f("r5", 0.29, AUR, true),
    f("r7g", 0.32, AUR, true),
    f("t3", 0.164, AUR, true),
    f("t4g", 0.146, AUR, true),
];

/// ElastiCache (Redis OSS and Valkey priced alike here), per node. The
/// reference's cache.t3.micro ($0.017) and cache.r6g.large ($0.206) are
/// themselves marked estimate.
pub const CACHE_FAMILIES: &[FamilyPrice] = &[
    f("t3", 0.136, REF, true),
    f("t4g", 0.128, ECA, true),
    f("m5", 0.156, ECA, true),
    f("m6g", 0.149, ECA, true),
    f("m7g", 0.158, ECA, true),
    f("r5", 0.216, ECA, true),
    f("r6g", 0.206, REF, true),
    f("r7g", 0.219, ECA, true),
];

/// What an hour of a type costs, and how sure the figure is.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// USD per hour.
    pub hourly: f64,
    /// The row is an estimate, or the type was priced from another family.
    pub estimate: bool,
    /// How the price was found when not from the type's own family.
    pub note: Option<String>,
    /// The row's source.
    pub source: &'static str,
    /// The row's date.
    pub as_of: &'static str,
}

/// A size's multiple of `large`, or None for an unknown size.
pub fn size_factor(size: &str) -> Option<f64> {
    match size {
        "nano" => Some(0.0625),
        "micro" => Some(0.125),
        "small" => Some(0.25),
        "medium" => Some(0.5),
        "large" => Some(1.0),
        "xlarge" => Some(2.0),
        _ => {
            let n: f64 = size.strip_suffix("xlarge")?.parse().ok()?;
            (n > 0.0).then_some(2.0 * n)
        }
    }
}

/// Prices `type_name` (`m5.xlarge`, `db.r6g.large`, `cache.t3.micro`; the
/// `db.`/`cache.` prefix is ignored) from `table`. An unknown family is
/// priced as the first family of its letter in the table, an unknown size
/// as `large`; both flagged. None only for an empty table.
pub fn quote(table: &[FamilyPrice], type_name: &str) -> Option<Quote> {
    let bare = type_name
        .strip_prefix("db.")
        .or_else(|| type_name.strip_prefix("cache."))
        .unwrap_or(type_name);
    let (family, size) = bare.split_once('.').unwrap_or((bare, "large"));
    let mut notes = Vec::new();
    let row = match table.iter().find(|r| r.family == family) {
        Some(r) => r,
        None => {
            let letter = family.chars().next().unwrap_or('m');
            let r = table
                .iter()
                .find(|r| r.family.starts_with(letter))
                .or_else(|| table.first())?;
            notes.push(format!(
                "no price for family {family}; priced as {}",
                r.family
            ));
            r
        }
    };
    let factor = size_factor(size).unwrap_or_else(|| {
        notes.push(format!("unknown size {size}; priced as large"));
        1.0
    });
    Some(Quote {
        hourly: row.large_hourly * factor,
        estimate: row.estimate || !notes.is_empty(),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        source: row.source,
        as_of: AS_OF,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_scale_from_large() {
        // The reference: t3.micro $0.0104, t3.medium $0.0416 (t3 large 0.0832).
        let micro = quote(EC2_FAMILIES, "t3.micro").unwrap();
        assert!((micro.hourly - 0.0104).abs() < 1e-9);
        assert!(!micro.estimate);
        let med = quote(EC2_FAMILIES, "t3.medium").unwrap();
        assert!((med.hourly - 0.0416).abs() < 1e-9);
        // m5.4xlarge = 8 × 0.096.
        assert!((quote(EC2_FAMILIES, "m5.4xlarge").unwrap().hourly - 0.768).abs() < 1e-9);
        // db.t3.micro (RDS MySQL) = 0.136 / 8 = 0.017.
        assert!((quote(RDS_MYSQL_FAMILIES, "db.t3.micro").unwrap().hourly - 0.017).abs() < 1e-9);
    }

    #[test]
    fn unknown_families_and_sizes_are_flagged() {
        let q = quote(EC2_FAMILIES, "m99z.large").unwrap();
        assert!(q.estimate);
        assert!(q.note.as_deref().unwrap_or("").contains("priced as m5"));
        let q = quote(EC2_FAMILIES, "t3.gigantic").unwrap();
        assert!(q.estimate && (q.hourly - 0.0832).abs() < 1e-9);
        assert_eq!(size_factor("12xlarge"), Some(24.0));
        assert_eq!(size_factor("0xlarge"), None);
    }
}
