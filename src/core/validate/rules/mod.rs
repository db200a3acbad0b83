//! Rule families, one file each.

pub mod autoscaling;
pub mod design;
pub mod load_balancing;
mod names_check;
pub mod names_iam;
pub mod network;
pub mod rds;
pub mod state;
mod util;

#[cfg(test)]
pub(crate) mod testing;
