//! Target-tracking scaling of a group or a service (format version 2).

use serde::{Deserialize, Serialize};

/// Keep a metric near a target with a target-tracking policy. AWS creates
/// and owns the CloudWatch alarms of such a policy, so the export writes the
/// policy only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// The metric tracked.
    pub metric: ScalingMetric,
    /// The value to keep the metric near, in percent (10-90).
    pub target_percent: u32,
}

/// The metrics a scaling policy can track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalingMetric {
    /// Average CPU utilisation of the group's instances or the service's tasks.
    Cpu,
}

impl Scaling {
    /// Seed 002's policy: average CPU near 70 %.
    pub fn cpu(target_percent: u32) -> Self {
        Scaling {
            metric: ScalingMetric::Cpu,
            target_percent,
        }
    }
}
