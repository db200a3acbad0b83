//! Incremental link routing (`core::layout::Routes`) is an optimisation,
//! never a change of what is drawn: after any sequence of edits, reusing
//! the previous routing gives exactly what routing from scratch gives.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::sync::Arc;
use topoform::core::edit::{self, PaletteItem};
use topoform::core::layout::{layout, link_geometry, links, Link, LinkKind, Routes, Routing};
use topoform::core::model::{self, Design, Rect};
use topoform::core::templates::TEMPLATES;

/// One edit of the kinds the editor makes, aimed by numbers at whatever
/// objects the design has at that point.
#[derive(Debug, Clone)]
enum Edit {
    /// Drag object `n` by `(dx, dy)` (a saved position).
    Move(usize, f64, f64),
    /// Drop palette item `k` into object `n`.
    Add(usize, usize),
    /// Delete object `n` (and what depends on it).
    Delete(usize),
    /// Link object `a` to object `b`.
    Connect(usize, usize),
    /// Change object `n`'s CIDR to another VPC's (a rule breaks, nothing moves).
    Cidr(usize, usize),
    /// Reverse the VPCs of region `n` (shapes change order).
    Reorder(usize),
    /// Forget every saved position (everything goes back to auto layout).
    ClearPositions,
}

fn an_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0usize..400, -300.0f64..300.0, -300.0f64..300.0).prop_map(|(n, x, y)| Edit::Move(n, x, y)),
        3 => (0usize..400, 0..PaletteItem::ALL.len()).prop_map(|(n, k)| Edit::Add(n, k)),
        2 => (0usize..400).prop_map(Edit::Delete),
        2 => (0usize..400, 0usize..400).prop_map(|(a, b)| Edit::Connect(a, b)),
        2 => (0usize..400, 0usize..400).prop_map(|(a, b)| Edit::Cidr(a, b)),
        1 => (0usize..40).prop_map(Edit::Reorder),
        1 => Just(Edit::ClearPositions),
    ]
}

fn ids(d: &Design) -> Vec<String> {
    let mut v = Vec::new();
    model::for_each_object(d, |o| v.push(o.id().to_string()));
    v
}

/// The design after `e`; unchanged when the edit does not apply.
fn apply(d: &Design, e: &Edit) -> Design {
    let all = ids(d);
    let pick = |n: usize| all.get(n % all.len().max(1)).map(String::as_str);
    match *e {
        Edit::Move(n, dx, dy) => {
            let l = layout(d);
            let Some((id, r)) = pick(n).and_then(|id| l.get(id).map(|s| (id, s.rect))) else {
                return d.clone();
            };
            let mut next = d.clone();
            next.canvas.insert(
                id.to_string(),
                Rect {
                    x: r.x + dx,
                    y: r.y + dy,
                    ..r
                },
            );
            next
        }
        Edit::Add(n, k) => edit::add(d, PaletteItem::ALL[k], pick(n))
            .map(|(d, _)| d)
            .unwrap_or_else(|_| d.clone()),
        Edit::Delete(n) => pick(n).map_or_else(|| d.clone(), |id| edit::delete(d, &[id])),
        Edit::Connect(a, b) => match (pick(a), pick(b)) {
            (Some(a), Some(b)) => edit::connect(d, a, b).unwrap_or_else(|_| d.clone()),
            _ => d.clone(),
        },
        Edit::Cidr(a, b) => {
            let mut next = d.clone();
            let vpcs: Vec<(usize, usize)> = next
                .regions
                .iter()
                .enumerate()
                .flat_map(|(r, reg)| (0..reg.vpcs.len()).map(move |v| (r, v)))
                .collect();
            if let (Some(&(ra, va)), Some(&(rb, vb))) = (
                vpcs.get(a % vpcs.len().max(1)),
                vpcs.get(b % vpcs.len().max(1)),
            ) {
                next.regions[ra].vpcs[va].cidr = d.regions[rb].vpcs[vb].cidr.clone();
            }
            next
        }
        Edit::Reorder(n) => {
            let mut next = d.clone();
            let count = next.regions.len().max(1);
            if let Some(r) = next.regions.get_mut(n % count) {
                r.vpcs.reverse();
            }
            next
        }
        Edit::ClearPositions => {
            let mut next = d.clone();
            next.canvas.clear();
            next
        }
    }
}

/// The design's links as the canvas keeps them, each shared.
fn shared(d: &Design) -> Vec<Arc<Link>> {
    links(d).into_iter().map(Arc::new).collect()
}

/// Routes every step of `edits` incrementally and from scratch, and
/// compares them; returns how many links were reused in all.
fn check(start: Design, edits: &[Edit]) -> Result<usize, TestCaseError> {
    let mut d = start;
    let l = Arc::new(layout(&d));
    let mut routes = Routes::route(None, &l, &shared(&d));
    let full = link_geometry(&l, &shared(&d));
    prop_assert_eq!(routes.geoms(), full.as_slice());
    let mut reused = 0;
    for e in edits {
        d = apply(&d, e);
        let (l, ls) = (Arc::new(layout(&d)), shared(&d));
        let next = Routes::route(Some(&routes), &l, &ls);
        let full = link_geometry(&l, &ls);
        prop_assert_eq!(next.geoms(), full.as_slice(), "after {:?}", e);
        let searched = full
            .iter()
            .filter(|g| g.link.kind != LinkKind::SubnetUse)
            .count();
        reused += searched - next.rerouted();
        routes = next;
    }
    Ok(reused)
}

