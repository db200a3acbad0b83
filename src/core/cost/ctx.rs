//! What the estimators share while costing one design: its usage with
//! defaults, the price rows, and what is looked up many times (a node's
//! region, a type's quote, a region's flags), each found once.

use super::{cents, Assumed, Category, Item, Rates, What};
use crate::core::catalog::instance_prices::{quote, FamilyPrice, Quote};
use crate::core::catalog::prices::PRICE_REGION;
use crate::core::model::{Design, Usage, VpcNode};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, OnceCell, RefCell};

/// What the estimators share: the design, its usage with defaults, and
/// which fields were defaulted.
pub(crate) struct Ctx<'a> {
    pub design: &'a Design,
    pub eff: Usage,
    /// Every price row the estimators use, read once.
    pub rates: Rates,
    /// The primary region's code, if the design has exactly one.
    pub primary: Option<&'a String>,
    /// The region code of every node, by id, made when a replica first
    /// looks up its source (a design without replicas never needs it).
    node_region: OnceCell<FxHashMap<&'a str, &'a String>>,
    /// (global cluster name, region code) of every Aurora cluster in one.
    pub global_clusters: FxHashSet<(&'a str, &'a str)>,
    /// The quotes made so far, by price table and type: a design names a
    /// few types thousands of times, and a quote scans its table by name.
    quotes: RefCell<Vec<Kept<'a>>>,
    /// The last region an item was made in with its `dr` and
    /// `priced_elsewhere`: items come region by region, so most skip
    /// comparing the code with the primary's and the price region's.
    last_region: Cell<Option<RegionFlags<'a>>>,
}

type RegionFlags<'a> = (&'a String, bool, bool);

/// A quote kept: its table (where, and how long), the type, the quote.
type Kept<'a> = (*const FamilyPrice, usize, &'a str, Option<Quote>);

/// How many distinct (table, type) quotes [`Ctx::quote`] keeps.
const QUOTES_KEPT: usize = 32;

impl<'a> Ctx<'a> {
    pub fn new(design: &'a Design) -> Self {
        let mut global_clusters = FxHashSet::default();
        for r in &design.regions {
            for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
                if let VpcNode::Aurora(c) = n {
                    if let Some(g) = &c.global {
                        global_clusters.insert((g.as_str(), r.code.as_str()));
                    }
                }
            }
        }
        Ctx {
            design,
            // Figures over their ceilings count as the ceiling (DES-31 reports them).
            eff: super::limits::capped(design.usage.effective()),
            rates: Rates::read(),
            primary: design.primary().map(|r| &r.code),
            node_region: OnceCell::new(),
            global_clusters,
            quotes: RefCell::new(Vec::new()),
            last_region: Cell::new(None),
        }
    }

    /// The region code of the node with this id.
    pub fn node_region(&self, id: &str) -> Option<&'a String> {
        let design = self.design;
        let map = self.node_region.get_or_init(|| {
            let nodes = design
                .regions
                .iter()
                .map(|r| r.nodes.len() + r.vpcs.iter().map(|v| v.nodes.len()).sum::<usize>())
                .sum();
            let mut m = FxHashMap::default();
            m.reserve(nodes);
            for r in &design.regions {
                for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
                    m.insert(n.id(), &r.code);
                }
                for n in &r.nodes {
                    m.insert(n.id(), &r.code);
                }
            }
            m
        });
        map.get(id).copied()
    }

    /// [`quote`] of `name` from `table`, each (table, type) quoted once.
    pub fn quote(&self, table: &[FamilyPrice], name: &'a str) -> Option<Quote> {
        let key = (table.as_ptr(), table.len());
        let mut kept = self.quotes.borrow_mut();
        let found = kept
            .iter()
            .find(|(t, n, x, _)| (*t, *n) == key && *x == name)
            .map(|(_, _, _, q)| q.clone());
        if let Some(q) = found {
            return q;
        }
        let q = quote(table, name);
        if kept.len() < QUOTES_KEPT {
            kept.push((key.0, key.1, name, q.clone()));
        }
        q
    }

    /// A usage figure (with its default) and, when defaulted, its field name.
    pub fn usage(
        &self,
        name: &'static str,
        pick: fn(&Usage) -> Option<u64>,
    ) -> (f64, Option<&'static str>) {
        let v = pick(&self.eff).unwrap_or(0) as f64;
        (v, pick(&self.design.usage).is_none().then_some(name))
    }

    /// A new item billed in `region` (None: global); `dr` when the region is
    /// not the primary. `monthly` is rounded to the cent here, once.
    pub fn item(
        &self,
        region: Option<&'a String>,
        subject: &'a str,
        category: Category,
        what: What<'a>,
        monthly: f64,
    ) -> Item<'a> {
        let (dr, priced_elsewhere) = match region {
            None => (false, false),
            Some(r) => match self.last_region.get() {
                Some((at, dr, elsewhere)) if std::ptr::eq(at, r) => (dr, elsewhere),
                _ => {
                    let dr = Some(r) != self.primary;
                    let elsewhere = r.as_str() != PRICE_REGION;
                    self.last_region.set(Some((r, dr, elsewhere)));
                    (dr, elsewhere)
                }
            },
        };
        Item {
            subject,
            what,
            monthly: cents(monthly),
            region,
            category,
            dr,
            assumed: Assumed::default(),
            estimate: false,
            priced_elsewhere,
            note: None,
        }
    }
}
