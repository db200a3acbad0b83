//! S3 bucket nodes, optionally replicated to another bucket.

use serde::{Deserialize, Serialize};

/// An S3 bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3 {
    /// Unique id in the design.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The bucket name (globally unique in AWS).
    pub bucket: String,
    /// Object versioning (required on both sides of replication).
    pub versioning: bool,
    /// The id of another `s3` node this bucket replicates to, or null.
    pub replicate_to: Option<String>,
}
