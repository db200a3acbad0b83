//! Scenario tests on the templates, checked against what the seeds and
//! AWS's documentation say, and properties every scenario keeps.

use super::*;
use crate::core::model::VpcNode;
use crate::core::templates::template;

fn design(id: &str) -> Design {
    template(id)
        .and_then(|t| t.design().ok())
        .expect("template loads")
}

fn region(d: &Design, code: &str) -> Scenario {
    simulate(d, &Failure::Region(code.into()))
}

#[test]
fn active_passive_recovers_in_minutes_not_seconds() {
    let d = design("active-passive");
    let s = region(&d, "us-east-1");
    let rto = s.rto_seconds.expect("recovers");
    // Route 53 10 s × 3, the alias TTL, a person and an RDS promotion.
    assert!((300..=1800).contains(&rto), "RTO {rto} s: {:#?}", s.steps);
    assert!(
        s.steps
            .iter()
            .any(|x| x.fact == "design" && x.seconds == 30 && x.track == Track::Traffic),
        "{:#?}",
        s.steps
    );
    assert!(s
        .steps
        .iter()
        .any(|x| x.fact == "rds-replica-promote" && x.manual));
    assert!(s.steps.iter().any(|x| x.fact == "alias-ttl"));
    assert_eq!(s.rpo_seconds, Some(60), "{:#?}", s.stores);
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
    assert_eq!(strategy(&d), Strategy::WarmStandby);
}

#[test]
fn losing_the_standby_changes_nothing_for_traffic() {
    let d = design("active-passive");
    let s = region(&d, "us-west-2");
    assert_eq!(s.rto_seconds, Some(0), "{:#?}", s);
    assert_eq!(s.rpo_seconds, Some(0));
}

#[test]
fn aurora_global_loses_about_a_second_of_writes() {
    let d = design("aurora-global");
    let s = region(&d, "us-east-1");
    let aurora = s
        .stores
        .iter()
        .find(|x| x.kind == "aurora")
        .expect("the writer");
    assert_eq!(aurora.rpo_seconds, Some(1));
    assert!(s
        .steps
        .iter()
        .any(|x| x.fact == "aurora-global-promote" && x.manual));
    // The replicated bucket has no bound without RTC; its typical lag is the scenario's worst.
    assert!(s.stores.iter().any(|x| x.kind == "s3" && !x.bounded));
    assert!(s.rto_seconds.is_some());
}

#[test]
fn active_active_needs_no_promotion() {
    let mut d = design("active-active");
    let code = d.regions[0].code.clone();
    let s = region(&d, &code);
    assert!(
        s.steps
            .iter()
            .all(|x| !(x.manual && x.track == Track::Data)),
        "{:#?}",
        s.steps
    );
    assert_eq!(strategy(&d), Strategy::ActiveActive);
    // Without scaling policies someone must grow the survivors by hand.
    assert!(
        s.steps
            .iter()
            .any(|x| x.manual && x.track == Track::Capacity),
        "{:#?}",
        s.steps
    );
    // With target tracking everywhere, nobody has to do anything.
    for n in d
        .regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .flat_map(|v| v.nodes.iter_mut())
    {
        if let VpcNode::Asg(g) = n {
            g.scaling = Some(crate::core::model::Scaling::cpu(70));
        }
    }
    let s = region(&d, &code);
    assert!(s.steps.iter().all(|x| !x.manual), "{:#?}", s.steps);
    assert!(s.rto_seconds.unwrap() <= 600, "{:?}", s.rto_seconds);
    assert!(s.capacity.iter().all(Capacity::enough), "{:?}", s.capacity);
}

#[test]
fn a_one_region_design_cannot_recover_from_its_region() {
    let mut d = design("active-passive");
    d.regions.truncate(1);
    if let Some(dns) = &mut d.dns {
        for r in &mut dns.records {
            r.targets.retain(|t| t.target.starts_with("use1"));
        }
    }
    for n in d.regions[0].vpcs[0].nodes.iter_mut() {
        if let VpcNode::Rds(_) = n {}
    }
    let s = region(&d, "us-east-1");
    assert_eq!(s.rto_seconds, None);
    assert_eq!(s.rpo_seconds, None, "the database had no copy");
    assert!(
        s.unrecoverable.contains(&"use1-db".to_string()),
        "{:?}",
        s.unrecoverable
    );
    assert_eq!(strategy(&d), Strategy::BackupRestore);
}

#[test]
fn objectives_gate_the_scenario() {
    let mut d = design("active-passive");
    d.objectives.region = Some(crate::core::model::Objective {
        rto_seconds: Some(60),
        rpo_seconds: Some(5),
    });
    let s = region(&d, "us-east-1");
    assert_eq!(s.objectives_met, Some(false));
    d.objectives.region = Some(crate::core::model::Objective {
        rto_seconds: Some(3600),
        rpo_seconds: Some(600),
    });
    assert_eq!(region(&d, "us-east-1").objectives_met, Some(true));
    d.objectives.region = None;
    assert_eq!(region(&d, "us-east-1").objectives_met, None);
}

