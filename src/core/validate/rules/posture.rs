//! Posture rules for what a design asks for on purpose but security scanners
//! (checkov) flag: Topoform says so first, and the export carries a
//! `#checkov:skip` with the same reason on exactly that resource. Ids
//! `DES-2n` are Topoform's own; unencrypted databases are the catalog's
//! RDS-12 (rules/rds.rs).

use crate::core::model::{HttpProtocol, VpcNode};
use crate::core::validate::{rule, Ctx, Family::LoadBalancing, Report, Rule, Severity::*};

/// Catalog ids of this family that are not implemented (none: these are Topoform's own).
pub const SKIPPED: &[(&str, &str)] = &[];

/// The posture family.
pub const RULES: &[Rule] = &[
    rule("DES-20", Warning, LoadBalancing, "A load balancer listener should speak HTTPS, not plain HTTP.",
        "Plain HTTP sends requests and cookies unencrypted; checkov fails it (CKV_AWS_2, CKV_AWS_103, CKV_AWS_378, CKV2_AWS_20), so the export skips those checks on this load balancer with this reason.",
        "Switch the listener to HTTPS on port 443 and set the region's certificate_arn at export.", des_20),
];

fn des_20(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for v in &r.vpcs {
            for n in &v.nodes {
                if let VpcNode::Alb(a) = n {
                    if a.listener.protocol == HttpProtocol::Http {
                        out.emit(
                            &[&a.id],
                            format!(
                                "Load balancer {} ({}, {}) listens on plain HTTP port {}.",
                                a.name, r.code, v.name, a.listener.port
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{HttpProtocol, VpcNode};

    #[test]
    fn des_20_plain_http_listener() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Alb(a) = &mut bad.regions[0].vpcs[0].nodes[0] {
            a.listener.protocol = HttpProtocol::Http;
            a.listener.port = 80;
        }
        fires_and_not("DES-20", &bad, "use1-alb", &good);
    }
}
