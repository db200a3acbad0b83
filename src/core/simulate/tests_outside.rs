//! Scenarios on designs unlike the templates (found by checking the
//! figures by hand against `docs/reference/dr-timings.md`): every expected
//! number is worked out here from the design and the timing facts, never
//! copied from the program's output.

use super::*;
use crate::core::model::{
    Alb, AlbHealthCheck, Endpoint, FailoverRole, RegionNode, RoutingPolicy, Tier, VpcNode,
};
use crate::core::templates::template;

fn design(id: &str) -> Design {
    template(id)
        .and_then(|t| t.design().ok())
        .expect("template loads")
}

fn region(d: &Design, code: &str) -> Scenario {
    simulate(d, &Failure::Region(code.into()))
}

fn alb<'a>(d: &'a Design, id: &str) -> &'a Alb {
    d.regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .find_map(|n| match n {
            VpcNode::Alb(a) if a.id == id => Some(a),
            _ => None,
        })
        .expect("load balancer")
}

/// Detection through a load balancer's target health, as the reference's
/// Global Accelerator row says: interval × unhealthy threshold.
/// The scenario's capacity in instances.
fn instances(s: &Scenario) -> &Capacity {
    s.capacity
        .iter()
        .find(|c| c.unit == "instances")
        .expect("instances")
}

fn target_health(a: &Alb) -> u32 {
    a.health_check.interval * a.health_check.unhealthy_threshold
}

#[test]
fn an_accelerator_waits_for_every_lost_endpoint_not_only_the_first() {
    // active-active, with a second load balancer in us-east-1 behind the
    // accelerator whose target health is slower (30 s × 5 = 150 s).
    let mut d = design("active-active");
    let mut second = alb(&d, "use1-alb").clone();
    second.id = "use1-alb2".into();
    second.name = "admin".into();
    second.health_check = AlbHealthCheck {
        interval: 30,
        unhealthy_threshold: 5,
        ..second.health_check
    };
    d.regions[0].vpcs[0].nodes.push(VpcNode::Alb(second));
    // Something runs behind it: a load balancer with nothing behind it is
    // unhealthy before any outage and took no traffic.
    let mut group = d.regions[0].vpcs[0]
        .nodes
        .iter()
        .find_map(|n| match n {
            VpcNode::Asg(g) => Some(g.clone()),
            _ => None,
        })
        .expect("a group");
    group.id = "use1-admin".into();
    group.name = "admin".into();
    group.target = Some("use1-alb2".into());
    d.regions[0].vpcs[0].nodes.push(VpcNode::Asg(group));
    d.accelerators[0].endpoints.push(Endpoint {
        target: "use1-alb2".into(),
        weight: 128,
        traffic_dial: 100,
    });
    let s = region(&d, "us-east-1");
    for id in ["use1-alb", "use1-alb2"] {
        let want = target_health(alb(&d, id));
        let ga_shift = secs("ga-shift");
        assert!(
            s.steps
                .iter()
                .any(|x| x.fact == "design" && x.seconds == want && x.what.contains("Accelerator")),
            "no detection of {id} ({want} s): {:#?}",
            s.steps
        );
        assert!(
            s.steps
                .iter()
                .any(|x| x.fact == "ga-shift" && x.ends_at == want + ga_shift),
            "{id}: {:#?}",
            s.steps
        );
    }
    // Traffic has left only once the slowest endpoint is seen down.
    let slowest = target_health(alb(&d, "use1-alb2"));
    let traffic_end = s
        .steps
        .iter()
        .filter(|x| x.track == Track::Traffic)
        .map(|x| x.ends_at)
        .max();
    assert_eq!(traffic_end, Some(slowest + secs("ga-shift")));
}

#[test]
fn losing_targets_that_took_no_traffic_costs_no_time() {
    // An accelerator endpoint at traffic dial 0: ap-southeast-1 takes no
    // traffic through it; and no DNS record sends traffic there either.
    let mut d = design("active-active");
    for e in &mut d.accelerators[0].endpoints {
        if e.target == "apse1-alb" {
            e.traffic_dial = 0;
        }
    }
    if let Some(dns) = &mut d.dns {
        for r in &mut dns.records {
            r.targets.retain(|t| t.target != "apse1-alb");
        }
    }
    let s = region(&d, "ap-southeast-1");
    assert_eq!(s.rto_seconds, Some(0), "{:#?}", s.steps);
    assert!(s.steps.is_empty(), "{:#?}", s.steps);

    // A weighted record whose target in us-west-2 has weight 0: Route 53
    // answers with it only when the others are unhealthy.
    let mut d = design("active-passive");
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    record.policy = RoutingPolicy::Weighted;
    for t in &mut record.targets {
        t.weight = Some(if t.role == Some(FailoverRole::Primary) {
            100
        } else {
            0
        });
        t.role = None;
    }
    let s = region(&d, "us-west-2");
    assert_eq!(s.rto_seconds, Some(0), "{:#?}", s.steps);
    assert!(
        s.notes
            .iter()
            .any(|n| n
                .ends_with(": only a target of weight 0 was in us-west-2; traffic is unchanged.")),
        "{:#?}",
        s.notes
    );
    // Losing the weighted target that took the traffic still moves it.
    let s = region(&d, "us-east-1");
    assert!(
        s.steps.iter().any(|x| x.fact == "alias-ttl"),
        "{:#?}",
        s.steps
    );
}

