//! The export's README.md: what each stack is, the apply order, the exact
//! commands, the inputs, the security defaults and the checkov skips.

use super::failover::{self, DbKind, Plan, RecordAction};
use crate::core::export::layers::Layer;
use crate::core::export::plan::Stack;
use crate::core::model::{Design, StateSplit, VpcNode};

/// README.md: what each stack is, the apply order and the exact commands.
pub fn readme(design: &Design, order: &[Stack]) -> String {
    let mut r = String::new();
    r.push_str(&format!(
        "# {} ({}): Terraform exported by Topoform\n\n",
        design.name, design.environment
    ));
    r.push_str("Each region is its own Terraform root with its own state, kept in a bucket in that region, so an outage or a mistake in one region never blocks the others: no region's root reads another stack's state (replica sources, global clusters and instance profiles are named, not looked up). `global/` holds Route 53, Global Accelerator and the cross-region links; `iam/` the instance roles and the VPC flow-log roles; `databases/` (when there is one) the Aurora global clusters. `topoform.json` is the design: open it in Topoform to change it and export again.\n\n");
    r.push_str(&format!(
        "![{} as Topoform draws it]({})\n\n",
        design.name,
        super::super::ARCHITECTURE_SVG
    ));
    if design.state.split == StateSplit::RegionLayer {
        r.push_str("Each region is cut in two roots with a state each (`state.split = \"region_layer\"`): `regions/<code>/platform/` holds the network, databases, caches, buckets, tables and the ECS cluster; `regions/<code>/workloads/` the load balancers, groups and services. The workloads root reads its own region's platform state (`data.terraform_remote_state.platform`, the platform's `modules` output); the platform reads nothing from the workloads (the rules that let the applications reach the databases are in the workloads root, on the database's security group). So a new image or size applies to the workloads without planning the network, and both roots of a region plan while every other region is down.\n\n");
    }
    r.push_str("## Apply order\n\n");
    for (i, st) in order.iter().enumerate() {
        let what = match st {
            Stack::Bootstrap => "the state buckets, one per region and one for the global stacks (local state; run once)".to_string(),
            Stack::Iam => "IAM roles and instance profiles of the regions' instances".to_string(),
            Stack::Databases => "the Aurora global clusters (they stay here whichever region is primary)".to_string(),
            Stack::Region(c) => format!("region {c}"),
            Stack::Layer(c, Layer::Platform) => format!("region {c}, platform: network, databases, caches, buckets, tables"),
            Stack::Layer(c, Layer::Workloads) => format!("region {c}, workloads: load balancers, groups, services (reads the platform's outputs)"),
            Stack::Global => "DNS, accelerators, peering and replication".to_string(),
        };
        r.push_str(&format!("{}. `{}/`: {what}\n", i + 1, st.dir()));
    }
    r.push_str(&opt_in_note(design));
    r.push_str("\nThe order matters from empty only (sources before replicas, the writer before the regions that join it); no root reads another region's state, so later updates may go in any order. CI applies the standby regions before the primary (a bad change shows where it hurts least).\n");
    r.push_str(&state_section(design, order));
    r.push_str("\n## Commands\n\n```sh\n");
    for st in order {
        match st.backend_name() {
            None => r.push_str(&format!("terraform -chdir={} init\nterraform -chdir={} apply\n", st.dir(), st.dir())),
            Some(b) => r.push_str(&format!(
                "terraform -chdir={d} init -backend-config={up}backends/{b}.hcl\nterraform -chdir={d} apply\n",
                d = st.dir(),
                up = st.up()
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
            "## Inputs\n\nHTTPS listeners need an ACM certificate in their region: fill `certificate_arn` in `regions/<code>/{}terraform.auto.tfvars` (committed, so CI applies without asking) for {}; the plan refuses an empty value.\n\n",
            if design.state.split == StateSplit::RegionLayer { "workloads/" } else { "" },
            https.join(", ")
        ));
    }
    r.push_str("## CI\n\n`.github/workflows/terraform.yml` plans every stack on pull requests (the plan in the job summary) and applies on main without a prompt: iam and databases, the standby regions, the primary, then `global/` (DNS and traffic) after an approval in the `production-traffic` environment. It reads its AWS role from the repository secret `AWS_ROLE_ARN` and, when set, each region's health URL from the secret `HEALTH_URL_<REGION>` (for example `HEALTH_URL_US_EAST_1`): the next region waits until it answers. Run it by hand with `first_apply` to build from empty in the order above, after applying `bootstrap/` yourself.\n\n");
    r.push_str(&super::super::cache::readme_section(design));
    r.push_str("## Security defaults\n\nEncryption at rest with customer-managed KMS keys, each in the region of what it encrypts (one per database, bucket, table and table replica, and VPC flow logs) and named by an alias, databases private with Secrets Manager-managed passwords and deletion protection, IMDSv2 only, S3 public access blocked, security groups that let the internet reach only the load balancers, the load balancers reach only the instances and the instances reach only the databases.\n\n");
    r.push_str(
        "## Checkov skips\n\nThese checks are skipped with the reason written on the resource:\n\n",
    );
    for (id, why) in CHECKOV_SKIPS {
        r.push_str(&format!("- `{id}`: {why}\n"));
    }
    r.push_str(&super::outage::section(design));
    r.push_str(&super::cost::section(design));
    if let Some(plan) = failover::plan(design) {
        r.push_str(&runbooks(design, &plan));
    }
    r
}

/// The opt-in regions the design calls, which an account must enable before
/// the first apply (rule DES-33); empty when there are none.
pub fn opt_in_note(design: &Design) -> String {
    let codes = crate::core::validate::rules::design::opt_in_regions(design);
    if codes.is_empty() {
        return String::new();
    }
    let commands: Vec<String> = codes
        .iter()
        .map(|c| format!("aws account enable-region --region-name {c}"))
        .collect();
    format!(
        "\nBefore the first apply, enable the opt-in region{s} {list} in the account (AWS refuses every call to a region that is not enabled; enabling takes minutes):\n\n```sh\n{cmds}\n```\n",
        s = if codes.len() == 1 { "" } else { "s" },
        list = codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "),
        cmds = commands.join("\n")
    )
}

/// Where each stack keeps its state and which control planes it needs, so
/// the reader knows which roots plan during which outage.
fn state_section(design: &Design, order: &[Stack]) -> String {
    let mut r = String::from("\n## State and control planes\n\n| Stack | State bucket (region) | Needs the control plane of |\n|---|---|---|\n");
    for st in order {
        let Some((bucket, region)) = st.state_location(design) else {
            r.push_str(&format!(
                "| `{}/` | local | every region of the design (one state bucket each) |\n",
                st.dir()
            ));
            continue;
        };
        let needs = match st {
            Stack::Iam => "IAM (us-east-1)".to_string(),
            Stack::Databases => format!("RDS in {region}"),
            Stack::Region(c) | Stack::Layer(c, _) => format!("{c} only"),
            Stack::Global => {
                let mut planes = Vec::new();
                if design.dns.is_some() {
                    planes.push("Route 53 (us-east-1)");
                }
                if !design.accelerators.is_empty() {
                    planes.push("Global Accelerator (us-west-2)");
                }
                planes.push("every region (it reads their state)");
                planes.join(", ")
            }
            Stack::Bootstrap => String::new(),
        };
        r.push_str(&format!(
            "| `{}/` | `{bucket}` ({region}) | {needs} |\n",
            st.dir()
        ));
    }
    r.push_str("\nDuring an outage of one region, every other region's root initialises, plans and applies; `iam/`, `databases/` and `global/` wait for their regions (the runbooks below use the AWS CLI instead).\n");
    r
}

/// The runbooks section: what each script does, per database and record,
/// and the order of applies after each.
fn runbooks(design: &Design, plan: &Plan<'_>) -> String {
    let home = &plan.primary.code;
    let to: Vec<&str> = plan.takers.iter().map(|r| r.code.as_str()).collect();
    let to = to.join(", ");
    let mut r = format!(
        "\n## Failover and failback\n\n`scripts/promote-dr.sh` fails over from {home} to {to}; `scripts/failback.sh` brings the writers home. Both print every command and change nothing unless run with `--confirm`; the failback asks before every destructive step. They use the AWS CLI only, no Terraform: in an outage Terraform may not reach its state, and reconciling state mid-incident is how things get destroyed. Rehearse both in a non-production copy.\n\n"
    );
    r.push_str("### Failover: `scripts/promote-dr.sh [--planned] [--confirm]`\n\n1. Groups and services, raised first and not waited for, so their instances boot while the databases are promoted (min and desired both raised, so a scale-in cannot undo it):\n");
    for g in &plan.groups {
        if g.at_size() {
            r.push_str(&format!(
                "   - `{}` in {}: already at production size.\n",
                g.name, g.region
            ));
        } else {
            r.push_str(&format!(
                "   - `{}` in {}: min {}, desired {} (from {}).\n",
                g.name, g.region, g.production.0, g.production.1, g.source
            ));
        }
    }
    if plan.groups.is_empty() && plan.services.is_empty() {
        r.push_str("   - none in the regions that take over.\n");
    }
    for s in &plan.services {
        if s.at_size() {
            r.push_str(&format!(
                "   - ECS service `{}` in {}: already at production size.\n",
                s.name, s.region
            ));
        } else {
            r.push_str(&format!(
                "   - ECS service `{}` in {}: scaling minimum {}, desired {} (from {}).\n",
                s.name, s.region, s.production.0, s.production.1, s.source
            ));
        }
    }
    r.push_str("2. Databases, one at a time, waiting for each:\n");
    for d in &plan.databases {
        match &d.kind {
            DbKind::Aurora { global_id, headless, .. } => r.push_str(&format!(
                "   - Aurora global cluster `{global_id}`: {}`failover-global-cluster --allow-data-loss` to `{}` in {} (the primary is down; writes not yet replicated, typically under a second, are lost), or with `--planned` `switchover-global-cluster` (the primary is healthy; no data loss); then wait until it is the writer.\n",
                if *headless { "create an instance in the headless secondary and wait for it, then " } else { "" },
                d.target_id,
                d.target_region
            )),
            DbKind::Rds { stranded, .. } => {
                r.push_str(&format!(
                    "   - RDS `{}`: `promote-read-replica` of `{}` in {}, then wait until it no longer replicates and is available (several minutes or more, by size).\n",
                    d.primary_id, d.target_id, d.target_region
                ));
                for (region, id) in stranded {
                    r.push_str(&format!("     Its other replica `{id}` in {region} cannot follow the new writer (an RDS replica keeps its source): it serves reads as of the outage until the failback rebuilds it.\n"));
                }
            }
        }
    }
    for t in &plan.tables {
        r.push_str(&format!(
            "   - DynamoDB global table `{t}`: nothing to promote; every replica accepts writes.\n"
        ));
    }
    if plan.databases.is_empty() && plan.tables.is_empty() {
        r.push_str("   - none replicates across regions.\n");
    }
    r.push_str("3. DNS:\n");
    for rec in &plan.records {
        let what = match &rec.action {
            RecordAction::Automatic(why, sets) if sets.is_empty() => format!("moves by itself: {why}."),
            RecordAction::Automatic(why, _) => format!("moves by itself: {why}. If the primary's check keeps passing (an AZ loss took the writer, not the load balancer), run the script with `--move-records`: it points the primary's record set at the region that takes over, keeping its health check (and `failback.sh --move-records` points it back; a Terraform apply of the records' stack before then points it back too)."),
            RecordAction::Untouched(why) => format!("nothing to change: {why}."),
            RecordAction::Change(_) if rec.moves_alone => "moves by itself once Route 53 sees its load balancer unhealthy (alias target health); the script also points its primary-region set at the region that takes over (`change-resource-record-sets`), and warns and goes on if Route 53's control plane does not answer.".to_string(),
            RecordAction::Change(_) => "does not move by itself: the script points its primary record set at the region that takes over (`change-resource-record-sets`); if Route 53's control plane does not answer, the script does the rest and then fails, naming the record.".to_string(),
            RecordAction::Manual(why) => format!("change it by hand: {why}."),
        };
        r.push_str(&format!("   - `{}` ({}): {what}\n", rec.fqdn, rec.policy));
    }
    for a in &plan.accelerators {
        r.push_str(&format!("   - Global Accelerator `{a}`: moves by itself; it stops sending new connections to an unhealthy endpoint.\n"));
    }
    for a in &plan.idle_accelerators {
        r.push_str(&format!(
            "   - Global Accelerator `{a}`: nothing to change: no endpoint in the primary region.\n"
        ));
    }
    for a in &plan.stranded_accelerators {
        r.push_str(&format!("   - Global Accelerator `{a}`: does not move: every endpoint is in the primary region, so it has nowhere to send traffic until that region returns (give it an endpoint in a region that takes over).\n"));
    }
    if plan.records.is_empty()
        && plan.accelerators.is_empty()
        && plan.idle_accelerators.is_empty()
        && plan.stranded_accelerators.is_empty()
    {
        r.push_str("   - the design has no Route 53 record.\n");
    }
    r.push_str("   Route 53 record changes go through its control plane in us-east-1, which may be impaired during an outage; failover records with health checks switch in the data plane and need no change, so prefer them.\n");
    r.push_str("4. Capacity: the script waits until every group that grew has its instances in service and every service its tasks running. Traffic has moved already: what ran before serves meanwhile.\n5. Checks: every public load balancer that now serves answers on its health path (curl with retries).\n\n");
    if !plan.databases.is_empty()
        || plan.groups.iter().any(|g| !g.at_size())
        || plan.services.iter().any(|s| !s.at_size())
    {
        let dirs: Vec<String> = plan
            .takers
            .iter()
            .flat_map(|t| failover::region_roots(design, &t.code))
            .map(|d| format!("`{d}/`"))
            .collect();
        r.push_str(&format!(
            "Until failback, do not apply {} (CI included) from this design: the apply sets the groups back to their design size and wants the databases the way the design has them. To run Terraform there during the outage, make the region primary first (Topoform's \"Make primary\", or `topoform make-primary topoform.json REGION --out topoform.json`), export again and apply that region's root: it plans without {home} (its state is in its own region) and promotes nothing twice.\n\n",
            dirs.join(", ")
        ));
    }
    r.push_str(&format!(
        "### Failback: `scripts/failback.sh [--confirm]`, once {home} is healthy\n\n"
    ));
    if !plan.databases.is_empty()
        && plan
            .records
            .iter()
            .any(|x| matches!(x.action, RecordAction::Automatic(..)))
    {
        r.push_str("Records that fail over by health check send traffic back to the primary as soon as its check passes: keep the primary's application out of service until its database is the writer again.\n\n");
    }
    for d in &plan.databases {
        match &d.kind {
            DbKind::Aurora { global_id, .. } => r.push_str(&format!(
                "- Aurora `{global_id}`: after a failover with data loss, `{p}` rejoins as a secondary when {home} returns. The script waits until it is in sync (`describe-global-clusters` member status), then runs `switchover-global-cluster` back to it. Order of applies: none is needed; apply every stack in the order above afterwards to reconcile drift. If it never rejoins, the script's fallback snapshots it, detaches it (`remove-from-global-cluster`) and deletes it; then make {dr} the primary in Topoform, export, apply `regions/{home}{root}/` (it joins as a secondary), wait for it to sync, run the script again (switchover), make {home} the primary again, export, and apply every stack in the order above.\n",
                p = d.primary_id,
                dr = d.target_region,
                root = plan.data_root
            )),
            DbKind::Rds { stranded, .. } => {
                let others: String = stranded
                    .iter()
                    .map(|(region, id)| format!(" It also deletes the stranded replica `{id}` in {region} (final snapshot kept), whose source was the old `{}`; apply `regions/{region}{}/` after the primary's to recreate it as a replica.", d.primary_id, plan.data_root))
                    .collect();
                r.push_str(&format!(
                    "- RDS `{p}`: the promoted copy in {dr} no longer replicates. The script deletes the stale `{p}` in {home} (final snapshot kept), creates a new read replica of the {dr} writer in {home} with the same name, waits for it, and in a window (writers stopped) promotes it; then deletes the old writer in {dr} (final snapshot kept).{others} Order of applies: `regions/{home}{root}/` (reconciles the new writer), then `regions/{dr}{root}/` (recreates the replica), then `global/`.\n",
                    p = d.primary_id,
                    dr = d.target_region,
                    root = plan.data_root
                ));
            }
        }
    }
    r.push_str(&format!(
        "- {}DNS records the failover changed are pointed back, the primary's endpoints are checked, and the groups that took over go back to their design size.\n",
        if plan.databases.is_empty() { "" } else { "Then " }
    ));
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
    ("CKV_AWS_2", "only on a load balancer the design gives a plain HTTP listener (rule DES-20 warns)"),
    ("CKV_AWS_103", "only on a plain HTTP listener, which has no TLS policy (rule DES-20)"),
    ("CKV_AWS_378", "only on a plain HTTP listener (rule DES-20)"),
    ("CKV2_AWS_20", "only on a load balancer the design gives HTTP only, so there is no HTTPS listener to redirect to (rule DES-20)"),
    ("CKV_AWS_16", "only on a database the design leaves unencrypted (rule RDS-12 warns)"),
    ("CKV_AWS_133", "only on a database the design keeps without automated backups: a read replica (its source keeps them), or one rule RDS-12 warns about"),
    ("CKV_AWS_21", "only on a bucket the design keeps without versioning (rule DES-28 warns)"),
    ("CKV2_AWS_16", "only on a DynamoDB table the design gives provisioned capacity without auto scaling (rule DES-29 warns)"),
    ("CKV2_AWS_27", "Aurora PostgreSQL query logging needs a cluster parameter group tuned to the workload"),
    ("CKV2_AWS_8", "databases keep automated backups; an AWS Backup plan is an account-level choice"),
    ("CKV_AWS_157", "Multi-AZ follows the design: DR replicas may run in one AZ"),
    ("CKV_AWS_226", "automatic minor upgrades follow the design's engine version: off when it pins a minor (an upgrade would make the next plan a downgrade), on when it names only the major"),
    ("CKV_AWS_260", "the listener of an internet-facing load balancer is open to the internet by design"),
    ("CKV2_AWS_38", "DNSSEC needs a KMS key and a DS record at the registrar"),
    ("CKV2_AWS_39", "Route 53 query logging is an account-level choice"),
    ("CKV_AWS_75", "Global Accelerator flow logs need an S3 bucket"),
    ("CKV_AWS_18 (state bucket)", "CloudTrail records access to the state"),
    ("CKV_AWS_31", "caches: clients authenticate as an IAM-enabled user of the cache's user group, with no password; an AUTH token would sit in the Terraform state in plain text"),
    ("CKV2_AWS_50", "only on a cache the design runs without Multi-AZ automatic failover (it refills from the database)"),
];
