//! Failing a region or an AZ on the canvas, in a real browser: a region's
//! header button fails it (the outage panel shows the same scenario, the
//! region is veiled FAILED, the failover record's primary is cut and its
//! secondary carries); O / Shift+O / Escape and the context menu fail and
//! restore the selection's AZ or region, with lost objects tagged in text.
//! Failing is session state: no undo step, no autosave.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_fail_canvas`
#![cfg(target_arch = "wasm32")]

mod web_support;

use topoform::core::autosave::AUTOSAVE_KEY;
use wasm_bindgen_test::*;
use web_support::forms::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

const P: &str = "section.outage";

/// Mounts the app on `d`, as if it were the autosaved design.
fn mount_design(d: &topoform::core::model::Design) -> (web_sys::Element, Mounted) {
    storage().clear().unwrap();
    storage()
        .set_item(AUTOSAVE_KEY, &topoform::core::model::save(d))
        .unwrap();
    mount_keeping_storage()
}

/// The outage panel's pressed place button, if any.
fn pressed(el: &web_sys::Element) -> String {
    text(el, &format!("{P} button.fail-place[aria-pressed='true']"))
}

#[wasm_bindgen_test]
async fn a_region_fails_from_its_header_and_the_canvas_and_panel_agree() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    let toggle = "g.fail-toggle[data-fail='us-east-1']";
    assert_eq!(text(&el, toggle), "Fail");
    click(&el, &format!("{toggle} rect"));
    settle().await;

    // The panel shows the same scenario the canvas draws.
    assert_eq!(pressed(&el), "Region us-east-1");
    assert!(
        text(&el, &format!("{P} .figures")).contains("RTO 10 min"),
        "{}",
        text(&el, P)
    );
    assert_eq!(text(&el, toggle), "Restore");
    assert_eq!(
        find(&el, toggle).get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(text(&el, "[data-failed='use1'] text"), "FAILED");
    assert_eq!(count(&el, ".failed-place"), 1, "only the region is veiled");
    // The failover record: primary cut, secondary carries, both said in text.
    let carrying = find(&el, ".link-group[data-kind='dns'][data-fate='carrying']");
    assert_eq!(
        carrying.get_attribute("data-to").as_deref(),
        Some("usw2-alb")
    );
    let cut = find(&el, ".link-group[data-kind='dns'][data-fate='cut']");
    assert_eq!(cut.get_attribute("data-to").as_deref(), Some("use1-alb"));
    assert!(count(&el, ".route-note.carrying") >= 1 && count(&el, ".route-note.cut") >= 1);
    // No note is written over a region's or VPC's title (the failover
    // record's note sat on "us-west-2 · SECONDARY").
    let boxes = |sel: &str| {
        let list = el.query_selector_all(sel).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .map(|e| {
                (
                    e.text_content().unwrap_or_default(),
                    e.get_bounding_client_rect(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Frame titles, or the overview labels drawn for them when zoomed out.
    let titles = boxes(".frame-label text, .layer-overview text");
    assert!(!titles.is_empty(), "frame titles are drawn");
    for (note, n) in boxes(".route-note") {
        for (title, t) in &titles {
            let apart = n.right() <= t.left()
                || t.right() <= n.left()
                || n.bottom() <= t.top()
                || t.bottom() <= n.top();
            assert!(
                apart,
                "the note {note:?} is written over the title {title:?}"
            );
        }
    }
    assert_eq!(
        count(&el, ".lost-tag"),
        0,
        "nothing is lost with the primary region"
    );
    // The inspector of the selection is untouched: the click did not select.
    assert!(outlined(&el).is_empty(), "{:?}", outlined(&el));

    // Not an edit: nothing to undo, nothing autosaved.
    assert!(find(&el, "button[aria-label='Undo']").has_attribute("disabled"));
    sleep(700).await;
    assert_eq!(storage().get_item(AUTOSAVE_KEY).unwrap(), None);

    // The panel's Restore clears the canvas too.
    click(&el, &format!("{P} button.restore"));
    settle().await;
    assert_eq!(count(&el, ".failed-place"), 0);
    assert_eq!(count(&el, "[data-fate]"), 0);
    assert_eq!(text(&el, toggle), "Fail");
    assert_no_panics();
}

/// Links that meet (a record's targets, an accelerator's endpoints, the
/// replicas of one writer) wrote their "takes over" and "cut" notes over
/// each other where they converge (seen on an outside four-region design
/// with an accelerator): on every template and every region lost, no two
/// notes overlap.
#[wasm_bindgen_test]
async fn route_notes_never_overlap() {
    watch_panics();
    for t in topoform::core::templates::TEMPLATES {
        let d = t.design().unwrap();
        let (el, _h) = mount_design(&d);
        settle().await;
        for r in &d.regions {
            let toggle = format!("g.fail-toggle[data-fail='{}']", r.code);
            click(&el, &format!("{toggle} rect"));
            settle().await;
            let notes = boxes(&el, ".route-note", |e| {
                e.get_attribute("data-route").unwrap_or_default()
            });
            if let Some((a, b)) = overlapping(&notes) {
                panic!(
                    "{} without {}: the notes of {a} and {b} overlap",
                    t.id, r.code
                );
            }
            click(&el, &format!("{toggle} rect"));
            settle().await;
        }
    }
    assert_no_panics();
}

/// Zoomed out, a region's name (drawn at a fixed size on screen) and its
/// Fail button (grown to stay legible) share the header: on a narrow
/// region (an outside design's empty one) the name ran under the button.
/// The name is cut to leave the button its room.
#[wasm_bindgen_test]
async fn a_zoomed_out_regions_name_leaves_room_for_its_fail_button() {
    watch_panics();
    let d = topoform::core::model::load(include_str!(
        "fixtures/outside/ok/o01-empty-region-empty-vpc.json"
    ))
    .unwrap();
    let (el, _h) = mount_design(&d);
    settle().await;
    click(&el, "button[aria-label^='Fit']");
    settle().await;
    let rect = |sel: &str| {
        el.query_selector(sel)
            .unwrap()
            .map(|e| e.get_bounding_client_rect())
    };
    let mut named = 0;
    for r in &d.regions {
        let button = rect(&format!("g.fail-toggle[data-fail='{}'] rect", r.code))
            .unwrap_or_else(|| panic!("{}: no Fail button", r.code));
        let Some(name) = rect(&format!(".ov-region[data-target='{}'] text", r.id)) else {
            continue;
        };
        named += 1;
        assert!(
            name.right() <= button.left(),
            "{}: its name ends at {} px, under its Fail button from {} px",
            r.code,
            name.right(),
            button.left()
        );
    }
    assert!(named >= 2, "zoomed out, the regions are named ({named})");
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn o_fails_the_az_shift_o_the_region_and_o_or_escape_restore() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    // The DR replica lives in one AZ: losing it loses the replica.
    click(&el, "[data-id='usw2-db'] > rect");
    settle().await;
    focus(&svg);
    assert!(!press_on(&svg, "o", false, false), "O is the canvas's");
    settle().await;
    assert_eq!(pressed(&el), "AZ usw2-az1");
    assert_eq!(text(&el, "[data-lost='usw2-db']"), "✕ lost");
    assert!(
        count(&el, ".failed-place") >= 1,
        "the AZ's bands are veiled"
    );
    assert!(text(&el, &format!("{P} .lost")).contains("usw2-db"));
    press_on(&svg, "o", false, false);
    settle().await;
    assert_eq!(pressed(&el), "", "O again restores");
    assert_eq!(count(&el, ".lost-tag"), 0);

    press_on(&svg, "O", false, true);
    settle().await;
    assert_eq!(pressed(&el), "Region us-west-2");
    assert_eq!(count(&el, "[data-failed='usw2']"), 1);
    press_on(&svg, "Escape", false, false);
    settle().await;
    assert_eq!(pressed(&el), "", "Escape restores");
    assert_eq!(count(&el, ".failed-place"), 0);
    assert!(find(&el, "button[aria-label='Undo']").has_attribute("disabled"));
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn the_context_menu_fails_a_subnets_az_or_region_and_restores() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    click(&el, "[data-id='use1-pub-a'] > rect");
    settle().await;
    focus(&svg);
    press_on(&svg, "F10", false, true);
    settle().await;
    assert_eq!(
        count(
            &el,
            "[role='menuitem'][data-action='Fail this AZ (simulate)']"
        ),
        1
    );
    click(
        &el,
        "[role='menuitem'][data-action='Fail this region (simulate)']",
    );
    settle().await;
    assert_eq!(count(&el, "[role='menu']"), 0, "the menu closes");
    assert_eq!(pressed(&el), "Region us-east-1");
    assert_eq!(count(&el, "[data-failed='use1']"), 1);

    press_on(&svg, "F10", false, true);
    settle().await;
    assert_eq!(
        count(
            &el,
            "[role='menuitem'][data-action='Fail this AZ (simulate)']"
        ),
        0
    );
    click(
        &el,
        "[role='menuitem'][data-action='Restore the failed place']",
    );
    settle().await;
    assert_eq!(pressed(&el), "");
    assert_eq!(count(&el, ".failed-place"), 0);
    assert!(find(&el, "button[aria-label='Undo']").has_attribute("disabled"));
    assert_no_panics();
}
