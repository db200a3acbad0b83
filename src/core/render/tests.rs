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
