//! The legend: what each line style and subnet colour means. Only the link
//! kinds present in the design are listed, so it stays short.

use crate::core::layout::LinkKind;
use leptos::prelude::*;

/// The legend box in the corner of the canvas.
#[component]
pub fn Legend(
    /// The link kinds the design shows, in legend order.
    kinds: Signal<Vec<LinkKind>>,
) -> impl IntoView {
    view! {
        <aside class="legend" aria-label="Legend">
            <h2>"Legend"</h2>
            <ul>
                {move || {
                    kinds
                        .get()
                        .into_iter()
                        .map(|k| {
                            let class = format!("link {}", k.as_str());
                            view! {
                                <li data-kind=k.as_str()>
                                    <svg viewBox="0 0 36 10" aria-hidden="true">
                                        <path class=class d="M2 5H34"></path>
                                    </svg>
                                    {k.label()}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="tiers">
                <span><span class="swatch public"></span>"public"</span>
                <span><span class="swatch private"></span>"private"</span>
                <span><span class="swatch data"></span>"data"</span>
            </div>
        </aside>
    }
}
