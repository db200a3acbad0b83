//! The one-byte kinds an item's facts name where they held 16-byte
//! `&'static str`s: the engine of a priced class, what a transfer
//! replicates (issue 15: every item carries its facts).

use crate::core::model::{AuroraEngine, CacheEngine, RdsEngine};

/// A database or cache engine, as the design names it (one byte where its
/// name was a 16-byte `&str`: every item carries one of these facts).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Engine {
    Rds(RdsEngine),
    Aurora(AuroraEngine),
    Cache(CacheEngine),
}

impl Engine {
    /// The engine's name in the design (`postgres`, `aurora-mysql`, `redis`).
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Rds(e) => e.as_str(),
            Engine::Aurora(e) => e.as_str(),
            Engine::Cache(e) => e.as_str(),
        }
    }
}

/// What replication traffic carries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Replication {
    /// An RDS cross-region read replica.
    Rds,
    /// An Aurora Global secondary.
    AuroraGlobal,
    /// S3 cross-region replication.
    S3,
    /// A DynamoDB global table's replica.
    GlobalTable,
}

impl Replication {
    /// The words the item's text starts with.
    pub fn as_str(self) -> &'static str {
        match self {
            Replication::Rds => "replication",
            Replication::AuroraGlobal => "Aurora Global replication",
            Replication::S3 => "S3 replication",
            Replication::GlobalTable => "global table replication",
        }
    }
}
