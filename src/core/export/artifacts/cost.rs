//! The README's "What it costs" section: the offline estimate's total, per
//! region, and the DR tiers, with the date of the prices (`core::cost`).

use crate::core::cost::{estimate, report, tiers_of};
use crate::core::model::Design;

/// The section, or an empty string for a design without regions.
pub fn section(design: &Design) -> String {
    if design.regions.is_empty() {
        return String::new();
    }
    let e = estimate(design);
    format!("\n{}", report::readme_section(&e, &tiers_of(design, &e)))
}

#[cfg(test)]
mod tests {
    use super::section;
    use crate::core::catalog::prices::AS_OF;
    use crate::core::templates::template;

    #[test]
    fn the_section_carries_the_total_and_the_date_of_the_prices() {
        let d = template("active-passive")
            .and_then(|t| t.design().ok())
            .expect("template");
        let s = section(&d);
        assert!(s.starts_with("\n## What it costs\n"), "{s}");
        assert!(s.contains(AS_OF));
        let e = crate::core::cost::estimate(&d);
        assert!(s.contains(&format!("{:.2}×", e.multiplier)), "{s}");
        let mut empty = d.clone();
        empty.regions.clear();
        assert_eq!(section(&empty), "");
    }
}
