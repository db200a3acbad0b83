//! What the export writes for the settings of design format version 2:
//! storage autoscaling, the Aurora database name and backups, DynamoDB TTL,
//! an existing hosted zone (and the created one when there is none), and
//! per-region state buckets in backends, bootstrap and remote state.

use crate::core::export::{export, ExportFile, Layout};
use crate::core::model::{Design, RegionNode, VpcNode};
use crate::core::templates::TEMPLATES;

fn design(id: &str) -> Design {
    TEMPLATES
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.design().ok())
        .expect("template loads")
}

fn text<'a>(files: &'a [ExportFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} exported"))
        .contents
}

/// The lines of `text` with their spaces squeezed (fmt aligns `=`).
fn squeezed(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn node_settings_reach_the_module_calls_and_the_modules_use_them() {
    let mut d = design("aurora-global");
    for (i, r) in d.regions.iter_mut().enumerate() {
        for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
            if let VpcNode::Aurora(a) = n {
                a.database_name = Some("orders".into());
                a.backup_retention_days = 14 + i as u32;
            }
        }
    }
    for layout in [Layout::PerRegion, Layout::SingleRoot] {
        let files = export(&d, layout).unwrap();
        let all = squeezed(
            &files
                .iter()
                .filter(|f| f.path.ends_with("main.tf") && !f.path.starts_with("modules/"))
                .map(|f| f.contents.as_str())
                .collect::<String>(),
        );
        assert!(
            all.contains("backup_retention_days = 14")
                && all.contains("backup_retention_days = 15"),
            "{layout:?}"
        );
        assert_eq!(
            all.matches("database_name = \"orders\"").count(),
            1,
            "only the writer names the database ({layout:?})"
        );
    }
    let aurora = squeezed(include_str!("modules/aurora/main.tf"));
    assert!(
        aurora.contains("database_name = var.secondary ? null : var.database_name")
            && aurora.contains("backup_retention_period = var.backup_retention_days")
    );

    let mut d = design("active-active");
    let mut table = None;
    for r in &mut d.regions {
        for n in &mut r.nodes {
            if let RegionNode::Dynamodb(t) = n {
                t.ttl_attribute = Some("expires_at".into());
                table = Some(t.id.clone());
            }
        }
        for n in r.vpcs.iter_mut().flat_map(|v| v.nodes.iter_mut()) {
            if let VpcNode::Rds(db) = n {
                db.max_storage_gb = Some(db.storage_gb * 5);
            }
        }
    }
    assert!(table.is_some());
    let files = export(&d, Layout::PerRegion).unwrap();
    let all = squeezed(
        &files
            .iter()
            .map(|f| f.contents.as_str())
            .collect::<String>(),
    );
    assert!(all.contains("ttl_attribute = \"expires_at\""));
    assert!(squeezed(include_str!("modules/dynamodb/main.tf")).contains("dynamic \"ttl\" {"));
    assert!(squeezed(include_str!("modules/rds/main.tf"))
        .contains("max_allocated_storage = var.max_storage_gb"));
    let plain = squeezed(
        &export(&design("active-active"), Layout::PerRegion)
            .unwrap()
            .iter()
            .filter(|f| !f.path.starts_with("modules/"))
            .map(|f| f.contents.as_str())
            .collect::<String>(),
    );
    assert!(
        !plain.contains("ttl_attribute =") && !plain.contains("max_storage_gb ="),
        "null settings are not written"
    );
}

#[test]
fn rds_storage_autoscaling_is_passed_when_set() {
    let mut d = design("active-passive");
    if let VpcNode::Rds(db) = &mut d.regions[0].vpcs[0].nodes[2] {
        db.max_storage_gb = Some(500);
    }
    let files = export(&d, Layout::PerRegion).unwrap();
    let code = d.regions[0].code.clone();
    assert!(
        squeezed(text(&files, &format!("regions/{code}/main.tf"))).contains("max_storage_gb = 500")
    );
}

#[test]
fn an_existing_zone_takes_the_records_and_no_zone_is_created() {
    let created = design("active-passive");
    let mut existing = created.clone();
    existing.dns.as_mut().unwrap().zone_id = Some("Z0123456789ABC".into());
    for layout in [Layout::PerRegion, Layout::SingleRoot] {
        let files = export(&created, layout).unwrap();
        let all: String = files.iter().map(|f| f.contents.as_str()).collect();
        assert!(
            all.contains("resource \"aws_route53_zone\" \"this\"")
                && all.contains("aws_route53_zone.this.name_servers"),
            "{layout:?}"
        );
        let files = export(&existing, layout).unwrap();
        let all: String = files
            .iter()
            .filter(|f| f.path.ends_with(".tf"))
            .map(|f| f.contents.as_str())
            .collect();
        assert!(
            !all.contains("aws_route53_zone"),
            "{layout:?}: no zone resource, no name servers output"
        );
        let records = all.matches("resource \"aws_route53_record\"").count();
        assert!(
            records >= 2
                && squeezed(&all)
                    .matches("zone_id = \"Z0123456789ABC\"")
                    .count()
                    == records,
            "{layout:?}: every record goes into the existing zone"
        );
    }
}

