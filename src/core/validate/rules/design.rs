//! Design-level rules beyond the catalog: regions, roles, routing and data
//! copies across regions. Ids `DES-nn` are Topoform's own.

use super::aurora;
use crate::core::catalog;
use crate::core::model::{FailoverRole, NodeKind, RegionNode, RegionRole, RoutingPolicy, VpcNode};
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Design, Report, Rule, Severity::*};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Catalog ids of this family that are not implemented (none: these are Topoform's own).
pub const SKIPPED: &[(&str, &str)] = &[];

/// The design family.
pub const RULES: &[Rule] = &[
    rule("DES-01", Error, Design, "Exactly one region must be primary.",
        "The primary region holds the writers and is applied first; with none or two, the export cannot order the stacks.",
        "Mark one region primary and the others secondary.", des_01),
    rule("DES-02", Error, Design, "Every region code must be a catalog region, used once.",
        "Each region becomes a Terraform root with its own provider and state; unknown or repeated codes cannot be deployed.",
        "Pick an AWS region code from the list; merge repeated regions.", des_02),
    rule("DES-03", Warning, Design, "A secondary region should receive traffic from DNS or an accelerator.",
        "A region that nothing routes to never serves users, even in a disaster; it only costs money.",
        "Add its load balancer to a DNS record or an accelerator.", des_03),
    rule("DES-04", Warning, Design, "A secondary region should hold a copy of the primary's data.",
        "Without an RDS replica, an Aurora global member, a replicated bucket or a DynamoDB replica, the DR region has no data to serve after a failover.",
        "Replicate the primary's databases, buckets or tables into the region (\"Clone region as DR\" does it).", des_04),
    rule("DES-05", Warning, Design, "A region's subnets should use at least two of its AZs.",
        "Load balancers and DB subnet groups need two AZs (ALB-01, RDS-03); a region built in one AZ also fails with it.",
        "Add subnets in a second AZ of the region.", des_05),
    rule("DES-06", Error, Design, "The two targets of a failover record must be in different regions.",
        "Failover exists to survive a regional outage; two targets in one region fail together.",
        "Point the secondary at a load balancer in another region.", des_06),
    rule("DES-07", Error, Design, "Project and environment names must be lowercase slugs.",
        "They prefix every AWS name and state key: project 1-20 and environment 1-12 characters of a-z, 0-9 and '-', starting with a letter.",
        "Rename the project or environment (e.g. shop, prod).", des_07),
    rule("DES-08", Info, Design, "A headless Aurora secondary (0 instances) is a pilot light.",
        "AWS allows a secondary cluster with no instance: it keeps the replicated data but cannot serve reads or become the writer until an instance is created, which a failover must wait for (pilot light: RTO of tens of minutes or more).",
        "Count instance creation in the failover runbook and RTO, or give the secondary one instance (warm standby).", des_08),
    rule("DES-33", Info, Design, "Opt-in regions must be enabled in the account before anything applies there.",
        "Regions launched after 2019-03-20 are disabled in every account until an administrator enables them (AWS Account Management, \"Enable or disable Regions in your account\"); until then AWS refuses every call there, so the first apply of the region's stacks, the state bucket, a table replica or the bootstrap fails. Enabling takes minutes and is per account.",
        "Enable the region (console: Account, AWS Regions; or aws account enable-region --region-name CODE) in every account the design is applied to, before the first apply.", des_33),
];

fn des_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let primaries: Vec<&str> = ctx
        .design
        .regions
        .iter()
        .filter(|r| r.role == RegionRole::Primary)
        .map(|r| r.id.as_str())
        .collect();
    match primaries.len() {
        1 => {}
        // Nothing to deploy: the export would write empty roots and say
        // nothing, so this is an error like a design without a primary.
        0 if ctx.design.regions.is_empty() => out.emit(
            &[] as &[&str],
            "The design has no region; add one and mark it primary.",
        ),
        0 => {
            let all: Vec<&str> = ctx.design.regions.iter().map(|r| r.id.as_str()).collect();
            out.emit(
                &all,
                "No region is primary; mark the region that holds the writers as primary.",
            )
        }
        n => out.emit(
            &primaries,
            format!("{n} regions are primary; exactly one can be."),
        ),
    }
}

