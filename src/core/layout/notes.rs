//! Where a link's note is written: on its curve, where the text covers no
//! frame's title, no labelled box and no other note. At the middle of the
//! curve, as notes were, the notes of one record's lines to targets that lie
//! close together (four weighted targets in two rows of regions) wrote over
//! each other, and a note on a line entering a region wrote over the
//! region's border and name.

use super::{header_height, LinkGeom, Point, Rect, RectExt, Shape};

/// Where along a curve a note may go, nearest the middle first.
const ALONG: [f64; 13] = [
    0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8,
];

/// How far beside the middle of its curve, in steps of 6 units either
/// way, a note may go when no point along the curve has room.
const BESIDE: usize = 10;

/// How far above its point on the curve a link note's baseline is.
pub const NOTE_RISE: f64 = 6.0;

/// The box a link note's text covers when its point on the curve is `p`
/// (drawn centred, [`NOTE_RISE`] above it, at 11 px: about 6 units a
/// character, with its halo).
pub fn note_box(p: Point, text: &str) -> Rect {
    let w = text.chars().count() as f64 * 6.0 + 8.0;
    Rect {
        x: p.x - w / 2.0,
        y: p.y - NOTE_RISE - 12.0,
        w,
        h: 16.0,
    }
}

/// What a note's box `b` covers that it should not: the area it shares
/// with frames' title bands and labelled boxes of `shapes`.
fn covered(shapes: &[&Shape], b: &Rect) -> f64 {
    shapes
        .iter()
        .map(|s| {
            let band = header_height(s.kind);
            let r = if band > 0.0 {
                Rect { h: band, ..s.rect }
            } else {
                s.rect
            };
            shared_area(&r, b)
        })
        .sum()
}

/// The area two rectangles share.
fn shared_area(a: &Rect, b: &Rect) -> f64 {
    let w = a.right().min(b.right()) - a.x.max(b.x);
    let h = a.bottom().min(b.bottom()) - a.y.max(b.y);
    if w > 0.0 && h > 0.0 {
        w * h
    } else {
        0.0
    }
}

/// The point of `g`'s curve nearest its middle whose box (`boxed`) covers
/// no frame's title band, no labelled box of `shapes` and nothing `taken`.
pub fn clear_spot(
    g: &LinkGeom,
    shapes: &[&Shape],
    taken: &[Rect],
    boxed: impl Fn(Point) -> Rect,
) -> Option<Point> {
    ALONG.into_iter().map(|t| g.at(t)).find(|p| {
        let b = boxed(*p);
        !taken.iter().any(|t| t.overlaps(&b)) && covered(shapes, &b) == 0.0
    })
}

