//! Regions, VPCs, subnets and peerings in the inspector.

use crate::core::catalog;
use crate::core::edit::{
    changes, clone_region_as_dr, input, make_primary, set_region_code, ObjectMut,
};
use crate::core::model::*;
use crate::ui::doc::{Doc, Notice};
use crate::ui::panels::fields::{opts, SelectField, TextField};
use leptos::prelude::*;

/// Every catalog region as (code, "code — name (n AZs)").
pub fn region_options() -> Vec<(String, String)> {
    catalog::regions()
        .iter()
        .map(|c| {
            (
                c.code.clone(),
                format!("{} — {} ({} AZs)", c.code, c.name, c.azs.len()),
            )
        })
        .collect()
}

/// A region: its code (carrying subnets to the new AZ ids), its role, and
/// "Clone region as DR", which then says what it added and changed.
pub fn region(doc: Doc, r: &Region) -> AnyView {
    let id = r.id.clone();
    let dr_code = RwSignal::new(String::new());
    let rid = id.clone();
    let clone = move |_| {
        let code = dr_code.get_untracked();
        if code.is_empty() {
            doc.error("Choose the region to clone into first.");
            return;
        }
        let before = doc.design.get_untracked();
        match clone_region_as_dr(&before, &rid, &code) {
            Ok((d, new_id)) => {
                let mut lines = changes(&before, &d);
                if !routed(&d, &new_id) {
                    lines.push(format!("Not done: no DNS record or accelerator sends traffic to {code} yet; connect its load balancer to one (DES-03)."));
                }
                doc.apply(d);
                doc.notice.set(Some(Notice::info(
                    format!("Cloned {rid} into {code} as disaster recovery:"),
                    lines,
                )));
            }
            Err(e) => doc.error(e.to_string()),
        }
    };
    let rid = id.clone();
    let change_code = Callback::new(move |code: String| {
        match doc
            .design
            .with_untracked(|d| set_region_code(d, &rid, &code))
        {
            Ok(d) => doc.apply(d),
            Err(e) => doc.error(e.to_string()),
        }
    });
    // The role moves the writer, the traffic and the production size with it
    // (core::edit::make_primary), one undoable edit that says what moved.
    let rid = id.clone();
    let promote = Callback::new(move |()| {
        let before = doc.design.get_untracked();
        match make_primary(&before, &rid) {
            Ok((d, lines)) => {
                doc.apply(d);
                doc.notice
                    .set(Some(Notice::info("Made primary:".to_string(), lines)));
            }
            Err(e) => doc.error(e.to_string()),
        }
    });
    let set_role = Callback::new(move |v: String| match v.as_str() {
        "primary" => promote.run(()),
        _ => doc.error("A design needs a primary region: make another region primary instead."),
    });
    let make = (r.role != RegionRole::Primary).then(|| view! {
        <button type="button" class="make-primary" on:click=move |_| promote.run(())>"Make this region primary"</button>
        <p class="hint">"After a failover, or to switch on purpose: moves the writer databases, the failover records' PRIMARY and the production size here. Re-export and apply region by region (README: Failback)."</p>
    });
    let others = region_options();
    view! {
        <SelectField label="Region" field="code" value=r.code.clone() options=region_options() on_commit=change_code />
        <SelectField label="Role" field="role" value=(if r.role == RegionRole::Primary { "primary" } else { "secondary" }).into() options=opts(&["primary", "secondary"])
            on_commit=set_role />
        {make}
        <div class="clone-dr">
            <label class="field"><span>"Clone as DR into"</span>
                <select aria-label="DR region" on:change=move |ev| dr_code.set(event_target_value(&ev))>
                    <option value="">"choose a region"</option>
                    {others.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" on:click=clone>"Clone region as DR"</button>
        </div>
    }
    .into_any()
}

/// True when a DNS record or an accelerator targets a load balancer of
/// region `id` (or the region has none to target).
fn routed(d: &Design, id: &str) -> bool {
    let Some(r) = d.regions.iter().find(|r| r.id == id) else {
        return true;
    };
    let albs: Vec<&str> = r
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .filter(|n| n.kind() == NodeKind::Alb)
        .map(|n| n.id())
        .collect();
    let dns = d
        .dns
        .iter()
        .flat_map(|z| &z.records)
        .flat_map(|r| &r.targets)
        .any(|t| albs.contains(&t.target.as_str()));
    let ga = d
        .accelerators
        .iter()
        .flat_map(|a| &a.endpoints)
        .any(|e| albs.contains(&e.target.as_str()));
    albs.is_empty() || dns || ga
}

fn nat_str(n: NatMode) -> &'static str {
    match n {
        NatMode::None => "none",
        NatMode::Single => "single",
        NatMode::PerAz => "per_az",
    }
}

