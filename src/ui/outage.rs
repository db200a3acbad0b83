//! The outage panel: pick a region or an AZ to lose and read what it costs
//! (RTO, RPO, the timeline with the fact behind every number, data lost
//! per store, capacity, what does not come back), against the design's
//! objectives. Which place is failed is session state: not an edit, not
//! saved, not in undo. The simulation is a memo of the design's content
//! and that choice, so it follows every edit but a move (positions on the
//! canvas change no outcome).

use crate::core::model::Design;
use crate::core::simulate::report::duration;
use crate::core::simulate::{every_failure, simulate, strategy, Failure, Scenario};
use crate::ui::cost::CostTiers;
use crate::ui::doc::Content;
use leptos::prelude::*;

/// The panel.
#[component]
pub fn Outage(
    /// The design.
    design: Signal<Design>,
    /// The design's content: what the simulation reads, so a move on the
    /// canvas does not simulate again.
    content: Content,
    /// The place failed in this session, if any.
    failed: RwSignal<Option<Failure>>,
    /// Selects objects (a step's or a lost object's subjects).
    on_pick: Callback<Vec<String>>,
) -> impl IntoView {
    let places = Memo::new(move |_| content.with(every_failure));
    // A place the design no longer has (a region deleted) fails nothing.
    let scenario = Memo::new(move |_| {
        failed.get().and_then(|f| {
            content.with(|d| places.with(|p| p.contains(&f)).then(|| simulate(d, &f)))
        })
    });
    let tier = Memo::new(move |_| content.with(strategy));
    let buttons = move || {
        places.with(|ps| {
            ps.iter()
                .map(|p| {
                    let f = p.clone();
                    let pressed = move || failed.with(|x| x.as_ref() == Some(&f));
                    let f2 = p.clone();
                    let label = format!("{} {}", if matches!(p, Failure::Region(_)) { "Region" } else { "AZ" }, p.what());
                    view! {
                        <button type="button" class="fail-place" aria-pressed=move || pressed().to_string()
                            title=format!("Simulate losing {}", p.what())
                            on:click=move |_| failed.update(|x| *x = if x.as_ref() == Some(&f2) { None } else { Some(f2.clone()) })>
                            {label}
                        </button>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="outage" aria-label="If a region fails">
            <h2>"If a region fails"</h2>
            <p class="muted">{move || format!("Strategy: {}.", tier.get().label())}</p>
            <CostTiers design=design />
            <div class="fail-places" role="group" aria-label="Place to lose">{buttons}</div>
            {move || scenario.get().map(|s| report(s, on_pick))}
            <Show when=move || failed.with(Option::is_some)>
                <button type="button" class="restore" on:click=move |_| failed.set(None)>"Restore"</button>
            </Show>
        </section>
    }
}

fn report(s: Scenario, on_pick: Callback<Vec<String>>) -> impl IntoView {
    let (rto, rpo) = (s.rto_text(), s.rpo_text());
    let verdict = match s.objectives_met {
        Some(true) => Some(("met", "Objectives met")),
        Some(false) => Some(("breached", "Objectives breached")),
        None => None,
    };
    let steps = s
        .steps
        .iter()
        .map(|x| {
            let manual = x.manual.then_some(" · by hand");
            view! {
                <li class:manual=x.manual title=crate::core::simulate::report::source(x)>
                    <span class="at">{format!("+{}", duration(x.ends_at))}</span>
                    " "{x.what.clone()}
                    <small>{format!(" {} ({})", duration(x.seconds), x.fact)}{manual}</small>
                </li>
            }
        })
        .collect_view();
    let stores = s.stores.iter().map(|st| {
        let loss = st.rpo_seconds.map(duration).unwrap_or_else(|| "everything".into());
        let id = st.id.clone();
        view! {
            <li><button type="button" class="link" on:click=move |_| on_pick.run(vec![id.clone()])>{st.id.clone()}</button>
                {format!(" ({}) loses {loss}{}. {}", st.kind, if st.bounded { "" } else { ", no bound" }, st.note)}</li>
        }
    }).collect_view();
    let capacity = s.capacity.iter().map(|c| view! {
        <li class:short=!c.enough()>{format!("{} {} needed, {} running, up to {}{}", c.needed, c.unit, c.running, c.max, if c.enough() { "" } else { ": short" })}</li>
    }).collect_view();
    let lost = (!s.unrecoverable.is_empty()).then(|| {
        let ids = s.unrecoverable.clone();
        let text = s.unrecoverable.join(", ");
        view! { <p class="lost">"Does not come back: "<button type="button" class="link" on:click=move |_| on_pick.run(ids.clone())>{text}</button></p> }
    });
    let notes = s
        .notes
        .iter()
        .map(|n| view! { <li>{n.clone()}</li> })
        .collect_view();
    view! {
        <div class="outage-report" role="status">
            <p class="figures">
                <span class="rto">"RTO "<b>{rto}</b></span>" · "<span class="rpo">"RPO "<b>{rpo}</b></span>
                {verdict.map(|(c, t)| view! { " · "<span class=c>{t}</span> })}
            </p>
            <ol class="timeline">{steps}</ol>
            <ul class="stores">{stores}</ul>
            <ul class="capacity">{capacity}</ul>
            {lost}
            <ul class="notes">{notes}</ul>
        </div>
    }
}
