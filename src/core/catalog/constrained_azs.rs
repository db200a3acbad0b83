//! AZ ids that exist and accept subnets but are best avoided, as data.
//!
//! Catalog appendix A.2 lists one: `use1-az3`, an old AZ of us-east-1 that
//! lacks newer features. Validation warns when a subnet uses one (NET-09),
//! and [`super::RegionInfo::az_ids_sorted`] puts them last so the editor's
//! defaults never pick one while another AZ is free.

/// One constrained AZ and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConstrainedAz {
    /// The AZ id (the same in every account).
    pub id: &'static str,
    /// What is wrong with it, for the warning.
    pub reason: &'static str,
    /// Where that is documented.
    pub source: &'static str,
}

/// When the list was compiled (the catalog's date).
pub const AS_OF: &str = "2026-11-22";

/// Every constrained AZ id the catalog knows.
pub const CONSTRAINED_AZS: &[ConstrainedAz] = &[ConstrainedAz {
    id: "use1-az3",
    reason: "an old, feature-limited AZ: it is missing from AWS's EFS One Zone AZ list, and accounts have been refused new capacity there (\"The requested Availability Zone ... is constrained\")",
    source: "constraint catalog A.2: EFS One Zone AZ table https://docs.aws.amazon.com/efs/latest/ug/OneZoneAZs.html, kops issue 382, moto 5.2.1 AZ table",
}];

/// The entry for `az_id`, if that AZ is constrained.
pub fn constrained_az(az_id: &str) -> Option<&'static ConstrainedAz> {
    CONSTRAINED_AZS.iter().find(|c| c.id == az_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::region;

    #[test]
    fn every_constrained_az_is_a_real_az_id() {
        for c in CONSTRAINED_AZS {
            let code_has_it = crate::core::catalog::regions()
                .iter()
                .any(|r| r.has_az(c.id));
            assert!(code_has_it, "{} is not in the region table", c.id);
        }
        assert!(constrained_az("use1-az3").is_some());
        assert!(constrained_az("use1-az1").is_none());
        assert!(region("us-east-1").is_some_and(|r| r.has_az("use1-az3")));
    }
}
