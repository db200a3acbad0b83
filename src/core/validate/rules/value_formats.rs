//! Free-text values passed straight to AWS, besides instance types (see
//! `instance_types`): auto-scaling images and database engine versions. A
//! malformed one passes `terraform plan` and fails at apply.

use super::util::where_;
use crate::core::model::{AuroraEngine, VpcNode};
use crate::core::validate::{rule, Ctx, Family::Design, Report, Rule, Severity::*};

/// The value format rules (Topoform's own id; the catalog has no row).
pub const RULES: &[Rule] = &[rule(
    "DES-13",
    Error,
    Design,
    "Images and engine versions must be well-formed.",
    "An auto-scaling group's image is an AMI id (ami- and 8 or 17 hex digits) or ssm: and an SSM parameter name; an engine version is numbers joined by dots (16.4, 8.0.35), with the Aurora part for Aurora MySQL (8.0.mysql_aurora.3.04.0). AWS refuses anything else at apply. Whether the version exists is not checked.",
    "Use an AMI id such as ami-0123456789abcdef0 or an SSM path such as ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64, and a version such as 16.4.",
    des_11,
)];

fn des_11(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for v in &r.vpcs {
            for n in &v.nodes {
                let at = || where_(r, v);
                match n {
                    VpcNode::Asg(a) if !is_image(&a.image) => out.emit(&[&a.id], format!(
                        "Auto-scaling group {} in {}: image \"{}\" is neither an AMI id (ami-...) nor ssm: and a parameter name.", a.name, at(), a.image)),
                    VpcNode::Rds(d) if !is_version(&d.engine_version, false) => out.emit(&[&d.id], format!(
                        "Database {} in {}: engine version \"{}\" is not a version like 16.4.", d.name, at(), d.engine_version)),
                    VpcNode::Aurora(c) if !is_version(&c.engine_version, c.engine == AuroraEngine::Mysql) => out.emit(&[&c.id], format!(
                        "Aurora cluster {} in {}: engine version \"{}\" is not a version like {}.", c.name, at(), c.engine_version,
                        if c.engine == AuroraEngine::Mysql { "8.0.mysql_aurora.3.04.0" } else { "16.4" })),
                    _ => {}
                }
            }
        }
    }
}

/// `ami-` and 8 or 17 lowercase hex digits, or `ssm:` and a parameter name
/// (letters, digits and `_.-/`, at most 2048 characters).
pub fn is_image(image: &str) -> bool {
    if let Some(hex) = image.strip_prefix("ami-") {
        return matches!(hex.len(), 8 | 17)
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
    }
    image.strip_prefix("ssm:").is_some_and(|p| {
        (1..=2048).contains(&p.len())
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-/".contains(c))
    })
}

/// One to three dot-separated numbers; for Aurora MySQL optionally followed
/// by `.mysql_aurora.` and the three-part Aurora version.
pub fn is_version(version: &str, aurora_mysql: bool) -> bool {
    let numbers = |s: &str, most: usize| {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() <= most
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    match version.split_once(".mysql_aurora.") {
        Some((mysql, aurora)) => {
            aurora_mysql
                && numbers(mysql, 3)
                && aurora.split('.').count() == 3
                && numbers(aurora, 3)
        }
        None => numbers(version, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn des_11_image_and_versions() {
        let good = base("active-passive");
        let mut bad = good.clone();
        if let VpcNode::Asg(a) = &mut bad.regions[0].vpcs[0].nodes[1] {
            a.image = "ubuntu-latest".into();
        }
        fires_and_not("DES-13", &bad, "use1-app", &good);
        let mut bad = good.clone();
        if let VpcNode::Rds(d) = &mut bad.regions[0].vpcs[0].nodes[2] {
            d.engine_version = "latest".into();
        }
        fires_and_not("DES-13", &bad, "use1-db", &good);
        let good = base("aurora-global");
        let mut bad = good.clone();
        if let VpcNode::Aurora(c) = &mut bad.regions[0].vpcs[0].nodes[2] {
            c.engine_version = "16.4.mysql_aurora.3.04.0".into();
        }
        fires_and_not("DES-13", &bad, "use1-orders", &good);
    }

    #[test]
    fn formats() {
        assert!(
            is_image("ami-0123abcd")
                && is_image("ami-0123456789abcdef0")
                && is_image("ssm:/aws/service/x")
        );
        assert!(
            !is_image("ami-0123")
                && !is_image("ami-0123456789ABCDEF0")
                && !is_image("ssm:")
                && !is_image("ssm:a b")
        );
        assert!(
            is_version("16.4", false) && is_version("8.0.35", false) && is_version("16", false)
        );
        assert!(is_version("8.0.mysql_aurora.3.04.0", true) && is_version("8.0", true));
        assert!(
            !is_version("8.0.mysql_aurora.3.04.0", false)
                && !is_version("8.0.mysql_aurora.3", true)
        );
        assert!(
            !is_version("", false)
                && !is_version("16.", false)
                && !is_version("v16", false)
                && !is_version("1.2.3.4", false)
        );
    }
}
