//! What a design costs a month, offline: per object, per region, for the
//! global stack and in total, from the price table
//! ([`crate::core::catalog::prices`]) and the design's usage assumptions
//! ([`crate::core::model::Usage`], defaults applied and reported per item).
//!
//! Also the single-region baseline (the items that would exist if the design
//! had no DR: the primary region, less its replication, plus the global
//! items a single region needs) and the multiplier (total / baseline).
//! How each figure is derived: `docs/cost.md`.

mod assumed;
mod ctx;
mod global;
mod rates;
mod regional;
pub mod report;
mod stores;
mod summary;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_templates;
mod tiers;
mod what;

pub use assumed::Assumed;
pub use summary::{object_cost, object_cost_in, Line, Summary};
pub use tiers::{tiers, tiers_of, TierCost, Tiers};
pub use what::{Engine, Facts, Label, Note, Replication, What};

use crate::core::catalog::prices::{self, AS_OF, PRICE_REGION};
use crate::core::model::Design;
use ctx::Ctx;
use rates::Rates;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// The currency of every figure.
pub const CURRENCY: &str = "USD";

/// What kind of spending an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Compute,
    Database,
    Storage,
    Network,
    Transfer,
    Dns,
    Security,
    Monitoring,
}

/// One line of the estimate. Its ids and labels are borrowed from the
/// design; its texts are written when shown (`what` and `note` are
/// `Display`, and serialize as the text). Kept small (88 bytes, was 160):
/// the stress design makes 9,423 of them, and building, moving and ordering
/// them was most of its estimate (issue 15).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item<'a> {
    /// The design object's id (a node, VPC, accelerator, record target), or
    /// a region code / `state` for what belongs to no one object.
    pub subject: &'a str,
    /// What is billed, with the arithmetic.
    pub what: What<'a>,
    /// USD a month, rounded to the cent.
    pub monthly: f64,
    /// The region code the item is billed in; None for the global stack.
    /// (`&String`: a thin pointer to the design's code.)
    pub region: Option<&'a String>,
    /// What kind of spending it is.
    pub category: Category,
    /// Whether the item exists only because of DR (left out of the baseline).
    pub dr: bool,
    /// The usage fields this item took their default for.
    pub assumed: Assumed,
    /// A price used is an estimate (see the price table), or a type was
    /// priced from another family.
    pub estimate: bool,
    /// Whether the item was priced at [`PRICE_REGION`]'s prices, not its
    /// own region's; serialized as `priced_as`, that region's code or null.
    #[serde(rename = "priced_as", serialize_with = "priced_as")]
    pub priced_elsewhere: bool,
    /// Anything else the reader should know (an unknown type's pricing);
    /// boxed, since few items have one.
    pub note: Option<Box<Note>>,
}

impl Item<'_> {
    /// The region whose prices were used, when not the item's own region.
    pub fn priced_as(&self) -> Option<&'static str> {
        self.priced_elsewhere.then_some(PRICE_REGION)
    }
}

fn priced_as<Z: serde::Serializer>(elsewhere: &bool, s: Z) -> Result<Z::Ok, Z::Error> {
    elsewhere.then_some(PRICE_REGION).serialize(s)
}

/// The whole estimate, borrowing the design's ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate<'a> {
    /// Always [`CURRENCY`].
    pub currency: &'static str,
    /// The date of the price table.
    pub prices_as_of: &'static str,
    /// The sum of every item.
    pub monthly_total: f64,
    /// The sum of each region's items, by region code.
    pub regions: BTreeMap<&'a str, f64>,
    /// The sum of the global stack's items.
    pub global: f64,
    /// The items that would exist with no DR.
    pub single_region_baseline: f64,
    /// `monthly_total / single_region_baseline` (1 when the baseline is 0).
    pub multiplier: f64,
    /// Every item, biggest first.
    pub items: Vec<Item<'a>>,
    /// The usage fields that took their default somewhere.
    pub assumed: Vec<&'static str>,
    /// Every region is priced at this region's prices.
    pub priced_region: &'static str,
}

impl Estimate<'_> {
    /// The monthly cost of one design object (the sum of its items).
    pub fn of_object(&self, id: &str) -> f64 {
        cents(
            self.items
                .iter()
                .filter(|i| i.subject == id)
                .map(|i| i.monthly)
                .sum(),
        )
    }
}

/// Rounds to the cent.
pub fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Estimates the design's monthly cost.
pub fn estimate(design: &Design) -> Estimate<'_> {
    let cx = Ctx::new(design);
    let mut items = Vec::with_capacity(regional::capacity(design));
    regional::items(&cx, &mut items);
    global::items(&cx, &mut items);
    summarize(items)
}