fn des_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let mut seen: FxHashMap<&str, &str> = FxHashMap::default();
    for r in &ctx.design.regions {
        if catalog::region(&r.code).is_none() {
            out.emit(
                &[&r.id],
                format!("\"{}\" is not an AWS region code.", short(&r.code)),
            );
        }
        if let Some(first) = seen.insert(&r.code, &r.id) {
            out.emit(
                &[first, r.id.as_str()],
                format!(
                    "{} appears twice in the design; each region can appear once.",
                    short(&r.code)
                ),
            );
        }
    }
}

fn routed_regions(ctx: &Ctx<'_>) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut add = |target: &str| {
        if let Some(r) = ctx.index.get(target).and_then(|o| o.region()) {
            ids.insert(r.id.clone());
        }
    };
    for rec in ctx.design.dns.iter().flat_map(|d| &d.records) {
        rec.targets.iter().for_each(|t| add(&t.target));
    }
    for acc in &ctx.design.accelerators {
        for e in &acc.endpoints {
            add(&e.target);
        }
        // A record pointing at an accelerator routes to the accelerator's regions.
    }
    ids
}

fn des_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let routed = routed_regions(ctx);
    for r in ctx
        .design
        .regions
        .iter()
        .filter(|r| r.role == RegionRole::Secondary)
    {
        let has_alb = r
            .vpcs
            .iter()
            .flat_map(|v| &v.nodes)
            .any(|n| n.kind() == NodeKind::Alb);
        if has_alb && !routed.contains(&r.id) {
            out.emit(&[&r.id], format!("Secondary region {} has load balancers but no DNS record or accelerator sends traffic to it.", short(&r.code)));
        }
    }
}

fn des_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let Some(p) = ctx.design.primary() else {
        return;
    };
    let has_data = p
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .any(|n| matches!(n, VpcNode::Rds(_) | VpcNode::Aurora(_)))
        || p.nodes
            .iter()
            .any(|n| matches!(n, RegionNode::S3(_) | RegionNode::Dynamodb(_)));
    if !has_data {
        return;
    }
    let mut copies: BTreeSet<String> = BTreeSet::new();
    for r in &ctx.design.regions {
        for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
            match n {
                VpcNode::Rds(d) if d.replica_of.is_some() => {
                    copies.insert(r.id.clone());
                }
                VpcNode::Aurora(c) if c.global.is_some() => {
                    copies.insert(r.id.clone());
                }
                _ => {}
            }
        }
        for n in &r.nodes {
            match n {
                RegionNode::S3(b) => {
                    if let Some((dr, _)) = b
                        .replicate_to
                        .as_deref()
                        .and_then(|t| ctx.index.region_node(t))
                    {
                        copies.insert(dr.id.clone());
                    }
                }
                RegionNode::Dynamodb(t) => {
                    for code in &t.replicas {
                        if let Some(dr) = ctx.design.regions.iter().find(|x| &x.code == code) {
                            copies.insert(dr.id.clone());
                        }
                    }
                }
            }
        }
    }
    for r in ctx
        .design
        .regions
        .iter()
        .filter(|r| r.role == RegionRole::Secondary)
    {
        if !copies.contains(&r.id) {
            out.emit(
                &[&r.id],
                format!(
                    "Secondary region {} holds no copy of {}'s data.",
                    short(&r.code),
                    short(&p.code)
                ),
            );
        }
    }
}

fn des_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        let Some(info) = catalog::region(&r.code) else {
            continue;
        };
        let used: BTreeSet<&str> = r
            .vpcs
            .iter()
            .flat_map(|v| &v.subnets)
            .map(|s| s.az.as_str())
            .collect();
        if used.len() == 1 && info.azs.len() >= 2 {
            out.emit(
                &[&r.id],
                format!(
                    "Region {} uses one AZ ({}) of the {} it offers.",
                    short(&r.code),
                    short(used.iter().next().copied().unwrap_or("")),
                    info.azs.len()
                ),
            );
        }
    }
}

