//! Every resource type an export writes has a price row or an explicit
//! "free" entry with its reason (src/core/catalog/prices.rs), and every
//! price id the table names exists.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;
use topoform::core::catalog::prices::{billing_of, price, BILLED_BY, FREE};
use topoform::core::export::{export, Layout};

/// Ids resolved by type (instance, DB class, cache node) rather than by row.
const BY_TYPE: &[&str] = &[
    "ec2.instance",
    "rds.instance",
    "aurora.instance",
    "cache.node",
];

fn resource_types(text: &str) -> impl Iterator<Item = String> + '_ {
    text.match_indices("resource \"aws_").filter_map(|(at, _)| {
        let rest = &text[at + "resource \"".len()..];
        rest.find('"').map(|end| rest[..end].to_string())
    })
}

#[test]
fn every_exported_resource_type_is_priced_or_free() {
    let mut seen = BTreeSet::new();
    for (name, d) in support::clean_designs() {
        for layout in [Layout::PerRegion, Layout::SingleRoot] {
            let files = export(&d, layout).unwrap_or_else(|e| panic!("{name} exports: {e:?}"));
            for f in files.iter().filter(|f| f.path.ends_with(".tf")) {
                seen.extend(resource_types(&f.contents));
            }
        }
    }
    assert!(seen.len() > 30, "too few resource types found: {seen:?}");
    let missing: Vec<&String> = seen.iter().filter(|t| billing_of(t).is_none()).collect();
    assert!(
        missing.is_empty(),
        "resource types with neither a price row nor a free entry: {missing:?}"
    );
    for must in [
        "aws_nat_gateway",
        "aws_lb",
        "aws_kms_key",
        "aws_route53_health_check",
    ] {
        assert!(seen.contains(must), "{must} not exported by any design");
        assert!(
            matches!(billing_of(must), Some(Ok(_))),
            "{must} must be priced"
        );
    }
}

#[test]
fn every_price_id_named_exists_and_is_dated() {
    for (t, ids) in BILLED_BY {
        assert!(
            !FREE.iter().any(|(f, _)| f == t),
            "{t} is both priced and free"
        );
        for id in *ids {
            if BY_TYPE.contains(id) {
                continue;
            }
            let row = price(id).unwrap_or_else(|| panic!("{t} names unknown price {id}"));
            assert!(row.usd >= 0.0 && !row.as_of.is_empty() && !row.source.is_empty());
        }
    }
    for (t, why) in FREE {
        assert!(!why.is_empty(), "{t} has no reason");
    }
}
