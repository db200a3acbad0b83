//! The files around the roots: shared modules, versions, providers and
//! backends, the bootstrap root, the README with the apply order, the CI
//! workflow and the failover runbook.

use super::hcl::{ex, n, print, print_attributes, record, s, HclError, B};
use super::plan::Stack;
use super::{file, ExportError, ExportFile};
use crate::core::model::{Design, LockMode, RegionNode, RoutingPolicy, VpcNode};
use crate::core::names;
use hcl::Expression;

/// The reusable modules, hand-written Terraform shipped with Topoform.
const MODULES: &[(&str, &str)] = &[
    ("modules/alb/main.tf", include_str!("modules/alb/main.tf")),
    ("modules/alb/outputs.tf", include_str!("modules/alb/outputs.tf")),
    ("modules/alb/variables.tf", include_str!("modules/alb/variables.tf")),
    ("modules/alb/versions.tf", include_str!("modules/alb/versions.tf")),
    ("modules/asg/main.tf", include_str!("modules/asg/main.tf")),
    ("modules/asg/outputs.tf", include_str!("modules/asg/outputs.tf")),
    ("modules/asg/variables.tf", include_str!("modules/asg/variables.tf")),
    ("modules/asg/versions.tf", include_str!("modules/asg/versions.tf")),
    ("modules/aurora/main.tf", include_str!("modules/aurora/main.tf")),
    ("modules/aurora/outputs.tf", include_str!("modules/aurora/outputs.tf")),
    ("modules/aurora/variables.tf", include_str!("modules/aurora/variables.tf")),
    ("modules/aurora/versions.tf", include_str!("modules/aurora/versions.tf")),
    ("modules/dynamodb/main.tf", include_str!("modules/dynamodb/main.tf")),
    ("modules/dynamodb/outputs.tf", include_str!("modules/dynamodb/outputs.tf")),
    ("modules/dynamodb/variables.tf", include_str!("modules/dynamodb/variables.tf")),
    ("modules/dynamodb/versions.tf", include_str!("modules/dynamodb/versions.tf")),
    ("modules/kms/main.tf", include_str!("modules/kms/main.tf")),
    ("modules/kms/outputs.tf", include_str!("modules/kms/outputs.tf")),
    ("modules/kms/variables.tf", include_str!("modules/kms/variables.tf")),
    ("modules/kms/versions.tf", include_str!("modules/kms/versions.tf")),
    ("modules/network/main.tf", include_str!("modules/network/main.tf")),
    ("modules/network/outputs.tf", include_str!("modules/network/outputs.tf")),
    ("modules/network/variables.tf", include_str!("modules/network/variables.tf")),
    ("modules/network/versions.tf", include_str!("modules/network/versions.tf")),
    ("modules/rds/main.tf", include_str!("modules/rds/main.tf")),
    ("modules/rds/outputs.tf", include_str!("modules/rds/outputs.tf")),
    ("modules/rds/variables.tf", include_str!("modules/rds/variables.tf")),
    ("modules/rds/versions.tf", include_str!("modules/rds/versions.tf")),
    ("modules/s3/main.tf", include_str!("modules/s3/main.tf")),
    ("modules/s3/outputs.tf", include_str!("modules/s3/outputs.tf")),
    ("modules/s3/variables.tf", include_str!("modules/s3/variables.tf")),
    ("modules/s3/versions.tf", include_str!("modules/s3/versions.tf")),
];

/// The module files.
pub fn modules() -> Vec<ExportFile> {
    MODULES.iter().map(|(p, c)| file(p, c.to_string())).collect()
}

/// `terraform { required_version, required_providers }`.
pub fn versions(_local: bool) -> Result<String, HclError> {
    print(vec![B::new("terraform", &[]).a("required_version", s(">= 1.11")).b(
        B::new("required_providers", &[]).a("aws", record([("source", s("hashicorp/aws")), ("version", s("~> 5.100"))])),
    )])
}

/// The tags every resource gets through `default_tags`.
fn default_tags(design: &Design) -> Expression {
    let mut tags: Vec<(String, Expression)> = vec![
        ("Project".into(), s(&design.name)),
        ("Environment".into(), s(&design.environment)),
        ("ManagedBy".into(), s("topoform")),
    ];
    for (k, v) in &design.tags {
        tags.retain(|(x, _)| x != k);
        tags.push((k.clone(), s(v)));
    }
    super::hcl::obj(tags)
}

/// One `provider "aws"` block, with an alias or not.
pub fn provider_block(design: &Design, code: &str, alias: Option<&str>) -> B {
    B::new("provider", &["aws"])
        .opt("alias", alias.map(s))
        .a("region", s(code))
        .b(B::new("default_tags", &[]).a("tags", default_tags(design)))
}

