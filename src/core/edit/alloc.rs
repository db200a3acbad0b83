//! Free address space: the next /16 for a new VPC, the next block for a subnet.
//!
//! Written by hand because no crate answers "first aligned block of this size
//! that overlaps none of these" for IPv4; `ipnet` supplies the arithmetic.

use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// The private ranges new VPCs are carved from, in order of preference.
const POOLS: &[(Ipv4Addr, u8)] = &[
    (Ipv4Addr::new(10, 0, 0, 0), 8),
    (Ipv4Addr::new(172, 16, 0, 0), 12),
    (Ipv4Addr::new(192, 168, 0, 0), 16),
];

fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The first block of `prefix` bits inside `within` that overlaps none of `taken`.
pub fn first_free(within: Ipv4Net, prefix: u8, taken: &[Ipv4Net]) -> Option<Ipv4Net> {
    let within = within.trunc();
    if prefix < within.prefix_len() || prefix > 32 {
        return None;
    }
    let mut sorted: Vec<Ipv4Net> = taken
        .iter()
        .map(|n| n.trunc())
        .filter(|n| overlaps(n, &within))
        .collect();
    sorted.sort_by_key(|n| u32::from(n.network()));
    let size = 1u64 << (32 - prefix);
    let end = u64::from(u32::from(within.broadcast())) + 1;
    let mut start = u64::from(u32::from(within.network()));
    while start + size <= end {
        let cand = Ipv4Net::new(Ipv4Addr::from(start as u32), prefix).ok()?;
        match sorted.iter().find(|t| overlaps(t, &cand)) {
            None => return Some(cand),
            Some(t) => {
                // Jump past the blocking block, then align up to `size`.
                let past = u64::from(u32::from(t.broadcast())) + 1;
                start = past.div_ceil(size) * size;
            }
        }
    }
    None
}

/// The next free /16 (or smaller, when the private ranges are full) for a new VPC.
pub fn next_vpc_cidr(taken: &[Ipv4Net]) -> Option<Ipv4Net> {
    for prefix in [16u8, 20, 24] {
        for &(addr, len) in POOLS {
            let pool = Ipv4Net::new(addr, len).ok()?;
            if let Some(n) = first_free(pool, prefix.max(len), taken) {
                return Some(n);
            }
        }
    }
    None
}

/// The first free block of `prefix` bits in the private ranges (a copied
/// VPC keeps its size).
pub fn free_block(prefix: u8, taken: &[Ipv4Net]) -> Option<Ipv4Net> {
    POOLS
        .iter()
        .filter_map(|&(addr, len)| Ipv4Net::new(addr, len).ok())
        .find_map(|pool| first_free(pool, prefix.max(pool.prefix_len()), taken))
}

/// `cidr` moved from inside `from` to the same offset inside `to` (a
/// subnet following its copied VPC); as it was when it does not lie inside
/// `from` or does not fit at the new place.
pub fn shift(cidr: &str, from: Ipv4Net, to: Ipv4Net) -> String {
    match cidr.trim().parse::<Ipv4Net>().map(|n| n.trunc()) {
        Ok(s) if from.contains(&s.network()) && s.prefix_len() >= from.prefix_len() => {
            let off = u32::from(s.network()) - u32::from(from.network());
            u32::from(to.network())
                .checked_add(off)
                .and_then(|a| Ipv4Net::new(Ipv4Addr::from(a), s.prefix_len()).ok())
                .map(|n| n.to_string())
                .unwrap_or_else(|| cidr.to_string())
        }
        _ => cidr.to_string(),
    }
}

/// The next free subnet block in `vpc`: a /24 where the VPC is a /16 to /22,
/// otherwise four blocks per VPC, never smaller than /28.
pub fn next_subnet_cidr(vpc: Ipv4Net, taken: &[Ipv4Net]) -> Option<Ipv4Net> {
    let preferred = if vpc.prefix_len() <= 22 {
        24
    } else {
        (vpc.prefix_len() + 2).min(28)
    };
    (preferred..=28).find_map(|p| first_free(vpc, p, taken))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn vpcs_take_the_next_free_slash_16() {
        assert_eq!(next_vpc_cidr(&[]), Some(n("10.0.0.0/16")));
        assert_eq!(
            next_vpc_cidr(&[n("10.0.0.0/16"), n("10.1.0.0/16")]),
            Some(n("10.2.0.0/16"))
        );
        // A /12 that covers 10.0-10.15 pushes the next one to 10.16.
        assert_eq!(next_vpc_cidr(&[n("10.0.0.0/12")]), Some(n("10.16.0.0/16")));
        // A small VPC in the middle still blocks its /16.
        assert_eq!(next_vpc_cidr(&[n("10.0.5.0/24")]), Some(n("10.1.0.0/16")));
    }

    #[test]
    fn subnets_fill_the_vpc_in_order_around_existing_ones() {
        let vpc = n("10.0.0.0/16");
        assert_eq!(next_subnet_cidr(vpc, &[]), Some(n("10.0.0.0/24")));
        assert_eq!(
            next_subnet_cidr(vpc, &[n("10.0.0.0/24"), n("10.0.2.0/24")]),
            Some(n("10.0.1.0/24"))
        );
        assert_eq!(
            next_subnet_cidr(vpc, &[n("10.0.0.0/23")]),
            Some(n("10.0.2.0/24"))
        );
        assert_eq!(
            next_subnet_cidr(n("10.0.0.0/26"), &[]),
            Some(n("10.0.0.0/28"))
        );
    }

    #[test]
    fn a_full_vpc_has_no_room() {
        assert_eq!(
            next_subnet_cidr(n("10.0.0.0/28"), &[n("10.0.0.0/28")]),
            None
        );
        assert_eq!(first_free(n("10.0.0.0/24"), 23, &[]), None);
    }
}
