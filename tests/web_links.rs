//! Links as objects, in a real browser: every relation is drawn (the group
//! attached to its load balancer too), DNS lines say what their record sets
//! do, a click selects a line, Delete removes the relation and undo brings it
//! back.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_links`
#![cfg(target_arch = "wasm32")]

use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::core::model::load;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::forms::click;
use web_support::*;

const DNS_PRIMARY: &str = "g.link-group[data-kind='dns'][data-from='app'][data-to='use1-alb']";

#[wasm_bindgen_test]
async fn a_link_is_drawn_labelled_selected_deleted_and_restored() {
    let (el, _h) = mount();
    settle().await;
    assert!(
        count(&el, "g.link-group[data-kind='asg-target']") >= 2,
        "each group's attachment to its load balancer is drawn"
    );
    let note = text(&el, &format!("{DNS_PRIMARY} .link-note"));
    assert_eq!(note, "primary · health-checked");
    let link_id = find(&el, DNS_PRIMARY)
        .get_attribute("data-id")
        .expect("a link carries its id");
    assert_eq!(link_id, "link@dns@app@use1-alb");

    // A click on the line selects it: it is highlighted.
    click(&el, &format!("{DNS_PRIMARY} path.link"));
    settle().await;
    assert_eq!(
        count(&el, &format!("[data-outline='{link_id}']")),
        1,
        "the selected link is highlighted"
    );

    // Delete removes the relation, not the record or the load balancer.
    key("Delete", false);
    settle().await;
    assert_eq!(count(&el, DNS_PRIMARY), 0, "the line is gone");
    assert_eq!(count(&el, "[data-id='app']"), 1, "the record stays");
    assert_eq!(
        count(&el, "[data-id='use1-alb']"),
        1,
        "the load balancer stays"
    );
    sleep(700).await;
    let d = load(
        &storage()
            .get_item(AUTOSAVE_KEY)
            .unwrap()
            .expect("autosaved"),
    )
    .unwrap();
    let rec = &d.dns.as_ref().unwrap().records[0];
    assert!(
        rec.targets.iter().all(|t| t.target != "use1-alb"),
        "the design lost the target"
    );

    // One undo step brings it back.
    key("z", true);
    settle().await;
    assert_eq!(count(&el, DNS_PRIMARY), 1, "undo restores the link");
}

/// The notes of a record's four weighted targets, in two rows of regions
/// (outside design g05): at the middle of their lines two wrote over each
/// other and others over region borders; drawn where nothing is, each
/// note's text is clear of every other.
#[wasm_bindgen_test]
async fn the_notes_of_a_records_lines_never_overlap() {
    storage().clear().unwrap();
    storage()
        .set_item(
            AUTOSAVE_KEY,
            include_str!("fixtures/outside/ok/g05-quad.json"),
        )
        .unwrap();
    let (el, _h) = mount_keeping_storage();
    settle().await;
    sleep(300).await;
    // Near enough that notes are drawn (at Fit in a small window they are not).
    for _ in 0..3 {
        click(&el, "button[aria-label='Zoom in']");
        settle().await;
    }
    let notes = boxes(&el, "g.link-group[data-kind='dns'] .link-note", |e| {
        e.text_content().unwrap_or_default()
    });
    for (text, r) in &notes {
        assert!(r.width() > 0.0, "note {text} is drawn");
    }
    assert_eq!(notes.len(), 4, "one note per weighted target");
    if let Some((a, b)) = overlapping(&notes) {
        panic!("\"{a}\" and \"{b}\" overlap on screen");
    }
}
