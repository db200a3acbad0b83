//! Moving a region of the design to another AWS region: the inspector's
//! region picker.
//!
//! The region keeps its id (ids are stable keys: Terraform addresses and
//! canvas positions hang on them); its code changes, its subnets move to
//! AZ ids of the new region, and DynamoDB replica lists follow the move.

use super::EditError;
use crate::core::catalog::{self, RegionInfo};
use crate::core::model::*;
use std::collections::{BTreeSet, HashMap};

/// Sets the AWS region code of region `region_id` to `code`, remapping its
/// subnets' AZ ids and the DynamoDB replica lists that name the old code.
///
/// Refuses a code the catalog does not know and a code another region of
/// the design already uses. Setting the code it already has changes nothing.
/// The state bucket's region is left alone: the bucket lives where it lives,
/// whichever regions the design deploys to.
pub fn set_region_code(design: &Design, region_id: &str, code: &str) -> Result<Design, EditError> {
    let region = design
        .regions
        .iter()
        .find(|r| r.id == region_id)
        .ok_or_else(|| EditError::new(format!("No region `{region_id}`.")))?;
    if region.code == code {
        return Ok(design.clone());
    }
    let target = catalog::region(code).ok_or_else(|| {
        EditError::new(format!(
            "“{code}” is not an AWS region code; pick one from the list."
        ))
    })?;
    if let Some(other) = design
        .regions
        .iter()
        .find(|r| r.id != region_id && r.code == code)
    {
        return Err(EditError::new(format!(
            "{code} is already in the design (region {}); each AWS region can appear once.",
            other.id
        )));
    }
    let old = region.code.clone();
    let azs = az_remap(region, target);
    let mut d = design.clone();
    for r in &mut d.regions {
        let here = r.id == region_id;
        if here {
            r.code = code.to_string();
            for s in r.vpcs.iter_mut().flat_map(|v| v.subnets.iter_mut()) {
                if let Some(new) = azs.get(&s.az) {
                    s.az = new.clone();
                }
            }
        }
        for n in &mut r.nodes {
            let RegionNode::Dynamodb(t) = n else { continue };
            if here {
                // A table is never its own replica (DDB-04).
                t.replicas.retain(|c| c != code);
            } else {
                let mut seen = BTreeSet::new();
                let moved = t.replicas.iter().map(|c| {
                    if *c == old {
                        code.to_string()
                    } else {
                        c.clone()
                    }
                });
                t.replicas = moved.filter(|c| seen.insert(c.clone())).collect();
            }
        }
    }
    Ok(d)
}

