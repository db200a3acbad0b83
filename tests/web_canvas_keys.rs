//! The canvas without a mouse, in a real browser: Tab walks shapes and
//! links in reading order and a walked-to link is deleted with Delete;
//! Ctrl+A selects every shape (not the page's text); Z and the button zoom
//! to the selection; the context menu opens from the keyboard, moves with
//! the arrows, acts and closes on Escape; find selects and zooms to a
//! match; the minimap shows only when part of the design is out of view.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_canvas_keys`
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::forms::{click, focused};
use web_support::*;

#[wasm_bindgen_test]
async fn tab_walks_shapes_then_links_and_a_link_is_deleted_from_the_keyboard() {
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    focus(&svg);
    assert!(
        !press_on(&svg, "Tab", false, false),
        "Tab is the canvas's while there is something to walk to"
    );
    settle().await;
    assert_eq!(outlined(&el), ["app"], "the global band at the top first");
    for _ in 0..20 {
        if outlined(&el) == ["use1"] {
            break;
        }
        press_on(&svg, "Tab", false, false);
        settle().await;
    }
    press_on(&svg, "Tab", false, false);
    settle().await;
    assert_eq!(outlined(&el), ["use1-main"], "then what it holds");
    press_on(&svg, "Tab", false, true);
    settle().await;
    assert_eq!(outlined(&el), ["use1"], "Shift+Tab walks back");
    assert!(
        text(&el, "[data-said]").contains("region"),
        "the selection is read out: {}",
        text(&el, "[data-said]")
    );
    // Walk on to the first link.
    let mut steps = 0;
    while !outlined(&el)
        .first()
        .is_some_and(|id| id.starts_with("link@"))
    {
        assert!(
            !press_on(&svg, "Tab", false, false),
            "walked off the end before any link"
        );
        settle().await;
        steps += 1;
        assert!(steps < 200, "no link reached");
    }
    let link = outlined(&el)[0].clone();
    assert_eq!(count(&el, &format!("g.link-group[data-id='{link}']")), 1);
    press_on(&svg, "Delete", false, false);
    settle().await;
    assert_eq!(
        count(&el, &format!("g.link-group[data-id='{link}']")),
        0,
        "Delete removed the link"
    );
    // Shift+Tab from the first object lets focus leave the canvas (no trap).
    press_on(&svg, "Escape", false, false);
    settle().await;
    assert!(outlined(&el).is_empty(), "Escape clears the selection");
    press_on(&svg, "Tab", false, false);
    settle().await;
    assert!(
        press_on(&svg, "Tab", false, true),
        "Shift+Tab before the first shape is the browser's"
    );
}

#[wasm_bindgen_test]
async fn ctrl_a_selects_every_shape_and_z_zooms_to_the_selection() {
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    focus(&svg);
    assert!(
        !press_on(&svg, "a", true, false),
        "Ctrl+A on the canvas is not the page's select-all"
    );
    settle().await;
    let shapes = count(
        &el,
        "[data-kind='vpc'], [data-kind='subnet'], [data-kind='region']",
    );
    assert!(
        outlined(&el).len() as u32 >= shapes,
        "{} outlined, {shapes} frames and subnets",
        outlined(&el).len()
    );
    let fitted = view_box(&el);
    // One subnet, then Z.
    click(&el, "[data-id='usw2-db-b'] > rect");
    settle().await;
    press_on(&svg, "z", false, false);
    settle().await;
    let zoomed = view_box(&el);
    assert!(
        zoomed[2] < fitted[2] / 2.0,
        "zoomed in: {zoomed:?} from {fitted:?}"
    );
    press_on(&svg, "0", false, false);
    settle().await;
    assert_eq!(view_box(&el), fitted, "0 fits again");
    click(&el, "button[data-zoom='selection']");
    settle().await;
    assert_eq!(view_box(&el), zoomed, "the button zooms like Z");
}

