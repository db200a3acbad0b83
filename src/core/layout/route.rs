//! Routing a link: the curve between two shapes that crosses the least
//! it should not. Labelled boxes (subnets, workloads) cost most, the title
//! band of a frame holding neither end (where region and VPC names are
//! written) almost as much, and the body of such a frame enough that a
//! line goes around a whole region when it can rather than through it. Candidates are quadratic curves bent to either
//! side in steps; a grid keeps the search fast on large designs.

use super::{Layout, Point, Rect, RectExt, ShapeKind};

/// The indices of the shape with this id and of all its containers.
pub(super) fn with_ancestors(layout: &Layout, id: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut next = layout.index_of(id);
    while let Some(i) = next {
        if out.contains(&i) {
            break; // a cycle cannot come out of `layout`, but never loop
        }
        out.push(i);
        next = layout.shapes.get(i).and_then(|s| s.parent);
    }
    out
}

/// How much a line passing over a shape hurts legibility: boxes with text
/// (subnets, nodes) most, since links are drawn beneath them and vanish.
fn obstacle_weight(kind: ShapeKind) -> f64 {
    match kind {
        ShapeKind::Subnet(_) | ShapeKind::Node(_) | ShapeKind::Record | ShapeKind::Accelerator => {
            3.0
        }
        // Crossing the empty inside of a frame costs little: the line stays
        // visible there, and a detour is often harder to follow.
        ShapeKind::Vpc | ShapeKind::Az | ShapeKind::Global => 0.3,
        // Through a whole region a line runs some twenty samples: a detour
        // around it is worth a bend of a few hundred units.
        ShapeKind::Region => 0.3,
    }
}

/// The cost of a sample in a frame's title band (see [`header_height`]).
const HEADER_WEIGHT: f64 = 2.0;

/// The cost of a sample outside the frame holding both ends of a link.
const OUTSIDE_WEIGHT: f64 = 3.0;

/// The height of the band at the top of a frame where its title is
/// written (see `ui/canvas/shape.rs` and the overview labels): nothing else
/// is placed there. Zero for shapes that are not frames.
pub fn header_height(kind: ShapeKind) -> f64 {
    match kind {
        ShapeKind::Region => 56.0,
        ShapeKind::Vpc => 30.0,
        ShapeKind::Global => 26.0,
        ShapeKind::Az => 20.0,
        _ => 0.0,
    }
}

/// The control point and its score (lower is clearer): the straight line
/// when nothing is in the way, else the curve (bent to either side, in
/// steps) that crosses the fewest shapes other than the two ends and their
/// containers, preferring gentler curves when several are equally clear.
///
/// `within`, when given, is the frame holding both ends (see
/// `placed::shared_frame`): every sample outside it costs as much as a
/// labelled box, so a line between two shapes of one VPC does not loop out
/// of the VPC, or its region, where it would read as a link to elsewhere.
/// `outward`, when given, is the direction away from the sides `s` and `e`
/// lie on (a line from side to side) and how many half steps to try: only
/// curves bent that way are tried. Only curves scoring below `beat` count
/// (another pair of sides has a curve that good): a candidate stops being
/// sampled once it cannot, and when none does the score is infinite.
pub(super) fn bend(
    grid: &Grid,
    s: Point,
    e: Point,
    skip: &[usize],
    within: Option<Rect>,
    outward: Option<(Point, usize)>,
    beat: f64,
) -> (Point, f64) {
    let mid = Point {
        x: (s.x + e.x) / 2.0,
        y: (s.y + e.y) / 2.0,
    };
    let (dx, dy) = (e.x - s.x, e.y - s.y);
    let len = (dx * dx + dy * dy).sqrt();
    if !len.is_finite() || len < 1.0 {
        return (mid, 0.0);
    }
    let normal = Point {
        x: -dy / len,
        y: dx / len,
    };
    // What the curve through `c` crosses, sampled along it; the sum stops
    // once it reaches `limit` (that candidate has lost already). The grid
    // hands each sample only the shapes of its cell, which keeps designs
    // of thousands of shapes fast.
    let cost = |c: Point, limit: f64| -> f64 {
        let mut sum = 0.0;
        for k in 2..63 {
            let t = k as f64 / 64.0;
            let u = 1.0 - t;
            let p = Point {
                x: u * u * s.x + 2.0 * u * t * c.x + t * t * e.x,
                y: u * u * s.y + 2.0 * u * t * c.y + t * t * e.y,
            };
            if within.is_some_and(|w| {
                !(p.x >= w.x && p.x <= w.right() && p.y >= w.y && p.y <= w.bottom())
            }) {
                sum += OUTSIDE_WEIGHT;
            }
            for o in grid.at(p) {
                if !o.inside(p) {
                    continue;
                }
                // The link's own containers are crossed anyway (it has to
                // get in and out); other frames cost their body, and their
                // title band almost as much as a labelled box.
                if !skip.contains(&(o.index as usize)) {
                    sum += o.weight;
                    if p.y < o.header_bottom {
                        sum += HEADER_WEIGHT;
                    }
                }
            }
            if sum >= limit {
                return sum;
            }
        }
        sum
    };
    // Bending costs a little per unit, so a curve must earn its detour.
    // Each candidate is scored against the best so far; a clear one ends
    // the search, since every later candidate bends further.
    let mut best = (mid, beat);
    let found = |best: (Point, f64)| {
        if best.1 < beat {
            best
        } else {
            (mid, f64::INFINITY)
        }
    };
    let better = |off: f64, best: &mut (Point, f64)| -> bool {
        let c = Point {
            x: mid.x + normal.x * off,
            y: mid.y + normal.y * off,
        };
        let penalty = off.abs() / 250.0;
        let crossed = cost(c, best.1 - penalty);
        if crossed + penalty < best.1 {
            *best = (c, crossed + penalty);
        }
        crossed == 0.0
    };
    if let Some((out, halves)) = outward {
        // Along the ends' sides: bent outward only, in half steps (the
        // straight line would run on the boxes' own edges).
        let side = if normal.x * out.x + normal.y * out.y >= 0.0 {
            1.0
        } else {
            -1.0
        };
        for half in 1..=halves {
            if better(side * half as f64 * STEP / 2.0, &mut best) {
                break;
            }
        }
        return found(best);
    }
    if better(0.0, &mut best) {
        return found(best);
    }
    for step in 1..=MAX_STEPS {
        for side in [-1.0, 1.0] {
            if better(side * step as f64 * STEP, &mut best) {
                return found(best);
            }
        }
    }
    found(best)
}