/// Every target of a weighted record at weight 0 (an outside design's
/// canary record): Route 53 then answers with each of them with equal
/// probability, so each region took traffic and losing either moves it.
/// The simulation read each as idle ("only a target of weight 0 was in
/// us-west-2; traffic is unchanged", RTO 0).
#[test]
fn a_weighted_record_with_every_weight_zero_serves_from_every_target() {
    let mut d = design("active-passive");
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    record.policy = RoutingPolicy::Weighted;
    for t in &mut record.targets {
        t.weight = Some(0);
        t.role = None;
    }
    for code in ["us-west-2", "us-east-1"] {
        let s = region(&d, code);
        assert!(
            s.steps.iter().any(|x| x.fact == "alias-ttl"),
            "{code}: {:#?}",
            s.steps
        );
        assert!(
            s.rto_seconds.is_some_and(|x| x > 0),
            "{code}: {:#?}",
            s.steps
        );
        assert!(
            !s.notes.iter().any(|n| n.contains("weight 0")),
            "{code}: {:#?}",
            s.notes
        );
    }
    // Both regions served: losing us-east-1, us-west-2's own group was
    // already running for its share of the load.
    let lost_east = region(&d, "us-east-1");
    let c = instances(&lost_east);
    let west_desired: u64 = d.regions[1]
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .filter_map(|n| match n {
            VpcNode::Asg(g) => Some(u64::from(g.desired)),
            _ => None,
        })
        .sum();
    assert_eq!(c.running, west_desired, "{c:#?}");
}

/// active-active's table (home us-east-1, replicas elsewhere) put into
/// `d`'s primary region with replicas in `replicas`.
fn with_table(d: &mut Design, replicas: &[&str]) {
    let aa = design("active-active");
    let mut t = aa.regions[0]
        .nodes
        .iter()
        .find_map(|n| match n {
            RegionNode::Dynamodb(t) => Some(t.clone()),
            _ => None,
        })
        .expect("a table");
    t.replicas = replicas.iter().map(|c| c.to_string()).collect();
    d.regions[0].nodes.push(RegionNode::Dynamodb(t));
}

