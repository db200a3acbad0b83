//! The format 2 kinds in a real browser: the ECS service's inspector (a
//! CPU change narrows the memory choices and keeps a valid size, a bad
//! image or an out-of-range task count is refused beside its field, one
//! undo step per edit), its link to the load balancer drawn from its
//! handle or from "Connect to…", removed and brought back, and the
//! ElastiCache cache's fields.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_ecs`
#![cfg(target_arch = "wasm32")]

mod web_support;

use leptos::prelude::document;
use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::core::edit::{add, PaletteItem};
use topoform::core::model::*;
use topoform::core::templates::template;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::forms::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

const I: &str = "section[aria-label='Inspector']";
const ECS: &str = "use1-api";
const CACHE: &str = "use1-cache";
const LINE: &str = "g.link-group[data-kind='asg-target'][data-from='use1-api'][data-to='use1-alb']";

/// Active-passive with a service and a cache added to the primary VPC,
/// opened as the autosaved design.
async fn mount_v2() -> (web_sys::Element, Mounted) {
    let d = template("active-passive").unwrap().design().unwrap();
    let (d, ecs) = add(&d, PaletteItem::Ecs, Some("use1-main")).unwrap();
    let (d, cache) = add(&d, PaletteItem::Elasticache, Some("use1-main")).unwrap();
    assert_eq!((ecs.as_str(), cache.as_str()), (ECS, CACHE));
    storage().clear().unwrap();
    storage().set_item(AUTOSAVE_KEY, &save(&d)).unwrap();
    let m = mount_keeping_storage();
    settle().await;
    m
}

fn ecs(d: &Design) -> Ecs {
    match Index::new(d).vpc_node(ECS).map(|x| x.2.clone()) {
        Some(VpcNode::Ecs(e)) => e,
        other => panic!("no service: {other:?}"),
    }
}

async fn select(el: &web_sys::Element, id: &str) {
    click(el, &format!("[data-id='{id}'] > rect"));
    settle().await;
    assert!(
        text(el, &format!("{I} .id")).contains(id),
        "{}",
        text(el, I)
    );
}

/// The values of the options of the select in field `field`.
fn choices(el: &web_sys::Element, field: &str) -> Vec<String> {
    let list = el
        .query_selector_all(&format!("{I} [data-field='{field}'] option"))
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlOptionElement>().value())
        .collect()
}

fn value(el: &web_sys::Element, sel: &str) -> String {
    find(el, sel)
        .unchecked_into::<web_sys::HtmlSelectElement>()
        .value()
}

#[wasm_bindgen_test]
async fn the_service_inspector_narrows_memory_refuses_bad_input_and_undoes() {
    watch_panics();
    let (el, _h) = mount_v2().await;
    select(&el, ECS).await;
    let memory = format!("{I} [data-field='memory_mb'] select");
    assert_eq!(choices(&el, "memory_mb"), ["1024", "2048", "3072", "4096"]);
    // A smaller CPU: fewer choices, and 1024 MiB is still one of them.
    choose(&el, &format!("{I} [data-field='cpu'] select"), "256");
    settle().await;
    assert_eq!(choices(&el, "memory_mb"), ["512", "1024", "2048"]);
    assert_eq!(value(&el, &memory), "1024");
    // A larger CPU: 1024 MiB is too little; the nearest allowed is kept.
    choose(&el, &format!("{I} [data-field='cpu'] select"), "1024");
    settle().await;
    assert_eq!(choices(&el, "memory_mb").len(), 7);
    assert_eq!(value(&el, &memory), "2048");
    let e = ecs(&saved().await);
    assert_eq!((e.cpu, e.memory_mb), (1024, 2048));
    assert!(fargate_size_ok(e.cpu, e.memory_mb));

    // A bad image and an out-of-range count are refused, the design kept.
    let image = format!("{I} [data-field='image'] input");
    let typed = set_text(&el, &image, "nginx latest");
    settle().await;
    let why = text(&el, &format!("{I} [data-field='image'] .refused"));
    assert!(
        why.contains("nginx latest") && why.contains("cannot hold"),
        "{why}"
    );
    leave(&typed);
    settle().await;
    assert_eq!(
        input(&el, &image).value(),
        "public.ecr.aws/nginx/nginx:1.27"
    );
    set_text(&el, &format!("{I} [data-field='max'] input"), "6000");
    settle().await;
    let why = text(&el, &format!("{I} [data-field='max'] .refused"));
    assert!(why.contains("between 0 and 5000"), "{why}");
    set_text(
        &el,
        &format!("{I} [data-field='scaling.target_percent'] input"),
        "95",
    );
    settle().await;
    assert!(
        text(
            &el,
            &format!("{I} [data-field='scaling.target_percent'] .refused")
        )
        .contains("between 10 and 90"),
        "{}",
        text(&el, I)
    );
    let e = ecs(&saved().await);
    assert_eq!(
        (e.image.as_str(), e.max),
        ("public.ecr.aws/nginx/nginx:1.27", 6)
    );
    assert_eq!(e.scaling, Some(Scaling::cpu(70)));

    // Good values are stored; scaling goes off and its percent with it.
    set_text(
        &el,
        &image,
        " 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:7 ",
    );
    settle().await;
    choose(
        &el,
        &format!("{I} [data-field='scaling.metric'] select"),
        "",
    );
    settle().await;
    assert_eq!(
        count(&el, &format!("{I} [data-field='scaling.target_percent']")),
        0
    );
    let e = ecs(&saved().await);
    assert_eq!(
        e.image,
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:7"
    );
    assert_eq!(e.scaling, None);

    // One undo step per edit: scaling, then the image, then the CPU.
    for _ in 0..3 {
        click(&el, "[aria-label='Undo']");
        settle().await;
    }
    let e = ecs(&saved().await);
    assert_eq!((e.cpu, e.memory_mb), (256, 1024));
    assert_eq!(e.scaling, Some(Scaling::cpu(70)));
    assert_eq!(e.image, "public.ecr.aws/nginx/nginx:1.27");
    assert_eq!(value(&el, &format!("{I} [data-field='cpu'] select")), "256");
    assert_eq!(choices(&el, "memory_mb"), ["512", "1024", "2048"]);
    assert_no_panics();
}

