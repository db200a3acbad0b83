//! Rules the recovery timings make possible: objectives a design cannot
//! meet by construction, and a DR region too small for the primary's load.
//! Each names the timing fact it rests on (docs/reference/dr-timings.md).

use crate::core::catalog::dr_timings::fact;
use crate::core::model::{FailoverRole, RegionNode, RegionRole, RoutingPolicy, VpcNode};
use crate::core::simulate::capacity_after_losing;
use crate::core::validate::{rule, Ctx, Family::Design, Report, Rule, Severity::*};

/// The recovery family (listed with the design rules).
pub const RULES: &[Rule] = &[
    rule("DES-24", Warning, Design, "A failover record's detection alone should fit the RTO objective.",
        "Route 53 declares a primary unhealthy after its health check fails threshold times, interval seconds apart (Route 53 Developer Guide); resolvers then keep the old answer for the alias TTL (60 s). If that already exceeds the region RTO objective, no runbook can meet it.",
        "Use a 10 s interval and a lower failure threshold, or relax the objective.", des_24),
    rule("DES-25", Warning, Design, "An asynchronous store cannot meet an RPO objective below its replication lag.",
        "Cross-region replication is asynchronous: an RDS replica lags seconds to minutes (RDS User Guide), Aurora Global typically under 1 s (Aurora User Guide), S3 has no bound without Replication Time Control (S3 User Guide). Losing the primary region loses what was not yet copied.",
        "Relax the RPO objective, or choose a store that replicates faster (Aurora Global instead of an RDS replica).", des_25),
    rule("DES-26", Warning, Design, "An RPO of 0 cannot be met by a DynamoDB global table.",
        "Global tables replicate with multi-Region eventual consistency by default (typically within 1 s, no SLA, last writer wins). Multi-Region strong consistency (zero RPO) must be chosen at creation, needs three Regions of one set, and is not what the export creates.",
        "Accept an RPO of about a second, or keep these writes in a store with synchronous replication.", des_26),
    rule("DES-27", Warning, Design, "The other regions should be able to carry the primary's load.",
        "After the primary region is lost, its load (the desired sizes of its groups and services) moves to the others; if their maximum sizes cannot hold it, the service runs short exactly when it fails over (the simulation's capacity check).",
        "Raise the DR region's maximum sizes to at least the primary's desired sizes.", des_27),
];

fn des_24(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(rto) = ctx
        .design
        .objectives
        .region
        .as_ref()
        .and_then(|o| o.rto_seconds)
    else {
        return;
    };
    let ttl = fact("alias-ttl").map(|f| f.seconds).unwrap_or(60);
    for r in ctx
        .design
        .dns
        .iter()
        .flat_map(|d| &d.records)
        .filter(|r| r.policy == RoutingPolicy::Failover)
    {
        for t in r
            .targets
            .iter()
            .filter(|t| t.role == Some(FailoverRole::Primary))
        {
            let Some(h) = &t.health_check else { continue };
            // Exact, whatever the numbers (R53-14/15 refuse the absurd
            // ones; this message must not quote a clipped product).
            let detect = u64::from(h.interval) * u64::from(h.failure_threshold);
            if detect + u64::from(ttl) > u64::from(rto) {
                out.emit(
                    &[r.id.as_str()],
                    format!(
                        "Record {}: the health check needs {detect} s ({} × {} s) to declare {} down, plus {ttl} s of DNS caching, over the region RTO objective of {rto} s.",
                        ctx.name_of(&r.id),
                        h.failure_threshold,
                        h.interval,
                        ctx.name_of(&t.target)
                    ),
                );
            }
        }
    }
}

fn des_25(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(rpo) = ctx
        .design
        .objectives
        .region
        .as_ref()
        .and_then(|o| o.rpo_seconds)
    else {
        return;
    };
    let Some(primary) = ctx.design.primary() else {
        return;
    };
    let lag = |id: &str| fact(id).map(|f| f.seconds).unwrap_or(0);
    for n in primary.vpcs.iter().flat_map(|v| &v.nodes) {
        let (what, typical) = match n {
            VpcNode::Rds(d)
                if d.replica_of.is_none() && has_foreign_replica(ctx, &d.id, &primary.code) =>
            {
                (
                    "an RDS cross-region replica lags seconds to minutes",
                    lag("rds-replica-lag"),
                )
            }
            VpcNode::Aurora(c) if c.global.is_some() => (
                "Aurora Global replicates with a lag typically under 1 s",
                lag("aurora-global-lag"),
            ),
            _ => continue,
        };
        if rpo < typical {
            out.emit(
                &[n.id()],
                format!(
                    "{} cannot meet the RPO objective of {rpo} s: {what} ({typical} s assumed).",
                    ctx.name_of(n.id())
                ),
            );
        }
    }
    for n in &primary.nodes {
        if let RegionNode::S3(b) = n {
            if b.replicate_to.is_some() && rpo < 900 {
                out.emit(&[b.id.as_str()], format!("Bucket {} replicates without Replication Time Control: most objects arrive in seconds, with no bound, so an RPO objective of {rpo} s is not assured.", ctx.name_of(&b.id)));
            }
        }
    }
}