#[test]
fn losing_a_serving_region_loses_the_writes_its_table_replica_had_not_propagated() {
    // active-active: every region serves and writes to its own replica.
    let d = design("active-active");
    let table = d.regions[0]
        .nodes
        .iter()
        .find_map(|n| match n {
            RegionNode::Dynamodb(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    let replica_region = table.replicas[0].clone();
    assert_ne!(replica_region, d.regions[0].code);
    let s = region(&d, &replica_region);
    let lag = secs("ddb-global-lag");
    assert!(lag > 0);
    let store = s
        .stores
        .iter()
        .find(|x| x.id == table.id)
        .unwrap_or_else(|| panic!("no loss for {}: {:#?}", table.id, s.stores));
    assert_eq!(store.rpo_seconds, Some(lag));
    assert_eq!(s.rpo_seconds, Some(lag));

    // A standby region's replica took no writes: losing it loses none.
    let mut d = design("active-passive");
    let standby = d.regions[1].code.clone();
    with_table(&mut d, &[standby.as_str()]);
    let s = region(&d, &standby);
    assert_eq!(s.rpo_seconds, Some(0), "{:#?}", s.stores);
}

#[test]
fn survivors_that_cannot_grow_get_no_growing_step() {
    // active-active with every group fixed at its size (no scaling,
    // max = desired): losing a region leaves the others short, and no
    // step of theirs ends the outage, so the RTO is when traffic has moved.
    let mut d = design("active-active");
    for r in &mut d.regions {
        for n in r.vpcs.iter_mut().flat_map(|v| &mut v.nodes) {
            if let VpcNode::Asg(g) = n {
                g.min = g.desired;
                g.max = g.desired;
                g.scaling = None;
            }
        }
    }
    let code = d.regions[0].code.clone();
    let s = region(&d, &code);
    assert!(
        s.steps
            .iter()
            .all(|x| x.track != Track::Capacity && !x.manual),
        "{:#?}",
        s.steps
    );
    let traffic_end = s
        .steps
        .iter()
        .filter(|x| x.track == Track::Traffic)
        .map(|x| x.ends_at)
        .max();
    assert!(traffic_end.is_some());
    assert_eq!(s.rto_seconds, traffic_end);
    assert!(s.capacity.iter().any(|c| !c.enough()), "{:?}", s.capacity);
    assert!(
        s.notes.iter().any(|n| n.contains("run short")),
        "{:?}",
        s.notes
    );
}

#[test]
fn a_load_balancer_only_in_the_lost_az_fails_its_region_over() {
    // active-passive, its primary load balancer moved onto the public
    // subnets of one AZ (the group and database still span two).
    let mut d = design("active-passive");
    let v = &mut d.regions[0].vpcs[0];
    let az = v.subnets[0].az.clone();
    let one_az: Vec<String> = v
        .subnets
        .iter()
        .filter(|x| x.az == az && x.tier == Tier::Public)
        .map(|x| x.id.clone())
        .collect();
    assert!(!one_az.is_empty());
    for n in &mut v.nodes {
        if let VpcNode::Alb(a) = n {
            a.subnets = one_az.clone();
        }
    }
    // Its failover record moves traffic to us-west-2 as for a region loss.
    let s = simulate(&d, &Failure::Az(az.clone()));
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
    assert!(s.rto_seconds.is_some(), "{:#?}", s.steps);
    assert_eq!(s.rto_seconds, region(&d, "us-east-1").rto_seconds);
    // Without a way in to another region, it does not come back.
    d.dns = None;
    let s = simulate(&d, &Failure::Az(az.clone()));
    assert!(
        s.unrecoverable.contains(&"use1-alb".to_string()),
        "{:?}",
        s.unrecoverable
    );
    assert_eq!(s.rto_seconds, None, "{:#?}", s.steps);
}

#[test]
fn a_region_no_way_in_sends_traffic_to_carries_none_of_the_lost_load() {
    // active-active with ap-southeast-1 kept idle (weight 0 in the record,
    // traffic dial 0 at the accelerator) and its group fixed; the other
    // two scale by target tracking. Losing eu-west-1 moves its load to
    // us-east-1 only: Route 53 answers with a 0-weight target only when
    // every other one is unhealthy.
    let mut d = design("active-active");
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    record.policy = RoutingPolicy::Weighted;
    for t in &mut record.targets {
        t.weight = Some(if t.target == "apse1-alb" { 0 } else { 100 });
    }
    for e in &mut d.accelerators[0].endpoints {
        if e.target == "apse1-alb" {
            e.traffic_dial = 0;
        }
    }
    let scaling = crate::core::model::Scaling {
        metric: crate::core::model::ScalingMetric::Cpu,
        target_percent: 60,
    };
    let mut use1 = (0, 0);
    for r in &mut d.regions {
        for n in r.vpcs.iter_mut().flat_map(|v| &mut v.nodes) {
            if let VpcNode::Asg(g) = n {
                g.scaling = (r.code != "ap-southeast-1").then(|| scaling.clone());
                if r.code == "us-east-1" {
                    use1 = (g.desired, g.max);
                }
            }
        }
    }
    let s = region(&d, "eu-west-1");
    let c = instances(&s);
    assert_eq!(c.running, u64::from(use1.0), "{c:?}");
    assert_eq!(c.max, u64::from(use1.1), "{c:?}");
    // us-east-1 scales by itself once traffic has moved: nobody is paged.
    let grow = s
        .steps
        .iter()
        .find(|x| x.fact == "asg-scale-out")
        .unwrap_or_else(|| panic!("{:#?}", s.steps));
    assert!(!grow.manual, "{grow:?}");
    let traffic_end = s
        .steps
        .iter()
        .filter(|x| x.track == Track::Traffic)
        .map(|x| x.ends_at)
        .max()
        .expect("traffic moves");
    assert_eq!(grow.ends_at, traffic_end + secs("asg-scale-out"));
    assert!(s.steps.iter().all(|x| !x.manual), "{:#?}", s.steps);
}

/// aurora-global with every subnet of its primary region in one AZ (the
/// shape of a design drawn with one AZ): losing that AZ takes out the load
/// balancer, the group and the database writer.
fn one_az_primary() -> (Design, String) {
    let mut d = design("aurora-global");
    let primary = d.primary().expect("primary").code.clone();
    let r = d
        .regions
        .iter_mut()
        .find(|r| r.code == primary)
        .expect("region");
    let az = r.vpcs[0].subnets[0].az.clone();
    for x in r.vpcs.iter_mut().flat_map(|v| &mut v.subnets) {
        x.az = az.clone();
    }
    (d, az)
}

#[test]
fn an_az_that_held_all_a_region_serves_with_fails_it_over_like_a_region_loss() {
    let (mut d, az) = one_az_primary();
    // A health check of its own figures (30 s × 5) and a DR group that
    // scales by target tracking, so the traffic figures reach the RTO.
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    let hc = record
        .targets
        .iter_mut()
        .find(|t| t.role == Some(FailoverRole::Primary))
        .and_then(|t| t.health_check.as_mut())
        .expect("a health check on the primary");
    hc.interval = 30;
    hc.failure_threshold = 5;
    let detect = hc.interval * hc.failure_threshold;
    for r in d
        .regions
        .iter_mut()
        .filter(|r| r.role != crate::core::model::RegionRole::Primary)
    {
        for n in r.vpcs.iter_mut().flat_map(|v| &mut v.nodes) {
            if let VpcNode::Asg(g) = n {
                g.scaling = Some(crate::core::model::Scaling {
                    metric: crate::core::model::ScalingMetric::Cpu,
                    target_percent: 60,
                });
            }
        }
    }
    let traffic_end = detect + secs("alias-ttl");
    let data_end = secs("person-starts-runbook") + secs("aurora-global-promote");
    let capacity_end = traffic_end + secs("asg-scale-out");
    let want = traffic_end.max(data_end).max(capacity_end);

    let s = simulate(&d, &Failure::Az(az.clone()));
    assert_eq!(s.rto_seconds, Some(want), "{:#?}", s.steps);
    assert_eq!(s.rto_seconds, region(&d, "us-east-1").rto_seconds);
    // Only the database's copy loses writes: the bucket is regional and
    // the AZ loss does not touch it (the region loss counts its lag).
    assert_eq!(
        s.rpo_seconds,
        Some(secs("aurora-global-lag")),
        "{:?}",
        s.stores
    );
    assert!(
        s.stores.iter().all(|x| x.kind == "aurora"),
        "{:?}",
        s.stores
    );
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
    let ends = |fact: &str| {
        s.steps
            .iter()
            .find(|x| x.fact == fact)
            .map(|x| x.ends_at)
            .unwrap_or_else(|| panic!("no {fact}: {:#?}", s.steps))
    };
    assert_eq!(ends("alias-ttl"), traffic_end);
    assert_eq!(ends("aurora-global-promote"), data_end);
    assert_eq!(ends("asg-scale-out"), capacity_end);
    assert!(
        s.notes.iter().any(|n| n.contains("fails over as a whole")),
        "{:#?}",
        s.notes
    );
    let c = instances(&s);
    assert_eq!(c.running, 1, "{c:?}");
}

#[test]
fn an_az_loss_with_another_az_behind_the_balancer_does_not_fail_the_region_over() {
    // active-passive spans two AZs: the region carries on by itself.
    let d = design("active-passive");
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    let want = secs("alias-ttl")
        .max(secs("rds-multi-az-failover"))
        .max(secs("asg-scale-out"));
    assert_eq!(s.rto_seconds, Some(want), "{:#?}", s.steps);
    assert!(s.steps.iter().all(|x| !x.manual), "{:#?}", s.steps);
    assert!(!s.notes.iter().any(|n| n.contains("fails over as a whole")));
    assert!(s.capacity.iter().all(|c| c.needed <= c.max));

    // Its database alone in the lost AZ (no standby) and no copy in
    // another region: the load balancer still answers from the other AZ,
    // so traffic stays; the database is down until the AZ returns.
    let mut d = single_az_writer();
    for n in d.regions[1].vpcs[0].nodes.iter_mut() {
        if let VpcNode::Rds(x) = n {
            x.replica_of = None;
        }
    }
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert_eq!(s.rto_seconds, None, "{:#?}", s.steps);
    assert_eq!(s.unrecoverable, vec!["use1-db".to_string()]);
    assert!(!s.steps.iter().any(|x| x.fact == "rds-replica-promote"));
    assert!(s.steps.iter().all(|x| !x.manual), "{:#?}", s.steps);
}

/// active-passive with its writer single-AZ in use1-az1; the load balancer
/// and the group keep their subnets in use1-az2, and us-west-2 holds the
/// writer's cross-region replica behind the failover record.
fn single_az_writer() -> Design {
    let mut d = design("active-passive");
    for n in d.regions[0].vpcs[0].nodes.iter_mut() {
        if let VpcNode::Rds(x) = n {
            x.multi_az = false;
            x.subnets = vec!["use1-db-a".into()];
        }
    }
    d
}

#[test]
fn a_writer_lost_with_its_az_behind_a_healthy_front_door_recovers_by_the_runbook() {
    // The load balancer still answers from use1-az2 and its health checks
    // pass: Route 53 does not move traffic by itself. The runbook does: a
    // person starts it, promotes the replica in us-west-2, then moves the
    // record (its primary has a Route 53 health check, which keeps passing,
    // so the person runs it with --move-records); resolvers keep the
    // old answer for the alias TTL. The standby group grows meanwhile
    // (no target tracking: promote-dr.sh raises it, from when the person
    // starts).
    let d = single_az_writer();
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    let data_end = secs("person-starts-runbook") + secs("rds-replica-promote");
    let traffic_end = data_end + secs("alias-ttl");
    let capacity_end = secs("person-starts-runbook") + secs("asg-scale-out");
    assert_eq!(
        s.rto_seconds,
        Some(traffic_end.max(data_end).max(capacity_end)),
        "{:#?}",
        s.steps
    );
    assert_eq!(s.rto_seconds, Some(660));
    // The replica's lag, as for a region loss.
    assert_eq!(
        s.rpo_seconds,
        Some(secs("rds-replica-lag")),
        "{:?}",
        s.stores
    );
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
    let step = |fact: &str| {
        s.steps
            .iter()
            .find(|x| x.fact == fact && x.manual)
            .unwrap_or_else(|| panic!("no manual {fact}: {:#?}", s.steps))
    };
    assert_eq!(step("rds-replica-promote").ends_at, data_end);
    let moved = step("alias-ttl");
    assert_eq!(moved.ends_at, traffic_end);
    assert!(
        moved.what.contains("promote-dr.sh --move-records"),
        "{moved:?}"
    );
    // No health check sees anything fail: no detection step.
    assert!(s.steps.iter().all(|x| x.fact != "design"), "{:#?}", s.steps);
    // The assumption and the unknown in-region wait are said.
    for want in ["do not query the database", "unknown length"] {
        assert!(
            s.notes.iter().any(|n| n.contains(want)),
            "{want}: {:#?}",
            s.notes
        );
    }
    let c = instances(&s);
    assert_eq!((c.needed, c.running), (2, 1), "{c:?}");

    // Without a health check on the primary, promote-dr.sh re-points the
    // record itself: the same figures.
    let mut d2 = d.clone();
    for t in &mut d2.dns.as_mut().expect("dns").records[0].targets {
        t.health_check = None;
    }
    let s2 = simulate(&d2, &Failure::Az("use1-az1".into()));
    assert_eq!(s2.rto_seconds, s.rto_seconds, "{:#?}", s2.steps);
    assert!(s2
        .steps
        .iter()
        .any(|x| x.fact == "alias-ttl" && x.manual && x.what.starts_with("promote-dr.sh")));

    // An accelerator in front instead: a person turns the region's traffic
    // dial to 0, and no DNS cache holds the old answer.
    let mut d3 = d.clone();
    d3.dns = None;
    d3.accelerators = design("active-active").accelerators;
    d3.accelerators[0].endpoints = vec![
        Endpoint {
            target: "use1-alb".into(),
            weight: 128,
            traffic_dial: 100,
        },
        Endpoint {
            target: "usw2-alb".into(),
            weight: 128,
            traffic_dial: 0,
        },
    ];
    let s3 = simulate(&d3, &Failure::Az("use1-az1".into()));
    let shift = s3
        .steps
        .iter()
        .find(|x| x.fact == "ga-shift")
        .unwrap_or_else(|| panic!("{:#?}", s3.steps));
    assert!(shift.manual);
    assert_eq!(shift.ends_at, data_end + secs("ga-shift"));
    assert_eq!(s3.rto_seconds, Some(data_end.max(capacity_end)));

    // No way in at all: nothing can send the clients elsewhere.
    let mut d4 = d;
    d4.dns = None;
    let s4 = simulate(&d4, &Failure::Az("use1-az1".into()));
    assert_eq!(s4.rto_seconds, None, "{:#?}", s4.steps);
}

/// active-passive with an accelerator whose only endpoint is us-east-1's
/// load balancer, and the failover record's primary aimed at the
/// accelerator (no Route 53 health check of its own).
fn record_to_accelerator() -> Design {
    let mut d = design("active-passive");
    let mut a = design("active-active").accelerators[0].clone();
    a.id = "edge".into();
    a.endpoints = vec![Endpoint {
        target: "use1-alb".into(),
        weight: 128,
        traffic_dial: 100,
    }];
    d.accelerators = vec![a];
    for t in &mut d.dns.as_mut().expect("dns").records[0].targets {
        if t.role == Some(FailoverRole::Primary) {
            t.target = "edge".into();
            t.health_check = None;
        }
    }
    d
}

#[test]
fn a_record_aimed_at_an_accelerator_loses_it_with_its_endpoints_region() {
    let d = record_to_accelerator();
    let s = region(&d, "us-east-1");
    // The alias follows the accelerator's health, which follows its load
    // balancer's target health (30 s × 3), then the alias TTL.
    let detect = target_health(alb(&d, "use1-alb"));
    let traffic_end = detect + secs("alias-ttl");
    let data_end = secs("person-starts-runbook") + secs("rds-replica-promote");
    let capacity_end = secs("person-starts-runbook") + secs("asg-scale-out");
    assert_eq!(
        s.rto_seconds,
        Some(traffic_end.max(data_end).max(capacity_end)),
        "{:#?}\n{:#?}",
        s.steps,
        s.notes
    );
    assert!(
        s.steps
            .iter()
            .any(|x| x.fact == "design" && x.seconds == detect && x.what.contains("accelerator")),
        "{:#?}",
        s.steps
    );
    assert!(
        s.steps
            .iter()
            .any(|x| x.fact == "alias-ttl" && x.ends_at == traffic_end),
        "{:#?}",
        s.steps
    );
    // us-west-2, the record's secondary, carries what us-east-1 did.
    let c = instances(&s);
    assert_eq!((c.needed, c.running), (2, 1), "{c:?}");
    // Only clients calling the accelerator's addresses are left.
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
    assert!(
        s.notes.iter().any(|n| n.contains("static IP addresses")),
        "{:#?}",
        s.notes
    );

    // With a Route 53 health check on the accelerator target: its figures.
    let mut d2 = d.clone();
    for t in &mut d2.dns.as_mut().expect("dns").records[0].targets {
        if t.target == "edge" {
            t.health_check = design("active-passive").dns.expect("dns").records[0].targets[0]
                .health_check
                .clone();
        }
    }
    let s2 = region(&d2, "us-east-1");
    assert!(
        s2.steps
            .iter()
            .any(|x| x.fact == "design" && x.seconds == 10 * 3),
        "{:#?}",
        s2.steps
    );
    assert_eq!(s2.rto_seconds, Some(data_end.max(capacity_end)));
}

#[test]
fn a_record_aimed_at_an_accelerator_loses_it_with_its_endpoints_az() {
    // Every us-east-1 subnet in use1-az1: the AZ loss takes the
    // accelerator's only endpoint, and the region fails over as a whole,
    // as for the region loss.
    let mut d = record_to_accelerator();
    for x in d.regions[0].vpcs.iter_mut().flat_map(|v| &mut v.subnets) {
        x.az = "use1-az1".into();
    }
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(s.rto_seconds.is_some(), "{:#?}\n{:#?}", s.steps, s.notes);
    assert_eq!(s.rto_seconds, region(&d, "us-east-1").rto_seconds);
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);
}

#[test]
fn a_record_aimed_at_an_accelerator_loses_it_with_its_only_load_balancer() {
    // Losing the load balancer alone: the accelerator has no endpoint
    // left, and the record moves to us-west-2 once Route 53 sees it.
    let d = record_to_accelerator();
    let s = simulate(&d, &Failure::Component("use1-alb".into()));
    let want = target_health(alb(&d, "use1-alb")) + secs("alias-ttl");
    assert_eq!(s.rto_seconds, Some(want), "{:#?}\n{:#?}", s.steps, s.notes);
}

#[test]
fn an_az_that_held_all_a_region_serves_with_and_no_way_out_does_not_recover() {
    let (mut d, az) = one_az_primary();
    // The failover record keeps only its primary: nothing sends traffic
    // to another region.
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    record
        .targets
        .retain(|t| t.role == Some(FailoverRole::Primary));
    let s = simulate(&d, &Failure::Az(az.clone()));
    assert_eq!(s.rto_seconds, None, "{:#?}", s.steps);
    assert_eq!(s.unrecoverable, vec!["use1-alb", "use1-app", "use1-orders"]);
    assert!(
        s.steps.iter().all(|x| x.track != Track::Traffic),
        "{:#?}",
        s.steps
    );
    assert!(!s.notes.iter().any(|n| n.contains("fails over as a whole")));
    // No record at all: the same.
    d.dns = None;
    let s = simulate(&d, &Failure::Az(az));
    assert_eq!(s.rto_seconds, None);
    assert_eq!(s.unrecoverable, vec!["use1-alb", "use1-app", "use1-orders"]);
}

#[test]
fn a_writer_with_no_copy_elsewhere_is_reached_across_regions_only_through_peering() {
    // active-passive, its load balancer in one AZ, its Multi-AZ database
    // with no replica in us-west-2: the writer survives in us-east-1.
    let mut d = design("active-passive");
    for n in d
        .regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut().flat_map(|v| &mut v.nodes))
    {
        match n {
            VpcNode::Alb(a) if a.id == "use1-alb" => a.subnets = vec!["use1-pub-a".into()],
            VpcNode::Rds(x) => x.replica_of = None,
            _ => {}
        }
    }
    d.peerings.clear();
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert_eq!(s.rto_seconds, None, "{:#?}", s.steps);
    assert!(
        s.notes.iter().any(|n| n.contains("peers no VPC")),
        "{:#?}",
        s.notes
    );
    assert!(s.unrecoverable.is_empty(), "{:?}", s.unrecoverable);

    d.peerings.push(crate::core::model::Peering {
        id: "p".into(),
        a: d.regions[0].vpcs[0].id.clone(),
        b: d.regions[1].vpcs[0].id.clone(),
    });
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("through the design's VPC peering")),
        "{:#?}",
        s.notes
    );
    // Traffic leaves, the writer fails over in its region, the DR group grows.
    assert!(!s.steps.iter().any(|x| x.fact == "rds-replica-promote"));
    let multi_az = s
        .steps
        .iter()
        .find(|x| x.fact == "rds-multi-az-failover")
        .expect("in-region failover");
    let end = s.steps.iter().map(|x| x.ends_at).max().unwrap_or(0);
    assert_eq!(
        s.rto_seconds,
        Some(end.max(multi_az.ends_at)),
        "{:#?}",
        s.steps
    );
}

