use super::super::testing::*;
use crate::core::model::{
    Design, FailoverRole, GeoLocation, Record, RecordType, RoutingPolicy, Target, VpcNode,
};

fn with(template: &str, f: impl FnOnce(&mut Record)) -> (Design, Design) {
    let good = base(template);
    let mut bad = good.clone();
    f(&mut bad.dns.as_mut().unwrap().records[0]);
    (bad, good)
}

fn target(id: &str) -> Target {
    Target {
        target: id.into(),
        role: None,
        weight: None,
        location: None,
        health_check: None,
    }
}

#[test]
fn r53_02_repeated_target() {
    let (bad, good) = with("active-active", |r| r.targets.push(r.targets[0].clone()));
    fires_and_not("R53-02", &bad, "api", &good);
}

#[test]
fn r53_03_mixed_policies() {
    let (mut bad, good) = with("active-passive", |_| {});
    let mut other = bad.dns.as_ref().unwrap().records[0].clone();
    other.id = "app2".into();
    other.policy = RoutingPolicy::Simple;
    other.targets = vec![target("use1-alb")];
    bad.dns.as_mut().unwrap().records.push(other);
    fires_and_not("R53-03", &bad, "app2", &good);
}

#[test]
fn r53_04_pair() {
    let (bad, good) = with("active-passive", |r| {
        r.targets[1].role = Some(FailoverRole::Primary)
    });
    fires_and_not("R53-04", &bad, "app", &good);
    let (bad, good) = with("active-passive", |r| r.targets.truncate(1));
    fires_and_not("R53-04", &bad, "app", &good);
}

#[test]
fn r53_02_two_locations_on_one_load_balancer_are_legal() {
    // Seed 000: North America and the default location to the us-east-1
    // load balancer, Europe to the other region's. Route 53 accepts it.
    let (geo, _) = with("active-active", |r| {
        r.policy = RoutingPolicy::Geolocation;
        let loc = |continent: Option<&str>, default: bool| {
            Some(GeoLocation {
                continent: continent.map(Into::into),
                country: None,
                subdivision: None,
                default: default.then_some(true),
            })
        };
        let (a, b) = (r.targets[0].clone(), r.targets[1].clone());
        r.targets = vec![
            Target {
                location: loc(Some("NA"), false),
                ..a.clone()
            },
            Target {
                location: loc(Some("EU"), false),
                ..b
            },
            Target {
                location: loc(None, true),
                ..a
            },
        ];
    });
    assert!(
        findings(&geo, "R53-02").is_empty(),
        "{:#?}",
        findings(&geo, "R53-02")
    );
    assert!(findings(&geo, "R53-08").is_empty());
    // The export writes three distinct set identifiers and addresses.
    let files = crate::core::export::export(&geo, crate::core::export::Layout::PerRegion);
    let main = files
        .expect("exports")
        .into_iter()
        .find(|f| f.path == "global/main.tf")
        .expect("global root")
        .contents;
    let ids: Vec<&str> = main
        .lines()
        .filter(|l| l.trim_start().starts_with("set_identifier"))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), 3, "{main}");
    assert_eq!(unique.len(), 3, "{ids:?}");
}

#[test]
fn r53_02_two_weighted_records_with_one_target_and_weight_are_told_apart() {
    // Two records of one name: the record id separates them.
    let (mut d, _) = with("active-active", |r| {
        r.policy = RoutingPolicy::Weighted;
        r.targets.truncate(1);
        r.targets[0].weight = Some(50);
    });
    let mut other = d.dns.as_ref().unwrap().records[0].clone();
    other.id = "api-b".into();
    d.dns.as_mut().unwrap().records.push(other);
    assert!(
        findings(&d, "R53-02").is_empty(),
        "{:#?}",
        findings(&d, "R53-02")
    );
    // One record listing the same target twice with the same weight: the
    // export cannot tell them apart, so R53-02 says so.
    let (bad, _) = with("active-active", |r| {
        r.policy = RoutingPolicy::Weighted;
        r.targets.truncate(1);
        r.targets[0].weight = Some(50);
        r.targets.push(r.targets[0].clone());
    });
    fires_and_not("R53-02", &bad, "api", &base("active-active"));
    // Different weights: two set identifiers.
    let (split, _) = with("active-active", |r| {
        r.policy = RoutingPolicy::Weighted;
        r.targets.truncate(1);
        r.targets[0].weight = Some(50);
        let mut t = r.targets[0].clone();
        t.weight = Some(10);
        r.targets.push(t);
    });
    assert!(findings(&split, "R53-02").is_empty());
}

