//! The prefixes and suffixes S3 reserves in bucket names, as data.
//!
//! Every place that judges a bucket name (design buckets and the state
//! bucket) reads these lists, so a suffix AWS adds later is added once here.

/// Where the lists come from (catalog row S3-01).
pub const SOURCE: &str = "S3 User Guide, bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";

/// When the lists were read (the catalog's compilation date).
pub const AS_OF: &str = "2026-11-22";

/// Bucket names must not start with these (`sthree-` also covers `sthree-configurator`).
pub const RESERVED_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];

/// Bucket names must not end with these: access point aliases (`-s3alias`),
/// Object Lambda (`--ol-s3`), Multi-Region Access Points (`.mrap`), directory
/// buckets (`--x-s3`) and table buckets (`--table-s3`).
pub const RESERVED_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
