//! Route 53 record sets as the export writes them: one per (record, target),
//! each with its `set_identifier` and its Terraform address label.
//!
//! Route 53 needs every record set of one (zone, name, type) to carry its own
//! set identifier, and Terraform needs every resource its own address. Both
//! are derived here, once, so that the exporter writes exactly what rule
//! R53-02 judges. An identifier that is already unique stays exactly as it
//! always was (the target's id; the address `<record>_<target>`): a changed
//! address or identifier would recreate a live record. Only record sets that
//! would clash get a suffix: first the target's own discriminator (its
//! geolocation, failover role or weight), then the record's id. What still
//! clashes after that is left for R53-02 to report.

use crate::core::model::{Design, FailoverRole, GeoLocation, Record, RoutingPolicy, Target};
use std::collections::BTreeMap;

/// The longest set identifier Route 53 accepts (catalog R53-02).
pub const MAX_SET_IDENTIFIER: usize = 128;

/// One record set: a record's name and type pointing at one target.
#[derive(Debug, Clone)]
pub struct RecordSet<'a> {
    /// The design record it comes from.
    pub record: &'a Record,
    /// The target it points at.
    pub target: &'a Target,
    /// `set_identifier`, for every routing policy but simple.
    pub set_identifier: Option<String>,
    /// The Terraform label of its `aws_route53_record` (and health check).
    pub label: String,
}

/// How specific a name is: each level adds information to the one before.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Plain,
    Discriminated,
    WithRecord,
    Both,
}

impl Level {
    fn next(self) -> Option<Level> {
        match self {
            Level::Plain => Some(Level::Discriminated),
            Level::Discriminated => Some(Level::WithRecord),
            Level::WithRecord => Some(Level::Both),
            Level::Both => None,
        }
    }
}

/// What tells two record sets with the same target apart, as a slug.
fn discriminator(policy: RoutingPolicy, t: &Target) -> Option<String> {
    match policy {
        RoutingPolicy::Geolocation => t.location.as_ref().map(location_slug),
        RoutingPolicy::Failover => t.role.map(|r| match r {
            FailoverRole::Primary => "primary".to_string(),
            FailoverRole::Secondary => "secondary".to_string(),
        }),
        RoutingPolicy::Weighted => t.weight.map(|w| format!("w{w}")),
        RoutingPolicy::Latency | RoutingPolicy::Simple => None,
    }
}

/// A geolocation as a short lowercase slug: `default`, `eu`, `de`, `us-ca`.
pub fn location_slug(l: &GeoLocation) -> String {
    if l.default == Some(true) || l.country.as_deref() == Some("*") {
        return "default".into();
    }
    let parts: Vec<String> = [&l.continent, &l.country, &l.subdivision]
        .into_iter()
        .flatten()
        .map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(8)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect();
    if parts.is_empty() {
        "nowhere".into()
    } else {
        parts.join("-")
    }
}

fn set_id(r: &Record, t: &Target, level: Level) -> String {
    let disc = discriminator(r.policy, t);
    match (level, disc) {
        (Level::Plain, _) | (Level::Discriminated, None) => t.target.clone(),
        (Level::Discriminated, Some(d)) => format!("{}-{d}", t.target),
        (Level::WithRecord, _) | (Level::Both, None) => format!("{}-{}", t.target, r.id),
        (Level::Both, Some(d)) => format!("{}-{}-{d}", t.target, r.id),
    }
}

fn label(r: &Record, t: &Target, level: Level) -> String {
    match (level, discriminator(r.policy, t)) {
        (Level::Plain, _) | (_, None) => format!("{}_{}", r.id, t.target),
        (_, Some(d)) => format!("{}_{}_{d}", r.id, t.target),
    }
}

