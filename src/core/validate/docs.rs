//! docs/rules.md, generated from the registry so the docs cannot drift from
//! the rules. `tests/rules_doc.rs` fails when the committed file is stale.

use super::registry::{rules, skipped};
use super::Family;
use std::fmt::Write;

/// The whole text of docs/rules.md.
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str("# Validation rules\n\n");
    s.push_str("Generated from `src/core/validate` by `UPDATE_DOCS=1 cargo test --test rules_doc`; do not edit by hand.\n\n");
    s.push_str("Rule ids come from the AWS constraint catalog; ids the catalog lacks (`DES-*`, `ECS-*`, `CACHE-*`, `SCL-*`, \
                `ALB-13`, `ALB-14`, `RDS-13`, `RDS-15`, `AGD-10`, `DDB-10`, `S3-12`, `R53-21` and up) are Topoform's own. Severity is the usual one; a few rules report some \
                findings at another level, as their text says.\n\n");
    let mut families: Vec<Family> = rules().map(|r| r.doc.family).collect();
    families.dedup();
    let total = rules().count();
    let _ = writeln!(s, "{total} rules in {} families.\n", families.len());
    for fam in families {
        let _ = writeln!(s, "## {}\n", fam.title());
        let _ = writeln!(
            s,
            "| id | severity | rule | why | fix |\n|---|---|---|---|---|"
        );
        for r in rules().filter(|r| r.doc.family == fam) {
            let d = &r.doc;
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                d.id,
                d.severity.as_str(),
                cell(d.summary),
                cell(d.why),
                cell(d.fix)
            );
        }
        s.push('\n');
    }
    s.push_str("## Not implemented\n\nCatalog ids without a rule, and why.\n\n| id | reason |\n|---|---|\n");
    let mut list: Vec<&(&str, &str)> = skipped().collect();
    list.sort_by(|a, b| a.0.cmp(b.0));
    for (id, why) in list {
        let _ = writeln!(s, "| {id} | {} |", cell(why));
    }
    s
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
