//! The design model: the types of design format v2, and loading and saving.
//!
//! One file per kind of object. The types are plain data (no signals, no
//! browser types); the UI wraps them from outside.

mod accelerator;
mod alb;
mod asg;
mod aurora;
mod canvas;
mod cidr;
mod design;
mod dns;
mod dynamodb;
mod ecs;
mod elasticache;
pub mod id;
mod index;
mod load;
pub mod migrate;
mod node;
mod peering;
mod rds;
mod refs;
mod region;
mod s3;
mod scaling;
mod strict_json;
mod tracked;
/// Reads a value with the JSON path of any error (exercise files use it too).
pub(crate) use tracked::read as read_tracked;
mod usage;

pub use accelerator::{
    Accelerator, AcceleratorHealthCheck, AcceleratorListener, Endpoint, TransportProtocol,
};
pub use alb::{Alb, AlbHealthCheck, HttpProtocol, Listener};
pub use asg::Asg;
pub use aurora::{Aurora, AuroraEngine, AURORA_BACKUP_RETENTION_DEFAULT};
pub use canvas::{Canvas, Rect};
pub use cidr::parse_cidr;
pub use design::{Design, LockMode, Objective, Objectives, StateConfig, StateSplit, FORMAT};
pub use dns::{
    CheckProtocol, Dns, FailoverRole, GeoLocation, HealthCheck, Record, RecordType, RoutingPolicy,
    Target,
};
pub use dynamodb::{Billing, Dynamodb, KeyAttr, KeyType};
pub use ecs::{fargate_size_ok, Ecs, FARGATE_SIZES};
pub use elasticache::{CacheEngine, Elasticache};
pub use id::is_valid_id;
pub use index::{find_object, for_each_object, Index, ObjectKind, ObjectRef};
pub use load::read_json;
pub use load::{load, load_value, save, LoadError, LoadErrorKind};
pub use migrate::CURRENT_VERSION;
pub use node::{NodeKind, RegionNode, VpcNode};
pub use peering::Peering;
pub use rds::{Rds, RdsEngine};
pub use region::{NatMode, Region, RegionRole, Subnet, Tier, Vpc};
pub use s3::S3;
pub use scaling::{Scaling, ScalingMetric};
/// The strict JSON reader of design files, for other untrusted design text (a paste).
pub(crate) use strict_json::parse as parse_json;
pub use usage::{Usage, DEFAULTS as USAGE_DEFAULTS};
