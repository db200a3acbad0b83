//! Validation (and load/layout) timings: prints figures, asserts nothing.
//! Targets: a template under 0.2 ms, the 5,000-object stress design under
//! 5 ms per full validation, natively.

use std::time::Duration;
use topoform::core::stress::{object_count, stress_design};
use topoform::core::templates::TEMPLATES;
use topoform::core::{layout, model, validate};

#[path = "common/median.rs"]
mod common;
use common::median;

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    println!("validation benchmark (median, native, release build)");
    for t in TEMPLATES {
        let d = t.design().expect("template loads");
        let v = median(500, || {
            std::hint::black_box(validate::validate(&d));
        });
        println!(
            "  template {:<16} validate {:>10}   (target < 0.2 ms)",
            t.id,
            ms(v)
        );
    }
    let d = stress_design();
    let text = model::save(&d);
    let n = object_count(&d);
    let v = median(30, || {
        std::hint::black_box(validate::validate(&d));
    });
    let diags = validate::validate(&d);
    let l = median(10, || {
        std::hint::black_box(model::load(&text).ok());
    });
    let lay = median(10, || {
        std::hint::black_box(layout::layout(&d));
    });
    println!(
        "  stress ({n} objects, {} diagnostics) validate {}   (target < 5 ms)",
        diags.len(),
        ms(v)
    );
    println!("  stress load {}   layout {}", ms(l), ms(lay));
    // Where the time goes: the slowest rules on the stress design.
    let ctx_time = median(10, || {
        std::hint::black_box(validate::Ctx::new(&d));
    });
    println!("  stress context (index + CIDRs) {}", ms(ctx_time));
    let ctx = validate::Ctx::new(&d);
    let mut per_rule: Vec<(Duration, &str)> = validate::registry::rules()
        .map(|r| {
            let t = median(5, || {
                let mut out = Vec::new();
                let mut rep = validate::Report::new(r, &mut out);
                (r.check)(&ctx, &mut rep);
                std::hint::black_box(out);
            });
            (t, r.doc.id)
        })
        .collect();
    per_rule.sort_by(|a, b| b.cmp(a));
    let top: Vec<String> = per_rule
        .iter()
        .take(6)
        .map(|(t, id)| format!("{id} {}", ms(*t)))
        .collect();
    println!("  slowest rules: {}", top.join(", "));
    let mut by_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    for x in &diags {
        *by_rule.entry(x.rule).or_default() += 1;
    }
    println!("  stress findings by rule: {by_rule:?}");
}
