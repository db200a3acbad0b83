//! The canvas as a self-contained SVG: no external fonts, styles or images,
//! so it renders the same in a browser, a wiki and a pull request. The
//! design rides along in `<metadata id="topoform-design">`, so opening the
//! picture in Topoform (or `topoform open picture.svg`) restores it.

use super::part::shows;
use super::xml_escape;
use crate::core::layout::{
    label, layout, link_geometry, links, note_box, note_spots, Layout, LinkGeom, LinkKind, Point,
    Rect, RectExt, Shape, ShapeKind, NOTE_RISE,
};
use crate::core::model::{save, Design, Index, NodeKind, Tier};
use std::fmt::Write as _;

/// The element id of the embedded design.
pub const DESIGN_METADATA_ID: &str = "topoform-design";

/// The picture's colours: the app's light or dark theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark ink on a light page.
    #[default]
    Light,
    /// Light ink on a dark page.
    Dark,
}

impl Theme {
    /// `light` or `dark`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme's colours, the same values as `style/tokens.css`.
    fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                bg: "#fbfcfd",
                ink: "#16191f",
                muted: "#545b64",
                region: "#f2fbfb",
                vpc: "#ffffff",
                global: "#f7f2ff",
                public: "#eef6e3",
                private: "#e3f5f5",
                data: "#f8e8f9",
                node: "#ffffff",
                node_edge: "#aab7b8",
            },
            Theme::Dark => Palette {
                bg: "#12171d",
                ink: "#e9ecef",
                muted: "#a3acb6",
                region: "#14252a",
                vpc: "#1a2029",
                global: "#211a33",
                public: "#24321a",
                private: "#163235",
                data: "#351a38",
                node: "#222a35",
                node_edge: "#4b5663",
            },
        }
    }
}

struct Palette {
    bg: &'static str,
    ink: &'static str,
    muted: &'static str,
    region: &'static str,
    vpc: &'static str,
    global: &'static str,
    public: &'static str,
    private: &'static str,
    data: &'static str,
    node: &'static str,
    node_edge: &'static str,
}

/// Margin around the drawing, in canvas units.
const MARGIN: f64 = 24.0;

/// The design drawn as the canvas lays it out, with the design embedded.
pub fn svg(design: &Design, theme: Theme) -> String {
    draw(design, &layout(design), theme, None, true)
}

/// The same drawing without the design embedded: what the page's first
/// paint shows while the editor loads (`platform::viewer`), so the viewer
/// links no design writer.
pub fn preview(design: &Design, theme: Theme) -> String {
    draw(design, &layout(design), theme, None, false)
}

/// Part of the design (the objects `ids`, what they contain and their
/// frames; see [`super::part`]), with the whole design embedded, so the
/// picture still opens as the design. `None` when no id is drawn.
pub fn svg_part(design: &Design, theme: Theme, ids: &[String]) -> Option<String> {
    let l = layout(design);
    let keep = super::part::keep(&l, ids)?;
    Some(draw(design, &l, theme, Some(&keep), true))
}

