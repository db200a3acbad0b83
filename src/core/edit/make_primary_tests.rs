use super::*;
use crate::core::edit::tests::{loads, tpl};
use crate::core::export::{export, Layout};
use crate::core::templates::TEMPLATES;
use crate::core::validate::{validate, Severity};

fn secondary(d: &Design) -> String {
    d.regions
        .iter()
        .find(|r| r.role == RegionRole::Secondary)
        .map(|r| r.id.clone())
        .unwrap()
}

fn errors(d: &Design) -> Vec<String> {
    validate(d)
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| format!("{} {}", x.rule, x.message))
        .collect()
}

#[test]
fn every_template_stays_clean_with_another_region_primary() {
    for t in TEMPLATES {
        let d = tpl(t.id);
        let (flipped, said) = make_primary(&d, &secondary(&d)).unwrap();
        loads(&flipped);
        assert!(
            errors(&flipped).is_empty(),
            "{}: {:#?}\n{said:#?}",
            t.id,
            errors(&flipped)
        );
        // Active/active moves nothing but the role; the others move data and traffic.
        assert!(
            t.id == "active-active" || said.len() > 1,
            "{}: says what moved: {said:?}",
            t.id
        );
        assert!(export(&flipped, Layout::PerRegion).is_ok(), "{}", t.id);
    }
}

#[test]
fn active_passive_moves_the_writer_the_traffic_and_the_production_size() {
    let d = tpl("active-passive");
    let old = d.primary().unwrap().code.clone();
    let dr = secondary(&d);
    let (f, _) = make_primary(&d, &dr).unwrap();
    let new = f.primary().unwrap().code.clone();
    assert_ne!(new, old);
    let idx = Index::new(&f);
    let dbs: Vec<(&str, Option<&str>)> = f
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .filter_map(|n| match n {
            VpcNode::Rds(r) => Some((r.id.as_str(), r.replica_of.as_deref())),
            _ => None,
        })
        .collect();
    let source = dbs.iter().find(|(_, of)| of.is_none()).unwrap().0;
    assert_eq!(
        idx.get(source).and_then(|o| o.region()).unwrap().code,
        new,
        "the writer is in the new primary"
    );
    assert!(dbs
        .iter()
        .filter(|(_, of)| of.is_some())
        .all(|(_, of)| *of == Some(source)));
    // Traffic: the PRIMARY target is in the new primary region, with a check.
    let rec = &f.dns.as_ref().unwrap().records[0];
    let p = rec
        .targets
        .iter()
        .find(|t| t.role == Some(FailoverRole::Primary))
        .unwrap();
    assert_eq!(
        idx.get(&p.target).and_then(|o| o.region()).unwrap().code,
        new
    );
    assert!(p.health_check.is_some());
    // The export agrees: the new region's database has no replicate_source_db.
    let files = export(&f, Layout::PerRegion).unwrap();
    let root = |code: &str| {
        files
            .iter()
            .filter(|x| x.path.starts_with(&format!("regions/{code}/")))
            .map(|x| x.contents.clone())
            .collect::<String>()
    };
    assert!(
        !root(&new).contains("replicate_source_db = \"arn"),
        "{}",
        root(&new)
    );
    assert!(root(&old).contains("replicate_source_db"));
    // Production size moved with the traffic (groups of the same name).
    let size = |d: &Design, code: &str| -> Vec<(u32, u32, u32)> {
        d.regions
            .iter()
            .filter(|r| r.code == code)
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .filter_map(|n| {
                if let VpcNode::Asg(g) = n {
                    Some((g.min, g.desired, g.max))
                } else {
                    None
                }
            })
            .collect()
    };
    assert_eq!(size(&f, &new), size(&d, &old));
    // The writer's Multi-AZ standby moved with it (an outside design's new
    // writer was left single-AZ and the old one, now a replica, Multi-AZ).
    let standby = |d: &Design, code: &str| -> Vec<bool> {
        d.regions
            .iter()
            .filter(|r| r.code == code)
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .filter_map(|n| match n {
                VpcNode::Rds(r) => Some(r.multi_az),
                _ => None,
            })
            .collect()
    };
    assert_eq!(standby(&d, &old), vec![true], "the template's writer");
    assert_eq!(standby(&d, &new), vec![false], "the template's replica");
    assert_eq!(standby(&f, &new), vec![true]);
    assert_eq!(standby(&f, &old), vec![false]);
}

