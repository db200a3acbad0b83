//! Table tests of copy and paste: every accepted paste loads again under
//! the strict loader and lands where the module docs say; every refused
//! one leaves the design as it was and says why.

use super::super::tests::{loads, tpl};
use super::*;

fn vpc<'a>(d: &'a Design, id: &str) -> &'a Vpc {
    Index::new(d)
        .vpc(id)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no VPC {id}"))
}

fn region_of(d: &Design, id: &str) -> String {
    Index::new(d)
        .get(id)
        .and_then(|o| o.region())
        .map(|r| r.code.clone())
        .unwrap_or_default()
}

fn clip(d: &Design, ids: &[&str]) -> String {
    copy(d, ids).unwrap_or_else(|| panic!("nothing copied of {ids:?}"))
}

#[test]
fn pastes() {
    struct Case {
        name: &'static str,
        from: &'static str,
        copied: &'static [&'static str],
        into_design: &'static str,
        into: Option<&'static str>,
        /// (the pasted object's region code, a check on the result)
        expect: (&'static str, fn(&Design, &[String])),
    }
    let cases = [
        Case {
            name: "a VPC into another design lands in the region of the same code with a free /16 and its own subnets",
            from: "active-active",
            copied: &["euw1-main"],
            into_design: "active-passive",
            into: None,
            expect: ("us-east-1", |d, ids| {
                // No eu-west-1 there: the primary region takes it.
                let v = vpc(d, &ids[0]);
                assert_eq!(v.cidr, "10.2.0.0/16");
                assert_eq!(v.subnets.len(), 6);
                assert!(v.subnets.iter().all(|s| s.cidr.starts_with("10.2.") && s.az.starts_with("use1-")), "{:?}", v.subnets);
                let subnet_ids: Vec<&str> = v.subnets.iter().map(|s| s.id.as_str()).collect();
                assert!(v.nodes.iter().all(|n| n.subnets().iter().all(|s| subnet_ids.contains(&s.as_str()))), "workloads use the copies");
            }),
        },
        Case {
            name: "a VPC into a design holding its region keeps the region and the AZs",
            from: "active-active",
            copied: &["euw1-main"],
            into_design: "active-active",
            into: None,
            expect: ("eu-west-1", |d, ids| {
                let v = vpc(d, &ids[0]);
                assert_ne!(ids[0], "euw1-main");
                assert_eq!(v.cidr, "10.3.0.0/16");
                assert!(v.subnets.iter().all(|s| s.az.starts_with("euw1-")));
                assert_ne!(v.name, vpc(d, "euw1-main").name, "a name of its own in the region");
            }),
        },
        Case {
            name: "a VPC into the selected region",
            from: "active-active",
            copied: &["use1-main"],
            into_design: "active-active",
            into: Some("apse1-pub-a"),
            expect: ("ap-southeast-1", |d, ids| {
                assert!(vpc(d, &ids[0]).subnets.iter().all(|s| s.az.starts_with("apse1-")));
            }),
        },
        Case {
            name: "an ALB alone finds public subnets of the same AZs in the target VPC",
            from: "active-active",
            copied: &["use1-alb"],
            into_design: "active-passive",
            into: Some("usw2-main"),
            expect: ("us-west-2", |d, ids| {
                let (_, v, n) = Index::new(d).vpc_node(&ids[0]).unwrap_or_else(|| panic!("no ALB"));
                assert_eq!(v.id, "usw2-main");
                assert_eq!(n.subnets(), ["usw2-pub-a", "usw2-pub-b"]);
                assert_ne!(n.name(), "alb", "the name is free in its region");
            }),
        },
        Case {
            name: "a subnet into the same VPC takes the next free block",
            from: "active-passive",
            copied: &["use1-db-a"],
            into_design: "active-passive",
            into: None,
            expect: ("us-east-1", |d, ids| {
                let s = vpc(d, "use1-main").subnets.iter().find(|s| s.id == ids[0]).cloned();
                let s = s.unwrap_or_else(|| panic!("subnet not in use1-main"));
                assert_eq!(s.cidr, "10.0.2.0/24");
                assert_eq!(s.az, "use1-az1");
            }),
        },
        Case {
            name: "an ASG with its ALB keeps its target on the pasted ALB",
            from: "active-passive",
            copied: &["use1-alb", "use1-app"],
            into_design: "active-active",
            into: Some("euw1-main"),
            expect: ("eu-west-1", |d, ids| {
                let index = Index::new(d);
                match index.vpc_node(&ids[1]).map(|(_, _, n)| n) {
                    Some(VpcNode::Asg(a)) => assert_eq!(a.target.as_deref(), Some(ids[0].as_str())),
                    other => panic!("not an ASG: {other:?}"),
                }
            }),
        },
        Case {
            name: "a replica's source left behind is dropped",
            from: "active-passive",
            copied: &["usw2-db"],
            into_design: "active-active",
            into: Some("use1-main"),
            expect: ("us-east-1", |d, ids| match Index::new(d).vpc_node(&ids[0]).map(|(_, _, n)| n) {
                Some(VpcNode::Rds(r)) => assert_eq!(r.replica_of, None),
                other => panic!("not an RDS: {other:?}"),
            }),
        },
        Case {
            name: "a DynamoDB table gets a free name",
            from: "active-active",
            copied: &["sessions"],
            into_design: "active-active",
            into: None,
            expect: ("us-east-1", |d, ids| {
                let names: Vec<&str> = d.regions.iter().flat_map(|r| &r.nodes).map(|n| n.name()).collect();
                let mine = Index::new(d).get(&ids[0]).map(|o| o.display_name().to_string()).unwrap_or_default();
                assert_eq!(names.iter().filter(|n| **n == mine).count(), 1, "{names:?}");
            }),
        },
    ];
    for c in cases {
        let text = clip(&tpl(c.from), c.copied);
        let before = tpl(c.into_design);
        let (after, ids) =
            paste(&before, &text, c.into).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert_eq!(ids.len(), c.copied.len(), "{}", c.name);
        loads(&after);
        assert_eq!(region_of(&after, &ids[0]), c.expect.0, "{}", c.name);
        (c.expect.1)(&after, &ids);
    }
}

