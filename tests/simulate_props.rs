//! Property tests of the outage simulation: random designs (the templates
//! and the seeds' systems, bent by random edits into shapes validation
//! would reject) and random failures never panic, and failing a place the
//! design does not use changes nothing.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use topoform::core::model::{
    load, Design, FailoverRole, RegionNode, RegionRole, RoutingPolicy, VpcNode,
};
use topoform::core::simulate::{every_failure, report, simulate, Failure, Scenario};
use topoform::core::templates::TEMPLATES;

/// Strings edits put into ids, codes and AZs: some the designs use, some not.
const WORDS: &[&str] = &[
    "",
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "mars-1",
    "use1-az1",
    "use1-az2",
    "usw2-az1",
    "none-az9",
    "use1-alb",
    "usw2-alb",
    "use1-db",
    "usw2-db",
    "use1-app",
    "use1-core",
    "core",
    "use1-assets",
    "edge",
    "app",
    "use1-app-a",
    "use1-db-a",
];
const NUMBERS: &[u32] = &[0, 1, 2, 3, 10, 30, 255, u32::MAX];

/// Loaded once for every case.
fn designs() -> &'static [Design] {
    static ALL: std::sync::OnceLock<Vec<Design>> = std::sync::OnceLock::new();
    ALL.get_or_init(load_designs)
}

fn load_designs() -> Vec<Design> {
    let mut out: Vec<Design> = TEMPLATES.iter().filter_map(|t| t.design().ok()).collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
    for e in std::fs::read_dir(dir).expect("seed fixtures").flatten() {
        let text = std::fs::read_to_string(e.path()).expect("readable");
        out.push(load(&text).expect("seed fixture loads"));
    }
    assert!(out.len() >= 8);
    out
}

/// One random edit: `what` picks the kind, `at` the object, `w` and `n` the value.
fn edit(d: &mut Design, what: u8, at: usize, w: usize, n: usize) {
    let word = WORDS[w % WORDS.len()].to_string();
    let num = NUMBERS[n % NUMBERS.len()];
    let regions = d.regions.len().max(1);
    match what % 10 {
        0 if !d.regions.is_empty() => {
            d.regions.remove(at % regions);
        }
        1 => {
            if let Some(r) = d.regions.get_mut(at % regions) {
                r.code = word;
            }
        }
        2 => {
            if let Some(r) = d.regions.get_mut(at % regions) {
                r.role = if n % 2 == 0 {
                    RegionRole::Primary
                } else {
                    RegionRole::Secondary
                };
            }
        }
        3 => {
            for rec in d.dns.iter_mut().flat_map(|x| &mut x.records) {
                rec.policy = [
                    RoutingPolicy::Simple,
                    RoutingPolicy::Failover,
                    RoutingPolicy::Latency,
                    RoutingPolicy::Geolocation,
                    RoutingPolicy::Weighted,
                ][n % 5];
                let k = at % rec.targets.len().max(1);
                if let Some(t) = rec.targets.get_mut(k) {
                    t.target = word.clone();
                    t.role = [
                        None,
                        Some(FailoverRole::Primary),
                        Some(FailoverRole::Secondary),
                    ][w % 3];
                    t.weight = Some(num);
                    if let Some(h) = &mut t.health_check {
                        h.interval = num;
                        h.failure_threshold = num;
                    }
                }
            }
        }
        4 => {
            for a in &mut d.accelerators {
                let k = at % a.endpoints.len().max(1);
                if let Some(e) = a.endpoints.get_mut(k) {
                    e.target = word.clone();
                    e.weight = num;
                    e.traffic_dial = num;
                }
            }
        }
        5 => {
            for x in d
                .regions
                .iter_mut()
                .flat_map(|r| &mut r.vpcs)
                .flat_map(|v| &mut v.subnets)
            {
                if at % 3 == 0 {
                    x.az = word.clone();
                }
            }
        }
        6 | 7 => {
            let nodes: Vec<&mut VpcNode> = d
                .regions
                .iter_mut()
                .flat_map(|r| &mut r.vpcs)
                .flat_map(|v| &mut v.nodes)
                .collect();
            let len = nodes.len().max(1);
            if let Some(node) = nodes.into_iter().nth(at % len) {
                if what % 10 == 7 {
                    node.subnets_mut().truncate(n % 3);
                }
                match node {
                    VpcNode::Asg(g) => {
                        (g.desired, g.max, g.target) = (num, NUMBERS[w % NUMBERS.len()], Some(word))
                    }
                    VpcNode::Ecs(e) => (e.desired, e.max) = (num, NUMBERS[w % NUMBERS.len()]),
                    VpcNode::Rds(x) => (x.multi_az, x.replica_of) = (n % 2 == 0, Some(word)),
                    VpcNode::Aurora(x) => (x.instances, x.global) = (num, Some(word)),
                    VpcNode::Alb(a) => {
                        a.health_check.interval = num;
                        a.health_check.unhealthy_threshold = num;
                    }
                    VpcNode::Elasticache(c) => (c.multi_az, c.nodes) = (n % 2 == 0, num),
                }
            }
        }
        _ => {
            for r in &mut d.regions {
                for node in &mut r.nodes {
                    match node {
                        RegionNode::S3(b) => b.replicate_to = Some(word.clone()),
                        RegionNode::Dynamodb(t) => t.replicas = vec![word.clone()],
                    }
                }
            }
        }
    }
}