#[test]
fn an_az_loss_fails_over_inside_the_region() {
    let d = design("active-passive");
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(
        s.steps.iter().any(|x| x.fact == "rds-multi-az-failover"),
        "{:#?}",
        s.steps
    );
    assert!(s.steps.iter().any(|x| x.fact == "asg-scale-out"));
    assert_eq!(s.rpo_seconds, Some(0));
    assert!(
        s.rto_seconds.is_some_and(|x| x <= 300),
        "{:?}",
        s.rto_seconds
    );
}

#[test]
fn a_single_az_group_fails_its_region_over_or_does_not_come_back() {
    let mut d = design("active-passive");
    if let VpcNode::Asg(g) = &mut d.regions[0].vpcs[0].nodes[1] {
        g.subnets = vec!["use1-app-a".into()];
    }
    // The load balancer has nothing left behind it: the failover record's
    // health check sends traffic to us-west-2, as when the region is lost.
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(s
        .notes
        .iter()
        .any(|n| n.contains("Group app runs in use1-az1 only")));
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
    assert_eq!(s.rto_seconds, region(&d, "us-east-1").rto_seconds);
    assert!(s.rto_seconds.is_some());

    // With no record to send traffic elsewhere, the group does not come back.
    d.dns = None;
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(
        s.unrecoverable.contains(&"use1-app".to_string()),
        "{:?}",
        s.unrecoverable
    );
    assert_eq!(s.rto_seconds, None);
}

#[test]
fn every_step_names_a_fact_or_the_design() {
    for t in crate::core::templates::TEMPLATES {
        let d = t.design().unwrap();
        for s in simulate_all(&d) {
            for step in &s.steps {
                assert!(
                    step.fact == "design"
                        || crate::core::catalog::dr_timings::fact(step.fact).is_some(),
                    "{}: {}",
                    t.id,
                    step.fact
                );
                assert!(!step.source.is_empty());
            }
            // The RTO is the last step to end, or earlier when the rest only
            // restores a standby region.
            if let (Some(rto), Some(last)) =
                (s.rto_seconds, s.steps.iter().map(|x| x.ends_at).max())
            {
                let standby = s.notes.iter().any(|n| n.contains("standby region"));
                assert!(
                    rto == last || (standby && rto < last),
                    "{}: {:?}",
                    t.id,
                    s.failure
                );
            }
        }
    }
}

#[test]
fn unknown_places_are_refused_with_the_choices() {
    let d = design("active-passive");
    assert_eq!(
        parse_failure(&d, "us-east-1"),
        Ok(Failure::Region("us-east-1".into()))
    );
    assert_eq!(
        parse_failure(&d, "usw2-az2"),
        Ok(Failure::Az("usw2-az2".into()))
    );
    let e = parse_failure(&d, "mars-1").unwrap_err();
    assert!(e.contains("us-east-1, us-west-2"), "{e}");
}

#[test]
fn random_designs_and_failures_never_panic() {
    use crate::core::stress::stress_design;
    let d = stress_design();
    let all = simulate_all(&d);
    assert!(all.len() > 20);
    // Failing a place the design lacks changes nothing.
    let none = simulate(&d, &Failure::Region("nowhere-1".into()));
    assert_eq!((none.rto_seconds, none.rpo_seconds), (Some(0), Some(0)));
    let none = simulate(&d, &Failure::Az("none-az9".into()));
    assert_eq!((none.rto_seconds, none.rpo_seconds), (Some(0), Some(0)));
    assert!(none.steps.is_empty() && none.unrecoverable.is_empty());
}

#[test]
fn component_failures_have_their_own_timelines() {
    let d = design("active-passive");
    let c = |id: &str| simulate(&d, &parse_failure(&d, id).expect(id));
    // RDS Multi-AZ: its own failover, nothing lost.
    let db = c("use1-db");
    assert_eq!(db.failure.kind(), "component");
    assert!(db
        .steps
        .iter()
        .any(|x| x.fact == "rds-multi-az-failover" && !x.manual));
    assert_eq!((db.rto_seconds, db.rpo_seconds), (Some(120), Some(0)));
    // A load balancer's region endpoint: Route 53 moves traffic away.
    let alb = c("use1-alb");
    assert!(
        alb.steps.iter().any(|x| x.fact == "alias-ttl"),
        "{:#?}",
        alb.steps
    );
    assert_eq!(alb.rto_seconds, Some(90));
    // The standby's load balancer carries nothing: no effect.
    assert_eq!(c("usw2-alb").rto_seconds, Some(0));
    // A group replaces its instances.
    assert!(c("use1-app")
        .steps
        .iter()
        .any(|x| x.fact == "asg-scale-out"));
    // A replica lost costs protection, not service.
    assert_eq!(c("usw2-db").rto_seconds, Some(0));
    // Components are asked for explicitly, never part of every_failure.
    assert!(every_failure(&d).iter().all(|f| f.kind() != "component"));
    // An unknown id changes nothing.
    let none = simulate(&d, &Failure::Component("nothing".into()));
    assert_eq!((none.rto_seconds, none.rpo_seconds), (Some(0), Some(0)));
}

