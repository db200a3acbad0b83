//! The links an object has and the ones it could get, for the inspector's
//! "Links" section: current links first, then only new, valid ones, each
//! named in words and told apart by region and VPC.

use super::connect::linkable_in;
use crate::core::layout::{links_where, Link, LinkKind};
use crate::core::model::*;

/// An object named so that two of the same name are told apart: `Load
/// balancer web · us-east-1 / main`.
pub fn describe(index: &Index<'_>, id: &str) -> String {
    let Some(o) = index.get(id) else {
        // A DynamoDB replica's stand-in `table@region-id`.
        return match id.split_once('@') {
            Some((table, region)) => format!(
                "{} replica in {}",
                describe(index, table),
                index
                    .get(region)
                    .map(|r| r.display_name())
                    .unwrap_or(region)
            ),
            None => id.to_string(),
        };
    };
    let mut out = format!("{} {}", o.kind().label(), o.display_name());
    match (o.region(), o.vpc()) {
        (Some(r), Some(v)) if !matches!(o, ObjectRef::Vpc { .. }) => {
            out.push_str(&format!(" · {} / {}", r.code, v.name))
        }
        (Some(r), _) if !matches!(o, ObjectRef::Region(_)) => {
            out.push_str(&format!(" · {}", r.code))
        }
        _ => {}
    }
    out
}

/// What a link means, in a sentence, for the inspector of a selected link:
/// `Load balancer web places its nodes in subnet public-a (use1-az1,
/// public, 10.0.0.0/24)`. `None` for kinds whose panel says it otherwise
/// (a DNS line shows its record sets) or when an end is gone.
pub fn meaning(index: &Index<'_>, link: &Link) -> Option<String> {
    match link.kind {
        LinkKind::SubnetUse => {
            let (_, _, node) = index.vpc_node(&link.from)?;
            let (_, _, subnet) = index.subnet(&link.to)?;
            let mut kind = node.kind().label().to_string();
            kind[..1].make_ascii_uppercase();
            let subnet = format!(
                "subnet {} ({}, {}, {})",
                subnet.name,
                subnet.az,
                subnet.tier.as_str(),
                subnet.cidr
            );
            Some(match node.kind() {
                NodeKind::Alb => format!("{kind} {} places its nodes in {subnet}.", node.name()),
                NodeKind::Asg => {
                    format!("{kind} {} launches its instances in {subnet}.", node.name())
                }
                NodeKind::Rds | NodeKind::Aurora => format!(
                    "{kind} {} lists {subnet} in its DB subnet group.",
                    node.name()
                ),
                NodeKind::Ecs => format!("{kind} {} runs its tasks in {subnet}.", node.name()),
                NodeKind::Elasticache => format!(
                    "{kind} {} lists {subnet} in its cache subnet group.",
                    node.name()
                ),
                // Not VPC workloads: they never have subnets.
                NodeKind::S3 | NodeKind::Dynamodb => {
                    format!("{kind} {} uses {subnet}.", node.name())
                }
            })
        }
        _ => None,
    }
}

/// The links drawn at `id`, as (link, the other end's id).
pub fn current(design: &Design, id: &str) -> Vec<(Link, String)> {
    // Only the links drawn at `id` are made, not the whole list.
    links_where(design, &|from, to| other_end(from, to, id).is_some())
        .into_iter()
        .filter_map(|l| {
            let other = other_end(&l.from, &l.to, id)?.to_string();
            Some((l, other))
        })
        .collect()
}

/// The end of the link `from` -> `to` that is not `id`, when the link is
/// drawn at `id` (a DynamoDB replica's end `table@region` counts as the
/// table's).
fn other_end<'a>(from: &'a str, to: &'a str, id: &str) -> Option<&'a str> {
    if from == id {
        Some(to)
    } else if to == id || to.split_once('@').is_some_and(|(t, _)| t == id) {
        Some(from)
    } else {
        None
    }
}

/// The objects `id` could be linked to now and are not yet, with what the
/// link would do, as (target id, label), sorted by label.
pub fn candidates(design: &Design, index: &Index<'_>, id: &str) -> Vec<(String, String)> {
    candidates_besides(design, index, id, &current(design, id))
}

