use super::super::testing::*;
use crate::core::model::{Design, VpcNode};

fn with_alb(f: impl FnOnce(&mut crate::core::model::Alb)) -> (Design, Design) {
    let good = base("active-passive");
    let mut bad = good.clone();
    if let VpcNode::Alb(a) = &mut bad.regions[0].vpcs[0].nodes[0] {
        f(a);
    }
    (bad, good)
}

#[test]
fn alb_01_one_az() {
    let (bad, good) = with_alb(|a| a.subnets.truncate(1));
    fires_and_not("ALB-01", &bad, "use1-alb", &good);
}

#[test]
fn alb_02_two_subnets_in_one_az_or_another_vpc() {
    let (mut bad, good) = with_alb(|_| {});
    bad.regions[0].vpcs[0].subnets[1].az = "use1-az1".into();
    fires_and_not("ALB-02", &bad, "use1-alb", &good);
    let (bad, good) = with_alb(|a| a.subnets[1] = "usw2-pub-b".into());
    fires_and_not("ALB-02", &bad, "use1-alb", &good);
}

#[test]
fn alb_04_and_06_names() {
    let (bad, good) = with_alb(|a| a.name = "a-very-long-load-balancer-name".into());
    fires_and_not("ALB-04", &bad, "use1-alb", &good);
    fires_and_not("ALB-06", &bad, "use1-alb", &good);
    let (bad, good) = with_alb(|a| a.name = "web_1".into());
    fires_and_not("ALB-04", &bad, "use1-alb", &good);
    fires_and_not("ALB-06", &bad, "use1-alb", &good);
}

/// `internal-` is reserved in load balancer names only (CreateLoadBalancer);
/// the target group of the same name is fine (CreateTargetGroup).
#[test]
fn alb_04_not_06_internal_prefix() {
    let (mut bad, good) = with_alb(|_| {});
    bad.name = "internal".into();
    fires_and_not("ALB-04", &bad, "use1-alb", &good);
    assert!(
        findings(&bad, "ALB-06").is_empty(),
        "{:#?}",
        findings(&bad, "ALB-06")
    );
}

#[test]
fn alb_07_ranges() {
    let (bad, good) = with_alb(|a| a.health_check.healthy_threshold = 1);
    fires_and_not("ALB-07", &bad, "use1-alb", &good);
    let (bad, good) = with_alb(|a| a.health_check.path = "health".into());
    fires_and_not("ALB-07", &bad, "use1-alb", &good);
    // Listener port 0 is the listener's fault, not the health check's: the
    // message said "health check listener port 0".
    let (bad, good) = with_alb(|a| a.listener.port = 0);
    fires_and_not("ALB-07", &bad, "use1-alb", &good);
    let m = &findings(&bad, "ALB-07")[0].message;
    assert!(
        m.contains(": listener port 0") && !m.contains("health check"),
        "{m}"
    );
    let (bad, _) = with_alb(|a| a.health_check.interval = 301);
    let m = &findings(&bad, "ALB-07")[0].message;
    assert!(m.contains("health check interval 301 s"), "{m}");
}

#[test]
fn alb_08_interval_not_above_timeout() {
    let (bad, good) = with_alb(|a| {
        a.health_check.interval = 5;
        a.health_check.timeout = 10;
    });
    fires_and_not("ALB-08", &bad, "use1-alb", &good);
}

#[test]
fn alb_12_no_targets_or_missing_az() {
    let good = base("active-passive");
    let mut bad = good.clone();
    if let VpcNode::Asg(g) = &mut bad.regions[0].vpcs[0].nodes[1] {
        g.target = None;
    }
    fires_and_not("ALB-12", &bad, "use1-alb", &good);
    let mut bad = good.clone();
    if let VpcNode::Asg(g) = &mut bad.regions[0].vpcs[0].nodes[1] {
        g.subnets.truncate(1);
    }
    fires_and_not("ALB-12", &bad, "use1-alb", &good);
}

#[test]
fn alb_13_internet_facing_in_private_subnets() {
    let (bad, good) = with_alb(|a| a.subnets = vec!["use1-app-a".into(), "use1-app-b".into()]);
    fires_and_not("ALB-13", &bad, "use1-alb", &good);
    let (mut internal, _) =
        with_alb(|a| a.subnets = vec!["use1-app-a".into(), "use1-app-b".into()]);
    if let VpcNode::Alb(a) = &mut internal.regions[0].vpcs[0].nodes[0] {
        a.internal = true;
    }
    assert!(findings(&internal, "ALB-13").is_empty());
}

/// An ECS service registers into its load balancer as a group does: a load
/// balancer with only a service behind it has targets (ALB-12 and R53-12
/// stay quiet); without the service's target both fire.
#[test]
fn alb_12_and_r53_12_count_ecs_services_as_targets() {
    let mut good = crate::core::model::load(include_str!(
        "../../../../tests/fixtures/clean/ecs-service.json"
    ))
    .expect("the fixture loads");
    // Only the service behind us-west-2's load balancer.
    for n in &mut good.regions[1].vpcs[0].nodes {
        if let VpcNode::Asg(g) = n {
            g.target = None;
        }
    }
    let mut bad = good.clone();
    for n in &mut bad.regions[1].vpcs[0].nodes {
        if let VpcNode::Ecs(e) = n {
            e.target = None;
        }
    }
    fires_and_not("ALB-12", &bad, "usw2-alb", &good);
    fires_and_not("R53-12", &bad, "usw2-alb", &good);
}
