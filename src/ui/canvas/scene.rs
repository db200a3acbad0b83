//! The design drawn in layers, each a keyed list.
//!
//! Every shape, link and badge is keyed by its id and a hash of what it is
//! drawn from (kind, text; a badge's rectangle too). After an edit only the
//! items whose key changed are drawn again; the thousands that did not keep
//! their elements, and a shape or link that only moved has its coordinates
//! set in place. Each layer is its own reactive list, so a selection or a badge
//! change never touches the shapes. Shapes are shared (`Arc`) between the
//! lists and keyed by one `u64` (the id hashed with the drawing), so a
//! change of a 7,000-shape design copies no shape and no id to diff.
//!
//! Each region (and the global band) is drawn on sheets of its own
//! ([`scene_view`]), so the browser repaints only the region an edit
//! touched, and in its own coordinates ([`Part`]), so a region pushed
//! aside by an edit elsewhere keeps every element.

use super::fail::Fate;
use super::links::{link_view, subnet_use_view, words, Run};
use super::overlay::badge_view;
use super::shape::{frame_box, frame_label, is_frame, item_view, place};
use super::stage::Placed;
use crate::core::layout::{
    label, note_spots, Label, Layout, LinkGeom, LinkKind, Point, Rect, RectExt, Shape,
};
use crate::core::model::{Design, Index};
use crate::core::validate::Severity;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A shape's list key: its id and how it is drawn but for where, hashed
/// together (a collision would only redraw one shape in another's element).
/// A shape that only moved keeps its element, which [`moving`] places.
type ShapeKey = u64;

fn rect_hash(h: &mut impl Hasher, r: &Rect) {
    for v in [r.x, r.y, r.w, r.h] {
        v.to_bits().hash(h);
    }
}

/// One shape with its text, and the key that changes whenever its drawing
/// would but for its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    key: ShapeKey,
    /// The shape.
    pub(super) shape: Shape,
    /// Its text.
    pub(super) label: Label,
}

impl Drawn {
    fn new(shape: &Shape, label: Label) -> Drawn {
        let mut h = rustc_hash::FxHasher::default();
        shape.id.hash(&mut h);
        shape.kind.hash(&mut h);
        // Not where: a shape pushed along keeps its element (`moving`).
        (shape.rect.w.to_bits(), shape.rect.h.to_bits()).hash(&mut h);
        (&label.title, &label.detail, &label.tag).hash(&mut h);
        Drawn {
            key: h.finish(),
            shape: shape.clone(),
            label,
        }
    }
}

/// Shapes in paint order, shared. Equal when they hold the same shapes
/// (pointers compared, not contents): [`drawn`] reuses a shape's `Arc`
/// whenever it is drawn as before, so a comparison after a one-shape move
/// costs 7,000 pointer compares instead of 7,000 deep ones.
#[derive(Debug, Clone, Default)]
pub struct Drawings(pub Vec<Arc<Drawn>>);

