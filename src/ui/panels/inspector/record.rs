//! DNS records in the inspector: name, type, policy, TTL, and per target
//! what its policy needs (failover role, weight, geolocation) and its
//! health check. A setting the policy does not use is still shown while it
//! is set, so rule R53-21's "remove the setting" can be done here.

use super::pickers;
use crate::core::catalog;
use crate::core::edit::{input, ObjectMut};
use crate::core::model::*;
use crate::ui::doc::Doc;
use crate::ui::panels::fields::{opts, CheckField, NumField, OptNumField, SelectField, TextField};
use leptos::prelude::*;

fn policy(v: &str) -> RoutingPolicy {
    match v {
        "failover" => RoutingPolicy::Failover,
        "latency" => RoutingPolicy::Latency,
        "geolocation" => RoutingPolicy::Geolocation,
        "weighted" => RoutingPolicy::Weighted,
        _ => RoutingPolicy::Simple,
    }
}

/// A callback editing target `i` of record `id`.
fn on_target<V: 'static>(doc: Doc, id: &str, i: usize, f: fn(&mut Target, V)) -> Callback<V> {
    let id = id.to_string();
    Callback::new(move |v| {
        super::apply(doc, &id, move |o| {
            if let ObjectMut::Record(r) = o {
                if let Some(t) = r.targets.get_mut(i) {
                    f(t, v)
                }
            }
        })
    })
}

fn choice(list: &[&str]) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "— none —".to_string())];
    v.extend(opts(list));
    v
}

/// A record and its targets.
pub fn record(doc: Doc, d: &Design, r: &Record) -> AnyView {
    let id = r.id.clone();
    let targets = target_options(d);
    let rows = r
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| target(doc, &id, r.policy, i, t, targets.clone()))
        .collect_view();
    view! {
        <TextField label="Name" field="name" value=r.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::Record(x) => |v: String| x.name = v) />
        <SelectField label="Type" field="type" value=r.kind.as_str().into() options=opts(&["A", "AAAA"])
            on_commit=set!(doc, id, ObjectMut::Record(x) => |v: String| x.kind = if v == "AAAA" { RecordType::Aaaa } else { RecordType::A }) />
        <SelectField label="Policy" field="policy" value=r.policy.as_str().into() options=opts(&["simple", "failover", "latency", "geolocation", "weighted"])
            on_commit=set!(doc, id, ObjectMut::Record(x) => |v: String| x.policy = policy(&v)) />
        <OptNumField label="TTL (s)" field="ttl" value=r.ttl min=0 max=2_147_483_647 on_commit=set!(doc, id, ObjectMut::Record(x) => |v: Option<u32>| x.ttl = v) />
        <p class="hint">"Empty TTL: none (alias records use their target's TTL). Add targets with “Connect to”."</p>
        <div class="targets" data-field="targets">{rows}</div>
    }
    .into_any()
}

/// Everything a record can route to: load balancers and accelerators.
pub(super) fn target_options(d: &Design) -> Vec<(String, String)> {
    let mut targets = pickers::objects(d, ObjectKind::Node(NodeKind::Alb), false, &|_| true);
    targets.extend(pickers::objects(d, ObjectKind::Accelerator, false, &|_| {
        true
    }));
    targets
}

pub(super) fn target(
    doc: Doc,
    id: &str,
    policy: RoutingPolicy,
    i: usize,
    t: &Target,
    options: Vec<(String, String)>,
) -> AnyView {
    let rid = id.to_string();
    let remove = move |_| {
        super::apply(doc, &rid, move |o| {
            if let ObjectMut::Record(r) = o {
                if i < r.targets.len() {
                    r.targets.remove(i);
                }
            }
        })
    };
    let role = (policy == RoutingPolicy::Failover || t.role.is_some()).then(|| {
        let v = match t.role {
            Some(FailoverRole::Primary) => "primary",
            Some(FailoverRole::Secondary) => "secondary",
            None => "",
        };
        view! {
            <SelectField label="Failover role" field="targets[].role" value=v.into() options=choice(&["primary", "secondary"])
                on_commit=on_target(doc, id, i, |t, v: String| t.role = match v.as_str() { "primary" => Some(FailoverRole::Primary), "secondary" => Some(FailoverRole::Secondary), _ => None }) />
        }
    });
    let weight = (policy == RoutingPolicy::Weighted || t.weight.is_some()).then(|| view! {
        <OptNumField label="Weight" field="targets[].weight" value=t.weight min=0 max=255 on_commit=on_target(doc, id, i, |t, v: Option<u32>| t.weight = v) />
    });
    let location = (policy == RoutingPolicy::Geolocation || t.location.is_some())
        .then(|| location(doc, id, i, t.location.clone().unwrap_or_default()));
    let check = t.health_check.clone();
    view! {
        <fieldset class="target">
            <legend>{format!("Target {}", i + 1)}</legend>
            <SelectField label="Target" field="targets[].target" value=t.target.clone() options=options on_commit=on_target(doc, id, i, |t, v: String| t.target = v) />
            {role}
            {weight}
            {location}
            <CheckField label="Health check" field="targets[].health_check" value=check.is_some()
                on_commit=on_target(doc, id, i, |t, on: bool| t.health_check = on.then(|| HealthCheck {
                    protocol: CheckProtocol::Https, port: 443, path: Some("/health".into()), interval: 30, failure_threshold: 3,
                })) />
            {check.map(|h| health(doc, id, i, h))}
            <button type="button" class="remove" aria-label=format!("Remove target {}", i + 1) on:click=remove>"Remove target"</button>
        </fieldset>
    }
    .into_any()
}