#[test]
fn a_pilot_light_behind_a_weighted_record_waits_for_its_headless_writer() {
    // layered-ecs made a pilot light: us-west-2's service at 0 tasks with
    // no scaling, its Aurora member headless, and the record weighted
    // 100 / 0 (Route 53 answers with the 0-weight target only once the
    // other is unhealthy).
    let mut d = design("layered-ecs");
    for n in d.regions[1].vpcs[0].nodes.iter_mut() {
        match n {
            VpcNode::Ecs(e) => {
                e.min = 0;
                e.desired = 0;
                e.scaling = None;
            }
            VpcNode::Aurora(c) => c.instances = 0,
            _ => {}
        }
    }
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    record.policy = RoutingPolicy::Weighted;
    let mut check = None;
    for t in &mut record.targets {
        let primary = t.role == Some(FailoverRole::Primary);
        t.weight = Some(if primary { 100 } else { 0 });
        t.role = None;
        if primary {
            check = t.health_check.clone();
        }
    }
    let hc = check.expect("a health check on the primary");
    let s = region(&d, "us-east-1");
    // Traffic: the record's own check, then the alias TTL. Data: a person,
    // an instance for the headless member, the global failover. Capacity:
    // promote-dr.sh raises the service from 0 to us-east-1's 2 tasks.
    let traffic_end = hc.interval * hc.failure_threshold + secs("alias-ttl");
    let data_end =
        secs("person-starts-runbook") + secs("aurora-add-instance") + secs("aurora-global-promote");
    let capacity_end = secs("person-starts-runbook") + secs("fargate-task-start");
    assert_eq!(
        s.rto_seconds,
        Some(traffic_end.max(data_end).max(capacity_end)),
        "{:#?}",
        s.steps
    );
    assert_eq!(s.rto_seconds, Some(16 * 60));
    assert_eq!(s.rpo_seconds, Some(secs("aurora-global-lag")));
    let c = s
        .capacity
        .iter()
        .find(|c| c.unit == "tasks")
        .expect("tasks");
    assert_eq!((c.needed, c.running), (2, 0), "{c:?}");
    // Losing the pilot light's region changes nothing for the service.
    let s = region(&d, "us-west-2");
    assert_eq!(s.rto_seconds, Some(0), "{:#?}", s.steps);
}