impl Drawings {
    /// The same shapes (pointers compared).
    fn same(a: &[Arc<Drawn>], b: &[Arc<Drawn>]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl PartialEq for Drawings {
    fn eq(&self, other: &Drawings) -> bool {
        Drawings::same(&self.0, &other.0)
    }
}

impl std::ops::Deref for Drawings {
    type Target = [Arc<Drawn>];

    fn deref(&self) -> &[Arc<Drawn>] {
        &self.0
    }
}

/// Every shape with its label, in paint order. A shape drawn exactly as at
/// the same place of the last list (same shape, same label) keeps its
/// `Arc`, so nothing downstream sees it change.
///
/// A label depends on the shape's id and kind and on the design's content,
/// never on positions: while `content` (the content revision) is what it
/// was for the last list, a shape with the same id and kind at the same
/// place of the list keeps its label, and a move makes no label and no
/// index of the design.
pub fn drawn(
    design: Signal<Design>,
    geometry: Signal<Arc<Layout>>,
    content: Option<Signal<u64>>,
) -> Memo<Drawings> {
    // The content revision the last list's labels were made at.
    let labelled = StoredValue::new(None::<u64>);
    Memo::new(move |prev: Option<&Drawings>| {
        let revision = content.map(|c| c.get());
        let same_text = revision.is_some() && labelled.get_value() == revision;
        labelled.set_value(revision);
        design.with(|d| {
            let index = std::cell::OnceCell::new();
            geometry.with(|l| {
                let out = l.shapes.iter().enumerate().map(|(i, s)| {
                    let was = prev.and_then(|p| p.0.get(i));
                    // The same content and the same shape here: the same text.
                    let text_kept = same_text
                        && was.is_some_and(|w| w.shape.id == s.id && w.shape.kind == s.kind);
                    match was {
                        Some(was) if text_kept && was.shape == *s => Arc::clone(was),
                        Some(was) if text_kept => Arc::new(Drawn::new(s, was.label.clone())),
                        _ => {
                            let label = label(s, d, index.get_or_init(|| Index::new(d)));
                            match was {
                                Some(was) if was.shape == *s && was.label == label => {
                                    Arc::clone(was)
                                }
                                _ => Arc::new(Drawn::new(s, label)),
                            }
                        }
                    }
                });
                Drawings(out.collect())
            })
        })
    })
}

/// Each shape's title by id, shared; equal when the same map.
#[derive(Debug, Clone, Default)]
struct Titles(Arc<std::collections::HashMap<String, String>>);

impl PartialEq for Titles {
    fn eq(&self, other: &Titles) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The titles of `v`, or `prev` itself when every shape has the title it
/// had there (a move changes no title: no 7,000 strings copied).
fn titles_of(v: &[Arc<Drawn>], prev: Option<&Titles>) -> Titles {
    if let Some(p) = prev {
        let same = p.0.len() == v.len()
            && v.iter()
                .all(|d| p.0.get(&d.shape.id).is_some_and(|t| *t == d.label.title));
        if same {
            return p.clone();
        }
    }
    Titles(Arc::new(
        v.iter()
            .map(|d| (d.shape.id.clone(), d.label.title.clone()))
            .collect(),
    ))
}

/// A placed link with its words ([`words`]) and its list key (the link
/// and its words hashed together, so a renamed end redraws the line's
/// tooltip; not where it runs, which its elements follow by attribute),
/// made once and shared.
#[derive(Debug)]
struct Named {
    geom: LinkGeom,
    words: String,
    key: u64,
    /// Where its note is written, if it has one (`core::layout::note_spots`).
    note_at: Option<Point>,
}

impl Named {
    fn new(g: &LinkGeom, titles: &Titles, note_at: Option<Point>) -> Named {
        Named::with_words(g.clone(), words(g, &titles.0), note_at)
    }

    fn with_words(geom: LinkGeom, words: String, note_at: Option<Point>) -> Named {
        let g = &geom;
        let mut h = rustc_hash::FxHasher::default();
        words.hash(&mut h);
        g.link.kind.hash(&mut h);
        (&g.link.from, &g.link.to, &g.link.note).hash(&mut h);
        let key = h.finish();
        Named {
            geom,
            words,
            key,
            note_at,
        }
    }
}

/// Links with their words, and the titles they were named with. Equal
/// when the same titles named the same links (pointers compared).
#[derive(Debug, Clone, Default)]
struct NamedLinks {
    titles: Titles,
    links: Vec<Arc<Named>>,
}

impl PartialEq for NamedLinks {
    fn eq(&self, other: &NamedLinks) -> bool {
        self.titles == other.titles
            && self.links.len() == other.links.len()
            && self
                .links
                .iter()
                .zip(&other.links)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// The links of `placed` that `keep` keeps, named with `titles`, their
/// notes placed clear of the shapes of `drawn` and of each other (`None`
/// for links that never have a note: subnet-use lines); a link placed as at
/// the same place of `prev`, named with the same titles and its note at
/// the same place, keeps its `Arc` (most links, after most edits).
///
/// The shapes are read only when a kept link has a note, so a memo
/// naming links that have none does not run again when shapes change.
fn name_links(
    placed: &[LinkGeom],
    keep: &dyn Fn(&LinkGeom) -> bool,
    titles: Titles,
    prev: Option<&NamedLinks>,
    drawn: Option<Memo<Drawings>>,
) -> NamedLinks {
    let prev = prev
        .filter(|p| p.titles == titles)
        .map(|p| p.links.as_slice());
    // Most designs' links have no note at all (the stress design's none):
    // then nothing is placed, and nothing is allocated for it.
    let spots = drawn
        .filter(|_| placed.iter().any(|g| g.link.note.is_some() && keep(g)))
        .map(|drawn| {
            drawn.with(|d| {
                note_spots(
                    d.0.iter().map(|d| &d.shape),
                    placed.iter().filter(|g| keep(g)),
                )
            })
        });
    let links = placed
        .iter()
        .filter(|g| keep(g))
        .enumerate()
        .map(|(i, g)| {
            let spot = spots.as_ref().and_then(|s| s.get(i).copied().flatten());
            match prev.and_then(|p| p.get(i)) {
                Some(was) if was.geom == *g && was.note_at == spot => Arc::clone(was),
                _ => Arc::new(Named::new(g, &titles, spot)),
            }
        })
        .collect();
    NamedLinks { titles, links }
}

/// What lies inside one top-level frame (a region, or the global band):
/// its frames and other shapes, and the links with both ends in it (the
/// lines to used subnets first, as drawn), all in the part's own
/// coordinates: world units less its `origin`. A part moved whole (a
/// region pushed down when the one above it grows) is then drawn the same
/// and keeps every element; only its sheets move.
#[derive(Debug, Default)]
struct Part {
    /// The top-level frame's id.
    id: String,
    /// The top-level frame's corner, on whole world units.
    origin: (f64, f64),
    frames: Drawings,
    items: Drawings,
    links: Vec<Arc<Named>>,
    /// The world area everything above is drawn in, with room for strokes
    /// and text that run past a box's edge.
    area: Rect,
    /// The shapes `frames` and `items` were made from, in the layout's
    /// order (not compared): the next cut reuses a local shape by pointer
    /// while the part's shapes come as here.
    sources: Vec<Arc<Drawn>>,
}

/// `v` less `o`, on 1/64 of a unit: a shape moved with its part by any
/// amount lands on the same local coordinate (the difference of two moved
/// values can differ from the unmoved one in its last bits).
pub(super) fn local(v: f64, o: f64) -> f64 {
    ((v - o) * 64.0).round() / 64.0
}

/// Each shape's top-level ancestor, by index, from each shape's parent
/// (parents come before children in a layout).
pub(super) fn roots(parents: impl Iterator<Item = Option<usize>>) -> Vec<usize> {
    let mut root: Vec<usize> = Vec::with_capacity(parents.size_hint().0);
    for (i, parent) in parents.enumerate() {
        let r = match parent {
            Some(p) if p < i => root[p],
            _ => i,
        };
        root.push(r);
    }
    root
}

/// `r` in coordinates from `origin`, to 1/64 of a unit ([`local`]).
pub(super) fn local_rect(r: Rect, (ox, oy): (f64, f64)) -> Rect {
    Rect {
        x: local(r.x, ox),
        y: local(r.y, oy),
        ..r
    }
}

/// Marks drawn over a layout's shapes (the minimap's frames, the badges),
/// grouped by each shape's top-level frame and placed in its coordinates:
/// an edit that moves whole regions (an add that grows a row) changes one
/// `transform` per region, where every mark of every moved region used to
/// be made again (the minimap's 708 rectangles and 166 badges of an add on
/// the stress design). One type for both kinds, so the keyed lists are
/// compiled once.
#[derive(Clone, PartialEq)]
pub(super) enum Mark {
    /// A frame in the minimap: its id, kind and rectangle.
    Frame(String, &'static str, Rect),
    /// A shape's badge: its id, rectangle, and worst severity and count.
    Badge(String, Rect, (Severity, usize)),
}

impl Mark {
    /// Its list key: the shape's id and a hash of what it draws.
    fn key(&self) -> (String, u64) {
        let mut h = rustc_hash::FxHasher::default();
        match self {
            Mark::Frame(id, kind, r) => {
                rect_hash(&mut h, r);
                kind.hash(&mut h);
                (id.clone(), h.finish())
            }
            Mark::Badge(id, r, (sev, n)) => {
                rect_hash(&mut h, r);
                (sev.as_str(), n).hash(&mut h);
                (id.clone(), h.finish())
            }
        }
    }

    fn view(self) -> AnyView {
        match self {
            Mark::Frame(_, kind, r) => {
                view! { <rect class=format!("mini {kind}") x=r.x y=r.y width=r.w height=r.h></rect> }
                    .into_any()
            }
            Mark::Badge(id, r, m) => badge_view(r, m, &id).into_any(),
        }
    }
}

/// The marks of one top-level frame (the minimap's frames, badges,
/// overview labels).
#[derive(Clone, PartialEq)]
pub(super) struct Grouped<T> {
    /// The top-level frame's id.
    pub(super) top: String,
    /// Its origin ([`origin_of`]).
    pub(super) origin: (f64, f64),
    /// The marks, in order of their shapes.
    pub(super) marks: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            top: String::new(),
            origin: (0.0, 0.0),
            marks: Vec::new(),
        }
    }
}

/// The marks `mark` makes of `items` (the layout's shapes, or the drawn
/// ones: `shape` reads each one's), given each item and its rectangle in
/// its top-level frame's coordinates, grouped by that frame.
pub(super) fn group_by_top<S, T>(
    items: &[S],
    shape: fn(&S) -> &Shape,
    mut mark: impl FnMut(&S, Rect) -> Option<T>,
) -> Vec<Grouped<T>> {
    let root = roots(items.iter().map(|s| shape(s).parent));
    let mut slot: Vec<Option<usize>> = vec![None; items.len()];
    let mut out: Vec<Grouped<T>> = Vec::new();
    for (s, &r) in items.iter().zip(&root) {
        let top = shape(&items[r]);
        let origin = origin_of(top);
        let Some(m) = mark(s, local_rect(shape(s).rect, origin)) else {
            continue;
        };
        let k = *slot[r].get_or_insert_with(|| {
            out.push(Grouped {
                top: top.id.clone(),
                origin,
                marks: Vec::new(),
            });
            out.len() - 1
        });
        out[k].marks.push(m);
    }
    out
}

/// `groups` drawn: a group per top-level frame, moved by its origin, and
/// in it the marks keyed by [`Mark::key`] (so a mark whose shape did not
/// move in its frame keeps its elements).
pub(super) fn grouped_view(groups: Memo<Vec<Grouped<Mark>>>) -> impl IntoView {
    let tops = move || groups.with(|g| g.iter().map(|g| g.top.clone()).collect::<Vec<_>>());
    view! {
        <For each=tops key=String::clone children=move |top: String| {
            let me = Memo::new(move |_| {
                groups.with(|g| g.iter().find(|g| g.top == top).cloned().unwrap_or_default())
            });
            view! {
                <g transform=move || me.with(|m| translate(m.origin))>
                    <For each=move || me.with(|m| m.marks.clone()) key=Mark::key children=Mark::view />
                </g>
            }
        } />
    }
}

/// The `transform` that places a group drawn in a part's coordinates.
pub(super) fn translate((x, y): (f64, f64)) -> String {
    format!("translate({x} {y})")
}

/// The `data-origin` of such a group, which the drag layer reads to place
/// its copies (gesture.rs).
pub(super) fn origin_attr((x, y): (f64, f64)) -> String {
    format!("{x} {y}")
}

/// The part `id` of `list` (the regions' parts or the pairs'), followed.
fn part_memo(parts: Memo<Parts>, id: String, list: fn(&Parts) -> &[Arc<Part>]) -> Memo<Arc<Part>> {
    Memo::new(move |_| {
        parts.with(|v| {
            list(v)
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .unwrap_or_default()
        })
    })
}

/// The origin of the part whose top-level frame is `top`: its corner, on
/// whole units.
pub(super) fn origin_of(top: &Shape) -> (f64, f64) {
    (top.rect.x.floor(), top.rect.y.floor())
}

/// Shape `d` in coordinates from `origin`: `was` itself when drawn the
/// same there, so its list key and element are kept.
fn local_drawn(d: &Arc<Drawn>, origin: (f64, f64), was: Option<&Arc<Drawn>>) -> Arc<Drawn> {
    let rect = local_rect(d.shape.rect, origin);
    match was {
        Some(w)
            if w.shape.rect == rect
                && w.shape.id == d.shape.id
                && w.shape.kind == d.shape.kind
                && w.label == d.label =>
        {
            Arc::clone(w)
        }
        _ => {
            let shape = Shape {
                rect,
                ..d.shape.clone()
            };
            Arc::new(Drawn::new(&shape, d.label.clone()))
        }
    }
}

/// Link `n` in coordinates from `origin`, or `was` when placed the same.
fn local_named(n: &Named, (ox, oy): (f64, f64), was: Option<&Arc<Named>>) -> Arc<Named> {
    let at = |p: Point| Point {
        x: local(p.x, ox),
        y: local(p.y, oy),
    };
    let g = &n.geom;
    let (start, end, control) = (at(g.start), at(g.end), at(g.control));
    let note_at = n.note_at.map(at);
    match was {
        Some(w)
            if w.geom.start == start
                && w.geom.end == end
                && w.geom.control == control
                && w.note_at == note_at
                && w.geom.link == g.link
                && w.words == n.words =>
        {
            Arc::clone(w)
        }
        _ => Arc::new(Named::with_words(
            LinkGeom {
                link: Arc::clone(&g.link),
                start,
                end,
                control,
            },
            n.words.clone(),
            note_at,
        )),
    }
}

fn same_links(a: &[Arc<Named>], b: &[Arc<Named>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y))
}

/// Equal when drawn the same (shapes and links compared by pointer).
impl PartialEq for Part {
    fn eq(&self, other: &Part) -> bool {
        self.id == other.id
            && self.origin == other.origin
            && self.area == other.area
            && self.frames == other.frames
            && self.items == other.items
            && same_links(&self.links, &other.links)
    }
}

/// The design cut into [`Part`]s, in paint order, and the links between
/// parts, one part of links only per pair of parts they join, in the
/// coordinates of the first (so links between two regions pushed down
/// alike keep their elements). Equal when the same parts (pointers).
#[derive(Debug, Clone, Default)]
struct Parts {
    parts: Vec<Arc<Part>>,
    across: Vec<Arc<Part>>,
}

fn same_parts(a: &[Arc<Part>], b: &[Arc<Part>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y))
}

impl PartialEq for Parts {
    fn eq(&self, other: &Parts) -> bool {
        same_parts(&self.parts, &other.parts) && same_parts(&self.across, &other.across)
    }
}

/// World units of room around a part's shapes: a stroke, a halo, an end
/// dot or a header's text running past its box.
const PART_MARGIN: f64 = 48.0;

/// `new`, or `prev` itself when drawn the same from the same shapes. A part
/// drawn the same from new shapes (moved whole) is `new`, which holds
/// `prev`'s very frames, items and links and its own sources.
fn keep(new: Part, prev: Option<&Arc<Part>>) -> Arc<Part> {
    match prev {
        Some(was) if **was == new && Drawings::same(&was.sources, &new.sources) => Arc::clone(was),
        _ => Arc::new(new),
    }
}

/// Cuts `drawn` (the layout's shapes, in its order) and the named links
/// (`links`, in paint order) into parts by top-level frame. A part drawn
/// as in `prev` keeps its `Arc`.
fn cut<'a>(
    drawn: &Drawings,
    links: impl Iterator<Item = &'a Arc<Named>>,
    prev: Option<&Parts>,
) -> Parts {
    let root = roots(drawn.iter().map(|d| d.shape.parent));
    let mut slot = vec![usize::MAX; drawn.len()];
    let mut parts: Vec<Part> = Vec::new();
    // Each part's counterpart in `prev` (the same top-level frame, at the
    // same place of the list), whose shapes and links a shape or link
    // drawn the same reuses.
    let mut was: Vec<Option<&Arc<Part>>> = Vec::new();
    // Per part: every shape so far is the very one (pointer) at the same
    // place of its counterpart, at the same origin. Then the counterpart's
    // local shape at this place was made from this shape: reused without
    // comparing (7,000 ids and labels compared on every add or move of the
    // stress design, where a few regions changed).
    let mut aligned: Vec<bool> = Vec::new();
    for (i, d) in drawn.iter().enumerate() {
        let r = root[i];
        if slot[r] == usize::MAX {
            slot[r] = parts.len();
            let top = &drawn[r].shape;
            let counterpart = prev
                .and_then(|v| v.parts.get(parts.len()))
                .filter(|p| p.id == top.id);
            aligned.push(counterpart.is_some_and(|p| p.origin == origin_of(top)));
            was.push(counterpart);
            parts.push(Part {
                id: top.id.clone(),
                origin: origin_of(top),
                area: top.rect,
                ..Part::default()
            });
        }
        let p = slot[r];
        let (part, before) = (&mut parts[p], was[p]);
        aligned[p] = aligned[p]
            && before
                .and_then(|b| b.sources.get(part.sources.len()))
                .is_some_and(|s| Arc::ptr_eq(s, d));
        part.area = part.area.union(&d.shape.rect);
        let (list, old) = if is_frame(d.shape.kind) {
            (&mut part.frames, before.map(|b| &b.frames))
        } else {
            (&mut part.items, before.map(|b| &b.items))
        };
        let at = old.and_then(|o| o.0.get(list.0.len()));
        let local = match at {
            Some(at) if aligned[p] => Arc::clone(at),
            _ => local_drawn(d, part.origin, at),
        };
        list.0.push(local);
        part.sources.push(Arc::clone(d));
    }
    let by_id: rustc_hash::FxHashMap<&str, usize> = drawn
        .iter()
        .enumerate()
        .map(|(i, d)| (d.shape.id.as_str(), slot[root[i]]))
        .collect();
    // The links between parts, by pair (first seen first), each pair in the
    // coordinates of its first part; a link with an end drawn nowhere is
    // in world coordinates.
    let mut across: Vec<Part> = Vec::new();
    let mut pair_slot: rustc_hash::FxHashMap<(Option<usize>, Option<usize>), usize> =
        Default::default();
    for n in links {
        let from = by_id.get(n.geom.link.from.as_str()).copied();
        let to = by_id.get(n.geom.link.to.as_str()).copied();
        match from {
            Some(p) if from == to => {
                let part = &mut parts[p];
                part.area = part.area.union(&n.geom.bounds());
                let at = was[p].and_then(|b| b.links.get(part.links.len()));
                part.links.push(local_named(n, part.origin, at));
            }
            _ => {
                let k = *pair_slot.entry((from, to)).or_insert_with(|| {
                    let name = |p: Option<usize>| p.map_or("", |p| parts[p].id.as_str());
                    across.push(Part {
                        id: format!("{}>{}", name(from), name(to)),
                        origin: from.map_or((0.0, 0.0), |p| parts[p].origin),
                        ..Part::default()
                    });
                    across.len() - 1
                });
                let pair = &mut across[k];
                let before = prev
                    .and_then(|v| v.across.get(k))
                    .filter(|b| b.id == pair.id);
                let at = before.and_then(|b| b.links.get(pair.links.len()));
                pair.links.push(local_named(n, pair.origin, at));
            }
        }
    }
    let parts = parts
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            // On whole units: Chromium places the inner SVG on whole
            // pixels of its box, and a fraction would shift the drawing.
            let a = p.area;
            let (x, y) = ((a.x - PART_MARGIN).floor(), (a.y - PART_MARGIN).floor());
            p.area = Rect {
                x,
                y,
                w: (a.right() + PART_MARGIN).ceil() - x,
                h: (a.bottom() + PART_MARGIN).ceil() - y,
            };
            keep(p, prev.and_then(|v| v.parts.get(i)))
        })
        .collect();
    let across = across
        .into_iter()
        .enumerate()
        .map(|(k, p)| keep(p, prev.and_then(|v| v.across.get(k))))
        .collect();
    Parts { parts, across }
}

