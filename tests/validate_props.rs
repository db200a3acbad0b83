//! Incremental validation (`core::validate::Incremental`) is an
//! optimisation, never a change of what is reported: after any sequence of
//! edits, validating with the cache of the previous step gives exactly what
//! `validate` gives from scratch (same diagnostics, same order). The same
//! edits hold the editor's other shortcut to what it skips: a design whose
//! layout inputs are the same as the last (`same_layout_inputs`) is laid
//! out the same.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use topoform::core::edit::{self, PaletteItem};
use topoform::core::layout::{layout, same_layout_inputs};
use topoform::core::model::{self, load, Design, Peering, RegionNode, RegionRole, VpcNode};
use topoform::core::templates::TEMPLATES;
use topoform::core::validate::{validate, Incremental};

/// One edit, aimed by numbers at whatever objects the design has then.
#[derive(Debug, Clone)]
enum Edit {
    /// Set a VPC's or subnet's CIDR: another's (overlap), a fresh valid
    /// block, one with host bits set, or nonsense.
    Cidr(usize, usize, usize),
    /// Give object `a` the name of object `b` (maybe in another region).
    Rename(usize, usize),
    /// Move workload `a` into the VPC of object `b` (maybe another region),
    /// keeping its subnets and target as they are.
    Move(usize, usize),
    /// Drop palette item `k` into object `n`.
    Add(usize, usize),
    /// Delete object `n` (and what depends on it).
    Delete(usize),
    /// Link object `a` to object `b`.
    Connect(usize, usize),
    /// Peer the VPCs of objects `a` and `b`.
    Peer(usize, usize),
    /// Change the project name, the environment or the primary region.
    Settings(usize),
    /// Make database `a` a replica of object `b` (maybe in another region,
    /// maybe not a database), or with `false` set its backups to 0 days.
    Replica(usize, usize, bool),
    /// Clone region `n` as a DR region, or remove region `n`.
    Region(usize, bool),
    /// Give object `a` the id of object `b` (ids repeat, as in a design
    /// that did not come through `load`: the cache's unique-id shortcut
    /// must not apply).
    SameId(usize, usize),
    /// Save object `n`'s position on the canvas (or take it away).
    Place(usize, i16, i16),
    /// Give subnet `n` AZ `k` of a few (maybe not its region's; 4 keeps it)
    /// and tier `t` (3 keeps it).
    Zone(usize, usize, usize),
    /// Put workload `a` in object `b`'s subnet (whatever `b` is).
    Subnet(usize, usize),
    /// Give the `a`-th DynamoDB table a replica in the region of object
    /// `b`, or take its replicas away.
    Replicas(usize, usize, bool),
}

fn an_edit() -> impl Strategy<Value = Edit> {
    let n = || 0usize..400;
    prop_oneof![
        3 => (n(), n(), 0usize..4).prop_map(|(a, b, k)| Edit::Cidr(a, b, k)),
        3 => (n(), n()).prop_map(|(a, b)| Edit::Rename(a, b)),
        2 => (n(), n()).prop_map(|(a, b)| Edit::Move(a, b)),
        3 => (n(), 0..PaletteItem::ALL.len()).prop_map(|(n, k)| Edit::Add(n, k)),
        2 => n().prop_map(Edit::Delete),
        2 => (n(), n()).prop_map(|(a, b)| Edit::Connect(a, b)),
        1 => (n(), n()).prop_map(|(a, b)| Edit::Peer(a, b)),
        1 => (0usize..6).prop_map(Edit::Settings),
        2 => (n(), n(), any::<bool>()).prop_map(|(a, b, r)| Edit::Replica(a, b, r)),
        1 => (0usize..40, any::<bool>()).prop_map(|(n, add)| Edit::Region(n, add)),
        1 => (n(), n()).prop_map(|(a, b)| Edit::SameId(a, b)),
        2 => (n(), -50i16..50, -50i16..50).prop_map(|(n, x, y)| Edit::Place(n, x, y)),
        2 => (n(), 0usize..5, 0usize..4).prop_map(|(n, k, t)| Edit::Zone(n, k, t)),
        2 => (n(), n()).prop_map(|(a, b)| Edit::Subnet(a, b)),
        2 => (n(), n(), any::<bool>()).prop_map(|(a, b, on)| Edit::Replicas(a, b, on)),
    ]
}