#[test]
fn a_component_with_no_second_copy_does_not_come_back() {
    let mut d = design("active-passive");
    for n in d
        .regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .flat_map(|v| v.nodes.iter_mut())
    {
        if let VpcNode::Rds(x) = n {
            x.multi_az = false;
            x.replica_of = None;
        }
    }
    let s = simulate(&d, &Failure::Component("use1-db".into()));
    assert_eq!((s.rto_seconds, s.rpo_seconds), (None, None));
    assert_eq!(s.unrecoverable, vec!["use1-db".to_string()]);
    // Aurora in-region failover with two instances, recreated with one.
    let a = design("aurora-global");
    let w = simulate(&a, &Failure::Component("use1-orders".into()));
    assert!(
        w.steps.iter().any(|x| x.fact == "aurora-failover"),
        "{:#?}",
        w.steps
    );
    assert_eq!(w.rpo_seconds, Some(0));
    // A replicated bucket: a person points clients at its replica.
    let b = simulate(&a, &Failure::Component("use1-assets".into()));
    assert!(b.steps.iter().any(|x| x.manual), "{:#?}", b.steps);
    assert!(b.stores.iter().any(|x| x.kind == "s3" && !x.bounded));
}

/// Every Route 53 health check of the design, to set what AWS would refuse.
fn r53_checks(d: &mut Design) -> impl Iterator<Item = &mut crate::core::model::HealthCheck> {
    d.dns
        .iter_mut()
        .flat_map(|z| &mut z.records)
        .flat_map(|r| &mut r.targets)
        .filter_map(|t| t.health_check.as_mut())
}

#[test]
fn a_health_check_route_53_refuses_never_yields_a_saturated_rto() {
    let mut d = design("active-passive");
    let valid = region(&d, "us-east-1").rto_seconds.expect("recovers");
    let mut any = false;
    for h in r53_checks(&mut d) {
        (h.interval, h.failure_threshold) = (u32::MAX, u32::MAX);
        any = true;
    }
    assert!(any, "the template has a health check");
    let s = region(&d, "us-east-1");
    let rto = s.rto_seconds.expect("recovers");
    // The most Route 53 accepts: 10 failures 30 s apart (5 min), not u32::MAX s.
    let detect = s
        .steps
        .iter()
        .find(|x| x.fact == "design")
        .expect("a detection step");
    assert_eq!(detect.seconds, 300, "{detect:#?}");
    assert!(rto <= valid + 300, "RTO {rto} s: {:#?}", s.steps);
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("R53-14") && n.contains("R53-15") && n.contains("4294967295")),
        "{:#?}",
        s.notes
    );
    // A valid check is used as the design says, with no note.
    let valid = region(&design("active-passive"), "us-east-1");
    assert!(
        !valid.notes.iter().any(|n| n.contains("R53-1")),
        "{:#?}",
        valid.notes
    );
}

#[test]
fn a_target_health_check_aws_refuses_is_clamped_and_said() {
    let mut d = design("active-passive");
    // Detection through the load balancer's target health.
    for r in d.dns.iter_mut().flat_map(|z| &mut z.records) {
        r.targets.iter_mut().for_each(|t| t.health_check = None);
    }
    for n in d
        .regions
        .iter_mut()
        .flat_map(|r| &mut r.vpcs)
        .flat_map(|v| &mut v.nodes)
    {
        if let VpcNode::Alb(a) = n {
            a.health_check.interval = u32::MAX;
            a.health_check.unhealthy_threshold = u32::MAX;
        }
    }
    let s = region(&d, "us-east-1");
    let detect = s
        .steps
        .iter()
        .find(|x| x.fact == "design")
        .expect("a detection step");
    // 300 s × 10 failures: the most a target group accepts.
    assert_eq!(detect.seconds, 3000, "{detect:#?}");
    assert!(
        s.rto_seconds.is_some_and(|r| r < 10_000),
        "{:?}",
        s.rto_seconds
    );
    assert!(
        s.notes.iter().any(|n| n.contains("ALB-07")),
        "{:#?}",
        s.notes
    );
}

#[test]
fn capacity_sums_do_not_saturate_at_u32_max() {
    let mut d = design("active-active");
    let mut groups = 0u64;
    for n in d
        .regions
        .iter_mut()
        .flat_map(|r| &mut r.vpcs)
        .flat_map(|v| &mut v.nodes)
    {
        if let VpcNode::Asg(g) = n {
            if g.target.is_some() {
                (g.min, g.desired, g.max) = (u32::MAX, u32::MAX, u32::MAX);
                groups += 1;
            }
        }
    }
    assert!(groups >= 2, "the template has a group per region");
    let code = d.regions[0].code.clone();
    let s = region(&d, &code);
    let c = s
        .capacity
        .iter()
        .find(|c| c.unit == "instances")
        .expect("instances");
    // Every group serves: the survivors need the whole load, summed exactly.
    assert_eq!(c.needed, groups * u64::from(u32::MAX), "{c:?}");
    assert!(c.needed > u64::from(u32::MAX));
}