/// Where each link of `geoms` that has a note writes it (its point on the
/// curve; the text goes [`NOTE_RISE`] above), in order: of the points
/// along the curve, the one whose text covers least of the notes already
/// placed, then least of the titles and labelled boxes, then lies nearest
/// the middle (where nothing is in the way, the one [`clear_spot`] finds).
/// When every point along it covers something (a line across the narrow
/// gap between a record and the accelerator beside it), the nearest clear
/// point beside the curve's middle ([`BESIDE`]), if any. Links without a
/// note get `None`. Every note is written: it alone says what a record set
/// does (its weight, its health check).
pub fn note_spots<'s, 'g>(
    shapes: impl IntoIterator<Item = &'s Shape>,
    geoms: impl IntoIterator<Item = &'g LinkGeom>,
) -> Vec<Option<Point>> {
    let geoms: Vec<&LinkGeom> = geoms.into_iter().collect();
    let mut taken: Vec<Rect> = Vec::new();
    // Only shapes near some note matter: a design of thousands of shapes
    // has a handful of notes, all between the global band and the regions.
    let near: Option<Rect> = geoms
        .iter()
        .filter(|g| g.link.note.is_some())
        .map(|g| {
            let b = g.bounds();
            Rect {
                x: b.x - 200.0,
                y: b.y - 40.0,
                w: b.w + 400.0,
                h: b.h + 80.0,
            }
        })
        .reduce(|a, b| a.union(&b));
    let Some(near) = near else {
        return vec![None; geoms.len()];
    };
    let shapes: Vec<&Shape> = shapes
        .into_iter()
        .filter(|s| s.rect.overlaps(&near))
        .collect();
    geoms
        .iter()
        .map(|g| {
            let text = g.link.note.as_deref()?;
            let mut best: Option<(f64, f64, Point)> = None;
            for p in ALONG.into_iter().map(|t| g.at(t)) {
                let b = note_box(p, text);
                let on_notes: f64 = taken.iter().map(|t| shared_area(t, &b)).sum();
                let on_shapes = covered(&shapes, &b);
                if best.is_none_or(|(n, s, _)| (on_notes, on_shapes) < (n, s)) {
                    best = Some((on_notes, on_shapes, p));
                }
                if on_notes == 0.0 && on_shapes == 0.0 {
                    break;
                }
            }
            let clear = |p: &Point| {
                let b = note_box(*p, text);
                !taken.iter().any(|t| t.overlaps(&b)) && covered(&shapes, &b) == 0.0
            };
            let beside = || {
                let (dx, dy) = (g.end.x - g.start.x, g.end.y - g.start.y);
                let len = (dx * dx + dy * dy).sqrt();
                let n = if len >= 1.0 {
                    Point {
                        x: -dy / len,
                        y: dx / len,
                    }
                } else {
                    Point { x: 0.0, y: 1.0 }
                };
                let m = g.midpoint();
                (1..=BESIDE)
                    .flat_map(|k| [k as f64, -(k as f64)])
                    .map(|k| Point {
                        x: m.x + n.x * k * 6.0,
                        y: m.y + n.y * k * 6.0,
                    })
                    .find(|p| clear(p))
            };
            let p = match best {
                Some((n, s, p)) if n == 0.0 && s == 0.0 => p,
                _ => beside()
                    .or(best.map(|(_, _, p)| p))
                    .unwrap_or_else(|| g.midpoint()),
            };
            taken.push(note_box(p, text));
            Some(p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::layout::route::tests::designs;
    use crate::core::layout::{layout, link_geometry, links};

    #[test]
    fn link_notes_never_overlap_nor_cover_titles_or_boxes() {
        // At the middle of their curves, the notes of a record's four
        // weighted targets in two rows of regions wrote over each other
        // (outside design g05), and notes sat on region titles.
        let mut out = Vec::new();
        let mut notes = 0;
        for (name, d) in designs() {
            let l = layout(&d);
            let placed = link_geometry(&l, &links(&d));
            let spots = note_spots(&l.shapes, &placed);
            let all: Vec<&Shape> = l.shapes.iter().collect();
            let mut boxes: Vec<(String, Rect)> = Vec::new();
            for (g, spot) in placed.iter().zip(spots) {
                let (Some(text), Some(p)) = (g.link.note.as_deref(), spot) else {
                    assert!(
                        g.link.note.is_none(),
                        "{name} {}: a note without a place",
                        g.link.id()
                    );
                    continue;
                };
                notes += 1;
                let b = note_box(p, text);
                // The note of a line across the narrow gap between two
                // boxes (a record and the accelerator beside it) covered
                // both (outside design g14): it goes beside the line.
                if covered(&all, &b) > 0.0 {
                    out.push(format!(
                        "{name} {}: \"{text}\" covers a title or box",
                        g.link.id()
                    ));
                }
                for (other, o) in &boxes {
                    if o.overlaps(&b) {
                        out.push(format!(
                            "{name} {}: \"{text}\" over the note of {other}",
                            g.link.id()
                        ));
                    }
                }
                boxes.push((g.link.id(), b));
            }
        }
        assert!(notes > 40, "{notes} notes");
        assert!(out.is_empty(), "{}", out.join("\n"));
    }
}