/// Raises the level of every member of a group whose name clashes with
/// another's, until no name clashes or nothing more can be added.
fn settle(levels: &mut [Level], groups: &[Vec<usize>], name: impl Fn(usize, Level) -> String) {
    for _ in 0..4 {
        let mut changed = false;
        for group in groups {
            let mut count: BTreeMap<String, usize> = BTreeMap::new();
            for &i in group {
                *count.entry(name(i, levels[i])).or_default() += 1;
            }
            for &i in group {
                if count[&name(i, levels[i])] > 1 {
                    if let Some(n) = levels[i].next() {
                        levels[i] = n;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Every record set the export writes, in design order.
pub fn record_sets(design: &Design) -> Vec<RecordSet<'_>> {
    let Some(dns) = &design.dns else {
        return Vec::new();
    };
    let pairs: Vec<(&Record, &Target)> = dns
        .records
        .iter()
        .flat_map(|r| r.targets.iter().map(move |t| (r, t)))
        .collect();
    // Set identifiers must be unique per (name, type) across records; labels
    // per record (the record id is already part of every label).
    let mut by_name: BTreeMap<(String, &str), Vec<usize>> = BTreeMap::new();
    let mut by_record: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (r, _)) in pairs.iter().enumerate() {
        if r.policy != RoutingPolicy::Simple {
            by_name
                .entry((fqdn_key(&dns.zone, &r.name), r.kind.as_str()))
                .or_default()
                .push(i);
        }
        by_record.entry(r.id.as_str()).or_default().push(i);
    }
    let by_name: Vec<Vec<usize>> = by_name.into_values().collect();
    let by_record: Vec<Vec<usize>> = by_record.into_values().collect();
    let mut set_levels = vec![Level::Plain; pairs.len()];
    settle(&mut set_levels, &by_name, |i, l| {
        set_id(pairs[i].0, pairs[i].1, l)
    });
    let mut label_levels = vec![Level::Plain; pairs.len()];
    settle(&mut label_levels, &by_record, |i, l| {
        label(pairs[i].0, pairs[i].1, l)
    });
    pairs
        .iter()
        .enumerate()
        .map(|(i, (r, t))| RecordSet {
            record: r,
            target: t,
            set_identifier: (r.policy != RoutingPolicy::Simple)
                .then(|| set_id(r, t, set_levels[i])),
            label: label(r, t, label_levels[i]),
        })
        .collect()
}

/// The key under which Route 53 groups record sets: the lowercase name with
/// the apex spelled as the zone.
pub fn fqdn_key(zone: &str, name: &str) -> String {
    let zone = zone.trim_end_matches('.').to_ascii_lowercase();
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "@" || name == zone {
        zone
    } else if name.ends_with(&format!(".{zone}")) {
        name
    } else {
        format!("{name}.{zone}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    fn design(id: &str) -> Design {
        template(id)
            .and_then(|t| t.design().ok())
            .expect("templates load")
    }

    fn loc(continent: Option<&str>, country: Option<&str>, default: bool) -> Option<GeoLocation> {
        Some(GeoLocation {
            continent: continent.map(Into::into),
            country: country.map(Into::into),
            subdivision: None,
            default: default.then_some(true),
        })
    }

    #[test]
    fn unique_sets_keep_their_historic_identifiers_and_addresses() {
        for id in ["active-passive", "aurora-global", "active-active"] {
            let d = design(id);
            for s in record_sets(&d) {
                assert_eq!(
                    s.label,
                    format!("{}_{}", s.record.id, s.target.target),
                    "{id}"
                );
                if s.record.policy != RoutingPolicy::Simple {
                    assert_eq!(
                        s.set_identifier.as_deref(),
                        Some(s.target.target.as_str()),
                        "{id}"
                    );
                }
            }
        }
    }

    #[test]
    fn two_locations_on_one_load_balancer_get_their_own_sets() {
        // Seed 000: North America and the default to us-east-1, Europe to eu-west-1.
        let mut d = design("active-active");
        let rec = &mut d.dns.as_mut().unwrap().records[0];
        rec.policy = RoutingPolicy::Geolocation;
        let (a, b) = (rec.targets[0].clone(), rec.targets[1].clone());
        rec.targets = vec![
            Target {
                location: loc(Some("NA"), None, false),
                ..a.clone()
            },
            Target {
                location: loc(Some("EU"), None, false),
                ..b.clone()
            },
            Target {
                location: loc(None, None, true),
                ..a.clone()
            },
        ];
        let sets = record_sets(&d);
        let ids: Vec<_> = sets
            .iter()
            .map(|s| s.set_identifier.clone().unwrap())
            .collect();
        let labels: Vec<_> = sets.iter().map(|s| s.label.clone()).collect();
        assert_eq!(
            ids,
            [
                format!("{}-na", a.target),
                b.target.clone(),
                format!("{}-default", a.target)
            ]
        );
        assert_eq!(labels[1], format!("{}_{}", rec_id(&d), b.target));
        assert_eq!(labels[0], format!("{}_{}_na", rec_id(&d), a.target));
        assert_eq!(labels[2], format!("{}_{}_default", rec_id(&d), a.target));
    }

    fn rec_id(d: &Design) -> String {
        d.dns.as_ref().unwrap().records[0].id.clone()
    }

    #[test]
    fn two_weighted_records_of_one_name_do_not_share_an_identifier() {
        let mut d = design("active-active");
        let dns = d.dns.as_mut().unwrap();
        let mut rec = dns.records[0].clone();
        rec.policy = RoutingPolicy::Weighted;
        rec.targets.truncate(1);
        rec.targets[0].weight = Some(10);
        let mut other = rec.clone();
        other.id = "api-canary".into();
        dns.records = vec![rec, other];
        let sets = record_sets(&d);
        let t = &sets[0].target.target;
        // Same weight: the discriminator does not help, the record id does.
        assert_eq!(
            sets[0].set_identifier.as_deref(),
            Some(format!("{t}-api").as_str())
        );
        assert_eq!(
            sets[1].set_identifier.as_deref(),
            Some(format!("{t}-api-canary").as_str())
        );
        assert_ne!(sets[0].label, sets[1].label);
    }

    #[test]
    fn apex_and_zone_name_are_one_name() {
        assert_eq!(fqdn_key("Example.com.", "@"), "example.com");
        assert_eq!(fqdn_key("example.com", "example.com"), "example.com");
        assert_eq!(fqdn_key("example.com", "App"), "app.example.com");
        assert_eq!(
            fqdn_key("example.com", "app.example.com."),
            "app.example.com"
        );
    }
}
