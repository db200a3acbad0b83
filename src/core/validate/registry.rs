//! The explicit list of every rule, family by family.

use super::rules;
use super::Rule;

/// Every rule family's list, in the order of docs/rules.md.
const FAMILIES: &[&[Rule]] = &[
    rules::design::RULES,
    rules::instance_types::RULES,
    rules::recovery::RULES,
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
    }
}
