//! Which subnets a workload uses, in a real browser: each is a line from
//! the node to the subnet, selectable by click and by the keyboard walk,
//! explained in the inspector, shown in full while its node is selected,
//! deleted as one edit (the subnet leaves the node's list, the rules say
//! what that costs) and restored by one undo.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_subnet_links`
#![cfg(target_arch = "wasm32")]

use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::core::model::load;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::forms::click;
use web_support::*;

const WEB_USES: &str = "g.link-group[data-kind='uses-subnet'][data-from='use1-alb']";
const WEB_PUB_A: &str =
    "g.link-group[data-kind='uses-subnet'][data-from='use1-alb'][data-to='use1-pub-a']";

fn alb_subnets() -> Vec<String> {
    let d = load(
        &storage()
            .get_item(AUTOSAVE_KEY)
            .unwrap()
            .expect("autosaved"),
    )
    .unwrap();
    let index = topoform::core::model::Index::new(&d);
    index
        .vpc_node("use1-alb")
        .map(|(_, _, n)| n.subnets().to_vec())
        .expect("the load balancer")
}

#[wasm_bindgen_test]
async fn a_subnet_use_is_drawn_selected_explained_deleted_and_restored() {
    let (el, _h) = mount();
    settle().await;
    sleep(50).await;
    // Selecting the load balancer shows its subnet lines in full, whatever the zoom.
    click(&el, "g.node[data-id='use1-alb']");
    settle().await;
    assert_eq!(
        count(
            &el,
            ".subnet-use-shown[data-shown^='link@uses-subnet@use1-alb@']"
        ),
        2,
        "{:?}",
        outlined(&el)
    );
    assert_eq!(
        count(&el, ".legend li[data-kind='uses-subnet']"),
        1,
        "the legend explains the line"
    );

    // Zoomed in to it, the faint lines are drawn: the template's load
    // balancer web spans public-a and public-b.
    let canvas = find(&el, "svg.canvas");
    focus(&canvas);
    assert!(
        !press_on(&canvas, "z", false, false),
        "Z zooms to the selection"
    );
    settle().await;
    sleep(50).await;
    assert_eq!(
        count(&el, WEB_USES),
        2,
        "one line per subnet the load balancer uses"
    );

    // A click on the line selects it; the inspector says what it means.
    let link_id = find(&el, WEB_PUB_A)
        .get_attribute("data-id")
        .expect("a link carries its id");
    assert_eq!(link_id, "link@uses-subnet@use1-alb@use1-pub-a");
    // Its accessible name uses the names the canvas shows, not ids.
    assert_eq!(
        find(&el, WEB_PUB_A).get_attribute("aria-label").as_deref(),
        Some("web uses subnet public-a")
    );
    click(&el, &format!("{WEB_PUB_A} path.link-halo"));
    settle().await;
    assert_eq!(
        outlined(&el),
        vec![link_id.clone()],
        "the line alone is selected"
    );
    let meaning = text(&el, ".inspector [data-field='meaning']");
    assert_eq!(
        meaning,
        "Load balancer web places its nodes in subnet public-a (use1-az1, public, 10.0.0.0/24)."
    );

    // Delete takes the subnet off the load balancer, nothing else.
    key("Delete", false);
    settle().await;
    assert_eq!(count(&el, WEB_PUB_A), 0, "the line is gone");
    assert_eq!(count(&el, WEB_USES), 1, "the other subnet stays used");
    assert_eq!(count(&el, "[data-id='use1-pub-a']"), 1, "the subnet stays");
    sleep(700).await;
    assert_eq!(alb_subnets(), vec!["use1-pub-b".to_string()]);
    let page = el.text_content().unwrap_or_default();
    assert!(
        page.contains("Load balancer web in VPC main (us-east-1) spans 1 AZ; it needs two."),
        "the rule says what is missing"
    );

    // One undo step brings it back.
    key("z", true);
    settle().await;
    assert_eq!(count(&el, WEB_PUB_A), 1, "undo restores the line");
    sleep(700).await;
    assert_eq!(
        alb_subnets(),
        vec!["use1-pub-a".to_string(), "use1-pub-b".to_string()]
    );
}

#[wasm_bindgen_test]
async fn the_keyboard_walk_reaches_subnet_uses() {
    let (el, _h) = mount();
    settle().await;
    let canvas = find(&el, "svg.canvas");
    focus(&canvas);
    // Walking back from nothing starts at the end of the reading order,
    // where the subnet uses are; the view goes to what is selected.
    assert!(
        !press_on(&canvas, "Tab", false, true),
        "the canvas takes the key"
    );
    settle().await;
    sleep(50).await;
    let picked = outlined(&el);
    assert_eq!(picked.len(), 1, "{picked:?}");
    // The template's last workload is the DR database, in data-a and data-b.
    assert_eq!(picked[0], "link@uses-subnet@usw2-db@usw2-db-b");
    // Read out by the ends' names, told apart by region and VPC.
    let said = text(&el, "[data-said]");
    assert!(
        said.contains(
            "from RDS database db · us-west-2 / main to subnet data-b · us-west-2 / main"
        ),
        "read out: {said}"
    );
    let meaning = text(&el, ".inspector [data-field='meaning']");
    assert!(
        meaning.starts_with("RDS database db lists subnet data-b (usw2-az2, data, "),
        "the inspector explains it: {meaning}"
    );
    // Drawn in full while selected, whatever the zoom.
    let shown = format!("[data-shown='{}']", picked[0]);
    assert_eq!(count(&el, &shown), 1);
    // Delete from the keyboard, then undo.
    let db_subnets = || {
        let d = load(
            &storage()
                .get_item(AUTOSAVE_KEY)
                .unwrap()
                .expect("autosaved"),
        )
        .unwrap();
        let index = topoform::core::model::Index::new(&d);
        index
            .vpc_node("usw2-db")
            .map(|(_, _, n)| n.subnets().to_vec())
            .expect("the database")
    };
    key("Delete", false);
    settle().await;
    assert_eq!(count(&el, &shown), 0, "deleted");
    sleep(700).await;
    assert_eq!(db_subnets(), vec!["usw2-db-a".to_string()]);
    key("z", true);
    settle().await;
    sleep(700).await;
    assert_eq!(
        db_subnets(),
        vec!["usw2-db-a".to_string(), "usw2-db-b".to_string()],
        "restored"
    );
}
