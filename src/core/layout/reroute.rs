//! Incremental link routing: after an edit, only the links whose routing
//! could come out differently are routed again; the others keep their
//! curves. The result is always equal to [`link_geometry`](super::link_geometry) of the new
//! layout (`tests/routing_props.rs` checks it after random edit sequences).
//!
//! What a link's route depends on ([`route_one`], `bend` in `route.rs`):
//! its two end shapes and their containers (the facing points, and which
//! shapes the curve may cross for free), and which other shapes contain
//! the points sampled along the candidate curves, all of which lie inside
//! the link's [`reach`]. So a link is reused when its ends and their
//! containers are unchanged (same ids, kinds, rectangles, parents) and no
//! shape that appeared, disappeared or changed lies, before or after the
//! edit, within its reach. Crossing costs are summed in the shapes' paint
//! order, so an edit that reorders unchanged shapes routes everything again
//! (floating-point sums depend on their order).

use super::placed::{reach, route_one, straight, subnet_arc};
use super::route::{with_ancestors, Grid};
use super::{Layout, Link, LinkGeom, LinkKind, Point, Rect, Shape};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A hash of a link's identity (its kind and its two ends), so looking a
/// link up allocates nothing; a reused entry's link is compared in full, so
/// a collision only costs a routing.
type Key = u64;

fn key(l: &Link) -> Key {
    let mut h = rustc_hash::FxHasher::default();
    (l.kind, &l.from, &l.to).hash(&mut h);
    h.finish()
}

/// True when `g` places the link `l` is (same kind and ends).
fn same_link(g: &LinkGeom, l: &Link) -> bool {
    g.link.kind == l.kind && g.link.from == l.from && g.link.to == l.to
}

/// One routed link and what its route depends on.
#[derive(Debug, Clone)]
struct Entry {
    /// Position in [`Routes::geoms`].
    at: usize,
    /// Its ends and their containers, as indices into the layout routed.
    ends: Vec<usize>,
    /// Where the routing may look (`None`: nowhere, a fixed arc).
    reach: Option<Rect>,
}

/// A routing kept for the next: the layout it was made on, every placed
/// link, and what each depends on.
///
/// Its parts are shared, not copied, with the routing it came from and the
/// links drawn meanwhile ([`Routing::routes`]): an edit that leaves links to
/// search after its frame copies none of the stress design's 14,000 links
/// or 7,000 shapes in that frame; the first search after it copies what it
/// changes.
#[derive(Debug, Clone, Default)]
pub struct Routes {
    layout: Arc<Layout>,
    geoms: Arc<[LinkGeom]>,
    entries: Arc<HashMap<Key, Entry>>,
    rerouted: usize,
    pending: usize,
}

impl Routes {
    /// The placed links, as [`link_geometry`](super::link_geometry) returns them.
    pub fn geoms(&self) -> &[LinkGeom] {
        &self.geoms
    }

    /// The placed links, shared: the canvas keeps them without a copy.
    pub fn shared(&self) -> Arc<[LinkGeom]> {
        Arc::clone(&self.geoms)
    }

    /// How many links this routing searched a route for afresh (the rest
    /// were reused). Subnet-use arcs are not counted: their geometry is fixed
    /// by their two ends, and making one anew is cheaper than deciding
    /// whether it could be reused, so they are always made anew.
    pub fn rerouted(&self) -> usize {
        self.rerouted
    }

    /// How many links are placed provisionally (see [`Routing::routes`]):
    /// zero for a finished routing.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Routes `links` on `layout`, reusing from `prev` every route the
    /// changes since cannot have altered. Equal to
    /// [`link_geometry`](super::link_geometry).
    pub fn route(prev: Option<&Routes>, layout: &Arc<Layout>, links: &[Arc<Link>]) -> Routes {
        Routing::start(prev, layout, links).finish()
    }
}

/// A link still to be searched: where it goes in the routing and what its
/// route will depend on.
#[derive(Debug, Clone)]
struct Todo {
    at: usize,
    ends: Vec<usize>,
    reach: Option<Option<Rect>>,
}

/// A routing under way, so the search can wait until the edit that needed
/// it is on screen: [`start`](Routing::start) reuses every route it can
/// and places the links left to search provisionally, [`step`](Routing::step)
/// searches them a few at a time, and [`finish`](Routing::finish) gives
/// exactly what [`Routes::route`] gives, however the steps were cut.
pub struct Routing {
    layout: Arc<Layout>,
    /// Shared with the links drawn meanwhile; copied on the first search.
    geoms: Arc<[LinkGeom]>,
    entries: Arc<HashMap<Key, Entry>>,
    /// The links left to search, the next last.
    todo: Vec<Todo>,
    /// Made on the first search.
    grid: Option<Grid>,
    rerouted: usize,
}

