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
use crate::core::model::{Design, Region, RegionNode, VpcNode};
use crate::core::names;
use hcl::expr::{Traversal, TraversalOperator, Variable};
use hcl::{Expression, Identifier};
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
const PLATFORM: &str = "platform";

/// A region's Terraform cut into its two roots.
pub struct Split {
    /// `main.tf` of each layer.
    pub main: BTreeMap<Layer, Vec<B>>,
    /// `outputs.tf` of each layer.
    pub outputs: BTreeMap<Layer, Vec<B>>,
}

/// The address a reference starts with: `module.x`, `data.t.n` or `t.n`.
fn address(t: &Traversal) -> Option<String> {
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let name = |i: usize| match t.operators.get(i) {
        Some(TraversalOperator::GetAttr(id)) => Some(id.as_str().to_string()),
        _ => None,
    };
    match root.as_str() {
        "module" => Some(format!("module.{}", name(0)?)),
        "data" => Some(format!("data.{}.{}", name(0)?, name(1)?)),
        other => Some(format!("{other}.{}", name(0)?)),
    }
}

/// The address a top-level block declares, if any.
fn declared(b: &B) -> Option<String> {
    let l = b.labels();
    match (b.ident(), l) {
        ("module", [name]) => Some(format!("module.{name}")),
        ("resource", [t, n]) => Some(format!("{t}.{n}")),
        ("data", [t, n]) => Some(format!("data.{t}.{n}")),
        _ => None,
    }
}

/// Calls `f` on every traversal inside `e`, outermost first.
fn walk(e: &Expression, f: &mut dyn FnMut(&Traversal)) {
    match e {
        Expression::Array(items) => items.iter().for_each(|x| walk(x, f)),
        Expression::Object(o) => o.values().for_each(|x| walk(x, f)),
        Expression::FuncCall(c) => c.args.iter().for_each(|x| walk(x, f)),
        Expression::Parenthesis(x) => walk(x, f),
        Expression::Conditional(c) => {
            for x in [&c.cond_expr, &c.true_expr, &c.false_expr] {
                walk(x, f)
            }
        }
        Expression::Traversal(t) => {
            f(t);
            walk(&t.expr, f);
            for op in &t.operators {
                if let TraversalOperator::Index(x) = op {
                    walk(x, f)
                }
            }
        }
        _ => {}
    }
}

