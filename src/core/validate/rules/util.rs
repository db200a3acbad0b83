//! Small facts several rule families need.

use crate::core::model::{Index, Region, Vpc};
use ipnet::Ipv4Net;
use std::collections::BTreeSet;
use crate::core::text::short;

/// The distinct AZ ids of the subnets among `ids`.
pub fn azs<'a>(index: &Index<'a>, ids: &[String]) -> BTreeSet<&'a str> {
    ids.iter().filter_map(|id| index.subnet(id)).map(|(_, _, s)| s.az.as_str()).collect()
}

/// Usable addresses in a subnet: AWS reserves the first four and the last.
pub fn usable_ips(net: Ipv4Net) -> u64 {
    (1u64 << (32 - net.prefix_len())).saturating_sub(5)
}

/// True when the two blocks share any address.
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// `Region us-east-1` style wording for messages.
pub fn where_(region: &Region, vpc: &Vpc) -> String {
    format!("VPC {} ({})", short(&vpc.name), short(&region.code))
}

/// Problems with `name` as an S3 bucket name, or `None`.
pub fn bucket_name_problem(name: &str) -> Option<&'static str> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-';
    if name.len() < 3 || name.len() > 63 {
        Some("must be 3 to 63 characters long")
    } else if !name.chars().all(ok_char) {
        Some("may only hold lowercase letters, digits, '.' and '-'")
    } else if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) || !name.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        Some("must start and end with a letter or digit")
    } else if name.contains("..") || name.contains(".-") || name.contains("-.") {
        Some("must not hold '..', '.-' or '-.'")
    } else if name.parse::<std::net::Ipv4Addr>().is_ok() {
        Some("must not look like an IP address")
    } else if name.starts_with("xn--") || name.starts_with("sthree-") || name.starts_with("amzn-s3-demo-") {
        Some("must not start with 'xn--', 'sthree-' or 'amzn-s3-demo-'")
    } else if name.ends_with("-s3alias") || name.ends_with("--ol-s3") || name.ends_with(".mrap") || name.ends_with("--x-s3") {
        Some("must not end with '-s3alias', '--ol-s3', '.mrap' or '--x-s3'")
    } else {
        None
    }
}

/// Orders instance sizes (`large` < `xlarge` < `2xlarge` ...) for comparisons.
pub fn size_rank(class: &str) -> Option<u32> {
    let size = class.rsplit('.').next()?;
    let fixed = ["nano", "micro", "small", "medium", "large"];
    if let Some(i) = fixed.iter().position(|s| *s == size) {
        return Some(i as u32);
    }
    if size == "xlarge" {
        return Some(10);
    }
    if size == "metal" {
        return Some(10_000);
    }
    let n: u32 = size.strip_suffix("xlarge")?.parse().ok()?;
    Some(10 + n)
}

/// The instance family (`db.r6g` of `db.r6g.large`).
pub fn family(class: &str) -> &str {
    class.rsplit_once('.').map(|(f, _)| f).unwrap_or(class)
}
