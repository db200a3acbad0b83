//! The context menu of shapes and links: right click, Shift+F10 or the
//! Menu key. It offers what can be done with the selection (zoom to,
//! copy, paste, duplicate, connect…, clone a region as DR, delete, fail
//! the selection's AZ or region or restore it) and
//! follows the WAI-ARIA menu pattern: focus on the first item, arrows,
//! Home and End move, Enter acts, Escape or a click outside closes and
//! gives the keyboard back to the canvas.

use super::clipboard::{menu_copy, menu_paste};
use super::find::Finding;
use super::stage::Stage;
use super::zoom;
use crate::core::catalog;
use crate::core::edit;
use crate::core::layout::{is_design_id, Link, RectExt};
use crate::core::model::{Index, ObjectRef};
use crate::platform;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An open menu: where (client pixels) and which page.
#[derive(Debug, Clone, PartialEq)]
pub struct Menu {
    /// The top-left corner, in client pixels.
    pub at: (f64, f64),
    /// The actions, or the regions a region can be cloned into.
    pub page: Page,
}

/// What the menu lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Page {
    /// The actions on the selection.
    Actions,
    /// The AWS regions the selected region can be cloned into as DR.
    DrRegions,
}

impl Menu {
    /// The menu by the selection (keyboard): at the first selected
    /// object's lower-left corner on screen, else the canvas's centre.
    pub fn for_selection(st: Stage) -> Menu {
        let ids = st.selection.get_untracked();
        let (left, top, w, h) = st.rect().unwrap_or((0.0, 0.0, 0.0, 0.0));
        let vb = st.view();
        let s = vb.scale(w, h);
        let (ox, oy) = (left + (w - vb.w * s) / 2.0, top + (h - vb.h * s) / 2.0);
        let at = zoom::bounds(st, &ids)
            .map(|b| (ox + (b.x - vb.x) * s, oy + (b.center().y - vb.y) * s))
            .filter(|(x, y)| *x >= left && *y >= top && *x <= left + w && *y <= top + h)
            .unwrap_or((left + w / 2.0, top + h / 2.0));
        Menu {
            at,
            page: Page::Actions,
        }
    }
}

/// One menu item.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Action {
    ZoomTo,
    Copy,
    Paste,
    Duplicate,
    Connect,
    CloneDr,
    Delete,
    SelectAll,
    Fit,
    FailAz,
    FailRegion,
    Restore,
}

impl Action {
    fn label(self) -> &'static str {
        match self {
            Action::ZoomTo => "Zoom to selection",
            Action::Copy => "Copy",
            Action::Paste => "Paste",
            Action::Duplicate => "Duplicate",
            Action::Connect => "Connect to…",
            Action::CloneDr => "Clone region as DR…",
            Action::Delete => "Delete",
            Action::SelectAll => "Select all",
            Action::Fit => "Fit the design",
            Action::FailAz => "Fail this AZ (simulate)",
            Action::FailRegion => "Fail this region (simulate)",
            Action::Restore => "Restore the failed place",
        }
    }

    fn keys(self) -> &'static str {
        match self {
            Action::ZoomTo => "Z",
            Action::Copy => "Ctrl+C",
            Action::Paste => "Ctrl+V",
            Action::Duplicate => "Ctrl+D",
            Action::Delete => "Del",
            Action::SelectAll => "Ctrl+A",
            Action::Fit => "F",
            Action::FailAz => "O",
            Action::FailRegion => "Shift+O",
            Action::Restore => "Esc",
            Action::Connect | Action::CloneDr => "",
        }
    }
}

/// The actions that apply to the selection.
fn actions(st: Stage) -> Vec<Action> {
    let ids = st.selection.get_untracked();
    let editable = st.on_edit.is_some();
    let (copyable, region, shape) = st.design.with_untracked(|d| {
        let index = Index::new(d);
        let objects: Vec<ObjectRef<'_>> = ids.iter().filter_map(|id| index.get(id)).collect();
        let copyable = objects.iter().any(|o| {
            !matches!(
                o,
                ObjectRef::Region(_)
                    | ObjectRef::Peering(_)
                    | ObjectRef::Record(_)
                    | ObjectRef::Accelerator(_)
            )
        });
        let region = matches!(objects.as_slice(), [ObjectRef::Region(_)]);
        (copyable, region, objects.len() == 1 && ids.len() == 1)
    });
    let mut out = Vec::new();
    if !ids.is_empty() {
        out.push(Action::ZoomTo);
    }
    if copyable {
        out.push(Action::Copy);
    }
    if editable {
        out.push(Action::Paste);
        if copyable && st.on_duplicate.is_some() {
            out.push(Action::Duplicate);
        }
        if shape && ids.iter().all(|id| is_design_id(id)) {
            out.push(Action::Connect);
        }
        if region {
            out.push(Action::CloneDr);
        }
        if !ids.is_empty() && st.on_delete.is_some() {
            out.push(Action::Delete);
        }
    }
    out.extend(fail_actions(st));
    out.push(Action::SelectAll);
    out.push(Action::Fit);
    out
}

/// Restore while a place is failed; else Fail for the selection's AZ
/// (when it lies in one) and region. None without the outage panel's state.
fn fail_actions(st: Stage) -> Vec<Action> {
    let Some(failed) = st.failed else {
        return vec![];
    };
    if failed.with_untracked(Option::is_some) {
        return vec![Action::Restore];
    }
    match super::fail::for_selection(st, false) {
        Some(crate::core::simulate::Failure::Az(_)) => vec![Action::FailAz, Action::FailRegion],
        Some(_) => vec![Action::FailRegion],
        None => vec![],
    }
}

