//! Small inline SVG icons, one per kind of node: a rounded square in the
//! AWS service colour with a white glyph. Inline so the app makes no
//! requests beyond its own bundle and the icons follow the CSS theme.

use leptos::prelude::*;

/// The glyph path of a kind (`alb`, `asg`, ...), in a 24 × 24 box.
fn glyph(kind: &str) -> &'static str {
    match kind {
        "alb" => {
            "M5 12h5M10 12l8-6M10 12h8M10 12l8 6M5 12m-1.5 0a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0"
        }
        "asg" => "M5 9h10v10H5zM9 5h10v10M12 12h0",
        // A shipping container as a cube with ribs: the ECS family's mark.
        "ecs" => "M12 4l7 4v8l-7 4-7-4V8zM5 8l7 4 7-4M12 12v8M8.5 10v8M15.5 10v8",
        // A memory chip with a bolt: an in-memory cache.
        "elasticache" => {
            "M7 7h10v10H7zM10 4v3M14 4v3M10 17v3M14 17v3M4 10h3M4 14h3M17 10h3M17 14h3M13 9l-2.5 3.5h3L11 15"
        }
        "rds" => {
            "M6 7c0-2.3 12-2.3 12 0s-12 2.3-12 0M6 7v10c0 2.3 12 2.3 12 0V7M6 12c0 2.3 12 2.3 12 0"
        }
        "aurora" => {
            "M6 7c0-2.3 12-2.3 12 0s-12 2.3-12 0M6 7v10c0 2.3 12 2.3 12 0V7M12 10.5v5M9.5 13h5"
        }
        "dynamodb" => {
            "M6 7c0-2.3 12-2.3 12 0s-12 2.3-12 0M6 7v10c0 2.3 12 2.3 12 0V7M13 10l-3 3.5h4L11 17"
        }
        "s3" => "M5 7c0-2 14-2 14 0l-2 11c-.5 1.6-9.5 1.6-10 0zM5 7c0 2 14 2 14 0",
        "record" => "M12 4l7 3v5c0 4-3 7-7 8-4-1-7-4-7-8V7zM9 12l2 2 4-4",
        "accelerator" => {
            "M12 4a8 8 0 1 0 .01 0M4 12h16M12 4c3.5 3 3.5 13 0 16M12 4c-3.5 3-3.5 13 0 16"
        }
        _ => "M6 6h12v12H6z",
    }
}

/// The `transform` that puts an icon's corner at `(x, y)`.
pub fn icon_transform(x: f64, y: f64) -> String {
    format!("translate({x:.1} {y:.1})")
}

/// The icon of `kind` with its top-left corner at `(x, y)`, 24 units wide.
#[component]
pub fn Icon(
    /// The kind string (`alb`, `s3`, `record`, ...), which picks glyph and colour.
    kind: &'static str,
    /// Left edge in canvas units.
    x: f64,
    /// Top edge in canvas units.
    y: f64,
) -> impl IntoView {
    view! {
        <g class="icon" transform=icon_transform(x, y) aria-hidden="true">
            <rect class=format!("icon-bg {kind}") width="24" height="24" rx="5"></rect>
            <path class="icon-glyph" d=glyph(kind)></path>
        </g>
    }
}

/// The product mark for the toolbar (the same drawing as the favicon).
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#232f3e" stroke="#ffffff33"></rect>
            <rect x="5" y="7" width="10" height="18" rx="2" fill="none" stroke="#00a4a6" stroke-width="2" stroke-dasharray="3 2"></rect>
            <rect x="17" y="7" width="10" height="18" rx="2" fill="none" stroke="#00a4a6" stroke-width="2" stroke-dasharray="3 2"></rect>
            <path d="M10 16h12" stroke="#ff9900" stroke-width="2.5" stroke-linecap="round"></path>
            <circle cx="10" cy="16" r="2.5" fill="#ff9900"></circle>
            <circle cx="22" cy="16" r="2.5" fill="#ff9900"></circle>
        </svg>
    }
}