/// [`candidates`] given `id`'s [`current`] links (the inspector lists
/// those too, and every design's links are made once, not twice).
pub fn candidates_besides(
    design: &Design,
    index: &Index<'_>,
    id: &str,
    now: &[(Link, String)],
) -> Vec<(String, String)> {
    let linked: Vec<&str> = now.iter().map(|(_, other)| other.as_str()).collect();
    let mut out = Vec::new();
    for_each_object(design, |o| {
        let to = o.id();
        if to == id || linked.contains(&to) {
            return;
        }
        if let Some(kind) = linkable_in(design, index, id, to) {
            out.push((
                to.to_string(),
                format!("{}: {}", kind.phrase(), describe(index, to)),
            ));
        }
    });
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::tests::tpl;
    use crate::core::layout::links;
    use std::collections::BTreeSet;

    #[test]
    fn candidates_are_new_valid_distinct_and_in_words() {
        for t in crate::core::templates::TEMPLATES {
            let d = tpl(t.id);
            let index = Index::new(&d);
            for_each_id(&d, |id| {
                let list = candidates(&d, &index, id);
                let labels: BTreeSet<&String> = list.iter().map(|(_, l)| l).collect();
                assert_eq!(
                    labels.len(),
                    list.len(),
                    "{} {id}: duplicate entries {list:#?}",
                    t.id
                );
                let now: Vec<String> = current(&d, id).into_iter().map(|(_, o)| o).collect();
                for (to, label) in &list {
                    assert!(
                        !now.contains(to),
                        "{} {id}: offers the existing link to {to}",
                        t.id
                    );
                    assert!(
                        !label.contains("Target") && !label.contains("Kind"),
                        "{label}: internal names"
                    );
                    assert!(
                        crate::core::edit::connect(&d, id, to).is_ok(),
                        "{} {id} -> {to}: offered but refused",
                        t.id
                    );
                }
            });
        }
    }

    #[test]
    fn current_links_list_both_directions() {
        let d = tpl("active-passive");
        let rec = &d.dns.as_ref().unwrap().records[0];
        let mine = current(&d, &rec.id);
        assert_eq!(mine.len(), rec.targets.len());
        let alb = &rec.targets[0].target;
        assert!(current(&d, alb)
            .iter()
            .any(|(l, other)| other == &rec.id && l.kind == crate::core::layout::LinkKind::Dns));
        let index = Index::new(&d);
        assert!(
            describe(&index, alb).contains(" · us-east-1 / "),
            "{}",
            describe(&index, alb)
        );
    }

    /// The inspector's quick paths give what the full ones give: the links
    /// at an object as the whole list has them, and every pair of objects
    /// linkable exactly when `link_kind_in` accepts it, of the same kind.
    #[test]
    fn the_quick_paths_agree_with_the_full_ones() {
        for t in crate::core::templates::TEMPLATES {
            let d = tpl(t.id);
            let index = Index::new(&d);
            let all = links(&d);
            let mut ids = Vec::new();
            for_each_object(&d, |o| ids.push(o.id().to_string()));
            for id in &ids {
                assert_eq!(current(&d, id), at_in(&all, id), "{} {id}", t.id);
                for to in &ids {
                    assert_eq!(
                        linkable_in(&d, &index, id, to),
                        crate::core::edit::link_kind_in(&d, &index, id, to).ok(),
                        "{} {id} -> {to}",
                        t.id
                    );
                }
            }
        }
    }

    #[test]
    fn the_links_at_an_object_of_the_stress_design_are_the_full_lists() {
        let d = crate::core::stress::stress_design();
        let all = links(&d);
        let mut ids = Vec::new();
        for_each_object(&d, |o| ids.push(o.id().to_string()));
        for id in ids.iter().step_by(97) {
            assert_eq!(current(&d, id), at_in(&all, id), "{id}");
        }
    }

    /// The links of the full list `all` drawn at `id`, with their other end.
    fn at_in(all: &[Link], id: &str) -> Vec<(Link, String)> {
        all.iter()
            .filter_map(|l| other_end(&l.from, &l.to, id).map(|o| (l.clone(), o.to_string())))
            .collect()
    }

    fn for_each_id(d: &Design, mut f: impl FnMut(&str)) {
        let index = Index::new(d);
        let ids: Vec<String> = links(d)
            .into_iter()
            .flat_map(|l| [l.from, l.to])
            .filter(|i| index.get(i).is_some())
            .collect();
        for id in ids {
            f(&id);
        }
    }
}