#[test]
fn r53_05_primary_without_check() {
    let (bad, good) = with("active-passive", |r| r.targets[0].health_check = None);
    fires_and_not("R53-05", &bad, "app", &good);
    // The alias's evaluate_target_health still fails over: a warning, and
    // the design still exports.
    assert!(findings(&bad, "R53-05")
        .iter()
        .all(|d| d.severity == crate::core::validate::Severity::Warning));
    assert!(crate::core::export::export(&bad, crate::core::export::Layout::PerRegion).is_ok());
}

#[test]
fn des_10_failover_roles_follow_the_regions() {
    // Roles swapped: the DR region would be PRIMARY.
    let (bad, good) = with("active-passive", |r| {
        for t in &mut r.targets {
            t.role = Some(match t.role {
                Some(FailoverRole::Primary) => FailoverRole::Secondary,
                _ => FailoverRole::Primary,
            });
        }
    });
    let hits = findings(&bad, "DES-10");
    assert_eq!(hits.len(), 2, "{hits:#?}");
    fires_and_not("DES-10", &bad, "app", &good);
}

#[test]
fn r53_07_latency_region_and_repeats() {
    let (mut bad, good) = with("active-active", |_| {});
    bad.regions[2].code = "ap-southeast-6".into();
    for s in bad.regions[2].vpcs[0].subnets.iter_mut() {
        s.az = s.az.replace("apse1", "apse6");
    }
    fires_and_not("R53-07", &bad, "api", &good);
    let (bad, good) = with("active-active", |r| r.targets.push(target("edge")));
    fires_and_not("R53-07", &bad, "api", &good);
}

#[test]
fn r53_08_and_09_geolocation() {
    let geo = |r: &mut Record, locs: Vec<GeoLocation>| {
        r.policy = RoutingPolicy::Geolocation;
        for (t, l) in r.targets.iter_mut().zip(locs) {
            t.location = Some(l);
        }
    };
    let eu = GeoLocation {
        continent: Some("EU".into()),
        ..Default::default()
    };
    let dflt = GeoLocation {
        default: Some(true),
        ..Default::default()
    };
    let us = GeoLocation {
        country: Some("US".into()),
        subdivision: Some("WA".into()),
        ..Default::default()
    };
    let (good, _) = with("active-active", |r| {
        geo(r, vec![eu.clone(), us.clone(), dflt.clone()])
    });
    let (bad, _) = with("active-active", |r| {
        geo(
            r,
            vec![
                GeoLocation {
                    continent: Some("XX".into()),
                    ..Default::default()
                },
                us.clone(),
                dflt.clone(),
            ],
        )
    });
    fires_and_not("R53-08", &bad, "api", &good);
    let (bad, _) = with("active-active", |r| {
        geo(
            r,
            vec![
                GeoLocation {
                    continent: Some("EU".into()),
                    country: Some("DE".into()),
                    ..Default::default()
                },
                us.clone(),
                dflt.clone(),
            ],
        )
    });
    fires_and_not("R53-08", &bad, "api", &good);
    let (bad, _) = with("active-active", |r| {
        geo(r, vec![eu.clone(), eu.clone(), dflt.clone()])
    });
    fires_and_not("R53-08", &bad, "api", &good);
    let (bad, _) = with("active-active", |r| {
        geo(
            r,
            vec![
                eu.clone(),
                us.clone(),
                GeoLocation {
                    country: Some("DE".into()),
                    ..Default::default()
                },
            ],
        )
    });
    fires_and_not("R53-09", &bad, "api", &good);
}

#[test]
fn r53_10_weights() {
    let weighted = |r: &mut Record, w: [Option<u32>; 3]| {
        r.policy = RoutingPolicy::Weighted;
        for (t, w) in r.targets.iter_mut().zip(w) {
            t.weight = w;
        }
    };
    let (good, _) = with("active-active", |r| {
        weighted(r, [Some(0), Some(100), Some(255)])
    });
    let (bad, _) = with("active-active", |r| {
        weighted(r, [Some(300), Some(100), Some(1)])
    });
    fires_and_not("R53-10", &bad, "api", &good);
    let (bad, _) = with("active-active", |r| weighted(r, [None, Some(100), Some(1)]));
    fires_and_not("R53-10", &bad, "api", &good);
}

