//! Rule families, one file each.

pub mod autoscaling;
pub mod load_balancing;
mod names_check;
pub mod network;
pub mod rds;
mod util;

#[cfg(test)]
pub(crate) mod testing;
