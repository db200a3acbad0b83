//! The usage assumptions a cost estimate needs (format version 2).
//!
//! Every field is optional: a field left out takes its default from
//! [`DEFAULTS`] (also listed in `docs/design-format.md`). All figures are
//! per month, for the whole design unless a field says otherwise.

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

/// The assumption behind every field left out: a small production web
/// service (ten million requests a month, about 100 GB through each load
/// balancer and NAT gateway). The cost estimate says which figures are
/// defaults, so a user knows what to fill in.
pub const DEFAULTS: Usage = Usage {
    requests_per_month: Some(10_000_000),
    load_balancer_gb: Some(100),
    nat_gb: Some(100),
    internet_egress_gb: Some(100),
    replication_gb: Some(50),
    s3_storage_gb: Some(100),
    dynamodb_storage_gb: Some(10),
    dynamodb_million_writes: Some(10),
    dynamodb_million_reads: Some(50),
    log_gb: Some(10),
};

impl Usage {
    /// Each field as set, or its default from [`DEFAULTS`].
    pub fn effective(&self) -> Usage {
        let d = &DEFAULTS;
        Usage {
            requests_per_month: self.requests_per_month.or(d.requests_per_month),
            load_balancer_gb: self.load_balancer_gb.or(d.load_balancer_gb),
            nat_gb: self.nat_gb.or(d.nat_gb),
            internet_egress_gb: self.internet_egress_gb.or(d.internet_egress_gb),
            replication_gb: self.replication_gb.or(d.replication_gb),
            s3_storage_gb: self.s3_storage_gb.or(d.s3_storage_gb),
            dynamodb_storage_gb: self.dynamodb_storage_gb.or(d.dynamodb_storage_gb),
            dynamodb_million_writes: self.dynamodb_million_writes.or(d.dynamodb_million_writes),
            dynamodb_million_reads: self.dynamodb_million_reads.or(d.dynamodb_million_reads),
            log_gb: self.log_gb.or(d.log_gb),
        }
    }

    /// Whether no assumption is set (everything takes its default).
    pub fn is_empty(&self) -> bool {
        *self == Usage::default()
    }
}
