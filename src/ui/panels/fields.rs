//! Typed inputs for the inspector and the settings panel. Each commits on
//! change (one undo step per edit). A value a field cannot take is refused
//! beside the field with the reason, and the design is left as it was;
//! leaving the field (blur) puts back what the design holds, and Escape
//! does so at once. Every control carries `data-field`, the path of the
//! format field it edits (see `inspector::controls`).

use crate::core::edit::{input, parse_in_range};
use ipnet::Ipv4Net;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Checks (and normalises) typed text, or says why it is refused.
pub type Check = fn(&str) -> Result<String, String>;

/// What a refusal looks like beside its field.
fn refusal(typed: &str, why: &str, kept: &str) -> String {
    format!(
        "“{}” was not applied: {why}. The design keeps “{kept}”.",
        typed.trim()
    )
}

/// How a typed field's commit is stored: it returns the text the design
/// now holds (normalised, e.g. trimmed) or why the value was refused.
pub type Commit = Box<dyn Fn(&str) -> Result<String, String>>;

/// The input of every text and number field: `commit` stores the text or
/// says why not (fields whose check needs context, like a tag key that
/// must not repeat, call it directly); on success the field shows what
/// was stored. Not generic, so all fields share one copy of this code.
pub fn input_view(
    label: &'static str,
    field: &'static str,
    kind: &'static str,
    value: String,
    cidr: bool,
    commit: Commit,
) -> AnyView {
    let draft = RwSignal::new(value.clone());
    let refused = RwSignal::new(None::<String>);
    let kept = StoredValue::new(value.clone());
    // Handlers use the `try_` accessors: a commit re-renders the panel, and
    // the old input may still send `blur` after its signals are gone.
    let restore = move |el: &web_sys::HtmlInputElement| {
        if let Some(v) = kept.try_get_value() {
            el.set_value(&v);
            draft.try_set(v);
        }
    };
    let feedback = move || {
        if !cidr || refused.with(Option::is_some) {
            return None;
        }
        let text = draft.get();
        Some(match text.trim().parse::<Ipv4Net>() {
            Ok(n) if n.addr() != n.network() => (
                false,
                format!("host bits set: the network is {}", n.trunc()),
            ),
            Ok(n) => (
                true,
                format!(
                    "{} addresses, {} – {}",
                    1u64 << (32 - n.prefix_len()),
                    n.network(),
                    n.broadcast()
                ),
            ),
            Err(_) => (false, "not an IPv4 CIDR like 10.0.0.0/16".to_string()),
        })
    };
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        refused.try_set(None);
        match commit(&text) {
            Ok(stored) => {
                // The field shows what the design now holds (e.g. trimmed).
                if let Some(el) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    if el.value() != stored {
                        el.set_value(&stored);
                    }
                }
                draft.try_set(stored.clone());
                kept.try_set_value(stored);
            }
            Err(why) => {
                let kept = kept.try_get_value().unwrap_or_default();
                refused.try_set(Some(refusal(&text, &why, &kept)));
            }
        }
    };
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        if refused.try_with_untracked(Option::is_some) == Some(true) {
            if let Some(el) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                restore(&el);
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            if let Some(el) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                restore(&el);
                refused.try_set(None);
                let _ = el.blur();
            }
        }
    };
    let invalid = move || refused.with(Option::is_some).then_some("true");
    view! {
        <label class="field" data-field=field>
            <span>{label}</span>
            <input type=kind value=value aria-label=label aria-invalid=invalid
                on:input=move |ev| { draft.try_set(event_target_value(&ev)); } on:change=on_change on:blur=on_blur on:keydown=on_key />
            {move || refused.get().map(|m| view! { <small class="bad refused" role="alert">{m}</small> })}
            {move || feedback().map(|(ok, text)| view! { <small class=if ok { "ok" } else { "bad" } role="status">{text}</small> })}
        </label>
    }
    .into_any()
}

/// Accepts any text as typed, trimmed.
fn any_text(s: &str) -> Result<String, String> {
    input::text(s)
}

/// A text input; `check` refuses what the field cannot hold.
#[component]
pub fn TextField(
    label: &'static str,
    /// The format path this field edits.
    field: &'static str,
    value: String,
    on_commit: Callback<String>,
    #[prop(optional)] cidr: bool,
    #[prop(default = any_text)] check: Check,
) -> AnyView {
    let check = if cidr { input::cidr as Check } else { check };
    input_view(
        label,
        field,
        "text",
        value,
        cidr,
        Box::new(move |s| check(s).inspect(|v| on_commit.run(v.clone()))),
    )
}

/// A whole-number input with an allowed range.
#[component]
pub fn NumField(
    label: &'static str,
    field: &'static str,
    value: u32,
    min: u32,
    max: u32,
    on_commit: Callback<u32>,
) -> AnyView {
    input_view(
        label,
        field,
        "number",
        value.to_string(),
        false,
        Box::new(move |s| {
            parse_in_range(s, min, max, label).map(|n| {
                on_commit.run(n);
                n.to_string()
            })
        }),
    )
}

/// A whole number that may be absent: an empty field means none.
#[component]
pub fn OptNumField(
    label: &'static str,
    field: &'static str,
    value: Option<u32>,
    min: u32,
    max: u32,
    on_commit: Callback<Option<u32>>,
) -> AnyView {
    let shown = value.map(|n| n.to_string()).unwrap_or_default();
    input_view(
        label,
        field,
        "text",
        shown,
        false,
        Box::new(move |s| {
            input::opt_number(s, min, max, label).map(|n| {
                on_commit.run(n);
                n.map(|n| n.to_string()).unwrap_or_default()
            })
        }),
    )
}

/// (value, label) pairs where both are the same text.
pub fn opts(list: &[&str]) -> Vec<(String, String)> {
    list.iter()
        .map(|s| (s.to_string(), s.to_string()))
        .collect()
}

/// A select of (value, label) options. A value the options do not hold
/// (a loaded file may have anything) is shown as it is, marked, never
/// replaced by the first option.
#[component]
pub fn SelectField(
    label: &'static str,
    field: &'static str,
    value: String,
    mut options: Vec<(String, String)>,
    on_commit: Callback<String>,
) -> AnyView {
    if !options.iter().any(|(v, _)| *v == value) {
        let shown = if value.is_empty() {
            "— none —".to_string()
        } else {
            format!("{value} (not a valid choice)")
        };
        options.insert(0, (value.clone(), shown));
    }
    view! {
        <label class="field" data-field=field>
            <span>{label}</span>
            <select aria-label=label on:change=move |ev| on_commit.run(event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| { let sel = v == value; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// A checkbox.
#[component]
pub fn CheckField(
    label: &'static str,
    field: &'static str,
    value: bool,
    on_commit: Callback<bool>,
) -> AnyView {
    view! {
        <label class="field check" data-field=field>
            <input type="checkbox" checked=value aria-label=label on:change=move |ev| on_commit.run(event_target_checked(&ev)) />
            <span>{label}</span>
        </label>
    }
    .into_any()
}
