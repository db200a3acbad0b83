//! RDS database instance nodes, including cross-region read replicas.

use serde::{Deserialize, Serialize};

/// An RDS instance, or a read replica of another one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rds {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated DB identifier.
    pub name: String,
    /// The database engine.
    pub engine: RdsEngine,
    /// Engine version, e.g. `16.4`.
    pub engine_version: String,
    /// Instance class, e.g. `db.r6g.large`.
    pub instance_class: String,
    /// Allocated storage in GiB.
    pub storage_gb: u32,
    /// A synchronous standby in a second AZ.
    pub multi_az: bool,
    /// Subnet ids of the DB subnet group (at least two AZs).
    pub subnets: Vec<String>,
    /// Days of automated backups (0-35; above 0 on any replica source).
    pub backup_retention_days: u32,
    /// Storage encryption at rest.
    pub encrypted: bool,
    /// The id of the `rds` node this one replicates, in any region.
    pub replica_of: Option<String>,
    /// Storage autoscaling ceiling in GiB (above `storage_gb`), or null for
    /// no autoscaling. Format version 2.
    #[serde(default)]
    pub max_storage_gb: Option<u32>,
}

/// RDS engines a design can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RdsEngine {
    /// PostgreSQL.
    Postgres,
    /// MySQL.
    Mysql,
    /// MariaDB.
    Mariadb,
}

impl RdsEngine {
    /// The engine name as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RdsEngine::Postgres => "postgres",
            RdsEngine::Mysql => "mysql",
            RdsEngine::Mariadb => "mariadb",
        }
    }
}
