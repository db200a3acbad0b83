//! The inspector: a typed control for every field of the selected object
//! (the table in [`controls`] lists them, and a test holds it to the
//! format), the object's diagnostics inline, "Connect to…" for links, and
//! "Clone region as DR" for regions. Every change is one undoable edit.
//! One file per family of objects.

use super::diagnostics_list;
use crate::core::edit::{update, ObjectMut};
use crate::core::layout::Link;
use crate::core::model::*;
use crate::core::validate::Diagnostic;
use crate::ui::cost::ObjectCost;
use crate::ui::doc::Doc;
use leptos::prelude::*;

/// A callback that changes one field of object `$id` through
/// [`crate::core::edit::update`]: `set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.name = v)`.
macro_rules! set {
    ($doc:expr, $id:expr, $pat:pat => $body:expr) => {{
        let id = $id.clone();
        Callback::new(move |v| {
            $crate::ui::panels::inspector::apply($doc, &id, move |o| {
                if let $pat = o {
                    $body(v)
                }
            })
        })
    }};
}

mod accelerator;
mod compute;
mod containers;
pub mod controls;
mod data;
mod links;
pub mod network;
mod pickers;
mod record;
mod traffic;

/// Applies `f` to object `id` as one edit (nothing happens for an id that
/// is gone, e.g. deleted by another view meanwhile).
pub(crate) fn apply(doc: Doc, id: &str, f: impl FnOnce(ObjectMut<'_>)) {
    apply_boxed(doc, id, Box::new(f));
}

/// The one copy of the edit itself: a hundred controls each have their own
/// closure, and only this small boxing step is made once per closure.
fn apply_boxed(doc: Doc, id: &str, f: Box<dyn FnOnce(ObjectMut<'_>) + '_>) {
    if let Some(next) = doc.design.with_untracked(|d| update(d, id, f)) {
        doc.apply(next);
    }
}

/// The side panel for the selection.
///
/// The body is made once per selected object (or link), not on every edit:
/// `shown` (the first selected id and, for an object, its kind while it is
/// in the design) is equal across the content edits that keep the object.
/// Within the body, the title and fields follow the design's content, and
/// the links section is drawn again only when the links or the targets it
/// lists change ([`links::LinksNow`]): on the stress design, a CIDR typed
/// into a VPC redraws its fields, not the 200 targets of "Connect to".
#[component]
pub fn Inspector(
    doc: Doc,
    selection: Signal<Vec<String>>,
    diagnostics: Signal<Vec<Diagnostic>>,
    /// Selects other objects (a VPC's peerings, which the canvas draws as lines).
    on_pick: Callback<Vec<String>>,
) -> impl IntoView {
    let section = NodeRef::<leptos::html::Section>::new();
    let shown = Memo::new(move |_| {
        let id = selection.with(|s| s.first().cloned())?;
        if Link::from_id(&id).is_some() {
            return Some((id, None));
        }
        let kind = doc
            .content()
            .with(|d| find_object(d, &id).map(|o| o.kind()))?;
        Some((id, Some(kind)))
    });
    let body = move || {
        let (id, kind) = shown.get()?;
        Some(match kind {
            None => {
                // Rebuilt when the design's content changes, not on a move (`Content`).
                (move || {
                    doc.content()
                        .with(|d| link_body(doc, d, &id, on_pick, section))
                })
                .into_any()
            }
            Some(_) => object_body(doc, id, diagnostics, on_pick, section),
        })
    };
    view! { <section class="inspector" aria-label="Inspector" node_ref=section>{body}</section> }
}

/// The inspector's view of link `id` in `d`.
fn link_body(
    doc: Doc,
    d: &Design,
    id: &str,
    on_pick: Callback<Vec<String>>,
    section: NodeRef<leptos::html::Section>,
) -> Option<AnyView> {
    super::sync_after_render(section);
    // The note and settings come from the design's current links. Only the
    // links between its two ends are made (the stress design has 14,000),
    // then the one of its kind.
    let link = Link::from_id(id)?;
    let wanted = link.id();
    let ends = |from: &str, to: &str| from == link.from && to == link.to;
    let link = crate::core::layout::links_where(d, &ends)
        .into_iter()
        .find(|l| l.is(&wanted))?;
    Some(links::panel(doc, d, &link, on_pick).into_any())
}

/// The inspector's view of object `id`: its title, fields, links and
/// diagnostics, each following the design on its own.
fn object_body(
    doc: Doc,
    id: String,
    diagnostics: Signal<Vec<Diagnostic>>,
    on_pick: Callback<Vec<String>>,
    section: NodeRef<leptos::html::Section>,
) -> AnyView {
    let title = {
        let id = id.clone();
        move || {
            doc.content().with(|d| {
                find_object(d, &id).map(|o| format!("{} {}", o.kind().label(), o.display_name()))
            })
        }
    };
    let fields = {
        let id = id.clone();
        move || {
            super::sync_after_render(section);
            doc.content().with(|d| fields_of(doc, d, &id, on_pick))
        }
    };
    let now = {
        let id = id.clone();
        Memo::new(move |_| doc.content().with(|d| links::now(d, &Index::new(d), &id)))
    };
    let links = {
        let id = id.clone();
        move || now.with(|l| links::section(doc, l, &id, on_pick))
    };
    let did = id.clone();
    let mine = move || {
        diagnostics_list(diagnostics.with(|ds| {
            ds.iter()
                .filter(|x| x.subjects.contains(&did))
                .cloned()
                .collect()
        }))
    };
    view! {
        <h3>{title}</h3>
        <p class="muted id" data-field="id">{format!("id {id}")}</p>
        <ObjectCost design=doc.design.into() id=id.clone() />
        {fields}
        {links}
        {mine}
    }
    .into_any()
}

/// The fields of object `id` in `d`.
fn fields_of(doc: Doc, d: &Design, id: &str, on_pick: Callback<Vec<String>>) -> Option<AnyView> {
    Some(match find_object(d, id)? {
        ObjectRef::Region(r) => network::region(doc, r),
        ObjectRef::Vpc { vpc, .. } => network::vpc(doc, d, vpc, on_pick),
        ObjectRef::Subnet { region, subnet, .. } => network::subnet(doc, &region.code, subnet),
        ObjectRef::Peering(p) => network::peering(doc, d, p),
        ObjectRef::VpcNode { vpc, node, .. } => match node {
            VpcNode::Alb(a) => compute::alb(doc, vpc, a),
            VpcNode::Asg(g) => compute::asg(doc, d, vpc, node, g),
            VpcNode::Rds(r) => data::rds(doc, d, vpc, r),
            VpcNode::Aurora(c) => data::aurora(doc, vpc, c),
            VpcNode::Ecs(e) => containers::ecs(doc, d, vpc, node, e),
            VpcNode::Elasticache(c) => containers::elasticache(doc, vpc, c),
        },
        ObjectRef::RegionNode { region, node } => match node {
            RegionNode::S3(b) => data::s3(doc, d, b),
            RegionNode::Dynamodb(t) => data::dynamodb(doc, d, region, t),
        },
        ObjectRef::Record(r) => record::record(doc, d, r),
        ObjectRef::Accelerator(a) => accelerator::accelerator(doc, d, a),
    })
}