impl Routing {
    /// Reuses from `prev` every route the changes since cannot have
    /// altered; every other link is left to search, placed meanwhile where
    /// it probably goes: its previous route moved with its ends when both
    /// moved alike (a link inside a dragged VPC), else a straight line
    /// between the sides its ends face each other by.
    pub fn start(prev: Option<&Routes>, layout: &Arc<Layout>, links: &[Arc<Link>]) -> Routing {
        let changes = prev.and_then(|p| Changes::between(&p.layout, layout));
        let mut geoms = Vec::with_capacity(links.len());
        let mut entries = HashMap::new();
        let mut todo = Vec::new();
        for link in links {
            let (Some(ai), Some(bi)) = (layout.index_of(&link.from), layout.index_of(&link.to))
            else {
                continue;
            };
            let (a, b) = (&layout.shapes[ai], &layout.shapes[bi]);
            if link.kind == LinkKind::SubnetUse {
                // Most of a large design's links (ten to one on the stress
                // design): the bookkeeping to reuse one cost more than the
                // arc.
                geoms.push(subnet_arc(link, a, b));
                continue;
            }
            let mut ends = with_ancestors(layout, &link.from);
            ends.extend(with_ancestors(layout, &link.to));
            let old = prev.and_then(|p| {
                let e = p.entries.get(&key(link))?;
                p.geoms
                    .get(e.at)
                    .filter(|g| same_link(g, link))
                    .map(|g| (p, e, g))
            });
            let kept = old.filter(|(_, e, _)| changes.as_ref().is_some_and(|c| c.keeps(e, &ends)));
            let reach = reach(link.kind, a, b);
            if let Some((_, _, g)) = kept {
                // A non-finite reach is never reused: no entry.
                if let Some(reach) = reach {
                    entries_insert(&mut entries, link, geoms.len(), ends, reach);
                }
                geoms.push(LinkGeom {
                    link: Arc::clone(link),
                    start: g.start,
                    end: g.end,
                    control: g.control,
                });
                continue;
            }
            let moved = old.and_then(|(p, _, g)| {
                let by = shift(p.layout.get(&link.from)?, a)?;
                (shift(p.layout.get(&link.to)?, b)? == by).then(|| translated(g, link, by))
            });
            todo.push(Todo {
                at: geoms.len(),
                ends,
                reach,
            });
            geoms.push(moved.unwrap_or_else(|| straight(link, a, b)));
        }
        // Searched from the end: reversed, so links are searched in order.
        todo.reverse();
        Routing {
            layout: Arc::clone(layout),
            geoms: geoms.into(),
            entries: Arc::new(entries),
            todo,
            grid: None,
            rerouted: 0,
        }
    }

    /// How many links are still to search.
    pub fn pending(&self) -> usize {
        self.todo.len()
    }

    /// Searches links in order while `more()` says to go on (asked before
    /// each); true once none is left.
    pub fn step(&mut self, mut more: impl FnMut() -> bool) -> bool {
        if self.todo.is_empty() {
            return true;
        }
        // Copies of the links and entries still shared with what was drawn
        // (none when nothing was): made here, after the frame, not in it.
        let geoms = Arc::make_mut(&mut self.geoms);
        let entries = Arc::make_mut(&mut self.entries);
        while !self.todo.is_empty() && more() {
            let Some(t) = self.todo.pop() else { break };
            let layout = &self.layout;
            let grid = self.grid.get_or_insert_with(|| Grid::new(layout));
            let Some(slot) = geoms.get_mut(t.at) else {
                continue;
            };
            self.rerouted += 1;
            // Both ends have shapes (checked in `start`), so a route is found.
            if let Some(g) = route_one(layout, grid, &slot.link) {
                *slot = g;
            }
            if let Some(reach) = t.reach {
                entries_insert(entries, &slot.link, t.at, t.ends, reach);
            }
        }
        self.todo.is_empty()
    }

