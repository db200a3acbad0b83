//! The exercise panel in the side bar: with no exercise open, the picker;
//! with one, its brief, the goals as a live checklist (a memo of the
//! design graded with the exercise), the hints (shown after their time or
//! on request, requests counted), Finish, and the finish screen with the
//! grade report (JSON, CSV) and the design to download.

use super::brief::markdown;
use super::picker::Picker;
use super::teacher::Teacher;
use super::{store, Session};
use crate::core::exercise::report::{self, Effort};
use crate::core::exercise::{grade, Grade};
use crate::core::model::{save, Design};
use crate::platform;
use leptos::prelude::*;
use std::time::Duration;

/// The panel. `session` is the exercise in progress (kept in local storage
/// on every change); `on_open` receives a picked exercise's `(title,
/// text)`, for the app to open (asking before it replaces work).
#[component]
pub fn ExercisePanel(
    session: RwSignal<Option<Session>>,
    design: Signal<Design>,
    on_open: Callback<(String, String)>,
    on_message: Callback<String>,
) -> impl IntoView {
    // The session survives a reload, like the autosaved design.
    Effect::new(move |_| {
        if let Err(e) = session.with(|s| store(s.as_ref())) {
            on_message.run(format!("The exercise could not be kept: {e}."));
        }
    });
    // A clock for timed hints and the time shown: once a second.
    let now = RwSignal::new(platform::now_ms());
    if let Ok(h) = set_interval_with_handle(
        move || {
            now.try_set(platform::now_ms());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || h.clear());
    }
    let graded: Memo<Option<Grade>> = Memo::new(move |_| {
        session.with(|s| s.as_ref().map(|s| design.with(|d| grade(&s.exercise, d))))
    });
    let effort = move || {
        session.with_untracked(|s| {
            s.as_ref().map(|s| Effort {
                seconds: s.seconds(platform::now_ms()),
                hints_used: s.hints_used,
            })
        })
    };
    let download = move |csv: bool| {
        let made = session.with_untracked(|s| {
            let s = s.as_ref()?;
            let g = graded.get_untracked()?;
            let e = effort()?;
            Some(if csv {
                (
                    format!("{}-report.csv", s.exercise.id),
                    "text/csv",
                    report::csv(&s.exercise, &g, e),
                )
            } else {
                let json = serde_json::to_string_pretty(&report::json(&s.exercise, &g, e))
                    .unwrap_or_default();
                (
                    format!("{}-report.json", s.exercise.id),
                    "application/json",
                    json,
                )
            })
        });
        if let Some((name, mime, text)) = made {
            if let Err(e) = platform::download::download(&name, mime, text.as_bytes()) {
                on_message.run(e);
            }
        }
    };
    let download_design = move |_| {
        let (name, text) =
            design.with_untracked(|d| (format!("{}-{}.json", d.name, d.environment), save(d)));
        if let Err(e) = platform::download::download(&name, "application/json", text.as_bytes()) {
            on_message.run(e);
        }
    };
    let take_hint = move |_| {
        let t = platform::now_ms();
        session.update(|s| {
            if let Some(s) = s {
                let shown = s.shown(t);
                if shown < s.exercise.hints.len() {
                    s.revealed = shown + 1;
                    s.hints_used += 1;
                }
            }
        });
    };
    let finish = move |_| {
        let t = platform::now_ms();
        session.update(|s| {
            if let Some(s) = s {
                s.finished_ms.get_or_insert(t);
            }
        });
    };
    let resume = move |_| {
        session.update(|s| {
            if let Some(s) = s {
                s.finished_ms = None;
            }
        })
    };
    let close = move |_| session.set(None);

    let checklist = move || {
        let goals = session
            .with(|s| s.as_ref().map(|s| s.exercise.goals.clone()))
            .unwrap_or_default();
        let g = graded.get();
        goals
            .into_iter()
            .enumerate()
            .map(|(i, goal)| {
                let r = g.as_ref().and_then(|g| g.goals.get(i).cloned());
                let passed = r.as_ref().is_some_and(|r| r.passed);
                let msg = r.map(|r| r.message).unwrap_or_default();
                view! {
                    <li class=if passed { "goal passed" } else { "goal failed" } data-goal=goal.id.clone() data-passed=passed.to_string()>
                        <span class="mark" aria-hidden="true">{if passed { "✓" } else { "✗" }}</span>
                        <span class="sr-only">{if passed { "passed: " } else { "not yet: " }}</span>
                        <span class="text">{goal.text}</span>
                        <span class="why">{msg}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let hints = move || {
        let t = now.get();
        session.with(|s| {
            s.as_ref().map(|s| {
                s.exercise.hints[..s.shown(t)]
                    .iter()
                    .map(|h| view! { <li class="hint">{markdown(&h.text)}</li> })
                    .collect_view()
            })
        })
    };
    let more_hints = move || {
        let t = now.get();
        session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.shown(t) < s.exercise.hints.len())
        })
    };
    let finished = move || session.with(|s| s.as_ref().is_some_and(|s| s.finished_ms.is_some()));
    let summary = move || {
        let t = now.get();
        let score = graded.with(|g| g.as_ref().map(|g| (g.score, g.passed)));
        session.with(|s| {
            s.as_ref().map(|s| {
                let secs = s.seconds(t);
                let (score, passed) = score.unwrap_or((0, false));
                format!(
                    "Score {score}/100{} · {}:{:02} · {} hint{} used",
                    if passed { ", passed" } else { "" },
                    secs / 60,
                    secs % 60,
                    s.hints_used,
                    if s.hints_used == 1 { "" } else { "s" }
                )
            })
        })
    };

    view! {
        <section class="exercise" aria-label="Exercise">
            <Show when=move || session.with(Option::is_some)
                fallback=move || view! { <Picker on_open=on_open on_error=on_message /> }>
                <header class="exercise-head">
                    <h2>{move || session.with(|s| s.as_ref().map(|s| s.exercise.title.clone()))}</h2>
                    <button type="button" on:click=close title="Close the exercise (the design stays)">"Close"</button>
                </header>
                <Show when=finished fallback=move || view! {
                    <div class="brief">{move || session.with(|s| s.as_ref().map(|s| markdown(&s.exercise.brief)))}</div>
                }>
                    <div class="finish" role="status">
                        <p class="summary">{summary}</p>
                        <button type="button" on:click=move |_| download(false)>"Report (JSON)"</button>
                        <button type="button" on:click=move |_| download(true)>"Report (CSV)"</button>
                        <button type="button" on:click=download_design>"Design"</button>
                        <button type="button" on:click=resume>"Keep working"</button>
                    </div>
                </Show>
                <ul class="goals" aria-label="Goals">{checklist}</ul>
                <ol class="hints" aria-label="Hints">{hints}</ol>
                <div class="exercise-actions">
                    <button type="button" class="take-hint" disabled=move || !more_hints() on:click=take_hint>"Hint"</button>
                    <button type="button" class="finish-button" disabled=finished on:click=finish>"Finish"</button>
                    <span class="progress">{summary}</span>
                </div>
                <Teacher exercise=Signal::derive(move || session.with(|s| s.as_ref().map(|s| s.exercise.clone()))) />
            </Show>
        </section>
    }
}
