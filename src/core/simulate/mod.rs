//! What happens when a region or an availability zone is lost: the timeline
//! to recovery, the data lost per store, what does not come back, whether
//! the survivors have the capacity, and the resulting RTO and RPO against
//! the design's objectives.
//!
//! Pure and deterministic: a design and a failure in, a [`Scenario`] out.
//! Every number is a fact of [`crate::core::catalog::dr_timings`] (named in
//! each step) or a figure of the design itself (a health check's interval
//! and threshold), so a person can follow the arithmetic.

mod az;
mod capacity;
mod component;
pub mod located;
mod places;
mod region;
pub mod report;
pub mod reroute;
mod strategy;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_outside;
mod traffic;

pub use strategy::{strategy, Strategy};

use crate::core::catalog::dr_timings::{fact, Basis};
use crate::core::model::{Design, Index, Objective};
use std::borrow::Cow;

/// What is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A whole region, by code (`us-east-1`).
    Region(String),
    /// One availability zone, by id (`use1-az1`).
    Az(String),
    /// One object, by id (`use1-db`): asked for explicitly, never part of
    /// [`every_failure`].
    Component(String),
}

impl Failure {
    /// The region code or AZ id.
    pub fn what(&self) -> &str {
        match self {
            Failure::Region(c) | Failure::Az(c) | Failure::Component(c) => c,
        }
    }

    /// `region`, `az` or `component`, as the command line's JSON says.
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::Region(_) => "region",
            Failure::Az(_) => "az",
            Failure::Component(_) => "component",
        }
    }
}

/// Which part of the recovery a step belongs to: the three run side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Track {
    /// Traffic leaves the failed place (detection, DNS caching).
    Traffic,
    /// A store of record is promoted or restored.
    Data,
    /// Survivors grow to carry the load.
    Capacity,
}

impl Track {
    /// A lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Traffic => "traffic",
            Track::Data => "data",
            Track::Capacity => "capacity",
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What happens, for people.
    pub what: String,
    /// How long it takes.
    pub seconds: u32,
    /// The timing fact it rests on (`dr_timings` id), or `design` when the
    /// number is the design's own (a health check's interval × threshold).
    pub fact: &'static str,
    /// Where the number comes from, for people.
    /// (Borrowed: a scenario of a large design has hundreds of steps.)
    pub source: Cow<'static, str>,
    /// Whether a person must do it (a runbook step).
    pub manual: bool,
    /// Which track it is on.
    pub track: Track,
    /// When it ends, counted from the failure.
    pub ends_at: u32,
}

/// What a store of record loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreLoss {
    /// The store's id.
    pub id: String,
    /// Its kind (`aurora`, `rds`, `dynamodb`, `s3`, `elasticache`).
    pub kind: &'static str,
    /// Seconds of writes lost, typically; `None` when every copy is lost.
    pub rpo_seconds: Option<u32>,
    /// Whether the loss has a bound (S3 without Replication Time Control has none).
    pub bounded: bool,
    /// Why, for people.
    pub note: String,
}

/// Whether the survivors can carry the load, per kind of compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacity {
    /// `instances` (groups) or `tasks` (services).
    pub unit: &'static str,
    /// What must run after the failure: the survivors' own load plus the failed place's.
    /// (Sums of the design's sizes: u64, so they never saturate at u32::MAX.)
    pub needed: u64,
    /// What runs on the survivors when the failure happens.
    pub running: u64,
    /// The most the survivors may grow to.
    pub max: u64,
}

impl Capacity {
    /// Whether the survivors' maximum covers the load.
    pub fn enough(&self) -> bool {
        self.max >= self.needed
    }
}

/// The outcome of one failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// What failed.
    pub failure: Failure,
    /// Seconds until the service runs again; `None` when it cannot recover.
    pub rto_seconds: Option<u32>,
    /// Seconds of writes lost at most; `None` when data is lost entirely.
    pub rpo_seconds: Option<u32>,
    /// Against the design's objectives for this kind of failure; `None`
    /// when none is set.
    pub objectives_met: Option<bool>,
    /// The timeline, by end time.
    pub steps: Vec<Step>,
    /// Objects that do not come back (their only copy was in the failed place).
    pub unrecoverable: Vec<String>,
    /// What each affected store of record loses.
    pub stores: Vec<StoreLoss>,
    /// Whether the survivors can carry the load.
    pub capacity: Vec<Capacity>,
    /// Things worth knowing that are not steps.
    pub notes: Vec<String>,
}

impl Scenario {
    /// A scenario of `failure` before anything is worked out.
    fn nothing_yet(failure: Failure) -> Scenario {
        Scenario {
            failure,
            rto_seconds: None,
            rpo_seconds: None,
            objectives_met: None,
            steps: vec![],
            unrecoverable: vec![],
            stores: vec![],
            capacity: vec![],
            notes: vec![],
        }
    }

