//! The pictures' promises: well-formed XML, the design carried by the SVG
//! comes back equal, and the draw.io tree nests as the design does.

use super::*;
use crate::core::layout::{layout, ShapeKind};
use crate::core::model::{load, save, Design};
use crate::core::templates::TEMPLATES;

fn designs() -> Vec<(&'static str, Design)> {
    let mut v: Vec<(&'static str, Design)> = TEMPLATES
        .iter()
        .map(|t| (t.id, t.design().expect("template loads")))
        .collect();
    // A name that is hostile to XML and to Terraform interpolation.
    let mut nasty = v[0].1.clone();
    nasty.name = "a \"b\" <c> & 'd' ${e} ]]> \u{1}".into();
    nasty.regions[0].vpcs[0].name = "v<&>\"${x}\"".into();
    v.push(("nasty", nasty));
    v
}

#[test]
fn every_svg_is_well_formed_in_both_themes() {
    for (name, d) in designs() {
        for theme in [Theme::Light, Theme::Dark] {
            let text = svg(&d, theme);
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{name} {theme:?}: {e}"));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            // Every shape the canvas draws is in the picture.
            let ids: std::collections::BTreeSet<&str> = doc
                .descendants()
                .filter_map(|n| n.attribute("data-id"))
                .collect();
            for shape in &layout(&d).shapes {
                assert!(
                    ids.contains(shape.id.as_str()),
                    "{name}: {} missing",
                    shape.id
                );
            }
        }
    }
}

#[test]
fn the_design_embedded_in_an_svg_opens_again_unchanged() {
    for (name, d) in designs() {
        let text = svg(&d, Theme::Dark);
        let json = design_text_from_svg(&text).expect("design found");
        let back = load(&json).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(back, d, "{name}");
        assert_eq!(save(&back), save(&d));
        // And the metadata parsed by a real XML parser says the same.
        let doc = roxmltree::Document::parse(&text).expect("xml");
        let meta = doc
            .descendants()
            .find(|n| n.attribute("id") == Some("topoform-design"))
            .expect("metadata");
        assert_eq!(meta.text().unwrap_or_default(), json);
    }
}

#[test]
fn an_svg_without_a_design_is_refused_with_a_reason() {
    let e = design_text_from_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap_err();
    assert!(e.contains("holds no Topoform design"), "{e}");
    let e = design_text_from_svg("<svg><metadata id=\"topoform-design\">{\"format\"").unwrap_err();
    assert!(e.contains("cut short"), "{e}");
    // Garbage in the metadata comes back as text the strict loader refuses.
    let t =
        design_text_from_svg("<metadata id=\"topoform-design\">&amp;&bogus;&#xFFFFFFF;</metadata>")
            .expect("text");
    assert_eq!(t, "&&bogus;&#xFFFFFFF;");
    assert!(load(&t).is_err());
}

#[test]
fn an_svg_with_two_designs_is_refused_not_opened_as_the_first() {
    let d = crate::core::templates::template("active-passive")
        .unwrap()
        .design()
        .unwrap();
    let one = svg(&d, Theme::Light);
    assert!(design_text_from_svg(&one).is_ok());
    // A name that quotes the marker is escaped, so it is no second design.
    let mut named = d.clone();
    named.name = "id=\"topoform-design\" id='topoform-design'".into();
    let text = design_text_from_svg(&svg(&named, Theme::Light)).expect("one design");
    assert_eq!(load(&text).unwrap(), named);
    // A second design block, as a hand-made or concatenated file has it,
    // in either quoting.
    let block = &one[one.find("<metadata").unwrap()..one.find("</metadata>").unwrap() + 11];
    for extra in [
        block.to_string(),
        block.replace("id=\"topoform-design\"", "id='topoform-design'"),
    ] {
        let two = one.replacen("</svg>", &format!("{extra}</svg>"), 1);
        let e = design_text_from_svg(&two).unwrap_err();
        assert!(
            e.contains("2 embedded designs") && e.contains("none was opened"),
            "{e}"
        );
        // The file-opening path (CLI and browser) refuses it too.
        let e =
            crate::core::reopen::design_text(two.as_bytes(), &|_, _| Err("no".into())).unwrap_err();
        assert!(e.contains("2 embedded designs"), "{e}");
    }
}

#[test]
fn unescape_reverses_escape() {
    for s in ["", "plain", "a&b<c>\"d\"'e'", "&amp; already", "ünï ©"] {
        assert_eq!(xml_unescape(&xml_escape(s)), s);
    }
}

#[test]
fn drawio_cells_nest_as_the_design_does_with_aws_shapes() {
    for (name, d) in designs() {
        let text = drawio(&d);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let cells: std::collections::HashMap<&str, roxmltree::Node> = doc
            .descendants()
            .filter(|n| n.has_tag_name("mxCell"))
            .filter_map(|n| Some((n.attribute("id")?, n)))
            .collect();
        let l = layout(&d);
        for shape in &l.shapes {
            let id = drawio::cell_id(&shape.id);
            let cell = cells
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{name}: no cell for {}", shape.id));
            let style = cell.attribute("style").unwrap_or_default();
            let aws = !matches!(shape.kind, ShapeKind::Global | ShapeKind::Az);
            assert!(
                !aws || style.contains("mxgraph.aws4."),
                "{name}: {} has no AWS style: {style}",
                shape.id
            );
            // The cell's parent is the shape's container, all the way up.
            let want = shape
                .parent
                .map(|p| drawio::cell_id(&l.shapes[p].id))
                .unwrap_or_else(|| "1".into());
            assert_eq!(
                cell.attribute("parent"),
                Some(want.as_str()),
                "{name}: {}",
                shape.id
            );
        }
        // A subnet sits in an AZ, in a VPC, in a region.
        for region in &d.regions {
            for vpc in &region.vpcs {
                for subnet in &vpc.subnets {
                    let mut chain = Vec::new();
                    let mut at = cells[drawio::cell_id(&subnet.id).as_str()];
                    while let Some(p) = at.attribute("parent").filter(|p| *p != "1") {
                        chain.push(p.to_string());
                        at = cells[p];
                    }
                    assert_eq!(
                        chain,
                        vec![
                            drawio::cell_id(&format!("{}@{}", vpc.id, subnet.az)),
                            drawio::cell_id(&vpc.id),
                            drawio::cell_id(&region.id)
                        ],
                        "{name}: {}",
                        subnet.id
                    );
                }
            }
        }
        // Every edge joins two cells that exist.
        let edges: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("edge") == Some("1"))
            .collect();
        assert!(!edges.is_empty(), "{name}: no edges");
        for e in edges {
            for end in ["source", "target"] {
                let id = e.attribute(end).expect("end");
                assert!(cells.contains_key(id), "{name}: edge to missing {id}");
            }
        }
    }
}

