//! Workshop mode in a real browser (issue 16): an exercise opened from an
//! `#x1.` link, its checklist following an edit, a hint taken, Finish, the
//! session surviving a reload; a design opened from an `#d1.` link, a
//! damaged link refused with the design kept; the browser's own
//! compressor making links the native reader opens.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_exercise`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::window;
use serde_json::json;
use topoform::core::share::{self, exercise_fragment, What};
use topoform::core::templates::template;
use topoform::platform::inflate::{deflate, Format};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::forms::{click, saved};
use web_support::*;

/// An exercise from nothing: add a region (fails on the empty start),
/// keep at most three (passes); one hint due only after ten minutes.
fn exercise_text() -> String {
    json!({
        "format": "topoform.exercise", "version": 1, "id": "first-region",
        "title": "Your first region",
        "brief": "# Start\n\nAdd **one** region. <script>alert(1)</script> [bad](javascript:alert(1))",
        "start": { "empty": true },
        "goals": [
            { "id": "one", "text": "At least one region", "check": { "count": { "kind": "region", "min": 1 } } },
            { "id": "few", "text": "At most three regions", "check": { "count": { "kind": "region", "max": 3 } } }
        ],
        "hints": [ { "after_seconds": 600, "text": "Use the *Region* button." } ]
    })
    .to_string()
}

fn set_hash(fragment: &str) {
    window().location().set_hash(fragment).unwrap();
}

fn passed(el: &web_sys::Element, goal: &str) -> String {
    find(el, &format!(".goal[data-goal='{goal}']"))
        .get_attribute("data-passed")
        .unwrap()
}

#[wasm_bindgen_test]
async fn an_exercise_link_opens_grades_live_and_survives_a_reload() {
    let (el, h) = mount();
    settle().await;
    set_hash(&exercise_fragment(&exercise_text()).unwrap());
    sleep(300).await;
    settle().await;
    assert_eq!(
        window().location().hash().unwrap(),
        "",
        "the fragment is cleared"
    );
    assert_eq!(text(&el, ".exercise h2"), "Your first region");
    // The brief is rendered, its HTML and script link shown as text.
    let brief = find(&el, ".exercise .brief");
    assert_eq!(count(&brief, "strong"), 1);
    assert_eq!(count(&brief, "script") + count(&brief, "a"), 0);
    assert!(brief
        .text_content()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    assert_eq!(passed(&el, "one"), "false");
    assert_eq!(passed(&el, "few"), "true");
    // Fix it with an edit: the checklist follows.
    click(&el, "[data-palette='Region']");
    settle().await;
    assert_eq!(passed(&el, "one"), "true");
    // A hint before its time counts as used.
    assert_eq!(count(&el, ".hint"), 0);
    click(&el, ".take-hint");
    settle().await;
    assert!(text(&el, ".hint").contains("Region"));
    click(&el, ".finish-button");
    settle().await;
    let summary = text(&el, ".finish .summary");
    assert!(summary.starts_with("Score 100/100, passed"), "{summary}");
    assert!(summary.ends_with("1 hint used"), "{summary}");
    let design = saved().await;
    drop(h);
    drop(el);
    // A reload finds the exercise, the design and the hint count intact.
    let (el, _h) = mount_keeping_storage();
    settle().await;
    assert_eq!(text(&el, ".exercise h2"), "Your first region");
    assert_eq!(passed(&el, "one"), "true");
    assert!(text(&el, ".finish .summary").ends_with("1 hint used"));
    assert_eq!(saved().await, design);
}

#[wasm_bindgen_test]
async fn a_damaged_link_keeps_the_design_and_a_good_one_opens() {
    let (el, _h) = mount();
    settle().await;
    let before = count(&el, "[data-kind='region']");
    assert!(before > 0);
    let good = share::design_fragment(&template("aurora-global").unwrap().design().unwrap());
    // Cut off: the zlib stream does not end.
    set_hash(&good[..good.len() / 2]);
    sleep(300).await;
    settle().await;
    let toast = text(&el, ".toast[role='alert']");
    assert!(
        toast.contains("not opened") && toast.contains("unchanged"),
        "{toast}"
    );
    assert_eq!(count(&el, "[data-kind='region']"), before);
    set_hash(&good);
    sleep(300).await;
    settle().await;
    assert_eq!(
        saved().await,
        template("aurora-global").unwrap().design().unwrap()
    );
}

/// The Share link button compresses with the browser's CompressionStream;
/// what it makes must open with the native reader (and `topoform open`).
#[wasm_bindgen_test]
async fn the_browser_compressor_makes_links_the_native_reader_opens() {
    let d = template("active-active").unwrap().design().unwrap();
    let json = serde_json::to_string(&d).unwrap();
    let zlib = deflate(Format::Zlib, json.as_bytes()).await.unwrap();
    let frag = share::pack_compressed(What::Design, &zlib);
    assert_eq!(share::open_design(&frag).unwrap(), d);
}

/// The teacher's view regrades every picked design (a hand-edited report
/// cannot lie to it) and lists a file that does not load with its reason.
#[wasm_bindgen_test]
async fn the_teachers_table_regrades_each_submitted_design() {
    use wasm_bindgen::JsCast;
    let (el, _h) = mount();
    settle().await;
    set_hash(&exercise_fragment(&exercise_text()).unwrap());
    sleep(300).await;
    settle().await;
    let one = template("aurora-global").unwrap().design().unwrap();
    let files = [
        ("ana.json", topoform::core::model::save(&one)),
        (
            "ben.json",
            topoform::core::model::save(&topoform::core::exercise::empty_design()),
        ),
        ("cy.json", "{\"format\": \"topoform.design\"".to_string()),
    ];
    let dt = web_sys::DataTransfer::new().unwrap();
    for (name, text) in &files {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
        let f = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
        // (Through Reflect: `add_with_file` needs a web-sys feature the app
        // does not compile in.)
        let items = dt.items();
        let add: js_sys::Function = js_sys::Reflect::get(&items, &"add".into())
            .unwrap()
            .unchecked_into();
        add.call1(&items, &f).unwrap();
    }
    let input: web_sys::HtmlInputElement =
        find(&el, ".teacher input[type='file']").unchecked_into();
    input.set_files(dt.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    sleep(300).await;
    settle().await;
    assert_eq!(count(&el, ".class-table tbody tr"), 3);
    assert_eq!(text(&el, "tr[data-file='ana.json'] .score"), "100");
    assert_eq!(text(&el, "tr[data-file='ben.json'] .score"), "50");
    assert!(!text(&el, "tr[data-file='cy.json'] .unreadable").is_empty());
    assert_eq!(text(&el, ".class-table tfoot"), "Passed12");
}

/// A fragment of another version (`d2.`, from a newer Topoform) is taken as
/// a share link, so it is answered with the message saying so; other
/// fragments (a page anchor) are left alone.
#[wasm_bindgen_test]
fn share_links_of_any_version_are_recognised() {
    use topoform::ui::is_share;
    for yes in ["d1.eNq", "x1.abc", "d2.eNq", "x12.", "d1."] {
        assert!(is_share(yes), "{yes}");
    }
    for no in [
        "",
        "d",
        "d.",
        "dx1.",
        "section-2",
        "x1",
        "D1.abc",
        "top",
        "%%%%<script>",
    ] {
        assert!(!is_share(no), "{no}");
    }
}