#[test]
fn a_reader_lost_with_its_az_in_a_serving_region_moves_traffic_only_once_a_person_acts() {
    // aurora-global with both regions serving (weighted 50 / 50) and
    // eu-west-1's member (a secondary: nothing to promote) placed in one
    // AZ. Losing that AZ leaves eu-west-1's front door healthy: nothing
    // moves until a person starts the runbook and moves the traffic.
    let mut d = design("aurora-global");
    let record = &mut d.dns.as_mut().expect("dns").records[0];
    record.policy = RoutingPolicy::Weighted;
    for t in &mut record.targets {
        t.weight = Some(50);
        t.role = None;
    }
    let code = d.regions[1].code.clone();
    let v = &mut d.regions[1].vpcs[0];
    let az = v.subnets[0].az.clone();
    let one: Vec<String> = v
        .subnets
        .iter()
        .filter(|x| x.az == az && x.tier == Tier::Data)
        .map(|x| x.id.clone())
        .collect();
    for n in v.nodes.iter_mut() {
        if let VpcNode::Aurora(c) = n {
            c.subnets = one.clone();
        }
    }
    let s = simulate(&d, &Failure::Az(az));
    let moved = s
        .steps
        .iter()
        .find(|x| x.track == Track::Traffic && x.manual)
        .unwrap_or_else(|| panic!("{code}: {:#?}", s.steps));
    assert_eq!(
        moved.ends_at,
        secs("person-starts-runbook") + secs("alias-ttl"),
        "{:#?}",
        s.steps
    );
    assert!(
        s.steps.iter().any(|x| x.fact == "person-starts-runbook"),
        "{:#?}",
        s.steps
    );
    assert!(!s.steps.iter().any(|x| x.fact == "aurora-global-promote"));
}

