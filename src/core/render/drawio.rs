//! The canvas as a draw.io diagram (`.drawio`): regions, VPCs, AZs and
//! subnets as nested AWS groups (draw.io's `mxgraph.aws4` library), services
//! as AWS resource icons, links as labelled edges, all where the canvas puts
//! them. draw.io stores a child's geometry relative to its parent, so every
//! shape is placed against its container.

use super::part::shows;
use super::svg::link_style;
use super::xml_escape;
use crate::core::layout::{label, layout, links, Layout, LinkKind, Shape, ShapeKind};
use crate::core::model::{Design, Index, NodeKind, Tier};
use std::fmt::Write as _;

/// The prefix of every cell id made from a design id, so no design id can
/// clash with draw.io's own root cells `0` and `1`.
pub const CELL_PREFIX: &str = "tf-";

/// Where the drawing starts on draw.io's page.
const ORIGIN: f64 = 20.0;

/// The common part of an AWS group's style.
const GROUP: &str = "points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],[0.75,1],[0.5,1],[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];outlineConnect=0;gradientColor=none;whiteSpace=wrap;fontSize=12;container=1;pointerEvents=0;collapsible=0;recursiveResize=0;shape=mxgraph.aws4.group;verticalAlign=top;align=left;spacingLeft=30;";

/// The common part of an AWS resource icon's style, label on its right.
const ICON: &str = "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=#ffffff;dashed=0;labelPosition=right;verticalLabelPosition=middle;align=left;verticalAlign=middle;spacingLeft=6;whiteSpace=nowrap;fontSize=11;aspect=fixed;shape=mxgraph.aws4.resourceIcon;";

/// The icon's side: the canvas row's height, less a margin.
const ICON_SIDE: f64 = 40.0;

/// The design as a draw.io file.
pub fn drawio(design: &Design) -> String {
    draw(design, &layout(design), None)
}

/// Part of the design as a draw.io file: the objects `ids`, what they
/// contain and their frames (see [`super::part`]). `None` when no id is drawn.
pub fn drawio_part(design: &Design, ids: &[String]) -> Option<String> {
    let l = layout(design);
    let keep = super::part::keep(&l, ids)?;
    Some(draw(design, &l, Some(&keep)))
}

fn draw(design: &Design, l: &Layout, keep: Option<&[bool]>) -> String {
    let index = Index::new(design);
    let b = super::part::bounds(l, keep);
    let (dx, dy) = (ORIGIN - b.x, ORIGIN - b.y);
    let mut s = String::with_capacity(2048 + l.shapes.len() * 700);
    let _ = write!(
        s,
        "<mxfile host=\"Topoform\" type=\"device\">\n<diagram id=\"topoform\" name=\"{}\">\n<mxGraphModel dx=\"{:.0}\" dy=\"{:.0}\" grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" math=\"0\" shadow=\"0\">\n<root>\n<mxCell id=\"0\"/>\n<mxCell id=\"1\" parent=\"0\"/>\n",
        attr(&design.name),
        b.w + 2.0 * ORIGIN,
        b.h + 2.0 * ORIGIN,
    );
    // A kept shape's containers are kept too, so every parent cell exists.
    for shape in l
        .shapes
        .iter()
        .enumerate()
        .filter(|(i, _)| keep.is_none_or(|k| k.get(*i).copied().unwrap_or(false)))
        .map(|(_, s)| s)
    {
        let parent = shape.parent.map(|i| &l.shapes[i]);
        let (px, py, parent_id) = match parent {
            Some(p) => (p.rect.x, p.rect.y, cell_id(&p.id)),
            None => (-dx, -dy, "1".to_string()),
        };
        let lab = label(shape, design, &index);
        let value = if lab.detail.is_empty() {
            lab.title.clone()
        } else {
            format!("{}\n{}", lab.title, lab.detail)
        };
        let r = shape.rect;
        let (x, y, w, h, style) = match style(shape) {
            Style::Group(st) => (r.x - px, r.y - py, r.w, r.h, st),
            Style::Icon(st) => (
                r.x - px + 4.0,
                r.y - py + (r.h - ICON_SIDE) / 2.0,
                ICON_SIDE,
                ICON_SIDE,
                st,
            ),
        };
        let _ = writeln!(
            s,
            "<mxCell id=\"{}\" value=\"{}\" style=\"{}\" vertex=\"1\" parent=\"{}\"><mxGeometry x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" as=\"geometry\"/></mxCell>",
            attr(&cell_id(&shape.id)),
            attr(&value),
            attr(&style),
            attr(&parent_id),
        );
    }
    for (i, link) in links(design)
        .into_iter()
        .filter(|k| k.kind != LinkKind::SubnetUse)
        .filter(|k| shows(l, keep, &k.from) && shows(l, keep, &k.to))
        .enumerate()
    {
        let (colour, dash, width) = link_style(link.kind);
        let mut st = format!(
            "edgeStyle=none;curved=1;html=1;endArrow=block;endFill=1;strokeColor={colour};strokeWidth={width};fontSize=10;labelBackgroundColor=#ffffff;"
        );
        if !dash.is_empty() {
            let _ = write!(st, "dashed=1;dashPattern={dash};");
        }
        let value = link.note.clone().unwrap_or_default();
        let _ = writeln!(
            s,
            "<mxCell id=\"edge-{i}\" value=\"{}\" style=\"{}\" edge=\"1\" parent=\"1\" source=\"{}\" target=\"{}\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>",
            attr(&value),
            attr(&st),
            attr(&cell_id(&link.from)),
            attr(&cell_id(&link.to)),
        );
    }
    s.push_str("</root>\n</mxGraphModel>\n</diagram>\n</mxfile>\n");
    s
}

