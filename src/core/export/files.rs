//! The files around the roots: shared modules, versions, providers and
//! backends, and the bootstrap root. The README, the CI workflow and the
//! runbooks live in `artifacts/`.

use super::hcl::{ex, n, print, print_attributes, record, s, HclError, B};
use super::{file, ExportError, ExportFile};
use crate::core::model::{Design, LockMode};
use crate::core::names;
use hcl::Expression;

/// The reusable modules, hand-written Terraform shipped with Topoform.
const MODULES: &[(&str, &str)] = &[
    ("modules/alb/main.tf", include_str!("modules/alb/main.tf")),
    (
        "modules/alb/outputs.tf",
        include_str!("modules/alb/outputs.tf"),
    ),
    (
        "modules/alb/variables.tf",
        include_str!("modules/alb/variables.tf"),
    ),
    (
        "modules/alb/versions.tf",
        include_str!("modules/alb/versions.tf"),
    ),
    ("modules/asg/main.tf", include_str!("modules/asg/main.tf")),
    (
        "modules/asg/outputs.tf",
        include_str!("modules/asg/outputs.tf"),
    ),
    (
        "modules/asg/variables.tf",
        include_str!("modules/asg/variables.tf"),
    ),
    (
        "modules/asg/versions.tf",
        include_str!("modules/asg/versions.tf"),
    ),
    (
        "modules/aurora/main.tf",
        include_str!("modules/aurora/main.tf"),
    ),
    (
        "modules/aurora/outputs.tf",
        include_str!("modules/aurora/outputs.tf"),
    ),
    (
        "modules/aurora/variables.tf",
        include_str!("modules/aurora/variables.tf"),
    ),
    (
        "modules/aurora/versions.tf",
        include_str!("modules/aurora/versions.tf"),
    ),
    (
        "modules/dynamodb/main.tf",
        include_str!("modules/dynamodb/main.tf"),
    ),
    (
        "modules/dynamodb/outputs.tf",
        include_str!("modules/dynamodb/outputs.tf"),
    ),
    (
        "modules/dynamodb/variables.tf",
        include_str!("modules/dynamodb/variables.tf"),
    ),
    (
        "modules/dynamodb/versions.tf",
        include_str!("modules/dynamodb/versions.tf"),
    ),
    (
        "modules/elasticache/main.tf",
        include_str!("modules/elasticache/main.tf"),
    ),
    (
        "modules/elasticache/outputs.tf",
        include_str!("modules/elasticache/outputs.tf"),
    ),
    (
        "modules/elasticache/variables.tf",
        include_str!("modules/elasticache/variables.tf"),
    ),
    (
        "modules/elasticache/versions.tf",
        include_str!("modules/elasticache/versions.tf"),
    ),
    ("modules/kms/main.tf", include_str!("modules/kms/main.tf")),
    (
        "modules/kms/outputs.tf",
        include_str!("modules/kms/outputs.tf"),
    ),
    (
        "modules/kms/variables.tf",
        include_str!("modules/kms/variables.tf"),
    ),
    (
        "modules/kms/versions.tf",
        include_str!("modules/kms/versions.tf"),
    ),
    (
        "modules/network/main.tf",
        include_str!("modules/network/main.tf"),
    ),
    (
        "modules/network/outputs.tf",
        include_str!("modules/network/outputs.tf"),
    ),
    (
        "modules/network/variables.tf",
        include_str!("modules/network/variables.tf"),
    ),
    (
        "modules/network/versions.tf",
        include_str!("modules/network/versions.tf"),
    ),
    ("modules/rds/main.tf", include_str!("modules/rds/main.tf")),
    (
        "modules/rds/outputs.tf",
        include_str!("modules/rds/outputs.tf"),
    ),
    (
        "modules/rds/variables.tf",
        include_str!("modules/rds/variables.tf"),
    ),
    (
        "modules/rds/versions.tf",
        include_str!("modules/rds/versions.tf"),
    ),
    ("modules/s3/main.tf", include_str!("modules/s3/main.tf")),
    (
        "modules/s3/outputs.tf",
        include_str!("modules/s3/outputs.tf"),
    ),
    (
        "modules/s3/variables.tf",
        include_str!("modules/s3/variables.tf"),
    ),
    (
        "modules/s3/versions.tf",
        include_str!("modules/s3/versions.tf"),
    ),
];

/// The module files.
pub fn modules() -> Vec<ExportFile> {
    MODULES
        .iter()
        .chain(super::ecs::MODULES)
        .map(|(p, c)| file(p, c.to_string()))
        .collect()
}