/// Which of a part's three sheets.
#[derive(Debug, Clone, Copy)]
enum Sheet {
    /// The frame boxes.
    Frames,
    /// The links.
    Links,
    /// The frame headers and the other shapes.
    Items,
}

impl Sheet {
    fn class(self) -> &'static str {
        match self {
            Sheet::Frames => "sheet-frames",
            Sheet::Links => "sheet-links",
            Sheet::Items => "sheet-items",
        }
    }
}

/// The links of `part`, each drawn by its kind.
///
/// The list is keyed by what each link is, not where it runs: a link that
/// moves (a region pushed down by an add moves every link between it and
/// the regions that stayed, first drawn straight, then routed after the
/// frame) keeps its elements and sets its coordinates ([`Run`]), where
/// it was made again twice (docs/build.md, "Links keep their elements").
fn links_view(part: Memo<Arc<Part>>, fate: Memo<Fate>) -> impl IntoView {
    // Each drawn link's placing in a signal of its own, by list key. A
    // change of the part sets the signals of the links that moved, and
    // only those: a memo per link reading the part was tried, and marking
    // every link of every part to be checked on each change cost more
    // (40 ms of an add on the stress design) than the elements it kept.
    let drawn = StoredValue::new(rustc_hash::FxHashMap::<u64, RwSignal<Arc<Named>>>::default());
    let each = move || {
        part.with(|p| {
            let moved: Vec<(RwSignal<Arc<Named>>, Arc<Named>)> = drawn.with_value(|m| {
                p.links
                    .iter()
                    .filter_map(|l| {
                        let s = m.get(&l.key)?;
                        (!s.with_untracked(|was| Arc::ptr_eq(was, l))).then(|| (*s, Arc::clone(l)))
                    })
                    .collect()
            });
            for (s, l) in moved {
                s.set(l);
            }
            p.links.clone()
        })
    };
    let link = move |n: Arc<Named>| {
        let key = n.key;
        let now = RwSignal::new(Arc::clone(&n));
        drawn.update_value(|m| {
            m.insert(key, now);
        });
        on_cleanup(move || {
            drawn.try_update_value(|m| {
                // Only if it is still this element's (a later one of the
                // same key may have taken its place).
                if m.get(&key) == Some(&now) {
                    m.remove(&key);
                }
            });
        });
        let run = Memo::new(move |_| now.with(|n| Run::of(&n.geom, n.note_at)));
        if n.geom.link.kind == LinkKind::SubnetUse {
            subnet_use_view(&n.geom, run, n.words.clone(), fate).into_any()
        } else {
            link_view(&n.geom, run, n.words.clone(), fate).into_any()
        }
    };
    view! { <g class="layer-links"><For each=each key=|n| n.key children=link /></g> }
}