/// Changes a target's location; one with nothing left in it is removed,
/// so clearing every part takes the setting away (R53-21).
fn at(t: &mut Target, f: impl FnOnce(&mut GeoLocation)) {
    let mut l = t.location.take().unwrap_or_default();
    f(&mut l);
    t.location = (l != GeoLocation::default()).then_some(l);
}

/// The four ways to say where clients are; R53-08 wants exactly one.
fn location(doc: Doc, id: &str, i: usize, l: GeoLocation) -> AnyView {
    let mut countries = vec![
        (String::new(), "— none —".to_string()),
        ("*".to_string(), "* (default)".to_string()),
    ];
    countries.extend(catalog::countries().map(|c| (c.to_string(), c.to_string())));
    let us = l.country.as_deref() == Some("US") || l.subdivision.is_some();
    let states = us.then(|| {
        let mut s = vec![(String::new(), "— none —".to_string())];
        s.extend(catalog::us_states().map(|c| (c.to_string(), c.to_string())));
        view! {
            <SelectField label="US state" field="targets[].location.subdivision" value=l.subdivision.clone().unwrap_or_default() options=s
                on_commit=on_target(doc, id, i, |t, v: String| at(t, |l| l.subdivision = Some(v).filter(|s| !s.is_empty()))) />
        }
    });
    view! {
        <SelectField label="Continent" field="targets[].location.continent" value=l.continent.clone().unwrap_or_default() options=choice(catalog::CONTINENTS)
            on_commit=on_target(doc, id, i, |t, v: String| at(t, |l| l.continent = Some(v).filter(|s| !s.is_empty()))) />
        <SelectField label="Country" field="targets[].location.country" value=l.country.clone().unwrap_or_default() options=countries
            on_commit=on_target(doc, id, i, |t, v: String| at(t, |l| l.country = Some(v).filter(|s| !s.is_empty()))) />
        {states}
        <CheckField label="Default location" field="targets[].location.default" value=l.default == Some(true)
            on_commit=on_target(doc, id, i, |t, v: bool| at(t, |l| l.default = v.then_some(true))) />
    }
    .into_any()
}

/// A target's Route 53 health check.
fn health(doc: Doc, id: &str, i: usize, h: HealthCheck) -> AnyView {
    fn with(t: &mut Target, f: impl FnOnce(&mut HealthCheck)) {
        if let Some(h) = &mut t.health_check {
            f(h)
        }
    }
    view! {
        <SelectField label="Check protocol" field="targets[].health_check.protocol" value=h.protocol.as_str().into() options=opts(&["HTTP", "HTTPS", "TCP"])
            on_commit=on_target(doc, id, i, |t, v: String| with(t, |h| h.protocol = match v.as_str() { "HTTP" => CheckProtocol::Http, "TCP" => CheckProtocol::Tcp, _ => CheckProtocol::Https })) />
        <NumField label="Check port" field="targets[].health_check.port" value=u32::from(h.port) min=1 max=65535
            on_commit=on_target(doc, id, i, |t, v: u32| with(t, |h| if let Ok(p) = u16::try_from(v) { h.port = p })) />
        <TextField label="Check path" field="targets[].health_check.path" value=h.path.clone().unwrap_or_default()
            on_commit=on_target(doc, id, i, |t, v: String| with(t, |h| h.path = Some(v).filter(|s| !s.is_empty()))) />
        <SelectField label="Check interval (s)" field="targets[].health_check.interval" value=h.interval.to_string() options=opts(&["10", "30"])
            on_commit=on_target(doc, id, i, |t, v: String| with(t, |h| h.interval = if v == "10" { 10 } else { 30 })) />
        <NumField label="Failures before unhealthy" field="targets[].health_check.failure_threshold" value=h.failure_threshold min=1 max=10
            on_commit=on_target(doc, id, i, |t, v: u32| with(t, |h| h.failure_threshold = v)) />
    }
    .into_any()
}
