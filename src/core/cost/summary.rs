//! What the app's cost views show, owned: the estimate borrows the design,
//! so a memo (which outlives any borrow) keeps this instead, with the texts
//! of only the items it shows, and every object's cost as facts (the
//! inspector's), so one estimate serves every view.

use super::{cents, estimate, tiers_of, Design, Estimate, Facts, Item, Tiers};
use rustc_hash::FxHashMap;

/// One item as a view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The design object's id (see [`Item::subject`]).
    pub subject: String,
    /// Its region code; None for the global stack.
    pub region: Option<String>,
    /// What is billed, with the arithmetic.
    pub what: String,
    /// USD a month.
    pub monthly: f64,
    /// Whether a price used is an estimate.
    pub estimate: bool,
}

impl Line {
    fn of(i: &Item) -> Line {
        Line {
            subject: i.subject.to_string(),
            region: i.region.cloned(),
            what: i.what.to_string(),
            monthly: i.monthly,
            estimate: i.estimate,
        }
    }
}

/// The cost panel's figures and the DR tiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// See [`Estimate::monthly_total`].
    pub monthly_total: f64,
    /// See [`Estimate::single_region_baseline`].
    pub single_region_baseline: f64,
    /// See [`Estimate::multiplier`].
    pub multiplier: f64,
    /// Each region's sum, by region code.
    pub regions: Vec<(String, f64)>,
    /// See [`Estimate::global`].
    pub global: f64,
    /// The biggest items, biggest first.
    pub biggest: Vec<Line>,
    /// See [`Estimate::assumed`].
    pub assumed: Vec<&'static str>,
    /// See [`Estimate::prices_as_of`].
    pub prices_as_of: &'static str,
    /// See [`Estimate::priced_region`].
    pub priced_region: &'static str,
    /// What each DR tier would cost.
    pub tiers: Tiers,
    /// Every object's cost, for the inspector ([`Summary::object`]).
    objects: Objects,
}

/// Every item's subject, cost and facts, owned: the design's texts they
/// name (ids, types, region codes) are kept once each and the facts refer
/// to them by index, so no item's text is written until it is shown.
#[derive(Debug, Clone, Default, PartialEq)]
struct Objects {
    /// Each distinct text, once (`String`s, so the facts show through the
    /// estimate's own `Facts<&String>` code).
    texts: Vec<String>,
    /// Each item, as the estimate lists them: its subject (in `texts`),
    /// USD a month, what it bills.
    items: Vec<(u32, f64, Facts<u32>)>,
}

impl Objects {
    fn of<'a>(e: &Estimate<'a>) -> Objects {
        let mut at: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut texts = Vec::new();
        let mut intern = |s: &'a str| -> u32 {
            *at.entry(s).or_insert_with(|| {
                texts.push(s.to_string());
                (texts.len() - 1) as u32
            })
        };
        let items = e
            .items
            .iter()
            .map(|i| {
                let subject = intern(i.subject);
                (subject, i.monthly, i.what.map(|s| intern(s)))
            })
            .collect();
        Objects { texts, items }
    }

    fn object(&self, id: &str) -> Option<(f64, String)> {
        static NONE: String = String::new();
        let at = self.texts.iter().position(|t| t == id)? as u32;
        let text = |i: u32| self.texts.get(i as usize).unwrap_or(&NONE);
        let mine = self.items.iter().filter(|(s, _, _)| *s == at);
        let lines: Vec<String> = mine
            .clone()
            .map(|(_, _, w)| w.map(text).to_string())
            .collect();
        if lines.is_empty() {
            return None;
        }
        Some((cents(mine.map(|(_, m, _)| m).sum()), lines.join("\n")))
    }
}

impl Summary {
    /// The summary of `design`, listing its `biggest` largest items.
    pub fn of(design: &Design, biggest: usize) -> Summary {
        let e = estimate(design);
        let tiers = tiers_of(design, &e);
        Summary::from_estimate(&e, tiers, biggest)
    }

