//! What every rule gets: the design, its index, and facts parsed once.

use crate::core::model::{Design, Index};
use ipnet::Ipv4Net;
use rustc_hash::FxHashMap;

/// The design under validation with lookups shared by all rules.
///
/// Built once per [`super::validate`] call so rules do not each re-parse
/// CIDRs or rebuild the index.
pub struct Ctx<'a> {
    /// The design.
    pub design: &'a Design,
    /// Every object by id.
    pub index: Index<'a>,
    cidrs: FxHashMap<&'a str, Ipv4Net>,
}

impl<'a> Ctx<'a> {
    /// Prepares the context for `design`.
    pub fn new(design: &'a Design) -> Self {
        let mut cidrs = FxHashMap::default();
        for region in &design.regions {
            for vpc in &region.vpcs {
                if let Ok(net) = vpc.cidr.trim().parse::<Ipv4Net>() {
                    cidrs.insert(vpc.id.as_str(), net);
                }
                for s in &vpc.subnets {
                    if let Ok(net) = s.cidr.trim().parse::<Ipv4Net>() {
                        cidrs.insert(s.id.as_str(), net);
                    }
                }
            }
        }
        Ctx { design, index: Index::new(design), cidrs }
    }

    /// The parsed CIDR of a VPC or subnet, if it parses as IPv4 `a.b.c.d/n`.
    /// (It may still have host bits set; NET-02 judges that.)
    pub fn cidr(&self, id: &str) -> Option<Ipv4Net> {
        self.cidrs.get(id).copied()
    }
}
