//! The inspector in a real browser: a control for every entry of the
//! control table on every kind of object (the table itself is held to the
//! format by tests/inspector_controls.rs), one field of every kind edited
//! into the design, a refused value explained beside its field and put
//! back on blur, Escape, the in-page delete confirmation driven by the
//! keyboard, and what Clone region as DR added.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_inspector`
#![cfg(target_arch = "wasm32")]

mod web_support;

use leptos::prelude::document;
use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::core::edit::{add, connect, PaletteItem};
use topoform::core::model::*;
use topoform::core::templates::template;
use topoform::ui::controls::{of_kind, Control};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::forms::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

const I: &str = "section[aria-label='Inspector']";

/// Active-active with every optional field of every kind set somewhere.
fn full_design() -> Design {
    let mut d = template("active-active").unwrap().design().unwrap();
    d.tags.insert("team".into(), "web".into());
    d.state.lock = LockMode::Dynamodb;
    d.state.dynamodb_table = Some("locks".into());
    d.state.key_prefix = Some("teams/web".into());
    let data = |r: usize, d: &Design| {
        d.regions[r].vpcs[0]
            .subnets
            .iter()
            .filter(|s| s.tier == Tier::Data)
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    };
    let (use1_data, euw1_data) = (data(0, &d), data(1, &d));
    let rds = |id: &str, subnets: Vec<String>, replica_of: Option<String>| Rds {
        id: id.into(),
        name: id.into(),
        engine: RdsEngine::Postgres,
        engine_version: "16.4".into(),
        instance_class: "db.r6g.large".into(),
        storage_gb: 100,
        multi_az: true,
        subnets,
        backup_retention_days: 7,
        encrypted: true,
        replica_of,
        max_storage_gb: Some(200),
    };
    d.regions[0].vpcs[0]
        .nodes
        .push(VpcNode::Rds(rds("use1-db", use1_data.clone(), None)));
    d.regions[1].vpcs[0].nodes.push(VpcNode::Rds(rds(
        "euw1-db",
        euw1_data,
        Some("use1-db".into()),
    )));
    d.regions[0].vpcs[0].nodes.push(VpcNode::Aurora(Aurora {
        id: "use1-aurora".into(),
        name: "orders".into(),
        engine: AuroraEngine::Postgresql,
        engine_version: "16.4".into(),
        instance_class: "db.r6g.large".into(),
        instances: 2,
        subnets: use1_data,
        global: Some("orders".into()),
        database_name: Some("orders".into()),
        backup_retention_days: 14,
    }));
    // Format 2: a scaled service beside the group behind the load balancer
    // (so both carry weights), and a cache.
    let (next, ecs) = add(&d, PaletteItem::Ecs, Some("use1-main")).unwrap();
    let next = connect(&next, &ecs, "use1-alb").unwrap();
    let (next, cache) = add(&next, PaletteItem::Elasticache, Some("use1-main")).unwrap();
    assert_eq!((ecs.as_str(), cache.as_str()), ("use1-api", "use1-cache"));
    d = next;
    for n in &mut d.regions[0].vpcs[0].nodes {
        if let VpcNode::Asg(g) = n {
            g.scaling = Some(Scaling::cpu(60));
        }
    }
    let bucket = |id: &str, to: Option<&str>| {
        RegionNode::S3(S3 {
            id: id.into(),
            name: id.into(),
            bucket: format!("shop-{id}"),
            versioning: true,
            replicate_to: to.map(Into::into),
        })
    };
    d.regions[0]
        .nodes
        .push(bucket("use1-assets", Some("euw1-assets")));
    d.regions[1].nodes.push(bucket("euw1-assets", None));
    if let RegionNode::Dynamodb(t) = &mut d.regions[0].nodes[0] {
        t.range_key = Some(KeyAttr {
            name: "sk".into(),
            kind: KeyType::S,
        });
        t.ttl_attribute = Some("expires_at".into());
    }
    d.state
        .buckets
        .insert("us-east-1".into(), "shop-state-east".into());
    d.dns.as_mut().unwrap().zone_id = Some("Z0123456789ABC".into());
    d.objectives.region = Some(Objective {
        rto_seconds: Some(600),
        rpo_seconds: Some(5),
    });
    let rec = &mut d.dns.as_mut().unwrap().records[0];
    rec.ttl = Some(60);
    let t = &mut rec.targets[0];
    t.role = Some(FailoverRole::Primary);
    t.weight = Some(10);
    t.location = Some(GeoLocation {
        continent: Some("EU".into()),
        country: Some("US".into()),
        subdivision: Some("WA".into()),
        default: Some(true),
    });
    d
}

