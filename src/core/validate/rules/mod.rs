//! Rule families, one file each.

pub mod accelerator;
pub mod aurora;
pub mod aurora_settings;
pub mod autoscaling;
pub mod design;
pub mod dynamodb;
pub mod dynamodb_ttl;
pub mod ecs;
#[cfg(test)]
mod ecs_tests;
pub mod elasticache;
mod image_ref;
pub mod instance_types;
pub mod load_balancing;
mod names_check;
pub mod names_iam;
pub mod network;
pub mod posture;
pub mod rds;
pub mod rds_storage;
pub mod recovery;
pub mod route53;
pub mod route53_health;
pub mod route53_zone;
pub mod s3;
pub mod scaling;
pub mod state;
pub mod state_buckets;
pub mod tags;
pub mod usage;
mod util;
pub mod value_formats;

#[cfg(test)]
pub(crate) mod testing;
