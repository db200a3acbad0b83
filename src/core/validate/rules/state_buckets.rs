//! Per-region state buckets (format version 2's `state.buckets`).

use super::util::bucket_name_problem;
use crate::core::catalog;
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::State, Report, Rule, Severity::*};
use std::collections::BTreeMap;

/// The per-region state bucket rules.
pub const RULES: &[Rule] = &[rule("DES-21", Error, State, "Each region's state bucket must be a valid bucket name, its own, and for a region of the design.",
    "Each region's root keeps its state in its bucket (state.buckets, or <bucket>-<region code>); the bootstrap creates each one once, so a bad name, or one shared by two regions or with the state bucket, stops the bootstrap or init. An entry for a region the design does not have is unused (a warning).",
    "In the design settings, give the region's state bucket a valid name of its own (3-63 lowercase letters, digits, '.', '-'), or clear the entry.", des_21)];

fn des_21(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let d = ctx.design;
    let none: [&str; 0] = [];
    for code in d.state.buckets.keys() {
        if !d.regions.iter().any(|r| &r.code == code) {
            out.emit_at(
                Warning,
                &none,
                format!(
                    "State bucket for {} is set, but the design has no region {}.",
                    short(code),
                    short(code)
                ),
            );
        }
    }
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for r in &d.regions {
        let bucket = names::region_state_bucket(d, &r.code);
        let named = d.state.buckets.contains_key(&r.code);
        if !named && catalog::region(&r.code).is_none() {
            // The default name holds the code, which DES-02 already refuses.
            continue;
        }
        if let Some(p) = bucket_name_problem(&bucket) {
            let how = if named {
                ""
            } else {
                " (the default, the state bucket's name and the region code)"
            };
            out.emit(
                &[&r.id],
                format!(
                    "State bucket \"{}\" of {}{how} {p}.",
                    short(&bucket),
                    short(&r.code)
                ),
            );
        } else if bucket == d.state.bucket {
            out.emit(&[&r.id], format!("State bucket \"{}\" of {} is the shared state bucket too; each region needs its own.", short(&bucket), short(&r.code)));
        } else if let Some(other) = seen.insert(bucket.clone(), &r.code) {
            out.emit(
                &[&r.id],
                format!(
                    "State bucket \"{}\" is named for both {} and {}; each region needs its own.",
                    short(&bucket),
                    short(other),
                    short(&r.code)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn des_21_region_state_buckets() {
        let good = base("active-passive");
        let region = good.regions[1].code.clone();
        let rid = good.regions[1].id.clone();
        let mut named = good.clone();
        named
            .state
            .buckets
            .insert(region.clone(), "shop-state-dr".into());
        assert!(findings(&named, "DES-21").is_empty());
        for bad_name in [
            "Shop_State".to_string(),
            good.state.bucket.clone(),
            format!("{}-{}", good.state.bucket, good.regions[0].code),
        ] {
            let mut bad = good.clone();
            bad.state.buckets.insert(region.clone(), bad_name.clone());
            fires_and_not("DES-21", &bad, &rid, &good);
        }
        let mut long = good.clone();
        long.state.bucket = "b".repeat(60);
        assert!(
            findings(&long, "DES-21")
                .iter()
                .any(|x| x.message.contains("the default")),
            "the default name is judged too"
        );
        let mut stray = good.clone();
        stray
            .state
            .buckets
            .insert("ap-south-1".into(), "shop-state-aps1".into());
        let hits = findings(&stray, "DES-21");
        assert_eq!(
            (hits.len(), hits[0].severity),
            (1, crate::core::validate::Severity::Warning),
            "{hits:?}"
        );
    }
}
