//! The layered per-region layout, `state.split = "region_layer"` (seed 003:
//! one state per region per layer). Each region gets a `platform` root
//! (network, databases, caches, buckets, tables, the ECS cluster) and a
//! `workloads` root (load balancers, groups, services) that reads the
//! platform's outputs one way, through `data.terraform_remote_state.platform`
//! (the platform's own state, in the region's own state bucket). So an image
//! or scaling change applies to the workloads without planning the network,
//! and both roots of a region still plan while every other region is down.
//!
//! The roots are cut from the blocks of the one-root layout (`region.rs`):
//! every node's block is marked with [`layer`]; blocks of no node (the
//! network, data sources) go to the platform unless they read a workloads
//! block. Then, in the workloads root, every `module.<platform module>.<attr>`
//! becomes `data.terraform_remote_state.platform.outputs.modules.<module>.<attr>`
//! and the platform root outputs exactly those attributes. The one reference
//! the other way, a database admitting its applications' security groups
//! (`app_security_groups`), is taken out of the platform and written in the
//! workloads root as the same rules on the database's group (the platform
//! outputs its id): the platform never reads the workloads.

use super::hcl::{record, s, HclError, B};
use super::layer_refs::{address, declared, exports, reads, remote, rewrite, walk};
use crate::core::model::{Design, Region, RegionNode, VpcNode};
use crate::core::names;
use hcl::Expression;
use std::collections::{BTreeMap, BTreeSet};

/// One of a region's two roots in the layered layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// What changes rarely and holds data: network, databases, caches,
    /// buckets, tables, the ECS cluster. Applied first.
    Platform,
    /// What runs the application: load balancers, groups, ECS services.
    /// Reads the platform's outputs.
    Workloads,
}

impl Layer {
    /// Both layers, in apply order.
    pub const ALL: [Layer; 2] = [Layer::Platform, Layer::Workloads];

    /// The directory and state name of the layer.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Platform => "platform",
            Layer::Workloads => "workloads",
        }
    }
}

/// The layer of a node in a VPC: the single place that decides it.
pub fn layer(node: &VpcNode) -> Layer {
    match node {
        VpcNode::Rds(_) | VpcNode::Aurora(_) | VpcNode::Elasticache(_) => Layer::Platform,
        VpcNode::Alb(_) | VpcNode::Asg(_) | VpcNode::Ecs(_) => Layer::Workloads,
    }
}

/// The layer of a regional node: buckets and tables hold data.
pub fn region_node_layer(node: &RegionNode) -> Layer {
    match node {
        RegionNode::S3(_) | RegionNode::Dynamodb(_) => Layer::Platform,
    }
}

/// Marks the last block of `blocks` (just built for a node) with `layer`.
pub fn mark_last(blocks: &mut [B], layer: Layer) {
    if let Some(b) = blocks.last_mut() {
        b.set_layer(layer);
    }
}

/// The label of the workloads root's remote state of its platform.
pub(super) const PLATFORM: &str = "platform";

/// A region's Terraform cut into its two roots.
pub struct Split {
    /// `main.tf` of each layer.
    pub main: BTreeMap<Layer, Vec<B>>,
    /// `outputs.tf` of each layer.
    pub outputs: BTreeMap<Layer, Vec<B>>,
}

