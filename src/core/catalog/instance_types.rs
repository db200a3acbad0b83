//! Dated lists of EC2 instance types and DB instance classes per engine.
//!
//! Both lists are plain text files beside this one, written once by
//! `scripts/extract-instance-lists` (their headers say from what and when)
//! and embedded at compile time. They age: AWS adds types every year, so a
//! name missing from them is only a warning (DES-12); only a name that cannot
//! be an instance type at all is an error (DES-09).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Where the EC2 list comes from, and its date, for messages.
pub const EC2_SOURCE: &str = "moto 5.2.1's copy of AWS DescribeInstanceTypes, dated 2026-05-20";

/// Where the DB class lists come from, and their dates, for messages.
pub const DB_SOURCE: &str =
    "the RDS User Guide class table of 2023-05-30, moto 5.2.1's Aurora PostgreSQL orderable classes and families derived from them, extracted 2026-12-02";

const EC2_TEXT: &str = include_str!("ec2_instance_types.txt");
const DB_TEXT: &str = include_str!("db_instance_classes.txt");

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Every EC2 instance type of the list, sorted.
pub fn ec2_types() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<&'static str> = data_lines(EC2_TEXT).collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// True when `name` is in the EC2 list.
pub fn is_ec2_type(name: &str) -> bool {
    ec2_types().binary_search(&name).is_ok()
}

fn db_table() -> &'static BTreeMap<&'static str, Vec<&'static str>> {
    static TABLE: OnceLock<BTreeMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
        let mut engines: Vec<&'static str> = Vec::new();
        for line in data_lines(DB_TEXT) {
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                engines = section.split_whitespace().collect();
            } else {
                for e in &engines {
                    table.entry(e).or_default().push(line);
                }
            }
        }
        for list in table.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        table
    })
}

/// The DB instance classes of the list for `engine` (as AWS spells it:
/// `mysql`, `postgres`, `mariadb`, `aurora-mysql`, `aurora-postgresql`),
/// sorted; empty for an engine the list does not cover.
pub fn db_classes(engine: &str) -> &'static [&'static str] {
    db_table().get(engine).map(Vec::as_slice).unwrap_or(&[])
}

/// True when `class` is in the list for `engine`.
pub fn is_db_class(engine: &str, class: &str) -> bool {
    db_classes(engine).binary_search(&class).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_load() {
        assert!(ec2_types().len() > 1000, "{}", ec2_types().len());
        assert!(
            is_ec2_type("t3.medium") && is_ec2_type("m7i-flex.large") && !is_ec2_type("t9.large")
        );
        for engine in [
            "mysql",
            "postgres",
            "mariadb",
            "aurora-mysql",
            "aurora-postgresql",
        ] {
            assert!(
                db_classes(engine).len() > 40,
                "{engine}: {}",
                db_classes(engine).len()
            );
        }
        assert!(is_db_class("postgres", "db.r6g.large") && is_db_class("mysql", "db.t3.micro"));
        assert!(
            is_db_class("aurora-postgresql", "db.serverless")
                && is_db_class("aurora-mysql", "db.r7g.large")
        );
        assert!(
            !is_db_class("aurora-postgresql", "db.m5.large"),
            "Aurora has no general-purpose m classes"
        );
        assert!(
            !is_db_class("mariadb", "db.m3.large"),
            "the 2023 table gives db.m3 to MySQL and PostgreSQL only"
        );
        assert!(db_classes("oracle-ee").is_empty());
    }

    /// The templates' and the editor's defaults must be in the lists, or
    /// every new design would start with a warning.
    #[test]
    fn the_defaults_are_listed() {
        assert!(is_ec2_type("t3.medium") && is_ec2_type("t3.small"));
        assert!(
            is_db_class("postgres", "db.t4g.medium")
                && is_db_class("aurora-postgresql", "db.r6g.large")
        );
    }
}
