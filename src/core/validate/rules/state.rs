//! State and Terraform rules: the remote state bucket and its locking.

use super::util::bucket_name_problem;
use crate::core::catalog;
use crate::core::model::LockMode;
use crate::core::names;
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::State, Report, Rule, Severity::*};

/// Catalog ids of this family that are not implemented, and why.
pub const SKIPPED: &[(&str, &str)] = &[
    ("TF-01", "The exporter emits one aliased provider per region and sets it on every resource."),
    ("TF-02", "The exporter places cross-region resources (peering accepters, replicas, replication) in the right stacks."),
    ("TF-03", "The exporter writes `backend \"s3\" {}` with values in backends/*.hcl, never variables."),
    ("TF-06", "The exporter pins hashicorp/aws ~> 5.100 and avoids features 5.100.0 lacks."),
    ("TF-07", "The exporter emits the lifecycle settings itself; nothing in the design controls them."),
];

/// The longest S3 object key, in bytes of UTF-8 (S3 User Guide, naming
/// Amazon S3 objects).
pub const MAX_S3_KEY_BYTES: usize = 1024;

/// The state family.
pub const RULES: &[Rule] = &[
    rule("TF-04", Error, State, "State locking must be configured: S3 lock files, or a named DynamoDB table.",
        "Terraform 1.11 locks with S3 lock files (use_lockfile); dynamodb_table is deprecated and needs a valid table name (3-255 characters of A-Z a-z 0-9 _ . -), which the bootstrap creates.",
        "Use lock \"lockfile\", or give dynamodb_table a valid name.", tf_04),
    rule("TF-05", Info, State, "The shared stacks' state should not live in the region a failover must survive.",
        "Each region's root keeps its state in a bucket in its own region (docs/state.md), so it plans while another region is down. The iam, databases and global stacks keep theirs in the state region: while that region is down they cannot be planned (the runbooks fail over with the AWS CLI instead).",
        "In the design settings, put the state bucket in a secondary region.", tf_05),
    rule("DES-11", Error, State, "The state bucket must be a valid bucket name in a known region, and state keys must fit S3.",
        "Every stack's backend points at it; a bad name or region stops `terraform init`. Each stack's state key is key_prefix/project/environment/stack/terraform.tfstate: S3 keys hold at most 1,024 bytes, and Terraform's S3 backend refuses a key holding \"//\".",
        "Use a valid bucket name (3-63 lowercase letters, digits, '.', '-'), a region code from the list and a key prefix without '//'.", des_11),
];

fn tf_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let s = &ctx.design.state;
    let none: [&str; 0] = [];
    if s.lock == LockMode::Dynamodb {
        match s.dynamodb_table.as_deref().map(str::trim) {
            None | Some("") => out.emit(&none, "State lock is \"dynamodb\" but no dynamodb_table is named."),
            Some(t) if !is_table_name(t) => out.emit(&none, format!(
                "State lock table \"{}\" is not a DynamoDB table name: 3-255 characters of A-Z a-z 0-9 _ . - (CreateTable refuses it, and `terraform init` cannot lock).",
                short(t))),
            Some(_) => out.emit_at(Warning, &none,
                "State lock \"dynamodb\" is deprecated since Terraform 1.11; S3 lock files (\"lockfile\") need no table."),
        }
    }
}

/// A DynamoDB table name: 3-255 characters of A-Z a-z 0-9 _ . - (CreateTable).
fn is_table_name(t: &str) -> bool {
    (3..=255).contains(&t.len())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn tf_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let s = &ctx.design.state;
    let none: [&str; 0] = [];
    if let Some(p) = ctx.design.primary() {
        if p.code == s.region && ctx.design.regions.len() > 1 {
            out.emit(&none, format!(
                "The iam, databases and global stacks keep their state in {}, the primary region: while it is down they cannot be planned (each region's own root still can).",
                short(&s.region)));
        }
    }
}

