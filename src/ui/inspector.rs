//! The inspector: the fields of the selected object, its diagnostics inline,
//! and "Clone region as DR" for regions. Every change is one undoable edit.

use super::doc::Doc;
use super::fields::{CheckField, NumField, SelectField, TextField};
use crate::core::catalog;
use crate::core::edit::{clone_region_as_dr, connect, link_kind_in, set_region_code, update, ObjectMut};
use crate::core::model::*;
use crate::core::validate::Diagnostic;
use leptos::prelude::*;

fn apply(doc: Doc, id: &str, f: impl FnOnce(ObjectMut<'_>)) {
    if let Some(next) = doc.design.with_untracked(|d| update(d, id, f)) {
        doc.apply(next);
    }
}

fn opts(list: &[&str]) -> Vec<(String, String)> {
    list.iter().map(|s| (s.to_string(), s.to_string())).collect()
}

macro_rules! set {
    ($doc:expr, $id:expr, $pat:pat => $body:expr) => {{
        let id = $id.clone();
        Callback::new(move |v| apply($doc, &id, move |o| if let $pat = o { $body(v) }))
    }};
}

/// The side panel for the selection.
#[component]
pub fn Inspector(doc: Doc, selection: Signal<Vec<String>>, diagnostics: Signal<Vec<Diagnostic>>, on_error: Callback<String>) -> impl IntoView {
    let body = move || {
        let sel = selection.get();
        let Some(id) = sel.first().cloned() else {
            return view! { <p class="hint">"Select a shape to edit it. Select a region or VPC, then use Add to place things inside it."</p> }.into_any();
        };
        let d = doc.design.get();
        let index = Index::new(&d);
        let Some(obj) = index.get(&id) else { return ().into_any() };
        let title = format!("{} {}", obj.kind().label(), obj.display_name());
        let fields = match obj {
            ObjectRef::Region(r) => region_fields(doc, r, on_error),
            ObjectRef::Vpc { vpc, .. } => view! {
                <TextField label="Name" value=vpc.name.clone() on_commit=set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.name = v) />
                <TextField label="CIDR" value=vpc.cidr.clone() cidr=true on_commit=set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.cidr = v) />
                <SelectField label="NAT" value=nat_str(vpc.nat).into() options=opts(&["none", "single", "per_az"])
                    on_commit=set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.nat = match v.as_str() { "none" => NatMode::None, "single" => NatMode::Single, _ => NatMode::PerAz }) />
            }.into_any(),
            ObjectRef::Subnet { region, subnet, .. } => {
                let azs: Vec<(String, String)> = catalog::region(&region.code).map(|r| r.az_ids_sorted().iter().map(|a| (a.to_string(), a.to_string())).collect()).unwrap_or_default();
                view! {
                    <TextField label="Name" value=subnet.name.clone() on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.name = v) />
                    <TextField label="CIDR" value=subnet.cidr.clone() cidr=true on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.cidr = v) />
                    <SelectField label="AZ" value=subnet.az.clone() options=azs on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.az = v) />
                    <SelectField label="Tier" value=subnet.tier.as_str().into() options=opts(&["public", "private", "data"])
                        on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.tier = match v.as_str() { "public" => Tier::Public, "private" => Tier::Private, _ => Tier::Data }) />
                }.into_any()
            }
            ObjectRef::VpcNode { node, .. } => node_fields(doc, &id, node, on_error),
            ObjectRef::RegionNode { node: RegionNode::S3(b), .. } => view! {
                <TextField label="Name" value=b.name.clone() on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: String| x.name = v) />
                <TextField label="Bucket" value=b.bucket.clone() on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: String| x.bucket = v) />
                <CheckField label="Versioning" value=b.versioning on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: bool| x.versioning = v) />
            }.into_any(),
            ObjectRef::RegionNode { node: RegionNode::Dynamodb(t), .. } => view! {
                <TextField label="Name" value=t.name.clone() on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.name = v) />
                <TextField label="Replica regions" value=t.replicas.join(", ")
                    on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.replicas = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()) />
                <SelectField label="Billing" value=(if t.billing == Billing::OnDemand { "on_demand" } else { "provisioned" }).into() options=opts(&["on_demand", "provisioned"])
                    on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.billing = if v == "provisioned" { Billing::Provisioned } else { Billing::OnDemand }) />
            }.into_any(),
            ObjectRef::Record(r) => view! {
                <TextField label="Name" value=r.name.clone() on_commit=set!(doc, id, ObjectMut::Record(x) => |v: String| x.name = v) />
                <SelectField label="Policy" value=r.policy.as_str().into() options=opts(&["simple", "failover", "latency", "geolocation", "weighted"])
                    on_commit=set!(doc, id, ObjectMut::Record(x) => |v: String| set_policy(x, &v)) />
                <p class="hint">{format!("Targets: {}", r.targets.iter().map(|t| t.target.as_str()).collect::<Vec<_>>().join(", "))}</p>
            }.into_any(),
            ObjectRef::Accelerator(a) => view! {
                <TextField label="Name" value=a.name.clone() on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: String| x.name = v) />
                <NumField label="Health check interval (s)" value=a.health_check.interval min=10 max=30 on_error=on_error
                    on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: u32| x.health_check.interval = v) />
            }.into_any(),
            ObjectRef::Peering(p) => view! { <p class="hint">{format!("Peers {} with {}.", p.a, p.b)}</p> }.into_any(),
        };
        let mine: Vec<Diagnostic> = diagnostics.with(|ds| ds.iter().filter(|x| x.subjects.contains(&id)).cloned().collect());
        let links = connect_picker(doc, &d, &id, on_error);
        view! {
            <h3>{title}</h3>
            <p class="muted id">{format!("id {id}")}</p>
            {fields}
            {links}
            <ul class="inline-problems">
                {mine.into_iter().map(|x| view! { <li class=x.severity.as_str()><b>{x.rule}</b>" "{x.message}<br/><small>{x.fix}</small></li> }).collect_view()}
            </ul>
        }.into_any()
    };
    view! { <section class="inspector" aria-label="Inspector">{body}</section> }
}

