//! Links in the inspector: an object's current links (select or remove
//! each) and "Connect to…" with only new, valid links in words; and the
//! panel of a selected link (what it joins, what it does, its settings,
//! Remove). Removing is one undoable edit (`core::edit::delete` on the
//! link's id).

use crate::core::edit::{candidates_besides, connect, current, delete, describe, meaning};
use crate::core::layout::{Link, LinkKind};
use crate::core::model::*;
use crate::ui::doc::Doc;
use leptos::prelude::*;

fn remove(doc: Doc, link_id: String) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    move |_| {
        let next = doc
            .design
            .with_untracked(|d| delete(d, &[link_id.as_str()]));
        doc.apply(next);
    }
}

/// What "Links" shows for an object: its links now, as (link id, words),
/// and the objects it could be linked to, as (id, label). Made on every
/// content edit and compared: the section is drawn again only when this
/// changes (a CIDR typed into one of the stress design's VPCs changes
/// neither list, and its 200 targets keep their elements).
#[derive(Debug, Clone, PartialEq)]
pub struct LinksNow {
    rows: Vec<(String, String)>,
    targets: Vec<(String, String)>,
}

/// [`LinksNow`] of `id` in `d`.
pub fn now(d: &Design, index: &Index<'_>, id: &str) -> LinksNow {
    let now = current(d, id);
    let targets = candidates_besides(d, index, id, &now);
    let rows = now
        .into_iter()
        .map(|(l, other)| {
            // Seen from the subnet, a workload's placement reads the other way.
            let kind = if l.kind == LinkKind::SubnetUse && l.to == id {
                "Used by"
            } else {
                l.kind.label()
            };
            let words = format!(
                "{kind} — {}{}",
                describe(index, &other),
                l.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
            (l.id(), words)
        })
        .collect();
    LinksNow { rows, targets }
}

/// "Links": what `id` is linked to now, and "Connect to…".
pub fn section(doc: Doc, links: &LinksNow, id: &str, pick: Callback<Vec<String>>) -> AnyView {
    let rows = links
        .rows
        .iter()
        .map(|(lid, words)| {
            let (sel, del, words) = (lid.clone(), lid.clone(), words.clone());
            view! {
                <li data-link=lid.clone()>
                    <button type="button" class="link-pick" on:click=move |_| pick.run(vec![sel.clone()])>{words.clone()}</button>
                    <button type="button" class="remove" aria-label=format!("Remove link: {words}") on:click=remove(doc, del)>"Remove"</button>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let current_list = (!rows.is_empty())
        .then(|| view! { <ul class="links-now" aria-label="Current links">{rows}</ul> });
    let picker = (!links.targets.is_empty()).then(|| {
        let chosen = RwSignal::new(String::new());
        let from = id.to_string();
        let go = move |_| {
            let to = chosen.get_untracked();
            if to.is_empty() {
                return;
            }
            chosen.set(String::new());
            match doc.design.with_untracked(|d| connect(d, &from, &to)) {
                Ok(next) => doc.apply(next),
                Err(e) => doc.error(e.to_string()),
            }
        };
        let options = links
            .targets
            .iter()
            .map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> })
            .collect_view();
        view! {
            <div class="connect">
                <label class="field"><span>"Connect to"</span>
                    // The select shows what `chosen` holds, so a list rebuilt
                    // after a connect never shows a choice the app lacks.
                    <select aria-label="Connect to" prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"choose…"</option>
                        {options}
                    </select>
                </label>
                <button type="button" aria-label="Connect" on:click=go>"Connect"</button>
            </div>
        }
    });
    view! { <div class="links" data-field="links"><h4>"Links"</h4>{current_list}{picker}</div> }
        .into_any()
}

/// The panel of a selected link.
pub fn panel(doc: Doc, d: &Design, link: &Link, pick: Callback<Vec<String>>) -> AnyView {
    let index = Index::new(d);
    let end = |id: &str| {
        let target = id.split_once('@').map(|(t, _)| t).unwrap_or(id).to_string();
        let words = describe(&index, id);
        view! { <button type="button" class="link-pick" on:click=move |_| pick.run(vec![target.clone()])>{words}</button> }
    };
    let settings = match link.kind {
        LinkKind::Dns => d
            .dns
            .iter()
            .flat_map(|z| &z.records)
            .find(|r| r.id == link.from)
            .map(|r| {
                let options = super::record::target_options(d);
                r.targets
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.target == link.to)
                    .map(|(i, t)| {
                        super::record::target(doc, &r.id, r.policy, i, t, options.clone())
                    })
                    .collect_view()
                    .into_any()
            }),
        _ => None,
    };
    let means = meaning(&index, link)
        .map(|m| view! { <p class="link-meaning" data-field="meaning">{m}</p> });
    let hint = match link.kind {
        LinkKind::Dns => None,
        LinkKind::SubnetUse => Some(view! { <p class="hint">"Remove takes the subnet off this workload's subnets; its subnet picker adds it back."</p> }.into_any()),
        _ => Some(view! { <p class="hint">"Its settings are on the objects at either end; select one to edit them."</p> }.into_any()),
    };
    view! {
        <h3>{link.kind.label()}</h3>
        <p class="muted id">{link.id()}</p>
        <dl class="link-ends">
            <dt>"From"</dt><dd>{end(&link.from)}</dd>
            <dt>"To"</dt><dd>{end(&link.to)}</dd>
        </dl>
        {means}
        {link.note.clone().map(|n| view! { <p class="link-note-text">{n}</p> })}
        {settings}
        {hint}
        <button type="button" class="remove" on:click=remove(doc, link.id())>"Remove link"</button>
    }
    .into_any()
}