/// A shape as the routing's cost reads it, copied out of the layout so a
/// sample touches one small record instead of a whole [`Shape`](super::Shape).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Obstacle {
    x: f64,
    y: f64,
    right: f64,
    bottom: f64,
    /// Where its title band ends (its top when it has none).
    header_bottom: f64,
    /// What crossing it costs ([`obstacle_weight`]).
    weight: f64,
    /// Its position in the layout's shapes.
    index: u32,
}

impl Obstacle {
    /// True when `p` lies strictly inside the shape (as [`inside`]).
    fn inside(&self, p: Point) -> bool {
        p.x > self.x && p.x < self.right && p.y > self.y && p.y < self.bottom
    }
}

/// A uniform grid over the layout: each cell lists the shapes that overlap
/// it, in paint order, so "what contains this point" looks at a handful of
/// shapes instead of all of them. The cells are one flat list (`starts[c]`
/// to `starts[c + 1]` is cell `c`), which keeps a sample's shapes together
/// in memory.
pub(super) struct Grid {
    x0: f64,
    y0: f64,
    cols: usize,
    rows: usize,
    starts: Vec<u32>,
    cells: Vec<Obstacle>,
}

impl Grid {
    /// Cell size in world units: a few subnets across.
    const CELL: f64 = 240.0;

    pub(super) fn new(layout: &Layout) -> Grid {
        let b = layout.bounds;
        let ok = [b.x, b.y, b.w, b.h].iter().all(|v| v.is_finite()) && b.w >= 0.0 && b.h >= 0.0;
        // Saved positions are user data: never let a wild one allocate a huge grid.
        let dims = |len: f64| {
            if ok {
                ((len / Self::CELL).ceil() as usize).clamp(1, 512)
            } else {
                1
            }
        };
        let (cols, rows) = (dims(b.w), dims(b.h));
        let (x0, y0) = if ok { (b.x, b.y) } else { (0.0, 0.0) };
        let mut g = Grid {
            x0,
            y0,
            cols,
            rows,
            starts: vec![0; cols * rows + 1],
            cells: Vec::new(),
        };
        // Two passes: count each cell's shapes, then fill the cells in paint
        // order (the cost's sums depend on the order they are added in).
        let spans: Vec<(usize, usize, usize, usize)> = layout
            .shapes
            .iter()
            .map(|sh| {
                let r = sh.rect;
                let (c0, r0) = g.cell(r.x, r.y);
                let (c1, r1) = g.cell(r.right(), r.bottom());
                (c0, r0, c1, r1)
            })
            .collect();
        for &(c0, r0, c1, r1) in &spans {
            for row in r0..=r1 {
                for col in c0..=c1 {
                    g.starts[row * cols + col + 1] += 1;
                }
            }
        }
        for c in 1..g.starts.len() {
            g.starts[c] += g.starts[c - 1];
        }
        let mut fill: Vec<u32> = g.starts[..cols * rows].to_vec();
        g.cells = vec![Obstacle::default(); g.starts[cols * rows] as usize];
        for (i, (sh, &(c0, r0, c1, r1))) in layout.shapes.iter().zip(&spans).enumerate() {
            let r = sh.rect;
            let o = Obstacle {
                x: r.x,
                y: r.y,
                right: r.right(),
                bottom: r.bottom(),
                header_bottom: r.y + header_height(sh.kind),
                weight: obstacle_weight(sh.kind),
                index: i as u32,
            };
            for row in r0..=r1 {
                for col in c0..=c1 {
                    let at = &mut fill[row * cols + col];
                    g.cells[*at as usize] = o;
                    *at += 1;
                }
            }
        }
        g
    }