async fn drag(root: &web_sys::Element, from: &web_sys::Element, to: (f64, f64)) {
    let start = at(from, 0.5, 0.5);
    pointer(from, "pointerdown", start, false);
    for k in 1..=6 {
        let t = f64::from(k) / 6.0;
        let p = (
            start.0 + (to.0 - start.0) * t,
            start.1 + (to.1 - start.1) * t,
        );
        let under = document()
            .element_from_point(p.0 as f32, p.1 as f32)
            .map(|e| e.unchecked_into::<web_sys::EventTarget>());
        pointer(
            &under.unwrap_or_else(|| root.clone().unchecked_into()),
            "pointermove",
            p,
            false,
        );
        settle().await;
    }
    let under = document()
        .element_from_point(to.0 as f32, to.1 as f32)
        .map(|e| e.unchecked_into::<web_sys::EventTarget>());
    pointer(
        &under.unwrap_or_else(|| root.clone().unchecked_into()),
        "pointerup",
        to,
        false,
    );
    settle().await;
}

#[wasm_bindgen_test]
async fn the_service_links_to_its_load_balancer_by_handle_or_picker_and_unlinks() {
    watch_panics();
    let (el, _h) = mount_v2().await;
    assert_eq!(count(&el, LINE), 0, "a new service waits to be linked");
    // The handle, dragged onto the load balancer.
    select(&el, ECS).await;
    let handle = find(&el, &format!("[data-handle='{ECS}']"));
    let alb = find(&el, "[data-id='use1-alb'] > rect");
    drag(&el, &handle, at(&alb, 0.5, 0.5)).await;
    assert_eq!(count(&el, LINE), 1, "{}", text(&el, "[role='alert']"));
    let d = saved().await;
    assert_eq!(ecs(&d).target.as_deref(), Some("use1-alb"));
    assert_eq!(
        ecs(&d).weight,
        Some(topoform::core::edit::DEFAULT_WEIGHT),
        "beside the group: weighted"
    );
    // Selected and deleted, the line goes; the service and the ALB stay.
    click(&el, &format!("{LINE} path.link"));
    settle().await;
    key("Delete", false);
    settle().await;
    assert_eq!(count(&el, LINE), 0);
    assert_eq!(count(&el, &format!("[data-id='{ECS}']")), 1);
    assert_eq!(ecs(&saved().await).target, None);
    // Undo restores it; undo again leaves it unlinked; "Connect to…" links it.
    key("z", true);
    settle().await;
    assert_eq!(count(&el, LINE), 1, "undo restores the link");
    key("z", true);
    settle().await;
    assert_eq!(count(&el, LINE), 0);
    select(&el, ECS).await;
    choose(
        &el,
        &format!("{I} select[aria-label='Connect to']"),
        "use1-alb",
    );
    click(&el, &format!("{I} button[aria-label='Connect']"));
    settle().await;
    assert_eq!(count(&el, LINE), 1);
    // The inspector's load balancer select unlinks it too.
    select(&el, ECS).await;
    choose(&el, &format!("{I} [data-field='target'] select"), "");
    settle().await;
    assert_eq!(count(&el, LINE), 0);
    let d = saved().await;
    assert_eq!((ecs(&d).target.clone(), ecs(&d).weight), (None, None));
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn the_cache_inspector_edits_and_refuses() {
    watch_panics();
    let (el, _h) = mount_v2().await;
    select(&el, CACHE).await;
    choose(&el, &format!("{I} [data-field='engine'] select"), "valkey");
    settle().await;
    set_text(
        &el,
        &format!("{I} [data-field='engine_version'] input"),
        "8.0",
    );
    settle().await;
    set_text(&el, &format!("{I} [data-field='nodes'] input"), "7");
    settle().await;
    assert!(
        text(&el, &format!("{I} [data-field='nodes'] .refused")).contains("between 1 and 6"),
        "{}",
        text(&el, I)
    );
    set_text(&el, &format!("{I} [data-field='nodes'] input"), "3");
    settle().await;
    let d = saved().await;
    let Some(VpcNode::Elasticache(c)) = Index::new(&d).vpc_node(CACHE).map(|x| x.2.clone()) else {
        panic!("no cache")
    };
    assert_eq!(
        (c.engine, c.engine_version.as_str(), c.nodes),
        (CacheEngine::Valkey, "8.0", 3)
    );
    assert_no_panics();
}