fn nat_str(n: NatMode) -> &'static str {
    match n {
        NatMode::None => "none",
        NatMode::Single => "single",
        NatMode::PerAz => "per_az",
    }
}

fn set_policy(r: &mut Record, v: &str) {
    r.policy = match v {
        "failover" => RoutingPolicy::Failover,
        "latency" => RoutingPolicy::Latency,
        "geolocation" => RoutingPolicy::Geolocation,
        "weighted" => RoutingPolicy::Weighted,
        _ => RoutingPolicy::Simple,
    };
}

fn region_fields(doc: Doc, r: &Region, on_error: Callback<String>) -> AnyView {
    let id = r.id.clone();
    let codes: Vec<(String, String)> = catalog::regions().iter().map(|c| (c.code.clone(), format!("{} — {} ({} AZs)", c.code, c.name, c.azs.len()))).collect();
    let dr_code = RwSignal::new(String::new());
    let rid = id.clone();
    let clone = move |_| {
        let code = dr_code.get_untracked();
        match doc.design.with_untracked(|d| clone_region_as_dr(d, &rid, &code)) {
            Ok((d, _)) => doc.apply(d),
            Err(e) => on_error.run(e.to_string()),
        }
    };
    let others = codes.clone();
    // A new code carries the subnets to that region's AZ ids (and the
    // tables that replicate here to the new code), or says why it cannot.
    let rid = id.clone();
    let change_code = Callback::new(move |code: String| match doc.design.with_untracked(|d| set_region_code(d, &rid, &code)) {
        Ok(d) => doc.apply(d),
        Err(e) => on_error.run(e.to_string()),
    });
    view! {
        <SelectField label="Region" value=r.code.clone() options=codes on_commit=change_code />
        <SelectField label="Role" value=(if r.role == RegionRole::Primary { "primary" } else { "secondary" }).into() options=opts(&["primary", "secondary"])
            on_commit=set!(doc, id, ObjectMut::Region(x) => |v: String| x.role = if v == "primary" { RegionRole::Primary } else { RegionRole::Secondary }) />
        <div class="clone-dr">
            <label class="field"><span>"Clone as DR into"</span>
                <select aria-label="DR region" on:change=move |ev| dr_code.set(event_target_value(&ev))>
                    <option value="">"choose a region"</option>
                    {others.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" on:click=clone>"Clone region as DR"</button>
        </div>
    }.into_any()
}

fn node_fields(doc: Doc, id: &str, node: &VpcNode, on_error: Callback<String>) -> AnyView {
    let id = id.to_string();
    match node {
        VpcNode::Alb(a) => view! {
            <TextField label="Name" value=a.name.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: String| x.name = v) />
            <CheckField label="Internal" value=a.internal on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: bool| x.internal = v) />
            <NumField label="Listener port" value=u32::from(a.listener.port) min=1 max=65535 on_error=on_error
                on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.listener.port = u16::try_from(v).unwrap_or(443)) />
            <TextField label="Health check path" value=a.health_check.path.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: String| x.health_check.path = v) />
            <NumField label="Interval (s)" value=a.health_check.interval min=5 max=300 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.health_check.interval = v) />
            <NumField label="Timeout (s)" value=a.health_check.timeout min=2 max=120 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.health_check.timeout = v) />
        }.into_any(),
        VpcNode::Asg(g) => view! {
            <TextField label="Name" value=g.name.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: String| x.name = v) />
            <NumField label="Min" value=g.min min=0 max=10000 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: u32| x.min = v) />
            <NumField label="Desired" value=g.desired min=0 max=10000 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: u32| x.desired = v) />
            <NumField label="Max" value=g.max min=0 max=10000 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: u32| x.max = v) />
            <TextField label="Instance type" value=g.instance_type.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: String| x.instance_type = v) />
            <TextField label="Image" value=g.image.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: String| x.image = v) />
        }.into_any(),
        VpcNode::Rds(r) => view! {
            <TextField label="Name" value=r.name.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.name = v) />
            <TextField label="Instance class" value=r.instance_class.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.instance_class = v) />
            <NumField label="Storage (GiB)" value=r.storage_gb min=20 max=65536 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: u32| x.storage_gb = v) />
            <NumField label="Backup days" value=r.backup_retention_days min=0 max=35 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: u32| x.backup_retention_days = v) />
            <CheckField label="Multi-AZ" value=r.multi_az on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: bool| x.multi_az = v) />
            <CheckField label="Encrypted" value=r.encrypted on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: bool| x.encrypted = v) />
        }.into_any(),
        VpcNode::Aurora(c) => view! {
            <TextField label="Name" value=c.name.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.name = v) />
            <TextField label="Instance class" value=c.instance_class.clone() on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.instance_class = v) />
            <NumField label="Instances" value=c.instances min=1 max=16 on_error=on_error on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: u32| x.instances = v) />
            <TextField label="Global cluster" value=c.global.clone().unwrap_or_default()
                on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.global = Some(v.trim().to_string()).filter(|s| !s.is_empty())) />
        }.into_any(),
    }
}

/// "Connect to…": every object this one can link to (core::edit decides),
/// so links can be drawn with the keyboard as well.
fn connect_picker(doc: Doc, d: &Design, id: &str, on_error: Callback<String>) -> Option<AnyView> {
    let mut targets: Vec<(String, String)> = Vec::new();
    let index = Index::new(d);
    for_each_object(d, |o| {
        if let Ok(kind) = link_kind_in(d, &index, id, o.id()) {
            targets.push((o.id().to_string(), format!("{} {} ({kind:?})", o.kind().label(), o.display_name())));
        }
    });
    if targets.is_empty() {
        return None;
    }
    let chosen = RwSignal::new(String::new());
    let from = id.to_string();
    let go = move |_| {
        let to = chosen.get_untracked();
        if to.is_empty() {
            return;
        }
        match doc.design.with_untracked(|d| connect(d, &from, &to)) {
            Ok(next) => doc.apply(next),
            Err(e) => on_error.run(e.to_string()),
        }
    };
    Some(view! {
        <div class="connect">
            <label class="field"><span>"Connect to"</span>
                <select aria-label="Connect to" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"choose…"</option>
                    {targets.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" aria-label="Connect" on:click=go>"Connect"</button>
        </div>
    }.into_any())
}