    /// The cell holding a point, clamped to the grid.
    fn cell(&self, x: f64, y: f64) -> (usize, usize) {
        let idx = |v: f64, origin: f64, n: usize| {
            let k = ((v - origin) / Self::CELL).floor();
            if k.is_finite() && k > 0.0 {
                (k as usize).min(n - 1)
            } else {
                0
            }
        };
        (idx(x, self.x0, self.cols), idx(y, self.y0, self.rows))
    }

    /// The shapes that may contain `p`.
    fn at(&self, p: Point) -> &[Obstacle] {
        let (c, r) = self.cell(p.x, p.y);
        let c = r * self.cols + c;
        match (self.starts.get(c), self.starts.get(c + 1)) {
            (Some(&a), Some(&b)) => self.cells.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// How far apart the candidate control points are, and how many per side.
pub(super) const STEP: f64 = 40.0;
pub(super) const MAX_STEPS: usize = 16;

/// True when `p` lies strictly inside `r`.
#[cfg(test)]
fn inside(r: &Rect, p: Point) -> bool {
    p.x > r.x && p.x < r.right() && p.y > r.y && p.y < r.bottom()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::core::layout::{layout, link_geometry, links, LinkGeom, Rect};
    use crate::core::templates::TEMPLATES;

    /// The frames whose title band `g` crosses, other than its ends' own
    /// containers, and the regions holding neither end it runs through.
    fn crossings(l: &Layout, g: &LinkGeom) -> (Vec<String>, Vec<String>) {
        let mut skip = with_ancestors(l, &g.link.from);
        skip.extend(with_ancestors(l, &g.link.to));
        let (mut headers, mut regions) = (Vec::new(), Vec::new());
        for k in 2..63 {
            let t = k as f64 / 64.0;
            let u = 1.0 - t;
            let p = Point {
                x: u * u * g.start.x + 2.0 * u * t * g.control.x + t * t * g.end.x,
                y: u * u * g.start.y + 2.0 * u * t * g.control.y + t * t * g.end.y,
            };
            for (i, sh) in l.shapes.iter().enumerate() {
                if !inside(&sh.rect, p) {
                    continue;
                }
                // Entering or leaving a container may cross its title band
                // (routing only prefers the sides); another frame's never.
                if !skip.contains(&i) && p.y < sh.rect.y + header_height(sh.kind) {
                    headers.push(sh.id.clone());
                }
                if sh.kind == ShapeKind::Region && !skip.contains(&i) {
                    regions.push(sh.id.clone());
                }
            }
        }
        headers.dedup();
        regions.dedup();
        (headers, regions)
    }

    fn report(name: &str, d: &crate::core::model::Design, out: &mut Vec<String>) {
        let l = layout(d);
        for g in link_geometry(&l, &links(d)) {
            let (headers, regions) = crossings(&l, &g);
            if !headers.is_empty() || !regions.is_empty() {
                out.push(format!(
                    "{name} {}: titles {headers:?}, regions {regions:?}",
                    g.link.id()
                ));
            }
        }
    }

    /// The designs a link's frame is checked on: the templates, and every
    /// legal design the tests keep (clean fixtures and designs written
    /// outside the project).
    pub(in crate::core::layout) fn designs() -> Vec<(String, crate::core::model::Design)> {
        let mut out: Vec<_> = TEMPLATES
            .iter()
            .map(|t| {
                let d = t.design().unwrap_or_else(|e| panic!("{}: {e}", t.id));
                (t.id.to_string(), d)
            })
            .collect();
        for dir in ["tests/fixtures/clean", "tests/fixtures/outside/ok"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).unwrap_or_default();
                if let Ok(d) = crate::core::model::load(&text) {
                    out.push((f.display().to_string(), d));
                }
            }
        }
        out
    }

    #[test]
    fn links_stay_in_the_frame_holding_both_ends() {
        // A load balancer's line to the second group below it (the first in
        // the way) looped out of its VPC and region into the gap between
        // regions, where two such loops met and read as a cross-region link
        // (outside design g07).
        let mut out = Vec::new();
        let designs = designs();
        assert!(designs.len() > 30, "{} designs", designs.len());
        for (name, d) in &designs {
            let l = layout(d);
            for g in link_geometry(&l, &links(d)) {
                let from = with_ancestors(&l, &g.link.from);
                let to = with_ancestors(&l, &g.link.to);
                let Some(w) = crate::core::layout::placed::shared_frame(&l, &from, &to) else {
                    continue;
                };
                let outside = (0..=64)
                    .map(|k| {
                        let t = k as f64 / 64.0;
                        let u = 1.0 - t;
                        Point {
                            x: u * u * g.start.x + 2.0 * u * t * g.control.x + t * t * g.end.x,
                            y: u * u * g.start.y + 2.0 * u * t * g.control.y + t * t * g.end.y,
                        }
                    })
                    .filter(|p| {
                        !(p.x >= w.x && p.x <= w.right() && p.y >= w.y && p.y <= w.bottom())
                    })
                    .count();
                if outside > 0 {
                    out.push(format!(
                        "{name} {}: {outside} of 65 points outside",
                        g.link.id()
                    ));
                }
            }
        }
        assert!(out.is_empty(), "{}", out.join("\n"));
    }

    #[test]
    fn links_between_stacked_regions_stay_in_their_column() {
        // A replica's line to its source in the region above looped out
        // through the gap beside the column and back (outside design g05),
        // and a table replica's out past the column's left edge (the
        // active-active template): along the regions' sides it is clear.
        // Only ends one above the other (the narrower one's middle over
        // the other): a line between ends that barely overlap across (an
        // outside design's database in a shared VPC and its replica below
        // and beside it, q03) may take the gap when every curve inside the
        // column crosses boxes.
        let stacked = |l: &Layout, a: &str, b: &str| {
            let rect = |id: &str| l.shapes.iter().find(|s| s.id == id).map(|s| s.rect);
            let (Some(a), Some(b)) = (rect(a), rect(b)) else {
                return false;
            };
            let (narrow, wide) = if a.w <= b.w { (a, b) } else { (b, a) };
            let mid = narrow.x + narrow.w / 2.0;
            wide.x <= mid && mid <= wide.right()
        };
        let region = |l: &Layout, id: &str| {
            with_ancestors(l, id)
                .into_iter()
                .filter_map(|i| l.shapes.get(i))
                .find(|s| s.kind == ShapeKind::Region)
                .map(|s| (s.id.clone(), s.rect))
        };
        let mut out = Vec::new();
        for (name, d) in designs() {
            let l = layout(&d);
            for g in link_geometry(&l, &links(&d)) {
                let (Some((ia, a)), Some((ib, b))) =
                    (region(&l, &g.link.from), region(&l, &g.link.to))
                else {
                    continue;
                };
                if ia == ib
                    || a.right() <= b.x
                    || b.right() <= a.x
                    || !stacked(&l, &g.link.from, &g.link.to)
                {
                    continue;
                }
                let (x0, x1) = (a.x.min(b.x), a.right().max(b.right()));
                let b = g.bounds();
                if b.x < x0 || b.right() > x1 {
                    out.push(format!(
                        "{name} {}: runs across {:.0}..{:.0}, the column {x0:.0}..{x1:.0}",
                        g.link.id(),
                        b.x,
                        b.right()
                    ));
                }
            }
        }
        assert!(out.is_empty(), "{}", out.join("\n"));
    }

    #[test]
    fn links_keep_off_titles_and_unrelated_regions() {
        let mut out = Vec::new();
        for t in TEMPLATES {
            report(
                t.id,
                &t.design().unwrap_or_else(|e| panic!("{}: {e}", t.id)),
                &mut out,
            );
        }
        // Three regions in a row (saved positions): every line to the far
        // one has a region and its title in the way.
        let mut d = crate::core::templates::template("active-active")
            .and_then(|t| t.design().ok())
            .unwrap_or_else(|| panic!("template"));
        let auto = layout(&d);
        let (second, third) = (
            auto.get(&d.regions[1].id).map(|s| s.rect),
            auto.get(&d.regions[2].id).map(|s| s.rect),
        );
        if let (Some(second), Some(third)) = (second, third) {
            d.canvas.insert(
                d.regions[2].id.clone(),
                Rect {
                    x: second.right() + 100.0,
                    y: second.y,
                    ..third
                },
            );
        }
        report("three in a row", &d, &mut out);
        assert!(out.is_empty(), "{}", out.join("\n"));
    }
}
