//! Cost estimate timings: prints figures, asserts nothing. Target: the
//! 5,000-object stress design costed (estimate and DR tiers) in under 5 ms
//! in wasm (tests/web_bench.rs measures it there), so the cost panel can
//! follow every edit.

use topoform::core::cost::{estimate, tiers_of};
use topoform::core::stress::{object_count, stress_design};
use topoform::core::templates::TEMPLATES;

#[path = "common/median.rs"]
mod common;
use common::median;

fn main() {
    println!("cost benchmark (median, native, release build)");
    for t in TEMPLATES {
        let d = t.design().expect("template loads");
        let v = median(200, || {
            std::hint::black_box(estimate(&d));
        });
        println!("  template {:<16} {:>9.3} ms", t.id, v.as_secs_f64() * 1e3);
    }
    let d = stress_design();
    let e = estimate(&d);
    let v = median(20, || {
        std::hint::black_box(estimate(&d));
    });
    let w = median(20, || {
        let e = estimate(&d);
        std::hint::black_box(tiers_of(&d, &e));
    });
    println!(
        "  stress design {} objects, {} items: estimate {:>8.3} ms, with tiers {:>8.3} ms   (target < 5 ms in wasm)",
        object_count(&d),
        e.items.len(),
        v.as_secs_f64() * 1e3,
        w.as_secs_f64() * 1e3
    );
}
