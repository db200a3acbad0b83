//! Posture rules for what a design asks for on purpose but security scanners
//! (checkov) flag: Topoform says so first, and the export carries a
//! `#checkov:skip` with the same reason on exactly that resource. Ids
//! `DES-2n` are Topoform's own; unencrypted databases are the catalog's
//! RDS-12 (rules/rds.rs).

use super::dynamodb::tables;
use super::s3::buckets;
use crate::core::model::{Billing, Dynamodb, HttpProtocol, VpcNode};
use crate::core::text::short;
use crate::core::validate::{
    rule, Ctx,
    Family::{Dynamodb as DynamoFamily, LoadBalancing, S3 as S3Family},
    Report, Rule,
    Severity::*,
};

/// Catalog ids of this family that are not implemented (none: these are Topoform's own).
pub const SKIPPED: &[(&str, &str)] = &[];

/// The posture family.
pub const RULES: &[Rule] = &[
    rule("DES-20", Warning, LoadBalancing, "A load balancer listener should speak HTTPS, not plain HTTP.",
        "Plain HTTP sends requests and cookies unencrypted; checkov fails it (CKV_AWS_2, CKV_AWS_103, CKV_AWS_378, CKV2_AWS_20), so the export skips those checks on this load balancer with this reason.",
        "Switch the listener to HTTPS on port 443 and set the region's certificate_arn at export.", des_20),
    rule("DES-28", Warning, S3Family, "A bucket should keep object versions.",
        "Without versioning an overwritten or deleted object is gone, and the bucket cannot replicate or be replicated to; checkov fails it (CKV_AWS_21), so the export skips that check on this bucket with this reason.",
        "Turn versioning on for the bucket.", des_28),
    rule("DES-29", Warning, DynamoFamily, "A DynamoDB table should be on-demand, not provisioned without auto scaling.",
        "A provisioned table throttles once traffic passes its capacity, as after a failover sends another region's load to it; the export writes no auto scaling for it, and checkov fails that (CKV2_AWS_16), so the export skips that check on this table with this reason.",
        "Set billing to on_demand.", des_29),
];

fn des_28(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, b) in buckets(ctx).filter(|(_, b)| !b.versioning) {
        out.emit(
            &[&b.id],
            format!(
                "Bucket {} ({}) keeps no object versions.",
                short(&b.bucket),
                r.code
            ),
        );
    }
}

fn des_29(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    // With replicas it is DDB-01's error, not a warning.
    let provisioned = |t: &&Dynamodb| t.billing == Billing::Provisioned && t.replicas.is_empty();
    for (r, t) in tables(ctx).filter(|(_, t)| provisioned(t)) {
        out.emit(
            &[&t.id],
            format!(
                "DynamoDB table {} ({}) has provisioned capacity and no auto scaling.",
                short(&t.name),
                r.code
            ),
        );
    }
}

fn des_20(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for v in &r.vpcs {
            for n in &v.nodes {
                if let VpcNode::Alb(a) = n {
                    if a.listener.protocol == HttpProtocol::Http {
                        out.emit(
                            &[&a.id],
                            format!(
                                "Load balancer {} ({}, {}) listens on plain HTTP port {}.",
                                a.name, r.code, v.name, a.listener.port
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{HttpProtocol, VpcNode};

    #[test]
    fn des_20_plain_http_listener() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Alb(a) = &mut bad.regions[0].vpcs[0].nodes[0] {
            a.listener.protocol = HttpProtocol::Http;
            a.listener.port = 80;
        }
        fires_and_not("DES-20", &bad, "use1-alb", &good);
    }

    #[test]
    fn des_28_unversioned_bucket() {
        use crate::core::model::RegionNode;
        let good = base("aurora-global");
        let mut bad = good.clone();
        let mut id = String::new();
        for n in bad.regions.iter_mut().flat_map(|r| &mut r.nodes) {
            if let RegionNode::S3(b) = n {
                if id.is_empty() && b.replicate_to.is_none() {
                    b.versioning = false;
                    id = b.id.clone();
                }
            }
        }
        assert!(
            !id.is_empty(),
            "the template has a bucket that replicates nowhere"
        );
        fires_and_not("DES-28", &bad, &id, &good);
    }

    #[test]
    fn des_29_provisioned_table() {
        use crate::core::model::{Billing, RegionNode};
        let good = base("active-active");
        let mut bad = good.clone();
        let mut id = String::new();
        for n in bad.regions.iter_mut().flat_map(|r| &mut r.nodes) {
            if let RegionNode::Dynamodb(t) = n {
                t.billing = Billing::Provisioned;
                t.replicas.clear();
                id = t.id.clone();
            }
        }
        assert!(!id.is_empty(), "the template has a table");
        fires_and_not("DES-29", &bad, &id, &good);
    }
}