fn draw(design: &Design, l: &Layout, theme: Theme, keep: Option<&[bool]>, embed: bool) -> String {
    let index = Index::new(design);
    let p = theme.palette();
    let links = place_links(design, l, keep);
    let b = picture_bounds(super::part::bounds(l, keep), &links);
    let (x0, y0) = (b.x - MARGIN, b.y - MARGIN);
    let (w, h) = (b.w + 2.0 * MARGIN, b.h + 2.0 * MARGIN);
    let mut s = String::with_capacity(4096 + l.shapes.len() * 400);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0} {y0:.0} {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="topoform-title topoform-desc">"#
    );
    let _ = write!(
        s,
        "\n<title id=\"topoform-title\">{}</title>\n<desc id=\"topoform-desc\">{}</desc>\n",
        xml_escape(&design.name),
        xml_escape(&summary(design, embed)),
    );
    if embed {
        let _ = writeln!(
            s,
            "<metadata id=\"{DESIGN_METADATA_ID}\">{}</metadata>",
            xml_escape(&save(design))
        );
    }
    let _ = writeln!(
        s,
        "<style>text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;fill:{ink}}}.m{{fill:{muted}}}.t{{font-size:13px;font-weight:600}}.d{{font-size:11px}}.n{{font-size:11px;paint-order:stroke;stroke:{bg};stroke-width:4px}}.i{{font-size:9px;font-weight:700;fill:#fff}}</style>",
        ink = p.ink,
        muted = p.muted,
        bg = p.bg,
    );
    let _ = writeln!(
        s,
        r#"<rect x="{x0:.0}" y="{y0:.0}" width="{w:.0}" height="{h:.0}" fill="{}"/>"#,
        p.bg
    );
    // Frames under the links, the objects above them, as on the canvas.
    let shown = |i: usize| keep.is_none_or(|k| k.get(i).copied().unwrap_or(false));
    let shapes = || l.shapes.iter().enumerate().filter(|(i, _)| shown(*i));
    for (_, shape) in shapes().filter(|(_, sh)| is_frame(sh.kind)) {
        frame(&mut s, shape, design, &index, &p);
    }
    draw_links(&mut s, &links);
    for (_, shape) in shapes().filter(|(_, sh)| !is_frame(sh.kind)) {
        object(&mut s, shape, design, &index, &p);
    }
    s.push_str("</svg>\n");
    s
}

/// The design JSON an SVG of [`svg`] carries, or why there is none. The
/// caller loads it with the strict loader, like any other design text.
pub fn design_text_from_svg(text: &str) -> Result<String, String> {
    let open = format!("<metadata id=\"{DESIGN_METADATA_ID}\">");
    let start = text.find(&open).ok_or(
        "this SVG holds no Topoform design (it was not drawn by Topoform, or was edited since)",
    )? + open.len();
    let len = text[start..]
        .find("</metadata>")
        .ok_or("the SVG's design is cut short (no closing </metadata>)")?;
    // Topoform writes one design, and escapes quotes inside it: a second
    // design block (either quoting) means the file was put together
    // elsewhere, and which one is meant is unclear, as in a zip with two.
    let blocks = [
        format!("id=\"{DESIGN_METADATA_ID}\""),
        format!("id='{DESIGN_METADATA_ID}'"),
    ]
    .iter()
    .map(|id| text.matches(id.as_str()).count())
    .sum::<usize>();
    if blocks > 1 {
        return Err(format!(
            "the SVG holds {blocks} embedded designs (<metadata id=\"{DESIGN_METADATA_ID}\">); which to open is unclear, so none was opened"
        ));
    }
    Ok(super::xml_unescape(&text[start..start + len]))
}

fn summary(design: &Design, embed: bool) -> String {
    let regions: Vec<&str> = design.regions.iter().map(|r| r.code.as_str()).collect();
    format!(
        "Topoform design \"{}\": {} region{} ({}). Drawn by Topoform{}",
        design.name,
        regions.len(),
        if regions.len() == 1 { "" } else { "s" },
        regions.join(", "),
        if embed {
            "; the design is embedded and opens again in Topoform."
        } else {
            "."
        }
    )
}

fn is_frame(kind: ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Global | ShapeKind::Region | ShapeKind::Vpc | ShapeKind::Az
    )
}

/// Characters of 13 px text that fit in `w` canvas units.
fn room(w: f64) -> usize {
    ((w - 24.0) / 7.2).max(4.0) as usize
}

