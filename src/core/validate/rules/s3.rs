//! S3 rules: bucket names, uniqueness, replication prerequisites.

use super::util::bucket_name_problem;
use crate::core::model::{Region, RegionNode, S3};
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::S3 as S3Family, Report, Rule, Severity::*};
use std::collections::BTreeMap;

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("S3-04", "The exporter writes the replication role's trust and permissions itself."),
    ("S3-06", "Format v1 has one destination per bucket, so the export writes a single rule."),
    ("S3-07", "The exporter always replicates SSE-KMS objects with a replica key in the destination region; format v1 has no encryption setting to get wrong."),
    ("S3-08", "Format v1 has no Replication Time Control setting."),
    ("S3-09", "The export writes one replication configuration per bucket."),
    ("S3-10", "The export never uses existing_object_replication."),
    ("S3-11", "Info only; format v1 cannot express replica modification sync."),
];

/// The S3 family.
pub const RULES: &[Rule] = &[
    rule("S3-01", Error, S3Family, "Bucket names follow S3's naming rules.",
        "3-63 characters of a-z, 0-9, '.', '-', starting and ending with a letter or digit, not IP-shaped, without reserved prefixes or suffixes; `My_Bucket` passes plan and fails at apply.",
        "Use a lowercase DNS-style name such as shop-prod-assets-use1.", s3_01),
    rule("S3-02", Error, S3Family, "A bucket name may appear once in the whole design.",
        "Bucket names are unique across every AWS account in the partition; the second CreateBucket fails with BucketAlreadyExists.",
        "Give each bucket its own name, e.g. with a region suffix.", s3_02),
    rule("S3-03", Error, S3Family, "Replication needs versioning on both buckets.",
        "S3 refuses a replication configuration unless the source and destination buckets both have versioning enabled.",
        "Turn versioning on for both buckets.", s3_03),
    rule("S3-05", Info, S3Family, "Replication to a bucket in the same region is same-region, not cross-region.",
        "Same-region replication does not protect against a regional outage.",
        "Replicate to a bucket in another region for disaster recovery.", s3_05),
    rule("S3-12", Error, S3Family, "A bucket cannot replicate to itself.",
        "A replication rule's destination must be another bucket.",
        "Point replication at a bucket in another region.", s3_12),
];

pub(super) fn buckets<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a S3)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.nodes.iter().filter_map(move |n| match n {
            RegionNode::S3(b) => Some((r, b)),
            _ => None,
        })
    })
}

fn label(r: &Region, b: &S3) -> String {
    format!(
        "Bucket {} ({}, {})",
        short(&b.name),
        short(&b.bucket),
        short(&r.code)
    )
}

fn destination<'a>(ctx: &'a Ctx<'a>, b: &S3) -> Option<(&'a Region, &'a S3)> {
    match ctx.index.region_node(b.replicate_to.as_deref()?)? {
        (r, RegionNode::S3(d)) => Some((r, d)),
        _ => None,
    }
}

fn s3_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, b) in buckets(ctx) {
        if let Some(p) = bucket_name_problem(&b.bucket) {
            out.emit(&[&b.id], format!("{}: the name {p}.", label(r, b)));
        }
    }
}

fn s3_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut seen: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (_, b) in buckets(ctx) {
        seen.entry(&b.bucket).or_default().push(&b.id);
    }
    if !ctx.design.state.bucket.is_empty() {
        if let Some(ids) = seen.get_mut(ctx.design.state.bucket.as_str()) {
            ids.push("");
        }
    }
    for (name, ids) in seen.into_iter().filter(|(_, ids)| ids.len() > 1) {
        let subjects: Vec<&str> = ids.iter().copied().filter(|i| !i.is_empty()).collect();
        let also_state = ids.contains(&"");
        out.emit(
            &subjects,
            format!(
                "The bucket name \"{}\" is used {} times{}.",
                short(name),
                ids.len(),
                if also_state {
                    " (once as the state bucket)"
                } else {
                    ""
                }
            ),
        );
    }
}

