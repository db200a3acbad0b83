//! DynamoDB rules: global table replicas, capacity and names.

use crate::core::catalog;
use crate::core::model::{Billing, Dynamodb, Region, RegionNode};
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{
    rule, Ctx, Family::Dynamodb as DynamoFamily, Report, Rule, Severity::*,
};
use std::collections::BTreeSet;

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("DDB-02", "The exporter always enables streams on tables with replicas; format v1 has no stream setting to get wrong."),
    ("DDB-03", "The exporter always uses NEW_AND_OLD_IMAGES streams on tables with replicas."),
    ("DDB-05", "The exporter uses replica blocks only, never aws_dynamodb_table_replica."),
    ("DDB-06", "The exporter creates a customer-managed KMS key in each replica's region (with that region's provider, in the table's root) and encrypts the replica with it; format v1 has no key setting to get wrong."),
    ("DDB-08", "Info only: format v1 has no consistency mode, so nothing needs multi-region strong consistency."),
    ("DDB-09", "The exporter turns on point-in-time recovery on every table and replica and encrypts each with a customer-managed key of its region."),
];

/// The DynamoDB family.
pub const RULES: &[Rule] = &[
    rule("DDB-01", Error, DynamoFamily, "A global table needs on-demand capacity.",
        "AWS: \"Table write capacity should either be Pay-Per-Request or AutoScaled\"; the export adds no auto scaling, so provisioned replicas fail at apply.",
        "Set billing to on_demand for tables with replicas.", ddb_01),
    rule("DDB-04", Error, DynamoFamily, "Replica regions must be catalog regions other than the table's own, each once.",
        "ReplicaUpdates rejects a replica in the table's own region or twice in one region.",
        "Remove the table's own region and repeats from its replicas.", ddb_04),
    rule("DDB-07", Error, DynamoFamily, "Table names (project-environment-name) are 3-255 characters of A-Z a-z 0-9 _ . -, keys named.",
        "CreateTable rejects other names; every replica uses the same name, and key attributes need names.",
        "Rename the table or its key attributes.", ddb_07),
];

pub(super) fn tables<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Dynamodb)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.nodes.iter().filter_map(move |n| match n {
            RegionNode::Dynamodb(t) => Some((r, t)),
            _ => None,
        })
    })
}

fn label(r: &Region, t: &Dynamodb) -> String {
    format!("DynamoDB table {} ({})", short(&t.name), short(&r.code))
}

fn ddb_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t) in tables(ctx) {
        if !t.replicas.is_empty() && t.billing == Billing::Provisioned {
            out.emit(
                &[&t.id],
                format!(
                    "{} has replicas but provisioned capacity without auto scaling.",
                    label(r, t)
                ),
            );
        }
    }
}

fn ddb_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t) in tables(ctx) {
        let mut seen = BTreeSet::new();
        for code in &t.replicas {
            if code == &r.code {
                out.emit(
                    &[&t.id],
                    format!(
                        "{} lists its own region {} as a replica.",
                        label(r, t),
                        short(code)
                    ),
                );
            } else if catalog::region(code).is_none() {
                out.emit(
                    &[&t.id],
                    format!(
                        "{} has a replica in \"{}\", which is not an AWS region code.",
                        label(r, t),
                        short(code)
                    ),
                );
            } else if !seen.insert(code) {
                out.emit(
                    &[&t.id],
                    format!("{} lists {} twice.", label(r, t), short(code)),
                );
            }
        }
    }
}

fn ddb_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, t) in tables(ctx) {
        let name = names::regional(ctx.design, &t.name);
        let ok = |c: char| c.is_ascii_alphanumeric() || "_.-".contains(c);
        if name.len() < 3 || name.len() > 255 || !name.chars().all(ok) {
            out.emit(
                &[&t.id],
                format!(
                    "{}: its AWS name \"{}\" must be 3-255 characters of A-Z a-z 0-9 _ . -.",
                    label(r, t),
                    short(&name)
                ),
            );
        }
        let keys = std::iter::once(&t.hash_key).chain(t.range_key.as_ref());
        for k in keys {
            if k.name.trim().is_empty() || k.name.len() > 255 {
                out.emit(
                    &[&t.id],
                    format!(
                        "{} has a key attribute with an empty or too long name.",
                        label(r, t)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{Billing, Design, Dynamodb, RegionNode};

    fn with(f: impl FnOnce(&mut Dynamodb)) -> (Design, Design) {
        let good = base("active-active");
        let mut bad = good.clone();
        if let RegionNode::Dynamodb(t) = &mut bad.regions[0].nodes[0] {
            f(t);
        }
        (bad, good)
    }

    #[test]
    fn ddb_01_provisioned_global_table() {
        let (bad, good) = with(|t| t.billing = Billing::Provisioned);
        fires_and_not("DDB-01", &bad, "sessions", &good);
    }

    #[test]
    fn ddb_04_bad_replicas() {
        let (bad, good) = with(|t| t.replicas.push("us-east-1".into()));
        fires_and_not("DDB-04", &bad, "sessions", &good);
        let (bad, good) = with(|t| t.replicas.push("eu-west-1".into()));
        fires_and_not("DDB-04", &bad, "sessions", &good);
        let (bad, good) = with(|t| t.replicas.push("xx-none-1".into()));
        fires_and_not("DDB-04", &bad, "sessions", &good);
    }

    #[test]
    fn ddb_07_names() {
        let (bad, good) = with(|t| t.name = "user sessions".into());
        fires_and_not("DDB-07", &bad, "sessions", &good);
        let (bad, good) = with(|t| t.hash_key.name = " ".into());
        fires_and_not("DDB-07", &bad, "sessions", &good);
    }
}
