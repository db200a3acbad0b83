//! The one timing helper every benchmark shares (each bench is its own
//! crate, so it is included by path).

use std::time::{Duration, Instant};

/// Median time of `runs` calls of `f`, after one call to warm up.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
