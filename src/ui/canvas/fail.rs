//! Failing a region or an AZ on the canvas: a Fail / Restore button in
//! every region's header and every AZ band's label, the context menu's
//! entries and the `O` / `Shift+O` / Escape keys all set the app's one
//! `failed` signal, the one the outage panel sets, so the two always agree.
//! Failing is session state: never an edit, never saved, never undone.
//!
//! What it looks like ([`Fate`]): the failed place greyed and hatched with
//! a FAILED label, objects that do not come back tagged "✕ lost" (text, not
//! colour alone), links into the lost place drawn dashed and faded with
//! "✕ cut", and the links that carry the traffic now emphasised with
//! "→ takes over".

use super::stage::Stage;
use crate::core::layout::{
    clear_spot, Layout, LinkGeom, LinkKind, Point, Rect, RectExt, Shape, ShapeKind,
};
use crate::core::model::Design;
use crate::core::simulate::located::Located;
use crate::core::simulate::reroute::reroute;
use crate::core::simulate::{every_failure, simulate, Failure};
use leptos::prelude::*;
use std::collections::HashSet;

/// What the failure under way does to the drawing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fate {
    /// The failed place, when the design has it.
    pub failure: Option<Failure>,
    /// The frames of the failed place (a region, or every band of an AZ).
    pub veiled: Vec<(String, Rect)>,
    /// The objects that do not come back, with their boxes.
    pub lost: Vec<(String, Rect)>,
    /// Ids of the links into the lost place.
    pub cut: HashSet<String>,
    /// Ids of the links that carry the traffic now.
    pub carrying: HashSet<String>,
    /// Where to say so: a link's id, its middle, and whether it carries.
    pub notes: Vec<(String, f64, f64, bool)>,
}

impl Fate {
    /// How link `id` is drawn: `cut`, `carrying` or nothing special.
    pub fn of_link(&self, id: &str) -> Option<&'static str> {
        if self.carrying.contains(id) {
            Some("carrying")
        } else if self.cut.contains(id) {
            Some("cut")
        } else {
            None
        }
    }
}

/// Works out the [`Fate`] of `failure` (none when the design lacks the place).
pub fn fate_of(
    d: &Design,
    l: &Layout,
    placed: &[LinkGeom],
    at: &Located,
    failure: Option<&Failure>,
) -> Fate {
    let Some(f) = failure.filter(|f| every_failure(d).contains(f)) else {
        return Fate::default();
    };
    let scenario = simulate(d, f);
    let routes = reroute(d, at, f);
    let frame = match f {
        Failure::Region(_) => ShapeKind::Region,
        Failure::Az(_) => ShapeKind::Az,
        // The canvas fails places only (`every_failure` filtered above).
        Failure::Component(_) => return Fate::default(),
    };
    let veiled = l
        .shapes
        .iter()
        .filter(|s| s.kind == frame && at.down(&s.id, f))
        .map(|s| (s.id.clone(), s.rect))
        .collect();
    let lost = scenario
        .unrecoverable
        .iter()
        .filter_map(|id| l.get(id).map(|s| (id.clone(), s.rect)))
        .collect();
    let mut fate = Fate {
        failure: Some(f.clone()),
        veiled,
        lost,
        ..Fate::default()
    };
    // The boxes of the notes written so far: links that meet (a record's
    // targets, an accelerator's endpoints) would stack theirs.
    let mut taken: Vec<Rect> = Vec::new();
    let shapes: Vec<&Shape> = l.shapes.iter().collect();
    for g in placed {
        let (from, to) = (&g.link.from, &g.link.to);
        let carrying = routes.is_carrying(from, to);
        let cut = !carrying && (routes.is_cut(from, to) || at.down(from, f) || at.down(to, f));
        if !(cut || carrying) {
            continue;
        }
        let id = g.link.id();
        if g.link.kind != LinkKind::SubnetUse {
            if let Some(m) = note_place(g, &shapes, &taken) {
                taken.push(note_box(m));
                fate.notes.push((id.clone(), m.x, m.y, carrying));
            }
        }
        if carrying {
            fate.carrying.insert(id);
        } else {
            fate.cut.insert(id);
        }
    }
    fate
}

/// Fails `f`, or restores when `f` is already failed; says which.
pub fn toggle(st: Stage, f: Failure) {
    let Some(failed) = st.failed else {
        return;
    };
    let again = failed.with_untracked(|x| x.as_ref() == Some(&f));
    st.said.set(if again {
        format!("Restored {}.", f.what())
    } else {
        format!("Simulating the loss of {}.", f.what())
    });
    failed.set((!again).then_some(f));
}

