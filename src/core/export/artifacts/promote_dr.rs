//! `scripts/promote-dr.sh`: the failover runbook.

use super::{has_global_db, shell_word};
use crate::core::model::{Design, RegionNode, VpcNode};
use crate::core::names;

/// `scripts/promote-dr.sh` for designs with failover or global databases.
pub fn promote_dr(design: &Design) -> Option<String> {
    if !has_global_db(design) {
        return None;
    }
    let primary = design.primary()?;
    let mut steps = Vec::new();
    for r in design.regions.iter().filter(|r| r.code != primary.code) {
        for n in r.vpcs.iter().flat_map(|v| &v.nodes) {
            match n {
                VpcNode::Rds(d) if d.replica_of.is_some() => steps.push(format!(
                    "run aws rds promote-read-replica --region {} --db-instance-identifier {}",
                    r.code,
                    shell_word(&names::regional(design, &d.name))
                )),
                VpcNode::Aurora(a) if a.global.is_some() => steps.push(format!(
                    "run aws rds failover-global-cluster --region {} --global-cluster-identifier {} --target-db-cluster-identifier {}",
                    r.code,
                    shell_word(&names::global_cluster(design, a.global.as_deref().unwrap_or_default())),
                    shell_word(&names::per_region(design, &a.name, &r.code))
                )),
                VpcNode::Asg(g) => steps.push(format!(
                    "run aws autoscaling update-auto-scaling-group --region {} --auto-scaling-group-name {} --desired-capacity {}",
                    r.code,
                    shell_word(&names::regional(design, &g.name)),
                    g.max
                )),
                _ => {}
            }
        }
        for n in &r.nodes {
            if let RegionNode::Dynamodb(_) = n {
                steps.push("# DynamoDB global tables need no promotion: every replica accepts writes.".into());
            }
        }
    }
    let mut sh = String::from("#!/usr/bin/env bash\n# Fail over from the primary region to DR: promote databases, scale up the DR\n# groups. Route 53 failover records switch by themselves once the primary's\n# health check fails. Prints the steps; runs them only with --confirm.\nset -euo pipefail\n\nCONFIRM=0\n[ \"${1:-}\" = \"--confirm\" ] && CONFIRM=1\n\nrun() {\n  echo \"+ $*\"\n  if [ \"$CONFIRM\" = 1 ]; then \"$@\"; fi\n}\n\n");
    sh.push_str(&format!("echo \"Failing over from {} (dry run unless --confirm)\"\n", primary.code));
    for st in steps {
        sh.push_str(&st);
        sh.push('\n');
    }
    sh.push_str("[ \"$CONFIRM\" = 1 ] || echo \"Dry run: nothing was changed. Re-run with --confirm to fail over.\"\n");
    Some(sh)
}
