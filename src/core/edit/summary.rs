//! What an edit did, in words: the objects a design gained and the ones
//! whose settings changed. "Clone region as DR" touches a dozen objects in
//! one step (a region, its copies, replicas, a DNS record); the editor says
//! so instead of changing things silently. Derived from the two designs, so
//! it can never claim more or less than the edit really did.

use crate::core::model::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Sentences describing how `after` differs from `before`, in file order:
/// new regions with what they contain, other new objects one by one, the
/// DNS zone if it appeared, and the objects whose own fields changed.
pub fn changes(before: &Design, after: &Design) -> Vec<String> {
    let old = Index::new(before);
    let mut out = Vec::new();
    if before.dns.is_none() {
        if let Some(dns) = &after.dns {
            out.push(format!("Added the DNS zone {}", dns.zone));
        }
    }
    // New objects inside a new region are counted under it.
    let mut in_new_region: BTreeMap<String, Vec<ObjectKind>> = BTreeMap::new();
    let mut changed = Vec::new();
    for_each_object(after, |o| {
        let region_new = o.region().is_some_and(|r| old.get(&r.id).is_none());
        match old.get(o.id()) {
            None if region_new && !matches!(o, ObjectRef::Region(_)) => {
                if let Some(r) = o.region() {
                    in_new_region
                        .entry(r.id.clone())
                        .or_default()
                        .push(o.kind());
                }
            }
            None => out.push(format!("Added {} {}", o.kind().label(), describe(o))),
            Some(was) => {
                let fields = changed_fields(was, o);
                if !fields.is_empty() {
                    changed.push(format!(
                        "Changed {} {}: {}",
                        o.kind().label(),
                        o.display_name(),
                        fields.join(", ")
                    ));
                }
            }
        }
    });
    for line in &mut out {
        if let Some(id) = line
            .strip_prefix("Added region ")
            .and_then(|rest| rest.split(' ').nth(1))
        {
            let id = id.trim_matches(|c| c == '(' || c == ')');
            if let Some(kinds) = in_new_region.get(id) {
                line.push_str(&format!(" with {}", counted(kinds)));
            }
        }
    }
    out.extend(changed);
    out
}

fn describe(o: ObjectRef<'_>) -> String {
    match o {
        ObjectRef::Region(r) => format!("{} ({})", r.code, r.id),
        ObjectRef::Record(r) => format!("{} ({})", r.name, r.policy.as_str()),
        _ => o.display_name().to_string(),
    }
}

/// "1 VPC, 4 subnets, 1 load balancer", in the order kinds first appear.
fn counted(kinds: &[ObjectKind]) -> String {
    let mut order: Vec<ObjectKind> = Vec::new();
    let mut n: HashMap<ObjectKind, usize> = HashMap::new();
    for k in kinds {
        if !order.contains(k) {
            order.push(*k);
        }
        *n.entry(*k).or_default() += 1;
    }
    order
        .iter()
        .map(|k| {
            let c = n.get(k).copied().unwrap_or(0);
            format!("{c} {}{}", k.label(), if c == 1 { "" } else { "s" })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The top-level fields of one object that differ, leaving out the
/// objects it contains (those are reported as objects of their own).
fn changed_fields(a: ObjectRef<'_>, b: ObjectRef<'_>) -> Vec<String> {
    let (Some(Value::Object(x)), Some(Value::Object(y))) = (own_fields(a), own_fields(b)) else {
        return Vec::new();
    };
    let keys: Vec<&String> = x.keys().chain(y.keys()).collect();
    let mut out: Vec<String> = Vec::new();
    for k in keys {
        if x.get(k) != y.get(k) && !out.contains(k) {
            out.push(k.clone());
        }
    }
    out
}

fn own_fields(o: ObjectRef<'_>) -> Option<Value> {
    let mut v = match o {
        ObjectRef::Region(r) => serde_json::to_value(r),
        ObjectRef::Vpc { vpc, .. } => serde_json::to_value(vpc),
        ObjectRef::Subnet { subnet, .. } => serde_json::to_value(subnet),
        ObjectRef::VpcNode { node, .. } => serde_json::to_value(node),
        ObjectRef::RegionNode { node, .. } => serde_json::to_value(node),
        ObjectRef::Peering(p) => serde_json::to_value(p),
        ObjectRef::Record(r) => serde_json::to_value(r),
        ObjectRef::Accelerator(a) => serde_json::to_value(a),
    }
    .ok()?;
    if let Value::Object(m) = &mut v {
        for children in ["vpcs", "nodes", "subnets"] {
            m.remove(children);
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::clone_region_as_dr;
    use crate::core::templates::template;

    #[test]
    fn clone_as_dr_is_described() {
        let mut d = template("active-passive").unwrap().design().unwrap();
        // A simple record in front of the primary becomes a failover pair.
        let rec = &mut d.dns.as_mut().unwrap().records[0];
        rec.policy = RoutingPolicy::Simple;
        rec.targets.truncate(1);
        rec.targets[0].role = None;
        let src = d
            .regions
            .iter()
            .find(|r| r.role == RegionRole::Primary)
            .unwrap()
            .id
            .clone();
        let (after, new_id) = clone_region_as_dr(&d, &src, "eu-west-1").unwrap();
        let lines = changes(&d, &after);
        let region = lines
            .iter()
            .find(|l| l.starts_with("Added region eu-west-1"))
            .expect("the region is named");
        assert!(
            region.contains(&new_id) && region.contains("VPC") && region.contains("subnets"),
            "{region}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("Changed DNS record")
                && l.contains("policy, ")
                && l.contains("targets")),
            "{lines:#?}"
        );
    }

    #[test]
    fn no_edit_no_words() {
        let d = template("active-passive").unwrap().design().unwrap();
        assert!(changes(&d, &d).is_empty());
        let mut e = d.clone();
        e.regions[0].vpcs[0].name = "other".into();
        assert_eq!(changes(&d, &e), vec![format!("Changed VPC other: name")]);
    }

    #[test]
    fn a_new_zone_and_record_are_named() {
        let mut d = template("active-passive").unwrap().design().unwrap();
        d.dns = None;
        let src = d.regions[0].id.clone();
        let code = if d.regions.iter().any(|r| r.code == "ap-south-1") {
            "ca-central-1"
        } else {
            "ap-south-1"
        };
        let (after, _) = clone_region_as_dr(&d, &src, code).unwrap();
        let lines = changes(&d, &after);
        assert!(
            lines.iter().any(|l| l.starts_with("Added the DNS zone")),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Added DNS record") && l.contains("failover")),
            "{lines:#?}"
        );
    }
}