#[wasm_bindgen_test]
async fn the_context_menu_works_from_the_keyboard_and_closes_on_escape() {
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    click(&el, "[data-id='use1-pub-a'] > rect");
    settle().await;
    focus(&svg);
    press_on(&svg, "F10", false, true);
    settle().await;
    let menu = find(&el, "[role='menu']");
    let first = focused().expect("focus in the menu");
    assert_eq!(
        first.get_attribute("role").as_deref(),
        Some("menuitem"),
        "focus on the first item"
    );
    press_on(&menu, "ArrowDown", false, false);
    assert_ne!(focused(), Some(first.clone()), "the arrow moves focus");
    press_on(&menu, "Escape", false, false);
    settle().await;
    assert_eq!(count(&el, "[role='menu']"), 0, "Escape closes it");
    assert_eq!(
        focused().as_ref(),
        Some(&svg),
        "the keyboard is back on the canvas"
    );
    assert_eq!(
        outlined(&el),
        ["use1-pub-a"],
        "Escape in the menu kept the selection"
    );

    // A right click on a subnet, then Duplicate.
    let subnets = count(&el, "[data-kind='subnet']");
    let target = find(&el, "[data-id='use1-pub-b'] > rect");
    let p = at(&target, 0.5, 0.5);
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(p.0 as i32);
    init.set_client_y(p.1 as i32);
    init.set_button(2);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("contextmenu", &init).unwrap();
    assert!(
        !target.dispatch_event(&ev).unwrap(),
        "the browser's own menu is replaced"
    );
    settle().await;
    assert_eq!(outlined(&el), ["use1-pub-b"], "a right click selects");
    click(&el, "[role='menuitem'][data-action='Duplicate']");
    settle().await;
    assert_eq!(count(&el, "[data-kind='subnet']"), subnets + 1);
    assert_eq!(count(&el, "[role='menu']"), 0);

    // A click outside closes it too.
    focus(&svg);
    press_on(&svg, "ContextMenu", false, false);
    settle().await;
    assert_eq!(count(&el, "[role='menu']"), 1);
    pointer(
        &find(&el, ".menu-backdrop"),
        "pointerdown",
        (5.0, 5.0),
        false,
    );
    settle().await;
    assert_eq!(count(&el, "[role='menu']"), 0);
}

#[wasm_bindgen_test]
async fn find_selects_and_zooms_to_a_match() {
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    focus(&svg);
    let fitted = view_box(&el);
    press_on(&svg, "/", false, false);
    settle().await;
    let input: web_sys::HtmlInputElement = find(&el, ".find-box input").unchecked_into();
    assert_eq!(
        focused().as_ref(),
        Some(input.unchecked_ref::<web_sys::Element>()),
        "typing goes to the box"
    );
    input.set_value("10.1.21");
    input
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("input", &{
                let i = web_sys::EventInit::new();
                i.set_bubbles(true);
                i
            })
            .unwrap(),
        )
        .unwrap();
    settle().await;
    assert_eq!(
        find(&el, "[role='option'][aria-selected='true']")
            .get_attribute("data-found")
            .as_deref(),
        Some("usw2-db-b")
    );
    press_on(input.unchecked_ref(), "Enter", false, false);
    settle().await;
    assert_eq!(outlined(&el), ["usw2-db-b"]);
    assert!(view_box(&el)[2] < fitted[2] / 2.0, "zoomed to the match");
    assert_eq!(count(&el, ".find-box"), 0, "the box closes");
    assert_eq!(focused().as_ref(), Some(&svg));
}

#[wasm_bindgen_test]
async fn the_minimap_shows_only_when_part_of_the_design_is_out_of_view() {
    let (el, _h) = mount();
    settle().await;
    assert_eq!(count(&el, ".minimap"), 0, "everything fits: no minimap");
    for _ in 0..4 {
        click(&el, "button[aria-label='Zoom in']");
    }
    settle().await;
    let mini = find(&el, ".minimap");
    let before = view_box(&el);
    // A press near the minimap's right edge moves the view to the right.
    pointer(&mini, "pointerdown", at(&mini, 0.9, 0.5), false);
    pointer(&mini, "pointerup", at(&mini, 0.9, 0.5), false);
    settle().await;
    let after = view_box(&el);
    assert!(
        after[0] > before[0],
        "the view moved right: {before:?} -> {after:?}"
    );
    assert_eq!(after[2], before[2], "without zooming");
    click(&el, "button[aria-label='Fit the design to the window']");
    settle().await;
    assert_eq!(count(&el, ".minimap"), 0);
}

#[wasm_bindgen_test]
async fn a_region_is_cloned_as_dr_from_its_context_menu() {
    let (el, _h) = mount();
    settle().await;
    let svg = find(&el, "svg.canvas");
    let regions = count(&el, "[data-kind='region']");
    click(&el, "[data-target='usw2']");
    settle().await;
    focus(&svg);
    press_on(&svg, "ContextMenu", false, false);
    settle().await;
    click(&el, "[role='menuitem'][data-action='Clone region as DR…']");
    settle().await;
    assert_eq!(
        find(&el, "[role='menu']")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Clone region as DR into")
    );
    assert_eq!(
        count(&el, "[role='menuitem'][data-code='us-east-1']"),
        0,
        "regions in use are not offered"
    );
    click(&el, "[role='menuitem'][data-code='eu-west-1']");
    settle().await;
    assert_eq!(count(&el, "[data-kind='region']"), regions + 1, "cloned");
    assert_eq!(count(&el, "[role='menu']"), 0);
    assert_eq!(outlined(&el).len(), 1, "the new region is selected");
}