/// The items that cost something or carry a note, biggest first, then by
/// subject, then as made (a stable sort). Sorts one 128-bit integer an
/// item, then moves the items into that order in place: sorting the items
/// themselves was three quarters of the stress design's estimate, and a
/// comparator of (figure, subject, position) most of what remained. The
/// key is the figure (as `f64::total_cmp` orders it, reversed), the
/// subject's rank among the subjects in string order, and the position.
fn biggest_first(mut items: Vec<Item<'_>>) -> Vec<Item<'_>> {
    items.retain(|i| i.monthly > 0.0 || i.note.is_some());
    let rank = subject_ranks(&items);
    let mut keys: Vec<u128> = items
        .iter()
        .zip(&rank)
        .enumerate()
        .map(|(at, (i, r))| {
            let desc = !((total_key(i.monthly) as u64) ^ (1 << 63));
            (u128::from(desc) << 64) | (u128::from(*r) << 32) | at as u128
        })
        .collect();
    keys.sort_unstable();
    let to: Vec<usize> = keys.into_iter().map(|k| (k as u32) as usize).collect();
    permute(&mut items, &to);
    items
}

/// Each item's subject's rank in string order (equal subjects, equal
/// ranks). Items of one object come together, so consecutive items with
/// the very same `&str` count as one, and only those runs are sorted, by
/// their first 16 bytes as a number first, the whole string on a tie.
fn subject_ranks(items: &[Item<'_>]) -> Vec<u32> {
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
    let mut by_name: Vec<(u128, u32)> = runs
        .iter()
        .enumerate()
        .map(|(at, s)| (prefix(s), at as u32))
        .collect();
    let name = |at: u32| runs.get(at as usize).copied().unwrap_or("");
    by_name.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| name(a.1).cmp(name(b.1))));
    let mut rank_of_run = vec![0u32; runs.len()];
    let mut rank = 0u32;
    for (k, &(_, at)) in by_name.iter().enumerate() {
        if k > 0 && name(at) != by_name.get(k - 1).map_or("", |p| name(p.1)) {
            rank += 1;
        }
        if let Some(r) = rank_of_run.get_mut(at as usize) {
            *r = rank;
        }
    }
    run_of
        .into_iter()
        .map(|r| rank_of_run.get(r as usize).copied().unwrap_or(0))
        .collect()
}

/// `x` as an integer that orders as [`f64::total_cmp`] orders `x` (the
/// standard library's own transform).
fn total_key(x: f64) -> i64 {
    let mut b = x.to_bits() as i64;
    b ^= (((b >> 63) as u64) >> 1) as i64;
    b
}

/// Moves `items[from[k]]` to `k` for every `k`, in place, one swap per
/// item (`from` is a permutation of the indices; anything else leaves the
/// items in some order, never panics).
fn permute<T>(items: &mut [T], from: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !done.get(at).copied().unwrap_or(true) {
            if let Some(d) = done.get_mut(at) {
                *d = true;
            }
            let Some(&next) = from.get(at) else { break };
            if next == start || next >= items.len() {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
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

fn summarize(items: Vec<Item<'_>>) -> Estimate<'_> {
    let items = biggest_first(items);
    // Each region's sum, in the items' order (a hash a item, where a
    // BTreeMap compared the code with several others).
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    let mut sums: Vec<(&str, f64)> = Vec::new();
    let mut global = 0.0;
    let mut assumed = Assumed::default();
    for i in &items {
        match i.region {
            Some(r) => {
                let k = *at.entry(r).or_insert_with(|| {
                    sums.push((r, 0.0));
                    sums.len() - 1
                });
                if let Some((_, v)) = sums.get_mut(k) {
                    *v += i.monthly;
                }
            }
            None => global += i.monthly,
        }
        assumed = assumed.union(i.assumed);
    }
    let regions: BTreeMap<&str, f64> = sums.into_iter().map(|(r, v)| (r, cents(v))).collect();
    let total = cents(items.iter().map(|i| i.monthly).sum());
    let baseline = cents(items.iter().filter(|i| !i.dr).map(|i| i.monthly).sum());
    let multiplier = if baseline > 0.0 {
        (total / baseline * 100.0).round() / 100.0
    } else {
        1.0
    };
    let mut assumed: Vec<&'static str> = assumed.iter().collect();
    assumed.sort_unstable();
    Estimate {
        currency: CURRENCY,
        prices_as_of: AS_OF,
        monthly_total: total,
        regions,
        global: cents(global),
        single_region_baseline: baseline,
        multiplier,
        items,
        assumed,
        priced_region: PRICE_REGION,
    }
}

/// USD of a price row (see [`prices::usd`]).
pub(crate) fn p(id: &str) -> f64 {
    prices::usd(id)
}

/// Whether the price row is an estimate.
pub(crate) fn is_est(id: &str) -> bool {
    prices::price(id).is_some_and(|r| r.estimate)
}

/// Formats USD for the `what` texts.
pub(crate) fn usd(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0');
    let s = s.strip_suffix('.').unwrap_or(s);
    let s = if s.contains('.') && s.split('.').nth(1).is_some_and(|d| d.len() == 1) {
        format!("{s}0")
    } else {
        s.to_string()
    };
    format!("${s}")
}
