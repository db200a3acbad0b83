//! The app in a real browser (headless Chromium): the canvas shows every
//! template's regions and VPCs, the picker switches designs, links and the
//! legend appear, and the zoom buttons move the camera and Fit restores it.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_app`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use topoform::core::model::Design;
use topoform::core::templates::TEMPLATES;
use topoform::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app into its own element; keep the handle alive. The
/// address is reset first, since the app records the open template there.
fn mount() -> (web_sys::Element, impl Drop) {
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/"),
    );
    // Start from the first template, not from what an earlier test autosaved.
    let _ = window().local_storage().unwrap().unwrap().clear();
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    el.style().set_property("height", "700px").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    let handle = leptos::mount::mount_to(el.clone(), App);
    (el.unchecked_into(), handle)
}

/// The text content of every element matching `selector` inside `root`.
fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

async fn settle() {
    leptos::task::tick().await;
    leptos::task::tick().await;
}

/// Asserts that the canvas in `root` shows `design`: every region (by code),
/// every VPC (by CIDR) and every subnet, found through `data-kind`/`data-id`.
fn assert_shows(root: &web_sys::Element, design: &Design) {
    let regions = texts(root, "[data-kind='region']");
    assert_eq!(
        regions.len(),
        design.regions.len(),
        "region shapes: {regions:?}"
    );
    for r in &design.regions {
        assert!(
            regions.iter().any(|t| t.contains(&r.code)),
            "region {} missing from {regions:?}",
            r.code
        );
        for v in &r.vpcs {
            let vpc = texts(root, &format!("[data-kind='vpc'][data-id='{}']", v.id));
            assert_eq!(vpc.len(), 1, "VPC {}", v.id);
            assert!(
                vpc[0].contains(&v.cidr),
                "VPC {} should show {}: {:?}",
                v.id,
                v.cidr,
                vpc[0]
            );
            for s in &v.subnets {
                let sub = texts(root, &format!("[data-kind='subnet'][data-id='{}']", s.id));
                assert!(
                    sub.first().is_some_and(|t| t.contains(&s.cidr)),
                    "subnet {}",
                    s.id
                );
            }
        }
    }
}

fn choose(root: &web_sys::Element, template_id: &str) {
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value(template_id);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn canvas_shows_the_first_template() {
    let (root, _handle) = mount();
    settle().await;
    let first = TEMPLATES[0].design().unwrap();
    assert_shows(&root, &first);
    let canvas = root.query_selector("svg.canvas").unwrap().unwrap();
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap()
        .contains(&first.name));
    assert!(
        root.query_selector("[role='alert']").unwrap().is_none(),
        "no load error"
    );
}

#[wasm_bindgen_test]
async fn the_picker_switches_between_all_templates() {
    let (root, _handle) = mount();
    settle().await;
    // Go through every template, then back to the first.
    for t in TEMPLATES.iter().skip(1).chain(TEMPLATES.first()) {
        choose(&root, t.id);
        settle().await;
        assert_shows(&root, &t.design().unwrap());
        let summary = texts(&root, ".summary");
        assert_eq!(summary, vec![t.summary.to_string()]);
        assert_eq!(
            window().location().search().unwrap(),
            format!("?template={}", t.id)
        );
    }
}

