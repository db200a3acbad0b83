//! Pictures and "what changes" in the export dialog, in a real browser:
//! the SVG download carries the design and opens back equal, the PNG is a
//! PNG at twice the picture's size, the draw.io file parses with AWS
//! shapes, and comparing with a previous export lists the moves and puts
//! their blocks in the zip. The test runner serves only this test's wasm,
//! so the dialog runs its jobs in process (`Exporter::in_process`) and
//! downloads go to a listener instead of the disk.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) WASM_BINDGEN_TEST_TIMEOUT=180 cargo test --target wasm32-unknown-unknown --test web_pictures`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use topoform::core::model::{load, load_value, save, Design};
use topoform::core::render::{design_text_from_svg, svg, Theme};
use topoform::core::templates::TEMPLATES;
use topoform::ui::Save;
use topoform::ui::{ExportDialog, Exporter};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_support;
use web_support::forms::{choose, click};
use web_support::{host, sleep, text, wait_for};

wasm_bindgen_test_configure!(run_in_browser);

type Saved = RwSignal<Vec<(String, String, Vec<u8>)>>;

/// Mounts the dialog on `design`; downloads land in the returned list.
fn mount(design: Design, selection: Vec<String>) -> (web_sys::HtmlElement, Saved) {
    let design = RwSignal::new(design);
    let selection = RwSignal::new(selection);
    let saved: Saved = RwSignal::new(Vec::new());
    let save_file: Save = Callback::new(move |file: (String, String, Vec<u8>)| {
        saved.update(|s| s.push(file));
        Ok(())
    });
    let el = host();
    let h = leptos::mount::mount_to(el.clone(), move || {
        view! { <ExportDialog design=design.into() open=RwSignal::new(true) on_pick=Callback::new(|_| ())
        exporter=Exporter::in_process() selection=selection save_file=save_file /> }
    });
    h.forget();
    (el, saved)
}

/// Clicks "Download picture" and waits for the file.
async fn picture(el: &web_sys::Element, saved: Saved) -> (String, String, Vec<u8>) {
    let before = saved.with_untracked(Vec::len);
    click(el, ".picture-download");
    for _ in 0..400 {
        if let Some(f) = saved.with_untracked(|s| s.get(before).cloned()) {
            return f;
        }
        sleep(50).await;
    }
    panic!("no picture: {}", el.inner_html());
}

/// Parses XML with the browser's own parser; panics on a parse error.
fn parse_xml(text: &str) -> web_sys::Document {
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"DOMParser".into())
        .unwrap()
        .unchecked_into();
    let parser = js_sys::Reflect::construct(&ctor, &js_sys::Array::new()).unwrap();
    let parse: js_sys::Function = js_sys::Reflect::get(&parser, &"parseFromString".into())
        .unwrap()
        .unchecked_into();
    let doc: web_sys::Document = parse
        .call2(&parser, &JsValue::from_str(text), &"application/xml".into())
        .unwrap()
        .unchecked_into();
    assert!(
        doc.query_selector("parsererror").unwrap().is_none(),
        "not XML: {}",
        &text[..text.len().min(300)]
    );
    doc
}

#[wasm_bindgen_test]
async fn svg_png_and_drawio_pictures_of_the_design_and_of_the_selection() {
    let d = TEMPLATES[0].design().unwrap();
    let subnet = d.regions[0].vpcs[0].subnets[0].id.clone();
    let (el, saved) = mount(d.clone(), vec![subnet.clone()]);
    wait_for(&el, "[data-path]").await;
    click(&el, ".picture-toggle");
    wait_for(&el, ".picture-panel").await;

    // SVG: the design rides along and loads back equal.
    let (name, mime, bytes) = picture(&el, saved).await;
    assert_eq!(name, format!("{}-{}.svg", d.name, d.environment));
    assert_eq!(mime, "image/svg+xml");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("<metadata id=\"topoform-design\">"));
    let back = load(&design_text_from_svg(&text).unwrap()).unwrap();
    assert_eq!(save(&back), save(&d));
    parse_xml(&text);

    // PNG, dark: the signature, and twice the SVG's width.
    choose(&el, "select[aria-label='Picture format']", "png");
    choose(&el, "select[aria-label='Picture theme']", "dark");
    let (name, mime, png) = picture(&el, saved).await;
    assert_eq!(
        (name.as_str(), mime.as_str()),
        (
            format!("{}-{}-dark.png", d.name, d.environment).as_str(),
            "image/png"
        )
    );
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let doc = parse_xml(&svg(&d, Theme::Dark));
    let svg_width: u32 = doc
        .document_element()
        .unwrap()
        .get_attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(width, 2 * svg_width, "drawn at 2x");

    // draw.io of the selection: parses, AWS shapes, only the subnet's frames.
    choose(&el, "select[aria-label='Picture format']", "drawio");
    choose(&el, "select[aria-label='Picture of']", "selection");
    let (name, _, bytes) = picture(&el, saved).await;
    assert_eq!(
        name,
        format!("{}-{}-selection.drawio", d.name, d.environment)
    );
    let doc = parse_xml(&String::from_utf8(bytes).unwrap());
    let cells = doc.query_selector_all("mxCell").unwrap();
    let ids: Vec<String> = (0..cells.length())
        .filter_map(|i| cells.item(i))
        .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute("id"))
        .collect();
    assert!(ids.contains(&format!("tf-{subnet}")), "{ids:?}");
    assert!(ids.contains(&format!("tf-{}", d.regions[0].id)), "{ids:?}");
    assert!(!ids.contains(&format!("tf-{}", d.regions[1].id)), "{ids:?}");
    assert!(doc
        .query_selector("mxCell[style*='mxgraph.aws4']")
        .unwrap()
        .is_some());
    let status = web_support::text(&el, ".export-status");
    assert!(status.contains("Downloaded"), "{status}");
}

