//! The simulation as the command line prints it: JSON in the shape
//! docs/design-format.md fixes (and the fields it adds), or text.

use super::{strategy, Scenario};
use crate::core::model::Design;
use serde_json::{json, Value};

/// `{"scenarios":[...],"strategy":{...}}`: per scenario `fail`, `kind`,
/// `rto_seconds`, `rpo_seconds`, `objectives_met`, `steps` (`what`,
/// `seconds`, `source`, and `fact`, `manual`, `track`, `ends_at`),
/// `unrecoverable`, and `stores`, `capacity`, `notes`.
pub fn json(design: &Design, scenarios: &[Scenario]) -> Value {
    let st = strategy(design);
    json!({
        "scenarios": scenarios.iter().map(scenario).collect::<Vec<_>>(),
        "strategy": { "id": st.id(), "label": st.label(), "next_up": st.next_up() },
        "timings_version": crate::core::catalog::dr_timings::TABLE_VERSION,
    })
}

fn scenario(s: &Scenario) -> Value {
    json!({
        "fail": s.failure.what(),
        "kind": s.failure.kind(),
        "rto_seconds": s.rto_seconds,
        "rpo_seconds": s.rpo_seconds,
        "objectives_met": s.objectives_met,
        "steps": s.steps.iter().map(|x| json!({
            "what": x.what, "seconds": x.seconds, "source": source(x),
            "fact": x.fact, "manual": x.manual, "track": x.track.as_str(), "ends_at": x.ends_at,
        })).collect::<Vec<_>>(),
        "unrecoverable": s.unrecoverable,
        "stores": s.stores.iter().map(|x| json!({
            "id": x.id, "kind": x.kind, "rpo_seconds": x.rpo_seconds, "bounded": x.bounded, "note": x.note,
        })).collect::<Vec<_>>(),
        "capacity": s.capacity.iter().map(|c| json!({
            "unit": c.unit, "needed": c.needed, "running": c.running, "max": c.max, "enough": c.enough(),
        })).collect::<Vec<_>>(),
        "notes": s.notes,
    })
}

/// Seconds as people read them: `45 s`, `6 min 30 s`.
pub fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// The text report: a block per scenario.
pub fn text(file: &str, design: &Design, scenarios: &[Scenario]) -> String {
    let mut out = String::new();
    let st = strategy(design);
    out.push_str(&format!(
        "{file}: strategy {} (AWS's DR tiers)\n",
        st.label()
    ));
    for s in scenarios {
        // The panel's words: the two read alike.
        let (rto, rpo) = (s.rto_text(), s.rpo_text());
        let met = match s.objectives_met {
            Some(true) => ", objectives met",
            Some(false) => ", OBJECTIVES BREACHED",
            None => "",
        };
        out.push_str(&format!(
            "\nlose {} {}: RTO {rto}, RPO {rpo}{met}\n",
            s.failure.kind(),
            s.failure.what()
        ));
        for x in &s.steps {
            let who = if x.manual { " [manual]" } else { "" };
            out.push_str(&format!(
                "  {:>11}  {}{who} ({}, {})\n",
                format!("+{}", duration(x.ends_at)),
                x.what,
                duration(x.seconds),
                x.fact
            ));
        }
        for st in &s.stores {
            let loss = st
                .rpo_seconds
                .map(duration)
                .unwrap_or_else(|| "everything".into());
            out.push_str(&format!(
                "  data {} ({}): loses {loss}{}. {}\n",
                st.id,
                st.kind,
                if st.bounded { "" } else { ", no bound" },
                st.note
            ));
        }
        for c in &s.capacity {
            let flag = if c.enough() { "" } else { "  SHORT" };
            out.push_str(&format!(
                "  capacity: {} {} needed, {} running, up to {}{flag}\n",
                c.needed, c.unit, c.running, c.max
            ));
        }
        if !s.unrecoverable.is_empty() {
            out.push_str(&format!(
                "  does not come back: {}\n",
                s.unrecoverable.join(", ")
            ));
        }
        for n in &s.notes {
            out.push_str(&format!("  note: {n}\n"));
        }
    }
    out
}

/// A step's source for people: the fact's basis, what it says and where
/// AWS says it; the design's own numbers say so.
pub fn source(x: &super::Step) -> String {
    match crate::core::catalog::dr_timings::fact(x.fact) {
        Some(f) => format!("{}: {} ({})", f.basis.as_str(), f.what, f.source),
        None => x.source.to_string(),
    }
}
