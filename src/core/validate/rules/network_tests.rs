use super::super::testing::*;
use crate::core::model::Peering;

fn ap() -> crate::core::model::Design {
    base("active-passive")
}

#[test]
fn net_01_vpc_prefix_and_parse() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].cidr = "10.0.0.0/8".into();
    fires_and_not("NET-01", &bad, "use1-main", &good);
    bad.regions[0].vpcs[0].cidr = "ten dot zero".into();
    fires_and_not("NET-01", &bad, "use1-main", &good);
    // ipnet reads this as 10.0.0.0/16; the AWS provider refuses it at plan.
    bad.regions[0].vpcs[0].cidr = "010.0.0.0/16".into();
    fires_and_not("NET-01", &bad, "use1-main", &good);
}

#[test]
fn net_02_host_bits() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[0].cidr = "10.0.0.5/24".into();
    fires_and_not("NET-02", &bad, "use1-pub-a", &good);
    assert!(findings(&bad, "NET-02")[0].message.contains("10.0.0.0/24"));
}

#[test]
fn net_03_subnet_prefix() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[0].cidr = "10.0.0.0/30".into();
    fires_and_not("NET-03", &bad, "use1-pub-a", &good);
}

#[test]
fn net_04_subnet_outside_vpc() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[0].cidr = "10.9.0.0/24".into();
    fires_and_not("NET-04", &bad, "use1-pub-a", &good);
}

#[test]
fn net_05_overlapping_subnets() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
    fires_and_not("NET-05", &bad, "use1-pub-b", &good);
}

#[test]
fn net_06_subnet_too_small() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[2].cidr = "10.0.10.0/28".into(); // 11 usable
    if let crate::core::model::VpcNode::Asg(a) = &mut bad.regions[0].vpcs[0].nodes[1] {
        a.max = 40;
    }
    fires_and_not("NET-06", &bad, "use1-app-a", &good);
}

#[test]
fn net_07_and_08_public_and_docker_ranges() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].cidr = "52.0.0.0/16".into();
    fires_and_not("NET-07", &bad, "use1-main", &good);
    bad.regions[0].vpcs[0].cidr = "172.17.0.0/16".into();
    fires_and_not("NET-08", &bad, "use1-main", &good);
}

#[test]
fn net_09_az_of_another_region() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[0].az = "usw2-az1".into();
    fires_and_not("NET-09", &bad, "use1-pub-a", &good);
}

/// Catalog A.2: use1-az3 is usable but constrained, so a warning, not an error.
#[test]
fn net_09_constrained_az_is_a_warning() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[0].vpcs[0].subnets[0].az = "use1-az3".into();
    fires_and_not("NET-09", &bad, "use1-pub-a", &good);
    let hits = findings(&bad, "NET-09");
    assert!(
        hits.iter()
            .all(|d| d.severity == crate::core::validate::Severity::Warning),
        "{hits:#?}"
    );
    assert!(
        hits[0].message.contains("use1-az3") && hits[0].message.contains("2026-11-22"),
        "{}",
        hits[0].message
    );
}

#[test]
fn net_10_peered_overlap() {
    let mut good = ap();
    good.peerings.push(Peering {
        id: "p1".into(),
        a: "use1-main".into(),
        b: "usw2-main".into(),
    });
    let mut bad = good.clone();
    bad.regions[1].vpcs[0].cidr = "10.0.0.0/16".into();
    fires_and_not("NET-10", &bad, "p1", &good);
    assert!(
        findings(&bad, "NET-16").is_empty(),
        "peered overlaps are NET-10's"
    );
}

#[test]
fn net_11_not_transitive() {
    let mut good = base("active-active");
    let mut bad = good.clone();
    bad.peerings.retain(|p| p.id != "euw1-apse1");
    fires_and_not("NET-11", &bad, "euw1-main", &good);
    good.peerings.clear();
    assert!(findings(&good, "NET-11").is_empty());
}

#[test]
fn net_12_self_and_duplicate_peering() {
    let good = base("aurora-global");
    let mut bad = good.clone();
    bad.peerings.push(Peering {
        id: "again".into(),
        a: "euw1-main".into(),
        b: "use1-main".into(),
    });
    fires_and_not("NET-12", &bad, "again", &good);
    let mut bad = good.clone();
    bad.peerings[0].b = "use1-main".into();
    fires_and_not("NET-12", &bad, "use1-euw1", &good);
}

#[test]
fn net_16_overlap_anywhere() {
    let good = ap();
    let mut bad = good.clone();
    bad.regions[1].vpcs[0].cidr = "10.0.0.0/16".into();
    fires_and_not("NET-16", &bad, "usw2-main", &good);
}
