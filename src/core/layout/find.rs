//! Find on the canvas: objects whose name, id or CIDR holds the query, or
//! whose CIDR holds the address typed. A short list, best matches first,
//! so a person can go to an object in a large design without hunting.

use crate::core::model::{for_each_object, Design, ObjectRef};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// One object found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Its id (what is selected).
    pub id: String,
    /// Its kind and name, as listed.
    pub title: String,
    /// Its id and CIDR, when it has one.
    pub detail: String,
}

/// Objects matching `query` (ASCII letters case-insensitive: object names
/// become AWS names, which are ASCII; the editor links no Unicode case
/// tables, about 10 KB of its wasm), at most `limit`: exact
/// name or id first, then names and ids starting with it, then the rest.
pub fn find(design: &Design, query: &str, limit: usize) -> Vec<Found> {
    let q = query.trim().to_ascii_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let addr = q.parse::<Ipv4Addr>().ok();
    // (rank, how wide the CIDR holding the address is, the object)
    let mut hits: Vec<(u8, u8, Found)> = Vec::new();
    for_each_object(design, |o| {
        let (id, name) = (
            o.id().to_ascii_lowercase(),
            o.display_name().to_ascii_lowercase(),
        );
        let cidr = cidr_of(&o).unwrap_or_default();
        let net = cidr
            .parse::<Ipv4Net>()
            .ok()
            .filter(|n| addr.is_some_and(|a| n.contains(&a)));
        let holds = net.is_some();
        // The smallest block holding the address is the best answer.
        let width = net.map_or(0, |n| 32 - n.prefix_len());
        let rank = if id == q || name == q {
            0
        } else if id.starts_with(&q) || name.starts_with(&q) || cidr.starts_with(&q) {
            1
        } else if id.contains(&q) || name.contains(&q) || cidr.contains(&q) || holds {
            2
        } else {
            return;
        };
        let detail = if cidr.is_empty() {
            o.id().to_string()
        } else {
            format!("{} · {cidr}", o.id())
        };
        hits.push((
            rank,
            width,
            Found {
                id: o.id().to_string(),
                title: format!("{} {}", o.kind().label(), o.display_name()),
                detail,
            },
        ));
    });
    hits.sort_by_key(|(rank, width, _)| (*rank, *width));
    hits.into_iter().take(limit).map(|(_, _, f)| f).collect()
}

fn cidr_of(o: &ObjectRef<'_>) -> Option<String> {
    match o {
        ObjectRef::Vpc { vpc, .. } => Some(vpc.cidr.clone()),
        ObjectRef::Subnet { subnet, .. } => Some(subnet.cidr.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    #[test]
    fn finds_by_name_id_cidr_and_address() {
        let d = template("active-passive")
            .and_then(|t| t.design().ok())
            .unwrap_or_else(|| panic!("template"));
        let cases: [(&str, &str); 5] = [
            ("use1-alb", "use1-alb"),
            ("USW2-DB-B", "usw2-db-b"),
            ("10.1.21", "usw2-db-b"),
            ("10.0.11.7", "use1-app-b"),
            ("usw2-main", "usw2-main"),
        ];
        for (query, first) in cases {
            let found = find(&d, query, 8);
            assert_eq!(
                found.first().map(|f| f.id.as_str()),
                Some(first),
                "{query}: {found:?}"
            );
        }
        assert!(find(&d, "nothing-like-this", 8).is_empty());
        assert!(find(&d, "  ", 8).is_empty());
        assert_eq!(find(&d, "use1", 3).len(), 3, "the list is bounded");
    }
}