/// A VPC: name, CIDR (refused unless it is a CIDR), NAT, and its
/// peerings (lines on the canvas), each a button that selects it.
pub fn vpc(doc: Doc, d: &Design, vpc: &Vpc, pick: Callback<Vec<String>>) -> AnyView {
    let id = vpc.id.clone();
    let peerings = d
        .peerings
        .iter()
        .filter(|p| p.a == vpc.id || p.b == vpc.id)
        .map(|p| {
            let other = if p.a == vpc.id { p.b.clone() } else { p.a.clone() };
            let pid = p.id.clone();
            view! { <li><button type="button" class="link" on:click=move |_| pick.run(vec![pid.clone()])>{format!("Peering {} with {other}", p.id)}</button></li> }
        })
        .collect_view();
    view! {
        <ul class="peerings">{peerings}</ul>
        <TextField label="Name" field="name" value=vpc.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.name = v) />
        <TextField label="CIDR" field="cidr" value=vpc.cidr.clone() cidr=true on_commit=set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.cidr = v) />
        <SelectField label="NAT" field="nat" value=nat_str(vpc.nat).into() options=opts(&["none", "single", "per_az"])
            on_commit=set!(doc, id, ObjectMut::Vpc(x) => |v: String| x.nat = match v.as_str() { "none" => NatMode::None, "single" => NatMode::Single, _ => NatMode::PerAz }) />
    }
    .into_any()
}

/// A subnet: name, CIDR, an AZ id of its region, tier.
pub fn subnet(doc: Doc, region_code: &str, subnet: &Subnet) -> AnyView {
    let id = subnet.id.clone();
    let azs: Vec<(String, String)> = catalog::region(region_code)
        .map(|r| {
            r.azs
                .iter()
                .map(|a| (a.id.clone(), format!("{} ({})", a.id, a.name)))
                .collect()
        })
        .unwrap_or_default();
    view! {
        <TextField label="Name" field="name" value=subnet.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.name = v) />
        <TextField label="CIDR" field="cidr" value=subnet.cidr.clone() cidr=true on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.cidr = v) />
        <SelectField label="AZ" field="az" value=subnet.az.clone() options=azs on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.az = v) />
        <SelectField label="Tier" field="tier" value=subnet.tier.as_str().into() options=opts(&["public", "private", "data"])
            on_commit=set!(doc, id, ObjectMut::Subnet(x) => |v: String| x.tier = match v.as_str() { "public" => Tier::Public, "private" => Tier::Private, _ => Tier::Data }) />
    }
    .into_any()
}

/// A peering: its two VPCs, each picked from the design's VPCs.
pub fn peering(doc: Doc, d: &Design, p: &Peering) -> AnyView {
    let id = p.id.clone();
    let vpcs: Vec<(String, String)> = d
        .regions
        .iter()
        .flat_map(|r| {
            r.vpcs
                .iter()
                .map(move |v| (v.id.clone(), format!("{} ({}, {})", v.name, v.id, r.code)))
        })
        .collect();
    view! {
        <SelectField label="Requester VPC" field="a" value=p.a.clone() options=vpcs.clone() on_commit=set!(doc, id, ObjectMut::Peering(x) => |v: String| x.a = v) />
        <SelectField label="Accepter VPC" field="b" value=p.b.clone() options=vpcs on_commit=set!(doc, id, ObjectMut::Peering(x) => |v: String| x.b = v) />
    }
    .into_any()
}