fn ids(d: &Design) -> Vec<String> {
    let mut v = Vec::new();
    model::for_each_object(d, |o| v.push(o.id().to_string()));
    v
}

/// (region, vpc) of the object with this id, if it is in a VPC or is one.
fn vpc_of(d: &Design, id: &str) -> Option<(usize, usize)> {
    for (ri, r) in d.regions.iter().enumerate() {
        for (vi, v) in r.vpcs.iter().enumerate() {
            if v.id == id
                || v.subnets.iter().any(|s| s.id == id)
                || v.nodes.iter().any(|n| n.id() == id)
            {
                return Some((ri, vi));
            }
        }
    }
    None
}

fn set_name(o: edit::ObjectMut<'_>, name: String) {
    use edit::ObjectMut as M;
    match o {
        M::Region(r) => r.code = name,
        M::Vpc(v) => v.name = name,
        M::Subnet(s) => s.name = name,
        M::VpcNode(VpcNode::Alb(n)) => n.name = name,
        M::VpcNode(VpcNode::Asg(n)) => n.name = name,
        M::VpcNode(VpcNode::Rds(n)) => n.name = name,
        M::VpcNode(VpcNode::Aurora(n)) => n.name = name,
        M::VpcNode(VpcNode::Ecs(n)) => n.name = name,
        M::VpcNode(VpcNode::Elasticache(n)) => n.name = name,
        M::RegionNode(RegionNode::S3(n)) => n.name = name,
        M::RegionNode(RegionNode::Dynamodb(n)) => n.name = name,
        M::Peering(_) | M::Record(_) | M::Accelerator(_) => {}
    }
}

fn set_id(o: edit::ObjectMut<'_>, id: String) {
    use edit::ObjectMut as M;
    match o {
        M::Region(r) => r.id = id,
        M::Vpc(v) => v.id = id,
        M::Subnet(s) => s.id = id,
        M::VpcNode(VpcNode::Alb(n)) => n.id = id,
        M::VpcNode(VpcNode::Asg(n)) => n.id = id,
        M::VpcNode(VpcNode::Rds(n)) => n.id = id,
        M::VpcNode(VpcNode::Aurora(n)) => n.id = id,
        M::VpcNode(VpcNode::Ecs(n)) => n.id = id,
        M::VpcNode(VpcNode::Elasticache(n)) => n.id = id,
        M::RegionNode(RegionNode::S3(n)) => n.id = id,
        M::RegionNode(RegionNode::Dynamodb(n)) => n.id = id,
        M::Peering(p) => p.id = id,
        M::Record(r) => r.id = id,
        M::Accelerator(a) => a.id = id,
    }
}