#[test]
fn r53_11_and_13_ttl() {
    let (bad, good) = with("active-passive", |r| r.ttl = Some(300));
    fires_and_not("R53-11", &bad, "app", &good);
    fires_and_not("R53-13", &bad, "app", &good);
}

#[test]
fn r53_12_empty_target_group() {
    let good = base("active-passive");
    let mut bad = good.clone();
    if let VpcNode::Asg(a) = &mut bad.regions[1].vpcs[0].nodes[1] {
        a.target = None;
    }
    fires_and_not("R53-12", &bad, "usw2-alb", &good);
}

#[test]
fn r53_14_15_22_health_check_values() {
    let (bad, good) = with("active-passive", |r| {
        r.targets[0].health_check.as_mut().unwrap().interval = 20
    });
    fires_and_not("R53-14", &bad, "app", &good);
    let (bad, good) = with("active-passive", |r| {
        r.targets[0]
            .health_check
            .as_mut()
            .unwrap()
            .failure_threshold = 11
    });
    fires_and_not("R53-15", &bad, "app", &good);
    let (bad, good) = with("active-passive", |r| {
        r.targets[0].health_check.as_mut().unwrap().path = Some("health".into())
    });
    fires_and_not("R53-22", &bad, "app", &good);
}

#[test]
fn r53_17_internal_target() {
    let good = base("active-passive");
    let mut bad = good.clone();
    if let VpcNode::Alb(a) = &mut bad.regions[0].vpcs[0].nodes[0] {
        a.internal = true;
    }
    fires_and_not("R53-17", &bad, "app", &good);
}

#[test]
fn r53_21_settings_of_another_policy() {
    let (bad, good) = with("active-passive", |r| r.targets[0].weight = Some(10));
    fires_and_not("R53-21", &bad, "app", &good);
}

#[test]
fn r53_23_and_24_targets_and_names() {
    let (bad, good) = with("active-passive", |r| r.targets.clear());
    fires_and_not("R53-23", &bad, "app", &good);
    let (bad, good) = with("active-passive", |r| r.name = "my app".into());
    fires_and_not("R53-24", &bad, "app", &good);
}

/// Each malformed zone name is told what is wrong with it: ".." has an
/// empty label (it is not too long or too short), "." is only the root.
#[test]
fn r53_24_says_what_is_wrong_with_a_zone_name() {
    for (zone, says) in [
        (
            "..",
            "Zone \"..\" has the label \"\"; labels are 1-63 letters, digits or inner hyphens.",
        ),
        (
            "a..b",
            "Zone \"a..b\" has the label \"\"; labels are 1-63 letters, digits or inner hyphens.",
        ),
        (
            ".",
            "Zone \".\" is only the root's dot; give a name such as example.com.",
        ),
        (
            "",
            "Zone \"\" is empty; a DNS name has 1 to 253 characters.",
        ),
    ] {
        let mut d = base("active-passive");
        d.dns.as_mut().unwrap().zone = zone.into();
        let hits = findings(&d, "R53-24");
        assert_eq!(hits.len(), 1, "{zone:?}: {hits:#?}");
        assert_eq!(hits[0].message, says);
    }
    let mut d = base("active-passive");
    d.dns.as_mut().unwrap().zone = "example.com.".into();
    assert!(
        findings(&d, "R53-24").is_empty(),
        "one final dot is the root's"
    );
    d.dns.as_mut().unwrap().zone = format!("{}.com", "a.".repeat(130));
    let hits = findings(&d, "R53-24");
    assert!(
        hits[0]
            .message
            .ends_with("is 264 characters long; a DNS name has at most 253."),
        "{hits:#?}"
    );
}

/// A copy of the first record under another id and name, added to `d`.
fn add_copy(d: &mut Design, id: &str, name: &str, f: impl FnOnce(&mut Record)) {
    let dns = d.dns.as_mut().unwrap();
    let mut other = dns.records[0].clone();
    other.id = id.into();
    other.name = name.into();
    f(&mut other);
    dns.records.push(other);
}

