//! What groups and services share in the inspector: the load balancer they
//! sit behind (moved through `edit::retarget`, so the weights of a load
//! balancer with both kinds behind it follow), target-tracking scaling,
//! and the traffic weight.

use super::pickers::{self, some};
use crate::core::edit::{retarget, ObjectMut};
use crate::core::model::*;
use crate::ui::doc::Doc;
use crate::ui::panels::fields::{NumField, OptNumField, SelectField};
use leptos::prelude::*;

/// The target a new scaling policy keeps average CPU near: seed 002's 70 %.
const DEFAULT_TARGET_PERCENT: u32 = 70;

fn scaling_mut(n: &mut VpcNode) -> Option<&mut Option<Scaling>> {
    match n {
        VpcNode::Asg(g) => Some(&mut g.scaling),
        VpcNode::Ecs(e) => Some(&mut e.scaling),
        _ => None,
    }
}

fn weight_mut(n: &mut VpcNode) -> Option<&mut Option<u32>> {
    match n {
        VpcNode::Asg(g) => Some(&mut g.weight),
        VpcNode::Ecs(e) => Some(&mut e.weight),
        _ => None,
    }
}

/// Whether load balancer `alb` has both groups and services behind it.
fn mixed(d: &Design, alb: &str) -> bool {
    let kinds: Vec<NodeKind> = d
        .regions
        .iter()
        .flat_map(|r| &r.vpcs)
        .flat_map(|v| &v.nodes)
        .filter(|n| n.target() == Some(alb))
        .map(VpcNode::kind)
        .collect();
    kinds.contains(&NodeKind::Asg) && kinds.contains(&NodeKind::Ecs)
}

/// Load balancer (those of the node's VPC, or none), scaling and weight of
/// group or service `node`.
pub fn fields(doc: Doc, d: &Design, vpc: &Vpc, node: &VpcNode) -> AnyView {
    let id = node.id().to_string();
    let vpc_id = vpc.id.clone();
    let albs = pickers::objects(d, ObjectKind::Node(NodeKind::Alb), true, &|o| {
        o.vpc().is_some_and(|v| v.id == vpc_id)
    });
    let tid = id.clone();
    let on_target = Callback::new(move |v: String| {
        let next = doc
            .design
            .with_untracked(|d| retarget(d, &tid, some(v).as_deref()));
        if let Ok(next) = next {
            doc.apply(next);
        }
    });
    let scaling = node.scaling().cloned();
    let metric = if scaling.is_some() { "cpu" } else { "" };
    let choices = vec![
        (String::new(), "none: a fixed size".to_string()),
        (
            "cpu".to_string(),
            "keep average CPU near a target".to_string(),
        ),
    ];
    let percent = scaling.map(|s| view! {
        <NumField label="Target CPU (%)" field="scaling.target_percent" value=s.target_percent min=10 max=90
            on_commit=set!(doc, id, ObjectMut::VpcNode(n) => |v: u32| if let Some(Some(s)) = scaling_mut(n) { s.target_percent = v }) />
    });
    let weight_hint = match node.target() {
        Some(alb) if mixed(d, alb) => "Its load balancer has groups and services behind it: traffic splits by weight (0-999).",
        _ => "Used only when its load balancer has both groups and services behind it; empty otherwise.",
    };
    view! {
        <SelectField label="Load balancer" field="target" value=node.target().unwrap_or_default().to_string() options=albs on_commit=on_target />
        <SelectField label="Scaling" field="scaling.metric" value=metric.to_string() options=choices
            on_commit=set!(doc, id, ObjectMut::VpcNode(n) => |v: String| if let Some(s) = scaling_mut(n) {
                *s = (v == "cpu").then(|| s.clone().unwrap_or(Scaling::cpu(DEFAULT_TARGET_PERCENT)))
            }) />
        {percent}
        <OptNumField label="Traffic weight" field="weight" value=node.weight() min=0 max=999
            on_commit=set!(doc, id, ObjectMut::VpcNode(n) => |v: Option<u32>| if let Some(w) = weight_mut(n) { *w = v }) />
        <p class="hint">{weight_hint}</p>
    }
    .into_any()
}