/// The design after `e`; unchanged when the edit does not apply.
fn apply(d: &Design, e: &Edit) -> Design {
    let all = ids(d);
    let pick = |n: usize| all.get(n % all.len().max(1)).map(String::as_str);
    let same = || d.clone();
    match *e {
        Edit::Cidr(a, nb, k) => {
            let (Some(a), Some(b)) = (pick(a), pick(nb)) else {
                return same();
            };
            let cidr_of = |id: &str| {
                d.regions.iter().flat_map(|r| &r.vpcs).find_map(|v| {
                    (v.id == id).then(|| v.cidr.clone()).or_else(|| {
                        v.subnets
                            .iter()
                            .find(|s| s.id == id)
                            .map(|s| s.cidr.clone())
                    })
                })
            };
            let text = match k {
                0 => cidr_of(b).unwrap_or_else(|| "10.1.0.0/16".into()),
                1 => format!("10.{}.0.0/{}", nb % 256, 16 + nb % 12),
                2 => format!("10.{}.0.7/20", nb % 256),
                _ => "ten.0.0.0/99".into(),
            };
            edit::update(d, a, |o| match o {
                edit::ObjectMut::Vpc(v) => v.cidr = text,
                edit::ObjectMut::Subnet(s) => s.cidr = text,
                _ => {}
            })
            .unwrap_or_else(same)
        }
        Edit::Rename(a, b) => {
            let (Some(a), Some(b)) = (pick(a), pick(b)) else {
                return same();
            };
            let index = model::Index::new(d);
            let name = index
                .get(b)
                .map(|o| o.display_name().to_string())
                .unwrap_or_default();
            edit::update(d, a, |o| set_name(o, name)).unwrap_or_else(same)
        }
        Edit::Move(a, b) => {
            let (Some(a), Some(b)) = (pick(a), pick(b)) else {
                return same();
            };
            let (Some((ra, va)), Some((rb, vb))) = (vpc_of(d, a), vpc_of(d, b)) else {
                return same();
            };
            let mut next = d.clone();
            let nodes = &mut next.regions[ra].vpcs[va].nodes;
            let Some(i) = nodes.iter().position(|n| n.id() == a) else {
                return same();
            };
            let node = nodes.remove(i);
            next.regions[rb].vpcs[vb].nodes.push(node);
            next
        }
        Edit::Add(n, k) => edit::add(d, PaletteItem::ALL[k], pick(n))
            .map(|(d, _)| d)
            .unwrap_or_else(|_| same()),
        Edit::Delete(n) => pick(n).map_or_else(same, |id| edit::delete(d, &[id])),
        Edit::Connect(a, b) => match (pick(a), pick(b)) {
            (Some(a), Some(b)) => edit::connect(d, a, b).unwrap_or_else(|_| same()),
            _ => same(),
        },
        Edit::Peer(a, b) => {
            let vpc = |n| {
                pick(n)
                    .and_then(|id| vpc_of(d, id))
                    .map(|(r, v)| d.regions[r].vpcs[v].id.clone())
            };
            let (Some(a), Some(b)) = (vpc(a), vpc(b)) else {
                return same();
            };
            let mut next = d.clone();
            next.peerings.push(Peering {
                id: format!("peer-{}", next.peerings.len()),
                a,
                b,
            });
            next
        }
        Edit::Settings(k) => {
            let mut next = d.clone();
            match k {
                0 => next.name = "Not A Slug".into(),
                1 => next.name = "renamed".into(),
                2 => next.environment = "x".repeat(13),
                3 => next.environment = "stage".into(),
                4 => next.objectives = Default::default(),
                _ => {
                    let count = next.regions.len().max(1);
                    if let Some(id) = next.regions.get(k % count).map(|r| r.id.clone()) {
                        return edit::make_primary(d, &id).map(|(d, _)| d).unwrap_or(next);
                    }
                }
            }
            next
        }
        Edit::Replica(a, b, replica) => {
            // Aimed at databases: a random object rarely is one.
            let dbs: Vec<&str> = d
                .regions
                .iter()
                .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
                .filter(|n| matches!(n, VpcNode::Rds(_)))
                .map(|n| n.id())
                .collect();
            let db = |n: usize| dbs.get(n % dbs.len().max(1)).copied();
            let (Some(a), Some(b)) = (db(a), db(b).or(pick(b))) else {
                return same();
            };
            let b = b.to_string();
            edit::update(d, a, |o| {
                if let edit::ObjectMut::VpcNode(VpcNode::Rds(db)) = o {
                    if replica {
                        db.replica_of = Some(b);
                    } else {
                        db.backup_retention_days = 0;
                    }
                }
            })
            .unwrap_or_else(same)
        }
        Edit::Region(n, add) => {
            let count = d.regions.len().max(1);
            let Some(r) = d.regions.get(n % count) else {
                return same();
            };
            if add {
                let code = ["eu-west-1", "ap-southeast-2", "us-west-2", "ca-central-1"][n % 4];
                edit::clone_region_as_dr(d, &r.id, code)
                    .map(|(d, _)| d)
                    .unwrap_or_else(|_| same())
            } else {
                edit::delete(d, &[r.id.as_str()])
            }
        }
        Edit::Place(n, x, y) => {
            let Some(id) = pick(n) else {
                return same();
            };
            let mut next = d.clone();
            if x == 0 {
                next.canvas.remove(id);
            } else {
                next.canvas.insert(
                    id.to_string(),
                    model::Rect {
                        x: f64::from(x) * 10.0,
                        y: f64::from(y) * 10.0,
                        w: 100.0,
                        h: 50.0,
                    },
                );
            }
            next
        }
        Edit::Zone(n, k, t) => {
            let Some(id) = pick(n) else {
                return same();
            };
            edit::update(d, id, |o| {
                if let edit::ObjectMut::Subnet(s) = o {
                    if let Some(az) = ["use1-az1", "use1-az2", "euw1-az1", "nowhere"].get(k) {
                        s.az = az.to_string();
                    }
                    if let Some(tier) =
                        [model::Tier::Public, model::Tier::Private, model::Tier::Data].get(t)
                    {
                        s.tier = *tier;
                    }
                }
            })
            .unwrap_or_else(same)
        }
        Edit::Subnet(a, b) => {
            let (Some(a), Some(b)) = (pick(a), pick(b)) else {
                return same();
            };
            let subnet = b.to_string();
            edit::update(d, a, |o| {
                if let edit::ObjectMut::VpcNode(n) = o {
                    *n.subnets_mut() = vec![subnet];
                }
            })
            .unwrap_or_else(same)
        }
        Edit::Replicas(a, b, on) => {
            let tables: Vec<&str> = d
                .regions
                .iter()
                .flat_map(|r| &r.nodes)
                .filter(|n| matches!(n, RegionNode::Dynamodb(_)))
                .map(|n| n.id())
                .collect();
            let (Some(a), Some(b)) = (tables.get(a % tables.len().max(1)).copied(), pick(b)) else {
                return same();
            };
            let code = model::Index::new(d)
                .get(b)
                .and_then(|o| o.region())
                .map(|r| r.code.clone())
                .unwrap_or_default();
            edit::update(d, a, |o| {
                if let edit::ObjectMut::RegionNode(RegionNode::Dynamodb(t)) = o {
                    if on {
                        t.replicas.push(code);
                    } else {
                        t.replicas.clear();
                    }
                }
            })
            .unwrap_or_else(same)
        }
        Edit::SameId(a, b) => {
            let (Some(a), Some(b)) = (pick(a), pick(b)) else {
                return same();
            };
            edit::update(d, a, |o| set_id(o, b.to_string())).unwrap_or_else(same)
        }
    }
}