#[test]
fn named_state_buckets_are_used_by_backends_bootstrap_and_remote_state() {
    let mut d = design("active-passive");
    let dr = d.regions[1].code.clone();
    d.state
        .buckets
        .insert(dr.clone(), "shop-state-dr-named".into());
    let files = export(&d, Layout::PerRegion).unwrap();
    assert!(text(&files, &format!("backends/{dr}.hcl")).contains("\"shop-state-dr-named\""));
    let primary = d.regions[0].code.clone();
    assert!(
        text(&files, &format!("backends/{primary}.hcl"))
            .contains(&format!("\"{}-{primary}\"", d.state.bucket)),
        "a region not named keeps <bucket>-<code>"
    );
    assert!(text(&files, "bootstrap/main.tf").contains("\"shop-state-dr-named\""));
    assert!(
        text(&files, "global/main.tf").contains("\"shop-state-dr-named\""),
        "the global root reads the region's state there"
    );
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        !all.contains(&format!("{}-{dr}", d.state.bucket)),
        "the default name of the named region appears nowhere"
    );
}

#[test]
fn the_runbook_uses_the_existing_zone_by_its_id() {
    // A simple record on the primary's load balancer: promote-dr re-points it.
    let mut d = design("active-passive");
    let rec = &mut d.dns.as_mut().unwrap().records[0];
    rec.policy = crate::core::model::RoutingPolicy::Simple;
    rec.targets
        .retain(|t| t.role == Some(crate::core::model::FailoverRole::Primary));
    for t in &mut rec.targets {
        t.role = None;
    }
    let runbook = |d: &Design| {
        text(
            &export(d, Layout::PerRegion).unwrap(),
            "scripts/promote-dr.sh",
        )
        .to_string()
    };
    let by_name = runbook(&d);
    assert!(by_name.contains("list-hosted-zones-by-name"), "{by_name}");
    d.dns.as_mut().unwrap().zone_id = Some("Z0123456789ABC".into());
    let by_id = runbook(&d);
    assert!(
        !by_id.contains("list-hosted-zones-by-name")
            && by_id
                .lines()
                .any(|l| l.trim_start().starts_with("ZONE_1=") && l.contains("Z0123456789ABC")),
        "{by_id}"
    );
}

/// A state bucket named with dots (S3 allows them) gives every state key a
/// valid KMS alias: an alias takes only `[0-9A-Za-z_/-]`, and the per-region
/// buckets' aliases were the bucket's name as it was, so the bootstrap did
/// not plan (found by drilling a design with odd but valid names).
#[test]
fn a_dotted_state_bucket_gives_valid_kms_aliases() {
    for id in ["active-passive", "active-active", "layered-ecs"] {
        let mut d = design(id);
        d.state.bucket = "x9-odd.qa-2.state".into();
        for layout in [Layout::PerRegion, Layout::SingleRoot] {
            let files = export(&d, layout).unwrap();
            let mut aliases = 0;
            for f in files.iter().filter(|f| f.path.ends_with(".tf")) {
                for line in f.contents.lines() {
                    let Some(rest) = line.split("\"alias/").nth(1) else {
                        continue;
                    };
                    // Literal aliases only: a module's own (an interpolation)
                    // is checked where it is built.
                    if rest.contains("${") {
                        continue;
                    }
                    let name = rest.split('"').next().unwrap_or_default();
                    assert!(
                        !name.is_empty()
                            && name
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || "/_-".contains(c)),
                        "{id} {}: alias/{name}",
                        f.path
                    );
                    aliases += 1;
                }
            }
            assert!(aliases > 0, "{id}: the bootstrap's aliases were read");
        }
    }
}

/// The state bucket `<project>-<env>-state` makes the state region's own
/// bucket `<project>-<env>-state-<region>`, whose key's alias was the main
/// state key's (`alias/<project>-<env>-state-<region>`): the bootstrap's
/// second CreateAlias failed (AlreadyExists). Aliases are per region: in
/// each region of the bootstrap, every alias is different.
#[test]
fn the_state_keys_aliases_never_collide() {
    for bucket in ["shop-prod-state", "shop.prod.state"] {
        let mut d = design("active-passive");
        d.state.bucket = bucket.into();
        let files = export(&d, Layout::PerRegion).unwrap();
        let boot = text(&files, "bootstrap/main.tf");
        // (provider alias or "" for the state region's, alias name)
        let mut seen: Vec<(String, String)> = Vec::new();
        let mut provider = String::new();
        for line in boot.lines() {
            let l = line.trim();
            if l.starts_with("resource \"aws_kms_alias\"") {
                provider.clear();
            }
            if let Some(p) = l.strip_prefix("provider") {
                provider = p.trim_start_matches([' ', '=']).to_string();
            }
            if let Some(name) = l
                .strip_prefix("name")
                .and_then(|r| r.trim_start_matches([' ', '=']).strip_prefix("\"alias/"))
            {
                let region = if provider.is_empty() {
                    d.state.region.clone()
                } else {
                    provider.trim_start_matches("aws.").replace('_', "-")
                };
                let entry = (region, name.trim_end_matches('"').to_string());
                assert!(
                    !seen.contains(&entry),
                    "{bucket}: {entry:?} twice in:\n{boot}"
                );
                seen.push(entry);
            }
        }
        assert!(seen.len() >= 3, "{bucket}: {seen:?}");
    }
}
