//! The canvas's pure steps after an edit of the stress design, natively:
//! layout, the link list, incremental routing and the shapes' labels, for
//! a move of one workload, a move of a VPC and a CIDR change. Prints figures, asserts
//! nothing; `tests/web_bench.rs` prints the same steps in wasm.

use std::sync::Arc;
use std::time::Duration;
use topoform::core::layout::{labels, layout, links, Routes};
use topoform::core::model::Design;
use topoform::core::stress::{bench_edits, stress_design};

#[path = "common/median.rs"]
mod common;
use common::median;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    println!(
        "canvas steps after an edit of the stress design (median of 9, native, release build)"
    );
    let d = stress_design();
    let l0 = Arc::new(layout(&d));
    let shared = |d: &Design| -> Vec<Arc<topoform::core::layout::Link>> {
        links(d).into_iter().map(Arc::new).collect()
    };
    let routes = Routes::route(None, &l0, &shared(&d));
    let e = bench_edits(&d);
    for (what, next) in [
        ("move one workload", &e.moved),
        ("move a VPC (what bench-input drags)", &e.vpc_moved),
        ("CIDR change", &e.cidr),
    ] {
        let next: &Design = next;
        let l = Arc::new(layout(next));
        let ls = shared(next);
        let again = Routes::route(Some(&routes), &l, &ls);
        let lay = median(9, || {
            std::hint::black_box(layout(next));
        });
        let list = median(9, || {
            std::hint::black_box(links(next));
        });
        let route = median(9, || {
            std::hint::black_box(Routes::route(Some(&routes), &l, &ls));
        });
        let labelled = median(9, || {
            std::hint::black_box(labels(&l, next));
        });
        println!(
            "  {what}: layout {}, link list {}, routing incremental {} ({} of {} rerouted), labels {}",
            ms(lay),
            ms(list),
            ms(route),
            again.rerouted(),
            again.geoms().len(),
            ms(labelled)
        );
    }
}