/// Validates every step of `edits` with one cache and from scratch, and
/// compares; returns how many regions were reused in all.
fn check(start: Design, edits: &[Edit]) -> Result<usize, TestCaseError> {
    let mut d = start;
    let mut inc = Incremental::new();
    prop_assert_eq!(inc.validate(&d), validate(&d));
    let mut reused = 0;
    for e in edits {
        d = apply(&d, e);
        prop_assert_eq!(inc.validate(&d), validate(&d), "after {:?}", e);
        reused += inc.reused();
    }
    Ok(reused)
}

/// Lays out every step of `edits` and checks that a step with the same
/// layout inputs as the one before has the same layout; returns how many
/// steps kept their inputs.
fn check_layout(start: Design, edits: &[Edit]) -> Result<usize, TestCaseError> {
    let mut d = start;
    let mut before = layout(&d);
    let mut kept = 0;
    for e in edits {
        let next = apply(&d, e);
        let now = layout(&next);
        if same_layout_inputs(&d, &next) {
            prop_assert_eq!(&now, &before, "after {:?}", e);
            kept += 1;
        }
        d = next;
        before = now;
    }
    Ok(kept)
}

/// The templates, then the invalid fixtures that load (each holds a defect
/// a rule reports, so edits start from designs with findings).
fn starts() -> &'static [Design] {
    static STARTS: std::sync::OnceLock<Vec<Design>> = std::sync::OnceLock::new();
    STARTS.get_or_init(load_starts)
}

fn load_starts() -> Vec<Design> {
    let mut v: Vec<Design> = TEMPLATES.iter().filter_map(|t| t.design().ok()).collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        if let Some(d) = std::fs::read_to_string(p).ok().and_then(|t| load(&t).ok()) {
            v.push(d);
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, .. ProptestConfig::default() })]

    #[test]
    fn incremental_validation_equals_a_full_run(s in 0usize..1000, edits in prop::collection::vec(an_edit(), 1..10)) {
        let starts = starts();
        let d = starts[s % starts.len()].clone();
        check(d, &edits)?;
    }

    #[test]
    fn equal_layout_inputs_give_equal_layouts(s in 0usize..1000, edits in prop::collection::vec(an_edit(), 1..10)) {
        let starts = starts();
        let d = starts[s % starts.len()].clone();
        check_layout(d, &edits)?;
    }
}