async fn mount_full() -> (web_sys::Element, Mounted) {
    storage().clear().unwrap();
    storage()
        .set_item(AUTOSAVE_KEY, &save(&full_design()))
        .unwrap();
    let m = mount_keeping_storage();
    settle().await;
    m
}

/// Selects an object by clicking its shape (frames by their header; a
/// peering through its VPC's list, as the canvas draws it as a line).
async fn select(el: &web_sys::Element, kind: &str, id: &str) {
    match kind {
        "region" | "vpc" => click(el, &format!("[data-target='{id}']")),
        "peering" => {
            click(el, "[data-target='use1-main']");
            settle().await;
            click(el, &format!("{I} .peerings button"));
        }
        _ => click(el, &format!("[data-id='{id}']")),
    }
    settle().await;
    assert!(
        text(el, &format!("{I} .id")).contains(id),
        "{kind} {id} is selected: {}",
        text(el, I)
    );
}

const OBJECTS: &[(&str, &str)] = &[
    ("region", "use1"),
    ("vpc", "use1-main"),
    ("subnet", "use1-pub-a"),
    ("peering", "use1-euw1"),
    ("alb", "use1-alb"),
    ("asg", "use1-app"),
    ("rds", "euw1-db"),
    ("aurora", "use1-aurora"),
    ("ecs", "use1-api"),
    ("elasticache", "use1-cache"),
    ("s3", "use1-assets"),
    ("dynamodb", "sessions"),
    ("record", "api"),
    ("accelerator", "edge"),
];

