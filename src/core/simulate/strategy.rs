//! AWS's four disaster-recovery strategies, read from the design: what the
//! regions other than the primary hold and run (docs/reference/dr-timings.md,
//! "The four disaster-recovery strategies").

use super::capacity::Serving;
use crate::core::model::{Design, RegionNode, RegionRole, VpcNode};

/// A disaster-recovery strategy, from cheapest to fastest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strategy {
    /// Nothing of the primary's data or compute lives in another region.
    BackupRestore,
    /// Data replicated; compute off or at zero, or a database that needs an instance first.
    PilotLight,
    /// Data replicated; compute running at reduced size, not serving.
    WarmStandby,
    /// Every region serves traffic.
    ActiveActive,
}

impl Strategy {
    /// AWS's name.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::BackupRestore => "backup and restore",
            Strategy::PilotLight => "pilot light",
            Strategy::WarmStandby => "warm standby",
            Strategy::ActiveActive => "multi-site active/active",
        }
    }

    /// A lowercase id for JSON.
    pub fn id(self) -> &'static str {
        match self {
            Strategy::BackupRestore => "backup_restore",
            Strategy::PilotLight => "pilot_light",
            Strategy::WarmStandby => "warm_standby",
            Strategy::ActiveActive => "active_active",
        }
    }

    /// What moving one tier up would change in this design.
    pub fn next_up(self) -> Option<&'static str> {
        match self {
            Strategy::BackupRestore => Some("Pilot light: replicate the data to a second region (an Aurora global secondary, an RDS cross-region replica, a DynamoDB replica, S3 replication), so a region loss costs minutes of data, not hours."),
            Strategy::PilotLight => Some("Warm standby: run the DR region's groups and services at a small size and give its databases an instance, so a failover only grows capacity instead of starting it."),
            Strategy::WarmStandby => Some("Active/active: send traffic to every region (latency or weighted records, or an accelerator) with writes that tolerate it (a DynamoDB global table), so a region loss needs no promotion."),
            Strategy::ActiveActive => None,
        }
    }
}

/// The design's strategy against losing its primary region.
pub fn strategy(design: &Design) -> Strategy {
    let places = super::places::Places::of(design);
    let serving = Serving::of(design, |id| places.region(id).map(|r| r.code.as_str()));
    let others: Vec<_> = design
        .regions
        .iter()
        .filter(|r| r.role != RegionRole::Primary)
        .collect();
    if others.is_empty() {
        return Strategy::BackupRestore;
    }
    if serving_count(design, &serving) > 1 {
        return Strategy::ActiveActive;
    }
    let has_data = others.iter().any(|r| {
        r.vpcs.iter().flat_map(|v| &v.nodes).any(|n| match n {
            VpcNode::Rds(d) => d.replica_of.is_some(),
            VpcNode::Aurora(c) => c.global.is_some(),
            _ => false,
        }) || r
            .nodes
            .iter()
            .any(|n| matches!(n, RegionNode::Dynamodb(_) | RegionNode::S3(_)))
    }) || design
        .regions
        .iter()
        .flat_map(|r| &r.nodes)
        .any(|n| match n {
            RegionNode::Dynamodb(t) => t
                .replicas
                .iter()
                .any(|c| others.iter().any(|o| &o.code == c)),
            _ => false,
        });
    if !has_data {
        return Strategy::BackupRestore;
    }
    let running = others.iter().any(|r| {
        r.vpcs.iter().flat_map(|v| &v.nodes).any(|n| match n {
            VpcNode::Asg(g) => g.desired > 0,
            VpcNode::Ecs(e) => e.desired > 0,
            _ => false,
        })
    });
    let headless = others
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .any(|n| matches!(n, VpcNode::Aurora(c) if c.global.is_some() && c.instances == 0));
    if running && !headless {
        Strategy::WarmStandby
    } else {
        Strategy::PilotLight
    }
}

fn serving_count(design: &Design, serving: &Serving) -> usize {
    design
        .regions
        .iter()
        .filter(|r| serving.region_serves(&r.code))
        .count()
}
