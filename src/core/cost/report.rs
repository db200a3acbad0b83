//! The estimate as text: the CLI's table and the export README's section.

use super::{Estimate, Tiers};
use crate::core::catalog::prices::PRICE_REGION;
use std::fmt::Write;

/// How many items the text lists.
pub const BIGGEST: usize = 10;

/// USD with thousands grouped and cents: `$1,234.50`.
pub fn money(x: f64) -> String {
    let whole = x.trunc() as u64;
    let cents = ((x - x.trunc()) * 100.0).round() as u64;
    let (whole, cents) = if cents == 100 {
        (whole + 1, 0)
    } else {
        (whole, cents)
    };
    format!("${}.{cents:02}", super::limits::grouped(whole))
}

/// The CLI's text report for `file`.
pub fn text(file: &str, e: &Estimate, t: &Tiers) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{file}: {} a month (prices of {}, {PRICE_REGION} list prices)",
        money(e.monthly_total),
        e.prices_as_of
    );
    let _ = writeln!(s, "\n  {:<16} {:>12}", "region", "monthly");
    for (code, v) in &e.regions {
        let _ = writeln!(s, "  {code:<16} {:>12}", money(*v));
    }
    let _ = writeln!(s, "  {:<16} {:>12}", "global", money(e.global));
    let _ = writeln!(s, "  {:<16} {:>12}", "total", money(e.monthly_total));
    let _ = writeln!(
        s,
        "\n  single-region baseline {}, multiplier {:.2}x, DR premium {}",
        money(e.single_region_baseline),
        e.multiplier,
        money(e.monthly_total - e.single_region_baseline)
    );
    let _ = writeln!(s, "\n  biggest items:");
    for i in e.items.iter().take(BIGGEST) {
        let _ = writeln!(
            s,
            "  {:>12}  {:<16} {}{}",
            money(i.monthly),
            i.region.map_or("global", String::as_str),
            i.subject,
            if i.estimate { " (estimate)" } else { "" }
        );
        let _ = writeln!(s, "                {}", i.what);
    }
    let _ = writeln!(s, "\n  DR tiers:");
    for x in &t.all {
        let _ = writeln!(
            s,
            "  {} {:<26} {:>12} {:>6.2}x  {}",
            if x.current { "*" } else { " " },
            x.label,
            money(x.monthly),
            x.multiplier,
            x.how
        );
    }
    if !e.assumed.is_empty() {
        let _ = writeln!(
            s,
            "\n  assumed (defaults, set them in the design's usage): {}",
            e.assumed.join(", ")
        );
    }
    if e.items.iter().any(|i| i.priced_elsewhere) {
        let _ = writeln!(
            s,
            "  regions other than {PRICE_REGION} are priced at {PRICE_REGION}'s prices"
        );
    }
    s
}

/// The export README's "What it costs" section (Markdown).
pub fn readme_section(e: &Estimate, t: &Tiers) -> String {
    let mut s = String::from("## What it costs\n\n");
    let _ = writeln!(
        s,
        "About **{} a month** on demand, from Topoform's price table of {} ({PRICE_REGION} list prices; \
         other regions are priced at {PRICE_REGION}'s). One region alone would cost {}: this design is \
         {:.2}× that. Run `topoform cost topoform.json` for every item.\n",
        money(e.monthly_total),
        e.prices_as_of,
        money(e.single_region_baseline),
        e.multiplier
    );
    s.push_str("| region | monthly |\n|---|---:|\n");
    for (code, v) in &e.regions {
        let _ = writeln!(s, "| {code} | {} |", money(*v));
    }
    let _ = writeln!(s, "| global | {} |\n", money(e.global));
    s.push_str("| DR tier | monthly | × one region |\n|---|---:|---:|\n");
    for x in &t.all {
        let _ = writeln!(
            s,
            "| {}{} | {} | {:.2} |",
            x.label,
            if x.current { " (this design)" } else { "" },
            money(x.monthly),
            x.multiplier
        );
    }
    if !e.assumed.is_empty() {
        let _ = writeln!(
            s,
            "\nAssumed usage (defaults; set `usage` in the design): {}.",
            e.assumed.join(", ")
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn money_groups_thousands_and_rounds_cents() {
        assert_eq!(money(1234567.891), "$1,234,567.89");
        assert_eq!(money(0.5), "$0.50");
        assert_eq!(money(9.999), "$10.00");
        assert_eq!(money(999.0), "$999.00");
    }
}
