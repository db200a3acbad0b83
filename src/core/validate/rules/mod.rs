//! Rule families, one file each.

pub mod load_balancing;
mod names_check;
pub mod network;
mod util;

#[cfg(test)]
pub(crate) mod testing;
