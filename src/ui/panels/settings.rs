//! The design settings: what belongs to the design as a whole rather than
//! to one object (project and environment names, tags, the remote state,
//! the DNS zone, the recovery objectives, the usage the cost estimate
//! assumes) and the diagnostics about it. Shown when nothing is
//! selected, and opened from the toolbar's "Design settings".

use super::diagnostics_list;
use super::fields::{input_view, opts, OptNumField, SelectField, TextField};
use super::inspector::network::region_options;
use crate::core::edit::input;
use crate::core::model::*;
use crate::core::validate::Diagnostic;
use crate::ui::doc::Doc;
use leptos::prelude::*;

/// A callback changing the design itself as one edit.
fn on_design<V: 'static>(doc: Doc, f: fn(&mut Design, V)) -> Callback<V> {
    Callback::new(move |v| {
        let mut d = doc.design.get_untracked();
        f(&mut d, v);
        doc.apply(d);
    })
}

/// The bucket name a new design starts with; S3 names are global, so this
/// one is almost surely taken and the panel says so.
pub fn default_bucket(d: &Design) -> String {
    format!("{}-{}-tfstate", d.name, d.environment)
}

/// The settings panel.
#[component]
pub fn Settings(
    doc: Doc,
    diagnostics: Signal<Vec<Diagnostic>>,
    /// Set by the toolbar's button: the panel takes focus, then clears it.
    focus: RwSignal<bool>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let (true, Some(h)) = (focus.get(), heading.get()) {
            let _ = h.focus();
            focus.set(false);
        }
    });
    let section = NodeRef::<leptos::html::Section>::new();
    // Rebuilt when the design's content changes, not on a move (`Content`).
    let body = move || {
        doc.content().with(|d| {
        super::sync_after_render(section);
        let s = &d.state;
        let defaulted = move || doc.content().with(|d| d.state.bucket == default_bucket(d));
        let dynamo = (s.lock == LockMode::Dynamodb || s.dynamodb_table.is_some()).then(|| view! {
            <TextField label="Lock table" field="state.dynamodb_table" value=s.dynamodb_table.clone().unwrap_or_default()
                on_commit=on_design(doc, |d, v: String| d.state.dynamodb_table = Some(v).filter(|s| !s.is_empty())) />
        });
        let mine = move || {
            diagnostics_list(diagnostics.with(|ds| {
                ds.iter()
                    .filter(|x| x.subjects.is_empty())
                    .cloned()
                    .collect()
            }))
        };
        view! {
            <p class="muted id"><span data-field="format">{d.format.clone()}</span>" "<span data-field="version">{format!("version {}", d.version)}</span></p>
            <TextField label="Project" field="name" value=d.name.clone() check=|s| input::slug(s, 20)
                on_commit=on_design(doc, |d, v: String| d.name = v) />
            <TextField label="Environment" field="environment" value=d.environment.clone() check=|s| input::slug(s, 12)
                on_commit=on_design(doc, |d, v: String| d.environment = v) />
            {tags(doc, d)}
            <h4>"Terraform state"</h4>
            <TextField label="State bucket" field="state.bucket" value=s.bucket.clone() check=input::name
                on_commit=on_design(doc, |d, v: String| d.state.bucket = v) />
            {move || defaulted().then(|| view! { <p class="flag" role="note">"This is the default name. S3 bucket names are global across every AWS account, so it is probably taken: give the bucket a name of your own."</p> })}
            <SelectField label="State region" field="state.region" value=s.region.clone() options=region_options()
                on_commit=on_design(doc, |d, v: String| d.state.region = v) />
            <SelectField label="Locking" field="state.lock" value=(if s.lock == LockMode::Lockfile { "lockfile" } else { "dynamodb" }).into() options=opts(&["lockfile", "dynamodb"])
                on_commit=on_design(doc, |d, v: String| d.state.lock = if v == "dynamodb" { LockMode::Dynamodb } else { LockMode::Lockfile }) />
            {dynamo}
            <TextField label="Key prefix" field="state.key_prefix" value=s.key_prefix.clone().unwrap_or_default()
                on_commit=on_design(doc, |d, v: String| d.state.key_prefix = Some(v).filter(|s| !s.is_empty())) />
            {state_buckets(doc, d)}
            <SelectField label="Roots per region" field="state.split" value=(if s.split == StateSplit::RegionLayer { "region_layer" } else { "region" }).into()
                options=vec![("region".into(), "one root per region".into()), ("region_layer".into(), "platform and workloads roots per region".into())]
                on_commit=on_design(doc, |d, v: String| d.state.split = if v == "region_layer" { StateSplit::RegionLayer } else { StateSplit::Region }) />
            <h4>"DNS"</h4>
            {zone(doc, d)}
            {zone_id(doc, d)}
            <h4>"Recovery objectives"</h4>
            {objectives(d, doc)}
            <h4>"Usage (for the cost estimate)"</h4>
            <p class="hint">"Per month. Empty: the estimate's default."</p>
            {super::usage::usage(doc, d)}
            {mine}
        }
    })
    };
    view! {
        <section class="inspector settings" aria-label="Design settings" node_ref=section>
            <h3 tabindex="-1" node_ref=heading>"Design settings"</h3>
            {body}
        </section>
    }
}

