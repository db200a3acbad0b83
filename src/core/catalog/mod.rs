//! AWS facts as data: regions, their availability-zone ids, and limits.
//!
//! The region table is `regions.json`, carried into the crate from the
//! project's reference data and embedded at compile time, so the app and the
//! CLI never read anything at run time.

mod geo;
mod regions;

pub use geo::{countries, is_continent, is_country, is_us_state, us_states, CONTINENTS};

pub use regions::{region, regions, Az, RegionInfo};