    /// The RTO as people read it: `10 min`, or `does not recover`.
    pub fn rto_text(&self) -> String {
        self.rto_seconds
            .map(report::duration)
            .unwrap_or_else(|| "does not recover".into())
    }

    /// The RPO as people read it: `1 s`, or `data lost`.
    pub fn rpo_text(&self) -> String {
        self.rpo_seconds
            .map(report::duration)
            .unwrap_or_else(|| "data lost".into())
    }
}

/// Every single-region and single-AZ failure of the design: its regions,
/// then the AZs its subnets use, in design order.
pub fn every_failure(design: &Design) -> Vec<Failure> {
    let mut out: Vec<Failure> = design
        .regions
        .iter()
        .map(|r| Failure::Region(r.code.clone()))
        .collect();
    for r in &design.regions {
        let mut azs: Vec<&str> = r
            .vpcs
            .iter()
            .flat_map(|v| &v.subnets)
            .map(|s| s.az.as_str())
            .collect();
        azs.sort_unstable();
        azs.dedup();
        out.extend(azs.into_iter().map(|a| Failure::Az(a.to_string())));
    }
    out
}

/// Reads `--fail WHAT`: a region code of the design, an AZ id its subnets
/// use, or the id of one of its objects (a component failure).
pub fn parse_failure(design: &Design, what: &str) -> Result<Failure, String> {
    if design.regions.iter().any(|r| r.code == what) {
        return Ok(Failure::Region(what.to_string()));
    }
    if design
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .flat_map(|v| &v.subnets)
        .any(|s| s.az == what)
    {
        return Ok(Failure::Az(what.to_string()));
    }
    if component::exists(design, what) {
        return Ok(Failure::Component(what.to_string()));
    }
    let regions: Vec<&str> = design.regions.iter().map(|r| r.code.as_str()).collect();
    Err(format!(
        "`{}` is neither a region of the design ({}), an AZ id its subnets use, nor the id of one of its objects",
        crate::core::text::short(what),
        if regions.is_empty() {
            "none".to_string()
        } else {
            regions.join(", ")
        }
    ))
}

/// Simulates `failure` on `design`.
pub fn simulate(design: &Design, failure: &Failure) -> Scenario {
    let places = places::Places::of(design);
    let serving = capacity::Serving::of(design, |id| places.region(id).map(|r| r.code.as_str()));
    let layout = az::Layout::of(design);
    simulate_with(design, &places, &serving, &layout, failure)
}

/// [`simulate`] with the lookups and load model built once for many scenarios.
fn simulate_with(
    design: &Design,
    places: &places::Places<'_>,
    serving: &capacity::Serving<'_>,
    layout: &az::Layout<'_>,
    failure: &Failure,
) -> Scenario {
    let mut s = match failure {
        Failure::Region(code) => region::simulate(design, places, serving, code),
        Failure::Az(az) => az::simulate(design, places, serving, layout, az),
        Failure::Component(id) => component::simulate(design, places, id),
    };
    // Messages quote user text (names): keep each one short, as every
    // report of Topoform does.
    use crate::core::text::bound;
    // (Only long ones: a large design has hundreds of short messages.)
    let keep_short = |t: &mut String| {
        if t.len() > 200 {
            *t = bound(std::mem::take(t));
        }
    };
    s.steps.iter_mut().for_each(|x| keep_short(&mut x.what));
    s.notes.iter_mut().for_each(keep_short);
    s.stores.iter_mut().for_each(|st| keep_short(&mut st.note));
    sort_steps(&mut s.steps);
    s.unrecoverable.sort();
    s.unrecoverable.dedup();
    let objective = match failure {
        Failure::Region(_) => design.objectives.region.as_ref(),
        Failure::Az(_) => design.objectives.az.as_ref(),
        // The objectives name regions and AZs only.
        Failure::Component(_) => None,
    };
    s.objectives_met = objective.and_then(|o| met(o, s.rto_seconds, s.rpo_seconds));
    s
}

