//! DynamoDB table nodes, optionally global tables.

use serde::{Deserialize, Serialize};

/// A DynamoDB table in its home region, with replicas in other regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dynamodb {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated table name.
    pub name: String,
    /// The partition key.
    pub hash_key: KeyAttr,
    /// The sort key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_key: Option<KeyAttr>,
    /// Capacity mode.
    pub billing: Billing,
    /// Region codes of the replicas (a global table when not empty).
    #[serde(default)]
    pub replicas: Vec<String>,
    /// The item attribute holding an expiry time (epoch seconds), exported
    /// as the table's Time to Live, or null for none. Format version 2.
    #[serde(default)]
    pub ttl_attribute: Option<String>,
}

/// A key attribute of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyAttr {
    /// The attribute name.
    pub name: String,
    /// The attribute type.
    #[serde(rename = "type")]
    pub kind: KeyType,
}

/// DynamoDB scalar key types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyType {
    /// String.
    S,
    /// Number.
    N,
    /// Binary.
    B,
}

impl KeyType {
    /// The letter AWS uses.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::S => "S",
            KeyType::N => "N",
            KeyType::B => "B",
        }
    }
}

/// DynamoDB capacity modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// Pay per request.
    OnDemand,
    /// Provisioned read and write capacity.
    Provisioned,
}