#[test]
fn r53_04_counts_the_pair_across_records_of_one_name() {
    // Two valid failover records of the same name (in any case) would write
    // two PRIMARY and two SECONDARY record sets for one name and type.
    let good = base("active-passive");
    let name = good.dns.as_ref().unwrap().records[0].name.clone();
    for spelling in [name.clone(), name.to_ascii_uppercase()] {
        let mut bad = good.clone();
        add_copy(&mut bad, "app2", &spelling, |_| {});
        fires_and_not("R53-04", &bad, "app2", &good);
        assert!(findings(&bad, "R53-04")[0]
            .subjects
            .iter()
            .any(|s| s == "app"));
    }
    // A failover record of another name is its own pair.
    let mut other = good.clone();
    add_copy(&mut other, "app2", "other", |_| {});
    assert!(findings(&other, "R53-04").is_empty());
    // Half a pair in each of two records of one name is one whole pair.
    let mut split = good.clone();
    let second = split.dns.as_ref().unwrap().records[0].targets[1].clone();
    split.dns.as_mut().unwrap().records[0].targets.truncate(1);
    add_copy(&mut split, "app2", &name.to_ascii_uppercase(), |r| {
        r.targets = vec![second]
    });
    assert!(findings(&split, "R53-04").is_empty());
}

fn geo_design(extra: Vec<GeoLocation>) -> Design {
    let loc = |continent: Option<&str>, default: bool| GeoLocation {
        continent: continent.map(Into::into),
        default: default.then_some(true),
        ..Default::default()
    };
    let (mut d, _) = with("active-active", |r| {
        r.policy = RoutingPolicy::Geolocation;
        r.targets.truncate(2);
        r.targets[0].location = Some(loc(Some("NA"), false));
        r.targets[1].location = Some(loc(None, true));
    });
    let name = d.dns.as_ref().unwrap().records[0].name.to_ascii_uppercase();
    add_copy(&mut d, "api2", &name, |r| {
        r.targets.truncate(extra.len());
        for (t, l) in r.targets.iter_mut().zip(extra) {
            t.location = Some(l);
        }
    });
    d
}

#[test]
fn r53_08_a_location_is_unique_across_records_of_one_name() {
    let na = GeoLocation {
        continent: Some("NA".into()),
        ..Default::default()
    };
    let eu = GeoLocation {
        continent: Some("EU".into()),
        ..Default::default()
    };
    fires_and_not(
        "R53-08",
        &geo_design(vec![na]),
        "api2",
        &geo_design(vec![eu]),
    );
}

#[test]
fn r53_09_a_default_in_another_record_of_the_name_counts() {
    let eu = GeoLocation {
        continent: Some("EU".into()),
        ..Default::default()
    };
    // The default lives in record api; api2 (same name, other case) has none.
    assert!(findings(&geo_design(vec![eu.clone()]), "R53-09").is_empty());
    // Without any default for the name, the warning names both records.
    let mut bad = geo_design(vec![eu]);
    bad.dns.as_mut().unwrap().records[0].targets.truncate(1);
    let hits = findings(&bad, "R53-09");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert!(["api", "api2"]
        .iter()
        .all(|id| hits[0].subjects.iter().any(|s| s == id)));
}

#[test]
fn r53_03_names_differing_only_in_case_share_a_policy() {
    let good = base("active-passive");
    let name = good.dns.as_ref().unwrap().records[0]
        .name
        .to_ascii_uppercase();
    let mut bad = good.clone();
    add_copy(&mut bad, "app2", &name, |r| {
        r.policy = RoutingPolicy::Simple;
        r.targets = vec![target("use1-alb")];
    });
    fires_and_not("R53-03", &bad, "app2", &good);
}

#[test]
fn r53_26_aaaa_to_ipv4_targets() {
    // The export's load balancers and accelerators are IPv4 only: an AAAA
    // alias to them is created and answers nobody.
    let (bad, good) = with("active-passive", |r| r.kind = RecordType::Aaaa);
    fires_and_not("R53-26", &bad, "app", &good);
    assert_eq!(findings(&bad, "R53-26").len(), 1);
}
