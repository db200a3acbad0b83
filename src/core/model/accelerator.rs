//! Global Accelerator front doors.

use serde::{Deserialize, Serialize};

/// A Global Accelerator with one listener and endpoints in several regions.
///
/// The export makes one endpoint group per region its endpoints live in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accelerator {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated accelerator name.
    pub name: String,
    /// The listener.
    pub listener: AcceleratorListener,
    /// The endpoints (ALBs).
    pub endpoints: Vec<Endpoint>,
    /// Health checks of every endpoint group.
    pub health_check: AcceleratorHealthCheck,
}

/// The accelerator listener.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceleratorListener {
    /// The port clients connect to.
    pub port: u16,
    /// TCP or UDP.
    pub protocol: TransportProtocol,
}

/// Accelerator listener protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransportProtocol {
    /// TCP.
    #[serde(rename = "TCP")]
    Tcp,
    /// UDP.
    #[serde(rename = "UDP")]
    Udp,
}

impl TransportProtocol {
    /// The name as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TransportProtocol::Tcp => "TCP",
            TransportProtocol::Udp => "UDP",
        }
    }
}

/// One endpoint of an accelerator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The `alb` id.
    pub target: String,
    /// Share of the region's traffic: 0-255.
    pub weight: u32,
    /// Percentage of traffic the endpoint's region takes: 0-100.
    pub traffic_dial: u32,
}

/// Accelerator health checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceleratorHealthCheck {
    /// The HTTP path probed.
    pub path: String,
    /// Seconds between checks: 10 or 30.
    pub interval: u32,
    /// Consecutive results before a change of state: 1-10.
    pub threshold: u32,
}