/// Cuts `region`'s blocks (`region::main_blocks`) and outputs
/// (`region::outputs`) into the platform and workloads roots.
pub fn split(
    design: &Design,
    region: &Region,
    blocks: Vec<B>,
    outputs: Vec<B>,
) -> Result<Split, HclError> {
    let (data, mut rest): (Vec<B>, Vec<B>) = blocks.into_iter().partition(|b| b.ident() == "data");
    // The layer of every declared address: marked blocks as marked, the
    // others in the platform unless they read a workloads block.
    let mut at: BTreeMap<String, Layer> = BTreeMap::new();
    for b in &rest {
        if let Some(a) = declared(b) {
            at.insert(a, b.layer().unwrap_or(Layer::Platform));
        }
    }
    loop {
        let moved: Vec<String> = rest
            .iter()
            .filter(|b| b.layer().is_none())
            .filter_map(|b| declared(b).map(|a| (a, reads(b))))
            .filter(|(a, r)| {
                at.get(a) == Some(&Layer::Platform)
                    && r.iter().any(|x| at.get(x) == Some(&Layer::Workloads))
            })
            .map(|(a, _)| a)
            .collect();
        if moved.is_empty() {
            break;
        }
        for a in moved {
            at.insert(a, Layer::Workloads);
        }
    }
    let layer_of = |b: &B| -> Layer {
        declared(b)
            .and_then(|a| at.get(&a).copied())
            .unwrap_or(Layer::Platform)
    };
    let is_workloads = |a: &String| at.get(a) == Some(&Layer::Workloads);
    // A platform block that admits applications: the rules move to the workloads.
    let mut rules = Vec::new();
    for b in rest.iter_mut().filter(|b| layer_of(b) == Layer::Platform) {
        let admits = b.get("app_security_groups").is_some_and(|e| {
            let mut hit = false;
            walk(e, &mut |t| {
                hit |= address(t).is_some_and(|a| is_workloads(&a))
            });
            hit
        });
        if admits {
            let apps = b.take("app_security_groups");
            rules.extend(admission_rules(b, apps)?);
        }
    }
    let mut main: BTreeMap<Layer, Vec<B>> = BTreeMap::new();
    for b in rest {
        let l = layer_of(&b);
        if l == Layer::Platform {
            if let Some(bad) = reads(&b).into_iter().find(|a| is_workloads(a)) {
                return Err(HclError(format!(
                    "internal: the platform block {} reads the workloads' {bad}",
                    declared(&b).unwrap_or_default()
                )));
            }
        }
        main.entry(l).or_default().push(b);
    }
    let mut work = main.remove(&Layer::Workloads).unwrap_or_default();
    work.extend(rules);
    // Outputs: by what they read; an empty map output reads nothing and is left out.
    let mut outs: BTreeMap<Layer, Vec<B>> = BTreeMap::new();
    for o in outputs {
        let r = reads(&o);
        if r.iter().any(is_workloads) {
            outs.entry(Layer::Workloads).or_default().push(o);
        } else if !matches!(o.get("value"), Some(Expression::Object(m)) if m.is_empty()) {
            outs.entry(Layer::Platform).or_default().push(o);
        }
    }
    let mut work_outs = outs.remove(&Layer::Workloads).unwrap_or_default();
    // The workloads' reads of the platform, through its remote state.
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for b in work.iter_mut().chain(work_outs.iter_mut()) {
        for e in b.exprs_mut() {
            rewrite(e, &mut |t| remote(t, &at, &mut used))?;
        }
    }
    let mut platform = main.remove(&Layer::Platform).unwrap_or_default();
    let mut platform_outs = outs.remove(&Layer::Platform).unwrap_or_default();
    platform_outs.extend(exports(&used)?);
    // Data sources go where they are read (both roots may read one).
    let mut heads: BTreeMap<Layer, Vec<B>> = BTreeMap::new();
    if !used.is_empty() {
        heads
            .entry(Layer::Workloads)
            .or_default()
            .push(platform_state(design, &region.code));
    }
    let read_by = |blocks: &[B]| -> BTreeSet<String> { blocks.iter().flat_map(reads).collect() };
    let (p_reads, w_reads) = (read_by(&platform), read_by(&work));
    for d in data {
        let a = declared(&d).unwrap_or_default();
        if w_reads.contains(&a) {
            heads.entry(Layer::Workloads).or_default().push(d.clone());
        }
        if p_reads.contains(&a) || !w_reads.contains(&a) {
            heads.entry(Layer::Platform).or_default().push(d);
        }
    }
    let mut with_heads = |l: Layer, body: Vec<B>| -> Vec<B> {
        let mut v = heads.remove(&l).unwrap_or_default();
        v.extend(body);
        v
    };
    platform = with_heads(Layer::Platform, platform);
    work = with_heads(Layer::Workloads, work);
    Ok(Split {
        main: BTreeMap::from([(Layer::Platform, platform), (Layer::Workloads, work)]),
        outputs: BTreeMap::from([
            (Layer::Platform, platform_outs),
            (Layer::Workloads, work_outs),
        ]),
    })
}