fn frame(s: &mut String, shape: &Shape, design: &Design, index: &Index, p: &Palette) {
    let r = shape.rect;
    let (fill, stroke, dash, width) = match shape.kind {
        ShapeKind::Global => (p.global, "#8c4fff", "6 4", 1.5),
        ShapeKind::Region => (p.region, "#00a4a6", "8 4", 2.0),
        ShapeKind::Vpc => (p.vpc, "#8c4fff", "", 2.0),
        _ => ("none", "#00a4a6", "4 3", 1.2),
    };
    let _ = write!(
        s,
        r#"<g data-id="{}" data-kind="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}""#,
        xml_escape(&shape.id),
        shape.kind.as_str(),
        r.x,
        r.y,
        r.w,
        r.h
    );
    if !dash.is_empty() {
        let _ = write!(s, r#" stroke-dasharray="{dash}""#);
    }
    s.push_str("/>");
    let lab = label(shape, design, index);
    let small = shape.kind == ShapeKind::Az;
    // The title band is as tall as the canvas's: a region's holds two
    // lines, the others one (the detail then follows the title).
    let two_lines = crate::core::layout::header_height(shape.kind) >= 50.0;
    let title = crate::core::layout::fit(&lab.title, room(r.w));
    let _ = write!(
        s,
        r#"<text class="{}" x="{:.1}" y="{:.1}">{}"#,
        if small { "d m" } else { "t" },
        r.x + 10.0,
        r.y + if small { 14.0 } else { 20.0 },
        xml_escape(&title)
    );
    if !small && !two_lines && !lab.detail.is_empty() {
        let left = room(r.w).saturating_sub(title.chars().count() + 2);
        if left > 6 {
            let _ = write!(
                s,
                r#"<tspan class="d m" dx="8">{}</tspan>"#,
                xml_escape(&crate::core::layout::fit(&lab.detail, left))
            );
        }
    }
    s.push_str("</text>");
    if two_lines && !lab.detail.is_empty() {
        let _ = write!(
            s,
            r#"<text class="d m" x="{:.1}" y="{:.1}">{}</text>"#,
            r.x + 10.0,
            r.y + 38.0,
            xml_escape(&crate::core::layout::fit(&lab.detail, room(r.w) + 2))
        );
    }
    s.push_str("</g>\n");
}

/// A subnet, workload, service, record or accelerator.
fn object(s: &mut String, shape: &Shape, design: &Design, index: &Index, p: &Palette) {
    let r = shape.rect;
    let lab = label(shape, design, index);
    let (fill, stroke) = match shape.kind {
        ShapeKind::Subnet(Tier::Public) => (p.public, "#7aa116"),
        ShapeKind::Subnet(Tier::Private) => (p.private, "#00a4a6"),
        ShapeKind::Subnet(Tier::Data) => (p.data, "#c925d1"),
        _ => (p.node, p.node_edge),
    };
    let _ = write!(
        s,
        r#"<g data-id="{}" data-kind="{}"><title>{}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.3"/>"#,
        xml_escape(&shape.id),
        shape.kind.as_str(),
        xml_escape(&lab.full(shape.kind)),
        r.x,
        r.y,
        r.w,
        r.h
    );
    let mut tx = r.x + 8.0;
    if let Some((colour, abbr)) = icon(shape.kind) {
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="30" height="30" rx="4" fill="{colour}"/><text class="i" x="{:.1}" y="{:.1}" text-anchor="middle">{abbr}</text>"#,
            r.x + 8.0,
            r.y + (r.h - 30.0) / 2.0,
            r.x + 23.0,
            r.y + r.h / 2.0 + 3.0
        );
        tx += 38.0;
    }
    let chars = room(r.w - (tx - r.x) + 8.0);
    let _ = write!(
        s,
        r#"<text class="t" x="{tx:.1}" y="{:.1}">{}</text>"#,
        r.y + 19.0,
        xml_escape(&crate::core::layout::fit(&lab.title, chars))
    );
    if !lab.detail.is_empty() {
        let _ = write!(
            s,
            r#"<text class="d m" x="{tx:.1}" y="{:.1}">{}</text>"#,
            r.y + 35.0,
            xml_escape(&crate::core::layout::fit(&lab.detail, chars + 2))
        );
    }
    s.push_str("</g>\n");
}