#[wasm_bindgen_test]
async fn every_field_in_the_table_has_its_control_on_screen() {
    watch_panics();
    let (el, _h) = mount_full().await;
    for (p, c) in of_kind("design") {
        if c != Control::Canvas {
            assert_eq!(
                count(
                    &el,
                    &format!("section[aria-label='Design settings'] [data-field='{p}']")
                ),
                1,
                "design.{p}"
            );
        }
    }
    for (kind, id) in OBJECTS {
        select(&el, kind, id).await;
        let mut listed = 0;
        for (p, c) in of_kind(kind) {
            if c != Control::Canvas {
                listed += 1;
                assert!(
                    count(&el, &format!("{I} [data-field='{p}']")) >= 1,
                    "{kind}.{p} has no control on screen"
                );
            }
        }
        assert!(listed >= 2, "{kind}");
    }
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn one_field_of_every_kind_is_edited_into_the_design() {
    watch_panics();
    let (el, _h) = mount_full().await;
    let f = |p: &str, tag: &str| format!("{I} [data-field='{p}'] {tag}");
    select(&el, "region", "euw1").await;
    choose(&el, &f("role", "select"), "primary");
    select(&el, "vpc", "use1-main").await;
    choose(&el, &f("nat", "select"), "none");
    select(&el, "subnet", "use1-pub-a").await;
    choose(&el, &f("tier", "select"), "private");
    select(&el, "peering", "use1-euw1").await;
    choose(&el, &f("b", "select"), "apse1-main");
    select(&el, "alb", "use1-alb").await;
    choose(&el, &f("listener.protocol", "select"), "HTTP");
    settle().await;
    tick(
        &el,
        &format!("{I} [data-field='subnets'] input[data-subnet='use1-app-a']"),
        true,
    );
    select(&el, "asg", "use1-app").await;
    set_text(&el, &f("max", "input"), "9");
    select(&el, "rds", "euw1-db").await;
    set_text(&el, &f("engine_version", "input"), "16.6");
    select(&el, "aurora", "use1-aurora").await;
    choose(&el, &f("engine", "select"), "aurora-mysql");
    select(&el, "s3", "use1-assets").await;
    tick(&el, &f("versioning", "input"), false);
    select(&el, "dynamodb", "sessions").await;
    set_text(&el, &f("range_key.name", "input"), "created");
    settle().await;
    tick(
        &el,
        &format!("{I} input[aria-label='Replica in eu-west-1']"),
        false,
    );
    select(&el, "record", "api").await;
    set_text(&el, &f("ttl", "input"), "");
    settle().await;
    choose(&el, &f("targets[].location.continent", "select"), "");
    settle().await;
    // Clearing every part of a location removes it (R53-21's fix on a
    // latency record): the controls go with it.
    choose(&el, &f("targets[].location.country", "select"), "");
    settle().await;
    choose(&el, &f("targets[].location.subdivision", "select"), "");
    settle().await;
    tick(&el, &f("targets[].location.default", "input"), false);
    settle().await;
    assert_eq!(
        count(
            &el,
            &format!("{I} [data-field='targets[].location.continent']")
        ),
        0,
        "{}",
        text(&el, I)
    );
    choose(&el, &f("targets[].health_check.interval", "select"), "30");
    select(&el, "accelerator", "edge").await;
    set_text(
        &el,
        &format!("{I} [data-field='endpoints[].traffic_dial'] input"),
        "40",
    );
    settle().await;

    let d = saved().await;
    let ix = Index::new(&d);
    assert_eq!(d.regions[1].role, RegionRole::Primary);
    assert_eq!(ix.vpc("use1-main").unwrap().1.nat, NatMode::None);
    assert_eq!(ix.subnet("use1-pub-a").unwrap().2.tier, Tier::Private);
    assert_eq!(d.peerings[0].b, "apse1-main");
    let node = |id: &str| ix.vpc_node(id).unwrap().2.clone();
    let VpcNode::Alb(alb) = node("use1-alb") else {
        panic!()
    };
    assert_eq!(alb.listener.protocol, HttpProtocol::Http);
    assert!(
        alb.subnets.contains(&"use1-app-a".to_string()),
        "{:?}",
        alb.subnets
    );
    let VpcNode::Asg(asg) = node("use1-app") else {
        panic!()
    };
    assert_eq!(asg.max, 9);
    let VpcNode::Rds(rds) = node("euw1-db") else {
        panic!()
    };
    assert_eq!(rds.engine_version, "16.6");
    let VpcNode::Aurora(aurora) = node("use1-aurora") else {
        panic!()
    };
    assert_eq!(aurora.engine, AuroraEngine::Mysql);
    let Some((_, RegionNode::S3(b))) = ix.region_node("use1-assets") else {
        panic!()
    };
    assert!(!b.versioning);
    let Some((_, RegionNode::Dynamodb(t))) = ix.region_node("sessions") else {
        panic!()
    };
    assert_eq!(
        t.range_key.as_ref().map(|k| k.name.as_str()),
        Some("created")
    );
    assert_eq!(t.replicas, vec!["ap-southeast-1".to_string()]);
    let rec = &d.dns.as_ref().unwrap().records[0];
    assert_eq!(rec.ttl, None, "an emptied TTL is removed");
    assert_eq!(
        rec.targets[0].location, None,
        "an emptied location is removed, not left as {{}}"
    );
    assert_eq!(rec.targets[0].health_check.as_ref().unwrap().interval, 30);
    assert_eq!(d.accelerators[0].endpoints[0].traffic_dial, 40);
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn a_refused_cidr_or_number_is_explained_beside_the_field_and_put_back() {
    watch_panics();
    let (el, _h) = mount_full().await;
    select(&el, "vpc", "use1-main").await;
    let sel = format!("{I} [data-field='cidr'] input");
    let was = input(&el, &sel).value();
    let cidr = set_text(&el, &sel, "10.0.0.300/16");
    settle().await;
    let why = text(&el, &format!("{I} [data-field='cidr'] .refused"));
    assert!(
        why.contains("10.0.0.300/16") && why.contains("not an IPv4 CIDR"),
        "{why}"
    );
    assert_eq!(count(&el, ".toast"), 0);
    leave(&cidr);
    settle().await;
    assert_eq!(
        input(&el, &sel).value(),
        was,
        "the field shows the design's CIDR again"
    );
    assert_eq!(
        Index::new(&saved().await).vpc("use1-main").unwrap().1.cidr,
        was
    );
    // Out of range.
    select(&el, "asg", "use1-app").await;
    let max = set_text(&el, &format!("{I} [data-field='max'] input"), "20000");
    settle().await;
    assert!(
        text(&el, &format!("{I} [data-field='max'] .refused")).contains("between 0 and 10000"),
        "{}",
        text(&el, I)
    );
    leave(&max);
    settle().await;
    assert_ne!(
        input(&el, &format!("{I} [data-field='max'] input")).value(),
        "20000"
    );
    // Escape restores a half-typed value and keeps the selection.
    let name = type_text(&el, &format!("{I} [data-field='name'] input"), "half-typed");
    key_on(&name, "Escape", false);
    settle().await;
    assert_eq!(
        input(&el, &format!("{I} [data-field='name'] input")).value(),
        "app"
    );
    assert!(
        text(&el, &format!("{I} .id")).contains("use1-app"),
        "still selected"
    );
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn delete_asks_in_the_page_and_the_dialog_works_from_the_keyboard() {
    watch_panics();
    let (el, _h) = mount_full().await;
    select(&el, "alb", "use1-alb").await;
    key_on(&document().body().unwrap(), "Delete", false);
    settle().await;
    assert_eq!(
        count(&el, "[role='alertdialog']"),
        1,
        "the ALB has dependents: Delete asks"
    );
    assert!(
        text(&el, "[role='alertdialog']").contains("also changes"),
        "{}",
        text(&el, "[role='alertdialog']")
    );
    let yes = find(&el, "[role='alertdialog'] button.primary");
    let no = find(&el, "[role='alertdialog'] button:not(.primary)");
    let is = |b: &web_sys::Element| focused().is_some_and(|f| f.is_same_node(Some(b)));
    assert!(is(&yes), "focus starts on Delete");
    key_on(&yes, "Tab", false);
    assert!(is(&no), "Tab moves to Cancel");
    key_on(&no, "Tab", false);
    assert!(is(&yes), "Tab stays inside the dialog");
    key_on(&yes, "Tab", true);
    assert!(is(&no), "Shift+Tab goes back");
    key_on(&no, "Escape", false);
    settle().await;
    assert_eq!(count(&el, "[role='alertdialog']"), 0, "Escape cancels");
    assert_eq!(count(&el, "[data-id='use1-alb']"), 1, "nothing deleted");
    assert!(
        text(&el, &format!("{I} .id")).contains("use1-alb"),
        "Escape in the dialog did not also clear the selection"
    );
    // Asked from the canvas (an SVG element), Escape gives focus back to
    // the canvas, where a keyboard user was, not to the page's body.
    let canvas = find(&el, "svg.canvas");
    let _ = canvas
        .dyn_ref::<web_sys::SvgElement>()
        .expect("an SVG element")
        .focus();
    key_on(&canvas, "Delete", false);
    settle().await;
    assert_eq!(
        count(&el, "[role='alertdialog']"),
        1,
        "Delete on the canvas asks"
    );
    key_on(&focused().expect("focus in the dialog"), "Escape", false);
    settle().await;
    assert_eq!(count(&el, "[role='alertdialog']"), 0);
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&canvas))),
        "focus went back to {:?}",
        focused().map(|f| f.tag_name())
    );
    key_on(&document().body().unwrap(), "Delete", false);
    settle().await;
    // Enter on the focused button is its click.
    let yes = focused().expect("focus in the dialog");
    assert_eq!(yes.text_content().as_deref(), Some("Delete"));
    click_el(&yes);
    settle().await;
    assert_eq!(
        count(&el, "[data-id='use1-alb']"),
        0,
        "deleted once confirmed"
    );
    assert!(Index::new(&saved().await).get("use1-alb").is_none());
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn clone_region_as_dr_says_what_it_added() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    select(&el, "region", "use1").await;
    choose(
        &el,
        &format!("{I} select[aria-label='DR region']"),
        "eu-central-1",
    );
    click(&el, &format!("{I} .clone-dr button"));
    settle().await;
    let said = text(&el, ".toast[role='status']");
    assert!(
        said.contains("Added region eu-central-1") && said.contains("subnets"),
        "{said}"
    );
    assert!(count(&el, ".toast li") >= 1, "{said}");
    // The failover pair was full: the report says the new region gets no traffic yet.
    assert!(
        said.contains("Not done") && said.contains("DES-03"),
        "{said}"
    );
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn a_typed_edit_keeps_the_next_control_in_place_and_undo_shows_the_design_again() {
    watch_panics();
    let (el, _h) = mount_full().await;
    select(&el, "alb", "use1-alb").await;
    let internal = find(&el, &format!("{I} [data-field='internal'] input"));
    // Leaving the name by clicking "Internal": the commit re-renders the
    // panel, which must keep the control under the pointer in place.
    set_text(&el, &format!("{I} [data-field='name'] input"), "  front ");
    settle().await;
    assert!(
        internal.is_connected(),
        "the checkbox the pointer went down on is still there"
    );
    assert_eq!(
        input(&el, &format!("{I} [data-field='name'] input")).value(),
        "front",
        "the field shows what was stored"
    );
    assert!(
        text(&el, &format!("{I} h3")).contains("front"),
        "the title follows"
    );
    click_el(&internal);
    settle().await;
    let alb = |d: &Design| match Index::new(d).vpc_node("use1-alb").map(|x| x.2.clone()) {
        Some(VpcNode::Alb(a)) => a,
        _ => panic!("no alb"),
    };
    let d = saved().await;
    assert_eq!((alb(&d).name.as_str(), alb(&d).internal), ("front", true));
    // Undo rebuilds the panel: no field keeps a value the design lost.
    click(&el, "[aria-label='Undo']");
    settle().await;
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert_eq!(alb(&saved().await).name, "web");
    assert_eq!(
        input(&el, &format!("{I} [data-field='name'] input")).value(),
        "web",
        "the field follows the undo"
    );
    assert!(!input(&el, &format!("{I} [data-field='internal'] input")).checked());
    assert_no_panics();
}

