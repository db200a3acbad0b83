//! docs/rules.md is generated from the rules; this fails when it is stale.
//! `UPDATE_DOCS=1 cargo test --test rules_doc` rewrites it.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use topoform::core::validate::docs::rules_markdown;
use topoform::core::validate::registry::{rules, skipped};

#[test]
fn rules_md_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let want = rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test --test rules_doc"
    );
}

/// The README says how many rules there are (`N rules (\`docs/rules.md\`
/// ...`): the number is the registry's, so it cannot drift from the code.
/// `UPDATE_DOCS=1` rewrites it along with docs/rules.md.
#[test]
fn readme_states_the_number_of_rules() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let marker = " rules (`docs/rules.md`";
    let count = rules().count();
    let readme = std::fs::read_to_string(path).unwrap();
    let line = readme
        .lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("README.md has no line with {marker:?}"));
    let stated = line
        .split(marker)
        .next()
        .and_then(|n| n.rsplit(' ').next())
        .unwrap_or_default();
    let want = line.replacen(&format!("{stated}{marker}"), &format!("{count}{marker}"), 1);
    if std::env::var_os("UPDATE_DOCS").is_some() && want != line {
        std::fs::write(path, readme.replacen(line, &want, 1)).unwrap();
        return;
    }
    assert_eq!(
        stated.parse::<usize>().ok(),
        Some(count),
        "README.md says {stated:?} rules but there are {count}: run UPDATE_DOCS=1 cargo test --test rules_doc"
    );
}

/// Every id the issue requires is implemented, and every catalog id of the
/// families is either implemented or skipped with a reason.
#[test]
fn coverage_of_the_catalog() {
    let implemented: BTreeSet<&str> = rules().map(|r| r.doc.id).collect();
    let required = "NET-01 NET-02 NET-03 NET-04 NET-05 NET-06 NET-07 NET-08 NET-09 NET-10 NET-11 NET-12 NET-16 \
        ALB-01 ALB-02 ALB-04 ALB-06 ALB-07 ALB-08 ALB-12 ASG-01 ASG-03 ASG-04 ASG-05 ASG-06 \
        RDS-01 RDS-03 RDS-05 RDS-06 RDS-07 RDS-08 RDS-09 RDS-11 AGD-01 AGD-02 AGD-03 AGD-04 AGD-05 AGD-09 \
        DDB-01 DDB-04 DDB-07 S3-01 S3-02 S3-03 S3-05 R53-02 R53-03 R53-04 R53-05 R53-07 R53-08 R53-09 R53-10 \
        R53-12 R53-13 R53-14 R53-15 R53-17 GA-01 GA-02 GA-03 GA-04 GA-05 GA-06 IAM-01 NAME-01 TF-04 TF-05";
    for id in required.split_whitespace() {
        assert!(implemented.contains(id), "{id} is not implemented");
    }
    let skipped: BTreeSet<&str> = skipped().map(|(id, _)| *id).collect();
    assert!(
        implemented.is_disjoint(&skipped),
        "an id is both implemented and skipped"
    );
    let catalog = [
        ("NET", 16),
        ("ALB", 12),
        ("ASG", 6),
        ("RDS", 12),
        ("AGD", 9),
        ("DDB", 9),
        ("S3", 11),
        ("R53", 20),
        ("GA", 10),
        ("TF", 7),
    ];
    for (prefix, n) in catalog {
        for i in 1..=n {
            let id = format!("{prefix}-{i:02}");
            assert!(
                implemented.contains(id.as_str()) || skipped.contains(id.as_str()),
                "{id} is neither implemented nor skipped"
            );
        }
    }
}
