//! The link layer: one curve per relation, styled by kind, with a halo so
//! it stays readable where it crosses a frame, dots at both ends, and the
//! link's note (a DNS target's role, weight or location) on its curve,
//! where it covers no title, box or other note.
//! Each line carries its link id, so a click selects it like a shape.

use super::fail::Fate;
use crate::core::layout::{LinkGeom, LinkKind, Point, NOTE_RISE};
use leptos::prelude::*;

/// How a failure draws link `id` (`cut`, `carrying`), as an attribute.
fn fate_attr(fate: Memo<Fate>, id: String) -> impl Fn() -> Option<&'static str> + Clone {
    move || fate.with(|f| f.of_link(&id))
}

/// Where a drawn link runs: what changes when it moves (its ends' region
/// moved, or its route was found after the frame). A link's element keeps
/// its identity and follows its [`Run`] by attribute, so a move sets a few
/// coordinates instead of making the link's elements again.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    start: Point,
    end: Point,
    /// Where its note is written (`core::layout::note_spots`).
    note: Point,
    d: String,
}

impl Run {
    /// How `g` runs, its note at `note` (the middle of the curve if none).
    pub fn of(g: &LinkGeom, note: Option<Point>) -> Run {
        Run {
            start: g.start,
            end: g.end,
            note: note.unwrap_or_else(|| g.midpoint()),
            d: g.path(),
        }
    }
}

/// Renders one placed link; `g` says what it is (kind, ends, note) and
/// `run` where it runs now; `title` says what it joins, in the canvas's
/// names ([`words`]).
/// A failure in progress dashes and fades the links it cuts and emphasises
/// those carrying the traffic now (`fate`).
pub fn link_view(g: &LinkGeom, run: Memo<Run>, title: String, fate: Memo<Fate>) -> impl IntoView {
    let kind = g.link.kind.as_str();
    let d = move || run.with(|r| r.d.clone());
    let note = g.link.note.clone();
    let aria = title.clone();
    let label = note.map(|n| {
        let (x, y) = (
            move || run.with(|r| r.note.x),
            move || run.with(|r| r.note.y - NOTE_RISE),
        );
        view! { <text class="link-note" x=x y=y text-anchor="middle">{n}</text> }
    });
    view! {
        <g class="link-group" data-fate=fate_attr(fate, g.link.id()) data-id=g.link.id() data-kind=kind data-from=g.link.from.clone() data-to=g.link.to.clone() role="img" aria-label=aria>
            <title>{title}</title>
            <path class="link-halo" d=d></path>
            <path class=format!("link {kind}") d=d></path>
            <circle class=format!("link-end {kind}") cx=move || run.with(|r| r.start.x) cy=move || run.with(|r| r.start.y) r="4"></circle>
            <circle class=format!("link-end {kind}") cx=move || run.with(|r| r.end.x) cy=move || run.with(|r| r.end.y) r="4"></circle>
            {label}
        </g>
    }
}

/// Renders a workload's line to one subnet it uses: lighter than
/// [`link_view`] (no end dots or tooltip element; the ends are markers),
/// since a design has many of them. Selectable like any link.
pub fn subnet_use_view(
    g: &LinkGeom,
    run: Memo<Run>,
    aria: String,
    fate: Memo<Fate>,
) -> impl IntoView {
    let d = move || run.with(|r| r.d.clone());
    view! {
        <g class="link-group" data-fate=fate_attr(fate, g.link.id()) data-id=g.link.id() data-kind="uses-subnet" data-from=g.link.from.clone() data-to=g.link.to.clone() role="img" aria-label=aria>
            <path class="link-halo" d=d></path>
            <path class="link uses-subnet" d=d marker-start="url(#use-end)" marker-end="url(#use-end)"></path>
        </g>
    }
}

/// What a link joins, in the names the canvas shows on its two ends
/// (`titles` maps shape ids to their titles; an end without a shape keeps
/// its id), with its note: the line's tooltip and accessible name.
pub fn words(g: &LinkGeom, titles: &std::collections::HashMap<String, String>) -> String {
    let name = |id: &String| titles.get(id).cloned().unwrap_or_else(|| id.clone());
    let (from, to) = (name(&g.link.from), name(&g.link.to));
    match (&g.link.kind, &g.link.note) {
        (LinkKind::SubnetUse, _) => format!("{from} uses subnet {to}"),
        (kind, Some(n)) => format!("{}: {from} → {to} ({n})", kind.label()),
        (kind, None) => format!("{}: {from} → {to}", kind.label()),
    }
}
