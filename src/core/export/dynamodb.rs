//! DynamoDB tables in a region's root: the table module, and for each
//! replica a customer-managed KMS key in the replica's region (DDB-06,
//! DDB-09, checkov CKV_AWS_119).
//!
//! Where the replica keys live. A replica's key must exist in the replica's
//! region before the table's root adds the replica, and `replica.kms_key_arn`
//! must be the key's ARN: DynamoDB accepts an alias ARN, but it reads back
//! the key ARN, so an alias gives a diff on every plan, and a changed
//! `kms_key_arn` recreates the replica (hashicorp/terraform-provider-aws
//! #29102). Key ARNs hold a random id, so the table's root could only learn
//! them from the replica region's state, which would make that region apply
//! first, against the order of database replicas (a cycle for a design with
//! both) and a two-step first apply. So the table's root creates the replica
//! keys itself, through a provider alias for each replica region. That adds
//! no new reason for the root to need another region: refreshing a global
//! table already calls every replica region (the provider reads each
//! replica's point-in-time recovery there), so the root that owns a table
//! with replicas never planned without them. Roots without global tables
//! stay independent of other regions.

use super::hcl::{ex, obj, record, s, HclError, B};
use super::region::{display, state_label};
use crate::core::model::{Billing, Design, Dynamodb, KeyAttr, Region, RegionNode};
use crate::core::names;
use std::collections::BTreeSet;

/// The `module` label of a table.
fn table_label(t: &Dynamodb) -> String {
    format!("dynamodb_{}", t.id)
}

/// The `module` label of a table's replica key in `code`.
fn key_label(t: &Dynamodb, code: &str) -> String {
    format!("dynamodb_{}_key_{}", t.id, state_label(code))
}

/// `alias/<project>-<environment>-<table>-dynamodb-<region>`: the alias the
/// table module gives its home key, so every key of one table reads alike.
/// Characters KMS-03 refuses in an alias (a table name may hold `.`) become `-`.
pub fn key_alias(design: &Design, t: &Dynamodb, code: &str) -> String {
    names::kms_alias(&format!(
        "{}-dynamodb-{code}",
        names::regional(design, &t.name)
    ))
}

/// The regions, other than `region`'s own, where its tables keep replicas:
/// each needs a provider alias in the region's root.
pub fn replica_regions(region: &Region) -> BTreeSet<String> {
    tables(region)
        .flat_map(|t| t.replicas.iter())
        .filter(|c| **c != region.code)
        .cloned()
        .collect()
}

fn tables(region: &Region) -> impl Iterator<Item = &Dynamodb> {
    region.nodes.iter().filter_map(|n| match n {
        RegionNode::Dynamodb(t) => Some(t),
        _ => None,
    })
}

/// The table's module block. `root` is the path to the export's top.
pub fn table(design: &Design, t: &Dynamodb, root: &str) -> Result<B, HclError> {
    let key = |k: &KeyAttr| record([("name", s(&k.name)), ("type", s(k.kind.as_str()))]);
    let billing = match t.billing {
        Billing::OnDemand => "PAY_PER_REQUEST",
        Billing::Provisioned => "PROVISIONED",
    };
    let replicas = t
        .replicas
        .iter()
        .map(|c| Ok((c.clone(), ex(&format!("module.{}.arn", key_label(t, c)))?)))
        .collect::<Result<Vec<_>, HclError>>()?;
    let block = B::new("module", &[&table_label(t)]);
    let block = match t.billing {
        Billing::OnDemand => block,
        Billing::Provisioned => block.skip("CKV2_AWS_16", "The design gives this table provisioned capacity without auto scaling (rule DES-29 warns); set billing to on_demand to scale with traffic."),
    };
    Ok(block
        .a("source", s(&format!("{root}/modules/dynamodb")))
        .a("name", s(&names::regional(design, &t.name)))
        .a("hash_key", key(&t.hash_key))
        .opt("range_key", t.range_key.as_ref().map(key))
        .a("billing_mode", s(billing))
        .opt("ttl_attribute", t.ttl_attribute.as_deref().map(s))
        .a("replicas", obj(replicas))
        .a("tags", display(&t.name)))
}

/// One key module per replica of the table, each with the provider of the
/// replica's region (`aws.<region_label>`, declared by the root).
pub fn replica_keys(design: &Design, t: &Dynamodb, root: &str) -> Result<Vec<B>, HclError> {
    t.replicas
        .iter()
        .map(|code| {
            Ok(B::new("module", &[&key_label(t, code)])
                .a("source", s(&format!("{root}/modules/kms")))
                .a(
                    "providers",
                    record([("aws", ex(&format!("aws.{}", state_label(code)))?)]),
                )
                .a("alias", s(&key_alias(design, t, code)))
                .a(
                    "description",
                    s(&format!(
                        "{} replica in {code}",
                        names::regional(design, &t.name)
                    )),
                )
                .a("tags", display(&t.name)))
        })
        .collect()
}

/// Every table's replica keys in `region`.
pub fn region_replica_keys(
    design: &Design,
    region: &Region,
    root: &str,
) -> Result<Vec<B>, HclError> {
    let mut out = Vec::new();
    for t in tables(region) {
        out.extend(replica_keys(design, t, root)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::TEMPLATES;

    fn active_active() -> Design {
        TEMPLATES
            .iter()
            .find(|t| t.id == "active-active")
            .and_then(|t| t.design().ok())
            .expect("the active-active template loads")
    }

    #[test]
    fn every_replica_gets_a_key_in_its_own_region() {
        let d = active_active();
        let (region, t) = d
            .regions
            .iter()
            .find_map(|r| tables(r).find(|t| !t.replicas.is_empty()).map(|t| (r, t)))
            .expect("the template has a global table");
        let keys =
            super::super::hcl::print(replica_keys(&d, t, "../..").expect("keys")).expect("prints");
        for code in &t.replicas {
            assert!(
                keys.contains(&format!("aws = aws.{}", state_label(code))),
                "{keys}"
            );
            assert!(keys.contains(&key_alias(&d, t, code)), "{keys}");
        }
        assert!(
            !keys.contains(&format!("aws.{}", state_label(&region.code))),
            "no key in the table's own region: the module makes that one"
        );
        assert_eq!(
            replica_regions(region),
            t.replicas.iter().cloned().collect()
        );
    }

    #[test]
    fn aliases_are_valid_kms_aliases() {
        let d = active_active();
        let mut t = d
            .regions
            .iter()
            .find_map(|r| tables(r).next())
            .cloned()
            .expect("a table");
        t.name = "user.sessions".into();
        let a = key_alias(&d, &t, "eu-west-1");
        assert!(
            a.starts_with("alias/") && !a.starts_with("alias/aws/") && a.len() <= 256,
            "{a}"
        );
        assert!(
            a["alias/".len()..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_-".contains(c)),
            "{a}"
        );
        assert!(a.ends_with("-dynamodb-eu-west-1"), "{a}");
    }
}