/// The workloads root's read of its own region's platform state.
fn platform_state(design: &Design, code: &str) -> B {
    B::new("data", &["terraform_remote_state", PLATFORM])
        .a("backend", s("s3"))
        .a(
            "config",
            record([
                ("bucket", s(&names::region_state_bucket(design, code))),
                ("key", s(&state_key(design, code, Layer::Platform))),
                ("region", s(code)),
            ]),
        )
}

/// The state key of one layer of a region: `.../<code>/<layer>/terraform.tfstate`.
pub fn state_key(design: &Design, code: &str, layer: Layer) -> String {
    names::state_key(design, &format!("{code}/{}", layer.name()))
}

/// The rules a platform module's `app_security_groups` would have written
/// (ingress on its group from each application's group, the application's
/// egress to it), as resources of the workloads root. `b` has a `port`
/// input or output and gives its group as the `security_group_id` output.
fn admission_rules(b: &B, apps: Option<Expression>) -> Result<Vec<B>, HclError> {
    let module = b.labels().first().cloned().unwrap_or_default();
    // The module's `port` input, else its `port` output (a cache's).
    let port = match b.get("port") {
        Some(p) => p.clone(),
        None => super::hcl::ex(&format!("module.{module}.port"))?,
    };
    let Some(Expression::Object(apps)) = apps else {
        return Ok(vec![]);
    };
    let own = super::hcl::ex(&format!("module.{module}.security_group_id"))?;
    // The descriptions the module gives the same rules, so that a rule
    // moved here from inside the module (`export --since`, a layout
    // change) plans as no change: `(what it is, its AWS identifier)`.
    let literal = |name: &str| match b.get(name) {
        Some(Expression::String(x)) => Some(x.clone()),
        _ => None,
    };
    let source = literal("source").unwrap_or_default();
    let (what, name) = match source.rsplit('/').next() {
        Some("elasticache") => ("cache", literal("replication_group_id")),
        Some("aurora") => ("database", literal("cluster_identifier")),
        _ => ("database", literal("identifier")),
    };
    let mut out = Vec::new();
    for (key, app) in apps {
        let id = match &key {
            hcl::ObjectKey::Identifier(i) => i.as_str().to_string(),
            hcl::ObjectKey::Expression(Expression::String(x)) => x.clone(),
            _ => return Err(HclError(format!("internal: odd key in {module}"))),
        };
        let rule = |kind: &str,
                    label: &str,
                    description: String,
                    group: &Expression,
                    peer: &Expression| {
            B::new("resource", &[kind, label])
                .a("security_group_id", group.clone())
                .a("description", s(&description))
                .a("ip_protocol", s("tcp"))
                .a("from_port", port.clone())
                .a("to_port", port.clone())
                .a("referenced_security_group_id", peer.clone())
        };
        out.push(rule(
            "aws_vpc_security_group_ingress_rule",
            &format!("{module}_from_{id}"),
            format!("Application {id} to the {what} port"),
            &own,
            &app,
        ));
        out.push(rule(
            "aws_vpc_security_group_egress_rule",
            &format!("{id}_to_{module}"),
            match &name {
                Some(n) => format!("Application {id} to the {what} {n}"),
                None => format!("Application {id} to {module}"),
            },
            &app,
            &own,
        ));
    }
    Ok(out)
}
