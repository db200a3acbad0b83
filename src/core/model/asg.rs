//! Auto Scaling group nodes.

use super::Scaling;
use serde::{Deserialize, Serialize};

/// An Auto Scaling group of EC2 instances, optionally behind an ALB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asg {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated group name.
    pub name: String,
    /// Subnet ids the instances launch into.
    pub subnets: Vec<String>,
    /// Minimum number of instances.
    pub min: u32,
    /// Desired number of instances.
    pub desired: u32,
    /// Maximum number of instances.
    pub max: u32,
    /// EC2 instance type, e.g. `t3.medium`.
    pub instance_type: String,
    /// An AMI id (`ami-...`) or `ssm:` followed by an SSM parameter name.
    pub image: String,
    /// The id of the ALB whose target group the instances join, if any.
    pub target: Option<String>,
    /// Target-tracking scaling, or null for a fixed size. Format version 2.
    #[serde(default)]
    pub scaling: Option<Scaling>,
    /// The share of its load balancer's traffic (0-999) when the load
    /// balancer has more than one kind of target; null otherwise. Format
    /// version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}
