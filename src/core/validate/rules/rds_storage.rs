//! RDS storage: the allocated size (RDS-15, Topoform's own id) and
//! autoscaling (format version 2's `max_storage_gb`, RDS-14).

use super::util::where_;
use crate::core::model::VpcNode;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Rds as RdsFamily, Report, Rule, Severity::*};

/// The largest gp3 volume RDS offers for PostgreSQL, MySQL and MariaDB:
/// 64 TiB (RDS User Guide, "Amazon RDS DB instance storage", gp3 storage).
pub const MAX_GP3_GIB: u32 = 65_536;

/// The smallest gp3 volume RDS offers for PostgreSQL, MySQL and MariaDB:
/// 20 GiB (RDS User Guide, "Amazon RDS DB instance storage", gp3 storage).
pub const MIN_GP3_GIB: u32 = 20;

/// The storage rules.
pub const RULES: &[Rule] = &[rule("RDS-15", Error, RdsFamily, "Allocated storage must be 20-65,536 GiB.",
    "The export gives every database a gp3 volume, which RDS offers for PostgreSQL, MySQL and MariaDB from 20 GiB to 64 TiB (RDS User Guide, DB instance storage); CreateDBInstance refuses other sizes at apply, after plan has passed.",
    "Set the storage between 20 and 65,536 GiB (a replica as large as its source).", rds_15),
    rule("RDS-14", Error, RdsFamily, "A storage autoscaling ceiling must be above the allocated storage and at most 65,536 GiB.",
    "RDS grows storage up to max_allocated_storage; a ceiling at or below allocated_storage is refused by CreateDBInstance, and gp3 volumes end at 64 TiB.",
    "Set \"Autoscale storage up to\" above the storage, or leave it empty for no autoscaling.", rds_14)];

fn rds_15(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for v in &r.vpcs {
            for n in &v.nodes {
                let VpcNode::Rds(d) = n else { continue };
                if !(MIN_GP3_GIB..=MAX_GP3_GIB).contains(&d.storage_gb) {
                    out.emit(&[&d.id], format!(
                        "Database {} in {}: {} GiB of storage is outside the {MIN_GP3_GIB}-{MAX_GP3_GIB} GiB of a gp3 volume.",
                        short(&d.name), where_(r, v), d.storage_gb));
                }
            }
        }
    }
}

fn rds_14(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for v in &r.vpcs {
            for n in &v.nodes {
                let VpcNode::Rds(d) = n else { continue };
                let Some(max) = d.max_storage_gb else {
                    continue;
                };
                let what = format!("Database {} in {}", short(&d.name), where_(r, v));
                if max <= d.storage_gb {
                    out.emit(&[&d.id], format!("{what}: its autoscaling ceiling {max} GiB is not above its {} GiB of storage.", d.storage_gb));
                } else if max > MAX_GP3_GIB {
                    out.emit(&[&d.id], format!("{what}: its autoscaling ceiling {max} GiB is above the {MAX_GP3_GIB} GiB a gp3 volume can hold."));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::VpcNode;

    fn with_max(max: Option<u32>) -> crate::core::model::Design {
        let mut d = base("active-passive");
        if let VpcNode::Rds(db) = &mut d.regions[0].vpcs[0].nodes[2] {
            db.storage_gb = 100;
            db.max_storage_gb = max;
        }
        d
    }

    fn with_storage(gb: u32) -> crate::core::model::Design {
        let mut d = with_max(None);
        if let VpcNode::Rds(db) = &mut d.regions[0].vpcs[0].nodes[2] {
            db.storage_gb = gb;
        }
        d
    }

    #[test]
    fn rds_15_allocated_storage() {
        for (bad, good) in [(0, 20), (19, 100), (65_537, 65_536), (100_000, 20)] {
            fires_and_not("RDS-15", &with_storage(bad), "use1-db", &with_storage(good));
        }
    }

    #[test]
    fn rds_14_ceiling() {
        for (bad, good) in [
            (Some(100), Some(101)),
            (Some(50), None),
            (Some(65_537), Some(65_536)),
        ] {
            fires_and_not("RDS-14", &with_max(bad), "use1-db", &with_max(good));
        }
    }
}