/// Which elements a layer holds: shapes (named by `data-id`) or frame
/// headers (by `data-target`).
#[derive(Clone, Copy)]
enum Layer {
    Boxes,
    Headers,
}

/// The shapes `list` takes of `part`, for a list keyed by [`Drawn`]'s key,
/// which leaves out where a shape is: a shape that only moved inside its
/// part (pushed down by a VPC that grew above it) keeps its element, and
/// this places it ([`place`]) before the list compares keys. An add on the
/// stress design made about 120 shapes of its region again, each a group
/// of up to nine elements (docs/build.md, "Shapes keep their elements").
///
/// It remembers the last shapes it returned, which are those drawn (the
/// list draws exactly what this returns, in order), and looks for
/// elements only when some shape moved ([`place_moved`]).
fn moving(
    part: Memo<Arc<Part>>,
    list: fn(&Part) -> &Drawings,
    layer: NodeRef<leptos::svg::G>,
    which: Layer,
) -> impl Fn() -> Vec<Arc<Drawn>> + Clone + 'static {
    let last = StoredValue::new(Vec::<Arc<Drawn>>::new());
    move || {
        let now = part.with(|p| list(p).0.clone());
        last.update_value(|was| {
            if !Drawings::same(was, &now) {
                place_moved(was, &now, layer, which);
            }
            was.clone_from(&now);
        });
        now
    }
}

