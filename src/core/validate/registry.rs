//! The explicit list of every rule, family by family.

use super::rules;
use super::Rule;

/// Every rule family's list, in the order of docs/rules.md.
const FAMILIES: &[&[Rule]] = &[
    rules::design::RULES,
    rules::instance_types::RULES,
    rules::recovery::RULES,
    rules::usage::RULES,
    rules::value_formats::RULES,
    rules::tags::RULES,
    rules::network::RULES,
    rules::load_balancing::RULES,
    rules::posture::RULES,
    rules::autoscaling::RULES,
    rules::scaling::RULES,
    rules::ecs::RULES,
    rules::elasticache::RULES,
    rules::rds::RULES,
    rules::rds_storage::RULES,
    rules::aurora::RULES,
    rules::aurora_settings::RULES,
    rules::dynamodb::RULES,
    rules::dynamodb_ttl::RULES,
    rules::s3::RULES,
    rules::route53::RULES,
    rules::route53_health::RULES,
    rules::route53_zone::RULES,
    rules::accelerator::RULES,
    rules::names_iam::RULES,
    rules::state::RULES,
    rules::state_buckets::RULES,
];

/// Catalog ids each family does not implement, with the reason (for
/// docs/rules.md), e.g. `("NET-14", "Transit Gateway is not in design format v1")`.
const SKIPPED: &[&[(&str, &str)]] = &[
    rules::design::SKIPPED,
    rules::network::SKIPPED,
    rules::load_balancing::SKIPPED,
    rules::posture::SKIPPED,
    rules::autoscaling::SKIPPED,
    rules::rds::SKIPPED,
    rules::aurora::SKIPPED,
    rules::dynamodb::SKIPPED,
    rules::s3::SKIPPED,
    rules::route53::SKIPPED,
    rules::accelerator::SKIPPED,
    rules::names_iam::SKIPPED,
    rules::state::SKIPPED,
    rules::tags::SKIPPED,
];

/// The rules whose findings about a region depend on nothing outside it,
/// classified by reading each check: they iterate `design.regions`, read
/// only the region's own objects, the catalog, the design's settings (name,
/// environment, tags, state, objectives, usage), CIDRs and index lookups of
/// the region's own ids and of its nodes' `subnets` and `target`, and name
/// objects through `Ctx::name_of`. Run on a design holding one region, each
/// gives exactly that region's share of its findings on the whole design,
/// which is what lets [`super::Incremental`] reuse a region's findings
/// while the region is unchanged. Every rule not listed (a new rule too)
/// is run on the whole design every time: rules reading peerings, DNS,
/// accelerators, the primary region, replicas, global clusters or
/// replication, or comparing regions with each other, are not here.
const REGION_LOCAL: &[&str] = &[
    "DES-05", "DES-09", "DES-12", "DES-13", "NET-01", "NET-02", "NET-03", "NET-04", "NET-05",
    "NET-06", "NET-07", "NET-08", "NET-09", "ALB-01", "ALB-02", "ALB-04", "ALB-06", "ALB-12",
    "ALB-13", "RDS-01", "RDS-03", "RDS-05", "ASG-03", "ASG-04", "ASG-05", "ASG-06", "AGD-09",
    "IAM-02", "ALB-14", "RDS-14", "RDS-15", "SCL-01", "SCL-02", "AGD-10", "RDS-12",
];

/// True when `id`'s findings about each region depend only on that region
/// (see [`REGION_LOCAL`]).
pub fn region_local(id: &str) -> bool {
    REGION_LOCAL.contains(&id)
}

/// Every registered rule.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

/// Every catalog id that is not implemented, with the reason.
pub fn skipped() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    SKIPPED.iter().flat_map(|f| f.iter())
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.doc.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for r in rules() {
            assert!(seen.insert(r.doc.id), "duplicate rule id {}", r.doc.id);
            assert!(
                !r.doc.summary.is_empty() && !r.doc.why.is_empty() && !r.doc.fix.is_empty(),
                "{}",
                r.doc.id
            );
        }
        for id in REGION_LOCAL {
            assert!(rule(id).is_some(), "{id} is not a registered rule");
        }
    }
}
