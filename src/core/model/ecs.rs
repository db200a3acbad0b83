//! ECS services on Fargate (format version 2).

use super::Scaling;
use serde::{Deserialize, Serialize};

/// A containerised service on Fargate. Every service of a region runs in
/// that region's one ECS cluster (Container Insights on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ecs {
    /// Unique id in the design.
    pub id: String,
    /// Display name; part of the generated service and task names.
    pub name: String,
    /// Subnet ids the tasks run in (private, at least two AZs).
    pub subnets: Vec<String>,
    /// Container image reference, e.g. `public.ecr.aws/nginx/nginx:1.27`
    /// or `123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:...`.
    pub image: String,
    /// Fargate CPU units of a task (256, 512, 1024, 2048, 4096, 8192, 16384).
    pub cpu: u32,
    /// Memory of a task in MiB, valid for its `cpu`.
    pub memory_mb: u32,
    /// The container port the service listens on.
    pub port: u16,
    /// Fewest tasks.
    pub min: u32,
    /// Tasks to run.
    pub desired: u32,
    /// Most tasks.
    pub max: u32,
    /// The id of the ALB whose listener forwards to the service, if any.
    #[serde(default)]
    pub target: Option<String>,
    /// Target-tracking scaling, or null for a fixed count.
    #[serde(default)]
    pub scaling: Option<Scaling>,
    /// The share of its load balancer's traffic (0-999) when the load
    /// balancer has more than one kind of target; null otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}

/// The valid Fargate task sizes: CPU units and the memory (MiB) each allows.
/// Source: Amazon ECS Developer Guide, "Task CPU and memory" (Fargate),
/// read 2026-12-02.
pub const FARGATE_SIZES: &[(u32, &[u32])] = &[
    (256, &[512, 1024, 2048]),
    (512, &[1024, 2048, 3072, 4096]),
    (1024, &[2048, 3072, 4096, 5120, 6144, 7168, 8192]),
    (
        2048,
        &[
            4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384,
        ],
    ),
    (
        4096,
        &[
            8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456,
            20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720,
        ],
    ),
    (
        8192,
        &[
            16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440,
        ],
    ),
    (
        16384,
        &[
            32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880,
        ],
    ),
];

/// Whether `cpu` units with `memory_mb` MiB is a task size Fargate runs.
pub fn fargate_size_ok(cpu: u32, memory_mb: u32) -> bool {
    FARGATE_SIZES
        .iter()
        .any(|(c, mems)| *c == cpu && mems.contains(&memory_mb))
}
