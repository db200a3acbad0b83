//! Network rules: VPC and subnet CIDRs, AZs, peering.

use crate::core::validate::{Ctx, Family, Report, Rule, RuleDoc, Severity};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[];

/// The network family.
pub const RULES: &[Rule] = &[Rule {
    doc: RuleDoc {
        id: "NET-05",
        severity: Severity::Error,
        family: Family::Network,
        summary: "Subnet CIDRs in one VPC must not overlap.",
        why: "CreateSubnet fails at apply: \"A subnet CIDR block must not overlap the CIDR block of an existing subnet in the VPC.\"",
        fix: "Give each subnet its own block inside the VPC CIDR.",
    },
    check: net_05,
}];

fn net_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for region in &ctx.design.regions {
        for vpc in &region.vpcs {
            for (i, a) in vpc.subnets.iter().enumerate() {
                for b in &vpc.subnets[i + 1..] {
                    if let (Some(na), Some(nb)) = (ctx.cidr(&a.id), ctx.cidr(&b.id)) {
                        if na.contains(&nb.network()) || nb.contains(&na.network()) {
                            out.emit(
                                &[&a.id, &b.id],
                                format!(
                                    "Subnets {} ({}) and {} ({}) in VPC {} overlap.",
                                    a.name, na, b.name, nb, vpc.name
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn net_05_overlapping_subnets() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
        fires_and_not("NET-05", &bad, "use1-pub-b", &good);
    }
}