/// Routes every step of `edits` the way the canvas does when the search
/// waits for the frame: `n` links searched, the provisional routing drawn,
/// then either the rest searched or the next edit starting from the
/// provisional routing. Every routing, however cut, finishes equal to a
/// full one, and a provisional one places the same links in the same order.
fn check_in_steps(start: Design, edits: &[(Edit, usize, bool)]) -> Result<(), TestCaseError> {
    let mut d = start;
    let mut prev = Routes::route(None, &Arc::new(layout(&d)), &shared(&d));
    for (e, n, finish) in edits {
        d = apply(&d, e);
        let (l, ls) = (Arc::new(layout(&d)), shared(&d));
        let full = link_geometry(&l, &ls);
        let mut run = Routing::start(Some(&prev), &l, &ls);
        let before = run.pending();
        let mut left = *n;
        let done = run.step(|| {
            let go = left > 0;
            left = left.saturating_sub(1);
            go
        });
        prop_assert_eq!(done, run.pending() == 0);
        prop_assert_eq!(run.pending(), before.saturating_sub(*n), "after {:?}", e);
        let now = run.routes();
        prop_assert_eq!(now.pending(), run.pending());
        prop_assert_eq!(now.geoms().len(), full.len());
        for (g, f) in now.geoms().iter().zip(&full) {
            prop_assert_eq!(&g.link, &f.link);
        }
        if run.pending() == 0 {
            prop_assert_eq!(now.geoms(), full.as_slice());
        }
        let finished = run.finish();
        prop_assert_eq!(
            finished.geoms(),
            full.as_slice(),
            "after {:?} cut at {}",
            e,
            n
        );
        prop_assert_eq!(finished.pending(), 0);
        prev = if *finish { finished } else { now };
    }
    let (l, ls) = (Arc::new(layout(&d)), shared(&d));
    let last = Routes::route(Some(&prev), &l, &ls);
    let full = link_geometry(&l, &ls);
    prop_assert_eq!(last.geoms(), full.as_slice());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, .. ProptestConfig::default() })]

    #[test]
    fn incremental_routing_equals_a_full_routing(t in 0..TEMPLATES.len(), edits in prop::collection::vec(an_edit(), 1..8)) {
        let d = TEMPLATES[t].design().map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(d, &edits)?;
    }

    #[test]
    fn routing_searched_a_few_links_at_a_time_equals_a_full_routing(
        t in 0..TEMPLATES.len(),
        edits in prop::collection::vec((an_edit(), 0usize..12, any::<bool>()), 1..8),
    ) {
        let d = TEMPLATES[t].design().map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_in_steps(d, &edits)?;
    }
}

/// The point of it: an edit that moves nothing reroutes nothing, and a
/// move reroutes only the links near it (checked on a template with
/// links between regions, so a failure here is a lost optimisation).
#[test]
fn edits_reuse_the_routes_they_cannot_change() {
    let d = topoform::core::templates::template("active-active")
        .and_then(|t| t.design().ok())
        .expect("template");
    let l = Arc::new(layout(&d));
    let ls = shared(&d);
    let first = Routes::route(None, &l, &ls);
    // Every link is searched for the first time, but subnet-use arcs, whose
    // geometry is fixed, are not searched at all.
    let searched = |r: &Routes| {
        r.geoms()
            .iter()
            .filter(|g| g.link.kind != LinkKind::SubnetUse)
            .count()
    };
    assert!(searched(&first) > 0, "the template has links to route");
    assert_eq!(first.rerouted(), searched(&first));

    let mut cidr = d.clone();
    cidr.regions[0].vpcs[0].cidr = d.regions[1].vpcs[0].cidr.clone();
    let again = Routes::route(Some(&first), &Arc::new(layout(&cidr)), &shared(&cidr));
    assert_eq!(again.rerouted(), 0, "a CIDR change moves no shape");
    assert_eq!(again.geoms(), first.geoms());

    // Nudge one workload inside its lane: only links reaching it reroute.
    let node = d.regions[0].vpcs[0].nodes[0].id().to_string();
    let moved = apply(
        &d,
        &Edit::Move(
            ids(&d).iter().position(|i| *i == node).unwrap_or(0),
            0.0,
            4.0,
        ),
    );
    let (ml, mls) = (Arc::new(layout(&moved)), shared(&moved));
    let after = Routes::route(Some(&first), &ml, &mls);
    assert_eq!(after.geoms(), link_geometry(&ml, &mls).as_slice());
    assert!(
        after.rerouted() < searched(&after),
        "moving one workload rerouted all {} links",
        after.rerouted()
    );
}
