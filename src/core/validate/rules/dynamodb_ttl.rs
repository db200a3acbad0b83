//! DynamoDB Time to Live (format version 2's `ttl_attribute`).

use crate::core::model::{KeyType, RegionNode};
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Dynamodb as DdbFamily, Report, Rule, Severity::*};

/// The Time to Live rules.
pub const RULES: &[Rule] = &[rule("DDB-10", Error, DdbFamily, "A table's expiry (TTL) attribute is a name of 1-255 characters, and a key used for it must be a number.",
    "UpdateTimeToLive takes an AttributeName of 1 to 255 characters. DynamoDB deletes an item once the epoch-seconds Number in that attribute has passed; an attribute of another type never expires anything (a warning when it is a key of type S or B).",
    "Name the attribute that holds the expiry time in epoch seconds (e.g. expires_at), or leave it empty for no TTL.", ddb_10)];

fn ddb_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for n in &r.nodes {
            let RegionNode::Dynamodb(t) = n else { continue };
            let Some(attr) = t.ttl_attribute.as_deref() else {
                continue;
            };
            let what = format!("Table {} ({})", short(&t.name), short(&r.code));
            if attr.trim().is_empty() || attr.len() > 255 {
                out.emit(
                    &[&t.id],
                    format!("{what}: its TTL attribute name must be 1 to 255 characters."),
                );
                continue;
            }
            let key = [Some(&t.hash_key), t.range_key.as_ref()]
                .into_iter()
                .flatten()
                .find(|k| k.name == attr);
            if let Some(k) = key.filter(|k| k.kind != KeyType::N) {
                out.emit_at(Warning, &[&t.id], format!(
                    "{what}: its TTL attribute \"{}\" is a key of type {}; TTL reads only Numbers, so no item would ever expire.",
                    short(attr), k.kind.as_str()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{Design, RegionNode};
    use crate::core::validate::Severity;

    fn with_ttl(attr: Option<&str>) -> Design {
        let mut d = base("active-active");
        for n in &mut d.regions[0].nodes {
            if let RegionNode::Dynamodb(t) = n {
                t.ttl_attribute = attr.map(Into::into);
            }
        }
        d
    }

    fn table_id(d: &Design) -> String {
        d.regions[0]
            .nodes
            .iter()
            .find_map(|n| match n {
                RegionNode::Dynamodb(t) => Some(t.id.clone()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn ddb_10_ttl_attribute() {
        let good = with_ttl(Some("expires_at"));
        let id = table_id(&good);
        for bad in ["", " ", &"x".repeat(256)] {
            fires_and_not("DDB-10", &with_ttl(Some(bad)), &id, &good);
        }
        assert!(findings(&with_ttl(None), "DDB-10").is_empty());
        let key = match &good.regions[0].nodes.iter().find_map(|n| match n {
            RegionNode::Dynamodb(t) => Some(t.hash_key.clone()),
            _ => None,
        }) {
            Some(k) => k.clone(),
            None => unreachable!(),
        };
        let on_key = findings(&with_ttl(Some(&key.name)), "DDB-10");
        assert_eq!(on_key.len(), 1, "{on_key:?}");
        assert_eq!(on_key[0].severity, Severity::Warning);
    }
}
