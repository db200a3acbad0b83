//! References between a region's blocks, for cutting it into layers
//! (`layers`): which addresses a block declares and reads, and the rewrite
//! of the workloads' reads of the platform into reads of the platform's
//! remote state, with the outputs that serve them.

use super::hcl::{record, s, HclError, B};
use super::layers::{Layer, PLATFORM};
use hcl::expr::{Traversal, TraversalOperator, Variable};
use hcl::{Expression, Identifier};
use std::collections::{BTreeMap, BTreeSet};

/// The address a reference starts with: `module.x`, `data.t.n` or `t.n`.
pub(super) fn address(t: &Traversal) -> Option<String> {
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
pub(super) fn declared(b: &B) -> Option<String> {
    let l = b.labels();
    match (b.ident(), l) {
        ("module", [name]) => Some(format!("module.{name}")),
        ("resource", [t, n]) => Some(format!("{t}.{n}")),
        ("data", [t, n]) => Some(format!("data.{t}.{n}")),
        _ => None,
    }
}

/// Calls `f` on every traversal inside `e`, outermost first.
pub(super) fn walk(e: &Expression, f: &mut dyn FnMut(&Traversal)) {
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
pub(super) fn rewrite(
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
pub(super) fn reads(b: &B) -> BTreeSet<String> {
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

/// A platform value the workloads read, as the platform's remote output:
/// `module.<m>.<attr>...` as `outputs.modules.<m>.<attr>...`, a resource
/// `<type>.<name>.<attr>...` (a root-level block such as a cluster) as
/// `outputs.resources["<type>.<name>"].<attr>...`. Records the address and
/// attribute for the platform's outputs.
pub(super) fn remote(
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
pub(super) fn exports(used: &BTreeMap<String, BTreeSet<String>>) -> Result<Vec<B>, HclError> {
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
