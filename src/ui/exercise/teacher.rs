//! The teacher's view: pick several submitted designs (design files,
//! export zips or Topoform SVGs) and see who passed which goal of the open
//! exercise, every design regraded in the browser (`core::exercise::class`;
//! reports are never trusted). Nothing is uploaded.

use crate::core::exercise::class::{passed_per_goal, table, Row};
use crate::core::exercise::Exercise;
use crate::platform;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The submissions picker and the table for `exercise`.
#[component]
pub fn Teacher(exercise: Signal<Option<Exercise>>) -> impl IntoView {
    let rows = RwSignal::new(Vec::<Row>::new());
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            let mut broken = Vec::new();
            for f in files {
                match platform::file_open::read_file(&f).await {
                    Ok(pair) => read.push(pair),
                    Err(e) => broken.push(Row {
                        name: f.name(),
                        grade: Err(e),
                    }),
                }
            }
            let Some(ex) = exercise.get_untracked() else {
                return;
            };
            let mut all = table(&ex, &read);
            all.extend(broken);
            rows.set(all);
        });
    };
    let header = move || {
        exercise.with(|e| {
            e.as_ref().map(|e| {
                e.goals
                    .iter()
                    .map(|g| view! { <th title=g.text.clone()>{g.id.clone()}</th> })
                    .collect_view()
            })
        })
    };
    let body = move || {
        rows.get()
            .into_iter()
            .map(|r| {
                let (name, file) = (r.name.clone(), r.name);
                match r.grade {
                Ok(g) => view! {
                    <tr data-file=file>
                        <th scope="row">{name}</th>
                        {g.goals.into_iter().map(|x| view! {
                            <td class=if x.passed { "passed" } else { "failed" } title=x.message>{if x.passed { "✓" } else { "✗" }}</td>
                        }).collect_view()}
                        <td class="score">{g.score}</td>
                    </tr>
                }
                .into_any(),
                Err(e) => view! {
                    <tr data-file=file><th scope="row">{name}</th><td class="unreadable" colspan="99">{e}</td></tr>
                }
                .into_any(),
                }
            })
            .collect_view()
    };
    let totals = move || {
        let per = exercise.with(|e| e.as_ref().map(|e| rows.with(|r| passed_per_goal(e, r))));
        per.map(|p| p.into_iter().map(|n| view! { <td>{n}</td> }).collect_view())
    };
    view! {
        <details class="teacher">
            <summary>"Grade submissions"</summary>
            <label>"Designs "<input type="file" multiple=true accept=".json,.zip,.svg,application/json" on:change=on_pick /></label>
            <table class="class-table">
                <thead><tr><th>"File"</th>{header}<th>"Score"</th></tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr><th>"Passed"</th>{totals}<td></td></tr></tfoot>
            </table>
        </details>
    }
}