/// The AWS category colour and a short name for an object's icon tile.
fn icon(kind: ShapeKind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        ShapeKind::Node(NodeKind::Alb) => ("#8c4fff", "ALB"),
        ShapeKind::Node(NodeKind::Asg) => ("#ed7100", "ASG"),
        ShapeKind::Node(NodeKind::Ecs) => ("#ed7100", "ECS"),
        ShapeKind::Node(NodeKind::Rds) => ("#c925d1", "RDS"),
        ShapeKind::Node(NodeKind::Aurora) => ("#c925d1", "AUR"),
        ShapeKind::Node(NodeKind::Elasticache) => ("#c925d1", "EC"),
        ShapeKind::Node(NodeKind::Dynamodb) => ("#c925d1", "DDB"),
        ShapeKind::Node(NodeKind::S3) => ("#7aa116", "S3"),
        ShapeKind::Record => ("#8c4fff", "R53"),
        ShapeKind::Accelerator => ("#8c4fff", "GA"),
        _ => return None,
    })
}

/// A link kind's colour, dashes and width (as `style/canvas.css`).
pub(super) fn link_style(kind: LinkKind) -> (&'static str, &'static str, f64) {
    match kind {
        LinkKind::Dns => ("#8c4fff", "2 4", 2.2),
        LinkKind::Accelerator => ("#dd344c", "8 4", 2.2),
        LinkKind::Peering => ("#00a4a6", "", 3.0),
        LinkKind::RdsReplica => ("#c925d1", "10 4 2 4", 2.2),
        LinkKind::AuroraGlobal => ("#3b48cc", "12 5", 3.0),
        LinkKind::S3Replication => ("#7aa116", "6 3", 2.2),
        LinkKind::DynamoReplica => ("#ed7100", "4 3", 2.2),
        LinkKind::AsgTarget => ("#d45b07", "", 1.6),
        LinkKind::SubnetUse => ("#545b64", "3 3", 1.0),
    }
}

/// The links a picture draws, placed, and where each note goes.
type Placed = (Vec<LinkGeom>, Vec<Option<Point>>);

fn place_links(design: &Design, l: &Layout, keep: Option<&[bool]>) -> Placed {
    // Which subnets a workload uses is shown on the canvas only on
    // selection; in a picture it would be noise.
    let all: Vec<_> = links(design)
        .into_iter()
        .filter(|k| k.kind != LinkKind::SubnetUse)
        .filter(|k| keep.is_none() || (shows(l, keep, &k.from) && shows(l, keep, &k.to)))
        .map(std::sync::Arc::new)
        .collect();
    let placed = link_geometry(l, &all);
    let spots = note_spots(&l.shapes, &placed);
    (placed, spots)
}

/// The area the picture shows: its shapes (`shapes`), and the links and
/// their notes, whose curves may bend past every shape (a replication line
/// between two regions' bottom rows bends below them).
fn picture_bounds(shapes: Rect, (placed, spots): &Placed) -> Rect {
    placed.iter().zip(spots).fold(shapes, |b, (g, spot)| {
        let b = b.union(&g.bounds());
        match (&g.link.note, spot) {
            (Some(text), Some(p)) => b.union(&note_box(*p, text)),
            _ => b,
        }
    })
}

fn draw_links(s: &mut String, (placed, spots): &Placed) {
    for (g, spot) in placed.iter().zip(spots) {
        let (colour, dash, width) = link_style(g.link.kind);
        let _ = write!(
            s,
            r#"<path data-kind="{}" d="{}" fill="none" stroke="{colour}" stroke-width="{width}""#,
            g.link.kind.as_str(),
            g.path()
        );
        if !dash.is_empty() {
            let _ = write!(s, r#" stroke-dasharray="{dash}""#);
        }
        let _ = write!(
            s,
            "><title>{}</title></path>",
            xml_escape(g.link.kind.label())
        );
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"/>"#,
            g.end.x, g.end.y
        );
        if let (Some(note), Some(m)) = (&g.link.note, *spot) {
            let _ = write!(
                s,
                r#"<text class="n m" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                m.x,
                m.y - NOTE_RISE,
                xml_escape(note)
            );
        }
        s.push('\n');
    }
}
