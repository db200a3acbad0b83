//! AWS facts as data: regions, their availability-zone ids, and limits.
//!
//! The region table is `regions.json`, carried into the crate from the
//! project's reference data and embedded at compile time, so the app and the
//! CLI never read anything at run time. Every other fact here (constrained
//! AZs, Aurora Global Database availability, reserved S3 name affixes, the
//! instance type and DB class lists) carries its source and date beside it.

pub mod aurora_global;
pub mod cache_node_types;
pub mod constrained_azs;
pub mod dr_timings;
mod geo;
pub mod instance_prices;
pub mod instance_types;
pub mod prices;
mod regions;
pub mod s3_names;

pub use constrained_azs::{constrained_az, ConstrainedAz};
pub use geo::{countries, is_continent, is_country, is_us_state, us_states, CONTINENTS};

pub use regions::{region, regions, Az, RegionInfo};