    /// The routing as it stands, to draw now: the links still to search
    /// are placed provisionally, and the next routing searches them again.
    /// Shares this routing's parts (see [`Routes`]).
    pub fn routes(&self) -> Routes {
        Routes {
            layout: Arc::clone(&self.layout),
            geoms: Arc::clone(&self.geoms),
            entries: Arc::clone(&self.entries),
            rerouted: self.rerouted,
            pending: self.todo.len(),
        }
    }

    /// Searches every link left and gives the finished routing.
    pub fn finish(mut self) -> Routes {
        self.step(|| true);
        Routes {
            layout: self.layout,
            geoms: self.geoms,
            entries: self.entries,
            rerouted: self.rerouted,
            pending: 0,
        }
    }
}

fn entries_insert(
    entries: &mut HashMap<Key, Entry>,
    link: &Link,
    at: usize,
    ends: Vec<usize>,
    reach: Option<Rect>,
) {
    // Links sharing a key (a design listing one twice) are each routed
    // alike; the map keeps the last, which is as good as any.
    entries.insert(key(link), Entry { at, ends, reach });
}

/// How far shape `now` moved since `was`, when it kept its size.
fn shift(was: &Shape, now: &Shape) -> Option<(f64, f64)> {
    (was.rect.w == now.rect.w && was.rect.h == now.rect.h)
        .then_some((now.rect.x - was.rect.x, now.rect.y - was.rect.y))
}

/// Route `g` moved by `by`, for `link`.
fn translated(g: &LinkGeom, link: &Arc<Link>, (dx, dy): (f64, f64)) -> LinkGeom {
    let at = |p: Point| Point {
        x: p.x + dx,
        y: p.y + dy,
    };
    LinkGeom {
        link: Arc::clone(link),
        start: at(g.start),
        end: at(g.end),
        control: at(g.control),
    }
}

/// What changed between two layouts: the rectangles (before and after) of
/// every shape that appeared, disappeared or changed, and which shapes of
/// the new layout are unchanged.
struct Changes {
    dirty: Vec<Rect>,
    /// Per shape of the new layout: its index in the old one when unchanged.
    same: Vec<Option<usize>>,
}

impl Changes {
    /// `None` when nothing can be reused: ids not unique, or unchanged
    /// shapes in another order.
    fn between(old: &Layout, new: &Layout) -> Option<Changes> {
        if !old.ids_unique() || !new.ids_unique() {
            return None;
        }
        let mut dirty = Vec::new();
        let mut same = Vec::with_capacity(new.shapes.len());
        let mut seen = vec![false; old.shapes.len()];
        let mut last = None;
        for s in &new.shapes {
            let was = old
                .index_of(&s.id)
                .and_then(|j| old.shapes.get(j).map(|o| (j, o)));
            if let Some((j, _)) = was {
                seen[j] = true;
            }
            match was {
                Some((j, o))
                    if o.kind == s.kind
                        && o.rect == s.rect
                        && parent_id(old, o.parent) == parent_id(new, s.parent) =>
                {
                    if last.is_some_and(|l| l >= j) {
                        return None;
                    }
                    last = Some(j);
                    same.push(Some(j));
                }
                Some((_, o)) => {
                    dirty.push(o.rect);
                    dirty.push(s.rect);
                    same.push(None);
                }
                None => {
                    dirty.push(s.rect);
                    same.push(None);
                }
            }
        }
        dirty.extend(
            old.shapes
                .iter()
                .zip(&seen)
                .filter(|(_, seen)| !**seen)
                .map(|(o, _)| o.rect),
        );
        Some(Changes { dirty, same })
    }

    /// True when the link routed as `entry` comes out the same on the new
    /// layout, where its ends and their containers are `ends`.
    fn keeps(&self, entry: &Entry, ends: &[usize]) -> bool {
        let ends_same = ends.len() == entry.ends.len()
            && ends
                .iter()
                .zip(&entry.ends)
                .all(|(&n, &o)| self.same.get(n).copied().flatten() == Some(o));
        ends_same
            && entry
                .reach
                .is_none_or(|r| !self.dirty.iter().any(|d| touches(&r, d)))
    }
}

/// True when the closed rectangles share any point (or either is not finite).
fn touches(a: &Rect, b: &Rect) -> bool {
    !(a.x + a.w < b.x || b.x + b.w < a.x || a.y + a.h < b.y || b.y + b.h < a.y)
}

/// The id of shape `p`'s container in `l`.
fn parent_id(l: &Layout, p: Option<usize>) -> Option<&str> {
    p.and_then(|p| l.shapes.get(p)).map(|s| s.id.as_str())
}
