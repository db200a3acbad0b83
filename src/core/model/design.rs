//! The top level of a design file (format version 2).

use super::{Accelerator, Canvas, Dns, Peering, Region, Usage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the `format` field of every design file.
pub const FORMAT: &str = "topoform.design";

/// A whole design: the document the user edits, saves and exports.
///
/// Field order here is the order in saved files, so it is part of the
/// stable output and should not be shuffled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Always [`FORMAT`]; checked before the rest is read.
    pub format: String,
    /// The format version; older versions are migrated on load.
    pub version: u32,
    /// Project name, the prefix of every AWS name the export generates.
    pub name: String,
    /// Environment (`prod`, `staging`, ...), part of every generated name.
    pub environment: String,
    /// Extra tags applied to every resource through `default_tags`.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Where Terraform keeps its remote state.
    pub state: StateConfig,
    /// The regions; exactly one should be primary (validation checks it).
    pub regions: Vec<Region>,
    /// VPC peering connections, inside or across regions.
    #[serde(default)]
    pub peerings: Vec<Peering>,
    /// The Route 53 zone and its records, if the design has DNS.
    #[serde(default)]
    pub dns: Option<Dns>,
    /// Global Accelerator front doors.
    #[serde(default)]
    pub accelerators: Vec<Accelerator>,
    /// Recovery objectives the design must meet, per kind of disruption.
    /// Format version 2.
    #[serde(default)]
    pub objectives: Objectives,
    /// Usage assumptions for the cost estimate. Format version 2.
    #[serde(default, skip_serializing_if = "Usage::is_empty")]
    pub usage: Usage,
    /// Presentation only: where each object sits on the canvas.
    #[serde(default)]
    pub canvas: Canvas,
}

impl Design {
    /// The primary region, when exactly one region is marked primary.
    pub fn primary(&self) -> Option<&Region> {
        let mut it = self
            .regions
            .iter()
            .filter(|r| r.role == super::RegionRole::Primary);
        let p = it.next()?;
        it.next().is_none().then_some(p)
    }
}

/// Remote state settings shared by every exported stack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateConfig {
    /// The S3 bucket that holds every stack's state.
    pub bucket: String,
    /// The region code of that bucket.
    pub region: String,
    /// How state is locked.
    pub lock: LockMode,
    /// The DynamoDB lock table, required when `lock` is `dynamodb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_table: Option<String>,
    /// A prefix for every state key, e.g. `teams/platform`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_prefix: Option<String>,
    /// Per-region state buckets by region code; a region not named keeps
    /// its state in `<bucket>-<region code>`. Format version 2.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub buckets: BTreeMap<String, String>,
    /// How the region stacks are cut into roots. Format version 2.
    #[serde(default, skip_serializing_if = "StateSplit::is_region")]
    pub split: StateSplit,
}

/// How each region's Terraform is cut into roots (and states).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateSplit {
    /// One root per region.
    #[default]
    Region,
    /// Per region a `platform` root (network, databases, caches, buckets,
    /// tables, the ECS cluster) and a `workloads` root (load balancers,
    /// groups, services) that reads the platform's outputs.
    RegionLayer,
}

impl StateSplit {
    /// Whether this is the default, one root per region.
    pub fn is_region(&self) -> bool {
        *self == StateSplit::Region
    }
}

/// Recovery objectives: what the design must achieve when a region, or an
/// availability zone, is lost. Stored for the simulation to judge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    /// Losing a whole region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Objective>,
    /// Losing one availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az: Option<Objective>,
}

/// One disruption type's objectives, in whole seconds; each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Recovery time objective: the longest the service may be down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto_seconds: Option<u32>,
    /// Recovery point objective: the most recent writes that may be lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo_seconds: Option<u32>,
}

/// State locking strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockMode {
    /// S3 native lock files (`use_lockfile = true`, Terraform >= 1.11).
    Lockfile,
    /// A DynamoDB lock table (deprecated by Terraform, still supported).
    Dynamodb,
}