/// The canvas keeps a shape's text across moves (a move makes no label),
/// so the text must still follow every edit of the content: a rename, a
/// move after it, and the undo of each.
#[wasm_bindgen_test]
async fn a_shapes_text_follows_a_rename_between_moves_and_their_undo() {
    watch_panics();
    let (el, _h) = mount_full().await;
    select(&el, "alb", "use1-alb").await;
    let shape = "svg.canvas [data-id='use1-alb']";
    let x = |el: &web_sys::Element| -> f64 {
        find(el, &format!("{shape} > rect"))
            .get_attribute("x")
            .and_then(|x| x.parse().ok())
            .expect("the shape's box has an x")
    };
    let name = |el: &web_sys::Element| text(el, &format!("{shape} text.name"));
    let canvas = find(&el, "svg.canvas");
    let x0 = x(&el);
    assert_eq!(name(&el), "web");
    key_on(&canvas, "ArrowRight", false);
    settle().await;
    let x1 = x(&el);
    assert!(x1 > x0, "moved: {x0} -> {x1}");
    assert_eq!(name(&el), "web", "a move keeps the text");
    set_text(&el, &format!("{I} [data-field='name'] input"), "front");
    settle().await;
    assert_eq!(name(&el), "front", "a rename is drawn");
    key_on(&canvas, "ArrowRight", false);
    settle().await;
    let x2 = x(&el);
    assert!(x2 > x1, "moved again: {x1} -> {x2}");
    assert_eq!(
        name(&el),
        "front",
        "a move after the rename keeps the new text"
    );
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert_eq!(
        (x(&el), name(&el).as_str()),
        (x0 + 8.0, "front"),
        "undo of the move"
    );
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert_eq!(
        (x(&el), name(&el).as_str()),
        (x0 + 8.0, "web"),
        "undo of the rename"
    );
    click(&el, "[aria-label='Redo']");
    settle().await;
    assert_eq!(name(&el), "front", "redo of the rename");
    assert_no_panics();
}

