//! Export timings: prints figures, asserts nothing. Target: the stress design
//! in under 100 ms in wasm (tests/web_bench.rs prints that figure).

use topoform::core::export::{export, zip, Layout};
use topoform::core::stress::{object_count, stress_design};
use topoform::core::templates::TEMPLATES;

#[path = "common/median.rs"]
mod common;
use common::median;

fn main() {
    println!("export benchmark (median, native, release build)");
    for t in TEMPLATES {
        let d = t.design().expect("template loads");
        let e = median(50, || {
            std::hint::black_box(export(&d, Layout::PerRegion).ok());
        });
        let files = export(&d, Layout::PerRegion).unwrap_or_default();
        let z = median(20, || {
            std::hint::black_box(zip(&files, "x").ok());
        });
        println!(
            "  template {:<16} export {:>8.3} ms  zip {:>8.3} ms  ({} files)",
            t.id,
            e.as_secs_f64() * 1e3,
            z.as_secs_f64() * 1e3,
            files.len()
        );
    }
    let d = stress_design();
    let e = median(5, || {
        std::hint::black_box(export(&d, Layout::PerRegion).ok());
    });
    match export(&d, Layout::PerRegion) {
        Ok(files) => println!(
            "  stress ({} objects) export {:.1} ms ({} files)",
            object_count(&d),
            e.as_secs_f64() * 1e3,
            files.len()
        ),
        Err(err) => println!("  stress design not exported: {err}"),
    }
}
