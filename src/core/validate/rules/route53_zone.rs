//! An existing hosted zone (format version 2's `dns.zone_id`).

use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Route53, Report, Rule, Severity::*};

/// The existing-zone rules.
pub const RULES: &[Rule] = &[rule("R53-25", Error, Route53, "An existing hosted zone's id is 1-32 uppercase letters and digits (Z0123456789ABC).",
    "Records go into the zone by this id; Route 53 ids are at most 32 characters (HostedZone.Id), and the `/hostedzone/` prefix the API prints is not part of what aws_route53_record takes.",
    "Copy the id from the Route 53 console (Hosted zone details, e.g. Z0123456789ABC), or leave it empty to create the zone.", r53_25)];

/// Why `id` is not a hosted zone id, or None.
pub fn zone_id_problem(id: &str) -> Option<&'static str> {
    if id.starts_with("/hostedzone/") {
        Some("starts with /hostedzone/; give the id alone")
    } else if id.is_empty() || id.len() > 32 {
        Some("must be 1 to 32 characters long")
    } else if !id
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        Some("may only hold uppercase letters and digits")
    } else {
        None
    }
}

fn r53_25(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(id) = ctx.design.dns.as_ref().and_then(|d| d.zone_id.as_deref()) else {
        return;
    };
    if let Some(p) = zone_id_problem(id) {
        let none: [&str; 0] = [];
        out.emit(&none, format!("Hosted zone id \"{}\" {p}.", short(id)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    fn with_zone_id(id: Option<&str>) -> crate::core::model::Design {
        let mut d = base("active-passive");
        d.dns.as_mut().expect("the template has DNS").zone_id = id.map(Into::into);
        d
    }

    #[test]
    fn r53_25_zone_id() {
        for bad in [
            "/hostedzone/Z0123456789ABC",
            "z0123",
            "Z012-3",
            "",
            &"Z".repeat(33),
        ] {
            assert_eq!(
                findings(&with_zone_id(Some(bad)), "R53-25").len(),
                1,
                "{bad}"
            );
        }
        for good in [None, Some("Z0123456789ABC"), Some("Z1D633PJN98FT9")] {
            assert!(
                findings(&with_zone_id(good), "R53-25").is_empty(),
                "{good:?}"
            );
        }
    }
}