/// Replaces every traversal `f` maps to `Some`, inside `e` too.
fn rewrite(
    e: &mut Expression,
    f: &mut dyn FnMut(&Traversal) -> Result<Option<Expression>, HclError>,
) -> Result<(), HclError> {
    match e {
        Expression::Array(items) => items.iter_mut().try_for_each(|x| rewrite(x, f)),
        Expression::Object(o) => o.values_mut().try_for_each(|x| rewrite(x, f)),
        Expression::FuncCall(c) => c.args.iter_mut().try_for_each(|x| rewrite(x, f)),
        Expression::Parenthesis(x) => rewrite(x, f),
        Expression::Conditional(c) => {
            rewrite(&mut c.cond_expr, f)?;
            rewrite(&mut c.true_expr, f)?;
            rewrite(&mut c.false_expr, f)
        }
        Expression::Traversal(t) => {
            for op in t.operators.iter_mut() {
                if let TraversalOperator::Index(x) = op {
                    rewrite(x, f)?;
                }
            }
            if let Some(new) = f(t)? {
                *e = new;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The addresses `b` reads.
fn reads(b: &B) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in b.exprs() {
        walk(e, &mut |t| {
            if let Some(a) = address(t) {
                out.insert(a);
            }
        });
    }
    out
}

fn get(name: &str) -> Result<TraversalOperator, HclError> {
    Identifier::new(name)
        .map(TraversalOperator::GetAttr)
        .map_err(|e| HclError(format!("internal: bad name `{name}`: {e}")))
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

/// A platform value the workloads read, as the platform's remote output:
/// `module.<m>.<attr>...` as `outputs.modules.<m>.<attr>...`, a resource
/// `<type>.<name>.<attr>...` (a root-level block such as a cluster) as
/// `outputs.resources["<type>.<name>"].<attr>...`. Records the address and
/// attribute for the platform's outputs.
fn remote(
    t: &Traversal,
    at: &BTreeMap<String, Layer>,
    used: &mut BTreeMap<String, BTreeSet<String>>,
) -> Result<Option<Expression>, HclError> {
    let Some(a) = address(t) else { return Ok(None) };
    if at.get(&a) != Some(&Layer::Platform) {
        return Ok(None);
    }
    let Some(TraversalOperator::GetAttr(attr)) = t.operators.get(1) else {
        return Err(HclError(format!(
            "internal: the workloads read the whole platform block {a}"
        )));
    };
    used.entry(a.clone())
        .or_default()
        .insert(attr.as_str().to_string());
    let mut ops = vec![
        get("terraform_remote_state")?,
        get(PLATFORM)?,
        get("outputs")?,
    ];
    if a.starts_with("module.") {
        ops.push(get("modules")?);
        ops.extend(t.operators.iter().cloned());
    } else {
        ops.push(get("resources")?);
        ops.push(TraversalOperator::Index(Expression::String(a)));
        ops.extend(t.operators.iter().skip(1).cloned());
    }
    Ok(Some(Expression::Traversal(Box::new(Traversal::new(
        Variable::new("data").map_err(|e| HclError(format!("internal: {e}")))?,
        ops,
    )))))
}

/// The platform's `modules` output (and `resources`, for root-level blocks):
/// each attribute the workloads read, no more.
fn exports(used: &BTreeMap<String, BTreeSet<String>>) -> Result<Vec<B>, HclError> {
    let fields = |a: &str, attrs: &BTreeSet<String>| -> Result<Expression, HclError> {
        attrs
            .iter()
            .map(|x| Ok((x.clone(), super::hcl::ex(&format!("{a}.{x}"))?)))
            .collect::<Result<Vec<_>, HclError>>()
            .map(record)
    };
    let (mut modules, mut resources) = (Vec::new(), Vec::new());
    for (a, attrs) in used {
        match a.strip_prefix("module.") {
            Some(m) => modules.push((m.to_string(), fields(a, attrs)?)),
            None => resources.push((a.clone(), fields(a, attrs)?)),
        }
    }
    let mut out = Vec::new();
    if !modules.is_empty() {
        out.push(B::new("output", &["modules"])
            .a(
                "description",
                s("What the workloads root of this region reads, by module: exactly the attributes it uses (it reads this state through terraform_remote_state; nothing reads the other way)."),
            )
            .a("value", record(modules)));
    }
    if !resources.is_empty() {
        out.push(
            B::new("output", &["resources"])
                .a(
                    "description",
                    s("What the workloads root of this region reads of the platform's own resources, by address."),
                )
                .a("value", super::hcl::obj(resources)),
        );
    }
    Ok(out)
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
/// egress to it), as resources of the workloads root. `b` keeps its `port`
/// and gives its group as the `security_group_id` output.
fn admission_rules(b: &B, apps: Option<Expression>) -> Result<Vec<B>, HclError> {
    let module = b.labels().first().cloned().unwrap_or_default();
    let port = b.get("port").cloned().ok_or_else(|| {
        HclError(format!(
            "internal: module {module} admits applications but has no port"
        ))
    })?;
    let Some(Expression::Object(apps)) = apps else {
        return Ok(vec![]);
    };
    let own = super::hcl::ex(&format!("module.{module}.security_group_id"))?;
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
            format!("Application {id} to the port of {module}"),
            &own,
            &app,
        ));
        out.push(rule(
            "aws_vpc_security_group_egress_rule",
            &format!("{id}_to_{module}"),
            format!("Application {id} to {module}"),
            &app,
            &own,
        ));
    }
    Ok(out)
}
