//! Auto Scaling group nodes.

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
}