/// The shortcut applies where it should: a CIDR, a name or a setting keeps
/// the layout inputs, a position, an add or a subnet's AZ does not.
#[test]
fn content_edits_keep_the_layout_inputs_and_structure_edits_do_not() {
    let d = topoform::core::stress::stress_design();
    let e = topoform::core::stress::bench_edits(&d);
    assert!(same_layout_inputs(&d, &e.cidr), "a CIDR");
    assert!(!same_layout_inputs(&d, &e.moved), "a move");
    let mut renamed = d.clone();
    renamed.regions[3].vpcs[0].name = "other".into();
    renamed.environment = "staging".into();
    assert!(same_layout_inputs(&d, &renamed), "a rename and a setting");
    let mut az = d.clone();
    az.regions[3].vpcs[0].subnets[0].az = "elsewhere".into();
    assert!(!same_layout_inputs(&d, &az), "an AZ");
    let added = edit::add(&d, PaletteItem::Alb, Some(&d.regions[0].vpcs[0].id))
        .map(|(d, _)| d)
        .expect("added");
    assert!(!same_layout_inputs(&d, &added), "an add");
    // Every kind of random edit, counted over many sequences: the shortcut
    // is taken often and never wrongly (the property above).
    let mut kept = 0;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..60 {
        let edits = prop::collection::vec(an_edit(), 5..10)
            .new_tree(&mut runner)
            .expect("edits")
            .current();
        kept += check_layout(starts()[0].clone(), &edits).expect("same layout");
    }
    assert!(kept > 20, "only {kept} steps kept their layout inputs");
}

/// The point of it: an edit inside one region reuses every other region's
/// findings (checked on a template with three regions' worth of rules, so
/// a failure here is a lost optimisation).
#[test]
fn an_edit_in_one_region_reuses_the_others() {
    let d = topoform::core::stress::stress_design();
    let mut inc = Incremental::new();
    assert_eq!(inc.validate(&d), validate(&d));
    assert_eq!(inc.reused(), 0);
    let mut next = d.clone();
    next.regions[0].vpcs[0].cidr = d.regions[1].vpcs[0].cidr.clone();
    assert_eq!(inc.validate(&next), validate(&next));
    assert_eq!(inc.reused(), d.regions.len() - 1);
    assert!(d
        .regions
        .iter()
        .all(|r| r.role != RegionRole::Primary || r.id == d.regions[0].id));
}

/// The pitfall of caching messages: a region's messages name its objects
/// as `Ctx::name_of` does, which qualifies a name ("app in us-east-1") when
/// an object of the same kind ANYWHERE shares it. Renaming an object in
/// another region must therefore re-run the region whose message names it.
#[test]
fn a_rename_elsewhere_requalifies_a_cached_message() {
    let mut d = topoform::core::templates::template("active-passive")
        .and_then(|t| t.design().ok())
        .expect("template");
    let set = |d: &mut Design, r: usize, f: &dyn Fn(&mut model::Asg)| {
        for n in d.regions[r].vpcs.iter_mut().flat_map(|v| &mut v.nodes) {
            if let VpcNode::Asg(a) = n {
                f(a);
                return;
            }
        }
    };
    set(&mut d, 0, &|a| {
        a.name = "app".into();
        a.scaling = Some(model::Scaling::cpu(95));
    });
    set(&mut d, 1, &|a| a.name = "other".into());
    let mut inc = Incremental::new();
    let before = inc.validate(&d);
    assert_eq!(before, validate(&d));
    let scl = |diags: &[topoform::core::validate::Diagnostic]| {
        diags
            .iter()
            .find(|x| x.rule == "SCL-01")
            .map(|x| x.message.clone())
            .unwrap_or_default()
    };
    assert!(
        scl(&before).contains("group app scales"),
        "{}",
        scl(&before)
    );
    set(&mut d, 1, &|a| a.name = "app".into());
    let after = inc.validate(&d);
    assert_eq!(after, validate(&d));
    assert!(scl(&after).contains("group app in "), "{}", scl(&after));
}