/// active-passive with a second group behind the primary's load balancer,
/// its subnets all in use1-az1 (the first group spans both AZs).
fn second_group_in_one_az(scaling: bool) -> Design {
    let mut d = design("active-passive");
    let v = &mut d.regions[0].vpcs[0];
    let one_az: Vec<String> = v
        .subnets
        .iter()
        .filter(|x| x.az == "use1-az1" && x.tier == Tier::Private)
        .map(|x| x.id.clone())
        .collect();
    assert!(!one_az.is_empty());
    let mut second = v
        .nodes
        .iter()
        .find_map(|n| match n {
            VpcNode::Asg(g) => Some(g.clone()),
            _ => None,
        })
        .expect("the template's group");
    let first = v
        .nodes
        .iter_mut()
        .find_map(|n| match n {
            VpcNode::Asg(g) => Some(g),
            _ => None,
        })
        .expect("the template's group");
    first.scaling = scaling.then_some(crate::core::model::Scaling {
        metric: crate::core::model::ScalingMetric::Cpu,
        target_percent: 60,
    });
    (first.desired, first.max) = (2, 6);
    second.id = "use1-batch".into();
    second.name = "batch".into();
    second.subnets = one_az;
    (second.min, second.desired, second.max) = (1, 3, 3);
    v.nodes.push(VpcNode::Asg(second));
    d
}

