//! The failover plan on the templates and on variations of them: which
//! database moves where, how far groups grow, which records move by themselves.

use super::*;
use crate::core::model::{Design, RoutingPolicy, VpcNode};
use crate::core::templates::template;

fn design(id: &str) -> Design {
    template(id)
        .and_then(|t| t.design().ok())
        .expect("template loads")
}

#[test]
fn rds_replica_is_promoted_in_its_region_and_the_group_grows_to_the_primary_size() {
    let d = design("active-passive");
    let p = plan(&d).expect("a plan");
    assert_eq!(p.primary.code, "us-east-1");
    assert_eq!(
        p.takers.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        ["us-west-2"]
    );
    assert_eq!(p.databases.len(), 1);
    let db = &p.databases[0];
    assert!(matches!(db.kind, DbKind::Rds { multi_az: true, ref stranded } if stranded.is_empty()));
    assert_eq!(
        (db.target_id.as_str(), db.target_region.as_str()),
        ("shop-prod-db", "us-west-2")
    );
    assert_eq!(p.groups.len(), 1);
    assert_eq!(
        (p.groups[0].design, p.groups[0].production),
        ((1, 1, 6), (2, 2))
    );
    assert!(!p.groups[0].at_size());
}

#[test]
fn aurora_member_is_the_target_and_a_headless_one_is_flagged() {
    let mut d = design("aurora-global");
    let p = plan(&d).expect("a plan");
    match &p.databases[0].kind {
        DbKind::Aurora {
            global_id,
            headless,
            primary_instances,
            ..
        } => {
            assert_eq!(
                (global_id.as_str(), *headless, *primary_instances),
                ("media-prod-orders", false, 2)
            );
        }
        DbKind::Rds { .. } => panic!("expected Aurora"),
    }
    assert_eq!(p.databases[0].target_id, "media-prod-orders-eu-west-1");
    for n in &mut d.regions[1].vpcs[0].nodes {
        if let VpcNode::Aurora(a) = n {
            a.instances = 0;
        }
    }
    let p = plan(&d).expect("a plan");
    assert!(matches!(
        p.databases[0].kind,
        DbKind::Aurora { headless: true, .. }
    ));
}

#[test]
fn without_databases_every_secondary_takes_over_and_equal_groups_are_at_size() {
    let d = design("active-active");
    let p = plan(&d).expect("a plan");
    assert!(p.databases.is_empty());
    assert_eq!(p.takers.len(), 2);
    assert_eq!(p.tables, ["game-prod-sessions"]);
    assert!(
        p.groups.iter().all(GroupMove::at_size),
        "secondaries already run the primary's size"
    );
    assert!(
        matches!(p.records[0].action, RecordAction::Automatic(..)),
        "latency with health checks everywhere"
    );
}

#[test]
fn a_single_region_has_no_plan() {
    let mut d = design("active-passive");
    d.regions.truncate(1);
    assert!(plan(&d).is_none());
}

#[test]
fn records_move_by_themselves_only_with_a_health_check_on_the_primary() {
    let d = design("active-passive");
    let p = plan(&d).expect("a plan");
    assert!(
        matches!(p.records[0].action, RecordAction::Automatic(..)),
        "fires not: primary has a check"
    );

    let mut no_check = d.clone();
    if let Some(dns) = &mut no_check.dns {
        dns.records[0].targets[0].health_check = None;
    }
    let p = plan(&no_check).expect("a plan");
    let RecordAction::Change(sets) = &p.records[0].action else {
        panic!("a change is needed without a health check")
    };
    assert_eq!(sets.len(), 1);
    assert_eq!(
        sets[0].dr,
        ("us-west-2".to_string(), "shop-prod-web".to_string())
    );
    assert_eq!(
        sets[0].primary,
        ("us-east-1".to_string(), "shop-prod-web".to_string())
    );
    let set: serde_json::Value = serde_json::from_str(&sets[0].set_json).expect("JSON");
    assert_eq!(set["Name"], "app.example.com");
    assert_eq!(set["SetIdentifier"], "use1-alb");
    assert_eq!(set["Failover"], "PRIMARY");
    assert_eq!(set["AliasTarget"]["DNSName"], "__ALB_DNS__");

    let mut simple = d.clone();
    if let Some(dns) = &mut simple.dns {
        dns.records[0].policy = RoutingPolicy::Simple;
        dns.records[0].targets.truncate(1);
    }
    let p = plan(&simple).expect("a plan");
    let RecordAction::Change(sets) = &p.records[0].action else {
        panic!("a simple record never moves by itself")
    };
    let set: serde_json::Value = serde_json::from_str(&sets[0].set_json).expect("JSON");
    assert!(set.get("SetIdentifier").is_none(), "{set}");
    assert_eq!(
        sets[0].dr.1, "shop-prod-web",
        "the DR twin of the primary's load balancer"
    );
}