/// The tags as rows: key, value, remove; and "Add tag".
fn tags(doc: Doc, d: &Design) -> AnyView {
    let rows = d
        .tags
        .iter()
        .map(|(k, v)| {
            let key = k.clone();
            let rename = Box::new(move |text: &str| {
                let mut d = doc.design.get_untracked();
                let new_key = input::tag_key(text, d.tags.keys().filter(|x| **x != key).map(String::as_str))?;
                if let Some(v) = d.tags.remove(&key) {
                    d.tags.insert(new_key.clone(), v);
                }
                doc.apply(d);
                Ok(new_key)
            });
            let key = k.clone();
            let revalue = Box::new(move |text: &str| {
                let mut d = doc.design.get_untracked();
                let v = input::tag_value(text)?;
                d.tags.insert(key.clone(), v.clone());
                doc.apply(d);
                Ok(v)
            });
            let key = k.clone();
            let remove = move |_| {
                let mut d = doc.design.get_untracked();
                d.tags.remove(&key);
                doc.apply(d);
            };
            view! {
                <div class="tag-row" data-key=k.clone()>
                    {input_view("Tag key", "tags.key", "text", k.clone(), false, rename)}
                    {input_view("Tag value", "tags.value", "text", v.clone(), false, revalue)}
                    <button type="button" class="remove" aria-label=format!("Remove tag {k}") on:click=remove>"×"</button>
                </div>
            }
        })
        .collect_view();
    let add = move |_| {
        let mut d = doc.design.get_untracked();
        let mut key = "tag".to_string();
        let mut n = 1;
        while d.tags.contains_key(&key) {
            n += 1;
            key = format!("tag-{n}");
        }
        d.tags.insert(key, String::new());
        doc.apply(d);
    };
    view! {
        <fieldset class="field tags" data-field="tags">
            <legend>"Tags (on every resource)"</legend>
            {rows}
            <button type="button" aria-label="Add tag" on:click=add>"Add tag"</button>
        </fieldset>
    }
    .into_any()
}

/// The hosted zone: typing a name creates the `dns` section; emptying it
/// removes the section, unless records still need it.
fn zone(doc: Doc, d: &Design) -> AnyView {
    let value = d.dns.as_ref().map(|z| z.zone.clone()).unwrap_or_default();
    let commit = Box::new(move |text: &str| {
        let mut d = doc.design.get_untracked();
        let zone = text.trim().trim_end_matches('.').to_ascii_lowercase();
        match (&mut d.dns, zone.is_empty()) {
            (Some(z), true) if !z.records.is_empty() => {
                return Err(format!(
                    "the zone still has {} records; delete them first",
                    z.records.len()
                ))
            }
            (dns @ Some(_), true) => *dns = None,
            (Some(z), false) => z.zone = zone.clone(),
            (None, false) => {
                d.dns = Some(Dns {
                    zone: zone.clone(),
                    zone_id: None,
                    records: Vec::new(),
                })
            }
            (None, true) => return Ok(zone),
        }
        doc.apply(d);
        Ok(zone)
    });
    let hint = d.dns.is_none().then(|| view! { <p class="hint">"No DNS zone yet: type one (e.g. example.com) to add Route 53 records."</p> });
    view! { {input_view("DNS zone", "dns.zone", "text", value, false, commit)} {hint} }.into_any()
}