#[test]
fn the_same_vpc_pasted_twice_gets_two_fresh_ids_and_blocks() {
    let d = tpl("active-passive");
    let text = clip(&d, &["use1-main"]);
    let (once, a) = paste(&d, &text, None).unwrap_or_else(|e| panic!("{e}"));
    let (twice, b) = paste(&once, &text, None).unwrap_or_else(|e| panic!("{e}"));
    loads(&twice);
    assert_ne!(a, b);
    assert_eq!(vpc(&twice, &a[0]).cidr, "10.2.0.0/16");
    assert_eq!(vpc(&twice, &b[0]).cidr, "10.3.0.0/16");
}

#[test]
fn refusals_leave_the_design_alone_and_say_why() {
    let d = tpl("active-passive");
    // A /28 VPC holding one /28 subnet has no room for another.
    let mut full = d.clone();
    full.regions[0].vpcs[0].cidr = "10.0.0.0/28".into();
    full.regions[0].vpcs[0].subnets.truncate(1);
    full.regions[0].vpcs[0].subnets[0].cidr = "10.0.0.0/28".into();
    full.regions[0].vpcs[0].nodes.clear();
    // A VPC with no public subnet cannot hold a copied ALB.
    let mut no_public = d.clone();
    no_public.regions[1].vpcs[0]
        .subnets
        .retain(|s| s.tier != Tier::Public);
    no_public.regions[1].vpcs[0]
        .nodes
        .retain(|n| n.kind() != NodeKind::Alb);
    let mut no_vpc = d.clone();
    no_vpc.regions.iter_mut().for_each(|r| r.vpcs.clear());
    no_vpc.peerings.clear();
    no_vpc.dns = None;
    no_vpc.accelerators.clear();
    let huge = format!(
        "{{\"format\":\"topoform.clipboard\",\"version\":1,\"pad\":\"{}\"}}",
        "x".repeat(10 * 1024 * 1024)
    );
    let good = clip(&d, &["use1-pub-a"]);
    let alb = clip(&d, &["use1-alb"]);
    let cases: [(&str, &Design, String, Option<&str>, &str); 9] = [
        (
            "a subnet into a full VPC",
            &full,
            good.clone(),
            Some("use1-main"),
            "is full",
        ),
        (
            "an ALB into a VPC without public subnets",
            &no_public,
            alb.clone(),
            Some("usw2-main"),
            "needs a public subnet",
        ),
        (
            "a subnet into a region without VPCs",
            &no_vpc,
            good.clone(),
            None,
            "needs a VPC",
        ),
        (
            "garbage",
            &d,
            "hello, world".into(),
            None,
            "does not hold Topoform objects",
        ),
        (
            "a design file, not a clip",
            &d,
            save(&d),
            None,
            "does not hold Topoform objects",
        ),
        ("a 10 MB paste", &d, huge, None, "at most 4 MB"),
        (
            "another version",
            &d,
            good.replace("\"version\":1,\"objects\"", "\"version\":9,\"objects\""),
            None,
            "another Topoform version",
        ),
        (
            "a duplicate key",
            &d,
            good.replacen("{\"format\"", "{\"objects\":[],\"format\"", 1),
            None,
            "does not hold Topoform objects",
        ),
        (
            "a broken reference inside",
            &d,
            alb.replace("\"subnets\":[\"use1-pub-a\"", "\"subnets\":[\"nowhere\""),
            None,
            "not valid",
        ),
    ];
    for (name, design, text, into, says) in cases {
        match paste(design, &text, into) {
            Ok(_) => panic!("{name}: pasted"),
            Err(e) => assert!(e.0.contains(says), "{name}: {e}"),
        }
    }
}

