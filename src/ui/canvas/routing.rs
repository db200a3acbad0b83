//! Routing after the frame (issue 13): an edit that leaves many links to
//! search (a VPC dragged across a large design, an add that grows its
//! VPC and moves everything below it) draws them provisionally at once,
//! moved with their ends or straight, and searches their routes in slices
//! of a few milliseconds after the frame that shows the edit, so the edit
//! reaches the screen without waiting for the search and the page answers
//! input between slices. A finished routing is exactly what routing
//! everything at once gives (`core::layout::Routing`, proven by
//! `tests/routing_props.rs`); while links are provisional the canvas says
//! so (`data-routing="pending"`).

use super::stage::Placed;
use crate::core::layout::{Routes, Routing};
use crate::platform;
use leptos::prelude::*;
use std::time::Duration;

/// How long the edit's own task may search before the rest waits for the
/// frame: small designs finish within it, so they never show a
/// provisional link.
const SEARCH_NOW_MS: f64 = 2.0;

/// How long each later slice searches before the page may answer input
/// and draw again.
const SLICE_MS: f64 = 8.0;

/// Searches `run` for up to [`SEARCH_NOW_MS`]; what is left goes to `work`
/// and is searched after the frame (the memo reading `settled` runs again
/// once it is done). Returns the links to draw now; their routing is kept
/// in `routes` (moved, not copied) as the next edit's starting point.
pub(super) fn search_now(
    mut run: Routing,
    work: StoredValue<Option<Routing>>,
    routes: StoredValue<Option<Routes>>,
    settled: RwSignal<u64>,
) -> Placed {
    let since = platform::clock_ms();
    let next = if run.step(|| platform::clock_ms() - since < SEARCH_NOW_MS) {
        work.set_value(None);
        run.finish()
    } else {
        let now = run.routes();
        let idle = work.with_value(Option::is_none);
        work.set_value(Some(run));
        if idle {
            // After the frame that shows the edit: an animation callback
            // runs just before that frame's rendering, and a task it posts
            // runs after it.
            request_animation_frame(move || later(work, routes, settled));
        }
        now
    };
    let out = Placed::from(&next);
    routes.set_value(Some(next));
    out
}

/// One slice of the search; the next is another task, so input and frames
/// come between. The routing under way may have been replaced by a newer
/// edit's meanwhile: the slice goes on with whichever is there.
fn later(
    work: StoredValue<Option<Routing>>,
    routes: StoredValue<Option<Routes>>,
    settled: RwSignal<u64>,
) {
    set_timeout(
        move || {
            let since = platform::clock_ms();
            // (The canvas may be gone: then its values are too.)
            let Some(done) = work.try_update_value(|w| {
                w.as_mut()
                    .map(|r| r.step(|| platform::clock_ms() - since < SLICE_MS))
            }) else {
                return;
            };
            match done {
                None => {}
                Some(false) => later(work, routes, settled),
                Some(true) => {
                    if let Some(run) = work.try_update_value(Option::take).flatten() {
                        routes.set_value(Some(run.finish()));
                        settled.update(|n| *n += 1);
                    }
                }
            }
        },
        Duration::ZERO,
    );
}
