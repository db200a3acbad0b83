//! The largest usage figure a real system could have, per field. The
//! format takes any whole number, so a typo or a hand-edited file can ask
//! for 18,446,744,073,709,551,615 GB a month; priced as it is, that makes
//! an estimate of quintillions of dollars. Rule DES-31 reports a figure
//! over its ceiling, `topoform cost` refuses to estimate with one, and the
//! estimate itself counts at most the ceiling, so no figure it prints is
//! beyond what a real bill could say.
//!
//! The ceilings are far above any real system: a million times the largest
//! published workloads would still fit under most of them.

use crate::core::model::Usage;
use std::fmt;

/// An exabyte, in GB.
const EXABYTE_GB: u64 = 1_000_000_000;

/// Each usage field: its name, the unit messages give it, and its ceiling.
pub const LIMITS: [(&str, &str, u64); 10] = [
    // About 380 million requests a second, all month.
    (
        "requests_per_month",
        "requests a month",
        1_000_000_000_000_000,
    ),
    ("load_balancer_gb", "GB a month", EXABYTE_GB),
    ("nat_gb", "GB a month", EXABYTE_GB),
    ("internet_egress_gb", "GB a month", EXABYTE_GB),
    ("replication_gb", "GB a month", EXABYTE_GB),
    ("s3_storage_gb", "GB", EXABYTE_GB),
    ("dynamodb_storage_gb", "GB", EXABYTE_GB),
    // A million million-units is a trillion requests a month (385,000 a
    // second) per table; the ceiling is a thousand times that.
    (
        "dynamodb_million_writes",
        "million writes a month",
        1_000_000_000,
    ),
    (
        "dynamodb_million_reads",
        "million reads a month",
        1_000_000_000,
    ),
    ("log_gb", "GB a month", EXABYTE_GB),
];

/// The fields' slots, in the order of [`LIMITS`].
fn slots(u: &mut Usage) -> [&mut Option<u64>; 10] {
    [
        &mut u.requests_per_month,
        &mut u.load_balancer_gb,
        &mut u.nat_gb,
        &mut u.internet_egress_gb,
        &mut u.replication_gb,
        &mut u.s3_storage_gb,
        &mut u.dynamodb_storage_gb,
        &mut u.dynamodb_million_writes,
        &mut u.dynamodb_million_reads,
        &mut u.log_gb,
    ]
}

/// A usage figure over its ceiling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    /// The field's name under `usage`.
    pub field: &'static str,
    /// The figure set.
    pub value: u64,
    /// Its ceiling.
    pub max: u64,
    /// The unit, for the message.
    pub unit: &'static str,
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "usage.{} is {} {}, more than any real system (at most {})",
            self.field,
            grouped(self.value),
            self.unit,
            grouped(self.max)
        )
    }
}

/// Every usage figure of `u` over its ceiling, in the order of [`LIMITS`].
pub fn out_of_range(u: &Usage) -> Vec<OutOfRange> {
    let mut u = u.clone();
    slots(&mut u)
        .into_iter()
        .zip(LIMITS)
        .filter_map(|(slot, (field, unit, max))| {
            slot.filter(|v| *v > max).map(|value| OutOfRange {
                field,
                value,
                max,
                unit,
            })
        })
        .collect()
}

/// `u` with every figure over its ceiling brought down to it.
pub fn capped(mut u: Usage) -> Usage {
    for (slot, (_, _, max)) in slots(&mut u).into_iter().zip(LIMITS) {
        if let Some(v) = slot {
            *v = (*v).min(max);
        }
    }
    u
}

/// `n` with its thousands grouped: `1,000,000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::USAGE_DEFAULTS as DEFAULTS;

    #[test]
    fn every_field_has_a_ceiling_and_the_defaults_are_under_it() {
        // Each slot is a different field: setting one to u64::MAX flags
        // exactly that one, under the name the format gives it.
        for (at, (field, _, _)) in LIMITS.iter().enumerate() {
            let mut u = Usage::default();
            *slots(&mut u)[at] = Some(u64::MAX);
            let json = serde_json::to_value(&u).unwrap();
            assert!(json.get(field).is_some(), "{field}: {json}");
            let over = out_of_range(&u);
            assert_eq!(over.len(), 1, "{field}");
            assert_eq!(over[0].field, *field);
        }
        assert!(out_of_range(&DEFAULTS).is_empty());
    }

    #[test]
    fn over_the_ceiling_is_named_and_capped() {
        let u = Usage {
            nat_gb: Some(u64::MAX),
            log_gb: Some(EXABYTE_GB),
            ..Usage::default()
        };
        let over = out_of_range(&u);
        assert_eq!(over.len(), 1, "the ceiling itself is allowed");
        assert_eq!(
            over[0].to_string(),
            "usage.nat_gb is 18,446,744,073,709,551,615 GB a month, more than any real system (at most 1,000,000,000)"
        );
        let c = capped(u);
        assert_eq!(c.nat_gb, Some(EXABYTE_GB));
        assert_eq!(c.log_gb, Some(EXABYTE_GB));
        assert_eq!(c.requests_per_month, None);
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }
}