/// `terraform { required_version, required_providers }`.
pub fn versions(_local: bool) -> Result<String, HclError> {
    print(vec![B::new("terraform", &[])
        .a("required_version", s(">= 1.11"))
        .b(B::new("required_providers", &[]).a(
            "aws",
            record([("source", s("hashicorp/aws")), ("version", s("~> 5.100"))]),
        ))])
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

/// `backends/<name>.hcl` for a state in `bucket` in `region`.
pub fn backend_at(
    design: &Design,
    name: &str,
    bucket: &str,
    region: &str,
) -> Result<ExportFile, ExportError> {
    backend_keyed(design, name, name, bucket, region)
}

/// `backends/<name>.hcl` for the state of stack `key_name` (its name in the
/// state key) in `bucket` in `region`.
pub fn backend_keyed(
    design: &Design,
    name: &str,
    key_name: &str,
    bucket: &str,
    region: &str,
) -> Result<ExportFile, ExportError> {
    let mut attrs = vec![
        ("bucket", s(bucket)),
        ("key", s(&names::state_key(design, key_name))),
        ("region", s(region)),
        ("encrypt", true.into()),
    ];
    match design.state.lock {
        LockMode::Lockfile => attrs.push(("use_lockfile", true.into())),
        LockMode::Dynamodb => attrs.push((
            "dynamodb_table",
            s(design.state.dynamodb_table.as_deref().unwrap_or("")),
        )),
    }
    Ok(file(
        &format!("backends/{name}.hcl"),
        print_attributes(attrs)?,
    ))
}

/// `backends/<name>.hcl` in the state bucket of the state region (the single
/// root's one state).
pub fn backend(design: &Design, name: &str) -> Result<ExportFile, ExportError> {
    backend_at(design, name, &design.state.bucket, &design.state.region)
}

/// The bootstrap root, with local state: the state bucket in the state
/// region (global, iam and databases keep their state there) and one bucket
/// per region of the design (`names::region_state_bucket`), in that region
/// with a key of that region, so each region's root plans while every other
/// region is down. Each bucket is versioned, encrypted with a customer key,
/// closed to the public. (No TLS-only bucket policy: the S3 backend speaks
/// HTTPS only, and the moto harness, plain HTTP, would be locked out.)
/// `per_region`: false for the single root, whose one state needs one bucket.
pub fn bootstrap(design: &Design, per_region: bool) -> Result<Vec<ExportFile>, ExportError> {
    let st = &design.state;
    let mut blocks = vec![B::new("data", &["aws_caller_identity", "current"])];
    let state_alias = names::kms_alias(&format!(
        "{}-{}-state-{}",
        design.name, design.environment, st.region
    ));
    blocks.extend(state_bucket("state", &st.bucket, &state_alias, None)?);
    let mut providers = vec![provider_block(design, &st.region, None)];
    let regions = if per_region {
        design.regions.as_slice()
    } else {
        &[]
    };
    for r in regions {
        let alias = super::region::state_label(&r.code);
        providers.push(provider_block(design, &r.code, Some(&alias)));
        let bucket = names::region_state_bucket(design, &r.code);
        // A bucket's name may hold `.`; an alias may not. In the state's
        // own region, the bucket `<project>-<env>-state-<region>` (a state
        // bucket named `<project>-<env>-state`) would take the main key's
        // alias: aliases are per region, so this one says it is the region's.
        let mut key_alias = names::kms_alias(&bucket);
        if key_alias == state_alias {
            key_alias = names::kms_alias(&format!("{bucket}-region"));
        }
        blocks.extend(state_bucket(
            &format!("state_{alias}"),
            &bucket,
            &key_alias,
            Some(&alias),
        )?);
    }
    if st.lock == LockMode::Dynamodb {
        // The S3 backend locks in its bucket's region, so every region with
        // a state bucket needs the table too (one name: tables are regional).
        let name = st.dynamodb_table.as_deref().unwrap_or("");
        blocks.push(lock_table("lock", name, "state", None)?);
        for r in regions.iter().filter(|r| r.code != st.region) {
            let alias = super::region::state_label(&r.code);
            blocks.push(lock_table(
                &format!("lock_{alias}"),
                name,
                &format!("state_{alias}"),
                Some(&alias),
            )?);
        }
    }
    blocks.push(
        B::new("output", &["state_bucket"])
            .a(
                "description",
                s("The bucket the stacks that are not a region keep their state in."),
            )
            .a("value", ex("aws_s3_bucket.state.id")?),
    );
    let regional = regions
        .iter()
        .map(|r| {
            Ok((
                r.code.clone(),
                ex(&format!(
                    "aws_s3_bucket.state_{}.id",
                    super::region::state_label(&r.code)
                ))?,
            ))
        })
        .collect::<Result<Vec<_>, HclError>>()?;
    if per_region {
        blocks.push(
            B::new("output", &["region_state_buckets"])
                .a(
                    "description",
                    s("The bucket each region's root keeps its state in, by region code."),
                )
                .a("value", super::hcl::obj(regional)),
        );
    }
    Ok(vec![
        file("bootstrap/versions.tf", versions(true)?),
        file("bootstrap/providers.tf", print(providers)?),
        file("bootstrap/main.tf", print(blocks)?),
    ])
}

/// The DynamoDB lock table `name`, encrypted with the state key `key`,
/// through the provider alias `alias` (the default provider if None).
fn lock_table(label: &str, name: &str, key: &str, alias: Option<&str>) -> Result<B, HclError> {
    let table = B::new("resource", &["aws_dynamodb_table", label]);
    let table = match alias {
        Some(a) => table.a("provider", ex(&format!("aws.{a}"))?),
        None => table,
    };
    Ok(table
        .a("name", s(name))
        .a("billing_mode", s("PAY_PER_REQUEST"))
        .a("hash_key", s("LockID"))
        .b(B::new("attribute", &[])
            .a("name", s("LockID"))
            .a("type", s("S")))
        .b(B::new("point_in_time_recovery", &[]).a("enabled", true.into()))
        // The state key: a customer-managed key, like every other store.
        .b(B::new("server_side_encryption", &[])
            .a("enabled", true.into())
            .a("kms_key_arn", ex(&format!("aws_kms_key.{key}.arn"))?)))
}

/// One state bucket `bucket` with its key (aliased `key_alias`), under the
/// resource label `label`, through the provider alias `alias` (the default
/// provider if None).
fn state_bucket(
    label: &str,
    bucket: &str,
    key_alias: &str,
    alias: Option<&str>,
) -> Result<Vec<B>, HclError> {
    let provider = |b: B| -> Result<B, HclError> {
        match alias {
            Some(a) => Ok(b.a("provider", ex(&format!("aws.{a}"))?)),
            None => Ok(b),
        }
    };
    let id = ex(&format!("aws_s3_bucket.{label}.id"))?;
    Ok(vec![
        provider(B::new("resource", &["aws_kms_key", label]))?
            .a("description", s(&format!("Terraform state in {bucket}")))
            .a("enable_key_rotation", true.into())
            .a("deletion_window_in_days", n(30))
            .a("policy", key_policy()?),
        provider(B::new("resource", &["aws_kms_alias", label]))?
            .a("name", s(key_alias))
            .a("target_key_id", ex(&format!("aws_kms_key.{label}.key_id"))?),
        provider(
            B::new("resource", &["aws_s3_bucket", label])
                .skip("CKV_AWS_18", "Access logs of the state bucket would need a second bucket; CloudTrail records state access.")
                .skip("CKV_AWS_144", "In the per-region layout each region's root keeps its state in its own region; a replica of a state elsewhere would not let its root plan while its region is down.")
                .skip("CKV2_AWS_61", "State versions are kept on purpose; add expiry of old versions if storage grows.")
                .skip("CKV2_AWS_62", "Nothing needs to react to state changes."),
        )?
        .a("bucket", s(bucket)),
        provider(B::new("resource", &["aws_s3_bucket_versioning", label]))?
            .a("bucket", id.clone())
            .b(B::new("versioning_configuration", &[]).a("status", s("Enabled"))),
        provider(B::new("resource", &["aws_s3_bucket_server_side_encryption_configuration", label]))?
            .a("bucket", id.clone())
            .b(B::new("rule", &[])
                .b(B::new("apply_server_side_encryption_by_default", &[])
                    .a("sse_algorithm", s("aws:kms"))
                    .a("kms_master_key_id", ex(&format!("aws_kms_key.{label}.arn"))?))
                .a("bucket_key_enabled", true.into())),
        provider(B::new("resource", &["aws_s3_bucket_public_access_block", label]))?
            .a("bucket", id.clone())
            .a("block_public_acls", true.into())
            .a("block_public_policy", true.into())
            .a("ignore_public_acls", true.into())
            .a("restrict_public_buckets", true.into()),
    ])
}

/// A key policy that leaves the key to the account's IAM policies (the AWS
/// default), written out so the key has an explicit policy.
fn key_policy() -> Result<Expression, HclError> {
    let stmt = record([
        ("Sid", s("AccountAdministers")),
        ("Effect", s("Allow")),
        (
            "Principal",
            record([(
                "AWS",
                super::hcl::call(
                    "format",
                    vec![
                        s("arn:aws:iam::%s:root"),
                        ex("data.aws_caller_identity.current.account_id")?,
                    ],
                ),
            )]),
        ),
        ("Action", s("kms:*")),
        ("Resource", s("*")),
    ]);
    let doc = record([
        ("Version", s("2012-10-17")),
        ("Statement", Expression::Array(vec![stmt])),
    ]);
    Ok(super::hcl::call("jsonencode", vec![doc]))
}