/// Places the elements in `layer` of the shapes of `now` kept from `was`
/// (the same key) at another position.
///
/// The layer's element children are the shapes of `was`, in its order (the
/// list drew exactly those); each moved shape's element is taken by its
/// index and checked by its id, with a search by id should they ever
/// disagree. Each call into the page costs (about a microsecond); walking
/// a region's 600 children to read their ids cost more than the placing.
fn place_moved(
    was: &[Arc<Drawn>],
    now: &[Arc<Drawn>],
    layer: NodeRef<leptos::svg::G>,
    which: Layer,
) {
    let before: rustc_hash::FxHashMap<u64, (usize, Rect)> = was
        .iter()
        .enumerate()
        .map(|(i, d)| (d.key, (i, d.shape.rect)))
        .collect();
    let moved: Vec<(usize, Rect, &Shape)> = now
        .iter()
        .filter_map(|d| {
            let (i, r) = *before.get(&d.key)?;
            (r != d.shape.rect).then_some((i, r, &d.shape))
        })
        .collect();
    if moved.is_empty() {
        return;
    }
    let Some(layer) = layer.get_untracked() else {
        return;
    };
    let (attr, header) = match which {
        Layer::Boxes => ("data-id", false),
        Layer::Headers => ("data-target", true),
    };
    let children = layer.children();
    let by_id = |id: &str| {
        let mut child = layer.first_element_child();
        while let Some(el) = child {
            if el.get_attribute(attr).as_deref() == Some(id) {
                return Some(el);
            }
            child = el.next_element_sibling();
        }
        None
    };
    for (i, was, shape) in moved {
        let el = children
            .item(i as u32)
            .filter(|el| el.get_attribute(attr).as_deref() == Some(shape.id.as_str()))
            .or_else(|| by_id(&shape.id));
        if let Some(el) = el {
            place(&el, was, shape, header);
        }
    }
}

