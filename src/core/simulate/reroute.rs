//! Where traffic goes when a place is lost: which of the ways in (DNS
//! records, accelerators) lose a target, and which surviving targets carry
//! the traffic now. A failover record's PRIMARY in the lost place is cut
//! and its SECONDARY carries; a weighted, latency or geolocation record's
//! surviving targets share what the cut ones served; an accelerator's
//! endpoints in the lost place are cut and the others carry.
//!
//! Only the edges a way in has are judged here; whether any other line
//! touches a lost object is [`Located::down`] of its ends.

use super::located::Located;
use super::Failure;
use crate::core::model::{Design, FailoverRole, RoutingPolicy};

/// One edge from a way in to a target: `(record or accelerator id, target id)`.
pub type Edge = (String, String);

/// The traffic's new shape after a failure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reroute {
    /// Edges whose target is lost.
    pub cut: Vec<Edge>,
    /// Edges that carry traffic they did not before (a failover record's
    /// secondary) or more of it (the survivors of a weighted record).
    pub carrying: Vec<Edge>,
    /// Ways in left with no target at all.
    pub stranded: Vec<String>,
}

impl Reroute {
    /// Whether the edge from `from` to `to` is cut.
    pub fn is_cut(&self, from: &str, to: &str) -> bool {
        self.cut.iter().any(|(f, t)| f == from && t == to)
    }

    /// Whether the edge from `from` to `to` now carries the traffic.
    pub fn is_carrying(&self, from: &str, to: &str) -> bool {
        self.carrying.iter().any(|(f, t)| f == from && t == to)
    }
}

/// Works out [`Reroute`] for `failure` on `design`, its objects located by `at`.
pub fn reroute(design: &Design, at: &Located, failure: &Failure) -> Reroute {
    let mut out = Reroute::default();
    // An accelerator is down when every endpoint is; a record aimed at it
    // loses it then.
    let mut dead_accelerators = Vec::new();
    for a in &design.accelerators {
        let targets: Vec<(&str, bool)> = a
            .endpoints
            .iter()
            .map(|e| (e.target.as_str(), at.down(&e.target, failure)))
            .collect();
        judge(&mut out, &a.id, &targets, None);
        if !targets.is_empty() && targets.iter().all(|(_, down)| *down) {
            dead_accelerators.push(a.id.as_str());
        }
    }
    for r in design.dns.iter().flat_map(|d| &d.records) {
        let down = |t: &str| at.down(t, failure) || dead_accelerators.contains(&t);
        let targets: Vec<(&str, bool)> = r
            .targets
            .iter()
            .map(|t| (t.target.as_str(), down(&t.target)))
            .collect();
        let secondaries: Option<Vec<&str>> = (r.policy == RoutingPolicy::Failover).then(|| {
            r.targets
                .iter()
                .filter(|t| t.role == Some(FailoverRole::Secondary))
                .map(|t| t.target.as_str())
                .collect()
        });
        judge(&mut out, &r.id, &targets, secondaries.as_deref());
    }
    out
}

/// Records the cut and carrying edges of one way in. With `failover`
/// (the secondaries), only a secondary takes over, and only when a primary
/// was cut; otherwise every survivor shares the load.
fn judge(out: &mut Reroute, from: &str, targets: &[(&str, bool)], failover: Option<&[&str]>) {
    let any_cut = targets.iter().any(|(_, down)| *down);
    if !any_cut {
        return;
    }
    for (t, down) in targets {
        let edge = (from.to_string(), t.to_string());
        if *down {
            out.cut.push(edge);
            continue;
        }
        let takes_over = match failover {
            Some(secondaries) => {
                secondaries.contains(t)
                    && targets.iter().any(|(p, d)| *d && !secondaries.contains(p))
            }
            None => true,
        };
        if takes_over {
            out.carrying.push(edge);
        }
    }
    if targets.iter().all(|(_, down)| *down) {
        out.stranded.push(from.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    fn design(id: &str) -> Design {
        template(id)
            .and_then(|t| t.design().ok())
            .expect("template loads")
    }

    #[test]
    fn losing_the_primary_region_moves_a_failover_record_to_its_secondary() {
        let d = design("active-passive");
        let at = Located::of(&d);
        let primary = d.primary().expect("primary").code.clone();
        let r = reroute(&d, &at, &Failure::Region(primary.clone()));
        let record = d
            .dns
            .iter()
            .flat_map(|z| &z.records)
            .find(|r| r.policy == RoutingPolicy::Failover)
            .expect("a failover record");
        let role = |want| {
            record
                .targets
                .iter()
                .find(|t| t.role == Some(want))
                .expect("target")
                .target
                .clone()
        };
        let (p, s) = (role(FailoverRole::Primary), role(FailoverRole::Secondary));
        assert!(r.is_cut(&record.id, &p), "{r:?}");
        assert!(r.is_carrying(&record.id, &s), "{r:?}");
        assert!(!r.is_cut(&record.id, &s) && !r.is_carrying(&record.id, &p));
        assert!(r.stranded.is_empty(), "{r:?}");

        // Losing the secondary's region cuts it, and the primary carries on
        // as before: nothing takes over.
        let other = at.region_of(&s).expect("located").to_string();
        assert_ne!(other, primary);
        let r2 = reroute(&d, &at, &Failure::Region(other));
        assert!(r2.is_cut(&record.id, &s), "{r2:?}");
        assert!(!r2.is_carrying(&record.id, &p), "{r2:?}");
    }

    #[test]
    fn an_az_loss_cuts_nothing_a_multi_az_balancer_serves() {
        let d = design("active-passive");
        let at = Located::of(&d);
        for f in super::super::every_failure(&d) {
            if let Failure::Az(_) = f {
                let r = reroute(&d, &at, &f);
                assert!(r.cut.is_empty() && r.carrying.is_empty(), "{f:?}: {r:?}");
            }
        }
    }

    #[test]
    fn an_accelerator_loses_only_its_endpoints_in_the_lost_region() {
        let mut found = false;
        for t in crate::core::templates::TEMPLATES {
            let d = t.design().expect("template loads");
            let at = Located::of(&d);
            for a in &d.accelerators {
                let Some(first) = a.endpoints.first() else {
                    continue;
                };
                let code = at.region_of(&first.target).expect("located").to_string();
                let r = reroute(&d, &at, &Failure::Region(code.clone()));
                for e in &a.endpoints {
                    let lost = at.region_of(&e.target) == Some(code.as_str());
                    assert_eq!(r.is_cut(&a.id, &e.target), lost, "{}", t.id);
                    assert_eq!(r.is_carrying(&a.id, &e.target), !lost, "{}", t.id);
                }
                found = true;
            }
        }
        assert!(found, "no template has an accelerator");
    }

    #[test]
    fn failing_nothing_the_design_has_changes_nothing() {
        let d = design("active-active");
        let at = Located::of(&d);
        let r = reroute(&d, &at, &Failure::Region("xx-nowhere-1".into()));
        assert_eq!(r, Reroute::default());
    }
}
