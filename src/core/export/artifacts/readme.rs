//! The export's README.md: what each stack is, the apply order, the exact
//! commands, the inputs, the security defaults and the checkov skips.

use super::has_global_db;
use crate::core::export::plan::Stack;
use crate::core::model::{Design, RoutingPolicy, VpcNode};

/// README.md: what each stack is, the apply order and the exact commands.
pub fn readme(design: &Design, order: &[Stack]) -> String {
    let mut r = String::new();
    r.push_str(&format!("# {} ({}): Terraform exported by Topoform\n\n", design.name, design.environment));
    r.push_str("Each region is its own Terraform root with its own state, so an outage or a mistake in one region never blocks the others. `global/` holds Route 53, Global Accelerator and the cross-region links. `topoform.json` is the design: open it in Topoform to change it and export again.\n\n");
    r.push_str("## Apply order\n\n");
    for (i, st) in order.iter().enumerate() {
        let what = match st {
            Stack::Bootstrap => "the state bucket (local state; run once)".to_string(),
            Stack::Region(c) => format!("region {c}"),
            Stack::Global => "DNS, accelerators, peering and replication".to_string(),
        };
        r.push_str(&format!("{}. `{}/`: {what}\n", i + 1, st.dir()));
    }
    r.push_str("\n## Commands\n\n```sh\n");
    for st in order {
        match st.backend_name() {
            None => r.push_str(&format!("terraform -chdir={} init\nterraform -chdir={} apply\n", st.dir(), st.dir())),
            Some(b) => r.push_str(&format!(
                "terraform -chdir={d} init -backend-config=../{up}backends/{b}.hcl\nterraform -chdir={d} apply\n",
                d = st.dir(),
                up = if st.dir().contains('/') { "../" } else { "" }
            )),
        }
    }
    r.push_str("```\n\n");
    let https: Vec<&str> = design
        .regions
        .iter()
        .filter(|reg| reg.vpcs.iter().flat_map(|v| &v.nodes).any(|n| matches!(n, VpcNode::Alb(a) if a.listener.protocol == crate::core::model::HttpProtocol::Https)))
        .map(|reg| reg.code.as_str())
        .collect();
    if !https.is_empty() {
        r.push_str(&format!(
            "## Inputs\n\nHTTPS listeners need an ACM certificate in their region: set `certificate_arn` in `regions/<code>/terraform.tfvars` for {}.\n\n",
            https.join(", ")
        ));
    }
    r.push_str("## Security defaults\n\nEncryption at rest with customer-managed KMS keys (one per region), databases private with Secrets Manager-managed passwords and deletion protection, IMDSv2 only, S3 public access blocked, security groups that let the internet reach only the load balancers, the load balancers reach only the instances and the instances reach only the databases.\n\n");
    r.push_str("## Checkov skips\n\nThese checks are skipped with the reason written on the resource:\n\n");
    for (id, why) in CHECKOV_SKIPS {
        r.push_str(&format!("- `{id}`: {why}\n"));
    }
    if design.dns.as_ref().is_some_and(|d| d.records.iter().any(|x| x.policy == RoutingPolicy::Failover)) || has_global_db(design) {
        r.push_str("\n## Failover\n\n`scripts/promote-dr.sh` lists the failover steps (dry run unless `--confirm`).\n");
    }
    r
}

/// Every checkov skip the modules carry, for the README.
pub const CHECKOV_SKIPS: &[(&str, &str)] = &[
    ("CKV2_AWS_28", "a WAF web ACL is an account-level choice (load balancers)"),
    ("CKV_AWS_91", "load balancer access logs need a log bucket the design does not have"),
    ("CKV_AWS_118", "enhanced monitoring needs a monitoring role; Performance Insights is on (databases)"),
    ("CKV_AWS_18", "S3 access logging needs a separate log bucket"),
    ("CKV_AWS_144", "cross-region replication is configured in global/ where the design asks for it"),
    ("CKV2_AWS_62", "S3 event notifications depend on the workload"),
    ("CKV2_AWS_61", "S3 lifecycle rules depend on the workload's retention needs"),
    ("CKV_AWS_119", "DynamoDB uses the AWS-managed key, present in every replica region"),
    ("CKV2_AWS_27", "Aurora PostgreSQL query logging needs a cluster parameter group tuned to the workload"),
    ("CKV2_AWS_8", "databases keep automated backups; an AWS Backup plan is an account-level choice"),
    ("CKV_AWS_157", "Multi-AZ follows the design: DR replicas may run in one AZ"),
    ("CKV_AWS_260", "the listener of an internet-facing load balancer is open to the internet by design"),
    ("CKV2_AWS_38", "DNSSEC needs a KMS key and a DS record at the registrar"),
    ("CKV2_AWS_39", "Route 53 query logging is an account-level choice"),
    ("CKV_AWS_75", "Global Accelerator flow logs need an S3 bucket"),
    ("CKV_AWS_18 (state bucket)", "CloudTrail records access to the state"),
];