#[wasm_bindgen_test]
async fn links_and_legend_follow_the_design() {
    let (root, _handle) = mount();
    choose(&root, "aurora-global");
    settle().await;
    for kind in ["aurora-global", "peering", "s3-replication", "dns"] {
        assert!(
            root.query_selector(&format!(".link-group[data-kind='{kind}']"))
                .unwrap()
                .is_some(),
            "a {kind} link"
        );
        assert!(
            root.query_selector(&format!(".legend li[data-kind='{kind}']"))
                .unwrap()
                .is_some(),
            "legend {kind}"
        );
    }
    assert!(root
        .query_selector(".legend li[data-kind='rds-replica']")
        .unwrap()
        .is_none());
    choose(&root, "active-passive");
    settle().await;
    assert!(root
        .query_selector(".link-group[data-kind='rds-replica']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn zoom_buttons_move_the_camera_and_fit_restores_it() {
    let (root, _handle) = mount();
    settle().await;
    let canvas = root.query_selector("svg.canvas").unwrap().unwrap();
    let fitted = canvas.get_attribute("viewBox").unwrap();
    let button = |label: &str| -> web_sys::HtmlElement {
        root.query_selector(&format!("button[aria-label='{label}']"))
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    button("Zoom in").click();
    settle().await;
    let zoomed = canvas.get_attribute("viewBox").unwrap();
    assert_ne!(zoomed, fitted);
    button("Fit the design to the window").click();
    settle().await;
    assert_eq!(canvas.get_attribute("viewBox").unwrap(), fitted);
}

#[wasm_bindgen_test]
async fn an_unknown_template_shows_a_message_and_keeps_the_design() {
    let (root, _handle) = mount();
    settle().await;
    let before = texts(&root, "[data-kind='region']");
    // No option has this value, so the select reports "" and the app is
    // asked for a template that does not exist.
    choose(&root, "no-such-template");
    settle().await;
    let alert = texts(&root, "[role='alert']");
    assert_eq!(alert.len(), 1, "{alert:?}");
    assert!(alert[0].contains("no template"), "{alert:?}");
    assert_eq!(texts(&root, "[data-kind='region']"), before);
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        select.value(),
        TEMPLATES[0].id,
        "the picker still names the open design"
    );
    // Picking a real template clears the message.
    choose(&root, TEMPLATES[1].id);
    settle().await;
    assert!(texts(&root, "[role='alert']").is_empty());
}

fn pointer(kind: &str, x: i32, y: i32) -> web_sys::PointerEvent {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_client_x(x);
    init.set_client_y(y);
    init.set_button(0);
    init.set_pointer_id(1);
    web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap()
}

fn view_box(canvas: &web_sys::Element) -> Vec<f64> {
    canvas
        .get_attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn dragging_pans_and_the_wheel_zooms() {
    let (root, _handle) = mount();
    settle().await;
    let canvas = root.query_selector("svg.canvas").unwrap().unwrap();
    let start = view_box(&canvas);
    let r = canvas.get_bounding_client_rect();
    let (cx, cy) = (
        (r.left() + r.width() / 2.0) as i32,
        (r.top() + r.height() / 2.0) as i32,
    );
    canvas
        .dispatch_event(&pointer("pointerdown", cx, cy))
        .unwrap();
    canvas
        .dispatch_event(&pointer("pointermove", cx + 60, cy + 30))
        .unwrap();
    canvas
        .dispatch_event(&pointer("pointerup", cx + 60, cy + 30))
        .unwrap();
    settle().await;
    let panned = view_box(&canvas);
    assert!(
        panned[0] < start[0] && panned[1] < start[1],
        "content follows the drag: {start:?} -> {panned:?}"
    );
    assert_eq!(
        (panned[2], panned[3]),
        (start[2], start[3]),
        "a pan keeps the zoom"
    );

    let init = web_sys::WheelEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(cx);
    init.set_client_y(cy);
    init.set_delta_y(-200.0);
    let wheel = web_sys::WheelEvent::new_with_event_init_dict("wheel", &init).unwrap();
    canvas.dispatch_event(&wheel).unwrap();
    settle().await;
    let zoomed = view_box(&canvas);
    assert!(
        zoomed[2] < panned[2],
        "wheel up zooms in: {panned:?} -> {zoomed:?}"
    );
}

#[wasm_bindgen_test]
async fn the_keyboard_pans_zooms_and_fits() {
    let (root, _handle) = mount();
    settle().await;
    let canvas = root.query_selector("svg.canvas").unwrap().unwrap();
    assert_eq!(canvas.get_attribute("tabindex").as_deref(), Some("0"));
    let fitted = view_box(&canvas);
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_key(k);
        canvas
            .dispatch_event(
                &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                    .unwrap(),
            )
            .unwrap();
    };
    key("ArrowRight");
    settle().await;
    let moved = view_box(&canvas);
    assert!(
        moved[0] > fitted[0] && moved[2] == fitted[2],
        "{fitted:?} -> {moved:?}"
    );
    key("+");
    settle().await;
    assert!(view_box(&canvas)[2] < fitted[2]);
    key("0");
    settle().await;
    assert_eq!(view_box(&canvas), fitted);
}

#[wasm_bindgen_test]
async fn the_address_picks_the_starting_template() {
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/?template=aurora-global"),
    );
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    let _handle = leptos::mount::mount_to(el.clone(), App);
    settle().await;
    let root: web_sys::Element = el.unchecked_into();
    assert_shows(
        &root,
        &topoform::core::templates::template("aurora-global")
            .unwrap()
            .design()
            .unwrap(),
    );
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/"),
    );
}
