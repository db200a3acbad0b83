//! ElastiCache replication groups (format version 2).

use serde::{Deserialize, Serialize};

/// A Redis or Valkey replication group: a primary and up to five replicas,
/// encrypted at rest and in transit. Never replicated across regions: after
/// a region failover the DR region's cache starts cold, on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elasticache {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated replication group id.
    pub name: String,
    /// The cache engine.
    pub engine: CacheEngine,
    /// Engine version, e.g. `7.1` (Redis) or `8.0` (Valkey).
    pub engine_version: String,
    /// Node type, e.g. `cache.r7g.large`.
    pub node_type: String,
    /// Nodes in the group, primary included (1-6).
    pub nodes: u32,
    /// Automatic failover to a replica in another AZ.
    pub multi_az: bool,
    /// Subnet ids of the cache subnet group (private, at least two AZs).
    pub subnets: Vec<String>,
}

/// Cache engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheEngine {
    /// Redis OSS.
    Redis,
    /// Valkey.
    Valkey,
}

impl CacheEngine {
    /// The engine name as the ElastiCache API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CacheEngine::Redis => "redis",
            CacheEngine::Valkey => "valkey",
        }
    }
}