#[test]
fn switching_back_restores_the_roles() {
    for t in TEMPLATES {
        let d = tpl(t.id);
        let home = d.primary().unwrap().id.clone();
        let (f, _) = make_primary(&d, &secondary(&d)).unwrap();
        let (back, _) = make_primary(&f, &home).unwrap();
        assert!(errors(&back).is_empty(), "{}: {:#?}", t.id, errors(&back));
        let roles = |d: &Design| {
            d.regions
                .iter()
                .map(|r| (r.id.clone(), r.role))
                .collect::<Vec<_>>()
        };
        assert_eq!(roles(&back), roles(&d), "{}", t.id);
        let replicas = |d: &Design| {
            d.regions
                .iter()
                .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
                .filter_map(|n| {
                    if let VpcNode::Rds(r) = n {
                        Some((r.id.clone(), r.replica_of.clone(), r.multi_az))
                    } else {
                        None
                    }
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(replicas(&back), replicas(&d), "{}", t.id);
        let roles_of = |d: &Design| {
            d.dns
                .iter()
                .flat_map(|z| &z.records)
                .flat_map(|r| r.targets.iter().map(|t| (t.target.clone(), t.role)))
                .collect::<Vec<_>>()
        };
        assert_eq!(roles_of(&back), roles_of(&d), "{}", t.id);
    }
}

/// Two-way bucket replication (an outside design's media buckets, each
/// replicating to the other) is not turned round: it has no direction. The
/// edit dropped the old primary's rule, leaving one-way replication, and
/// said only "Bucket euw1-assets now replicates to use1-assets", already
/// true before.
#[test]
fn two_way_bucket_replication_survives_either_way() {
    let mut d = tpl("aurora-global");
    let replication = |d: &Design| {
        d.regions
            .iter()
            .flat_map(|r| &r.nodes)
            .filter_map(|n| match n {
                RegionNode::S3(b) => Some((b.id.clone(), b.replicate_to.clone())),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    for n in region_nodes(&mut d) {
        if let RegionNode::S3(b) = n {
            if b.id == "euw1-assets" {
                b.replicate_to = Some("use1-assets".into());
            }
        }
    }
    let two_way = replication(&d);
    assert_eq!(
        two_way,
        vec![
            ("use1-assets".to_string(), Some("euw1-assets".to_string())),
            ("euw1-assets".to_string(), Some("use1-assets".to_string())),
        ]
    );
    let (f, said) = make_primary(&d, &secondary(&d)).unwrap();
    assert_eq!(replication(&f), two_way, "{said:#?}");
    assert!(!said.iter().any(|l| l.starts_with("Bucket")), "{said:#?}");
    assert!(errors(&f).is_empty(), "{:#?}", errors(&f));
    let (back, _) = make_primary(&f, "use1").unwrap();
    assert_eq!(replication(&back), two_way);
}

#[test]
fn refusals_say_why() {
    let d = tpl("active-passive");
    let p = d.primary().unwrap().id.clone();
    assert!(make_primary(&d, &p).unwrap_err().0.contains("already"));
    assert!(make_primary(&d, "nowhere").is_err());
}

#[test]
fn a_headless_aurora_secondary_gets_the_writers_instances() {
    let mut d = tpl("aurora-global");
    let dr = secondary(&d);
    for r in d.regions.iter_mut().filter(|r| r.id == dr) {
        for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
            if let VpcNode::Aurora(a) = n {
                a.instances = 0;
            }
        }
    }
    let (f, said) = make_primary(&d, &dr).unwrap();
    assert!(errors(&f).is_empty(), "{:#?}", errors(&f));
    assert!(said.iter().any(|s| s.contains("instance(s)")), "{said:?}");
}

#[test]
fn the_database_name_moves_to_the_new_writer() {
    let d = crate::core::templates::template("layered-ecs")
        .unwrap()
        .design()
        .unwrap();
    let (after, _) = make_primary(&d, "usw2").unwrap();
    let name = |id: &str| {
        after
            .regions
            .iter()
            .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
            .find_map(|n| match n {
                VpcNode::Aurora(a) if a.id == id => Some(a.database_name.clone()),
                _ => None,
            })
    };
    assert_eq!(name("usw2-core"), Some(Some("app".to_string())));
    assert_eq!(name("use1-core"), Some(None));
    assert!(crate::core::validate::validate(&after)
        .iter()
        .all(|x| x.severity != crate::core::validate::Severity::Error));
    // And back: make-primary twice gives the design it started from.
    let (back, _) = make_primary(&after, "use1").unwrap();
    assert_eq!(back.regions[0].vpcs[0].nodes, d.regions[0].vpcs[0].nodes);
}