/// The `data-id`s an SVG draws.
fn drawn(text: &str) -> std::collections::BTreeSet<String> {
    let doc = roxmltree::Document::parse(text).expect("xml");
    doc.descendants()
        .filter_map(|n| n.attribute("data-id"))
        .map(str::to_string)
        .collect()
}

/// `viewBox`'s width and height.
fn view_size(text: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(text).expect("xml");
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("viewBox")
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    (vb[2], vb[3])
}

#[test]
fn a_picture_of_a_subnet_shows_it_its_contents_and_its_frames_only() {
    let d = TEMPLATES[0].design().unwrap();
    let region = &d.regions[0];
    let vpc = &region.vpcs[0];
    let subnet = &vpc.subnets[0];
    let text = svg_part(&d, Theme::Light, std::slice::from_ref(&subnet.id)).expect("drawn");
    let ids = drawn(&text);
    let az = format!("{}@{}", vpc.id, subnet.az);
    for want in [&subnet.id, &az, &vpc.id, &region.id] {
        assert!(ids.contains(want), "{want} missing from {ids:?}");
    }
    // Nothing of the other region, nor the VPC's other subnets.
    assert!(!ids.contains(&d.regions[1].id), "{ids:?}");
    for other in vpc.subnets.iter().skip(1) {
        assert!(!ids.contains(&other.id), "{} drawn: {ids:?}", other.id);
    }
    // Cropped to what it shows, and still the whole design inside.
    let (w, h) = view_size(&text);
    let (fw, fh) = view_size(&svg(&d, Theme::Light));
    assert!(w < fw && h <= fh, "{w}x{h} of {fw}x{fh}");
    let back = load(&design_text_from_svg(&text).unwrap()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn a_picked_frame_brings_everything_inside_it_and_links_need_both_ends() {
    for (name, d) in designs() {
        let l = layout(&d);
        let whole = drawn(&svg(&d, Theme::Dark));
        let region = &d.regions[0];
        let text = svg_part(&d, Theme::Dark, std::slice::from_ref(&region.id)).expect("drawn");
        let ids = drawn(&text);
        // Every shape under the region is drawn; no shape of another region.
        for shape in &l.shapes {
            let mut up = Some(l.index_of(&shape.id).unwrap());
            let mut under = false;
            while let Some(i) = up {
                under |= l.shapes[i].id == region.id;
                up = l.shapes[i].parent;
            }
            assert_eq!(ids.contains(&shape.id), under, "{name}: {}", shape.id);
        }
        assert!(ids.len() < whole.len(), "{name}");
        // Every link drawn joins two drawn shapes: count the picture's
        // links against the links whose both ends are in the region.
        let doc = roxmltree::Document::parse(&text).unwrap();
        let paths = doc.descendants().filter(|n| n.has_tag_name("path")).count();
        let inside = crate::core::layout::links(&d)
            .into_iter()
            .filter(|k| k.kind != crate::core::layout::LinkKind::SubnetUse)
            .filter(|k| ids.contains(&k.from) && ids.contains(&k.to))
            .count();
        assert_eq!(paths, inside, "{name}");
    }
}

#[test]
fn a_selection_that_draws_nothing_is_refused_and_drawio_parts_nest() {
    let d = TEMPLATES[0].design().unwrap();
    assert_eq!(svg_part(&d, Theme::Light, &[]), None);
    assert_eq!(svg_part(&d, Theme::Light, &["no-such-id".into()]), None);
    assert_eq!(drawio_part(&d, &["no-such-id".into()]), None);
    let subnet = d.regions[1].vpcs[0].subnets[0].id.clone();
    let text = drawio_part(&d, std::slice::from_ref(&subnet)).expect("drawn");
    let doc = roxmltree::Document::parse(&text).expect("xml");
    let cells: std::collections::BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mxCell"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert!(cells.contains(drawio::cell_id(&subnet).as_str()));
    assert!(!cells.contains(drawio::cell_id(&d.regions[0].id).as_str()));
    // Every cell's parent is a cell of the file.
    for n in doc.descendants().filter(|n| n.has_tag_name("mxCell")) {
        if let Some(p) = n.attribute("parent") {
            assert!(cells.contains(p), "{p} missing");
        }
    }
}

#[test]
fn the_first_paints_preview_is_the_picture_without_the_design() {
    for (name, d) in designs() {
        for theme in [Theme::Light, Theme::Dark] {
            let full = svg(&d, theme);
            let view = preview(&d, theme);
            roxmltree::Document::parse(&view).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                design_text_from_svg(&view).is_err(),
                "{name}: carries the design"
            );
            // The same drawing: every line after the metadata is identical.
            let after = |t: &str| {
                t.lines()
                    .skip_while(|l| !l.starts_with("<style>"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(after(&full), after(&view), "{name} {theme:?}");
            assert!(!after(&view).is_empty());
        }
    }
}

/// Every link's curve lies inside the picture: a replication line between
/// two regions one above the other bends out past both (active-active's
/// DynamoDB table ran 144 units off the picture's left edge).
#[test]
fn every_link_is_inside_the_picture() {
    for (name, d) in designs() {
        let text = svg(&d, Theme::Light);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let vb: Vec<f64> = doc
            .root_element()
            .attribute("viewBox")
            .unwrap_or_default()
            .split(' ')
            .filter_map(|v| v.parse().ok())
            .collect();
        let [x, y, w, h] = vb[..] else {
            panic!("{name}: viewBox {vb:?}");
        };
        for path in doc.descendants().filter(|n| n.has_tag_name("path")) {
            // "Mx,y Qx,y x,y": a quadratic curve lies inside the hull of
            // its three points, and touches its ends; its extreme lies
            // halfway to the control point at most.
            let nums: Vec<f64> = path
                .attribute("d")
                .unwrap_or_default()
                .split(|c: char| c == ',' || c == ' ' || c.is_ascii_alphabetic())
                .filter_map(|v| v.parse().ok())
                .collect();
            let [sx, sy, cx, cy, ex, ey] = nums[..] else {
                continue;
            };
            for t in (0..=32).map(|k| k as f64 / 32.0) {
                let u = 1.0 - t;
                let px = u * u * sx + 2.0 * u * t * cx + t * t * ex;
                let py = u * u * sy + 2.0 * u * t * cy + t * t * ey;
                assert!(
                    px >= x - 0.5 && px <= x + w + 0.5 && py >= y - 0.5 && py <= y + h + 0.5,
                    "{name}: a {} link runs off the picture at ({px:.0}, {py:.0}), viewBox {vb:?}",
                    path.attribute("data-kind").unwrap_or("?")
                );
            }
        }
    }
}
