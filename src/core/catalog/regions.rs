//! The 34 commercial AWS regions and the AZ ids a typical account sees.

use serde::Deserialize;
use std::sync::OnceLock;

/// One availability zone of a region.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Az {
    /// The letter name in a typical new account (`us-east-1a`); account-specific.
    pub name: String,
    /// The AZ id (`use1-az1`), the same in every account.
    pub id: String,
}

/// Facts about one region.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RegionInfo {
    /// The region code, `us-east-1`.
    pub code: String,
    /// The display name, `US East (N. Virginia)`.
    pub name: String,
    /// True when the region must be enabled in the account before use.
    pub opt_in_required: bool,
    /// How many AZs a new account can use.
    pub az_count_new_account: u32,
    /// How many AZs the region has in all.
    pub az_count_physical: u32,
    /// The AZs a new account can use, by id.
    pub azs: Vec<Az>,
    /// Whether Route 53 latency routing accepts this region (API).
    pub route53_latency_region_api: bool,
    /// Whether the Terraform AWS provider 5.100.0 accepts it for latency routing.
    pub route53_latency_region_tf_provider_5_100_0: bool,
    /// Whether Route 53 runs health checkers from this region.
    pub route53_health_checker_region: bool,
}

impl RegionInfo {
    /// True when `az_id` is one of this region's usable AZ ids.
    pub fn has_az(&self, az_id: &str) -> bool {
        self.azs.iter().any(|a| a.id == az_id)
    }

    /// The AZ ids in a stable order for pickers and defaults: sorted by id,
    /// with constrained AZs (catalog A.2, e.g. `use1-az3`) last, so that
    /// code taking the first free AZ only lands on one when nothing else is left.
    pub fn az_ids_sorted(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.azs.iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable_by_key(|id| (super::constrained_az(id).is_some(), *id));
        ids
    }
}

#[derive(Deserialize)]
struct File {
    regions: Vec<RegionInfo>,
}

/// Every region of the catalog, sorted by code.
pub fn regions() -> &'static [RegionInfo] {
    static REGIONS: OnceLock<Vec<RegionInfo>> = OnceLock::new();
    REGIONS.get_or_init(|| {
        // The file is embedded and checked by the tests below: a broken
        // catalog is a build defect, not user input, so an empty list on a
        // parse failure (which the tests rule out) is never shipped.
        let mut list = serde_json::from_str::<File>(include_str!("regions.json"))
            .map(|f| f.regions)
            .unwrap_or_default();
        list.sort_by(|a, b| a.code.cmp(&b.code));
        list
    })
}

/// The region with this code.
pub fn region(code: &str) -> Option<&'static RegionInfo> {
    let list = regions();
    list.binary_search_by(|r| r.code.as_str().cmp(code))
        .ok()
        .map(|i| &list[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_has_34_regions_with_az_ids() {
        assert_eq!(regions().len(), 34);
        for r in regions() {
            assert!(r.azs.len() >= 2, "{} has {} AZs", r.code, r.azs.len());
            assert_eq!(r.azs.len() as u32, r.az_count_new_account, "{}", r.code);
            assert!(!r.name.is_empty());
        }
    }

    #[test]
    fn lookup_by_code() {
        let r = region("us-east-1").unwrap();
        assert_eq!(r.name, "US East (N. Virginia)");
        assert!(r.has_az("use1-az1"));
        assert!(!r.has_az("usw2-az1"));
        assert_eq!(region("us-west-1").unwrap().azs.len(), 2);
        assert!(region("mars-north-1").is_none());
        assert_eq!(
            region("eu-west-1").unwrap().az_ids_sorted(),
            ["euw1-az1", "euw1-az2", "euw1-az3"]
        );
        let use1 = region("us-east-1").unwrap().az_ids_sorted();
        assert_eq!(
            use1,
            ["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6", "use1-az3"],
            "constrained AZs last"
        );
    }
}
