//! What the canvas's gestures share: the design and its geometry, the
//! camera, the gesture under way and what it shows. One `Copy` handle, so
//! each gesture's file takes it whole instead of a dozen signals.

use super::component::PaletteDrag;
use super::find::Finding;
use super::gesture::{Gesture, Moving};
use super::menu::Menu;
use super::overlay::{Hint, Wire};
use crate::core::camera::ViewBox;
use crate::core::layout::{Layout, LinkGeom, Rect, Routes};
use crate::core::model::Design;
use crate::core::simulate::located::Located;
use crate::core::simulate::Failure;
use crate::platform;
use leptos::prelude::*;
use std::sync::Arc;

/// The placed links, shared with the routing that made them
/// ([`Routes::shared`](crate::core::layout::Routes::shared)): an edit of a
/// design with 14,000 links copies none of them. Equal when they are the
/// same list, or lists of equal links (so an edit that moves no link stops
/// here), with as many links still to search.
#[derive(Debug, Clone, Default)]
pub struct Placed {
    /// The links, provisional ones included.
    pub links: Arc<[LinkGeom]>,
    /// How many are placed provisionally, their route still to search
    /// ([`Routing`](crate::core::layout::Routing)).
    pub pending: usize,
}

impl PartialEq for Placed {
    fn eq(&self, other: &Placed) -> bool {
        self.pending == other.pending
            && (Arc::ptr_eq(&self.links, &other.links) || self.links == other.links)
    }
}

impl From<&Routes> for Placed {
    fn from(r: &Routes) -> Placed {
        Placed {
            links: r.shared(),
            pending: r.pending(),
        }
    }
}

impl std::ops::Deref for Placed {
    type Target = [LinkGeom];

    fn deref(&self) -> &[LinkGeom] {
        &self.links
    }
}

/// The canvas's shared state (every field is a cheap reactive handle).
#[derive(Clone, Copy)]
pub struct Stage {
    /// The design drawn.
    pub design: Signal<Design>,
    /// Where every shape is.
    pub geometry: Memo<Arc<Layout>>,
    /// The selected ids.
    pub selection: RwSignal<Vec<String>>,
    /// The camera the user moved; `None` follows [`Stage::fitted`].
    pub camera: RwSignal<Option<ViewBox>>,
    /// The view showing the whole design.
    pub fitted: Memo<ViewBox>,
    /// The links as drawn.
    pub placed: Memo<Placed>,
    /// The element holding the canvas and its panels (focus inside it
    /// makes the canvas's keys and clipboard apply).
    pub stage_ref: NodeRef<leptos::html::Div>,
    /// The canvas element.
    pub svg_ref: NodeRef<leptos::svg::Svg>,
    /// The drag layer (a second SVG the dragged shapes move on).
    pub layer_ref: NodeRef<leptos::svg::Svg>,
    /// The group of the drag layer holding copies of the dragged shapes.
    pub clones_ref: NodeRef<leptos::svg::G>,
    /// The gesture under way.
    pub gesture: StoredValue<Gesture>,
    /// True once the pointer moved past the threshold since the press
    /// (the click that ends a drag is not a selection).
    pub moved: StoredValue<bool>,
    /// Space is held (every press pans).
    pub space: RwSignal<bool>,
    /// A pan is under way (the cursor shows it).
    pub panning: RwSignal<bool>,
    /// The elements a drag moves on screen.
    pub moving: StoredValue<Moving, LocalStorage>,
    /// Outlines of the dragged shapes, when there are too many elements to move.
    pub outlines_moving: RwSignal<Vec<Rect>>,
    /// The box of a box select.
    pub band: RwSignal<Option<Rect>>,
    /// The link being drawn.
    pub wire: RwSignal<Option<Wire>>,
    /// The hint under a drag.
    pub hint: RwSignal<Option<Hint>>,
    /// Receives every edit.
    pub on_edit: Option<Callback<Design>>,
    /// Receives refusals to show.
    pub on_message: Option<Callback<String>>,
    /// The palette item being dragged.
    pub palette: Option<RwSignal<Option<PaletteDrag>>>,
    /// Deletes the selection (the app asks first when others depend on it).
    pub on_delete: Option<Callback<()>>,
    /// Duplicates the selection.
    pub on_duplicate: Option<Callback<()>>,
    /// The open context menu.
    pub menu: RwSignal<Option<Menu>>,
    /// The open find box.
    pub finding: RwSignal<Option<Finding>>,
    /// The last thing said to screen readers (a polite live region).
    pub said: RwSignal<String>,
    /// The last clip this tab copied, for the menu's Paste when the
    /// browser will not hand over the clipboard.
    pub last_clip: StoredValue<Option<String>>,
    /// The place failed in this session (the outage panel's), when the
    /// app lets the canvas fail places.
    pub failed: Option<RwSignal<Option<Failure>>>,
    /// Where every object lies, for failing the selection's AZ or region.
    pub located: Memo<Located>,
}

impl Stage {
    /// The view shown now (the user's camera, else the fitted one).
    pub fn view(&self) -> ViewBox {
        self.camera
            .get_untracked()
            .unwrap_or_else(|| self.fitted.get_untracked())
    }

    /// The canvas's client rectangle `(left, top, width, height)`.
    pub fn rect(&self) -> Option<(f64, f64, f64, f64)> {
        self.svg_ref
            .get_untracked()
            .map(|svg| platform::element_rect(&svg))
    }

    /// The world point under a client position, when it is over the canvas.
    pub fn world_at(&self, cx: f64, cy: f64) -> Option<(f64, f64)> {
        let (left, top, w, h) = self.rect()?;
        let inside = cx >= left && cx <= left + w && cy >= top && cy <= top + h;
        inside.then(|| self.view().screen_to_world(cx - left, cy - top, w, h))
    }

    /// Shows a refusal.
    pub fn message(&self, m: String) {
        if let Some(cb) = self.on_message {
            cb.run(m);
        }
    }

    /// Hands an edited design to the app.
    pub fn edit(&self, d: Design) {
        if let Some(cb) = self.on_edit {
            cb.run(d);
        }
    }

    /// Gives the keyboard back to the canvas (after a menu or find box).
    pub fn refocus(&self) {
        if let Some(svg) = self.svg_ref.get_untracked() {
            platform::focus::focus(&svg);
        }
    }

    /// Selects `ids` and says what is selected.
    pub fn select(&self, ids: Vec<String>) {
        self.said.set(super::zoom::describe(*self, &ids));
        self.selection.set(ids);
    }

    /// Puts dragged elements back as drawn and empties the drag layer.
    pub fn end_drag_style(&self) {
        let clones = self.clones_ref.get_untracked();
        self.moving.with_value(|m| m.end(clones.as_deref()));
        self.moving.set_value(Moving::default());
        self.outlines_moving.set(Vec::new());
        if let Some(layer) = self.layer_ref.get_untracked() {
            platform::set_style(&layer, None);
        }
    }

    /// Abandons the gesture under way and everything it shows.
    pub fn cancel(&self) {
        if let (
            Gesture::Panning {
                deferred: Some(_), ..
            },
            Some(svg),
        ) = (self.gesture.get_value(), self.svg_ref.get_untracked())
        {
            platform::set_style(&svg, None);
        }
        self.gesture.set_value(Gesture::Idle);
        self.end_drag_style();
        self.band.set(None);
        self.wire.set(None);
        self.hint.set(None);
        self.panning.set(false);
        if let Some(p) = self.palette {
            p.set(None);
        }
    }
}
