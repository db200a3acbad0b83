//! The design settings panel in a real browser: every setting edited
//! through it lands in the design; a refused value is explained beside its
//! field and put back on blur or Escape; the toast does not move the
//! layout and goes away on the next edit; New asks before replacing
//! unsaved work, in the page, with the keyboard.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_settings`
#![cfg(target_arch = "wasm32")]

mod web_support;

use topoform::core::model::LockMode;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::forms::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

const S: &str = "section[aria-label='Design settings']";

/// The key or value input of the tag row whose key is `key`.
fn tag_field(key: &str, part: &str) -> String {
    format!("{S} .tag-row[data-key='{key}'] [data-field='tags.{part}'] input")
}

fn field(name: &str) -> String {
    format!("{S} [data-field='{name}'] input")
}

#[wasm_bindgen_test]
async fn every_design_setting_is_edited_through_the_panel() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    assert_eq!(count(&el, S), 1, "with nothing selected the settings show");
    set_text(&el, &field("name"), "market");
    settle().await;
    set_text(&el, &field("environment"), "stage");
    settle().await;
    let tags_before = current("active-passive").await.tags.len();
    click(&el, &format!("{S} button[aria-label='Add tag']"));
    settle().await;
    set_text(&el, &tag_field("tag", "key"), "cost-centre");
    settle().await;
    set_text(&el, &tag_field("cost-centre", "value"), "payments");
    settle().await;
    set_text(&el, &field("state.bucket"), "market-stage-state-7f3a");
    settle().await;
    choose(
        &el,
        &format!("{S} [data-field='state.region'] select"),
        "eu-west-1",
    );
    settle().await;
    choose(
        &el,
        &format!("{S} [data-field='state.lock'] select"),
        "dynamodb",
    );
    settle().await;
    set_text(&el, &field("state.dynamodb_table"), "tf-locks");
    settle().await;
    set_text(&el, &field("state.key_prefix"), "teams/pay");
    settle().await;
    set_text(&el, &field("dns.zone"), "market.example");
    settle().await;
    let d = saved().await;
    assert_eq!(
        (d.name.as_str(), d.environment.as_str()),
        ("market", "stage")
    );
    assert_eq!(
        d.tags.get("cost-centre").map(String::as_str),
        Some("payments"),
        "{:?}",
        d.tags
    );
    assert_eq!(d.tags.len(), tags_before + 1);
    assert_eq!(d.state.bucket, "market-stage-state-7f3a");
    assert_eq!(d.state.region, "eu-west-1");
    assert_eq!(d.state.lock, LockMode::Dynamodb);
    assert_eq!(d.state.dynamodb_table.as_deref(), Some("tf-locks"));
    assert_eq!(d.state.key_prefix.as_deref(), Some("teams/pay"));
    assert_eq!(
        d.dns.as_ref().map(|z| z.zone.as_str()),
        Some("market.example")
    );
    // Tags are removed as they were added.
    click(
        &el,
        &format!("{S} button[aria-label='Remove tag cost-centre']"),
    );
    settle().await;
    assert_eq!(saved().await.tags.len(), tags_before);
    // A repeated key is refused beside the field.
    click(&el, &format!("{S} button[aria-label='Add tag']"));
    settle().await;
    click(&el, &format!("{S} button[aria-label='Add tag']"));
    settle().await;
    set_text(&el, &tag_field("tag-2", "key"), "tag");
    settle().await;
    let why = text(&el, &format!("{S} .tag-row[data-key='tag-2'] .refused"));
    assert!(why.contains("already has a tag"), "{why}");
    assert_no_panics();
}

/// A region's state bucket input (format version 2's `state.buckets`).
fn region_bucket(code: &str) -> String {
    format!("{S} .bucket-row[data-key='{code}'] [data-field='state.buckets.bucket'] input")
}