/// One sheet of part `id`: an SVG of its own over the part's area, in a
/// `foreignObject` placed in world units, whose view box is the same area
/// in the part's own coordinates. Chromium paints
/// each such sheet as a layer of its own and reuses its drawing when
/// nothing in it changed, so an edit in one region repaints that region's
/// sheets, not the 50,000 elements of a large design (docs/build.md, "One
/// sheet per region"). Events still bubble to the canvas, and the canvas's
/// selectors still find the shapes.
fn sheet_view(
    parts: Memo<Parts>,
    id: String,
    which: Sheet,
    far: Signal<bool>,
    fate: Memo<Fate>,
) -> AnyView {
    let name = id.clone();
    let part = part_memo(parts, id, |v| &v.parts);
    let frames: fn(&Part) -> &Drawings = |p| &p.frames;
    let inner = match which {
        Sheet::Frames => {
            let layer = NodeRef::new();
            view! {
                <g class="layer-frames" node_ref=layer>
                    <For each=moving(part, frames, layer, Layer::Boxes) key=|d| d.key children=|d| frame_box(&d.shape, &d.label) />
                </g>
            }
            .into_any()
        }
        Sheet::Links => links_view(part, fate).into_any(),
        Sheet::Items => {
            let (headers, items) = (NodeRef::new(), NodeRef::new());
            let items_now = moving(part, |p| &p.items, items, Layer::Boxes);
            let headers_now = moving(part, frames, headers, Layer::Headers);
            view! {
                <g class="layer-headers" node_ref=headers>
                    <Show when=move || !far.get()>
                        <For each=headers_now.clone() key=|d| d.key children=|d| frame_label(&d.shape, &d.label) />
                    </Show>
                </g>
                <g class="layer-items" node_ref=items>
                    <For each=items_now key=|d| d.key children=|d| item_view(&d.shape, d.label.clone()) />
                </g>
            }
            .into_any()
        }
    };
    // The sheet sits in the part's own coordinates (see `Part`), its box
    // and view box the same area, inside a group moved to the part's
    // origin: a part moved whole changes one attribute of one group per
    // sheet (a changed position of the `foreignObject` itself restyled
    // and laid out everything inside it again). The drag layer reads the
    // origin to place copies of what it moves (gesture.rs).
    let place = move || {
        part.with(|p| {
            let (a, (ox, oy)) = (p.area, p.origin);
            format!(
                "x:{}px;y:{}px;width:{}px;height:{}px",
                a.x - ox,
                a.y - oy,
                a.w,
                a.h
            )
        })
    };
    let view_box = move || {
        part.with(|p| {
            let (a, (ox, oy)) = (p.area, p.origin);
            format!("{} {} {} {}", a.x - ox, a.y - oy, a.w, a.h)
        })
    };
    let moved = move || part.with(|p| translate(p.origin));
    let origin = move || part.with(|p| origin_attr(p.origin));
    view! {
        <g class="sheet-place" transform=moved>
            <foreignObject class=which.class() data-part=name style=place>
                <svg class="sheet" role="none" viewBox=view_box data-origin=origin>{inner}</svg>
            </foreignObject>
        </g>
    }
    .into_any()
}