#[test]
fn copy_leaves_out_what_cannot_be_pasted() {
    let d = tpl("active-passive");
    assert_eq!(
        copy(&d, &["use1", "nowhere"]),
        None,
        "regions have Clone region as DR"
    );
    let text = clip(&d, &["use1-main", "use1-alb", "use1"]);
    let c = clip::read(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.objects, ["use1-main"], "the ALB travels inside its VPC");
    assert!(text.starts_with("{\"format\":\"topoform.clipboard\",\"version\":1,"));
}

/// The clip of `use1-main` of active-passive, its JSON changed by `f`.
fn hand_made(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let d = tpl("active-passive");
    let mut v: serde_json::Value =
        serde_json::from_str(&clip(&d, &["use1-main"])).unwrap_or_else(|e| panic!("{e}"));
    f(&mut v);
    v.to_string()
}

fn refused(text: &str) -> String {
    match paste(&tpl("active-passive"), text, Some("use1-main")) {
        Ok((_, ids)) => panic!("pasted {ids:?}"),
        Err(e) => e.0,
    }
}

#[test]
fn an_empty_objects_list_is_refused_and_says_so() {
    let e = refused(&hand_made(|v| v["objects"] = serde_json::json!([])));
    assert!(e.contains("holds no objects"), "{e}");
    assert!(e.ends_with("Nothing was pasted."), "{e}");
}

