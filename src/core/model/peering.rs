//! VPC peering connections.

use serde::{Deserialize, Serialize};

/// A peering connection between two VPCs, in one region or across two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peering {
    /// Unique id in the design.
    pub id: String,
    /// The requester VPC id.
    pub a: String,
    /// The accepter VPC id.
    pub b: String,
}
