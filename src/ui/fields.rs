//! Typed inputs for the inspector. Each commits on change (one undo step per
//! edit); numbers outside their range and unparsable text are refused with a
//! message and leave the design untouched; CIDR fields show live parse
//! feedback while typing.

use ipnet::Ipv4Net;
use leptos::prelude::*;

/// A text input.
#[component]
pub fn TextField(label: &'static str, value: String, on_commit: Callback<String>, #[prop(optional)] cidr: bool) -> impl IntoView {
    let draft = RwSignal::new(value.clone());
    let feedback = move || {
        if !cidr {
            return None;
        }
        let text = draft.get();
        Some(match text.trim().parse::<Ipv4Net>() {
            Ok(n) if n.addr() != n.network() => (false, format!("host bits set: the network is {}", n.trunc())),
            Ok(n) => (true, format!("{} addresses, {} – {}", 1u64 << (32 - n.prefix_len()), n.network(), n.broadcast())),
            Err(_) => (false, "not an IPv4 CIDR like 10.0.0.0/16".to_string()),
        })
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" value=value aria-label=label
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:change=move |ev| on_commit.run(event_target_value(&ev)) />
            {move || feedback().map(|(ok, text)| view! { <small class=if ok { "ok" } else { "bad" } role="status">{text}</small> })}
        </label>
    }
}

/// A whole-number input with an allowed range.
#[component]
pub fn NumField(label: &'static str, value: u32, min: u32, max: u32, on_commit: Callback<u32>, on_error: Callback<String>) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="number" value=value.to_string() min=min.to_string() max=max.to_string() aria-label=label
                on:change=move |ev| match crate::core::edit::parse_in_range(&event_target_value(&ev), min, max, label) {
                    Ok(n) => on_commit.run(n),
                    Err(e) => on_error.run(e),
                } />
        </label>
    }
}

/// A select of (value, label) options.
#[component]
pub fn SelectField(label: &'static str, value: String, options: Vec<(String, String)>, on_commit: Callback<String>) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select aria-label=label on:change=move |ev| on_commit.run(event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| { let sel = v == value; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
            </select>
        </label>
    }
}

/// A checkbox.
#[component]
pub fn CheckField(label: &'static str, value: bool, on_commit: Callback<bool>) -> impl IntoView {
    view! {
        <label class="field check">
            <input type="checkbox" checked=value aria-label=label on:change=move |ev| on_commit.run(event_target_checked(&ev)) />
            <span>{label}</span>
        </label>
    }
}
