//! The picture jobs: an SVG (light or dark) or a draw.io file of the whole
//! design or of the selection, drawn in the worker (so `core::render` stays
//! out of the editor's first paint). The page turns an SVG into a PNG itself.

use super::{Outcome, Output};
use crate::core::model::Design;
use crate::core::render::{drawio, drawio_part, svg, svg_part, Theme};
use serde::{Deserialize, Serialize};

/// Which file a picture job makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// An SVG with the design embedded (also what a PNG is drawn from).
    Svg,
    /// A draw.io diagram with AWS shapes.
    Drawio,
}

/// A picture to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// SVG or draw.io.
    pub format: Format,
    /// The app's dark theme instead of the light one (SVG only).
    #[serde(default)]
    pub dark: bool,
    /// The ids of the objects to draw (with what they hold and their
    /// frames); empty: the whole design.
    #[serde(default)]
    pub only: Vec<String>,
}

/// Draws `picture` of `design`: [`Outcome::Picture`], or why not.
pub fn draw(design: &Design, picture: &Picture) -> Output {
    let theme = if picture.dark {
        Theme::Dark
    } else {
        Theme::Light
    };
    let whole = picture.only.is_empty();
    let text = match (picture.format, whole) {
        (Format::Svg, true) => Some(svg(design, theme)),
        (Format::Svg, false) => svg_part(design, theme, &picture.only),
        (Format::Drawio, true) => Some(drawio(design)),
        (Format::Drawio, false) => drawio_part(design, &picture.only),
    };
    let Some(text) = text else {
        return Output {
            outcome: Outcome::Unsupported(
                "None of the selected objects is on the canvas any more: select them again, or picture the whole design.".into(),
            ),
            zip: None,
        };
    };
    let (ext, mime) = match picture.format {
        Format::Svg => ("svg", "image/svg+xml"),
        Format::Drawio => ("drawio", "application/vnd.jgraph.mxfile"),
    };
    let part = if whole { "" } else { "-selection" };
    let theme = match (picture.format, picture.dark) {
        (Format::Svg, true) => "-dark",
        _ => "",
    };
    Output {
        outcome: Outcome::Picture {
            file_name: format!("{}-{}{part}{theme}.{ext}", design.name, design.environment),
            mime: mime.into(),
            text,
        },
        zip: None,
    }
}