/// Ends the simulated failure; false when there is none.
pub fn restore(st: Stage) -> bool {
    match st.failed {
        Some(failed) if failed.with_untracked(Option::is_some) => {
            failed.set(None);
            st.said.set("Restored: nothing is failed.".into());
            true
        }
        _ => false,
    }
}

/// What `O` (`Shift+O` with `region`) fails for the selection: the AZ of
/// the last selected object, else its region.
pub fn for_selection(st: Stage, region: bool) -> Option<Failure> {
    let id = st.selection.with_untracked(|s| s.last().cloned())?;
    st.located.with_untracked(|at| at.failure_for(&id, region))
}

/// The `O` / `Shift+O` keys: fail the selection's AZ (region), or restore
/// when that is already failed or nothing is selected while a place is.
pub fn key(st: Stage, region: bool) -> bool {
    if st.failed.is_none() {
        return false;
    }
    match for_selection(st, region) {
        Some(f) => toggle(st, f),
        None => {
            if !restore(st) {
                st.message("Select an object to fail its AZ (O) or its region (Shift+O).".into());
            }
        }
    }
    true
}

/// The failure a frame's button toggles: a region's code (`codes`: each
/// region's id and code), an AZ band's AZ.
fn frame_failure(codes: &[(String, String)], id: &str, kind: ShapeKind) -> Option<Failure> {
    match kind {
        ShapeKind::Region => codes
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, c)| Failure::Region(c.clone())),
        ShapeKind::Az => id
            .split_once('@')
            .map(|(_, az)| Failure::Az(az.to_string())),
        _ => None,
    }
}

/// Button sizes (world units): a region's header has room, an AZ band's less.
const REGION_BUTTON: (f64, f64) = (76.0, 26.0);
const AZ_BUTTON: (f64, f64) = (52.0, 18.0);
/// How much the buttons grow zoomed out, as the overview's names do.
const FAR_SCALE: f64 = super::component::FAR_NAME_SIZE / 12.0;
/// A region's button's gap from its frame's right edge.
const REGION_BUTTON_INSET: f64 = 12.0;

/// World units a region's Fail button takes from the right of its header
/// when zoomed out (its grown width, its inset and a gap): the room a
/// region's overview name must leave it.
pub(super) const REGION_BUTTON_FAR_ROOM: f64 =
    REGION_BUTTON.0 * FAR_SCALE + REGION_BUTTON_INSET + 6.0;

fn button(
    st: Stage,
    failed: RwSignal<Option<Failure>>,
    f: Failure,
    r: Rect,
    region: bool,
    far: Signal<bool>,
) -> impl IntoView {
    // Zoomed out, a region's button grows as the overview's names do, so
    // its word stays legible (e2e 05-legibility: at least 11 px at Fit);
    // 48 units tall, it sits 6 units down so it ends inside the region's
    // 60-unit header, above the first VPC.
    let k = move || if far.get() { FAR_SCALE } else { 1.0 };
    let size = move || {
        let (w, h) = if region { REGION_BUTTON } else { AZ_BUTTON };
        (w * k(), h * k())
    };
    let corner = move || {
        let (w, _) = size();
        if region {
            (
                r.x + r.w - w - REGION_BUTTON_INSET,
                r.y + if far.get() { 6.0 } else { 12.0 },
            )
        } else {
            // In the band's header row, beside its centred label, never
            // over the first subnet.
            (r.x + r.w - w - 4.0, r.y + 3.0)
        }
    };
    let on = {
        let f = f.clone();
        move || failed.with(|x| x.as_ref() == Some(&f))
    };
    let what = format!("{} {}", if region { "region" } else { "AZ" }, f.what());
    let aria = {
        let on = on.clone();
        move || format!("{} {what}", if on() { "Restore" } else { "Fail" })
    };
    let text = {
        let on = on.clone();
        move || if on() { "Restore" } else { "Fail" }
    };
    let code = f.what().to_string();
    view! {
        <g class="fail-toggle" class:on=on.clone() role="button" data-fail=code aria-label=aria aria-pressed=move || on().to_string()
            on:pointerdown=move |ev| ev.stop_propagation()
            on:click=move |ev| { ev.stop_propagation(); toggle(st, f.clone()); }>
            <rect x=move || corner().0 y=move || corner().1 width=move || size().0 height=move || size().1 rx="5"></rect>
            <text x=move || corner().0 + size().0 / 2.0 y=move || corner().1 + size().1 / 2.0 + 4.0 * k()
                font-size=move || format!("{}px", if region { 13.0 } else { 11.0 } * k()) text-anchor="middle">{text}</text>
        </g>
    }
}

