//! The document's revisions, which decide what each view makes again after
//! an edit: the content revision (validation, the inspector, labels), the
//! shapes revision (the canvas's layout: not for a CIDR, a name or a
//! setting) and the content a frame later (the cost and outage panels).
//! Checked through edits, undo and redo of a template.
//!
//! Run: `CHROMEDRIVER=$(command -v chromedriver) cargo test --target wasm32-unknown-unknown --test web_doc`
#![cfg(target_arch = "wasm32")]

mod web_support;

use leptos::prelude::*;
use topoform::core::edit::{add, update, ObjectMut, PaletteItem};
use topoform::core::model::Rect;
use topoform::core::templates::template;
use topoform::ui::Doc;
use wasm_bindgen_test::*;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn each_edit_bumps_what_it_changed() {
    // (Mounting anything starts Leptos's task executor, which the waits use.)
    let _h = leptos::mount::mount_to(host(), || view! { <p>"doc"</p> });
    let owner = Owner::new();
    owner.set();
    let doc = Doc::new(template("active-passive").unwrap().design().unwrap());
    let (content, shapes, later) = (
        doc.content().revision(),
        doc.shapes(),
        doc.content_later().revision(),
    );
    let now = move || {
        (
            content.get_untracked(),
            shapes.get_untracked(),
            later.get_untracked(),
        )
    };
    assert_eq!(now(), (0, 0, 0));
    let vpc = doc
        .design
        .with_untracked(|d| d.regions[0].vpcs[0].id.clone());
    // A CIDR: content, not shapes; the later content after the frame.
    let next = doc
        .design
        .with_untracked(|d| {
            update(d, &vpc, |o| {
                if let ObjectMut::Vpc(v) = o {
                    v.cidr = "10.77.0.0/16".into()
                }
            })
        })
        .unwrap();
    doc.apply(next);
    assert_eq!(now(), (1, 0, 0), "a CIDR keeps the layout; the panels wait");
    after_frame().await;
    assert_eq!(now(), (1, 0, 1), "the panels follow after the frame");
    // A move: shapes, not content.
    let mut moved = doc.design.get_untracked();
    moved.canvas.insert(
        vpc.clone(),
        Rect {
            x: 900.0,
            y: 900.0,
            w: 10.0,
            h: 10.0,
        },
    );
    doc.apply(moved);
    assert_eq!(
        now(),
        (1, 1, 1),
        "a move lays out again and changes no content"
    );
    // An add: both.
    let added = doc
        .design
        .with_untracked(|d| add(d, PaletteItem::Asg, Some(&vpc)))
        .unwrap()
        .0;
    doc.apply(added);
    after_frame().await;
    assert_eq!(now(), (2, 2, 2), "an add changes both");
    // The same design again: nothing.
    doc.apply(doc.design.get_untracked());
    assert_eq!(now(), (2, 2, 2));
    // Undo the add, the move, the CIDR; redo the CIDR.
    doc.undo();
    assert_eq!(now(), (3, 3, 2));
    doc.undo();
    assert_eq!(now(), (3, 4, 2), "undoing a move");
    doc.undo();
    assert_eq!(now(), (4, 4, 2), "undoing a CIDR");
    doc.redo();
    assert_eq!(now(), (5, 4, 2), "redoing it");
    after_frame().await;
    assert_eq!(now(), (5, 4, 5), "one catch-up for edits in one frame");
    owner.unset();
}
