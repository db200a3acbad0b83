//! A palette item dragged onto the canvas: while it moves, the hint says
//! where it would land (outlining that region or VPC) or why it cannot;
//! the release adds it there or shows the refusal.

use super::component::PaletteDrag;
use super::overlay::{Hint, Verdict};
use crate::core::edit::{self, PaletteItem, Placement};
use crate::core::layout::{object_at, Layout};
use crate::core::model::Design;
use leptos::prelude::*;
use std::sync::Arc;

/// What a palette drop reads and writes.
pub struct PaletteDrop {
    /// The item being dragged (set by the palette, cleared on release).
    pub palette: RwSignal<Option<PaletteDrag>>,
    /// The design it would go into.
    pub design: Signal<Design>,
    /// The canvas geometry, for what lies under the pointer.
    pub geometry: Memo<Arc<Layout>>,
    /// The hint the canvas shows.
    pub hint: RwSignal<Option<Hint>>,
    /// Adds the item into the object under the pointer.
    pub on_add: Option<Callback<(PaletteItem, Option<String>)>>,
}

/// Follows a palette drag with window listeners (the press began outside
/// the canvas, so the canvas's own handlers never see it).
pub fn follow_palette(
    drop: PaletteDrop,
    world_at: impl Fn(f64, f64) -> Option<(f64, f64)> + Copy + 'static,
    message: impl Fn(String) + Copy + 'static,
    cancel: impl Fn() + Copy + 'static,
) {
    let PaletteDrop {
        palette,
        design,
        geometry,
        hint,
        on_add,
    } = drop;
    crate::ui::on_window(leptos::ev::pointermove, move |ev| {
        let Some(mut p) = palette.get_untracked() else {
            return;
        };
        let at = (ev.client_x() as f64, ev.client_y() as f64);
        p.at = at;
        palette.set(Some(p));
        if !p.dragging() {
            return;
        }
        match world_at(at.0, at.1) {
            Some((wx, wy)) => {
                let target = geometry.with_untracked(|l| object_at(l, wx, wy).map(str::to_string));
                // Still over the same object: only the tooltip follows.
                let same = hint.with_untracked(|h| {
                    h.as_ref().is_some_and(|h| {
                        h.target == target && matches!(h.verdict, Verdict::Drop(_))
                    })
                });
                if same {
                    Hint::follow(hint, at);
                    return;
                }
                let verdict =
                    design.with_untracked(|d| edit::placement(d, p.item, target.as_deref()));
                // Outline where the item will land (the region or VPC
                // around the shape pointed at), or what refuses it.
                let landing = match &verdict {
                    Ok(Placement::Region(id) | Placement::Vpc(id)) => Some(id.as_str()),
                    Ok(Placement::Canvas) => None,
                    Err(_) => target.as_deref(),
                };
                let rect =
                    geometry.with_untracked(|l| landing.and_then(|i| l.get(i)).map(|s| s.rect));
                hint.set(Some(Hint::drop(p.item, target, rect, verdict, at)));
            }
            None => hint.set(None),
        }
    });
    crate::ui::on_window(leptos::ev::pointerup, move |ev| {
        let Some(p) = palette.get_untracked() else {
            return;
        };
        let at = (ev.client_x() as f64, ev.client_y() as f64);
        if (PaletteDrag { at, ..p }).dragging() && world_at(at.0, at.1).is_some() {
            match hint.get_untracked().map(|h| h.verdict) {
                Some(Verdict::Drop(Ok(target))) => {
                    if let Some(cb) = on_add {
                        cb.run((p.item, target));
                    }
                }
                Some(Verdict::Drop(Err(reason))) => message(reason),
                _ => {}
            }
        }
        cancel();
    });
}