/// The box a route note at `p` covers (the text is drawn centred under
/// the point, see `notes` below): about 100 × 16 units.
fn note_box(p: Point) -> Rect {
    Rect {
        x: p.x - 50.0,
        y: p.y + 2.0,
        w: 100.0,
        h: 16.0,
    }
}

/// Where a route note goes on `g`: the point nearest the middle of the
/// curve whose note covers no frame's title band, no labelled box (a note
/// at the midpoint of a line entering a region wrote over the region's
/// name) and no note already written (`taken`: links that meet wrote their
/// notes over each other); else the midpoint if no note is there; else none:
/// the link's colour still tells its fate, and a note beside it says the
/// same of another link.
fn note_place(g: &LinkGeom, shapes: &[&Shape], taken: &[Rect]) -> Option<Point> {
    clear_spot(g, shapes, taken, note_box).or_else(|| {
        let p = g.midpoint();
        let b = note_box(p);
        (!taken.iter().any(|t| t.overlaps(&b))).then_some(p)
    })
}

/// The Fail buttons of every region and AZ band (an AZ band's hidden
/// zoomed out, as its label is), then what the failure does: veils, notes, tags.
pub fn fail_view(st: Stage, fate: Memo<Fate>, far: Signal<bool>) -> impl IntoView {
    let failed = st.failed;
    // From the design's few regions, not `Located` (every object), so an
    // edit does not locate every object to draw the buttons.
    let frames = Memo::new(move |_| {
        let codes: Vec<(String, String)> = st.design.with(|d| {
            d.regions
                .iter()
                .map(|r| (r.id.clone(), r.code.clone()))
                .collect()
        });
        st.geometry.with(|l| {
            l.shapes
                .iter()
                .filter_map(|s| {
                    let f = frame_failure(&codes, &s.id, s.kind)?;
                    let key = format!("{}|{:?}", s.id, (s.rect.x, s.rect.y, s.rect.w, s.rect.h));
                    Some((key, f, s.rect, s.kind == ShapeKind::Region))
                })
                .collect::<Vec<_>>()
        })
    });
    // Regions' buttons always (a region is big enough to aim at zoomed
    // out), AZ bands' only while their labels are drawn.
    let shown = move || {
        let far = far.get();
        frames.with(|v| {
            v.iter()
                .filter(|x| x.3 || !far)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let buttons = move || {
        let failed = failed?;
        Some(view! {
            <For each=shown key=|(k, ..)| k.clone()
                children=move |(_, f, r, region)| button(st, failed, f, r, region, far) />
        })
    };
    let veils = move || {
        fate.with(|x| {
            x.veiled
                .iter()
                .map(|(id, r)| {
                    let (cx, cy) = (r.x + r.w / 2.0, r.y + (r.h / 2.0).min(90.0));
                    view! {
                        <g class="failed-place" data-failed=id.clone() aria-hidden="true">
                            <rect class="failed-veil" x=r.x y=r.y width=r.w height=r.h rx="8"></rect>
                            <rect class="failed-hatch" x=r.x y=r.y width=r.w height=r.h rx="8" fill="url(#fail-hatch)"></rect>
                            <rect class="failed-label-box" x=cx - 44.0 y=cy - 16.0 width="88" height="26" rx="5"></rect>
                            <text class="failed-label" x=cx y=cy + 3.0 text-anchor="middle">"FAILED"</text>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let notes = move || {
        fate.with(|x| {
            x.notes
                .iter()
                .map(|(id, mx, my, carrying)| {
                    let (class, text) = if *carrying { ("route-note carrying", "→ takes over") } else { ("route-note cut", "✕ cut") };
                    view! { <text class=class data-route=id.clone() x=*mx y=*my + 14.0 text-anchor="middle">{text}</text> }
                })
                .collect_view()
        })
    };
    let tags = move || {
        fate.with(|x| {
            x.lost
                .iter()
                .map(|(id, r)| {
                    let (x0, y0) = (r.x + r.w - 60.0, r.y - 10.0);
                    view! {
                        <g class="lost-tag" data-lost=id.clone()>
                            <rect x=x0 y=y0 width="58" height="18" rx="4"></rect>
                            <text x=x0 + 29.0 y=y0 + 13.0 text-anchor="middle">"✕ lost"</text>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <defs>
            <pattern id="fail-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line class="fail-hatch-line" x1="0" y1="0" x2="0" y2="10"></line>
            </pattern>
        </defs>
        <g class="layer-fail">{veils}{notes}{tags}</g>
        <g class="layer-fail-buttons">{buttons}</g>
    }
}