fn des_11(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    let s = &ctx.design.state;
    let none: [&str; 0] = [];
    if let Some(p) = bucket_name_problem(&s.bucket) {
        out.emit(&none, format!("State bucket \"{}\" {p}.", short(&s.bucket)));
    }
    // S3 keys are at most 1,024 bytes of UTF-8 (S3 User Guide, object key
    // naming); S3 native locking adds ".tflock" to the state key.
    // Only a key prefix can make a key too long: project and environment
    // names are short (DES-07 reports them otherwise).
    let prefixed = s.key_prefix.as_deref().is_some_and(|p| !p.is_empty());
    // With layers a region's keys are `<code>/platform` and `<code>/workloads`.
    let suffix = if s.split == crate::core::model::StateSplit::RegionLayer {
        "/workloads".len()
    } else {
        0
    };
    let longest = || {
        let globals = ["iam", "global", "databases"]
            .into_iter()
            .map(|stack| names::state_key(ctx.design, stack).len());
        let regions = ctx
            .design
            .regions
            .iter()
            .map(|r| names::state_key(ctx.design, &r.code).len() + suffix);
        globals
            .chain(regions)
            .map(|n| n + ".tflock".len())
            .max()
            .unwrap_or(0)
    };
    if let Some(longest) = prefixed.then(longest).filter(|n| *n > MAX_S3_KEY_BYTES) {
        out.emit(&none, format!(
            "State keys would be up to {longest} bytes long with key prefix \"{}\"; S3 keys hold at most {MAX_S3_KEY_BYTES} bytes.",
            short(s.key_prefix.as_deref().unwrap_or_default())));
    }
    // Terraform's S3 backend refuses a key holding "//" (`terraform init`:
    // Value must not contain "//"); the export trims the prefix's outer '/'
    // only, so an empty segment inside it reaches every key.
    if let Some(p) = s
        .key_prefix
        .as_deref()
        .filter(|p| p.trim_matches('/').contains("//"))
    {
        out.emit(&none, format!(
            "State key prefix \"{}\" holds \"//\", an empty path segment; Terraform's S3 backend refuses such a key at `terraform init`.",
            short(p)));
    }
    if catalog::region(&s.region).is_none() {
        out.emit(
            &none,
            format!(
                "State region \"{}\" is not an AWS region code.",
                short(&s.region)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::core::model::LockMode;

    #[test]
    fn tf_04_lock_table() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.state.lock = LockMode::Dynamodb;
        assert_eq!(findings(&bad, "TF-04").len(), 1);
        assert!(findings(&good, "TF-04").is_empty());
        bad.state.dynamodb_table = Some("locks".into());
        assert_eq!(
            findings(&bad, "TF-04")[0].severity,
            crate::core::validate::Severity::Warning
        );
        // A table name CreateTable refuses is an error, quoted short.
        for name in [
            "tf locks".to_string(),
            "ab".into(),
            "t".repeat(256),
            "t".repeat(300_000),
        ] {
            bad.state.dynamodb_table = Some(name);
            let hits = findings(&bad, "TF-04");
            assert_eq!(hits.len(), 1, "{hits:?}");
            assert_eq!(hits[0].severity, crate::core::validate::Severity::Error);
            assert!(hits[0].message.len() < 1_000);
        }
        bad.state.dynamodb_table = Some("tf.locks_prod-1".into());
        assert_eq!(
            findings(&bad, "TF-04")[0].severity,
            crate::core::validate::Severity::Warning
        );
    }

    #[test]
    fn des_11_layer_keys_are_longer() {
        // A prefix that fits the region keys but not the layers' `/workloads`.
        let mut d = base("active-passive");
        let at_limit = |d: &crate::core::model::Design| {
            let key = crate::core::names::state_key(d, "us-east-1");
            1024 - ".tflock".len() - (key.len() - d.state.key_prefix.as_deref().unwrap_or("").len())
        };
        d.state.key_prefix = Some(String::new());
        let n = at_limit(&d);
        d.state.key_prefix = Some("p".repeat(n - 1)); // (a prefix adds its own "/")
        assert!(
            findings(&d, "DES-11").is_empty(),
            "{:?}",
            findings(&d, "DES-11")
        );
        d.state.split = crate::core::model::StateSplit::RegionLayer;
        assert_eq!(findings(&d, "DES-11").len(), 1);
    }

    #[test]
    fn des_11_bucket_and_region() {
        let good = base("active-passive");
        let mut bad = good.clone();
        bad.state.bucket = "My_State".into();
        assert_eq!(findings(&bad, "DES-11").len(), 1);
        assert!(findings(&good, "DES-11").is_empty());
        bad.state.bucket = good.state.bucket.clone();
        bad.state.region = "eu-nowhere-9".into();
        assert!(findings(&bad, "DES-11")
            .iter()
            .any(|d| d.message.contains("eu-nowhere-9")));
        // A key prefix that makes state keys longer than S3 allows.
        let mut bad = good.clone();
        bad.state.key_prefix = Some("k".repeat(1000));
        let hits = findings(&bad, "DES-11");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(hits[0].message.len() < 1_000);
        let mut ok = good.clone();
        ok.state.key_prefix = Some("teams/web".into());
        assert!(findings(&ok, "DES-11").is_empty());
        // Outer slashes are trimmed by the export; an inner "//" reaches the
        // keys, and Terraform's S3 backend refuses it ("must not contain //").
        ok.state.key_prefix = Some("/teams/web/".into());
        assert!(findings(&ok, "DES-11").is_empty());
        let mut bad = good.clone();
        bad.state.key_prefix = Some("teams//web".into());
        let hits = findings(&bad, "DES-11");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(hits[0].message.contains("//"), "{hits:?}");
        assert!(crate::core::names::state_key(&bad, "global").contains("//"));
    }

    #[test]
    fn tf_05_state_only_in_the_primary_region() {
        let bad = base("active-passive");
        let hits = findings(&bad, "TF-05");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].severity, crate::core::validate::Severity::Info);
        assert!(
            hits[0].fix.contains("design settings"),
            "the fix must be doable in the app: {}",
            hits[0].fix
        );
        let mut good = bad.clone();
        good.state.region = good
            .regions
            .iter()
            .find(|r| r.role == crate::core::model::RegionRole::Secondary)
            .unwrap()
            .code
            .clone();
        assert!(findings(&good, "TF-05").is_empty());
    }
}
