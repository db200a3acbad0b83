//! Canvas positions: presentation only, never read by validation or export.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where each object sits on the canvas, by object id.
pub type Canvas = BTreeMap<String, Rect>;

/// A rectangle in canvas units (CSS pixels at zoom 1).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    /// Left edge.
    #[serde(serialize_with = "finite")]
    pub x: f64,
    /// Top edge.
    #[serde(serialize_with = "finite")]
    pub y: f64,
    /// Width.
    #[serde(serialize_with = "finite")]
    pub w: f64,
    /// Height.
    #[serde(serialize_with = "finite")]
    pub h: f64,
}

/// Writes a coordinate, replacing NaN and infinities by 0 so that a saved
/// file always loads again (JSON has no NaN; serde_json would write null).
fn finite<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(if v.is_finite() { *v } else { 0.0 })
}
