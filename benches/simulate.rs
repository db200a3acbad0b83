//! Outage simulation timings: prints figures, asserts nothing. Target: every
//! single-region and single-AZ scenario of the 5,000-object stress design in
//! under 16 ms (in wasm; tests/web_bench.rs measures it there), so the panel
//! updates within the frame of an edit.

use topoform::core::simulate::{every_failure, simulate, simulate_all};
use topoform::core::stress::stress_design;
use topoform::core::templates::TEMPLATES;

#[path = "common/median.rs"]
mod common;
use common::median;

fn main() {
    println!("simulation benchmark (median, native, release build)");
    for t in TEMPLATES {
        let d = t.design().expect("template loads");
        let v = median(200, || {
            std::hint::black_box(simulate_all(&d));
        });
        println!(
            "  template {:<16} {:>2} scenarios {:>9.3} ms",
            t.id,
            every_failure(&d).len(),
            v.as_secs_f64() * 1e3
        );
    }
    let d = stress_design();
    let v = median(10, || {
        std::hint::black_box(simulate_all(&d));
    });
    println!(
        "  stress design       {:>3} scenarios {:>9.3} ms   (target < 16 ms in wasm)",
        every_failure(&d).len(),
        v.as_secs_f64() * 1e3
    );
    for kind in ["region", "az"] {
        let fs: Vec<_> = every_failure(&d)
            .into_iter()
            .filter(|f| f.kind() == kind)
            .collect();
        let v = median(5, || {
            for f in &fs {
                std::hint::black_box(simulate(&d, f));
            }
        });
        println!(
            "    of which {kind:<6} {:>3} scenarios {:>9.3} ms (each building its own lookups)",
            fs.len(),
            v.as_secs_f64() * 1e3
        );
    }
}