/// `providers.tf` of a region root.
pub fn provider(design: &Design, code: &str, alias: Option<&str>) -> Result<String, HclError> {
    print(vec![provider_block(design, code, alias)])
}

/// `terraform { backend "s3" {} }`: values come from `backends/<stack>.hcl`.
pub fn backend_block() -> Result<String, HclError> {
    print(vec![B::new("terraform", &[]).b(B::new("backend", &["s3"]))])
}

/// `backends/<name>.hcl`.
pub fn backend(design: &Design, name: &str) -> Result<ExportFile, ExportError> {
    let mut attrs = vec![
        ("bucket", s(&design.state.bucket)),
        ("key", s(&names::state_key(design, name))),
        ("region", s(&design.state.region)),
        ("encrypt", true.into()),
    ];
    match design.state.lock {
        LockMode::Lockfile => attrs.push(("use_lockfile", true.into())),
        LockMode::Dynamodb => attrs.push(("dynamodb_table", s(design.state.dynamodb_table.as_deref().unwrap_or("")))),
    }
    Ok(file(&format!("backends/{name}.hcl"), print_attributes(attrs)?))
}

/// The bootstrap root: the state bucket (and lock table), with local state.
pub fn bootstrap(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    let st = &design.state;
    let mut blocks = vec![
        B::new("data", &["aws_caller_identity", "current"]),
        B::new("resource", &["aws_kms_key", "state"])
            .a("description", s("Terraform state"))
            .a("enable_key_rotation", true.into())
            .a("deletion_window_in_days", n(30))
            .a("policy", key_policy()?),
        B::new("resource", &["aws_kms_alias", "state"])
            .a("name", s(&format!("alias/{}-{}-state-{}", design.name, design.environment, st.region)))
            .a("target_key_id", ex("aws_kms_key.state.key_id")?),
        B::new("resource", &["aws_s3_bucket", "state"])
            .skip("CKV_AWS_18", "Access logs of the state bucket would need a second bucket; CloudTrail records state access.")
            .skip("CKV_AWS_144", "Replicate the state bucket to the DR region by hand if Terraform must run during a regional outage.")
            .skip("CKV2_AWS_61", "State versions are kept on purpose; add expiry of old versions if storage grows.")
            .skip("CKV2_AWS_62", "Nothing needs to react to state changes.")
            .a("bucket", s(&st.bucket)),
        B::new("resource", &["aws_s3_bucket_versioning", "state"])
            .a("bucket", ex("aws_s3_bucket.state.id")?)
            .b(B::new("versioning_configuration", &[]).a("status", s("Enabled"))),
        B::new("resource", &["aws_s3_bucket_server_side_encryption_configuration", "state"])
            .a("bucket", ex("aws_s3_bucket.state.id")?)
            .b(B::new("rule", &[])
                .b(B::new("apply_server_side_encryption_by_default", &[])
                    .a("sse_algorithm", s("aws:kms"))
                    .a("kms_master_key_id", ex("aws_kms_key.state.arn")?))
                .a("bucket_key_enabled", true.into())),
        B::new("resource", &["aws_s3_bucket_public_access_block", "state"])
            .a("bucket", ex("aws_s3_bucket.state.id")?)
            .a("block_public_acls", true.into())
            .a("block_public_policy", true.into())
            .a("ignore_public_acls", true.into())
            .a("restrict_public_buckets", true.into()),
    ];
    if st.lock == LockMode::Dynamodb {
        blocks.push(
            B::new("resource", &["aws_dynamodb_table", "lock"])
                .a("name", s(st.dynamodb_table.as_deref().unwrap_or("")))
                .a("billing_mode", s("PAY_PER_REQUEST"))
                .a("hash_key", s("LockID"))
                .b(B::new("attribute", &[]).a("name", s("LockID")).a("type", s("S")))
                .b(B::new("point_in_time_recovery", &[]).a("enabled", true.into()))
                // The state key: a customer-managed key, like every other store.
                .b(B::new("server_side_encryption", &[]).a("enabled", true.into()).a("kms_key_arn", ex("aws_kms_key.state.arn")?)),
        );
    }
    blocks.push(B::new("output", &["state_bucket"]).a("description", s("The bucket every stack keeps its state in.")).a("value", ex("aws_s3_bucket.state.id")?));
    Ok(vec![
        file("bootstrap/versions.tf", versions(true)?),
        file("bootstrap/providers.tf", provider(design, &st.region, None)?),
        file("bootstrap/main.tf", print(blocks)?),
    ])
}