/// Old AZ id -> new AZ id for the subnets of `region` moving to `target`.
///
/// AZ ids that already belong to the target stay. The others, in sorted
/// order, take the target's remaining AZ ids in sorted order, so distinct
/// AZs stay distinct while there are enough; when the target has fewer, the
/// extras wrap round onto the same ones again. That keeps every subnet in a
/// real AZ of its region (NET-09) at the cost of sharing AZs, which only
/// matters to a load balancer spanning more AZs than the region has.
///
/// Mapping only the AZs in use (not by position in the old region's full
/// AZ list) keeps two used AZs far apart in a large region from landing on
/// one AZ of a small one. "Clone region as DR" maps its copies the same way.
pub(super) fn az_remap(region: &Region, target: &RegionInfo) -> HashMap<String, String> {
    let to = target.az_ids_sorted();
    let used: BTreeSet<&str> = region
        .vpcs
        .iter()
        .flat_map(|v| &v.subnets)
        .map(|s| s.az.as_str())
        .collect();
    let (kept, moving): (Vec<&str>, Vec<&str>) = used.into_iter().partition(|az| target.has_az(az));
    let free: Vec<&str> = to.iter().copied().filter(|az| !kept.contains(az)).collect();
    let pool = if free.is_empty() { to } else { free };
    if pool.is_empty() {
        return HashMap::new();
    }
    moving
        .iter()
        .enumerate()
        .map(|(i, az)| (az.to_string(), pool[i % pool.len()].to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;
    use crate::core::validate::{validate, Severity};

    fn tpl(id: &str) -> Design {
        template(id).unwrap().design().unwrap()
    }

    fn errors(d: &Design) -> Vec<String> {
        validate(d)
            .into_iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| format!("{}: {}", x.rule, x.message))
            .collect()
    }

    fn azs_of(d: &Design, region_id: &str) -> Vec<String> {
        let r = d.regions.iter().find(|r| r.id == region_id).unwrap();
        r.vpcs
            .iter()
            .flat_map(|v| &v.subnets)
            .map(|s| s.az.clone())
            .collect()
    }

    #[test]
    fn moving_the_primary_to_eu_west_1_keeps_the_design_clean() {
        let d = tpl("active-passive");
        assert!(errors(&d).is_empty());
        let after = set_region_code(&d, "use1", "eu-west-1").unwrap();
        load(&save(&after)).unwrap();
        assert_eq!(after.regions[0].code, "eu-west-1");
        assert_eq!(
            after.regions[0].id, "use1",
            "the id is a stable key and stays"
        );
        assert!(errors(&after).is_empty(), "{:#?}", errors(&after));
        let info = catalog::region("eu-west-1").unwrap();
        let azs = azs_of(&after, "use1");
        assert!(azs.iter().all(|az| info.has_az(az)), "{azs:?}");
        // public-a and public-b were in two AZs and still are.
        assert_ne!(azs[0], azs[1]);
        assert_eq!(
            azs,
            ["euw1-az1", "euw1-az2", "euw1-az1", "euw1-az2", "euw1-az1", "euw1-az2"]
        );
        assert_eq!(
            azs_of(&after, "usw2"),
            azs_of(&d, "usw2"),
            "other regions are untouched"
        );
    }

    #[test]
    fn unknown_and_taken_codes_are_refused() {
        let d = tpl("active-passive");
        let e = set_region_code(&d, "use1", "mars-north-1").unwrap_err();
        assert!(
            e.0.contains("mars-north-1") && e.0.contains("not an AWS region"),
            "{e}"
        );
        let e = set_region_code(&d, "use1", "us-west-2").unwrap_err();
        assert!(
            e.0.contains("already in the design") && e.0.contains("usw2"),
            "{e}"
        );
        let e = set_region_code(&d, "nope", "eu-west-1").unwrap_err();
        assert!(e.0.contains("nope"), "{e}");
        assert_eq!(
            set_region_code(&d, "use1", "us-east-1").unwrap(),
            d,
            "same code: nothing changes"
        );
    }

    #[test]
    fn a_smaller_region_wraps_the_extra_azs_so_every_subnet_stays_valid() {
        let mut d = tpl("active-passive");
        // use1 now spreads over three AZs; us-west-1 has only two.
        d.regions[0].vpcs[0].subnets[4].az = "use1-az3".into();
        assert!(errors(&d).is_empty());
        let after = set_region_code(&d, "use1", "us-west-1").unwrap();
        let azs = azs_of(&after, "use1");
        let info = catalog::region("us-west-1").unwrap();
        assert!(azs.iter().all(|az| info.has_az(az)), "{azs:?}");
        // use1-az1 -> usw1-az1, use1-az2 -> usw1-az3, use1-az3 wraps to usw1-az1.
        assert_eq!(
            azs,
            ["usw1-az1", "usw1-az3", "usw1-az1", "usw1-az3", "usw1-az1", "usw1-az3"]
        );
        assert!(errors(&after).is_empty(), "{:#?}", errors(&after));
    }

    #[test]
    fn azs_already_in_the_new_region_stay_and_others_avoid_them() {
        let mut d = tpl("active-passive");
        d.regions[0].vpcs[0].subnets[0].az = "euw1-az1".into();
        let after = set_region_code(&d, "use1", "eu-west-1").unwrap();
        let azs = azs_of(&after, "use1");
        assert_eq!(azs[0], "euw1-az1");
        assert_ne!(
            azs[1], "euw1-az1",
            "use1-az2 must not land on the AZ public-a keeps"
        );
        let mut distinct = azs.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            3,
            "euw1-az1 kept, use1-az1 and use1-az2 on the other two: {azs:?}"
        );
    }

    #[test]
    fn dynamodb_replica_lists_follow_the_move() {
        let d = tpl("active-active");
        assert!(errors(&d).is_empty());
        let after = set_region_code(&d, "euw1", "eu-central-1").unwrap();
        let RegionNode::Dynamodb(t) = &after.regions[0].nodes[0] else {
            panic!()
        };
        assert_eq!(t.replicas, ["eu-central-1", "ap-southeast-1"]);
        assert!(errors(&after).is_empty(), "{:#?}", errors(&after));
        load(&save(&after)).unwrap();

        // The home region moves onto one of its own replicas: that replica goes;
        // another table naming both the old and the new code keeps one.
        let mut d = tpl("active-active");
        let RegionNode::Dynamodb(t) = &mut d.regions[0].nodes[0] else {
            panic!()
        };
        t.replicas.push("us-west-2".into());
        let mut other = d.regions[0].nodes[0].clone();
        if let RegionNode::Dynamodb(o) = &mut other {
            o.id = "euw1-carts".into();
            o.name = "carts".into();
            o.replicas = vec!["us-east-1".into(), "us-west-2".into()];
        }
        d.regions[1].nodes.push(other);
        assert!(errors(&d).is_empty(), "{:#?}", errors(&d));
        let after = set_region_code(&d, "use1", "us-west-2").unwrap();
        let RegionNode::Dynamodb(t) = &after.regions[0].nodes[0] else {
            panic!()
        };
        assert_eq!(t.replicas, ["eu-west-1", "ap-southeast-1"]);
        let RegionNode::Dynamodb(o) = &after.regions[1].nodes[0] else {
            panic!()
        };
        assert_eq!(o.replicas, ["us-west-2"]);
        assert!(errors(&after).is_empty(), "{:#?}", errors(&after));
    }
}