/// Each region's state bucket: one input per region of the design (and per
/// region the map still names); empty means `<bucket>-<region code>`.
fn state_buckets(doc: Doc, d: &Design) -> AnyView {
    let mut codes: Vec<String> = d.regions.iter().map(|r| r.code.clone()).collect();
    for c in d.state.buckets.keys() {
        if !codes.contains(c) {
            codes.push(c.clone());
        }
    }
    let rows = codes
        .into_iter()
        .map(|code| {
            let value = d.state.buckets.get(&code).cloned().unwrap_or_default();
            let default = format!("{}-{code}", d.state.bucket);
            let key = code.clone();
            let commit = Box::new(move |text: &str| {
                let mut d = doc.design.get_untracked();
                let v = input::text(text)?;
                if v.is_empty() {
                    d.state.buckets.remove(&key);
                } else {
                    d.state.buckets.insert(key.clone(), v.clone());
                }
                doc.apply(d);
                Ok(v)
            });
            view! {
                <div class="bucket-row" data-key=code.clone()>
                    <span class="muted">{code.clone()}</span>
                    {input_view("Region state bucket", "state.buckets.bucket", "text", value, false, commit)}
                    <p class="hint">{format!("Empty: {default}")}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field state-buckets" data-field="state.buckets">
            <legend>"Each region's state bucket"</legend>
            {rows}
        </fieldset>
    }
    .into_any()
}

/// An existing hosted zone's id: records go into it and the export creates
/// no zone. Shown once the design has a zone name.
fn zone_id(doc: Doc, d: &Design) -> Option<AnyView> {
    let dns = d.dns.as_ref()?;
    let value = dns.zone_id.clone().unwrap_or_default();
    let hint = if dns.zone_id.is_some() {
        "Records go into this existing zone; the export creates none."
    } else {
        "Empty: the export creates the zone and outputs its name servers."
    };
    Some(view! {
        <TextField label="Existing zone id" field="dns.zone_id" value=value
            on_commit=on_design(doc, |d, v: String| if let Some(z) = &mut d.dns { z.zone_id = Some(v).filter(|s| !s.is_empty()) }) />
        <p class="hint">{hint}</p>
    }
    .into_any())
}

/// Sets one objective number, dropping entries left empty.
fn set_objective(d: &mut Design, region: bool, rto: bool, v: Option<u32>) {
    let slot = if region {
        &mut d.objectives.region
    } else {
        &mut d.objectives.az
    };
    let o = slot.get_or_insert_with(Objective::default);
    if rto {
        o.rto_seconds = v;
    } else {
        o.rpo_seconds = v;
    }
    if *o == Objective::default() {
        *slot = None;
    }
}

/// The recovery objectives, in whole seconds; empty means not set.
fn objectives(d: &Design, doc: Doc) -> AnyView {
    let get = |o: &Option<Objective>, rto: bool| {
        o.as_ref()
            .and_then(|o| if rto { o.rto_seconds } else { o.rpo_seconds })
    };
    let (r, a) = (&d.objectives.region, &d.objectives.az);
    view! {
        <OptNumField label="Region loss: RTO (s)" field="objectives.region.rto_seconds" value=get(r, true) min=0 max=u32::MAX
            on_commit=on_design(doc, |d, v: Option<u32>| set_objective(d, true, true, v)) />
        <OptNumField label="Region loss: RPO (s)" field="objectives.region.rpo_seconds" value=get(r, false) min=0 max=u32::MAX
            on_commit=on_design(doc, |d, v: Option<u32>| set_objective(d, true, false, v)) />
        <OptNumField label="AZ loss: RTO (s)" field="objectives.az.rto_seconds" value=get(a, true) min=0 max=u32::MAX
            on_commit=on_design(doc, |d, v: Option<u32>| set_objective(d, false, true, v)) />
        <OptNumField label="AZ loss: RPO (s)" field="objectives.az.rpo_seconds" value=get(a, false) min=0 max=u32::MAX
            on_commit=on_design(doc, |d, v: Option<u32>| set_objective(d, false, false, v)) />
    }
    .into_any()
}