#[test]
fn a_group_lost_with_its_az_leaves_the_others_behind_its_load_balancer_serving() {
    let d = second_group_in_one_az(true);
    let lb = alb(&d, "use1-alb");
    let seen = target_health(lb);
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    // The load balancer stops sending to the lost group's instances once
    // its target checks fail them; the first group (target tracking, room
    // to 6) grows to carry the lost 3 — and replaces its own instance in
    // use1-az1 (1 of 2) — each after the instance start-up of the facts.
    let want = (seen + secs("asg-scale-out"))
        .max(secs("alias-ttl"))
        .max(secs("rds-multi-az-failover"))
        .max(secs("asg-scale-out"));
    assert_eq!(s.rto_seconds, Some(want), "{:#?}", s.steps);
    assert!(
        s.steps
            .iter()
            .any(|x| x.seconds == seen && x.what.contains("batch") && x.track == Track::Traffic),
        "{:#?}",
        s.steps
    );
    assert_eq!(s.unrecoverable, vec!["use1-batch".to_string()]);
    assert!(s.steps.iter().all(|x| !x.manual), "{:#?}", s.steps);
    assert!(!s.notes.iter().any(|n| n.contains("fails over as a whole")));
    // Needed: the first group's 2 and the lost 3; running: the first's 1
    // left in use1-az2; room: the first group's 6.
    let c = instances(&s);
    assert_eq!((c.needed, c.running, c.max), (5, 1, 6), "{:#?}", s.capacity);

    // Without scaling, nothing grows: the first group keeps its size, and
    // the capacity says it is short.
    let d = second_group_in_one_az(false);
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(s.rto_seconds.is_some(), "{:#?}", s.steps);
    assert!(
        s.notes
            .iter()
            .any(|n| n.starts_with("Nothing grows to carry batch's 3 instances")),
        "{:#?}",
        s.notes
    );
    assert!(!s.steps.iter().any(|x| x.what.contains("to carry batch")));

    // The other group at desired 0 (nothing runs behind the load balancer
    // once batch is lost): the region has nothing to serve with.
    let mut d = second_group_in_one_az(true);
    for n in d.regions[0].vpcs[0].nodes.iter_mut() {
        if let VpcNode::Asg(g) = n {
            if g.id != "use1-batch" {
                (g.min, g.desired) = (0, 0);
            }
        }
    }
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(!s.steps.iter().any(|x| x.what.contains("to carry batch")));
    assert_eq!(
        s.rto_seconds,
        region(&d, "us-east-1").rto_seconds,
        "{:#?}",
        s.steps
    );

    // The lost group alone behind its load balancer: as before, its region
    // has nothing to serve with and fails over.
    let mut d = second_group_in_one_az(true);
    d.regions[0].vpcs[0]
        .nodes
        .retain(|n| !matches!(n, VpcNode::Asg(g) if g.id != "use1-batch"));
    let s = simulate(&d, &Failure::Az("use1-az1".into()));
    assert!(!s.steps.iter().any(|x| x.what.contains("to carry batch")));
    assert_eq!(
        s.rto_seconds,
        region(&d, "us-east-1").rto_seconds,
        "{:#?}",
        s.steps
    );
}

