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
mod kinds;
pub mod limits;
mod order;
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
pub use kinds::{Engine, Replication};
pub use summary::{object_cost, object_cost_in, Line, Summary};
pub use tiers::{tiers, tiers_of, TierCost, Tiers};
pub use what::{Facts, Label, Note, What};

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
/// subject, then as made ([`order`]), and the figures summed from them.
fn summarize(mut items: Vec<Item<'_>>) -> Estimate<'_> {
    items.retain(|i| i.monthly > 0.0 || i.note.is_some());
    let (slot_of, codes) = region_slots(&items);
    let from = order::biggest_first(&mut items);
    // Each region's sum and the global stack's, in the items' order.
    let mut sums = vec![0.0; codes.len()];
    let mut global = 0.0;
    let mut assumed = Assumed::default();
    for (i, at) in items.iter().zip(&from) {
        match slot_of
            .get(*at as usize)
            .and_then(|s| sums.get_mut(*s as usize))
        {
            Some(v) => *v += i.monthly,
            None => global += i.monthly,
        }
        assumed = assumed.union(i.assumed);
    }
    let regions: BTreeMap<&str, f64> = codes
        .into_iter()
        .zip(sums)
        .map(|(r, v)| (r.as_str(), cents(v)))
        .collect();
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

/// Each item's region as an index into the distinct region codes (global
/// items: `u32::MAX`), and those codes. Items come region by region, so
/// one that holds the same `&String` as the item before takes its index,
/// and only a change of region looks the code up.
fn region_slots<'a>(items: &[Item<'a>]) -> (Vec<u32>, Vec<&'a String>) {
    let mut at: FxHashMap<&str, u32> = FxHashMap::default();
    let mut codes: Vec<&'a String> = Vec::new();
    let mut last: Option<(&String, u32)> = None;
    let slots = items
        .iter()
        .map(|i| {
            let Some(r) = i.region else { return u32::MAX };
            match last {
                Some((l, slot)) if std::ptr::eq(l, r) => slot,
                _ => {
                    let slot = *at.entry(r.as_str()).or_insert_with(|| {
                        codes.push(r);
                        codes.len() as u32 - 1
                    });
                    last = Some((r, slot));
                    slot
                }
            }
        })
        .collect();
    (slots, codes)
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
