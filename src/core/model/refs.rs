//! The load-time checks serde cannot express: ids and references.

use super::id::id_problem;
use super::load::{LoadError, LoadErrorKind};
use super::{Design, NodeKind, ObjectKind, RegionNode, VpcNode};
use crate::core::text::short;
use std::collections::HashMap;

/// Checks that every id is well formed and unique, and that every reference
/// names an existing object of an allowed kind. Reports the first problem in
/// file order.
pub(crate) fn check_references(d: &Design) -> Result<(), LoadError> {
    let mut c = Checker {
        ids: HashMap::new(),
    };
    declare_all(&mut c, d)?;
    resolve_all(&c, d)
}

struct Checker<'a> {
    ids: HashMap<&'a str, (ObjectKind, String)>,
}

impl<'a> Checker<'a> {
    fn declare(&mut self, id: &'a str, kind: ObjectKind, path: String) -> Result<(), LoadError> {
        let id_path = format!("{path}.id");
        if let Some(problem) = id_problem(id) {
            return Err(LoadError::new(
                LoadErrorKind::Id,
                id_path,
                format!("id `{}` {problem}", short(id)),
            ));
        }
        if let Some((k, first)) = self.ids.get(id) {
            return Err(LoadError::new(
                LoadErrorKind::Id,
                id_path,
                format!(
                    "duplicate id `{}`: the {} at {first} already uses it; ids must be unique in the whole design",
                    short(id),
                    k.label()
                ),
            ));
        }
        self.ids.insert(id, (kind, path));
        Ok(())
    }

    /// Checks that `id`, found at `path`, names an object of one of `allowed`.
    fn resolve(
        &self,
        id: &str,
        path: impl FnOnce() -> String,
        allowed: &[ObjectKind],
    ) -> Result<(), LoadError> {
        let expected = allowed
            .iter()
            .map(|k| with_article(k.label()))
            .collect::<Vec<_>>()
            .join(" or ");
        match self.ids.get(id) {
            Some((k, _)) if allowed.contains(k) => Ok(()),
            Some((k, at)) => Err(LoadError::new(
                LoadErrorKind::Reference,
                path(),
                format!(
                    "refers to `{}`, which is the {} at {at}; expected the id of {expected}",
                    short(id),
                    k.label()
                ),
            )),
            None => Err(LoadError::new(
                LoadErrorKind::Reference,
                path(),
                format!(
                    "refers to `{}`, but no object has that id; expected the id of {expected}",
                    short(id)
                ),
            )),
        }
    }
}

/// `label` after `a` or `an`, as it is said: an acronym by its letters
/// (`an RDS database`, `an S3 bucket`, `a VPC`), a word by its first
/// letter (`an Aurora cluster`, `a DynamoDB table`).
fn with_article(label: &str) -> String {
    let word = label.split([' ', '-']).next().unwrap_or_default();
    let acronym = word.chars().count() > 1
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let first = word.chars().next().unwrap_or('x').to_ascii_uppercase();
    // Letters whose names start with a vowel sound: "ef", "aitch", "el",
    // "em", "en", "ar", "es", "ex" and the vowels but "you".
    let an = if acronym {
        "AEFHILMNORSX".contains(first)
    } else {
        "AEIOU".contains(first)
    };
    format!("{} {label}", if an { "an" } else { "a" })
}

fn declare_all<'a>(c: &mut Checker<'a>, d: &'a Design) -> Result<(), LoadError> {
    for (ri, region) in d.regions.iter().enumerate() {
        let rp = format!("regions[{ri}]");
        c.declare(&region.id, ObjectKind::Region, rp.clone())?;
        for (vi, vpc) in region.vpcs.iter().enumerate() {
            let vp = format!("{rp}.vpcs[{vi}]");
            c.declare(&vpc.id, ObjectKind::Vpc, vp.clone())?;
            for (si, s) in vpc.subnets.iter().enumerate() {
                c.declare(&s.id, ObjectKind::Subnet, format!("{vp}.subnets[{si}]"))?;
            }
            for (ni, n) in vpc.nodes.iter().enumerate() {
                c.declare(
                    n.id(),
                    ObjectKind::Node(n.kind()),
                    format!("{vp}.nodes[{ni}]"),
                )?;
            }
        }
        for (ni, n) in region.nodes.iter().enumerate() {
            c.declare(
                n.id(),
                ObjectKind::Node(n.kind()),
                format!("{rp}.nodes[{ni}]"),
            )?;
        }
    }
    for (i, p) in d.peerings.iter().enumerate() {
        c.declare(&p.id, ObjectKind::Peering, format!("peerings[{i}]"))?;
    }
    if let Some(dns) = &d.dns {
        for (i, r) in dns.records.iter().enumerate() {
            c.declare(&r.id, ObjectKind::Record, format!("dns.records[{i}]"))?;
        }
    }
    for (i, a) in d.accelerators.iter().enumerate() {
        c.declare(&a.id, ObjectKind::Accelerator, format!("accelerators[{i}]"))?;
    }
    Ok(())
}

