//! The design drawn in layers. Each layer is its own reactive closure, so a
//! selection or a badge change redraws only its layer, never the thousands
//! of shapes of a large design.

use super::links::link_view;
use super::overlay::badge_view;
use super::shape::{frame_box, frame_label, is_frame, item_view};
use crate::core::layout::{label, Layout, LinkGeom};
use crate::core::model::{Design, Index};
use crate::core::validate::Severity;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Frames, links, frame headers and items. Links run above frame boxes but
/// beneath subnets, nodes and frame headers, so a line never hides the
/// text it passes.
pub fn scene_view(design: Signal<Design>, geometry: Signal<Layout>, placed: Signal<Vec<LinkGeom>>) -> impl Fn() -> AnyView + Copy {
    move || {
        let (boxes, headers, items) = design.with(|d| {
            let index = Index::new(d);
            geometry.with(|l| {
                let labelled: Vec<_> = l.shapes.iter().map(|s| (s, label(s, d, &index))).collect();
                let frames = labelled.iter().filter(|(s, _)| is_frame(s.kind));
                let boxes = frames.clone().map(|(s, lb)| frame_box(s, lb)).collect_view();
                let headers = frames.map(|(s, lb)| frame_label(s, lb)).collect_view();
                let items = labelled.iter().filter(|(s, _)| !is_frame(s.kind)).map(|(s, lb)| item_view(s, lb.clone())).collect_view();
                (boxes, headers, items)
            })
        });
        let lines = placed.with(|ls| ls.iter().map(link_view).collect_view());
        view! {
            <g class="layer-frames">{boxes}</g>
            <g class="layer-links">{lines}</g>
            <g class="layer-headers">{headers}</g>
            <g class="layer-items">{items}</g>
        }
        .into_any()
    }
}

/// The dashed outline around each selected shape.
pub fn outlines_view(geometry: Signal<Layout>, selection: Signal<Vec<String>>) -> impl Fn() -> AnyView + Copy {
    move || {
        geometry.with(|l| {
            selection.with(|sel| {
                sel.iter()
                    .filter_map(|id| l.get(id))
                    .map(|s| {
                        let r = s.rect;
                        view! { <rect class="selected-outline" data-outline=s.id.clone() x=r.x - 4.0 y=r.y - 4.0 width=r.w + 8.0 height=r.h + 8.0 rx="10"></rect> }
                    })
                    .collect_view()
                    .into_any()
            })
        })
    }
}

/// A badge on every shape with findings.
pub fn badges_view(geometry: Signal<Layout>, badges: Signal<BTreeMap<String, (Severity, usize)>>) -> impl Fn() -> AnyView + Copy {
    move || {
        geometry.with(|l| {
            badges.with(|b| l.shapes.iter().filter_map(|s| b.get(&s.id).map(|m| badge_view(s.rect, *m, &s.id))).collect_view().into_any())
        })
    }
}