/// The cell id of the shape with this design (or layout) id.
pub fn cell_id(id: &str) -> String {
    format!("{CELL_PREFIX}{id}")
}

/// `s` as an attribute value: escaped, with line breaks kept (a parser
/// would turn a literal newline in an attribute into a space).
fn attr(s: &str) -> String {
    xml_escape(s).replace('\n', "&#xa;")
}

enum Style {
    /// A container, at the shape's full size.
    Group(String),
    /// An icon at the shape's left, its label beside it.
    Icon(String),
}

/// The draw.io style of a shape: AWS's group for containers, its resource
/// icon (in the service category's colour) for everything else.
fn style(shape: &Shape) -> Style {
    let group = |icon: &str, stroke: &str, fill: &str, font: &str, dashed: bool| {
        Style::Group(format!(
            "{GROUP}grIcon=mxgraph.aws4.{icon};strokeColor={stroke};fillColor={fill};fontColor={font};dashed={};fontStyle=1;",
            u8::from(dashed)
        ))
    };
    let icon = |res: &str, fill: &str| {
        Style::Icon(format!(
            "{ICON}resIcon=mxgraph.aws4.{res};fillColor={fill};"
        ))
    };
    match shape.kind {
        ShapeKind::Global => Style::Group(
            "rounded=1;arcSize=2;whiteSpace=wrap;container=1;collapsible=0;dashed=1;strokeColor=#8C4FFF;fillColor=#F7F2FF;fontColor=#232F3E;verticalAlign=top;align=left;spacingLeft=10;fontStyle=1;".into(),
        ),
        ShapeKind::Region => group("group_region", "#00A4A6", "none", "#147EBA", true),
        ShapeKind::Vpc => group("group_vpc2", "#8C4FFF", "none", "#8C4FFF", false),
        ShapeKind::Az => Style::Group(
            "whiteSpace=wrap;container=1;collapsible=0;fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;align=center;fontColor=#147EBA;fontSize=11;".into(),
        ),
        ShapeKind::Subnet(Tier::Public) => {
            group("group_security_group;grStroke=0", "#7AA116", "#F2F6E8", "#248814", false)
        }
        ShapeKind::Subnet(Tier::Private) => {
            group("group_security_group;grStroke=0", "#00A4A6", "#E6F6F7", "#147EBA", false)
        }
        ShapeKind::Subnet(Tier::Data) => {
            group("group_security_group;grStroke=0", "#C925D1", "#F8E8F9", "#8A1A8F", false)
        }
        ShapeKind::Node(k) => match k {
            NodeKind::Alb => icon("elastic_load_balancing", "#8C4FFF"),
            NodeKind::Asg => icon("ec2", "#ED7100"),
            NodeKind::Ecs => icon("ecs", "#ED7100"),
            NodeKind::Rds => icon("rds", "#C925D1"),
            NodeKind::Aurora => icon("aurora", "#C925D1"),
            NodeKind::Elasticache => icon("elasticache", "#C925D1"),
            NodeKind::Dynamodb => icon("dynamodb", "#C925D1"),
            NodeKind::S3 => icon("s3", "#7AA116"),
        },
        ShapeKind::Record => icon("route_53", "#8C4FFF"),
        ShapeKind::Accelerator => icon("global_accelerator", "#8C4FFF"),
    }
}
