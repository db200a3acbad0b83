//! Rule families, one file each.

pub mod network;

#[cfg(test)]
pub(crate) mod testing;
