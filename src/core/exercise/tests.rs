use super::*;
use serde_json::{json, Value};

pub(super) fn base() -> Value {
    json!({
        "format": "topoform.exercise",
        "version": 1,
        "id": "overlap-fix",
        "title": "Make the regions peerable",
        "brief": "Fix the **overlap**.",
        "start": { "template": "active-passive" },
        "rules": { "disable": ["TF-05"], "severity": { "DES-03": "error" } },
        "goals": [
            { "id": "clean", "text": "No errors", "check": { "no_errors": true } },
            { "id": "peer", "text": "Peered", "check": { "count": { "kind": "peering", "min": 1 } } },
            { "id": "replica", "text": "A replica", "check": { "link": { "from": "rds", "to": "rds", "across_regions": true } } },
            { "id": "survive", "text": "Survive", "check": { "survives": { "fail": "us-east-1", "rto_seconds": 3600 } } }
        ],
        "hints": [ { "after_seconds": 120, "text": "Look at the problems panel." } ]
    })
}

pub(super) fn with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = base();
    edit(&mut v);
    v
}

#[test]
fn the_contract_example_loads() {
    let ex = load(&base().to_string()).expect("loads");
    assert_eq!(ex.id, "overlap-fix");
    assert_eq!(ex.start, Start::Template("active-passive".into()));
    assert_eq!(ex.goals.len(), 4);
    assert_eq!(ex.rules.disable, ["TF-05"]);
    assert_eq!(ex.hints[0].after_seconds, 120);
    assert!(ex.solution.is_none());
    assert_eq!(
        ex.start_design(),
        crate::core::templates::TEMPLATES[0].design().unwrap()
    );
}

fn goal(id: &str, check: Value) -> Value {
    json!({ "id": id, "text": id, "check": check })
}

fn exercise(goals: Vec<Value>, rules: Value) -> Exercise {
    load(
        &with(|v| {
            v["goals"] = Value::Array(goals);
            v["rules"] = rules;
        })
        .to_string(),
    )
    .expect("test exercise loads")
}

#[test]
fn the_rule_pack_changes_what_counts_as_an_error() {
    let d = crate::core::templates::TEMPLATES[0].design().unwrap();
    let diags = crate::core::validate::validate(&d);
    let some = diags.first().expect("the template has a finding").rule;
    let g = vec![
        goal("present", json!({ "rule_present": some })),
        goal("absent", json!({ "rule_absent": some })),
    ];
    let plain = grade(&exercise(g.clone(), json!({})), &d);
    assert_eq!(plain.failed(), ["absent"]);
    assert_eq!(plain.score, 50);
    let off = grade(&exercise(g, json!({ "disable": [some] })), &d);
    assert_eq!(off.failed(), ["present"]);
    assert!(
        off.goals[0].message.contains("not reported"),
        "{:?}",
        off.goals[0]
    );

    let clean = vec![goal("clean", json!({ "no_errors": true }))];
    assert!(grade(&exercise(clean.clone(), json!({})), &d).passed);
    let strict = grade(
        &exercise(clean, json!({ "severity": { some: "error" } })),
        &d,
    );
    assert!(!strict.passed);
    assert!(
        strict.goals[0].message.contains(some),
        "{:?}",
        strict.goals[0]
    );
}

