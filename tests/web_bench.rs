//! Figures in wasm, printed, never asserted: full validation of each template
//! and of the 5,000-object stress design. scripts/test runs this in release
//! with --nocapture (a debug build would measure the wrong thing).
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test web_bench -- --nocapture`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use topoform::core::templates::TEMPLATES;
use topoform::core::validate::{validate, Diagnostic};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Prints how long a full validation of the 5,000-object stress design takes
/// in wasm (a figure, not an assertion: the target is one frame, 16 ms).
#[wasm_bindgen_test]
fn validation_time_in_wasm() {
    let perf = window().performance().unwrap();
    let d = topoform::core::stress::stress_design();
    let _: Vec<Diagnostic> = validate(&d);
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t = perf.now();
            let out = validate(&d);
            std::hint::black_box(out);
            perf.now() - t
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    for t in TEMPLATES {
        let td = t.design().unwrap();
        let t0 = perf.now();
        for _ in 0..100 {
            std::hint::black_box(validate(&td));
        }
        console_log(&format!("wasm validate template {}: {:.3} ms", t.id, (perf.now() - t0) / 100.0));
    }
    console_log(&format!("wasm validate stress design: median {:.2} ms (min {:.2}, max {:.2}; target 16 ms)", times[7], times[0], times[14]));
}

fn console_log(s: &str) {
    web_sys::console::log_1(&s.into());
}