/// Whether the groups and services outside region `code` can carry its
/// load, per unit (for rules, which have their own index).
pub fn capacity_after_losing(design: &Design, idx: &Index<'_>, code: &str) -> Vec<Capacity> {
    let serving = capacity::Serving::of(design, |id| {
        idx.get(id)
            .and_then(|o| o.region())
            .map(|r| r.code.as_str())
    });
    capacity::after_region_loss(design, &serving, code)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

/// Every scenario of [`every_failure`].
pub fn simulate_all(design: &Design) -> Vec<Scenario> {
    let places = places::Places::of(design);
    let serving = capacity::Serving::of(design, |id| places.region(id).map(|r| r.code.as_str()));
    let layout = az::Layout::of(design);
    every_failure(design)
        .iter()
        .map(|f| simulate_with(design, &places, &serving, &layout, f))
        .collect()
}

/// Orders the timeline by end time, then track, keeping the order of equal
/// steps: sorts small keys and moves each step once, rather than moving
/// the steps (a large design's AZ scenario has hundreds) through a sort.
fn sort_steps(steps: &mut Vec<Step>) {
    let key = |x: &Step| (x.ends_at, x.track as u8);
    if steps.is_sorted_by_key(key) {
        return;
    }
    let mut order: Vec<(u32, u8, usize)> = steps
        .iter()
        .enumerate()
        .map(|(i, x)| (x.ends_at, x.track as u8, i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Step>> = std::mem::take(steps).into_iter().map(Some).collect();
    steps.extend(order.into_iter().filter_map(|(_, _, i)| slots[i].take()));
}

fn met(o: &Objective, rto: Option<u32>, rpo: Option<u32>) -> Option<bool> {
    if o.rto_seconds.is_none() && o.rpo_seconds.is_none() {
        return None;
    }
    let ok = |goal: Option<u32>, got: Option<u32>| goal.is_none_or(|g| got.is_some_and(|x| x <= g));
    Some(ok(o.rto_seconds, rto) && ok(o.rpo_seconds, rpo))
}

/// The regions the failover records send traffic to when the primary
/// region is lost (the regions of their secondary load balancers), in
/// record order: where the runbook promotes the primary's databases first,
/// so that the applications taking the traffic find a writer beside them.
/// Both `promote-dr.sh` (the export's failover plan) and the simulation
/// rank the candidate copies by [`promotion_rank`], then take the design's
/// region order.
pub fn failover_takers(design: &Design) -> Vec<String> {
    let idx = Index::new(design);
    let mut out: Vec<String> = Vec::new();
    for r in design.dns.iter().flat_map(|d| &d.records) {
        if r.policy != crate::core::model::RoutingPolicy::Failover {
            continue;
        }
        for t in &r.targets {
            if t.role != Some(crate::core::model::FailoverRole::Secondary) {
                continue;
            }
            if let Some(code) = idx.get(&t.target).and_then(|o| o.region()).map(|r| &r.code) {
                if !out.contains(code) {
                    out.push(code.clone());
                }
            }
        }
    }
    out
}

/// A copy's rank as a database to promote: 0 in a region of `takers`
/// ([`failover_takers`]), 1 elsewhere. One ranking for the runbook and the
/// simulation, so the timeline names the region the runbook promotes in.
pub fn promotion_rank(takers: &[String], code: &str) -> u8 {
    u8::from(!takers.iter().any(|c| c == code))
}

/// Whether a target of a weighted record takes traffic while every target
/// is healthy: one of weight 0 does not, unless every target of the record
/// has weight 0, when Route 53 answers with each of them with equal
/// probability (Route 53 Developer Guide, "Weighted routing": "If you set
/// Weight to 0 for all of the records in the group, traffic is routed to all
/// resources with equal probability").
pub(crate) fn weighted_serves(
    record: &crate::core::model::Record,
    target: &crate::core::model::Target,
) -> bool {
    target.weight != Some(0) || record.targets.iter().all(|t| t.weight == Some(0))
}

/// A step from a timing fact, starting at `start`.
pub(crate) fn fact_step(
    id: &'static str,
    what: String,
    track: Track,
    manual: bool,
    start: u32,
) -> Step {
    let (seconds, source) = match fact(id) {
        Some(f) => (f.seconds, Cow::Borrowed(f.source)),
        None => (0, Cow::Borrowed("missing fact")),
    };
    Step {
        what,
        seconds,
        fact: id,
        source,
        manual,
        track,
        ends_at: start.saturating_add(seconds),
    }
}

/// A step whose number is the design's own.
pub(crate) fn design_step(
    what: String,
    seconds: u32,
    source: &'static str,
    track: Track,
    start: u32,
) -> Step {
    Step {
        what,
        seconds,
        fact: "design",
        source: Cow::Borrowed(source),
        manual: false,
        track,
        ends_at: start.saturating_add(seconds),
    }
}

/// The seconds of a fact (0 when missing, which a test rules out).
pub(crate) fn secs(id: &str) -> u32 {
    fact(id).map(|f| f.seconds).unwrap_or(0)
}

/// Whether the fact is only an estimate or an assumption.
pub fn is_estimate(id: &str) -> bool {
    fact(id).is_some_and(|f| f.basis != Basis::Documented)
}
