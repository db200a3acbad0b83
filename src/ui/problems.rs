//! The problems panel: every diagnostic of the design, errors first.
//! Clicking one selects the objects it is about and centres the canvas on
//! them. Diagnostics are a memo of the design, so the list follows every edit.

use crate::core::validate::{Diagnostic, Severity};
use leptos::prelude::*;
use std::hash::{Hash, Hasher};

/// The side panel listing diagnostics.
#[component]
pub fn Problems(
    /// The diagnostics, already sorted by severity.
    diagnostics: Signal<Vec<Diagnostic>>,
    /// Called with the subject ids of a clicked diagnostic.
    on_pick: Callback<Vec<String>>,
) -> impl IntoView {
    // Keyed rows: an edit that adds or removes findings builds only those
    // rows (a CIDR change on a large design rebuilt a hundred of them).
    // One list per severity: Leptos moves every row after findings
    // inserted at the top of a list (its diff groups the shifted rows
    // into one move and moves them all), so the 13 errors of a CIDR edit
    // on the stress design took out and put back each of the 116
    // warnings below them, restyling all of them. In lists of their own,
    // new errors leave the warnings' list untouched.
    let keyed = move |severity: Severity| {
        diagnostics.with(|ds| {
            let mut seen = rustc_hash::FxHashMap::<u64, u32>::default();
            ds.iter()
                .filter(|d| d.severity == severity)
                .map(|d| {
                    let mut h = rustc_hash::FxHasher::default();
                    (d.rule, d.severity.as_str(), &d.message, &d.subjects).hash(&mut h);
                    let hash = h.finish();
                    // The same finding twice keeps two rows.
                    let n = seen.entry(hash).or_default();
                    *n += 1;
                    ((hash, *n), d.clone())
                })
                .collect::<Vec<_>>()
        })
    };
    let row = move |(_, d): ((u64, u32), Diagnostic)| {
        let subjects = d.subjects.clone();
        let sev = d.severity.as_str();
        view! {
            <li class=format!("problem {sev}")>
                // The accessible name is the visible text, with the severity
                // spelled out for screen readers in place of the mark.
                <button type="button" title=d.fix on:click=move |_| on_pick.run(subjects.clone())>
                    <span class="sev" aria-hidden="true">{severity_mark(d.severity)}</span>
                    <span class="sr-only">{format!("{sev} ")}</span>
                    <span class="rule">{d.rule}</span>
                    <span class="msg">{d.message}</span>
                </button>
            </li>
        }
    };
    let list = move |severity: Severity| {
        view! { <For each=move || keyed(severity) key=|(k, _)| *k children=row /> }
    };
    let rows = move || {
        view! { {list(Severity::Error)}{list(Severity::Warning)}{list(Severity::Info)} }
    };
    let empty = move || diagnostics.with(Vec::is_empty);
    view! {
        <aside class="problems" aria-label="Problems">
            <h2>"Problems"</h2>
            <Show when=empty fallback=move || view! { <ul>{rows}</ul> }>
                <p class="none">"No problems: the design passes every rule."</p>
            </Show>
        </aside>
    }
}

fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

/// "2 errors · 1 warning" for the toolbar.
pub fn counts_text((e, w, i): (usize, usize, usize)) -> String {
    if e + w + i == 0 {
        return "No problems".into();
    }
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![plural(e, "error"), plural(w, "warning")];
    if i > 0 {
        parts.push(format!("{i} info"));
    }
    parts.join(" · ")
}