#[test]
fn count_link_and_survives_judge_the_design() {
    let d = crate::core::templates::TEMPLATES[0].design().unwrap();
    let ex = exercise(
        vec![
            goal(
                "regions",
                json!({ "count": { "kind": "region", "min": 2, "max": 2 } }),
            ),
            goal(
                "east-rds",
                json!({ "count": { "kind": "rds", "region": "us-east-1", "min": 1 } }),
            ),
            goal("three", json!({ "count": { "kind": "region", "min": 3 } })),
            goal(
                "replica",
                json!({ "link": { "from": "rds", "to": "rds", "across_regions": true } }),
            ),
            goal(
                "same",
                json!({ "link": { "from": "rds", "to": "rds", "across_regions": false } }),
            ),
            goal("lb", json!({ "link": { "from": "alb", "to": "asg" } })),
            goal("survive", json!({ "survives": { "fail": "us-east-1" } })),
            goal(
                "fast",
                json!({ "survives": { "fail": "us-east-1", "rto_seconds": 1 } }),
            ),
            goal("elsewhere", json!({ "survives": { "fail": "eu-west-1" } })),
            goal("az", json!({ "survives": { "fail": "use1-az1" } })),
        ],
        json!({}),
    );
    let g = grade(&ex, &d);
    assert_eq!(g.failed(), ["three", "same", "fast", "elsewhere"], "{g:#?}");
    assert_eq!(g.score, 60);
    let msg = |id: &str| g.goals.iter().find(|x| x.id == id).unwrap().message.clone();
    assert_eq!(msg("three"), "region: 2 found; needs at least 3");
    assert!(
        msg("same").contains("none in the same region"),
        "{}",
        msg("same")
    );
    assert!(
        msg("fast").contains("over the 1 s allowed"),
        "{}",
        msg("fast")
    );
    assert!(
        msg("elsewhere").contains("does not use eu-west-1"),
        "{}",
        msg("elsewhere")
    );
    assert!(
        msg("survive").starts_with("losing us-east-1: back in"),
        "{}",
        msg("survive")
    );

    let total = crate::core::cost::estimate(&d).monthly_total;
    assert!(total > 100.0, "{total}");
    let budget = |usd: f64| {
        let ex = exercise(
            vec![goal("b", json!({ "cost_below": { "monthly_usd": usd } }))],
            json!({}),
        );
        grade(&ex, &d).goals.remove(0)
    };
    let over = budget(total - 50.0);
    assert!(
        !over.passed && over.message.contains("over the"),
        "{over:?}"
    );
    assert!(over.message.ends_with("by $50"), "{over:?}");
    let under = budget(total + 1.0);
    assert!(
        under.passed && under.message.contains("under the"),
        "{under:?}"
    );

    let empty = grade(&ex, &empty_design());
    assert_eq!(empty.score, 0, "{empty:#?}");
    let json = empty.json();
    assert_eq!(json["passed"], json!(false));
    assert_eq!(
        json["goals"][0],
        json!({ "id": "regions", "passed": false, "message": "region: 0 found; needs exactly 2" })
    );
}

/// `count` of records by `policy` (Topoform's addition): only records
/// routing that way count, and a failure says how the others route.
#[test]
fn a_count_of_records_can_ask_for_a_routing_policy() {
    use crate::core::model::RoutingPolicy;
    let mut d = crate::core::templates::TEMPLATES[0].design().unwrap();
    let ex = exercise(
        vec![
            goal(
                "latency",
                json!({ "count": { "kind": "record", "policy": "latency", "min": 1 } }),
            ),
            goal(
                "no-failover",
                json!({ "count": { "kind": "record", "policy": "failover", "max": 0 } }),
            ),
            goal("any", json!({ "count": { "kind": "record", "min": 1 } })),
        ],
        json!({}),
    );
    let records = d.dns.as_ref().map_or(0, |z| z.records.len());
    assert!(records > 0, "the template has a record");
    assert!(d
        .dns
        .iter()
        .flat_map(|z| &z.records)
        .all(|r| r.policy == RoutingPolicy::Failover));
    let g = grade(&ex, &d);
    assert_eq!(g.failed(), ["latency", "no-failover"], "{g:#?}");
    let name = d.dns.as_ref().unwrap().records[0].name.clone();
    assert_eq!(
        g.goals[0].message,
        format!("latency record: 0 found; needs at least 1 ({name} routes by failover)")
    );
    assert!(
        g.goals[1].message.starts_with("failover record: "),
        "{:?}",
        g.goals[1]
    );
    assert!(g.goals[2].passed);

    for r in d.dns.iter_mut().flat_map(|z| &mut z.records) {
        r.policy = RoutingPolicy::Latency;
    }
    let g = grade(&ex, &d);
    assert!(g.passed, "{g:#?}");
    assert_eq!(
        g.goals[0].message,
        format!("latency record: {records} found (at least 1)")
    );
}

/// The findings a failed `no_errors` quotes are joined as clauses
/// (`NET-04: …; NET-10: …`), without each one's full stop (`.;`).
#[test]
fn quoted_findings_read_as_one_sentence() {
    let mut d = crate::core::templates::TEMPLATES[0].design().unwrap();
    let first = d.regions[0].vpcs[0].cidr.clone();
    d.regions[1].vpcs[0].cidr = first;
    let ex = exercise(vec![goal("clean", json!({ "no_errors": true }))], json!({}));
    let g = grade(&ex, &d);
    let msg = &g.goals[0].message;
    assert!(!g.passed && msg.contains("; "), "{msg}");
    assert!(!msg.contains(".;") && !msg.ends_with('.'), "{msg}");
}
