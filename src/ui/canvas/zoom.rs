//! Zooming to objects: the view around the selection (Z, the "Zoom to
//! selection" button, a find result, the problems panel), a walked-to
//! shape brought into view, and what a selection is called when it is
//! read out.

use super::stage::Stage;
use crate::core::camera::ViewBox;
use crate::core::layout::{Link, Rect, RectExt};
use crate::core::model::Index;
use leptos::prelude::*;

/// World units around the objects the view centres on, so their context shows.
pub const FOCUS_MARGIN: f64 = 220.0;

/// The box holding the shapes and links `ids`, if any is drawn.
pub fn bounds(st: Stage, ids: &[String]) -> Option<Rect> {
    let shapes = st.geometry.with_untracked(|l| {
        ids.iter()
            .filter_map(|id| l.get(id))
            .map(|s| s.rect)
            .reduce(|a, b| a.union(&b))
    });
    let links = st.placed.with_untracked(|ls| {
        ls.iter()
            .filter(|g| ids.iter().any(|id| g.link.is(id)))
            .map(|g| g.bounds())
            .reduce(|a, b| a.union(&b))
    });
    match (shapes, links) {
        (Some(a), Some(b)) => Some(a.union(&b)),
        (a, b) => a.or(b),
    }
}

/// Fits the view to the selection; false when nothing selected is drawn.
pub fn to_selection(st: Stage) -> bool {
    let ids = st.selection.get_untracked();
    match bounds(st, &ids) {
        Some(b) => {
            st.camera.set(Some(ViewBox::fit(b, FOCUS_MARGIN)));
            true
        }
        None => false,
    }
}

/// Pans (keeping the zoom) so that `id` is in view, when it is not.
pub fn reveal(st: Stage, id: &str) {
    let Some(b) = bounds(st, &[id.to_string()]) else {
        return;
    };
    let vb = st.view();
    let inside =
        b.x >= vb.x && b.y >= vb.y && b.right() <= vb.x + vb.w && b.bottom() <= vb.y + vb.h;
    if !inside {
        let c = b.center();
        st.camera.set(Some(ViewBox {
            x: c.x - vb.w / 2.0,
            y: c.y - vb.h / 2.0,
            ..vb
        }));
    }
}

/// A sentence naming the selection, for screen readers.
pub fn describe(st: Stage, ids: &[String]) -> String {
    match ids {
        [] => "Nothing selected.".to_string(),
        [id] => st.design.with_untracked(|d| {
            if let Some(link) = Link::from_id(id) {
                // The ends named as the canvas and the inspector name them.
                let index = Index::new(d);
                let (from, to) = (
                    crate::core::edit::describe(&index, &link.from),
                    crate::core::edit::describe(&index, &link.to),
                );
                return format!("Selected {} link from {from} to {to}.", link.kind.label());
            }
            match Index::new(d).get(id) {
                Some(o) => format!(
                    "Selected {} {} ({}).",
                    o.kind().label(),
                    o.display_name(),
                    o.id()
                ),
                None => format!("Selected {id}."),
            }
        }),
        many => format!("{} objects selected.", many.len()),
    }
}
