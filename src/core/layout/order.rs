//! The order the keyboard walks the canvas in: shapes as they are nested
//! (a region, its VPCs, each VPC's subnets and workloads, then the next
//! region), then the links. Tab and Shift+Tab step through it; stepping
//! past either end gives `None`, so focus leaves the canvas instead of
//! being trapped in it.

use super::hit::is_design_id;
use super::{Layout, Link, GLOBAL_ID};
use std::borrow::Borrow;

/// Every selectable id in reading order: design shapes parents first (the
/// layout's paint order), then the links.
pub fn reading_order<L: Borrow<Link>>(layout: &Layout, links: &[L]) -> Vec<String> {
    layout
        .shapes
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| is_design_id(id) && *id != GLOBAL_ID)
        .map(str::to_string)
        .chain(links.iter().map(|l| l.borrow().id()))
        .collect()
}

/// The id after `current` (before it with `back`), the first (last) when
/// `current` is not in `order`, `None` past the end.
pub fn step(order: &[String], current: Option<&str>, back: bool) -> Option<String> {
    let at = current.and_then(|c| order.iter().position(|x| x == c));
    let next = match (at, back) {
        (None, false) => Some(0),
        (None, true) => order.len().checked_sub(1),
        (Some(i), false) => Some(i + 1),
        (Some(i), true) => i.checked_sub(1),
    };
    next.and_then(|i| order.get(i)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::layout::{layout, links};
    use crate::core::templates::template;

    #[test]
    fn regions_come_before_their_contents_and_links_last() {
        let d = template("active-passive")
            .and_then(|t| t.design().ok())
            .unwrap_or_else(|| panic!("template"));
        let order = reading_order(&layout(&d), &links(&d));
        let pos = |id: &str| {
            order
                .iter()
                .position(|x| x == id)
                .unwrap_or_else(|| panic!("{id} not walked"))
        };
        assert!(pos("use1") < pos("use1-main") && pos("use1-main") < pos("use1-pub-a"));
        assert!(
            pos("use1-alb") < pos("usw2"),
            "a region is finished before the next"
        );
        assert!(order.iter().all(|id| id != GLOBAL_ID));
        let first_link = order
            .iter()
            .position(|id| Link::from_id(id).is_some())
            .unwrap_or_else(|| panic!("no link walked"));
        assert!(
            order[first_link..]
                .iter()
                .all(|id| Link::from_id(id).is_some()),
            "links come last"
        );
    }

    #[test]
    fn steps_wrap_out_of_the_list() {
        let order: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let cases = [
            (None, false, Some("a")),
            (None, true, Some("c")),
            (Some("a"), false, Some("b")),
            (Some("c"), false, None),
            (Some("a"), true, None),
            (Some("gone"), false, Some("a")),
        ];
        for (current, back, want) in cases {
            assert_eq!(
                step(&order, current, back).as_deref(),
                want,
                "{current:?} back={back}"
            );
        }
        assert_eq!(step(&[], None, false), None);
    }
}