/// The S3-replication fixture as version 2, with the state split `split`.
fn fixture(split: &str) -> Design {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/clean/s3-replication.json")).unwrap();
    v["version"] = serde_json::json!(2);
    v["state"]["split"] = serde_json::json!(split);
    load_value(v).unwrap()
}

/// Picks `bytes` as the previous export in the dialog's file input.
fn pick_previous(el: &web_sys::Element, name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = el
        .query_selector("input[type='file']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_files(dt.files().as_ref());
    let ev = web_sys::Event::new("change").unwrap();
    input.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn comparing_with_a_previous_export_lists_moves_and_zips_their_blocks() {
    let old = fixture("region");
    let new = fixture("region_layer");
    let (el, saved) = mount(new, Vec::new());
    wait_for(&el, "[data-path]").await;

    // A file that holds no design: a clear message, the export untouched.
    pick_previous(&el, "notes.json", b"not a design");
    for _ in 0..100 {
        if text(&el, ".export-status").contains("Nothing was compared") {
            break;
        }
        sleep(50).await;
    }
    let status = text(&el, ".export-status");
    assert!(
        status.contains("notes.json") && status.contains("the export is unchanged"),
        "{status}"
    );
    assert!(el.query_selector(".export-changes").unwrap().is_none());
    assert!(el
        .query_selector("[data-path='README.md']")
        .unwrap()
        .is_some());

    // The previous export's topoform.json.
    pick_previous(&el, "topoform.json", save(&old).as_bytes());
    let changes = wait_for(&el, ".export-changes").await;
    let moves = changes
        .query_selector_all("[data-action='move to another root']")
        .unwrap();
    let moves: Vec<String> = (0..moves.length())
        .filter_map(|i| moves.item(i)?.text_content())
        .collect();
    assert!(
        moves.iter().any(|m| m.contains(
            "regions/us-west-1: module.s3_media → regions/us-west-1/platform: module.s3_media"
        )),
        "{moves:?}"
    );
    let diff = changes
        .query_selector("details[data-changed='regions/us-west-1/platform/moved.tf']")
        .unwrap()
        .expect("the new root's blocks are listed");
    assert!(!diff.has_attribute("open"), "diffs start collapsed");
    assert!(diff.text_content().unwrap().contains("import {"));
    assert!(
        changes.text_content().unwrap().contains("files: "),
        "the counts"
    );
    // What has no import id moves with its state: the dialog says what to
    // run first, and the script is among the files.
    let next = changes
        .query_selector("p.next[role='note']")
        .unwrap()
        .expect("the next step is shown")
        .text_content()
        .unwrap();
    assert!(
        next.contains("run scripts/move-state.sh --confirm"),
        "{next}"
    );
    assert!(changes
        .query_selector("[data-action='move state to another root']")
        .unwrap()
        .is_some());
    assert!(el
        .query_selector("[data-path='scripts/move-state.sh']")
        .unwrap()
        .is_some());

    // The files are still previewed, now with the blocks among them.
    let preview = el.query_selector("[data-preview]").unwrap().unwrap();
    assert!(
        preview.text_content().unwrap().contains("Apply order"),
        "the README is shown"
    );
    click(&el, "[data-path='regions/us-west-1/platform/moved.tf']");
    sleep(50).await;
    assert!(
        preview.text_content().unwrap().contains("import {"),
        "{}",
        preview.text_content().unwrap()
    );

    // The zip downloaded now holds the blocks (names are stored in clear).
    click(&el, ".modal-head .primary");
    let (name, _, zip) = saved
        .with_untracked(|s| s.last().cloned())
        .expect("zip saved");
    assert!(name.ends_with("-terraform.zip"), "{name}");
    let needle = b"regions/us-west-1/platform/moved.tf";
    assert!(
        zip.windows(needle.len()).any(|w| w == needle),
        "moved.tf in the zip"
    );
}