fn has_foreign_replica(ctx: &Ctx<'_>, id: &str, home: &str) -> bool {
    ctx.design
        .regions
        .iter()
        .filter(|r| r.code != home)
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .any(|n| matches!(n, VpcNode::Rds(x) if x.replica_of.as_deref() == Some(id)))
}

fn des_26(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    if ctx
        .design
        .objectives
        .region
        .as_ref()
        .and_then(|o| o.rpo_seconds)
        != Some(0)
    {
        return;
    }
    for r in &ctx.design.regions {
        for n in &r.nodes {
            if let RegionNode::Dynamodb(t) = n {
                if t.replicas.iter().any(|c| *c != r.code) {
                    out.emit(&[t.id.as_str()], format!("Table {} is a global table with eventually consistent replication (typically under 1 s): the RPO objective of 0 s is not met.", ctx.name_of(&t.id)));
                }
            }
        }
    }
}

fn des_27(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(primary) = ctx.design.primary() else {
        return;
    };
    if !ctx
        .design
        .regions
        .iter()
        .any(|r| r.role == RegionRole::Secondary)
    {
        return;
    }
    for c in capacity_after_losing(ctx.design, &ctx.index, &primary.code) {
        if !c.enough() {
            out.emit(&[primary.id.as_str()], format!(
                "After losing {}, the other regions need {} {} to carry the load but may grow to {} at most.",
                primary.code, c.needed, c.unit, c.max
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{Billing, KeyAttr, KeyType, Objective, RegionNode, VpcNode};

    fn with(rto: Option<u32>, rpo: Option<u32>) -> crate::core::model::Design {
        let mut d = base("active-passive");
        d.objectives.region = Some(Objective {
            rto_seconds: rto,
            rpo_seconds: rpo,
        });
        d
    }

    #[test]
    fn des_24_detection_over_the_rto() {
        fires_and_not(
            "DES-24",
            &with(Some(60), None),
            "app",
            &with(Some(600), None),
        );
    }

    /// Absurd health checks (R53-14/15 refuse them) are multiplied out
    /// exactly, not clipped at u32::MAX.
    #[test]
    fn des_24_quotes_the_exact_detection_time() {
        let mut d = with(Some(600), None);
        let h = d.dns.as_mut().unwrap().records[0]
            .targets
            .iter_mut()
            .find_map(|t| t.health_check.as_mut())
            .unwrap();
        (h.interval, h.failure_threshold) = (u32::MAX, 2);
        let f = findings(&d, "DES-24");
        assert!(
            f.iter()
                .any(|x| x.message.contains("8589934590 s (2 × 4294967295 s)")),
            "{f:#?}"
        );
    }

    #[test]
    fn des_25_async_stores_and_the_rpo() {
        fires_and_not(
            "DES-25",
            &with(None, Some(5)),
            "use1-db",
            &with(None, Some(120)),
        );
        let good = base("aurora-global");
        let mut bad = good.clone();
        bad.objectives.region = Some(Objective {
            rto_seconds: None,
            rpo_seconds: Some(0),
        });
        fires_and_not("DES-25", &bad, "use1-orders", &good);
        assert!(
            findings(&bad, "DES-25")
                .iter()
                .any(|x| x.subjects.contains(&"use1-assets".to_string())),
            "the bucket has no bound"
        );
    }

    #[test]
    fn des_26_rpo_zero_on_a_global_table() {
        let mut good = with(None, Some(1));
        good.regions[0]
            .nodes
            .push(RegionNode::Dynamodb(crate::core::model::Dynamodb {
                id: "use1-t".into(),
                name: "orders".into(),
                hash_key: KeyAttr {
                    name: "id".into(),
                    kind: KeyType::S,
                },
                range_key: None,
                billing: Billing::OnDemand,
                replicas: vec!["us-east-1".into(), "us-west-2".into()],
                ttl_attribute: None,
            }));
        let mut bad = good.clone();
        bad.objectives.region = Some(Objective {
            rto_seconds: None,
            rpo_seconds: Some(0),
        });
        fires_and_not("DES-26", &bad, "use1-t", &good);
    }

    #[test]
    fn des_27_a_dr_region_too_small() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Asg(g) = &mut bad.regions[1].vpcs[0].nodes[1] {
            g.max = 1;
        }
        fires_and_not("DES-27", &bad, "use1", &good);
    }
}