/// The inspector's body is made once per selection: a content edit that
/// changes neither the object's links nor what it could be linked to
/// leaves the links section alone (on the stress design, a CIDR typed into
/// a VPC re-set the 200 options of "Connect to" every time), while the
/// fields, the title and the lists still follow every edit and its undo.
/// Watched with a MutationObserver on the section.
#[wasm_bindgen_test]
async fn the_links_section_is_drawn_again_only_when_its_lists_change() {
    watch_panics();
    let (el, _h) = mount_full().await;
    select(&el, "record", "api").await;
    let picker_at = format!("{I} select[aria-label='Connect to']");
    let options = |el: &web_sys::Element| -> Vec<String> {
        let all = el
            .query_selector_all(&format!("{picker_at} option"))
            .unwrap();
        (0..all.length())
            .filter_map(|i| all.item(i))
            .map(|o| o.text_content().unwrap_or_default())
            .collect()
    };
    let rows = |el: &web_sys::Element| count(el, &format!("{I} .links-now li"));
    // Every change in the links section since the last call.
    let watch = js_sys::Function::new_with_args(
        "at",
        "const seen = []; const o = new MutationObserver((rs) => seen.push(...rs)); o.observe(at, { childList: true, subtree: true, attributes: true, characterData: true }); return () => { const n = seen.length + o.takeRecords().length; seen.length = 0; return n; };",
    );
    let changes = watch
        .call1(
            &wasm_bindgen::JsValue::NULL,
            &find(&el, &format!("{I} .links")),
        )
        .unwrap()
        .unchecked_into::<js_sys::Function>();

    let changed = || {
        changes
            .call0(&wasm_bindgen::JsValue::NULL)
            .unwrap()
            .as_f64()
            .unwrap()
    };
    let (targets, linked) = (options(&el), rows(&el));
    assert!(
        targets.len() >= 2,
        "the record has a target to add: {targets:?}"
    );
    assert!(linked >= 1, "and links now");
    // A name changes the fields and the title, not the lists.
    set_text(&el, &format!("{I} [data-field='name'] input"), "front");
    settle().await;
    assert!(
        text(&el, &format!("{I} h3")).contains("front"),
        "the title follows"
    );
    assert_eq!(
        input(&el, &format!("{I} [data-field='name'] input")).value(),
        "front"
    );
    assert_eq!(changed(), 0.0, "the same lists: the section untouched");
    assert_eq!((options(&el), rows(&el)), (targets.clone(), linked));
    // A link made from the picker changes both lists: drawn again.
    let to = find(&el, &format!("{picker_at} option:nth-child(2)"))
        .get_attribute("value")
        .expect("an option's value");
    choose(&el, &picker_at, &to);
    click(&el, &format!("{I} button[aria-label='Connect']"));
    settle().await;
    assert!(changed() > 0.0, "new lists drawn");
    assert_eq!(rows(&el), linked + 1, "the new link is listed");
    assert!(
        !options(&el).contains(&targets[1]),
        "{} is no longer offered",
        targets[1]
    );
    // Undo takes the link back out; undo again takes the name back.
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert!(changed() > 0.0);
    assert_eq!((options(&el), rows(&el)), (targets.clone(), linked));
    click(&el, "[aria-label='Undo']");
    settle().await;
    assert!(
        text(&el, &format!("{I} h3")).contains("api"),
        "the title follows the undo"
    );
    assert_eq!(
        input(&el, &format!("{I} [data-field='name'] input")).value(),
        "api"
    );
    assert_eq!(changed(), 0.0, "the undo of a name leaves the lists alone");
    // Deleted (confirmed in the page): no body is left for it.
    key_on(&document().body().unwrap(), "Delete", false);
    settle().await;
    if count(&el, "[role='alertdialog']") > 0 {
        click(&el, "[role='alertdialog'] button.primary");
        settle().await;
    }
    assert!(Index::new(&saved().await).get("api").is_none(), "deleted");
    assert_eq!(
        count(&el, &format!("{I} .links")),
        0,
        "no body for an object that is gone"
    );
    assert_no_panics();
}
