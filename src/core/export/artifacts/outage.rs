//! The README's "When a region fails" section: the outage simulation's
//! numbers per region (and per AZ, in brief), next to the runbooks, so the
//! repository says what its own DR costs in minutes and data.

use crate::core::model::Design;
use crate::core::simulate::report::duration;
use crate::core::simulate::{simulate_all, strategy, Failure};

/// The section, or an empty string for a design without regions.
pub fn section(design: &Design) -> String {
    let scenarios = simulate_all(design);
    if scenarios.is_empty() {
        return String::new();
    }
    let st = strategy(design);
    let mut r = format!(
        "\n## When a region fails\n\nTopoform's outage simulation of this design (`topoform simulate topoform.json`; every number names its fact, from AWS's documentation, in `--format json`). Strategy: {} (AWS's disaster-recovery tiers).\n\n| lost | RTO | RPO | by hand | capacity after |\n|---|---|---|---|---|\n",
        st.label()
    );
    for s in &scenarios {
        let (rto, rpo) = (s.rto_text(), s.rpo_text());
        let manual = s.steps.iter().filter(|x| x.manual).count();
        let manual = if manual == 0 {
            "nothing".to_string()
        } else {
            format!("{manual} step(s)")
        };
        let cap = s
            .capacity
            .iter()
            .map(|c| {
                format!(
                    "{}/{} {}{}",
                    c.needed,
                    c.max,
                    c.unit,
                    if c.enough() { "" } else { " (short)" }
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let objective = match s.objectives_met {
            Some(true) => " (objective met)",
            Some(false) => " (objective **breached**)",
            None => "",
        };
        r.push_str(&format!(
            "| {} {} | {rto}{objective} | {rpo} | {manual} | {} |\n",
            s.failure.kind(),
            s.failure.what(),
            if cap.is_empty() { "-".into() } else { cap }
        ));
    }
    if let Some(p) = design.primary() {
        if let Some(s) = scenarios
            .iter()
            .find(|s| s.failure == Failure::Region(p.code.clone()))
        {
            r.push_str(&format!(
                "\nLosing the primary region, {}, step by step (times from the failure):\n\n",
                p.code
            ));
            for x in &s.steps {
                let who = if x.manual { " (by hand)" } else { "" };
                r.push_str(&format!("- +{}: {}{who}\n", duration(x.ends_at), x.what));
            }
            for n in &s.notes {
                r.push_str(&format!("- Note: {n}\n"));
            }
        }
    }
    if let Some(next) = st.next_up() {
        r.push_str(&format!("\nThe next tier up: {next}\n"));
    }
    r
}