#[wasm_bindgen_test]
async fn the_version_2_settings_are_edited_through_the_panel() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    let before = current("active-passive").await;
    let dr = before.regions[1].code.clone();
    set_text(&el, &region_bucket(&dr), "shop-state-oregon-7f3a");
    settle().await;
    set_text(&el, &field("dns.zone_id"), "Z0123456789ABC");
    settle().await;
    set_text(&el, &field("objectives.region.rto_seconds"), "600");
    settle().await;
    set_text(&el, &field("objectives.region.rpo_seconds"), "5");
    settle().await;
    set_text(&el, &field("objectives.az.rpo_seconds"), "0");
    settle().await;
    let d = saved().await;
    assert_eq!(d.version, 2);
    assert_eq!(
        d.state.buckets.get(&dr).map(String::as_str),
        Some("shop-state-oregon-7f3a"),
        "{:?}",
        d.state.buckets
    );
    assert_eq!(
        d.state.buckets.len(),
        1,
        "a region left empty keeps <bucket>-<code>"
    );
    assert_eq!(
        d.dns.as_ref().and_then(|z| z.zone_id.as_deref()),
        Some("Z0123456789ABC")
    );
    let region = d.objectives.region.clone().unwrap_or_default();
    assert_eq!(
        (region.rto_seconds, region.rpo_seconds),
        (Some(600), Some(5))
    );
    let az = d.objectives.az.clone().unwrap_or_default();
    assert_eq!(
        (az.rto_seconds, az.rpo_seconds),
        (None, Some(0)),
        "0 is an objective, empty is none"
    );
    // A negative number is refused beside the field and the design keeps 600.
    set_text(&el, &field("objectives.region.rto_seconds"), "-1");
    settle().await;
    assert!(!text(
        &el,
        &format!("{S} [data-field='objectives.region.rto_seconds'] .refused")
    )
    .is_empty());
    // Emptying a field removes the setting.
    set_text(&el, &region_bucket(&dr), "");
    settle().await;
    set_text(&el, &field("dns.zone_id"), "");
    settle().await;
    set_text(&el, &field("objectives.az.rpo_seconds"), "");
    settle().await;
    let d = saved().await;
    assert!(
        d.state.buckets.is_empty() && d.dns.as_ref().is_some_and(|z| z.zone_id.is_none()),
        "{:?}",
        d.state
    );
    assert_eq!(
        d.objectives.az, None,
        "an entry with no number left is dropped"
    );
    assert_eq!(d.objectives.region.and_then(|o| o.rto_seconds), Some(600));
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn a_refused_value_is_explained_beside_its_field_and_put_back() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    let name = set_text(&el, &field("name"), "My Shop");
    settle().await;
    let why = text(&el, &format!("{S} [data-field='name'] .refused"));
    assert!(
        why.contains("My Shop") && why.contains("lowercase") && why.contains("keeps “shop”"),
        "{why}"
    );
    assert_eq!(
        count(&el, ".toast"),
        0,
        "the refusal is beside the field, not in a banner"
    );
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        current("active-passive").await.name,
        "shop",
        "the design is untouched"
    );
    leave(&name);
    settle().await;
    assert_eq!(
        input(&el, &field("name")).value(),
        "shop",
        "on blur the field shows what the design holds"
    );
    // Escape puts the design's value back at once and leaves the field.
    let env = type_text(&el, &field("environment"), "qa-typing");
    key_on(&env, "Escape", false);
    settle().await;
    assert_eq!(input(&el, &field("environment")).value(), "prod");
    assert_eq!(
        count(&el, S),
        1,
        "Escape in a field does not clear the selection or close the panel"
    );
    assert_eq!(current("active-passive").await.environment, "prod");
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn the_toast_floats_and_clears_on_the_next_edit() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    let body = find(&el, ".body");
    let top = body.get_bounding_client_rect().top();
    click(&el, "[data-palette='Subnet']"); // nothing selected: refused
    settle().await;
    assert!(
        text(&el, ".toast[role='alert']").contains("VPC"),
        "{}",
        text(&el, ".toast")
    );
    assert_eq!(
        body.get_bounding_client_rect().top(),
        top,
        "the toast does not push the layout down"
    );
    set_text(&el, &field("name"), "shop2");
    settle().await;
    assert_eq!(count(&el, ".toast"), 0, "a later valid edit clears it");
    assert_no_panics();
}

#[wasm_bindgen_test]
async fn new_asks_in_the_page_before_replacing_unsaved_work() {
    watch_panics();
    let (el, _h) = mount();
    settle().await;
    // The template as opened is not unsaved work: New replaces it at once.
    click(&el, ".editbar button[title='New design']");
    settle().await;
    assert_eq!(count(&el, "[role='alertdialog']"), 0);
    assert_eq!(count(&el, "[data-kind='region']"), 0, "an empty design");
    // Its state bucket is the default, flagged as such.
    assert!(
        text(&el, &format!("{S} .flag")).contains("global"),
        "{}",
        text(&el, S)
    );
    set_text(&el, &field("name"), "mine");
    settle().await;
    let new_button = find(&el, ".editbar button[title='New design']");
    new_button
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    click_el(&new_button);
    settle().await;
    assert_eq!(
        count(&el, "[role='alertdialog']"),
        1,
        "unsaved work: New asks"
    );
    let yes = find(&el, "[role='alertdialog'] button.primary");
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&yes))),
        "the dialog takes focus"
    );
    key_on(&yes, "Escape", false);
    settle().await;
    assert_eq!(count(&el, "[role='alertdialog']"), 0, "Escape cancels");
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&new_button))),
        "focus goes back to New"
    );
    assert_eq!(saved().await.name, "mine", "nothing was replaced");
    click_el(&new_button);
    settle().await;
    click(&el, "[role='alertdialog'] button.primary");
    settle().await;
    assert_eq!(saved().await.name, "untitled", "confirmed: replaced");
    // A template is asked about the same way (after another edit).
    set_text(&el, &field("name"), "again");
    settle().await;
    choose(&el, "#template-picker", "active-passive");
    settle().await;
    assert_eq!(count(&el, "[role='alertdialog']"), 1);
    click(&el, "[role='alertdialog'] button:not(.primary)");
    settle().await;
    assert_eq!(saved().await.name, "again", "cancelled: the design stays");
    assert_no_panics();
}