/// A load balancer with nothing running behind it (a pilot light's, every
/// group at desired 0) fails its target health before any outage: Route 53
/// (evaluating the alias's target health) and the accelerator sent it
/// nothing, so losing its region moves no traffic and costs no time.
#[test]
fn losing_a_load_balancer_with_nothing_running_behind_it_moves_no_traffic() {
    // active-active's us-east-1 and eu-west-1 behind a latency record and
    // the accelerator; eu-west-1's group at desired 0.
    let mut d = design("active-active");
    let idle = |d: &mut Design, desired: u32| {
        for n in d.regions[1]
            .vpcs
            .iter_mut()
            .flat_map(|v| v.nodes.iter_mut())
        {
            if let VpcNode::Asg(g) = n {
                (g.min, g.desired) = (0, desired);
            }
        }
    };
    let busy = region(&d, "eu-west-1");
    assert!(busy.rto_seconds.is_some_and(|x| x > 0), "{:#?}", busy.steps);
    idle(&mut d, 0);
    let s = region(&d, "eu-west-1");
    assert_eq!(s.rto_seconds, Some(0), "{:#?}", s.steps);
    assert!(
        s.steps.iter().all(|x| x.track != Track::Traffic),
        "{:#?}",
        s.steps
    );
    assert!(
        s.notes.iter().any(|n| n.contains("nothing running behind")),
        "{:#?}",
        s.notes
    );
    // One instance running behind it: it took traffic again.
    idle(&mut d, 1);
    let s = region(&d, "eu-west-1");
    assert!(
        s.steps.iter().any(|x| x.track == Track::Traffic),
        "{:#?}",
        s.steps
    );
}

/// The runbook promotes a global cluster's first member outside the lost
/// primary (regions in design order: `promote-dr.sh` fails over to it, and
/// adds an instance first when it is headless); the simulation chose the
/// member with the most instances, the last of equals. On an outside
/// three-region design (me-central-1 writer, eu-central-1 and ap-south-1
/// with one instance each) the export's README timeline, which is the
/// simulation's, said "over to ap-south-1" while its runbook fails over to
/// eu-central-1.
#[test]
fn the_global_cluster_fails_over_where_the_runbook_sends_it() {
    let text = include_str!(
        "../../../tests/fixtures/outside/ok/q06-uae-layered-aurora-three-regions.json"
    );
    let mut d = crate::core::model::load(text).expect("the fixture loads");
    let runbook = |d: &Design| {
        crate::core::export::export(d, crate::core::export::Layout::PerRegion)
            .expect("exports")
            .into_iter()
            .find(|f| f.path == "scripts/promote-dr.sh")
            .expect("a runbook")
            .contents
    };
    assert!(
        runbook(&d).contains("failover-global-cluster --region 'eu-central-1'"),
        "the runbook's choice changed"
    );
    let over_to = |s: &Scenario| {
        s.steps
            .iter()
            .find(|x| x.fact == "aurora-global-promote")
            .map(|x| x.what.clone())
            .expect("a global failover step")
    };
    let s = region(&d, "me-central-1");
    assert!(
        over_to(&s).contains("over to eu-central-1"),
        "{:#?}",
        s.steps
    );
    // eu-central-1 headless, ap-south-1 with instances: the runbook still
    // goes to eu-central-1, adding an instance first, and so does the plan.
    for n in d.regions[1]
        .vpcs
        .iter_mut()
        .flat_map(|v| v.nodes.iter_mut())
    {
        if let VpcNode::Aurora(a) = n {
            a.instances = 0;
        }
    }
    assert!(runbook(&d).contains("failover-global-cluster --region 'eu-central-1'"));
    let s = region(&d, "me-central-1");
    assert!(
        over_to(&s).contains("over to eu-central-1"),
        "{:#?}",
        s.steps
    );
    assert!(
        s.steps
            .iter()
            .any(|x| x.fact == "aurora-add-instance" && x.what.contains("eu-central-1")),
        "{:#?}",
        s.steps
    );
}

/// Where the writer goes must not hang on the order of the regions in the
/// file: with the same design's regions listed me-central-1, ap-south-1,
/// eu-central-1, the runbook failed the global cluster over to ap-south-1
/// (the first secondary listed) while the failover record `app` sends the
/// users to eu-central-1, whose services then had only a read-only member
/// beside them. Both the runbook and the simulation now promote where the
/// failover records send traffic first.
#[test]
fn the_writer_follows_the_failover_record_whatever_the_region_order() {
    let text = include_str!(
        "../../../tests/fixtures/outside/ok/q06-uae-layered-aurora-three-regions.json"
    );
    let mut d = crate::core::model::load(text).expect("the fixture loads");
    d.regions.swap(1, 2);
    assert_eq!(d.regions[1].code, "ap-south-1");
    let runbook = crate::core::export::export(&d, crate::core::export::Layout::PerRegion)
        .expect("exports")
        .into_iter()
        .find(|f| f.path == "scripts/promote-dr.sh")
        .expect("a runbook")
        .contents;
    assert!(
        runbook.contains("failover-global-cluster --region 'eu-central-1'"),
        "{runbook}"
    );
    let s = region(&d, "me-central-1");
    let step = s
        .steps
        .iter()
        .find(|x| x.fact == "aurora-global-promote")
        .expect("a global failover step");
    assert!(step.what.contains("over to eu-central-1"), "{:#?}", s.steps);
}
