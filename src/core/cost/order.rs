//! The estimate's order: biggest first, then by subject (in string order),
//! then as made. Computed by least-significant-digit radix passes over
//! small integer keys, 11 bits a pass, skipping every digit all the keys
//! share: the stress design's 9,423 items take three passes, where a
//! comparison sort of 128-bit keys was a quarter of its estimate (issue 15).
//!
//! The passes are written here, not taken from a crate (`radsort` has a
//! `sort_by_key`): what matters is the keys, built for this order (the
//! figure in cents above the subject's rank in one `u64`, a
//! comparison-order fallback for figures that are not whole cents), and the
//! passes over them are a few dozen lines, not worth a dependency.

use super::Item;

/// Puts the items in order (moving each once) and returns, for each
/// position, the position the item was made at.
pub(super) fn biggest_first(items: &mut [Item<'_>]) -> Vec<u32> {
    let (rank, ranks) = subject_ranks(items);
    let (monthly, bits) = monthly_keys(items);
    // The figure (descending) is the more significant part of the key, the
    // subject's rank the less: one key when both fit in 64 bits, else a
    // stable sort by rank, then by figure.
    let rank_bits = u64::BITS - ranks.leading_zeros();
    let mut from: Vec<u32> = (0..items.len() as u32).collect();
    if bits + rank_bits <= u64::BITS {
        let keys: Vec<u64> = monthly
            .iter()
            .zip(&rank)
            .map(|(m, r)| m.checked_shl(rank_bits).unwrap_or(0) | r)
            .collect();
        radix(&mut from, &keys);
    } else {
        radix(&mut from, &rank);
        radix(&mut from, &monthly);
    }
    permute(items, &from);
    from
}

/// Each item's figure as a key that orders as the figures do, descending,
/// and how many bits the keys take: the cents below the largest figure when
/// every figure is a non-negative number of cents that converts back
/// exactly (a few bits, so a few passes), else the figure's bits as
/// [`f64::total_cmp`] orders them, reversed.
fn monthly_keys(items: &[Item<'_>]) -> (Vec<u64>, u32) {
    let cents = |m: f64| {
        let c = (m * 100.0).round();
        let exact = m.is_sign_positive() && c < 9.0e15 && c / 100.0 == m;
        exact.then_some(c as u64)
    };
    let exact: Option<Vec<u64>> = items.iter().map(|i| cents(i.monthly)).collect();
    match exact {
        Some(keys) => {
            let top = keys.iter().copied().max().unwrap_or(0);
            let desc = keys.into_iter().map(|k| top - k).collect();
            (desc, u64::BITS - top.leading_zeros())
        }
        None => {
            let keys = items
                .iter()
                .map(|i| !((total_key(i.monthly) as u64) ^ (1 << 63)))
                .collect();
            (keys, u64::BITS)
        }
    }
}

/// `x` as an integer that orders as [`f64::total_cmp`] orders `x` (the
/// standard library's own transform).
fn total_key(x: f64) -> i64 {
    let mut b = x.to_bits() as i64;
    b ^= (((b >> 63) as u64) >> 1) as i64;
    b
}

/// Bits of a radix digit: 2,048 counters a pass.
const DIGIT: u32 = 11;

/// Stable-sorts `order` (indices into `keys`) by their keys: the keys are
/// gathered once, then sorted with their indices [`DIGIT`] bits a pass,
/// from the least significant; a digit every key has the same takes no
/// pass. A few keys (a template's) are sorted by insertion instead: a pass
/// costs its counters whatever the number of keys.
fn radix(order: &mut Vec<u32>, keys: &[u64]) {
    let mut pairs: Vec<(u64, u32)> = order
        .iter()
        .map(|&i| (keys.get(i as usize).copied().unwrap_or(0), i))
        .collect();
    if pairs.len() <= SMALL {
        for at in 1..pairs.len() {
            let mut k = at;
            while k > 0 && pairs.get(k - 1).map(|p| p.0) > pairs.get(k).map(|p| p.0) {
                pairs.swap(k - 1, k);
                k -= 1;
            }
        }
    } else {
        let (or, and) = pairs
            .iter()
            .fold((0u64, u64::MAX), |(o, a), p| (o | p.0, a & p.0));
        let mask = (1u64 << DIGIT) - 1;
        let mut next = vec![(0u64, 0u32); pairs.len()];
        let mut at = vec![0usize; 1 << DIGIT];
        for shift in (0..u64::BITS).step_by(DIGIT as usize) {
            if ((or ^ and) >> shift) & mask == 0 {
                continue;
            }
            let digit = |k: u64| ((k >> shift) & mask) as usize;
            at.fill(0);
            for p in &pairs {
                if let Some(n) = at.get_mut(digit(p.0)) {
                    *n += 1;
                }
            }
            let mut start = 0;
            for n in at.iter_mut() {
                let count = *n;
                *n = start;
                start += count;
            }
            for p in &pairs {
                if let Some(n) = at.get_mut(digit(p.0)) {
                    if let Some(slot) = next.get_mut(*n) {
                        *slot = *p;
                    }
                    *n += 1;
                }
            }
            std::mem::swap(&mut pairs, &mut next);
        }
    }
    order.clear();
    order.extend(pairs.iter().map(|p| p.1));
}

/// Up to how many keys [`radix`] sorts by insertion.
const SMALL: usize = 48;

/// Each item's subject's rank in string order (equal subjects, equal
/// ranks), and the largest rank. Items of one object come together, so
/// consecutive items with the very same `&str` count as one, and only those
/// runs are ordered: by their first 8 bytes as a number (radix passes),
/// then, within the few runs whose first 8 bytes tie, by the next 8 and
/// the whole string.
fn subject_ranks(items: &[Item<'_>]) -> (Vec<u64>, u64) {
    let mut run_of = Vec::with_capacity(items.len());
    let mut runs: Vec<&str> = Vec::new();
    for i in items {
        let same = runs.last().is_some_and(|s| {
            std::ptr::eq(s.as_ptr(), i.subject.as_ptr()) && s.len() == i.subject.len()
        });
        if !same {
            runs.push(i.subject);
        }
        run_of.push(runs.len() as u32 - 1);
    }
    let prefixes: Vec<u128> = runs.iter().map(|s| prefix(s)).collect();
    let high: Vec<u64> = prefixes.iter().map(|p| (*p >> 64) as u64).collect();
    let mut by_name: Vec<u32> = (0..runs.len() as u32).collect();
    radix(&mut by_name, &high);
    let name = |at: u32| runs.get(at as usize).copied().unwrap_or("");
    let pre = |at: u32| prefixes.get(at as usize).copied().unwrap_or(0);
    let mut start = 0;
    while start < by_name.len() {
        let h = by_name.get(start).map_or(0, |&a| pre(a) >> 64);
        let end = start
            + by_name.get(start..).map_or(0, |rest| {
                rest.iter().take_while(|&&a| pre(a) >> 64 == h).count()
            });
        if let Some(tie) = by_name.get_mut(start..end) {
            if tie.len() > 1 {
                tie.sort_by(|a, b| pre(*a).cmp(&pre(*b)).then_with(|| name(*a).cmp(name(*b))));
            }
        }
        start = end.max(start + 1);
    }
    let mut rank_of_run = vec![0u64; runs.len()];
    let mut rank = 0u64;
    let mut last: Option<u32> = None;
    for &at in &by_name {
        if let Some(prev) = last {
            if pre(prev) != pre(at) || name(prev) != name(at) {
                rank += 1;
            }
        }
        last = Some(at);
        if let Some(r) = rank_of_run.get_mut(at as usize) {
            *r = rank;
        }
    }
    let ranks = run_of
        .into_iter()
        .map(|r| rank_of_run.get(r as usize).copied().unwrap_or(0))
        .collect();
    (ranks, rank)
}

/// The first 16 bytes of `s`, big-endian, zero-padded: if two prefixes
/// differ they order as the strings do (a string that ends first pads with
/// zero, below any byte the other has there but a NUL, which ties).
fn prefix(s: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// Moves `items[from[k]]` to `k` for every `k`, in place, one swap per
/// item (`from` is a permutation of the indices; anything else leaves the
/// items in some order, never panics).
fn permute<T>(items: &mut [T], from: &[u32]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !done.get(at).copied().unwrap_or(true) {
            if let Some(d) = done.get_mut(at) {
                *d = true;
            }
            let Some(&next) = from.get(at) else { break };
            let next = next as usize;
            if next == start || next >= items.len() {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{biggest_first, permute, prefix, radix, total_key};
    use crate::core::cost::{Assumed, Category, Facts, Item};

    #[test]
    fn radix_passes_sort_stably_and_skip_shared_bytes() {
        // Past SMALL keys (radix passes) and under it (insertion).
        for n in [super::SMALL * 3, 7] {
            let keys: Vec<u64> = (0..n as u64)
                .map(|k| match k % 7 {
                    0 => 0x0300,
                    1 => 0x0100,
                    2 => u64::MAX,
                    3 => 0x0001,
                    4 => k << 40,
                    5 => 0,
                    _ => 0x0100,
                })
                .collect();
            let mut order: Vec<u32> = (0..n as u32).rev().collect();
            radix(&mut order, &keys);
            let mut want: Vec<u32> = (0..n as u32).rev().collect();
            want.sort_by_key(|&i| keys[i as usize]);
            assert_eq!(order, want, "{n} keys");
        }
        let mut same: Vec<u32> = vec![2, 0, 1];
        radix(&mut same, &[7u64, 7, 7]);
        assert_eq!(same, [2, 0, 1], "equal keys keep their order");
    }

    fn item(subject: &str, monthly: f64) -> Item<'_> {
        Item {
            subject,
            what: Facts::Key,
            monthly,
            region: None,
            category: Category::Security,
            dr: false,
            assumed: Assumed::default(),
            estimate: false,
            priced_elsewhere: false,
            note: None,
        }
    }

    /// The order a comparison sort gives: figure (as `total_cmp`, largest
    /// first), subject, position.
    fn reference(items: &[Item<'_>]) -> Vec<(String, u64)> {
        let mut at: Vec<usize> = (0..items.len()).collect();
        at.sort_by(|&a, &b| {
            let (x, y) = (&items[a], &items[b]);
            y.monthly
                .total_cmp(&x.monthly)
                .then(x.subject.cmp(y.subject))
                .then(a.cmp(&b))
        });
        at.iter()
            .map(|&k| (items[k].subject.to_string(), items[k].monthly.to_bits()))
            .collect()
    }

    #[test]
    fn the_order_is_a_comparison_sorts() {
        let long = ["r1-v0-alb0-long-suffix-y", "r1-v0-alb0-long-suffix-x"];
        let ids = ["b", "a\u{0}", "a", long[0], "r10", long[1], "a", "", "b"];
        let cents = [3.65, 0.0, 12.41, 3.65, 1e9, 0.01, 3.65, 12.41, 0.0];
        // Whole cents (the cent-count keys), and figures that are not
        // (the total_cmp keys): a fraction of a cent, -0.0, a negative.
        let odd = [
            1.005,
            -0.0,
            0.0,
            -3.0,
            1.005,
            f64::INFINITY,
            7.0,
            1.005,
            0.0,
        ];
        // Once (sorted by insertion) and eight times over, each time with
        // the figures shifted (radix passes).
        for (figures, times) in [(cents, 1), (odd, 1), (cents, 8), (odd, 8)] {
            let mut items: Vec<Item> = (0..times)
                .flat_map(|t| {
                    let f = figures.iter().cycle().skip(t);
                    ids.iter().zip(f).map(|(s, m)| item(s, *m))
                })
                .collect();
            // The same subject in two runs, apart.
            items.push(item(ids[0], figures[0]));
            let want = reference(&items);
            let before: Vec<u64> = items.iter().map(|i| i.monthly.to_bits()).collect();
            let from = biggest_first(&mut items);
            let got: Vec<(String, u64)> = items
                .iter()
                .map(|i| (i.subject.to_string(), i.monthly.to_bits()))
                .collect();
            assert_eq!(got, want);
            for (i, f) in items.iter().zip(&from) {
                assert_eq!(i.monthly.to_bits(), before[*f as usize]);
            }
        }
    }

    #[test]
    fn subject_prefixes_order_as_the_subjects() {
        let ids = [
            "",
            "a",
            "a\u{0}",
            "ab",
            "abc",
            "r1-v0-alb0",
            "r1-v0-alb0-long-suffix-x",
            "r1-v0-alb0-long-suffix-y",
            "r10-v0-alb0",
            "r2-v0",
            "z",
            "\u{e9}t\u{e9}",
        ];
        for a in ids {
            for b in ids {
                let (pa, pb) = (prefix(a), prefix(b));
                if pa != pb {
                    assert_eq!(pa.cmp(&pb), a.cmp(b), "{a:?} vs {b:?}");
                }
            }
        }
    }

    #[test]
    fn figures_key_as_total_cmp_orders_them() {
        let xs = [
            0.0,
            -0.0,
            0.01,
            1.0,
            1.005,
            352.5,
            1e12,
            -3.0,
            f64::INFINITY,
        ];
        for a in xs {
            for b in xs {
                let (ka, kb) = (total_key(a), total_key(b));
                assert_eq!(ka.cmp(&kb), a.total_cmp(&b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn items_are_permuted_in_place_as_the_order_says() {
        // A scrambled order of 0..50 with cycles of several lengths and fixed
        // points: position k must receive what was at from[k].
        let from: Vec<u32> = (0..50).map(|k| (k * 7 + 3) % 50).collect();
        let mut v: Vec<usize> = (100..150).collect();
        permute(&mut v, &from);
        let want: Vec<usize> = from.iter().map(|f| 100 + *f as usize).collect();
        assert_eq!(v, want);
        let mut w = vec!['a', 'b', 'c', 'd'];
        permute(&mut w, &[0, 3, 1, 2]);
        assert_eq!(w, ['a', 'd', 'b', 'c']);
    }
}
