//! Drawing a link: a drag from a selected shape's handle shows a wire to
//! the pointer and, over another shape, whether the two can be linked and
//! as what; the release links them or says why not.

use super::overlay::{Hint, Verdict, Wire};
use super::stage::Stage;
use crate::core::edit;
use crate::core::layout::{object_at, RectExt, GLOBAL_ID};
use leptos::prelude::*;

/// Follows the pointer at client `(x, y)` from the shape `from`.
pub fn drag(st: Stage, from: &str, x: f64, y: f64) {
    let start = st.geometry.with_untracked(|l| l.get(from).map(|s| s.rect));
    let (Some(r), Some((wx, wy))) = (start, st.world_at(x, y)) else {
        return;
    };
    let target = st.geometry.with_untracked(|l| {
        object_at(l, wx, wy)
            .filter(|id| *id != from && *id != GLOBAL_ID)
            .and_then(|id| l.get(id).map(|s| (id.to_string(), s.rect)))
    });
    let known = st
        .hint
        .with_untracked(|h| h.as_ref().and_then(|h| h.target.clone()));
    match target {
        Some((id, rect)) if known.as_deref() != Some(id.as_str()) => {
            let verdict = st.design.with_untracked(|d| edit::orient(d, from, &id));
            st.hint.set(Some(Hint::link(id, rect, verdict, (x, y))));
        }
        Some(_) => Hint::follow(st.hint, (x, y)),
        None => st.hint.set(None),
    }
    st.wire.set(Some(Wire {
        from: (r.right(), r.center().y),
        to: (wx, wy),
    }));
}

/// Links the shapes the hint approved, or shows its refusal.
pub fn release(st: Stage) {
    let Some(Verdict::Link(link)) = st.hint.get_untracked().map(|h| h.verdict) else {
        return;
    };
    match link {
        Ok((from, to)) => match st.design.with_untracked(|d| edit::connect(d, &from, &to)) {
            Ok(d) => st.edit(d),
            Err(e) => st.message(e.to_string()),
        },
        Err(reason) => st.message(reason),
    }
}
