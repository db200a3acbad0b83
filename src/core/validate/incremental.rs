//! Validation that re-runs only what an edit can change, with exactly the
//! findings of a full [`super::validate`].
//!
//! Rules whose findings about a region depend only on that region
//! ([`registry::region_local`]) run per region, on a context holding that
//! region alone, and a region's findings are kept until the region, the
//! design's settings, or a name its messages use changes. Every other rule
//! runs on the whole design every time. `tests/validate_props.rs` checks
//! that after random edit sequences the result equals a full run.

use super::{registry, sort, Ctx, Diagnostic, Report};
use crate::core::model::{Design, Region};
use rustc_hash::FxHashMap;

/// What one region's region-local rules found, and what that depended on.
struct Cached {
    /// The region as it was.
    region: Region,
    /// Every object named in the findings, with the name given.
    names: Vec<(String, String)>,
    /// The findings (unsorted).
    findings: Vec<Diagnostic>,
}

/// A validation cache the app keeps between edits.
#[derive(Default)]
pub struct Incremental {
    /// The settings the cached findings were made with.
    settings: Option<Design>,
    /// Per region id.
    regions: FxHashMap<String, Cached>,
    /// How many regions the last call reused.
    reused: usize,
}

/// The design without its regions and global objects: what region-local
/// rules may read besides their region. Spelled out field by field so a
/// new field of `Design` must be placed here (it fails to compile).
fn settings_of(d: &Design) -> Design {
    Design {
        format: d.format.clone(),
        version: d.version,
        name: d.name.clone(),
        environment: d.environment.clone(),
        tags: d.tags.clone(),
        state: d.state.clone(),
        regions: Vec::new(),
        peerings: Vec::new(),
        dns: None,
        accelerators: Vec::new(),
        objectives: d.objectives.clone(),
        usage: d.usage.clone(),
        canvas: Default::default(),
    }
}

/// True when every object of `region`, and every subnet and target its
/// workloads refer to, is (for the whole design's index) in `region` or,
/// for a reference, nowhere: then a context of the region alone looks up
/// what a context of the whole design does.
///
/// With `unique` ids (no id names two objects, as in every design that came
/// through `load`), each id finds
/// its own object, so only the references are looked up, and a subnet or
/// target in the workload's own VPC (nearly all of them) is found in the
/// VPC's lists without the index: on the stress design that is 10,000
/// lookups of an edit's 24,000 left.
fn self_contained(whole: &Ctx<'_>, region: &Region, unique: bool) -> bool {
    let here = |id: &str| {
        whole
            .index
            .get(id)
            .and_then(|o| o.region())
            .is_some_and(|r| std::ptr::eq(r, region))
    };
    let nowhere_or_here = |id: &str| whole.index.get(id).is_none() || here(id);
    if unique {
        return region.vpcs.iter().all(|v| {
            v.nodes.iter().all(|n| {
                n.subnets()
                    .iter()
                    .all(|s| v.subnets.iter().any(|x| x.id == *s) || nowhere_or_here(s))
                    && n.target()
                        .is_none_or(|t| v.nodes.iter().any(|x| x.id() == t) || nowhere_or_here(t))
            })
        });
    }
    here(&region.id)
        && region.nodes.iter().all(|n| here(n.id()))
        && region.vpcs.iter().all(|v| {
            here(&v.id)
                && v.subnets.iter().all(|s| here(&s.id))
                && v.nodes.iter().all(|n| {
                    here(n.id())
                        && n.subnets().iter().all(|s| nowhere_or_here(s))
                        && n.target().is_none_or(nowhere_or_here)
                })
        })
}

/// Runs the region-local rules on `region` alone.
fn check_region(settings: &Design, region: &Region, whole: &Ctx<'_>) -> Cached {
    let mut part = settings.clone();
    part.regions.push(region.clone());
    let ctx = Ctx::within(&part, whole);
    let mut findings = Vec::new();
    for rule in registry::rules().filter(|r| registry::region_local(r.doc.id)) {
        (rule.check)(&ctx, &mut Report::new(rule, &mut findings));
    }
    let names = ctx.names_given();
    let region = part.regions.pop().unwrap_or_else(|| region.clone());
    Cached {
        region,
        names,
        findings,
    }
}

impl Incremental {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Exactly [`super::validate`]`(design)`, reusing the findings of the
    /// regions unchanged since the last call.
    pub fn validate(&mut self, design: &Design) -> Vec<Diagnostic> {
        let whole = Ctx::new(design);
        let mut out = Vec::new();
        let settings = settings_of(design);
        if self.settings.as_ref() != Some(&settings) {
            self.regions.clear();
        }
        self.reused = 0;
        let unique = whole.ids_unique();
        if design
            .regions
            .iter()
            .all(|r| self_contained(&whole, r, unique))
        {
            let mut next = FxHashMap::default();
            for region in &design.regions {
                let kept = self.regions.remove(&region.id).filter(|c| {
                    c.region == *region
                        && c.names.iter().all(|(id, name)| whole.name_of(id) == *name)
                });
                if kept.is_some() {
                    self.reused += 1;
                }
                let c = kept.unwrap_or_else(|| check_region(&settings, region, &whole));
                out.extend(c.findings.iter().cloned());
                next.insert(region.id.clone(), c);
            }
            self.regions = next;
        } else {
            // A region refers into another (or ids repeat): run the
            // region-local rules on the whole design and keep nothing.
            self.regions.clear();
            for rule in registry::rules().filter(|r| registry::region_local(r.doc.id)) {
                (rule.check)(&whole, &mut Report::new(rule, &mut out));
            }
        }
        self.settings = Some(settings);
        for rule in registry::rules().filter(|r| !registry::region_local(r.doc.id)) {
            (rule.check)(&whole, &mut Report::new(rule, &mut out));
        }
        sort(&mut out);
        out
    }

    /// How many regions the last [`Incremental::validate`] reused.
    pub fn reused(&self) -> usize {
        self.reused
    }
}