#[test]
fn an_id_listed_twice_is_pasted_once() {
    let d = tpl("active-passive");
    let text = hand_made(|v| v["objects"] = serde_json::json!(["use1-main", "use1-main"]));
    let (after, ids) = paste(&d, &text, None).unwrap_or_else(|e| panic!("{e}"));
    loads(&after);
    assert_eq!(ids.len(), 1, "{ids:?}");
    let vpcs = |d: &Design| d.regions.iter().map(|r| r.vpcs.len()).sum::<usize>();
    assert_eq!(vpcs(&after), vpcs(&d) + 1);
    // A subnet or workload listed beside its VPC travels with it, once.
    let text = hand_made(|v| {
        v["objects"] = serde_json::json!(["use1-pub-a", "use1-main", "use1-alb", "use1-main"])
    });
    let (after, ids) = paste(&d, &text, None).unwrap_or_else(|e| panic!("{e}"));
    loads(&after);
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(
        vpc(&after, &ids[0]).subnets.len(),
        vpc(&d, "use1-main").subnets.len()
    );
    assert_eq!(
        vpc(&after, "use1-main").subnets.len(),
        vpc(&d, "use1-main").subnets.len(),
        "nothing pasted into the original"
    );
}

#[test]
fn an_absurdly_long_objects_list_is_refused_for_its_length() {
    let e = refused(&hand_made(|v| {
        v["objects"] = serde_json::json!(vec!["use1-main"; clip::MAX_CLIP_OBJECTS + 1])
    }));
    assert!(
        e.contains(&format!("lists {} objects", clip::MAX_CLIP_OBJECTS + 1)),
        "{e}"
    );
    assert!(!e.contains("address"), "{e}");
    // Up to the cap, repeats of one id are that one object.
    let text =
        hand_made(|v| v["objects"] = serde_json::json!(vec!["use1-main"; clip::MAX_CLIP_OBJECTS]));
    let (_, ids) = paste(&tpl("active-passive"), &text, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.len(), 1);
}

#[test]
fn a_copied_vpc_block_outside_16_to_28_is_refused() {
    for cidr in ["0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/15", "10.0.0.0/29"] {
        let e = refused(&hand_made(|v| {
            v["design"]["regions"][0]["vpcs"][0]["cidr"] = cidr.into()
        }));
        assert!(
            e.contains(&format!("has CIDR {cidr}; a VPC's block is /16 to /28")),
            "{cidr}: {e}"
        );
        assert!(e.ends_with("Nothing was pasted."), "{e}");
    }
    for cidr in ["10.0.0.0/16", "10.0.0.0/28"] {
        let text = hand_made(|v| {
            v["design"]["regions"][0]["vpcs"][0]["cidr"] = cidr.into();
            v["design"]["regions"][0]["vpcs"][0]["subnets"] = serde_json::json!([]);
            v["design"]["regions"][0]["vpcs"][0]["nodes"] = serde_json::json!([]);
        });
        let (after, ids) =
            paste(&tpl("active-passive"), &text, None).unwrap_or_else(|e| panic!("{cidr}: {e}"));
        loads(&after);
        assert_eq!(
            vpc(&after, &ids[0]).cidr.split('/').nth(1),
            cidr.split('/').nth(1)
        );
    }
}

#[test]
fn a_copied_subnet_outside_its_vpc_gets_a_free_block_of_the_new_vpc() {
    let text = hand_made(|v| {
        let subnets = &mut v["design"]["regions"][0]["vpcs"][0]["subnets"];
        subnets[0]["cidr"] = "0.0.0.0/0".into();
        subnets[1]["cidr"] = "192.168.7.0/24".into();
    });
    let d = tpl("active-passive");
    let (after, ids) = paste(&d, &text, None).unwrap_or_else(|e| panic!("{e}"));
    loads(&after);
    let v = vpc(&after, &ids[0]);
    let net = parse_net(&v.cidr).unwrap_or_else(|| panic!("{}", v.cidr));
    let nets: Vec<Ipv4Net> = v
        .subnets
        .iter()
        .filter_map(|s| parse_net(&s.cidr))
        .collect();
    assert_eq!(nets.len(), v.subnets.len());
    for (i, a) in nets.iter().enumerate() {
        assert!(net.contains(a), "{a} outside {net}");
        assert!(VPC_PREFIXES.contains(&a.prefix_len()), "{a}");
        for b in &nets[i + 1..] {
            assert!(!a.contains(b) && !b.contains(a), "{a} overlaps {b}");
        }
    }
}