fn des_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for rec in ctx
        .design
        .dns
        .iter()
        .flat_map(|d| &d.records)
        .filter(|r| r.policy == RoutingPolicy::Failover)
    {
        let region_of = |role| {
            rec.targets
                .iter()
                .find(|t| t.role == Some(role))
                .and_then(|t| ctx.index.get(&t.target))
                .and_then(|o| o.region())
        };
        if let (Some(a), Some(b)) = (
            region_of(FailoverRole::Primary),
            region_of(FailoverRole::Secondary),
        ) {
            if a.id == b.id {
                let ids: Vec<&str> = std::iter::once(rec.id.as_str())
                    .chain(rec.targets.iter().map(|t| t.target.as_str()))
                    .collect();
                out.emit(
                    &ids,
                    // Named as the canvas shows it (its full name), not by
                    // the `name` field alone, which reads like an id.
                    format!(
                        "{} has both targets in {}.",
                        super::route53::label(ctx, rec),
                        short(&a.code)
                    ),
                );
            }
        }
    }
}

fn des_08(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for (v, a) in r
            .vpcs
            .iter()
            .flat_map(|v| v.nodes.iter().map(move |n| (v, n)))
            .filter_map(|(v, n)| match n {
                VpcNode::Aurora(a) => Some((v, a)),
                _ => None,
            })
        {
            if a.instances == 0 && aurora::is_secondary(ctx, r, a) {
                out.emit(&[&a.id], format!(
                    "Aurora cluster {} in VPC {} ({}) is a headless secondary of global cluster {}: it holds the data but no instance, so a failover must first create one.",
                    a.name, v.name, r.code, a.global.as_deref().unwrap_or_default()));
            }
        }
    }
}

/// The opt-in regions (catalog `opt_in_required`) a design calls: its
/// regions, the regions of its table replicas and the state's region,
/// sorted and each once.
pub fn opt_in_regions(design: &crate::core::model::Design) -> Vec<&str> {
    let replicas = design
        .regions
        .iter()
        .flat_map(|r| &r.nodes)
        .flat_map(|n| match n {
            RegionNode::Dynamodb(t) => t.replicas.as_slice(),
            _ => &[],
        });
    let codes: BTreeSet<&str> = design
        .regions
        .iter()
        .map(|r| r.code.as_str())
        .chain(replicas.map(String::as_str))
        .chain([design.state.region.as_str()])
        .filter(|c| catalog::region(c).is_some_and(|i| i.opt_in_required))
        .collect();
    codes.into_iter().collect()
}

fn des_33(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for code in opt_in_regions(ctx.design) {
        let name = catalog::region(code)
            .map(|i| i.name.as_str())
            .unwrap_or_default();
        let subjects: Vec<&str> = ctx
            .design
            .regions
            .iter()
            .filter(|r| r.code == code)
            .map(|r| r.id.as_str())
            .collect();
        out.emit(&subjects, format!(
            "{code} ({name}) is an opt-in region: enable it in the account (aws account enable-region --region-name {code}) before the first apply; until then AWS refuses every call there."));
    }
}

fn slug_problem(s: &str, max: usize) -> Option<String> {
    if s.is_empty() || s.len() > max {
        return Some(format!("must be 1 to {max} characters"));
    }
    if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a lowercase letter".into());
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some("may only hold a-z, 0-9 and '-'".into());
    }
    None
}

