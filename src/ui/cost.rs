//! The cost panel (total, per region, the DR premium, the biggest items),
//! the selected object's monthly cost for the inspector, and the DR tiers
//! next to the outage panel's strategy. All follow the design: its cost
//! [`Summary`] (figures, the biggest items, the tiers, every object's cost)
//! is one memo of it, shared through context ([`CostMemo`]), so an edit
//! re-costs once for every view, the inspector's included.

use crate::core::cost::report::money;
use crate::core::cost::Summary;
use crate::core::model::Design;
use crate::ui::doc::Content;
use leptos::prelude::*;

/// How many items the panel lists.
const BIGGEST: usize = 5;

/// The cost summary of the open design, provided by the app.
#[derive(Clone, Copy)]
pub struct CostMemo(pub Memo<Summary>);

fn summary(design: Signal<Design>) -> Memo<Summary> {
    Memo::new(move |_| design.with(|d| Summary::of(d, BIGGEST)))
}

/// Makes the cost memo of the design's content (positions cost nothing,
/// so a move does not re-cost) and provides it to every view below.
pub fn provide_cost(content: Content) -> Memo<Summary> {
    let m = Memo::new(move |_| content.with(|d| Summary::of(d, BIGGEST)));
    provide_context(CostMemo(m));
    m
}

fn cost_memo(design: Signal<Design>) -> Memo<Summary> {
    use_context::<CostMemo>()
        .map(|c| c.0)
        .unwrap_or_else(|| summary(design))
}

/// The panel.
#[component]
pub fn CostPanel(
    /// The design.
    design: Signal<Design>,
    /// Selects an item's object.
    on_pick: Callback<Vec<String>>,
) -> impl IntoView {
    let e = cost_memo(design);
    let regions = move || {
        e.with(|e| {
            e.regions
                .iter()
                .map(|(code, v)| view! { <tr><td>{code.clone()}</td><td class="num">{money(*v)}</td></tr> })
                .collect_view()
        })
    };
    let items = move || {
        e.with(|e| {
            e.biggest
                .iter()
                .map(|i| {
                    let id = i.subject.clone();
                    let label = format!(
                        "{}{}",
                        i.subject,
                        i.region.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
                    );
                    view! {
                        <li title=i.what.clone()>
                            <span class="num">{money(i.monthly)}</span>" "
                            <button type="button" class="link" on:click=move |_| on_pick.run(vec![id.clone()])>{label}</button>
                            {i.estimate.then_some(" (estimate)")}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="cost" aria-label="What it costs">
            <h2>"What it costs"</h2>
            <p class="total">{move || e.with(|e| format!("{} a month", money(e.monthly_total)))}</p>
            <p class="muted premium">{move || e.with(|e| format!(
                "One region alone {}; DR adds {} ({:.2}×).",
                money(e.single_region_baseline),
                money(e.monthly_total - e.single_region_baseline),
                e.multiplier
            ))}</p>
            <table class="cost-regions">
                <tbody>
                    {regions}
                    <tr><td>"global"</td><td class="num">{move || e.with(|e| money(e.global))}</td></tr>
                </tbody>
            </table>
            <ol class="cost-items">{items}</ol>
            <p class="muted source">{move || e.with(|e| {
                let assumed = if e.assumed.is_empty() { String::new() } else { format!(" Assumed usage: {}.", e.assumed.join(", ")) };
                format!("On-demand {} list prices of {}; other regions priced alike.{assumed}", e.priced_region, e.prices_as_of)
            })}</p>
        </section>
    }
}

/// The selected object's monthly cost, for the inspector (nothing for an
/// object without items, such as a subnet), read from the cost memo.
#[component]
pub fn ObjectCost(design: Signal<Design>, id: String) -> impl IntoView {
    let e = cost_memo(design);
    let cost = Memo::new(move |_| e.with(|e| e.object(&id)));
    move || {
        cost.get().filter(|(v, _)| *v > 0.0).map(
            |(v, what)| view! { <p class="object-cost" title=what>{format!("{} a month", money(v))}</p> },
        )
    }
}

/// What the DR tiers next to the design's own would cost.
#[component]
pub fn CostTiers(design: Signal<Design>) -> impl IntoView {
    let e = cost_memo(design);
    move || {
        e.with(|e| {
            let t = &e.tiers;
            let row = |x: Option<&crate::core::cost::TierCost>, dir: &'static str| {
                x.map(|x| view! {
                    <li class=dir title=x.how.clone()>{format!("{dir}: {} {} a month ({:.2}×)", x.label, money(x.monthly), x.multiplier)}</li>
                })
            };
            let cur = t.all.iter().find(|x| x.current).map(|x| format!("This design: {} a month ({:.2}×).", money(x.monthly), x.multiplier));
            view! {
                <div class="cost-tiers" aria-label="DR tiers">
                    <p class="muted">{cur}</p>
                    <ul>{row(t.down(), "down")}{row(t.up(), "up")}</ul>
                </div>
            }
        })
    }
}
