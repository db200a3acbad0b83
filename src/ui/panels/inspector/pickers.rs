//! Pickers shared by the inspector's families: subnets grouped by AZ as
//! checkboxes, and choices of other objects by id.

use crate::core::model::*;
use leptos::prelude::*;

/// The subnets of `vpc` grouped by AZ, each a checkbox; `current` are the
/// ids the object uses now. Ids from elsewhere (another VPC, or gone) are
/// listed too, checked, so they can be taken out.
pub fn subnets(
    label: &'static str,
    vpc: &Vpc,
    current: &[String],
    on_commit: Callback<Vec<String>>,
) -> AnyView {
    let mut azs: Vec<&str> = vpc.subnets.iter().map(|s| s.az.as_str()).collect();
    azs.sort_unstable();
    azs.dedup();
    let toggle = {
        let current = current.to_vec();
        move |id: String, on: bool| {
            let mut next: Vec<String> = current.iter().filter(|s| **s != id).cloned().collect();
            if on {
                next.push(id);
            }
            on_commit.run(next);
        }
    };
    let box_for = |id: &str, text: String, checked: bool| {
        let toggle = toggle.clone();
        let sid = id.to_string();
        view! {
            <label class="check-row">
                <input type="checkbox" checked=checked data-subnet=sid.clone() aria-label=format!("{label}: {text}") on:change=move |ev| toggle(sid.clone(), event_target_checked(&ev)) />
                {text.clone()}
            </label>
        }
    };
    let groups = azs
        .iter()
        .map(|az| {
            let rows = vpc
                .subnets
                .iter()
                .filter(|s| s.az == *az)
                .map(|s| {
                    box_for(
                        &s.id,
                        format!("{} {} ({})", s.name, s.cidr, s.tier.as_str()),
                        current.contains(&s.id),
                    )
                })
                .collect_view();
            view! { <div class="az-group"><small>{az.to_string()}</small>{rows}</div> }
        })
        .collect_view();
    let strays = current
        .iter()
        .filter(|id| !vpc.subnets.iter().any(|s| s.id == **id))
        .map(|id| box_for(id, format!("{id} (not in this VPC)"), true))
        .collect_view();
    view! {
        <fieldset class="field subnets" data-field="subnets">
            <legend>{label}</legend>
            {groups}
            {strays}
        </fieldset>
    }
    .into_any()
}

/// (id, "name (id, region)") for every object of `kind`, optionally only
/// those `keep` accepts, with "— none —" first when `none` is set.
pub fn objects(
    d: &Design,
    kind: ObjectKind,
    none: bool,
    keep: &dyn Fn(ObjectRef<'_>) -> bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if none {
        out.push((String::new(), "— none —".to_string()));
    }
    for_each_object(d, |o| {
        if o.kind() == kind && keep(o) {
            let at = o
                .region()
                .map(|r| format!(", {}", r.code))
                .unwrap_or_default();
            out.push((
                o.id().to_string(),
                format!("{} ({}{at})", o.display_name(), o.id()),
            ));
        }
    });
    out
}

/// An empty choice means none.
pub fn some(v: String) -> Option<String> {
    Some(v).filter(|s| !s.is_empty())
}
