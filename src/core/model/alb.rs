//! Application Load Balancer nodes.

use serde::{Deserialize, Serialize};

/// An Application Load Balancer with one listener and one target group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alb {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated load balancer name.
    pub name: String,
    /// Internal (private) rather than internet-facing.
    pub internal: bool,
    /// Subnet ids the load balancer spans (one per AZ, at least two AZs).
    pub subnets: Vec<String>,
    /// The front-end listener.
    pub listener: Listener,
    /// The target group's health check.
    pub health_check: AlbHealthCheck,
}

/// A load balancer listener.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listener {
    /// The port clients connect to.
    pub port: u16,
    /// HTTP or HTTPS (HTTPS needs a certificate at export).
    pub protocol: HttpProtocol,
}

/// Protocols an ALB listener speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HttpProtocol {
    /// Plain HTTP.
    #[serde(rename = "HTTP")]
    Http,
    /// HTTP over TLS.
    #[serde(rename = "HTTPS")]
    Https,
}

impl HttpProtocol {
    /// The name as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpProtocol::Http => "HTTP",
            HttpProtocol::Https => "HTTPS",
        }
    }
}

/// The target group health check of an ALB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlbHealthCheck {
    /// The HTTP path probed on each target.
    pub path: String,
    /// Seconds between checks (5-300, greater than `timeout`).
    pub interval: u32,
    /// Seconds to wait for an answer (2-120).
    pub timeout: u32,
    /// Successes before a target counts as healthy (2-10).
    pub healthy_threshold: u32,
    /// Failures before a target counts as unhealthy (2-10).
    pub unhealthy_threshold: u32,
}

impl AlbHealthCheck {
    /// The intervals a target group accepts, in seconds (ALB-07).
    pub const INTERVALS: std::ops::RangeInclusive<u32> = 5..=300;
    /// The healthy and unhealthy thresholds it accepts (ALB-07).
    pub const THRESHOLDS: std::ops::RangeInclusive<u32> = 2..=10;
}