const SUBNET: &[ObjectKind] = &[ObjectKind::Subnet];
const ALB: &[ObjectKind] = &[ObjectKind::Node(NodeKind::Alb)];
const RDS: &[ObjectKind] = &[ObjectKind::Node(NodeKind::Rds)];
const S3: &[ObjectKind] = &[ObjectKind::Node(NodeKind::S3)];
const VPC: &[ObjectKind] = &[ObjectKind::Vpc];
const DNS_TARGET: &[ObjectKind] = &[ObjectKind::Node(NodeKind::Alb), ObjectKind::Accelerator];

fn resolve_all(c: &Checker<'_>, d: &Design) -> Result<(), LoadError> {
    for (ri, region) in d.regions.iter().enumerate() {
        for (vi, vpc) in region.vpcs.iter().enumerate() {
            for (ni, node) in vpc.nodes.iter().enumerate() {
                let np = || format!("regions[{ri}].vpcs[{vi}].nodes[{ni}]");
                for (si, s) in node.subnets().iter().enumerate() {
                    c.resolve(s, || format!("{}.subnets[{si}]", np()), SUBNET)?;
                }
                match node {
                    VpcNode::Asg(a) => {
                        if let Some(t) = &a.target {
                            c.resolve(t, || format!("{}.target", np()), ALB)?;
                        }
                    }
                    VpcNode::Rds(r) => {
                        if let Some(src) = &r.replica_of {
                            c.resolve(src, || format!("{}.replica_of", np()), RDS)?;
                        }
                    }
                    VpcNode::Ecs(e) => {
                        if let Some(t) = &e.target {
                            c.resolve(t, || format!("{}.target", np()), ALB)?;
                        }
                    }
                    VpcNode::Alb(_) | VpcNode::Aurora(_) | VpcNode::Elasticache(_) => {}
                }
            }
        }
        for (ni, node) in region.nodes.iter().enumerate() {
            if let RegionNode::S3(b) = node {
                if let Some(dst) = &b.replicate_to {
                    c.resolve(
                        dst,
                        || format!("regions[{ri}].nodes[{ni}].replicate_to"),
                        S3,
                    )?;
                }
            }
        }
    }
    for (i, p) in d.peerings.iter().enumerate() {
        c.resolve(&p.a, || format!("peerings[{i}].a"), VPC)?;
        c.resolve(&p.b, || format!("peerings[{i}].b"), VPC)?;
    }
    if let Some(dns) = &d.dns {
        for (i, r) in dns.records.iter().enumerate() {
            for (t, target) in r.targets.iter().enumerate() {
                c.resolve(
                    &target.target,
                    || format!("dns.records[{i}].targets[{t}].target"),
                    DNS_TARGET,
                )?;
            }
        }
    }
    for (i, a) in d.accelerators.iter().enumerate() {
        for (e, ep) in a.endpoints.iter().enumerate() {
            c.resolve(
                &ep.target,
                || format!("accelerators[{i}].endpoints[{e}].target"),
                ALB,
            )?;
        }
    }
    for key in d.canvas.keys() {
        if !c.ids.contains_key(key.as_str()) {
            return Err(LoadError::new(
                LoadErrorKind::Reference,
                format!("canvas.{}", short(key)),
                format!("a position for `{}`, but no object has that id", short(key)),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_takes_the_article_it_is_said_with() {
        let cases = [
            (ObjectKind::Region, "a region"),
            (ObjectKind::Vpc, "a VPC"),
            (ObjectKind::Subnet, "a subnet"),
            (ObjectKind::Peering, "a peering connection"),
            (ObjectKind::Record, "a DNS record"),
            (ObjectKind::Accelerator, "an accelerator"),
            (ObjectKind::Node(NodeKind::Alb), "a load balancer"),
            (ObjectKind::Node(NodeKind::Asg), "an auto-scaling group"),
            (ObjectKind::Node(NodeKind::Rds), "an RDS database"),
            (ObjectKind::Node(NodeKind::Aurora), "an Aurora cluster"),
            (ObjectKind::Node(NodeKind::Ecs), "an ECS service"),
            (
                ObjectKind::Node(NodeKind::Elasticache),
                "an ElastiCache cache",
            ),
            (ObjectKind::Node(NodeKind::S3), "an S3 bucket"),
            (ObjectKind::Node(NodeKind::Dynamodb), "a DynamoDB table"),
        ];
        for (k, want) in cases {
            assert_eq!(with_article(k.label()), want);
        }
    }
}
