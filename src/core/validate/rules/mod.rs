//! Rule families, one file each.

pub mod network;
mod util;

#[cfg(test)]
pub(crate) mod testing;
