//! Judging one goal: whether it passed, and a message saying why.

use super::{Check, CostBelowCheck, CountCheck, LinkCheck, SurvivesCheck};
use crate::core::catalog;
use crate::core::layout::links;
use crate::core::model::{for_each_object, Design, Index, ObjectKind, ObjectRef};
use crate::core::simulate::{report::duration, simulate, Failure};
use crate::core::text::short;
use crate::core::validate::{Diagnostic, Severity};

/// Whether `check` passes on `design` (whose diagnostics, after the rule
/// pack, are `diags`), and why.
pub fn check(check: &Check, design: &Design, diags: &[Diagnostic]) -> (bool, String) {
    match check {
        Check::NoErrors(_) => no_errors(diags),
        Check::RuleAbsent(rule) => rule_absent(diags, rule),
        Check::RulePresent(rule) => rule_present(diags, rule),
        Check::Count(c) => count(design, c),
        Check::Link(l) => link(design, l),
        Check::Survives(s) => survives(design, s),
        Check::CostBelow(c) => cost_below(design, c),
    }
}

/// Dollars as people read them: `$4,000`, `$3,912.40`.
fn usd(v: f64) -> String {
    let cents = (v * 100.0).round().max(0.0) as u64;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match cents % 100 {
        0 => format!("${grouped}"),
        c => format!("${grouped}.{c:02}"),
    }
}

fn cost_below(design: &Design, c: &CostBelowCheck) -> (bool, String) {
    let total = crate::core::cost::estimate(design).monthly_total;
    if total < c.monthly_usd {
        (
            true,
            format!(
                "{} a month, under the {} budget",
                usd(total),
                usd(c.monthly_usd)
            ),
        )
    } else {
        (
            false,
            format!(
                "{} a month, over the {} budget by {}",
                usd(total),
                usd(c.monthly_usd),
                usd(total - c.monthly_usd)
            ),
        )
    }
}

/// The first few findings, as `NET-05: message; ALB-01: message`.
fn first_findings<'a>(found: impl Iterator<Item = &'a Diagnostic>) -> String {
    found
        .take(3)
        .map(|d| {
            format!(
                "{}: {}",
                d.rule,
                short_message(d.message.trim_end_matches('.'))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn short_message(m: &str) -> String {
    const MAX: usize = 200;
    match m.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &m[..at]),
        None => m.to_string(),
    }
}

/// `a` or `an` before a kind name (`an alb`, `a vpc`).
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn no_errors(diags: &[Diagnostic]) -> (bool, String) {
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return (true, "the design has no errors".into());
    }
    (
        false,
        format!(
            "{}: {}",
            plural(errors.len(), "error"),
            first_findings(errors.into_iter())
        ),
    )
}

fn rule_absent(diags: &[Diagnostic], rule: &str) -> (bool, String) {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == rule).collect();
    if found.is_empty() {
        return (true, format!("no {rule} finding"));
    }
    (
        false,
        format!(
            "{} still reported: {}",
            plural(found.len(), &format!("{rule} finding")),
            first_findings(found.into_iter())
        ),
    )
}

fn rule_present(diags: &[Diagnostic], rule: &str) -> (bool, String) {
    match diags.iter().find(|d| d.rule == rule) {
        Some(d) => (
            true,
            format!("{rule} reported: {}", short_message(&d.message)),
        ),
        None => (false, format!("{rule} is not reported on the design")),
    }
}

/// The kind name of an object as exercise files spell it.
fn kind_name(k: ObjectKind) -> &'static str {
    match k {
        ObjectKind::Region => "region",
        ObjectKind::Vpc => "vpc",
        ObjectKind::Subnet => "subnet",
        ObjectKind::Node(n) => n.as_str(),
        ObjectKind::Peering => "peering",
        ObjectKind::Record => "record",
        ObjectKind::Accelerator => "accelerator",
    }
}

/// The region code of the object, for regional objects; a peering's is
/// the requester's (both ends are looked at by `count`).
fn region_code<'a>(idx: &Index<'a>, o: &ObjectRef<'a>) -> Option<&'a str> {
    o.region().map(|r| r.code.as_str()).or_else(|| match o {
        ObjectRef::Peering(p) => idx.vpc(&p.a).map(|(r, _)| r.code.as_str()),
        _ => None,
    })
}

fn count(design: &Design, c: &CountCheck) -> (bool, String) {
    let idx = Index::new(design);
    let mut n = 0usize;
    for_each_object(design, |o| {
        if kind_name(o.kind()) != c.kind {
            return;
        }
        if let (Some(want), ObjectRef::Record(r)) = (c.policy, o) {
            if r.policy != want {
                return;
            }
        }
        let here = match (&c.region, o) {
            (None, _) => true,
            (Some(code), ObjectRef::Peering(p)) => [&p.a, &p.b]
                .iter()
                .any(|v| idx.vpc(v).is_some_and(|(r, _)| &r.code == code)),
            (Some(code), o) => region_code(&idx, &o) == Some(code.as_str()),
        };
        if here {
            n += 1;
        }
    });
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let low = c.min.is_some_and(|m| n32 < m);
    let high = c.max.is_some_and(|m| n32 > m);
    let wanted = match (c.min, c.max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a}"),
        (Some(a), Some(b)) => format!("between {a} and {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => "any number".into(),
    };
    let place = c
        .region
        .as_ref()
        .map(|r| format!(" in {r}"))
        .unwrap_or_default();
    let what = match c.policy {
        Some(p) => format!("{} {}", p.as_str(), c.kind),
        None => c.kind.clone(),
    };
    if low || high {
        (
            false,
            format!(
                "{what}{place}: {n} found; needs {wanted}{}",
                other_policies(design, c)
            ),
        )
    } else {
        (true, format!("{what}{place}: {n} found ({wanted})"))
    }
}

