//! The canvas camera as an SVG view box: pure maths for fit, pan and zoom.
//!
//! The SVG element shows the world rectangle [`ViewBox`] scaled uniformly
//! and centred (`preserveAspectRatio="xMidYMid meet"`). Keeping the maths
//! here, away from events and elements, lets it be tested natively; the UI
//! only supplies pixel sizes and pointer positions.

use super::model::Rect;

/// The part of the world the canvas shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    /// Left edge in world units.
    pub x: f64,
    /// Top edge in world units.
    pub y: f64,
    /// Width in world units (always positive).
    pub w: f64,
    /// Height in world units (always positive).
    pub h: f64,
}

/// The closest the user may zoom in, as a minimum view-box width.
const MIN_W: f64 = 120.0;
/// The farthest the user may zoom out, as a maximum view-box width.
const MAX_W: f64 = 40_000.0;

impl ViewBox {
    /// The view box showing `bounds` with `margin` world units around it;
    /// an empty or broken bounds gives a sensible default window.
    pub fn fit(bounds: Rect, margin: f64) -> ViewBox {
        let ok = [bounds.x, bounds.y, bounds.w, bounds.h]
            .iter()
            .all(|v| v.is_finite());
        if !ok || bounds.w <= 0.0 || bounds.h <= 0.0 {
            return ViewBox {
                x: 0.0,
                y: 0.0,
                w: 1200.0,
                h: 800.0,
            };
        }
        ViewBox {
            x: bounds.x - margin,
            y: bounds.y - margin,
            w: bounds.w + 2.0 * margin,
            h: bounds.h + 2.0 * margin,
        }
    }

    /// The `viewBox` attribute value.
    pub fn attr(&self) -> String {
        format!("{:.1} {:.1} {:.1} {:.1}", self.x, self.y, self.w, self.h)
    }

    /// Pixels per world unit on an element of `cw` × `ch` pixels.
    pub fn scale(&self, cw: f64, ch: f64) -> f64 {
        let s = (cw / self.w).min(ch / self.h);
        if s.is_finite() && s > 0.0 {
            s
        } else {
            1.0
        }
    }

    /// The world point under the pixel `(px, py)` of the element.
    pub fn screen_to_world(&self, px: f64, py: f64, cw: f64, ch: f64) -> (f64, f64) {
        let s = self.scale(cw, ch);
        let ox = (cw - self.w * s) / 2.0;
        let oy = (ch - self.h * s) / 2.0;
        (self.x + (px - ox) / s, self.y + (py - oy) / s)
    }

    /// The view moved so the content follows a drag of `(dx, dy)` pixels.
    pub fn panned(&self, dx: f64, dy: f64, cw: f64, ch: f64) -> ViewBox {
        let s = self.scale(cw, ch);
        ViewBox {
            x: self.x - dx / s,
            y: self.y - dy / s,
            ..*self
        }
    }

    /// The view zoomed by `factor` (> 1 zooms in) keeping the world point
    /// `(wx, wy)` where it is on screen; clamped to a sane range.
    pub fn zoomed(&self, factor: f64, wx: f64, wy: f64) -> ViewBox {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let w = (self.w / factor).clamp(MIN_W, MAX_W);
        let k = w / self.w;
        ViewBox {
            x: wx - (wx - self.x) * k,
            y: wy - (wy - self.y) * k,
            w,
            h: self.h * k,
        }
    }

    /// The view moved by fractions of its own size (keyboard panning:
    /// `shifted(0.1, 0.0)` shows what lies a tenth of a screen to the right).
    pub fn shifted(&self, fx: f64, fy: f64) -> ViewBox {
        if !fx.is_finite() || !fy.is_finite() {
            return *self;
        }
        ViewBox {
            x: self.x + fx * self.w,
            y: self.y + fy * self.h,
            ..*self
        }
    }

    /// The view zoomed about its own centre (for the + and − buttons).
    pub fn zoomed_center(&self, factor: f64) -> ViewBox {
        self.zoomed(factor, self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vb() -> ViewBox {
        ViewBox {
            x: 0.0,
            y: 0.0,
            w: 1000.0,
            h: 500.0,
        }
    }

    #[test]
    fn fit_adds_the_margin_and_survives_empty_bounds() {
        let f = ViewBox::fit(
            Rect {
                x: 10.0,
                y: 20.0,
                w: 100.0,
                h: 50.0,
            },
            5.0,
        );
        assert_eq!(
            f,
            ViewBox {
                x: 5.0,
                y: 15.0,
                w: 110.0,
                h: 60.0
            }
        );
        let empty = ViewBox::fit(Rect::default(), 5.0);
        assert!(empty.w > 0.0 && empty.h > 0.0);
        assert!(
            ViewBox::fit(
                Rect {
                    x: f64::NAN,
                    y: 0.0,
                    w: 1.0,
                    h: 1.0
                },
                0.0
            )
            .w > 0.0
        );
    }

    #[test]
    fn screen_to_world_accounts_for_letterboxing() {
        // 1000×500 world on a 500×500 element: scale 0.5, 125 px bars above and below.
        let v = vb();
        assert_eq!(v.scale(500.0, 500.0), 0.5);
        assert_eq!(v.screen_to_world(0.0, 125.0, 500.0, 500.0), (0.0, 0.0));
        assert_eq!(
            v.screen_to_world(500.0, 375.0, 500.0, 500.0),
            (1000.0, 500.0)
        );
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let v = vb();
        let z = v.zoomed(2.0, 250.0, 100.0);
        assert_eq!(z.w, 500.0);
        assert_eq!(z.h, 250.0);
        // The world point keeps its relative position in the view.
        assert!(((250.0 - z.x) / z.w - 0.25).abs() < 1e-9);
        assert!(((100.0 - z.y) / z.h - 0.2).abs() < 1e-9);
        assert_eq!(v.zoomed(f64::NAN, 0.0, 0.0), v);
        assert!(v.zoomed(1e9, 0.0, 0.0).w >= MIN_W);
    }

    #[test]
    fn shifted_moves_by_fractions_of_the_view() {
        let v = vb().shifted(0.1, -0.2);
        assert_eq!((v.x, v.y, v.w, v.h), (100.0, -100.0, 1000.0, 500.0));
        assert_eq!(vb().shifted(f64::NAN, 0.0), vb());
    }

    #[test]
    fn pan_moves_against_the_drag_in_world_units() {
        let p = vb().panned(50.0, 10.0, 500.0, 250.0);
        assert_eq!((p.x, p.y), (-100.0, -20.0));
    }
}
