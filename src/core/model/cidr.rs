//! IPv4 CIDR text as AWS and Terraform read it.
//!
//! `ipnet` accepts octets with leading zeros (`010.50.0.0/16`), which the
//! AWS provider refuses at plan ("invalid CIDR address": Go's parser reads
//! no leading zeros, since they once meant octal); so a design check that
//! used `ipnet` alone let such a block through to a failed plan. Every
//! check and the inspector's field read CIDRs here instead.

use ipnet::Ipv4Net;

/// The block `text` (trimmed) names, when it is written as Terraform reads
/// it: four decimal octets 0–255 and a prefix length 0–32, none with a
/// leading zero. Host bits are kept (rule NET-02 names them).
pub fn parse_cidr(text: &str) -> Option<Ipv4Net> {
    let t = text.trim();
    let (addr, prefix) = t.split_once('/')?;
    let plain = |part: &str, max: u32| {
        !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
            && part.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let octets: Vec<&str> = addr.split('.').collect();
    (octets.len() == 4 && octets.iter().all(|o| plain(o, 255)) && plain(prefix, 32))
        .then(|| t.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::parse_cidr;

    #[test]
    fn reads_what_terraform_reads() {
        for ok in [
            "10.0.0.0/16",
            " 10.1.2.0/24 ",
            "0.0.0.0/0",
            "192.168.0.1/32",
            "10.0.0.5/16",
        ] {
            assert!(parse_cidr(ok).is_some(), "{ok}");
        }
        assert_eq!(
            parse_cidr("10.0.0.5/16").map(|n| n.to_string()).as_deref(),
            Some("10.0.0.5/16")
        );
        for bad in [
            "010.50.0.0/16",
            "10.050.0.0/16",
            "10.0.0.00/16",
            "10.0.0.0/016",
            "10.0.0.0/33",
            "10.0.0/16",
            "10.0.0.0.0/16",
            "256.0.0.0/8",
            "10.0.0.0",
            "10.0.0.0/",
            "/16",
            "+10.0.0.0/16",
            "10.0.0.0/+16",
            "1e1.0.0.0/16",
            "10.0.0.0/16/1",
            "",
            "10.0.0.0 /16",
        ] {
            assert!(parse_cidr(bad).is_none(), "{bad}");
        }
    }
}
