//! Regions, VPCs and subnets: the containers of a design.

use super::{RegionNode, VpcNode};
use serde::{Deserialize, Serialize};

/// One AWS region of the design and what runs in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique id in the design.
    pub id: String,
    /// The AWS region code (`us-east-1`); validation checks it against the catalog.
    pub code: String,
    /// Whether this is the primary region or a secondary (DR / active) one.
    pub role: RegionRole,
    /// The VPCs in this region.
    #[serde(default)]
    pub vpcs: Vec<Vpc>,
    /// Regional services outside any VPC (S3 buckets, DynamoDB tables).
    #[serde(default)]
    pub nodes: Vec<RegionNode>,
}

/// The part a region plays in the design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionRole {
    /// The region that holds the writers and takes traffic first.
    Primary,
    /// A DR or additional active region.
    Secondary,
}

/// A VPC and what is placed inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated AWS `Name` tag.
    pub name: String,
    /// IPv4 CIDR as the user typed it; validation, not loading, judges it.
    pub cidr: String,
    /// NAT gateways for private subnets.
    pub nat: NatMode,
    /// The subnets of the VPC.
    #[serde(default)]
    pub subnets: Vec<Subnet>,
    /// The workloads inside the VPC (ALB, ASG, RDS, Aurora).
    #[serde(default)]
    pub nodes: Vec<VpcNode>,
}

/// How private subnets reach the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NatMode {
    /// No NAT gateway: private subnets have no outbound internet.
    None,
    /// One NAT gateway for the whole VPC (cheaper, one AZ of failure).
    Single,
    /// One NAT gateway per AZ (survives an AZ outage).
    PerAz,
}

/// One subnet, in exactly one availability zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    /// Unique id in the design.
    pub id: String,
    /// Display name.
    pub name: String,
    /// IPv4 CIDR as typed; must lie inside the VPC (validation).
    pub cidr: String,
    /// An availability-zone **id** (`use1-az1`), never a letter name.
    pub az: String,
    /// What the subnet is for, which decides its routing.
    pub tier: Tier,
}

/// The routing tier of a subnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Routed to an internet gateway: load balancers, NAT gateways.
    Public,
    /// Outbound through NAT only: application instances.
    Private,
    /// No internet route at all: databases.
    Data,
}

impl Tier {
    /// The lowercase name used in files and labels.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Public => "public",
            Tier::Private => "private",
            Tier::Data => "data",
        }
    }
}
