//! Aurora cluster nodes, optionally members of a global cluster.

use serde::{Deserialize, Serialize};

/// An Aurora cluster with its instances.
///
/// Members of one global cluster share the same `global` name; the member in
/// the design's primary region is the writer, the others are secondaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aurora {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated cluster identifier.
    pub name: String,
    /// The Aurora engine.
    pub engine: AuroraEngine,
    /// Engine version, e.g. `16.4`.
    pub engine_version: String,
    /// Instance class of every instance, e.g. `db.r6g.large`.
    pub instance_class: String,
    /// How many instances the cluster runs.
    pub instances: u32,
    /// Subnet ids of the DB subnet group (at least two AZs).
    pub subnets: Vec<String>,
    /// The global cluster this one belongs to, by name, or null.
    pub global: Option<String>,
    /// The database created in the cluster, or null for none (Aurora
    /// PostgreSQL always has `postgres`). Only the writer of a global cluster
    /// sets it; secondaries get the writer's. Format version 2.
    #[serde(default)]
    pub database_name: Option<String>,
    /// Days of automated backups (1-35). Format version 2; version 1 files
    /// and files that leave it out get [`AURORA_BACKUP_RETENTION_DEFAULT`],
    /// the value the version 1 export wrote.
    #[serde(default = "aurora_backup_retention_default")]
    pub backup_retention_days: u32,
}

/// The backup retention of an Aurora cluster whose file does not say: 7
/// days, what every Aurora cluster got before format version 2.
pub const AURORA_BACKUP_RETENTION_DEFAULT: u32 = 7;

fn aurora_backup_retention_default() -> u32 {
    AURORA_BACKUP_RETENTION_DEFAULT
}

/// Aurora engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuroraEngine {
    /// Aurora PostgreSQL.
    #[serde(rename = "aurora-postgresql")]
    Postgresql,
    /// Aurora MySQL.
    #[serde(rename = "aurora-mysql")]
    Mysql,
}

impl AuroraEngine {
    /// The engine name as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AuroraEngine::Postgresql => "aurora-postgresql",
            AuroraEngine::Mysql => "aurora-mysql",
        }
    }
}
