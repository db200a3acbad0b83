//! Re-opening what Topoform wrote, in a real browser (issue 17): an export's
//! zip or an SVG picture dropped on the page opens the design it came from
//! (the zip inflated by the browser's own DecompressionStream); a damaged
//! zip is refused with a reason and the open design stays.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_reopen`
#![cfg(target_arch = "wasm32")]

use std::io::Write;
use topoform::core::export::{export, Layout};
use topoform::core::templates::template;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod web_support;
use web_support::*;

fn export_zip(id: &str) -> Vec<u8> {
    let d = template(id).unwrap().design().unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for f in export(&d, Layout::PerRegion).unwrap() {
        w.start_file(format!("infra/{}", f.path), opts).unwrap();
        w.write_all(f.contents.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Drops a file named `name` holding `bytes` on the page, as a file manager does.
fn drop_file(name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&dt));
    let over = web_sys::DragEvent::new_with_event_init_dict("dragover", &init).unwrap();
    let target: web_sys::EventTarget = leptos::prelude::document().body().unwrap().unchecked_into();
    target.dispatch_event(&over).unwrap();
    assert!(over.default_prevented(), "the page accepts a dragged file");
    let ev = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

/// Waits (up to 10 s: the browser inflates asynchronously, and a loaded
/// machine is slow) until the autosaved design is `want`.
async fn opens_as(want: &topoform::core::model::Design) {
    let mut last = None;
    for _ in 0..100 {
        sleep(100).await;
        let stored = storage()
            .get_item(topoform::core::autosave::AUTOSAVE_KEY)
            .unwrap();
        if let Some(text) = stored {
            let d = topoform::core::model::load(&text).unwrap();
            if &d == want {
                return;
            }
            last = Some(d.name);
        }
    }
    panic!("the dropped file did not open (autosaved design: {last:?})");
}

#[wasm_bindgen_test]
async fn an_export_zip_dropped_on_the_page_opens_its_design() {
    let (_el, _h) = mount();
    settle().await;
    drop_file("infra.zip", &export_zip("aurora-global"));
    opens_as(&template("aurora-global").unwrap().design().unwrap()).await;
}

#[wasm_bindgen_test]
async fn a_topoform_svg_opens_its_design() {
    let (_el, _h) = mount();
    settle().await;
    let d = template("layered-ecs").unwrap().design().unwrap();
    let svg = topoform::core::render::svg(&d, topoform::core::render::Theme::Dark);
    drop_file("architecture.svg", svg.as_bytes());
    opens_as(&d).await;
}

#[wasm_bindgen_test]
async fn a_damaged_zip_is_refused_and_the_design_kept() {
    let (el, _h) = mount();
    settle().await;
    let before = count(&el, "[data-kind='region']");
    let mut z = export_zip("active-active");
    // Scramble the compressed design: the directory still finds it.
    let at = z.windows(13).position(|w| w == b"topoform.json").unwrap() + 13;
    for b in &mut z[at..at + 200] {
        *b ^= 0x5a;
    }
    drop_file("broken.zip", &z);
    sleep(300).await;
    settle().await;
    let toast = text(&el, ".toast[role='alert']");
    assert!(
        toast.contains("broken.zip") && toast.contains("unchanged"),
        "{toast}"
    );
    assert_eq!(count(&el, "[data-kind='region']"), before);
}