/// A key policy that leaves the key to the account's IAM policies (the AWS
/// default), written out so the key has an explicit policy.
fn key_policy() -> Result<Expression, HclError> {
    let stmt = record([
        ("Sid", s("AccountAdministers")),
        ("Effect", s("Allow")),
        ("Principal", record([("AWS", super::hcl::call("format", vec![s("arn:aws:iam::%s:root"), ex("data.aws_caller_identity.current.account_id")?]))])),
        ("Action", s("kms:*")),
        ("Resource", s("*")),
    ]);
    let doc = record([("Version", s("2012-10-17")), ("Statement", Expression::Array(vec![stmt]))]);
    Ok(super::hcl::call("jsonencode", vec![doc]))
}

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
    r.push_str("## Security defaults\n\nEncryption at rest with customer-managed KMS keys, each in the region of what it encrypts (one per database, bucket, table and table replica, and VPC flow logs) and named by an alias, databases private with Secrets Manager-managed passwords and deletion protection, IMDSv2 only, S3 public access blocked, security groups that let the internet reach only the load balancers, the load balancers reach only the instances and the instances reach only the databases.\n\n");
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
    ("CKV_AWS_2", "only on a load balancer the design gives a plain HTTP listener (rule DES-20 warns)"),
    ("CKV_AWS_103", "only on a plain HTTP listener, which has no TLS policy (rule DES-20)"),
    ("CKV_AWS_378", "only on a plain HTTP listener (rule DES-20)"),
    ("CKV2_AWS_20", "only on a load balancer the design gives HTTP only, so there is no HTTPS listener to redirect to (rule DES-20)"),
    ("CKV_AWS_16", "only on a database the design leaves unencrypted (rule RDS-12 warns)"),
    ("CKV2_AWS_27", "Aurora PostgreSQL query logging needs a cluster parameter group tuned to the workload"),
    ("CKV2_AWS_8", "databases keep automated backups; an AWS Backup plan is an account-level choice"),
    ("CKV_AWS_157", "Multi-AZ follows the design: DR replicas may run in one AZ"),
    ("CKV_AWS_260", "the listener of an internet-facing load balancer is open to the internet by design"),
    ("CKV2_AWS_38", "DNSSEC needs a KMS key and a DS record at the registrar"),
    ("CKV2_AWS_39", "Route 53 query logging is an account-level choice"),
    ("CKV_AWS_75", "Global Accelerator flow logs need an S3 bucket"),
    ("CKV_AWS_18 (state bucket)", "CloudTrail records access to the state"),
];

fn has_global_db(design: &Design) -> bool {
    design.regions.iter().flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes)).any(|n| match n {
        VpcNode::Aurora(a) => a.global.is_some(),
        VpcNode::Rds(d) => d.replica_of.is_some(),
        _ => false,
    })
}

/// `.github/workflows/terraform.yml`: fmt and validate on pull requests;
/// plan and apply per stack in the apply order on main.
pub fn workflow(order: &[Stack]) -> String {
    let mut w = String::from(
        "name: terraform\n\non:\n  pull_request:\n  push:\n    branches: [main]\n\npermissions:\n  contents: read\n  id-token: write\n\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n        with:\n          terraform_version: 1.11.4\n      - run: terraform fmt -check -recursive\n",
    );
    for st in order {
        w.push_str(&format!("      - run: terraform -chdir={d} init -backend=false && terraform -chdir={d} validate\n", d = st.dir()));
    }
    let mut prev = "check".to_string();
    for st in order.iter().filter(|s| s.backend_name().is_some()) {
        let job = format!("apply-{}", st.backend_name().unwrap_or_default());
        let up = if st.dir().contains('/') { "../../" } else { "../" };
        w.push_str(&format!(
            "\n  {job}:\n    if: github.ref == 'refs/heads/main' && github.event_name == 'push'\n    needs: {prev}\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n        with:\n          terraform_version: 1.11.4\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{{{ secrets.AWS_ROLE_ARN }}}}\n          aws-region: us-east-1\n      - run: terraform -chdir={d} init -backend-config={up}backends/{b}.hcl\n      - run: terraform -chdir={d} plan -out=tfplan\n      - run: terraform -chdir={d} apply tfplan\n",
            d = st.dir(),
            b = st.backend_name().unwrap_or_default()
        ));
        prev = job;
    }
    w
}

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

/// Quotes a word for bash (names are validated, but quoting keeps it safe).
fn shell_word(w: &str) -> String {
    format!("'{}'", w.replace('\'', "'\\''"))
}
