//! Load balancers and auto-scaling groups in the inspector.

use super::pickers;
use crate::core::edit::{input, ObjectMut};
use crate::core::model::*;
use crate::ui::doc::Doc;
use crate::ui::panels::fields::{opts, CheckField, NumField, SelectField, TextField};
use leptos::prelude::*;

/// An ALB: name, scheme, subnets, listener (protocol, port) and the target
/// group's health check. (The format has no certificate field: an HTTPS
/// listener's certificate is an export variable.)
pub fn alb(doc: Doc, vpc: &Vpc, a: &Alb) -> AnyView {
    let id = a.id.clone();
    view! {
        <TextField label="Name" field="name" value=a.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: String| x.name = v) />
        <CheckField label="Internal" field="internal" value=a.internal on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: bool| x.internal = v) />
        {pickers::subnets("Subnets", vpc, &a.subnets, set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: Vec<String>| x.subnets = v))}
        <SelectField label="Listener protocol" field="listener.protocol" value=a.listener.protocol.as_str().into() options=opts(&["HTTP", "HTTPS"])
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: String| x.listener.protocol = if v == "HTTP" { HttpProtocol::Http } else { HttpProtocol::Https }) />
        <NumField label="Listener port" field="listener.port" value=u32::from(a.listener.port) min=1 max=65535
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| if let Ok(p) = u16::try_from(v) { x.listener.port = p }) />
        <TextField label="Health check path" field="health_check.path" value=a.health_check.path.clone()
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: String| x.health_check.path = v) />
        <NumField label="Interval (s)" field="health_check.interval" value=a.health_check.interval min=5 max=300
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.health_check.interval = v) />
        <NumField label="Timeout (s)" field="health_check.timeout" value=a.health_check.timeout min=2 max=120
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.health_check.timeout = v) />
        <NumField label="Healthy after" field="health_check.healthy_threshold" value=a.health_check.healthy_threshold min=2 max=10
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.health_check.healthy_threshold = v) />
        <NumField label="Unhealthy after" field="health_check.unhealthy_threshold" value=a.health_check.unhealthy_threshold min=2 max=10
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Alb(x)) => |v: u32| x.health_check.unhealthy_threshold = v) />
    }
    .into_any()
}

/// An auto-scaling group: name, subnets, capacity, instance type, image,
/// and what services share (load balancer, scaling, weight).
pub fn asg(doc: Doc, d: &Design, vpc: &Vpc, node: &VpcNode, g: &Asg) -> AnyView {
    let id = g.id.clone();
    view! {
        <TextField label="Name" field="name" value=g.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: String| x.name = v) />
        {pickers::subnets("Subnets", vpc, &g.subnets, set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: Vec<String>| x.subnets = v))}
        <NumField label="Min" field="min" value=g.min min=0 max=10000 on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: u32| x.min = v) />
        <NumField label="Desired" field="desired" value=g.desired min=0 max=10000 on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: u32| x.desired = v) />
        <NumField label="Max" field="max" value=g.max min=0 max=10000 on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: u32| x.max = v) />
        <TextField label="Instance type" field="instance_type" value=g.instance_type.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: String| x.instance_type = v) />
        <TextField label="Image" field="image" value=g.image.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Asg(x)) => |v: String| x.image = v) />
        {super::traffic::fields(doc, d, vpc, node)}
    }
    .into_any()
}