fn run(st: Stage, a: Action) {
    let close = || st.menu.set(None);
    match a {
        Action::CloneDr => {
            st.menu.update(|m| {
                if let Some(m) = m {
                    m.page = Page::DrRegions;
                }
            });
            return;
        }
        Action::Connect => {
            close();
            if let Some(from) = st.selection.with_untracked(|s| s.first().cloned()) {
                st.finding.set(Some(Finding::Connect(from)));
            }
            return;
        }
        _ => close(),
    }
    match a {
        Action::ZoomTo => {
            zoom::to_selection(st);
        }
        Action::Copy => menu_copy(st),
        Action::Paste => menu_paste(st),
        Action::Duplicate => st.on_duplicate.iter().for_each(|cb| cb.run(())),
        Action::Delete => st.on_delete.iter().for_each(|cb| cb.run(())),
        Action::SelectAll => {
            let all = st.geometry.with_untracked(|l| {
                l.shapes
                    .iter()
                    .map(|s| s.id.clone())
                    .filter(|id| is_design_id(id) && id != crate::core::layout::GLOBAL_ID)
                    .collect()
            });
            st.select(all);
        }
        Action::Fit => st.camera.set(None),
        Action::FailAz | Action::FailRegion => {
            if let Some(f) = super::fail::for_selection(st, a == Action::FailRegion) {
                super::fail::toggle(st, f);
            }
        }
        Action::Restore => {
            super::fail::restore(st);
        }
        Action::Connect | Action::CloneDr => {}
    }
    st.refocus();
}

/// Clones the selected region into `code`.
fn clone_into(st: Stage, code: &str) {
    st.menu.set(None);
    let Some(region) = st.selection.with_untracked(|s| s.first().cloned()) else {
        return;
    };
    match st
        .design
        .with_untracked(|d| edit::clone_region_as_dr(d, &region, code))
    {
        Ok((d, id)) => {
            st.edit(d);
            st.select(vec![id]);
        }
        Err(e) => st.message(e.to_string()),
    }
    st.refocus();
}

/// Arrow keys, Home and End move between items; Escape and Tab close.
fn menu_keys(st: Stage, ev: leptos::ev::KeyboardEvent) {
    let Some(root) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(list) = root.query_selector_all("[role='menuitem']") else {
        return;
    };
    let items: Vec<web_sys::Element> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = items.iter().position(|e| Some(e) == active.as_ref());
    let n = items.len();
    let to = match ev.key().as_str() {
        "ArrowDown" => at.map_or(Some(0), |i| Some((i + 1) % n.max(1))),
        "ArrowUp" => at.map_or(Some(n.saturating_sub(1)), |i| Some((i + n - 1) % n.max(1))),
        "Home" => Some(0),
        "End" => Some(n.saturating_sub(1)),
        "Escape" | "Tab" => {
            ev.prevent_default();
            ev.stop_propagation();
            st.menu.set(None);
            st.refocus();
            return;
        }
        _ => None,
    };
    if let Some(el) = to.and_then(|i| items.get(i)) {
        ev.prevent_default();
        ev.stop_propagation();
        platform::focus::focus(el);
    }
}

/// The open menu, if any.
#[component]
pub fn MenuView(st: Stage) -> impl IntoView {
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = menu_ref.get() {
            platform::focus::focus_first(&el, "[role='menuitem']");
        }
    });
    move || {
        st.menu.get().map(|m| {
            let style = format!("left:{:.0}px;top:{:.0}px", m.at.0, m.at.1);
            let items = match m.page {
                Page::Actions => actions(st)
                    .into_iter()
                    .map(|a| {
                        let class = if a == Action::Delete { "danger" } else { "" };
                        view! {
                            <button type="button" role="menuitem" tabindex="-1" class=class data-action=a.label() on:click=move |_| run(st, a)>
                                <span>{a.label()}</span><kbd>{a.keys()}</kbd>
                            </button>
                        }
                    })
                    .collect_view()
                    .into_any(),
                Page::DrRegions => {
                    let used: Vec<String> = st.design.with_untracked(|d| d.regions.iter().map(|r| r.code.clone()).collect());
                    catalog::regions()
                        .iter()
                        .filter(|r| !used.contains(&r.code))
                        .map(|r| {
                            let code = r.code.clone();
                            view! {
                                <button type="button" role="menuitem" tabindex="-1" data-code=code.clone() on:click=move |_| clone_into(st, &code)>
                                    <span>{format!("{} — {}", r.code, r.name)}</span>
                                </button>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            };
            let label = match m.page {
                Page::Actions => "Actions on the selection",
                Page::DrRegions => "Clone region as DR into",
            };
            view! {
                <div class="menu-backdrop" on:pointerdown=move |_| st.menu.set(None) on:contextmenu=move |ev| { ev.prevent_default(); st.menu.set(None); }></div>
                <div node_ref=menu_ref class="canvas-menu" role="menu" aria-label=label style=style on:keydown=move |ev| menu_keys(st, ev)>
                    {items}
                </div>
            }
        })
    }
}

/// `contextmenu` on the canvas: selects what was right-clicked (unless it
/// is already selected) and opens the menu at the pointer.
pub fn on_context(st: Stage, ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let id = platform::hit(&ev)
        .id
        .filter(|id| is_design_id(id) || Link::from_id(id).is_some());
    if let Some(id) = id {
        if !st.selection.with_untracked(|s| s.contains(&id)) {
            st.select(vec![id]);
        }
    }
    st.menu.set(Some(Menu {
        at: (ev.client_x() as f64, ev.client_y() as f64),
        page: Page::Actions,
    }));
}
