//! Which usage fields an item took their default for.

use serde::{Serialize, Serializer};

/// The usage fields an item took their default for: a set, in the order
/// the items name them (load balancer bytes before requests, writes before
/// reads), serialized as a list of field names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Assumed(u16);

/// The usage fields, in the order [`Assumed`] lists them.
pub const FIELDS: [&str; 10] = [
    "nat_gb",
    "log_gb",
    "load_balancer_gb",
    "requests_per_month",
    "replication_gb",
    "s3_storage_gb",
    "dynamodb_million_writes",
    "dynamodb_million_reads",
    "dynamodb_storage_gb",
    "internet_egress_gb",
];

impl Assumed {
    /// Adds `field` (one of [`FIELDS`]; None adds nothing).
    pub fn add(&mut self, field: Option<&'static str>) {
        if let Some(at) = field.and_then(|f| FIELDS.iter().position(|x| *x == f)) {
            self.0 |= 1 << at;
        }
    }
    /// Every field of `other` too.
    pub fn union(self, other: Assumed) -> Assumed {
        Assumed(self.0 | other.0)
    }
    /// Whether no field was assumed.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The field names.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        FIELDS
            .iter()
            .enumerate()
            .filter(move |(at, _)| self.0 & (1 << at) != 0)
            .map(|(_, f)| *f)
    }
    /// Whether `field` is one of them.
    pub fn contains(self, field: &str) -> bool {
        self.iter().any(|f| f == field)
    }
}

impl Serialize for Assumed {
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_seq(self.iter())
    }
}
