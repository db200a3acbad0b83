//! "What changes": the export compared with a previous one, shown above the
//! files before anything is downloaded. Counts first, then each Terraform
//! address that is created, updated, moved (a `moved` block), moved to
//! another root (`removed` + `import`, or its state moved by the export's
//! `scripts/move-state.sh`), replaced or destroyed,
//! then each changed file with its unified diff, collapsed until opened.

use crate::core::export::job::Comparison;
use leptos::prelude::*;

/// The comparison with the export read from `from` (the file's name).
pub fn changes_view(from: String, c: Comparison) -> impl IntoView {
    // The summary's first two lines are the counts `export --since` prints.
    let counts: Vec<String> = c.summary.lines().take(2).map(str::to_string).collect();
    // Then, when something must be done before the first plan, what.
    let next = c
        .summary
        .lines()
        .nth(2)
        .and_then(|l| l.strip_prefix("next: "))
        .map(|l| view! { <p class="next" role="note"><b>"Next: "</b>{l.to_string()}</p> });
    let addresses = c
        .addresses
        .into_iter()
        .map(|a| {
            let place = format!("{}: {}", a.root, a.address);
            let target = if (&a.root, &a.address) == (&a.to_root, &a.to_address) {
                String::new()
            } else if a.root == a.to_root {
                format!(" → {}", a.to_address)
            } else {
                format!(" → {}: {}", a.to_root, a.to_address)
            };
            let why = (!a.why.is_empty()).then(|| view! { <span class="why">{format!(" ({})", a.why)}</span> });
            let action = a.action;
            view! {
                <li data-action=action.clone()><b>{action.clone()}</b>" "<code>{place}{target}</code>{why}</li>
            }
        })
        .collect_view();
    let files = c
        .files
        .into_iter()
        .map(|f| {
            let path = f.path;
            view! {
                <li><details data-changed=path.clone()>
                    <summary><span class=format!("file-status {}", f.status)>{f.status.clone()}</span>" "<code>{path.clone()}</code></summary>
                    <pre tabindex="0" aria-label="Unified diff">{f.diff}</pre>
                </details></li>
            }
        })
        .collect_view();
    view! {
        <section class="export-changes" aria-label="What this export changes">
            <h3>{format!("Changes since {from}")}</h3>
            <p class="counts">{counts.join(" · ")}</p>
            {next}
            <ul class="addresses" aria-label="Terraform addresses">{addresses}</ul>
            <ul class="changed-files" aria-label="Changed files">{files}</ul>
        </section>
    }
}
