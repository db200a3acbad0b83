//! Usage assumptions: the figures the cost estimate prices must be ones a
//! real system could have (`cost::limits`). Id `DES-31` is Topoform's own.

use crate::core::cost::limits::out_of_range;
use crate::core::validate::{rule, Ctx, Family::Design, Report, Rule, Severity::*};

/// The usage family.
pub const RULES: &[Rule] = &[
    rule("DES-31", Error, Design, "Usage assumptions must be figures a real system could have: at most an exabyte (1,000,000,000 GB) a month or stored, 10^15 requests and 10^9 million DynamoDB reads or writes a month.",
        "The format takes any whole number, so a typo or a hand-edited file can ask for billions of billions of GB; priced as it is, the estimate would print a bill of quintillions of dollars that means nothing. The estimate counts at most the ceiling, and topoform cost refuses to estimate until the figure is fixed.",
        "Set the figure to what the system really serves, or clear it to take the default.", des_31),
];

fn des_31(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for over in out_of_range(&ctx.design.usage) {
        out.emit(
            &[] as &[&str],
            format!(
                "{over}; the cost estimate counts {}.",
                crate::core::cost::limits::grouped(over.max)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn des_31_absurd_usage() {
        let good = base("active-passive");
        assert!(findings(&good, "DES-31").is_empty());
        let mut bad = good.clone();
        bad.usage.requests_per_month = Some(u64::MAX);
        bad.usage.s3_storage_gb = Some(1_000_000_000);
        let hits = findings(&bad, "DES-31");
        assert_eq!(hits.len(), 1, "{hits:#?}");
        assert_eq!(
            hits[0].message,
            "usage.requests_per_month is 18,446,744,073,709,551,615 requests a month, more than any real system (at most 1,000,000,000,000,000); the cost estimate counts 1,000,000,000,000,000."
        );
        assert_eq!(hits[0].severity, crate::core::validate::Severity::Error);
    }
}
