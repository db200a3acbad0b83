//! What the design would cost one DR tier up or down (pilot light, warm
//! standby, active/active; `core::simulate::strategy`), derived from the
//! estimate's own items so the figures move as the design is edited.
//!
//! The items are cut into: the baseline B (no DR), the global DR items G
//! (health checks, accelerators), the other regions' data D (databases,
//! storage, replication traffic), their network and upkeep F (NAT, load
//! balancers, keys, logs) and their compute C. The primary's compute is Cp.
//! Then, with n other regions:
//!
//! - backup and restore = B
//! - pilot light = B + G + D
//! - warm standby = B + G + D + F + C, C taken as Cp × n × 0.5 unless the
//!   design is already warm standby (the seed's 1.5× compute for
//!   active-passive: a standby at half the primary's size)
//! - active/active = B + G + D + F + Cp × n (every region runs what the
//!   primary runs)
//!
//! A single-region design has no D or F to read: its pilot light prices one
//! copy of the primary's data stores plus their replication traffic, and its
//! warm standby adds a copy of the primary's network (n = 1).
//! The current tier is always the estimate's own total.

use super::{cents, estimate, p, Category, Estimate};
use crate::core::model::Design;
use crate::core::simulate::{strategy, Strategy};
use serde::Serialize;

/// The share of the primary's compute a warm standby runs (seed 000's
/// "compute 1.5× (standby smaller)" for active-passive).
pub const WARM_FRACTION: f64 = 0.5;

/// One tier's monthly cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierCost {
    /// The strategy's id (`pilot_light`).
    pub id: &'static str,
    /// AWS's name for it.
    pub label: &'static str,
    /// USD a month.
    pub monthly: f64,
    /// Against the single-region baseline.
    pub multiplier: f64,
    /// Whether this is the design as it is.
    pub current: bool,
    /// How the figure was derived.
    pub how: String,
    #[serde(skip)]
    strategy: Strategy,
}

/// The four tiers, cheapest first, and the design's own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tiers {
    /// The design's strategy id.
    pub current: &'static str,
    /// Every tier, cheapest strategy first.
    pub all: Vec<TierCost>,
}

impl Tiers {
    fn at(&self, s: Option<Strategy>) -> Option<&TierCost> {
        s.and_then(|s| self.all.iter().find(|t| t.strategy == s))
    }
    fn current_strategy(&self) -> Option<Strategy> {
        self.all.iter().find(|t| t.current).map(|t| t.strategy)
    }
    /// The next tier up (more resilient, dearer), if any.
    pub fn up(&self) -> Option<&TierCost> {
        self.at(self.current_strategy().and_then(next_up))
    }
    /// The next tier down (cheaper, slower), if any.
    pub fn down(&self) -> Option<&TierCost> {
        self.at(self.current_strategy().and_then(next_down))
    }
}

fn next_up(s: Strategy) -> Option<Strategy> {
    match s {
        Strategy::BackupRestore => Some(Strategy::PilotLight),
        Strategy::PilotLight => Some(Strategy::WarmStandby),
        Strategy::WarmStandby => Some(Strategy::ActiveActive),
        Strategy::ActiveActive => None,
    }
}

fn next_down(s: Strategy) -> Option<Strategy> {
    match s {
        Strategy::BackupRestore => None,
        Strategy::PilotLight => Some(Strategy::BackupRestore),
        Strategy::WarmStandby => Some(Strategy::PilotLight),
        Strategy::ActiveActive => Some(Strategy::WarmStandby),
    }
}

/// The cost of each DR tier for this design.
pub fn tiers(design: &Design) -> Tiers {
    tiers_of(design, &estimate(design))
}

/// As [`tiers`], from an estimate already made of `design`.
pub fn tiers_of(design: &Design, e: &Estimate) -> Tiers {
    let current = strategy(design);
    let primary = design.primary().map(|r| &r.code);
    let n = design.regions.len().saturating_sub(1) as f64;
    let (mut b, mut g, mut d, mut f, mut c, mut cp) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut p_data, mut p_net, mut p_stores) = (0.0, 0.0, 0.0);
    for i in &e.items {
        let in_primary = i.region.is_some() && i.region == primary;
        if !i.dr {
            b += i.monthly;
            if in_primary {
                match i.category {
                    Category::Compute => cp += i.monthly,
                    Category::Database | Category::Storage => p_data += i.monthly,
                    Category::Network | Category::Monitoring | Category::Security => {
                        p_net += i.monthly
                    }
                    _ => {}
                }
                if i.category == Category::Storage {
                    p_stores += 1.0;
                }
            }
            continue;
        }
        match (i.region.is_none(), i.category) {
            (true, _) => g += i.monthly,
            (false, Category::Compute) => c += i.monthly,
            (false, Category::Database | Category::Storage | Category::Transfer) => d += i.monthly,
            (false, _) => f += i.monthly,
        }
    }
    let single = n == 0.0;
    let (n, d, f, d_how, f_how) = if single {
        let gb = super::limits::capped(design.usage.effective())
            .replication_gb
            .unwrap_or(0) as f64;
        let rep = p_stores * gb * p("transfer.inter_region_gb");
        (
            1.0,
            p_data + rep,
            p_net,
            "one copy of the primary's data stores and their replication traffic",
            "one copy of the primary's network",
        )
    } else {
        (
            n,
            d,
            f,
            "the other regions' data and replication",
            "their network and upkeep",
        )
    };
    let warm_c = if current == Strategy::WarmStandby {
        c
    } else {
        cp * n * WARM_FRACTION
    };
    let base = e.single_region_baseline;
    let rows = [
        (
            Strategy::BackupRestore,
            b,
            "the single-region baseline".to_string(),
        ),
        (
            Strategy::PilotLight,
            b + g + d,
            format!("baseline + global DR items + {d_how}"),
        ),
        (
            Strategy::WarmStandby,
            b + g + d + f + warm_c,
            format!(
                "pilot light + {f_how} + compute at {}",
                if current == Strategy::WarmStandby {
                    "its present size".to_string()
                } else {
                    format!("{}× the primary's in each other region", WARM_FRACTION)
                }
            ),
        ),
        (
            Strategy::ActiveActive,
            b + g + d + f + cp * n,
            format!("pilot light + {f_how} + the primary's compute in each other region"),
        ),
    ];
    let all = rows
        .into_iter()
        .map(|(s, derived, how)| {
            let is = s == current;
            let monthly = cents(if is { e.monthly_total } else { derived });
            TierCost {
                id: s.id(),
                label: s.label(),
                monthly,
                multiplier: if base > 0.0 {
                    (monthly / base * 100.0).round() / 100.0
                } else {
                    1.0
                },
                current: is,
                how: if is {
                    "this design as it is".to_string()
                } else {
                    how
                },
                strategy: s,
            }
        })
        .collect();
    Tiers {
        current: current.id(),
        all,
    }
}
