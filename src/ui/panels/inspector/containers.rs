//! ECS services and ElastiCache caches in the inspector (format version 2).

use super::pickers;
use crate::core::edit::{input, ObjectMut};
use crate::core::model::*;
use crate::ui::doc::Doc;
use crate::ui::panels::fields::{opts, CheckField, NumField, SelectField, TextField};
use leptos::prelude::*;

/// Most tasks one service runs: "Tasks per service: 5,000" (Amazon ECS
/// service quotas, read 2026-12-02).
const MAX_TASKS: u32 = 5000;

/// `cpu` units as vCPUs: 0.25, 1, 16.
fn vcpus(cpu: u32) -> f64 {
    f64::from(cpu) / 1024.0
}

/// An ECS service: name, subnets, image, a Fargate size (the memory list
/// narrows to what the CPU allows, and a CPU change keeps the nearest
/// allowed memory), port, task counts, and what groups share (load
/// balancer, scaling, weight).
pub fn ecs(doc: Doc, d: &Design, vpc: &Vpc, node: &VpcNode, e: &Ecs) -> AnyView {
    let id = e.id.clone();
    let cpus: Vec<(String, String)> = FARGATE_SIZES
        .iter()
        .map(|(c, _)| (c.to_string(), format!("{c} ({} vCPU)", vcpus(*c))))
        .collect();
    let mems: Vec<(String, String)> = FARGATE_SIZES
        .iter()
        .find(|(c, _)| *c == e.cpu)
        .map(|(_, m)| *m)
        .unwrap_or_default()
        .iter()
        .map(|m| {
            (
                m.to_string(),
                format!("{} GB ({m} MiB)", f64::from(*m) / 1024.0),
            )
        })
        .collect();
    view! {
        <TextField label="Name" field="name" value=e.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: String| x.name = v) />
        {pickers::subnets("Subnets", vpc, &e.subnets, set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: Vec<String>| x.subnets = v))}
        <TextField label="Image" field="image" value=e.image.clone() check=input::container_image
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: String| x.image = v) />
        <SelectField label="CPU units" field="cpu" value=e.cpu.to_string() options=cpus
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: String| if let Ok(c) = v.parse::<u32>() {
                x.memory_mb = input::fargate_memory(c, x.memory_mb).unwrap_or(x.memory_mb);
                x.cpu = c;
            }) />
        <SelectField label="Memory" field="memory_mb" value=e.memory_mb.to_string() options=mems
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: String| if let Ok(m) = v.parse() { x.memory_mb = m }) />
        <NumField label="Container port" field="port" value=u32::from(e.port) min=1 max=65535
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: u32| if let Ok(p) = u16::try_from(v) { x.port = p }) />
        <NumField label="Min tasks" field="min" value=e.min min=0 max=MAX_TASKS on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: u32| x.min = v) />
        <NumField label="Desired tasks" field="desired" value=e.desired min=0 max=MAX_TASKS on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: u32| x.desired = v) />
        <NumField label="Max tasks" field="max" value=e.max min=0 max=MAX_TASKS on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Ecs(x)) => |v: u32| x.max = v) />
        {super::traffic::fields(doc, d, vpc, node)}
    }
    .into_any()
}

/// An ElastiCache replication group: name, engine and version, node type,
/// node count (1-6, the primary included), Multi-AZ, subnets.
pub fn elasticache(doc: Doc, vpc: &Vpc, c: &Elasticache) -> AnyView {
    let id = c.id.clone();
    view! {
        <TextField label="Name" field="name" value=c.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: String| x.name = v) />
        <SelectField label="Engine" field="engine" value=c.engine.as_str().into() options=opts(&["redis", "valkey"])
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: String| x.engine = if v == "valkey" { CacheEngine::Valkey } else { CacheEngine::Redis }) />
        <TextField label="Engine version" field="engine_version" value=c.engine_version.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: String| x.engine_version = v) />
        <TextField label="Node type" field="node_type" value=c.node_type.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: String| x.node_type = v) />
        <NumField label="Nodes (primary included)" field="nodes" value=c.nodes min=1 max=6
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: u32| x.nodes = v) />
        <CheckField label="Multi-AZ" field="multi_az" value=c.multi_az on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: bool| x.multi_az = v) />
        {pickers::subnets("Subnets", vpc, &c.subnets, set!(doc, id, ObjectMut::VpcNode(VpcNode::Elasticache(x)) => |v: Vec<String>| x.subnets = v))}
    }
    .into_any()
}
