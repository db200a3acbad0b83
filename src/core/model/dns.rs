//! Route 53: the hosted zone, its records and their health checks.

use serde::{Deserialize, Serialize};

/// A public hosted zone and the records the design manages in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dns {
    /// The zone's domain name, e.g. `example.com`.
    pub zone: String,
    /// The id of an existing hosted zone of that name (`Z0123456789ABC`):
    /// records go into it and the export creates no zone. Null: the export
    /// creates the zone and outputs its name servers. Format version 2.
    #[serde(default)]
    pub zone_id: Option<String>,
    /// The records.
    #[serde(default)]
    pub records: Vec<Record>,
}

/// One DNS name with a routing policy over one or more alias targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Unique id in the design.
    pub id: String,
    /// The name inside the zone (`app` for `app.example.com`, `@` for the apex).
    pub name: String,
    /// The record type.
    #[serde(rename = "type")]
    pub kind: RecordType,
    /// How Route 53 chooses among the targets.
    pub policy: RoutingPolicy,
    /// TTL in seconds, for non-alias records only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u32>,
    /// The targets (ALBs or accelerators), one record set each.
    pub targets: Vec<Target>,
}

/// DNS record types an alias record can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordType {
    /// IPv4 address.
    A,
    /// IPv6 address.
    #[serde(rename = "AAAA")]
    Aaaa,
}

impl RecordType {
    /// The type as DNS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
        }
    }
}

/// Route 53 routing policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingPolicy {
    /// One target, no routing logic.
    Simple,
    /// A primary and a secondary, switched by health.
    Failover,
    /// The region with the lowest latency to the client.
    Latency,
    /// By the client's continent or country.
    Geolocation,
    /// Split by weights.
    Weighted,
}

impl RoutingPolicy {
    /// The policy as the design file spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RoutingPolicy::Simple => "simple",
            RoutingPolicy::Failover => "failover",
            RoutingPolicy::Latency => "latency",
            RoutingPolicy::Geolocation => "geolocation",
            RoutingPolicy::Weighted => "weighted",
        }
    }
}

/// One target of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// An `alb` id or an accelerator id.
    pub target: String,
    /// Failover only: primary or secondary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<FailoverRole>,
    /// Weighted only: 0-255.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// Geolocation only: where the clients are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoLocation>,
    /// A Route 53 health check on the target, or null.
    #[serde(default)]
    pub health_check: Option<HealthCheck>,
}

/// The side of a failover pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailoverRole {
    /// Served while healthy.
    Primary,
    /// Served when the primary is unhealthy.
    Secondary,
}

/// A geolocation: a continent, a country, or the default location.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoLocation {
    /// A continent code (`EU`, `NA`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continent: Option<String>,
    /// An ISO country code (`DE`), or `*`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// A US state code; only with country `US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// The catch-all location for clients no other record matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
}

/// A Route 53 health check against a target's public endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    /// How the checkers probe.
    pub protocol: CheckProtocol,
    /// The port probed.
    pub port: u16,
    /// The HTTP path probed (HTTP and HTTPS only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Seconds between checks: 10 or 30.
    pub interval: u32,
    /// Consecutive failures before unhealthy: 1-10.
    pub failure_threshold: u32,
}

impl HealthCheck {
    /// The request intervals Route 53 offers (R53-14).
    pub const INTERVALS: [u32; 2] = [10, 30];
    /// The failure thresholds Route 53 accepts (R53-15).
    pub const FAILURE_THRESHOLDS: std::ops::RangeInclusive<u32> = 1..=10;
}

/// Health check protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckProtocol {
    /// HTTP GET.
    #[serde(rename = "HTTP")]
    Http,
    /// HTTPS GET (certificates are not validated).
    #[serde(rename = "HTTPS")]
    Https,
    /// A TCP connection.
    #[serde(rename = "TCP")]
    Tcp,
}

impl CheckProtocol {
    /// The name as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckProtocol::Http => "HTTP",
            CheckProtocol::Https => "HTTPS",
            CheckProtocol::Tcp => "TCP",
        }
    }
}
