//! Global Accelerators in the inspector: name, listener, endpoints (load
//! balancer, weight, traffic dial, remove) and the endpoint groups' health
//! check.

use super::pickers;
use crate::core::edit::{input, ObjectMut};
use crate::core::model::*;
use crate::ui::doc::Doc;
use crate::ui::panels::fields::{opts, NumField, SelectField, TextField};
use leptos::prelude::*;

/// A callback editing endpoint `i` of accelerator `id`.
fn on_endpoint<V: 'static>(doc: Doc, id: &str, i: usize, f: fn(&mut Endpoint, V)) -> Callback<V> {
    let id = id.to_string();
    Callback::new(move |v| {
        super::apply(doc, &id, move |o| {
            if let ObjectMut::Accelerator(a) = o {
                if let Some(e) = a.endpoints.get_mut(i) {
                    f(e, v)
                }
            }
        })
    })
}

/// An accelerator and its endpoints.
pub fn accelerator(doc: Doc, d: &Design, a: &Accelerator) -> AnyView {
    let id = a.id.clone();
    let albs = pickers::objects(d, ObjectKind::Node(NodeKind::Alb), false, &|_| true);
    let endpoints = a
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let aid = id.clone();
            let remove = move |_| {
                super::apply(doc, &aid, move |o| {
                    if let ObjectMut::Accelerator(a) = o {
                        if i < a.endpoints.len() {
                            a.endpoints.remove(i);
                        }
                    }
                })
            };
            view! {
                <fieldset class="target">
                    <legend>{format!("Endpoint {}", i + 1)}</legend>
                    <SelectField label="Load balancer" field="endpoints[].target" value=e.target.clone() options=albs.clone()
                        on_commit=on_endpoint(doc, &id, i, |e, v: String| e.target = v) />
                    <NumField label="Weight" field="endpoints[].weight" value=e.weight min=0 max=255 on_commit=on_endpoint(doc, &id, i, |e, v: u32| e.weight = v) />
                    <NumField label="Traffic dial (%)" field="endpoints[].traffic_dial" value=e.traffic_dial min=0 max=100
                        on_commit=on_endpoint(doc, &id, i, |e, v: u32| e.traffic_dial = v) />
                    <button type="button" class="remove" aria-label=format!("Remove endpoint {}", i + 1) on:click=remove>"Remove endpoint"</button>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <TextField label="Name" field="name" value=a.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: String| x.name = v) />
        <SelectField label="Listener protocol" field="listener.protocol" value=a.listener.protocol.as_str().into() options=opts(&["TCP", "UDP"])
            on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: String| x.listener.protocol = if v == "UDP" { TransportProtocol::Udp } else { TransportProtocol::Tcp }) />
        <NumField label="Listener port" field="listener.port" value=u32::from(a.listener.port) min=1 max=65535
            on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: u32| if let Ok(p) = u16::try_from(v) { x.listener.port = p }) />
        <div class="targets" data-field="endpoints">{endpoints}</div>
        <p class="hint">"Add endpoints with “Connect to”."</p>
        <TextField label="Health check path" field="health_check.path" value=a.health_check.path.clone()
            on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: String| x.health_check.path = v) />
        <SelectField label="Check interval (s)" field="health_check.interval" value=a.health_check.interval.to_string() options=opts(&["10", "30"])
            on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: String| x.health_check.interval = if v == "10" { 10 } else { 30 }) />
        <NumField label="Threshold" field="health_check.threshold" value=a.health_check.threshold min=1 max=10
            on_commit=set!(doc, id, ObjectMut::Accelerator(x) => |v: u32| x.health_check.threshold = v) />
    }
    .into_any()
}
