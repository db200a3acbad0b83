//! The usage assumptions a cost estimate needs (format version 2).
//!
//! Every field is optional: a field left out takes the cost estimate's
//! documented default (see `docs/design-format.md`). All figures are per
//! month, for the whole design unless a field says otherwise.

use serde::{Deserialize, Serialize};

/// Monthly traffic and data volumes the design is expected to carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// Requests served per month, all regions together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_per_month: Option<u64>,
    /// GB processed by each load balancer per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_gb: Option<u64>,
    /// GB processed by each NAT gateway per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_gb: Option<u64>,
    /// GB sent to the internet per month, all regions together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_egress_gb: Option<u64>,
    /// GB copied between regions per month by each replicated store
    /// (database replica, global table, bucket replication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_gb: Option<u64>,
    /// GB stored in each bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_storage_gb: Option<u64>,
    /// GB stored in each DynamoDB table (per replica).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_storage_gb: Option<u64>,
    /// Million write request units per month to each DynamoDB table
    /// (on-demand billing), per replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_million_writes: Option<u64>,
    /// Million read request units per month to each DynamoDB table
    /// (on-demand billing), per replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_million_reads: Option<u64>,
    /// GB of logs ingested by CloudWatch Logs per region per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_gb: Option<u64>,
}

impl Usage {
    /// Whether no assumption is set (everything takes its default).
    pub fn is_empty(&self) -> bool {
        *self == Usage::default()
    }
}