fn s3_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, b) in buckets(ctx) {
        let Some((dr, d)) = destination(ctx, b) else {
            continue;
        };
        if d.id == b.id {
            continue;
        }
        if !b.versioning {
            out.emit(
                &[&b.id],
                format!("{} replicates but has versioning off.", label(r, b)),
            );
        }
        if !d.versioning {
            out.emit(
                &[&b.id, &d.id],
                format!(
                    "{} replicates to {}, which has versioning off.",
                    label(r, b),
                    label(dr, d)
                ),
            );
        }
    }
}

fn s3_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, b) in buckets(ctx) {
        if let Some((dr, d)) = destination(ctx, b) {
            if dr.code == r.code && d.id != b.id {
                out.emit(
                    &[&b.id, &d.id],
                    format!(
                        "{} replicates within {}; that is same-region replication.",
                        label(r, b),
                        short(&r.code)
                    ),
                );
            }
        }
    }
}

fn s3_12(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, b) in buckets(ctx) {
        if b.replicate_to.as_deref() == Some(b.id.as_str()) {
            out.emit(&[&b.id], format!("{} replicates to itself.", label(r, b)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::catalog::s3_names;
    use crate::core::model::{Design, RegionNode, S3};

    fn with(region: usize, f: impl FnOnce(&mut S3)) -> (Design, Design) {
        let good = base("aurora-global");
        let mut bad = good.clone();
        if let RegionNode::S3(b) = &mut bad.regions[region].nodes[0] {
            f(b);
        }
        (bad, good)
    }

    #[test]
    fn s3_01_names() {
        for name in [
            "My_Bucket",
            "ab",
            "192.168.1.1",
            "a..b",
            "sthree-configurator",
        ] {
            let (bad, good) = with(0, |b| b.bucket = name.into());
            fires_and_not("S3-01", &bad, "use1-assets", &good);
        }
    }

    /// Every reserved prefix and suffix of the catalog row, for design
    /// buckets (S3-01) and the state bucket (DES-11), which share the check.
    #[test]
    fn s3_01_and_des_11_every_reserved_affix() {
        let affixed = s3_names::RESERVED_PREFIXES
            .iter()
            .map(|p| format!("{p}media"))
            .chain(
                s3_names::RESERVED_SUFFIXES
                    .iter()
                    .map(|x| format!("media{x}")),
            );
        for name in affixed {
            let (bad, good) = with(0, |b| b.bucket = name.clone());
            fires_and_not("S3-01", &bad, "use1-assets", &good);
            let mut state = good.clone();
            state.state.bucket = name.clone();
            assert!(
                !findings(&state, "DES-11").is_empty(),
                "DES-11 should refuse {name}"
            );
        }
        assert!(s3_names::RESERVED_SUFFIXES.contains(&"--table-s3"));
        let (near, _) = with(0, |b| b.bucket = "media-table-s3".into());
        assert!(
            findings(&near, "S3-01").is_empty(),
            "one hyphen is not the reserved suffix"
        );
    }

    #[test]
    fn s3_02_duplicate_names() {
        let (bad, good) = with(1, |b| b.bucket = "media-prod-assets-use1".into());
        fires_and_not("S3-02", &bad, "euw1-assets", &good);
    }

    #[test]
    fn s3_03_versioning_both_sides() {
        let (bad, good) = with(1, |b| b.versioning = false);
        fires_and_not("S3-03", &bad, "euw1-assets", &good);
        let (bad, good) = with(0, |b| b.versioning = false);
        fires_and_not("S3-03", &bad, "use1-assets", &good);
    }

    #[test]
    fn s3_05_same_region() {
        let good = base("aurora-global");
        let mut bad = good.clone();
        let mut second = bad.regions[1].nodes[0].clone();
        if let RegionNode::S3(b) = &mut second {
            b.id = "use1-copy".into();
            b.bucket = "media-prod-copy".into();
        }
        bad.regions[0].nodes.push(second);
        if let RegionNode::S3(b) = &mut bad.regions[0].nodes[0] {
            b.replicate_to = Some("use1-copy".into());
        }
        fires_and_not("S3-05", &bad, "use1-assets", &good);
    }

    #[test]
    fn s3_12_self_replication() {
        let (bad, good) = with(0, |b| b.replicate_to = Some("use1-assets".into()));
        fires_and_not("S3-12", &bad, "use1-assets", &good);
    }
}
