//! What the canvas draws over the design: validation badges, connection
//! handles on the selection, and the hint that follows a drag (where a
//! palette item would land, whether a link can be drawn, and why not).

use crate::core::edit::{EditError, LinkKind, PaletteItem, Placement};
use crate::core::layout::{is_movable, Layout, Rect, RectExt, ShapeKind};
use crate::core::validate::Severity;
use leptos::prelude::*;

/// A link being drawn: from a handle to the pointer, in world units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wire {
    /// The handle it starts at.
    pub from: (f64, f64),
    /// The pointer.
    pub to: (f64, f64),
}

/// What releasing the pointer would do.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Add the dragged palette item with this target, or the refusal.
    Drop(Result<Option<String>, String>),
    /// Draw the link `(from, to)`, or the refusal.
    Link(Result<(String, String), String>),
}

/// The hint under a drag: the object it is over, its outline, a sentence,
/// and the verdict the release acts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    /// The object under the pointer (`None`: empty canvas).
    pub target: Option<String>,
    /// The outline to draw (world units), if any.
    pub rect: Option<Rect>,
    /// What the release will do, or why it cannot.
    pub text: String,
    /// The pointer, in client pixels, where the tooltip goes.
    pub at: (f64, f64),
    /// What the release acts on.
    pub verdict: Verdict,
}

impl Hint {
    /// The hint for dropping `item` on `target`.
    pub fn drop(
        item: PaletteItem,
        target: Option<String>,
        rect: Option<Rect>,
        verdict: Result<Placement, EditError>,
        at: (f64, f64),
    ) -> Hint {
        let label = item.phrase();
        let (text, verdict) = match verdict {
            Ok(Placement::Canvas) => (format!("Drop to add {label}"), Ok(target.clone())),
            Ok(Placement::Region(r)) => (
                format!("Drop to add {label} to region {r}"),
                Ok(target.clone()),
            ),
            Ok(Placement::Vpc(v)) => (
                format!("Drop to add {label} to VPC {v}"),
                Ok(target.clone()),
            ),
            Err(e) => (e.0.clone(), Err(e.0)),
        };
        Hint {
            target,
            rect,
            text,
            at,
            verdict: Verdict::Drop(verdict),
        }
    }

    /// The hint for releasing a link drawn onto `target`.
    pub fn link(
        target: String,
        rect: Rect,
        verdict: Result<(String, String, LinkKind), EditError>,
        at: (f64, f64),
    ) -> Hint {
        let (text, verdict) = match verdict {
            Ok((from, to, kind)) => (
                format!("Release to link: {}", link_words(kind)),
                Ok((from, to)),
            ),
            Err(e) => (e.0.clone(), Err(e.0)),
        };
        Hint {
            target: Some(target),
            rect: Some(rect),
            text,
            at,
            verdict: Verdict::Link(verdict),
        }
    }

    /// Moves the tooltip of the hint showing in `hint` to the pointer at
    /// `at`, keeping its verdict (the pointer is still over the same object).
    pub fn follow(hint: RwSignal<Option<Hint>>, at: (f64, f64)) {
        hint.update(|h| {
            if let Some(h) = h {
                h.at = at;
            }
        });
    }

    /// True when the release would succeed.
    pub fn ok(&self) -> bool {
        match &self.verdict {
            Verdict::Drop(v) => v.is_ok(),
            Verdict::Link(v) => v.is_ok(),
        }
    }
}

fn link_words(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::AsgTarget => "it joins the load balancer's target group",
        LinkKind::RdsReplica => "a cross-region read replica",
        LinkKind::AuroraGlobal => "members of one Aurora global cluster",
        LinkKind::S3Replication => "bucket replication",
        LinkKind::Peering => "VPC peering",
        LinkKind::DnsTarget => "the record routes here",
        LinkKind::AcceleratorEndpoint => "an accelerator endpoint",
    }
}

/// The tooltip beside the pointer while a drag has a hint.
#[component]
pub fn HintView(hint: Signal<Option<Hint>>) -> impl IntoView {
    move || {
        hint.get().map(|h| {
            let class = if h.ok() {
                "drag-hint ok"
            } else {
                "drag-hint refused"
            };
            let style = format!("left:{}px;top:{}px", h.at.0 + 16.0, h.at.1 + 18.0);
            view! { <div class=class style=style role="status">{h.text}</div> }
        })
    }
}

/// A round badge at the top right of a shape: the count of its findings,
/// coloured by the worst severity.
pub fn badge_view(r: Rect, (sev, n): (Severity, usize), id: &str) -> impl IntoView {
    let (cx, cy) = (r.x + r.w - 6.0, r.y + 6.0);
    let label = format!(
        "{n} {} on {id}",
        if n == 1 { "finding" } else { "findings" }
    );
    let aria = label.clone();
    view! {
        <g class=format!("badge {}", sev.as_str()) data-badge=id.to_string() role="img" aria-label=aria>
            <title>{label}</title>
            <circle cx=cx cy=cy r="10"></circle>
            <text x=cx y=cy + 4.0 text-anchor="middle">{n.to_string()}</text>
        </g>
    }
}

/// Most handles drawn at once: a box selection of a whole region would
/// otherwise sprout hundreds.
const MAX_HANDLES: usize = 24;

/// A connection handle on the right edge of each selected shape that can
/// start a link (VPCs, workloads, records, accelerators).
pub fn handles_view(l: &Layout, selection: &[String]) -> impl IntoView {
    selection
        .iter()
        .filter_map(|id| l.get(id))
        .filter(|s| is_movable(s))
        .filter(|s| {
            matches!(
                s.kind,
                ShapeKind::Vpc | ShapeKind::Node(_) | ShapeKind::Record | ShapeKind::Accelerator
            )
        })
        .take(MAX_HANDLES)
        .map(|s| {
            let (cx, cy) = (s.rect.right(), s.rect.center().y);
            let label = format!("Drag to link {} to another object", s.id);
            let aria = label.clone();
            view! {
                <g class="handle" data-handle=s.id.clone() role="button" aria-label=aria>
                    <title>{label}</title>
                    <circle cx=cx cy=cy r="9"></circle>
                    <path d=format!("M{} {cy}h8m-3 -3l3 3l-3 3", cx - 4.0)></path>
                </g>
            }
        })
        .collect_view()
}
