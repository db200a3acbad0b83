//! Small facts several rule families need.

use crate::core::catalog::s3_names;
use crate::core::model::{Index, Region, Vpc};
use crate::core::text::short;
use ipnet::Ipv4Net;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::collections::BTreeSet;

/// The keys among `items` met more than once, each with the ids that met
/// it in the order they came (groups in the order their second id came).
/// One map entry per key and a list only for a repeat: a list per key cost
/// an allocation for each of the stress design's 5,000 names on every edit
/// (NAME-01, IAM-01, AGD-05 run on the whole design each time).
pub fn repeated<'a, K: std::hash::Hash + Eq + Clone>(
    items: Vec<(K, &'a str)>,
) -> Vec<(K, Vec<&'a str>)> {
    let mut first: FxHashMap<K, (&'a str, usize)> =
        FxHashMap::with_capacity_and_hasher(items.len(), Default::default());
    let mut groups: Vec<(K, Vec<&'a str>)> = Vec::new();
    for (key, id) in items {
        match first.entry(key) {
            Entry::Vacant(v) => {
                v.insert((id, usize::MAX));
            }
            Entry::Occupied(mut o) => {
                let (one, at) = *o.get();
                let at = if at == usize::MAX {
                    groups.push((o.key().clone(), vec![one]));
                    o.get_mut().1 = groups.len() - 1;
                    groups.len() - 1
                } else {
                    at
                };
                groups[at].1.push(id);
            }
        }
    }
    groups
}

/// The distinct AZ ids of the subnets among `ids`.
pub fn azs<'a>(index: &Index<'a>, ids: &[String]) -> BTreeSet<&'a str> {
    ids.iter()
        .filter_map(|id| index.subnet(id))
        .map(|(_, _, s)| s.az.as_str())
        .collect()
}

/// Usable addresses in a subnet: AWS reserves the first four and the last.
pub fn usable_ips(net: Ipv4Net) -> u64 {
    (1u64 << (32 - net.prefix_len())).saturating_sub(5)
}

/// True when the two blocks share any address.
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// `Region us-east-1` style wording for messages.
pub fn where_(region: &Region, vpc: &Vpc) -> String {
    format!("VPC {} ({})", short(&vpc.name), short(&region.code))
}

/// Why `name` is not a valid S3 bucket name, or `None` (catalog S3-01; the
/// reserved prefixes and suffixes are data in [`s3_names`]).
pub fn bucket_name_problem(name: &str) -> Option<String> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-';
    if name.len() < 3 || name.len() > 63 {
        Some("must be 3 to 63 characters long".into())
    } else if !name.chars().all(ok_char) {
        Some("may only hold lowercase letters, digits, '.' and '-'".into())
    } else if !name.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !name.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        Some("must start and end with a letter or digit".into())
    } else if name.contains("..") || name.contains(".-") || name.contains("-.") {
        Some("must not hold '..', '.-' or '-.'".into())
    } else if name.parse::<std::net::Ipv4Addr>().is_ok() {
        Some("must not look like an IP address".into())
    } else if let Some(p) = s3_names::RESERVED_PREFIXES
        .iter()
        .find(|p| name.starts_with(*p))
    {
        Some(format!("must not start with '{p}', which S3 reserves"))
    } else {
        s3_names::RESERVED_SUFFIXES
            .iter()
            .find(|x| name.ends_with(*x))
            .map(|x| format!("must not end with '{x}', which S3 reserves"))
    }
}

/// Orders instance sizes (`large` < `xlarge` < `2xlarge` ...) for comparisons.
pub fn size_rank(class: &str) -> Option<u32> {
    let size = class.rsplit('.').next()?;
    let fixed = ["nano", "micro", "small", "medium", "large"];
    if let Some(i) = fixed.iter().position(|s| *s == size) {
        return Some(i as u32);
    }
    if size == "xlarge" {
        return Some(10);
    }
    if size == "metal" {
        return Some(10_000);
    }
    let n: u32 = size.strip_suffix("xlarge")?.parse().ok()?;
    Some(10 + n)
}

/// The instance family (`db.r6g` of `db.r6g.large`).
pub fn family(class: &str) -> &str {
    class.rsplit_once('.').map(|(f, _)| f).unwrap_or(class)
}

#[cfg(test)]
mod repeated_tests {
    use super::repeated;

    /// Only repeated keys, with every id in the order met, as a list per
    /// key gives them.
    #[test]
    fn repeated_keys_keep_their_ids_in_order() {
        let items = vec![
            ("a", "1"),
            ("b", "2"),
            ("a", "3"),
            ("c", "4"),
            ("b", "5"),
            ("a", "6"),
        ];
        let mut got = repeated(items.clone());
        got.sort();
        let mut by_list: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for (k, id) in items {
            by_list.entry(k).or_default().push(id);
        }
        let want: Vec<_> = by_list
            .into_iter()
            .filter(|(_, ids)| ids.len() > 1)
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            want,
            vec![("a", vec!["1", "3", "6"]), ("b", vec!["2", "5"])]
        );
        assert!(repeated(Vec::<(&str, &str)>::new()).is_empty());
    }
}