fn des_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let none: [&str; 0] = [];
    if let Some(p) = slug_problem(&ctx.design.name, 20) {
        out.emit(
            &none,
            format!("Project name \"{}\" {p}.", short(&ctx.design.name)),
        );
    }
    if let Some(p) = slug_problem(&ctx.design.environment, 12) {
        out.emit(
            &none,
            format!("Environment \"{}\" {p}.", short(&ctx.design.environment)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::{RegionRole, VpcNode};

    #[test]
    fn des_01_one_primary() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.regions[1].role = RegionRole::Primary;
        fires_and_not("DES-01", &bad, "usw2", &good);
        bad.regions[0].role = RegionRole::Secondary;
        bad.regions[1].role = RegionRole::Secondary;
        fires_and_not("DES-01", &bad, "use1", &good);
    }

    /// A design with no region at all cannot be deployed: DES-01 says so
    /// (with no subject, as there is nothing to point at).
    #[test]
    fn des_01_no_region_at_all() {
        let des01 = findings(&crate::core::exercise::empty_design(), "DES-01");
        assert_eq!(des01.len(), 1, "{des01:#?}");
        assert_eq!(
            des01[0].message,
            "The design has no region; add one and mark it primary."
        );
        assert!(des01[0].subjects.is_empty());
        assert_eq!(des01[0].severity, crate::core::validate::Severity::Error);
    }

    #[test]
    fn des_02_unknown_or_repeated_region() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.regions[1].code = "us-moon-1".into();
        fires_and_not("DES-02", &bad, "usw2", &good);
        bad.regions[1].code = "us-east-1".into();
        fires_and_not("DES-02", &bad, "usw2", &good);
    }

    #[test]
    fn des_03_unrouted_secondary() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.dns = None;
        fires_and_not("DES-03", &bad, "usw2", &good);
    }

    #[test]
    fn des_04_no_data_copy() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Rds(d) = &mut bad.regions[1].vpcs[0].nodes[2] {
            d.replica_of = None;
        }
        fires_and_not("DES-04", &bad, "usw2", &good);
    }

    #[test]
    fn des_05_single_az_region() {
        let good = base("active-passive");
        let mut bad = good.clone();
        for s in &mut bad.regions[0].vpcs[0].subnets {
            s.az = "use1-az1".into();
        }
        fires_and_not("DES-05", &bad, "use1", &good);
    }

    #[test]
    fn des_06_failover_in_one_region() {
        let good = base("active-passive");
        let mut bad = good.clone();
        let mut extra = bad.regions[0].vpcs[0].nodes[0].clone();
        if let VpcNode::Alb(a) = &mut extra {
            a.id = "use1-alb2".into();
            a.name = "web2".into();
        }
        bad.regions[0].vpcs[0].nodes.push(extra);
        bad.dns.as_mut().unwrap().records[0].targets[1].target = "use1-alb2".into();
        fires_and_not("DES-06", &bad, "app", &good);
        let found = crate::core::validate::validate(&bad);
        let msg = &found.iter().find(|d| d.rule == "DES-06").unwrap().message;
        assert!(
            msg.starts_with("Record app.example.com (A failover) has both targets in us-east-1"),
            "{msg}"
        );
    }

    /// An outside design with its primary in il-central-1 (and replicas in
    /// me-central-1 and af-south-1) checked and exported without a word
    /// that those regions must be enabled first: the first apply fails.
    #[test]
    fn des_33_opt_in_regions_are_named_once_each() {
        let good = base("active-active");
        let mut bad = good.clone();
        bad.regions[1].code = "il-central-1".into();
        for r in &mut bad.regions {
            for n in &mut r.nodes {
                if let crate::core::model::RegionNode::Dynamodb(t) = n {
                    t.replicas.push("af-south-1".into());
                    t.replicas.push("il-central-1".into());
                }
            }
        }
        bad.state.region = "af-south-1".into();
        let hits = findings(&bad, "DES-33");
        assert_eq!(hits.len(), 2, "{hits:#?}");
        assert!(
            hits[0]
                .message
                .starts_with("af-south-1 (Africa (Cape Town)) is an opt-in region"),
            "{}",
            hits[0].message
        );
        assert!(
            hits[0].subjects.is_empty(),
            "no region of the design is af-south-1"
        );
        assert!(
            hits[1]
                .message
                .contains("enable-region --region-name il-central-1"),
            "{}",
            hits[1].message
        );
        assert_eq!(hits[1].subjects, vec![bad.regions[1].id.clone()]);
        assert!(findings(&good, "DES-33").is_empty());
    }

    #[test]
    fn des_08_headless_secondary() {
        let good = base("aurora-global");
        let mut bad = good.clone();
        if let VpcNode::Aurora(a) = &mut bad.regions[1].vpcs[0].nodes[2] {
            a.instances = 0;
        }
        fires_and_not("DES-08", &bad, "euw1-orders", &good);
        assert!(findings(&bad, "DES-08")
            .iter()
            .all(|d| d.severity == crate::core::validate::Severity::Info));
        // A headless primary is AGD-02's error, not a pilot light.
        let mut primary = good.clone();
        if let VpcNode::Aurora(a) = &mut primary.regions[0].vpcs[0].nodes[2] {
            a.instances = 0;
        }
        assert!(findings(&primary, "DES-08").is_empty());
    }

    #[test]
    fn des_07_project_name() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.name = "My Shop".into();
        let hits = findings(&bad, "DES-07");
        assert_eq!(hits.len(), 1, "{hits:#?}");
        assert!(findings(&good, "DES-07").is_empty());
    }
}