    fn from_estimate(e: &Estimate, tiers: Tiers, biggest: usize) -> Summary {
        Summary {
            monthly_total: e.monthly_total,
            single_region_baseline: e.single_region_baseline,
            multiplier: e.multiplier,
            regions: e.regions.iter().map(|(c, v)| (c.to_string(), *v)).collect(),
            global: e.global,
            biggest: e.items.iter().take(biggest).map(Line::of).collect(),
            assumed: e.assumed.clone(),
            prices_as_of: e.prices_as_of,
            priced_region: e.priced_region,
            tiers,
            objects: Objects::of(e),
        }
    }

    /// One object's monthly cost and its items' texts, as [`object_cost`]
    /// gives them, from this summary's estimate.
    pub fn object(&self, id: &str) -> Option<(f64, String)> {
        self.objects.object(id)
    }
}

/// One object's monthly cost (as [`Estimate::of_object`]) and its items'
/// texts, one a line; None when the design has no item for `id`.
pub fn object_cost(design: &Design, id: &str) -> Option<(f64, String)> {
    object_cost_in(&estimate(design), id)
}

/// As [`object_cost`], from an estimate already made.
pub fn object_cost_in(e: &Estimate, id: &str) -> Option<(f64, String)> {
    let mine: Vec<&Item> = e.items.iter().filter(|i| i.subject == id).collect();
    if mine.is_empty() {
        return None;
    }
    let total = cents(mine.iter().map(|i| i.monthly).sum());
    let what: Vec<String> = mine.iter().map(|i| i.what.to_string()).collect();
    Some((total, what.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::{object_cost, object_cost_in, Summary};
    use crate::core::cost::{estimate, tiers_of};
    use crate::core::stress::stress_design;
    use crate::core::templates::{template, TEMPLATES};

    #[test]
    fn the_summary_and_object_costs_match_the_estimate() {
        let d = template("active-passive")
            .and_then(|t| t.design().ok())
            .expect("template");
        let e = estimate(&d);
        let s = Summary::of(&d, 5);
        assert_eq!(s.monthly_total, e.monthly_total);
        assert_eq!(s.tiers, tiers_of(&d, &e));
        assert_eq!(s.regions.len(), e.regions.len());
        assert_eq!(s.biggest.len(), 5);
        assert_eq!(s.biggest[0].subject, e.items[0].subject);
        assert_eq!(s.biggest[0].what, e.items[0].what.to_string());
        let id = e.items[0].subject;
        let (v, what) = object_cost(&d, id).expect("the biggest item's object");
        assert_eq!(v, e.of_object(id));
        assert!(what.contains(&e.items[0].what.to_string()), "{what}");
        assert_eq!(object_cost(&d, "no-such-object"), None);
        assert_eq!(s.object("no-such-object"), None);
    }

    #[test]
    fn the_summary_costs_every_object_as_the_estimate_does() {
        // The inspector reads the app's one summary instead of estimating
        // again: every subject's figure and texts must be object_cost's.
        let mut designs: Vec<_> = TEMPLATES.iter().filter_map(|t| t.design().ok()).collect();
        designs.push(stress_design());
        for d in &designs {
            let e = estimate(d);
            let s = Summary::of(d, 5);
            let mut subjects: Vec<&str> = e.items.iter().map(|i| i.subject).collect();
            subjects.sort_unstable();
            subjects.dedup();
            // The stress design's thousands of objects: a spread of them.
            let step = (subjects.len() / 60).max(1);
            for id in subjects.iter().step_by(step) {
                let want = object_cost_in(&e, id);
                assert!(want.is_some(), "{id}");
                assert_eq!(s.object(id), want, "{id}");
            }
            // Texts of the design that are no subject (a region's type) cost nothing.
            assert_eq!(s.object("t3.medium"), object_cost_in(&e, "t3.medium"));
        }
    }
}