/// For a failed `count` of records by policy: how another record routes
/// instead (` (api routes by weighted)`), so the student sees what to change.
fn other_policies(design: &Design, c: &CountCheck) -> String {
    let other = c.policy.and_then(|want| {
        design
            .dns
            .iter()
            .flat_map(|d| &d.records)
            .find(|r| r.policy != want)
    });
    match other {
        Some(r) => format!(" ({} routes by {})", short(&r.name), r.policy.as_str()),
        None => String::new(),
    }
}

/// The kind and region code of a link's end; a DynamoDB replica's stand-in
/// (`table@region-id`) is a `dynamodb` in that region.
fn end<'a>(idx: &Index<'a>, id: &str) -> Option<(&'static str, Option<&'a str>)> {
    if let Some(o) = idx.get(id) {
        return Some((kind_name(o.kind()), region_code(idx, &o)));
    }
    let (_, region) = id.split_once('@')?;
    let r = idx.get(region)?;
    Some(("dynamodb", r.region().map(|r| r.code.as_str())))
}

fn link(design: &Design, l: &LinkCheck) -> (bool, String) {
    let idx = Index::new(design);
    let mut between = 0usize;
    for link in links(design) {
        let (Some(a), Some(b)) = (end(&idx, &link.from), end(&idx, &link.to)) else {
            continue;
        };
        // Either direction: a replica points at its source, a writer at
        // its secondaries; the goal names the pair.
        let ends = if (a.0, b.0) == (l.from.as_str(), l.to.as_str()) {
            (link.from.as_str(), a.1, link.to.as_str(), b.1)
        } else if (b.0, a.0) == (l.from.as_str(), l.to.as_str()) {
            (link.to.as_str(), b.1, link.from.as_str(), a.1)
        } else {
            continue;
        };
        between += 1;
        let across = ends.1.is_some() && ends.3.is_some() && ends.1 != ends.3;
        if l.across_regions.is_none_or(|want| want == across) {
            let shown = |id: &str, code: Option<&str>| {
                format!("{} ({})", short(id), code.unwrap_or("global"))
            };
            return (
                true,
                format!(
                    "{} {} is linked to {} {}",
                    l.from,
                    shown(ends.0, ends.1),
                    l.to,
                    shown(ends.2, ends.3)
                ),
            );
        }
    }
    let place = match l.across_regions {
        Some(true) => " in another region",
        Some(false) => " in the same region",
        None => "",
    };
    let found = if between > 0 && l.across_regions.is_some() {
        format!(" ({} between them, none{place})", plural(between, "link"))
    } else {
        String::new()
    };
    (
        false,
        format!(
            "no {} is linked to {} {}{place}{found}",
            l.from,
            article(&l.to),
            l.to
        ),
    )
}

fn survives(design: &Design, s: &SurvivesCheck) -> (bool, String) {
    let failure = if catalog::region(&s.fail).is_some() {
        Failure::Region(s.fail.clone())
    } else {
        Failure::Az(s.fail.clone())
    };
    let uses = match &failure {
        Failure::Region(c) => design.regions.iter().any(|r| &r.code == c),
        Failure::Az(a) => design
            .regions
            .iter()
            .flat_map(|r| &r.vpcs)
            .flat_map(|v| &v.subnets)
            .any(|x| &x.az == a),
        // Never built above: `survives` names a region or an AZ.
        Failure::Component(_) => false,
    };
    if !uses {
        return (
            false,
            format!(
                "the design does not use {}, so there is nothing to lose and recover",
                s.fail
            ),
        );
    }
    let sc = simulate(design, &failure);
    let lose = format!("losing {}", s.fail);
    let Some(rto) = sc.rto_seconds else {
        let what = if sc.unrecoverable.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = sc
                .unrecoverable
                .iter()
                .take(5)
                .map(|i| short(i).to_string())
                .collect();
            format!(": {} do not come back", ids.join(", "))
        };
        return (false, format!("{lose}, the service does not recover{what}"));
    };
    let Some(rpo) = sc.rpo_seconds else {
        let lost: Vec<String> = sc
            .stores
            .iter()
            .filter(|st| st.rpo_seconds.is_none())
            .take(5)
            .map(|st| short(&st.id).to_string())
            .collect();
        return (
            false,
            format!("{lose}, data is lost for good ({})", lost.join(", ")),
        );
    };
    let mut over = Vec::new();
    if let Some(limit) = s.rto_seconds.filter(|l| rto > *l) {
        over.push(format!(
            "recovery takes {}, over the {} allowed",
            duration(rto),
            duration(limit)
        ));
    }
    if let Some(limit) = s.rpo_seconds.filter(|l| rpo > *l) {
        over.push(format!(
            "up to {} of writes are lost, over the {} allowed",
            duration(rpo),
            duration(limit)
        ));
    }
    if over.is_empty() {
        (
            true,
            format!(
                "{lose}: back in {}, at most {} of writes lost",
                duration(rto),
                duration(rpo)
            ),
        )
    } else {
        (false, format!("{lose}: {}", over.join("; ")))
    }
}