fn changes_nothing(s: &Scenario) -> bool {
    s.rto_seconds == Some(0)
        && s.rpo_seconds == Some(0)
        && s.steps.is_empty()
        && s.unrecoverable.is_empty()
        && s.stores.is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn random_designs_and_failures_never_panic(
        pick in 0usize..64,
        edits in prop::collection::vec((any::<u8>(), 0usize..64, 0usize..64, 0usize..64), 0..6),
        extra in 0usize..64,
    ) {
        let all = designs();
        let mut d = all[pick % all.len()].clone();
        for (what, at, w, n) in edits {
            edit(&mut d, what, at, w, n);
        }
        let mut failures = every_failure(&d);
        failures.push(Failure::Region(WORDS[extra % WORDS.len()].into()));
        failures.push(Failure::Az(WORDS[(extra + 1) % WORDS.len()].into()));
        // Component failures: every object of the design, and a word.
        failures.extend(d.regions.iter().flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes).map(|n| n.id().to_string()).chain(r.nodes.iter().map(|n| n.id().to_string()))).map(Failure::Component));
        failures.extend(d.accelerators.iter().map(|a| Failure::Component(a.id.clone())));
        failures.push(Failure::Component(WORDS[(extra + 2) % WORDS.len()].into()));
        let scenarios: Vec<Scenario> = failures.iter().map(|f| simulate(&d, f)).collect();
        for s in &scenarios {
            // Whatever the design, the scenario's numbers stay consistent.
            if let Some(rto) = s.rto_seconds {
                let last = s.steps.iter().map(|x| x.ends_at).max().unwrap_or(0);
                prop_assert!(rto <= last || s.steps.is_empty(), "{:?}: RTO {} after the last step {}", s.failure, rto, last);
            }
        }
        let _ = report::text("random.json", &d, &scenarios);
        let _ = report::json(&d, &scenarios);
    }

    #[test]
    fn failing_a_place_the_design_does_not_use_changes_nothing(
        pick in 0usize..64,
        edits in prop::collection::vec((any::<u8>(), 0usize..64, 0usize..64, 0usize..64), 0..4),
        w in 0usize..64,
    ) {
        let all = designs();
        let mut d = all[pick % all.len()].clone();
        for (what, at, ww, n) in edits {
            edit(&mut d, what, at, ww, n);
        }
        let word = WORDS[w % WORDS.len()];
        if !d.regions.iter().any(|r| r.code == word) {
            let s = simulate(&d, &Failure::Region(word.into()));
            prop_assert!(changes_nothing(&s), "{:#?}", s);
        }
        let exists = d.regions.iter().any(|r| {
            r.vpcs.iter().flat_map(|v| &v.nodes).any(|n| n.id() == word) || r.nodes.iter().any(|n| n.id() == word)
        }) || d.accelerators.iter().any(|a| a.id == word);
        if !exists {
            let s = simulate(&d, &Failure::Component(word.into()));
            prop_assert!(changes_nothing(&s), "{:#?}", s);
        }
        let used = d.regions.iter().flat_map(|r| &r.vpcs).flat_map(|v| &v.subnets).any(|x| x.az == word);
        if !used {
            let s = simulate(&d, &Failure::Az(word.into()));
            prop_assert!(changes_nothing(&s), "{:#?}", s);
        }
    }
}