/// The links between one pair of parts (`id`, see [`Parts`]), in a group
/// placed at the first part's origin; the drag layer reads the origin to
/// place copies of them (gesture.rs).
fn pair_view(parts: Memo<Parts>, id: String, fate: Memo<Fate>) -> AnyView {
    let name = id.clone();
    let part = part_memo(parts, id, |v| &v.across);
    let moved = move || part.with(|p| translate(p.origin));
    let origin = move || part.with(|p| origin_attr(p.origin));
    view! {
        <g class="pair" data-pair=name transform=moved data-origin=origin>{links_view(part, fate)}</g>
    }
    .into_any()
}

/// Frames, links, frame headers and items. Links run above frame boxes but
/// beneath subnets, nodes and frame headers, so a line never hides the
/// text it passes.
///
/// Each top-level frame (each region, the global band) is drawn in three
/// sheets ([`sheet_view`]): its frame boxes, its links, its headers and
/// items. All frame sheets come first, then all link sheets and the links
/// between parts, then the rest, so the paint order is the one above.
///
/// Zoomed out past legibility (`far`), frame headers are not drawn: the
/// overview labels (overview.rs) take their place, and their role as what
/// the pointer grabs a frame by.
///
/// The lines from workloads to the subnets they use (about ten times as many
/// as the other links) are drawn only while subnet names are (`near` holds
/// the world area in view then, `None` when zoomed out), and only those
/// near that area, so a large design does not pay for lines nobody can see.
pub fn scene_view(
    drawn: Memo<Drawings>,
    placed: Signal<Placed>,
    far: Signal<bool>,
    near: Signal<Option<Rect>>,
    fate: Memo<Fate>,
) -> impl IntoView {
    let titles = Memo::new(move |prev: Option<&Titles>| drawn.with(|v| titles_of(v, prev)));
    let relations = Memo::new(move |prev: Option<&NamedLinks>| {
        let keep = |g: &LinkGeom| g.link.kind != LinkKind::SubnetUse;
        placed.with(|ls| name_links(ls, &keep, titles.get(), prev, Some(drawn)))
    });
    let uses = Memo::new(move |prev: Option<&NamedLinks>| {
        let Some(area) = near.get() else {
            // Zoomed out: none (the same empty list again, so nothing redraws).
            return prev
                .filter(|p| p.links.is_empty())
                .cloned()
                .unwrap_or_default();
        };
        let keep = |g: &LinkGeom| g.link.kind == LinkKind::SubnetUse && g.bounds().overlaps(&area);
        placed.with(|ls| name_links(ls, &keep, titles.get(), prev, None))
    });
    let parts = Memo::new(move |prev: Option<&Parts>| {
        drawn.with(|d| {
            uses.with(|u| relations.with(|r| cut(d, u.links.iter().chain(&r.links), prev)))
        })
    });
    let ids = move || parts.with(|v| v.parts.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
    let pairs = move || parts.with(|v| v.across.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
    let pair = move |id: String| pair_view(parts, id, fate);
    // One closure type for the three lists, so `For` is built once.
    let sheets = move |which: Sheet| move |id: String| sheet_view(parts, id, which, far, fate);
    view! {
        <For each=ids key=String::clone children=sheets(Sheet::Frames) />
        <For each=ids key=String::clone children=sheets(Sheet::Links) />
        <g class="layer-links"><For each=pairs key=String::clone children=pair /></g>
        <For each=ids key=String::clone children=sheets(Sheet::Items) />
    }
}

/// The dashed outline around each selected shape.
pub fn outlines_view(
    geometry: Signal<Arc<Layout>>,
    selection: Signal<Vec<String>>,
) -> impl Fn() -> AnyView + Copy {
    move || {
        geometry.with(|l| {
            selection.with(|sel| {
                sel.iter()
                    .filter_map(|id| l.get(id))
                    .map(|s| {
                        let r = s.rect;
                        view! { <rect class="selected-outline" data-outline=s.id.clone() x=r.x - 4.0 y=r.y - 4.0 width=r.w + 8.0 height=r.h + 8.0 rx="10"></rect> }
                    })
                    .collect_view()
                    .into_any()
            })
        })
    }
}

/// The selected links, drawn again over the scene, wide and highlighted;
/// and the subnets a selected workload uses (or the workloads using a
/// selected subnet), drawn in full whatever the level of detail, since the
/// scene draws those lines faint and hides them when zoomed out.
pub fn link_outlines_view(
    placed: Signal<Placed>,
    selection: Signal<Vec<String>>,
) -> impl Fn() -> AnyView + Copy {
    move || {
        selection.with(|sel| {
            if sel.is_empty() {
                return ().into_any();
            }
            // Link ids are compared without being made (`Link::is`).
            let chosen = |g: &LinkGeom| sel.iter().any(|s| g.link.is(s));
            placed.with(|ls| {
                let selected = ls.iter().filter(|g| chosen(g)).map(|g| {
                    view! { <path class="selected-link" data-outline=g.link.id() d=g.path()></path> }.into_any()
                });
                let uses = ls
                    .iter()
                    .filter(|g| g.link.kind == LinkKind::SubnetUse && (sel.contains(&g.link.from) || sel.contains(&g.link.to) || chosen(g)))
                    .map(|g| {
                        view! {
                            <g class="subnet-use-shown" data-shown=g.link.id()>
                                <path d=g.path()></path>
                                <circle cx=g.start.x cy=g.start.y r="3"></circle>
                                <circle cx=g.end.x cy=g.end.y r="3"></circle>
                            </g>
                        }
                        .into_any()
                    });
                selected.chain(uses).collect_view().into_any()
            })
        })
    }
}

/// A badge on every shape with findings, keyed like the shapes.
pub fn badges_view(
    geometry: Signal<Arc<Layout>>,
    badges: Signal<BTreeMap<String, (Severity, usize)>>,
) -> impl IntoView {
    let marks = Memo::new(move |_| {
        geometry.with(|l| {
            badges.with(|b| {
                group_by_top(
                    &l.shapes,
                    |s| s,
                    |s, r| b.get(&s.id).map(|m| Mark::Badge(s.id.clone(), r, *m)),
                )
            })
        })
    });
    grouped_view(marks)
}