#[test]
fn partitions_follow_the_region() {
    assert_eq!(partition("us-east-1"), "aws");
    assert_eq!(partition("cn-north-1"), "aws-cn");
    assert_eq!(partition("us-gov-west-1"), "aws-us-gov");
}

#[test]
fn set_identifiers_are_the_ones_the_export_writes_even_when_a_target_repeats() {
    use crate::core::model::{GeoLocation, Target};
    let mut d = design("active-passive");
    if let Some(dns) = &mut d.dns {
        let at = |continent: &str| Target {
            target: "use1-alb".into(),
            role: None,
            weight: None,
            location: Some(GeoLocation {
                continent: Some(continent.into()),
                ..GeoLocation::default()
            }),
            health_check: None,
        };
        dns.records[0].policy = RoutingPolicy::Geolocation;
        dns.records[0].targets = vec![at("EU"), at("NA")];
    }
    let p = plan(&d).expect("a plan");
    let RecordAction::Change(sets) = &p.records[0].action else {
        panic!("no health check: a change")
    };
    let ids: Vec<String> = sets
        .iter()
        .map(|s| {
            serde_json::from_str::<serde_json::Value>(&s.set_json).expect("JSON")["SetIdentifier"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let written: Vec<String> = crate::core::record_sets::record_sets(&d)
        .into_iter()
        .filter_map(|s| s.set_identifier)
        .collect();
    assert_eq!(ids, written);
    assert_ne!(ids[0], ids[1], "{ids:?}");
}

/// A wildcard record is checked through a name it answers for: curl cannot
/// resolve `*.example.com`, so the runbook failed its last step after a
/// good failover (found on a design with a `*` record).
#[test]
fn a_wildcard_record_is_checked_through_a_name_it_covers() {
    let mut d = design("active-passive");
    if let Some(dns) = &mut d.dns {
        dns.records[0].name = "*".into();
    }
    let p = plan(&d).expect("a plan");
    assert!(p.records[0].fqdn.starts_with("*."), "{}", p.records[0].fqdn);
    use crate::core::export::artifacts::{failback, promote_dr};
    for script in [promote_dr::promote_dr(&p), failback::failback(&p)] {
        let probe = format!("{}.{}", promote_dr::WILDCARD_PROBE, &p.records[0].fqdn[2..]);
        assert!(script.contains(&probe), "{script}");
        assert!(
            !script
                .lines()
                .any(|l| l.starts_with("printf -v URL") && l.contains("'*.")),
            "{script}"
        );
    }
}

/// Three regions, the primary's RDS instance replicated to both others: the
/// failover promotes one replica, and the other can never follow it (an RDS
/// replica keeps its source). The failback rebuilds the home writer under the
/// old name, so the other replica's source is gone: it must be deleted for
/// its root to recreate it, or it stays an orphan that Terraform cannot
/// re-point ("cannot elect new source database for replication").
#[test]
fn the_other_replicas_of_a_promoted_rds_writer_are_rebuilt_by_the_failback() {
    let d = crate::core::model::load(include_str!(
        "../../../../tests/fixtures/clean/three-region-rds-replicas.json"
    ))
    .expect("the fixture loads");
    let p = plan(&d).expect("a plan");
    assert_eq!(p.databases.len(), 1);
    let DbKind::Rds { stranded, .. } = &p.databases[0].kind else {
        panic!("expected RDS")
    };
    assert_eq!(p.databases[0].target_region, "us-west-1");
    assert_eq!(
        stranded,
        &[(
            "ca-central-1".to_string(),
            "triad-prod-ledger-north".to_string()
        )]
    );
    use crate::core::export::artifacts::{failback, promote_dr};
    let back = failback::failback(&p);
    let delete = back
        .find("run aws rds delete-db-instance --region 'ca-central-1' --db-instance-identifier 'triad-prod-ledger-north' ")
        .unwrap_or_else(|| panic!("the stranded replica is not rebuilt:\n{back}"));
    let promoted = back
        .find("run aws rds promote-read-replica --region 'us-east-2' --db-instance-identifier 'triad-prod-ledger'\n")
        .expect("the home writer is promoted");
    assert!(
        delete > promoted,
        "deleted only once the writer it will follow is home"
    );
    assert!(
        back.contains("terraform -chdir=regions/\"'ca-central-1'\" apply"),
        "{back}"
    );
    let over = promote_dr::promote_dr(&p);
    assert!(over.contains("triad-prod-ledger-north"), "{over}");
    assert!(
        !over.contains("--region 'ca-central-1' --db-instance-identifier"),
        "the failover leaves it serving reads:\n{over}"
    );
}

/// promote-dr.sh raises the groups and services before it promotes, and
/// waits for them only after the databases and the DNS step: their
/// instances boot while the databases are promoted, as the outage
/// simulation counts them (the growth starts when the person starts the
/// runbook, beside the promotion), and traffic does not wait for them.
#[test]
fn the_failover_grows_the_groups_while_the_databases_are_promoted() {
    use crate::core::export::artifacts::promote_dr::promote_dr;
    for (id, grow, promote, wait) in [
        (
            "active-passive",
            "run aws autoscaling update-auto-scaling-group --region 'us-west-2'",
            "run aws rds promote-read-replica --region 'us-west-2'",
            "wait_for 'shop-prod-app has 2 instances in service'",
        ),
        (
            "layered-ecs",
            "run aws ecs update-service --region 'us-west-2'",
            "  run aws rds failover-global-cluster --region 'us-west-2'",
            "wait_for 'saas-prod-api runs 2 tasks'",
        ),
    ] {
        let d = design(id);
        let sh = promote_dr(&plan(&d).expect("a plan"));
        let at = |what: &str| {
            sh.find(what)
                .unwrap_or_else(|| panic!("{id}: no `{what}` in:\n{sh}"))
        };
        let (grow, promote, wait) = (at(grow), at(promote), at(wait));
        let (databases, traffic) = (at("== 2. databases"), at("== 3. traffic"));
        assert!(
            grow < databases && databases < promote,
            "{id}: grows first:\n{sh}"
        );
        assert!(
            traffic < wait,
            "{id}: waits for capacity after the traffic step:\n{sh}"
        );
        assert!(
            !sh[at("log \"== 1. grow")..databases].contains("\nwait_for "),
            "{id}: nothing waits before the databases:\n{sh}"
        );
    }
    // The note on the next apply names the root that holds the service
    // (layered-ecs keeps it in the workloads layer).
    let sh = promote_dr(&plan(&design("layered-ecs")).expect("a plan"));
    assert!(
        sh.contains("the next apply of regions/\"'us-west-2'\"/workloads sets its scaling minimum"),
        "{sh}"
    );
}

/// A failover record with a health check, and an accelerator, move by
/// themselves when the primary's load balancers fail; an AZ loss that takes
/// only the writer leaves them healthy (the outage simulation's runbook
/// case), so promote-dr.sh says to move them by hand then, and the
/// failback, which moves nothing by hand, does not.
#[test]
fn the_failover_says_to_move_healthy_records_and_dials_by_hand_after_a_writer_loss() {
    use crate::core::export::artifacts::{failback::failback, promote_dr::promote_dr};
    let d = design("active-active");
    let p = plan(&d).expect("a plan");
    assert!(!p.accelerators.is_empty());
    let over = promote_dr(&p);
    assert!(
        over.contains("then set its traffic dial to 0 by hand"),
        "{over}"
    );
    let d = design("active-passive");
    let p = plan(&d).expect("a plan");
    assert!(p
        .records
        .iter()
        .any(|r| matches!(r.action, RecordAction::Automatic(..))));
    let over = promote_dr(&p);
    assert!(
        over.contains("unless the primary's health check still passes"),
        "{over}"
    );
    assert!(!failback(&p).contains("by hand\""));
}

/// An accelerator whose every endpoint is in the primary region has nowhere
/// to move (an outside design put one in front of the primary's load
/// balancer alone): the runbook said it "moves by itself", and a record
/// aimed at it had "no target in the primary region". A failover record
/// with another answer still moves by alias target health; a simple record
/// aimed at it alone needs a hand.
#[test]
fn an_accelerator_moves_only_with_endpoints_in_and_outside_the_primary() {
    use crate::core::export::artifacts::{failback::failback, promote_dr::promote_dr};
    use crate::core::model::{FailoverRole, Target};
    let mut d = design("active-active");
    d.accelerators[0]
        .endpoints
        .retain(|e| e.target == "use1-alb");
    let target = |t: &str, role| Target {
        target: t.into(),
        role,
        weight: None,
        location: None,
        health_check: None,
    };
    let dns = d.dns.as_mut().expect("a zone");
    let mut simple = dns.records[0].clone();
    simple.id = "www".into();
    simple.name = "www".into();
    simple.policy = RoutingPolicy::Simple;
    simple.targets = vec![target("edge", None)];
    let mut failover = simple.clone();
    failover.id = "apex".into();
    failover.name = "@".into();
    failover.policy = RoutingPolicy::Failover;
    failover.targets = vec![
        target("edge", Some(FailoverRole::Primary)),
        target("euw1-alb", Some(FailoverRole::Secondary)),
    ];
    dns.records.extend([simple, failover]);
    let p = plan(&d).expect("a plan");
    assert!(p.accelerators.is_empty());
    assert_eq!(p.stranded_accelerators.len(), 1);
    let action = |fqdn: &str| &p.records.iter().find(|r| r.fqdn == fqdn).unwrap().action;
    assert!(
        matches!(action("www.example.com"), RecordAction::Manual(why) if why.contains("every endpoint in the primary region"))
    );
    assert!(matches!(action("example.com"), RecordAction::Automatic(_, sets) if sets.is_empty()));
    let over = promote_dr(&p);
    assert!(over.contains("WARNING: Global Accelerator"), "{over}");
    assert!(
        !over.contains("moves by itself, it stops sending"),
        "{over}"
    );
    assert!(
        over.contains("\"'www.example.com'\": CHANGE IT BY HAND"),
        "{over}"
    );
    let back = failback(&p);
    assert!(
        back.contains("point it back at the primary by hand"),
        "{back}"
    );
    assert!(!back.contains("CHANGE IT BY HAND"), "{back}");
    // With an endpoint elsewhere again, it moves by itself as before.
    let d = design("active-active");
    let p = plan(&d).expect("a plan");
    assert!(p.stranded_accelerators.is_empty());
    assert!(promote_dr(&p).contains("moves by itself, it stops sending"));
    // With no endpoint in the primary (an outside design's accelerator over
    // its DR regions only), the primary's loss changes nothing for it: it
    // was said to move, and to need its dial set to 0 after an AZ loss.
    let mut d = design("active-active");
    d.accelerators[0]
        .endpoints
        .retain(|e| e.target != "use1-alb");
    let p = plan(&d).expect("a plan");
    assert!(p.accelerators.is_empty() && p.stranded_accelerators.is_empty());
    assert_eq!(p.idle_accelerators.len(), 1);
    let over = promote_dr(&p);
    assert!(
        over.contains("\": nothing to change: no endpoint in the primary region"),
        "{over}"
    );
    assert!(!over.contains("traffic dial to 0 by hand"), "{over}");
}
