//! Instance types of auto-scaling groups and DB instance classes of RDS and
//! Aurora: a name that cannot be one is an error (DES-09); a well-formed name
//! missing from the dated lists in the catalog is a warning (DES-12), since
//! AWS adds types every year. Both suggest the nearest listed name.

use super::util::where_;
use crate::core::catalog::instance_types::{self as list, DB_SOURCE, EC2_SOURCE};
use crate::core::model::{Region, Vpc, VpcNode};
use crate::core::text::short;
use crate::core::validate::{rule, Ctx, Family::Design, Report, Rule, Severity::*};

/// The instance type family (Topoform's own ids; the catalog has no row).
pub const RULES: &[Rule] = &[
    rule("DES-09", Error, Design, "Instance types and DB instance classes must be well-formed names of provisioned instances.",
        "An EC2 type is family.size (t3.medium, m7i-flex.large); a DB class is db. plus one (db.r6g.large). Anything else is refused by AWS at apply, after plan has passed. Aurora's db.serverless is refused too: Serverless v2 instances need a capacity range on the cluster (ServerlessV2ScalingConfiguration, Aurora User Guide, Serverless v2 requirements), which format v1 and its export do not have.",
        "Pick a type such as t3.medium, or a class such as db.r6g.large; the message suggests the nearest listed one.", des_09),
    rule("DES-12", Warning, Design, "Instance types and DB classes should be in Topoform's dated lists.",
        "The EC2 list is moto 5.2.1's copy of DescribeInstanceTypes (2026-05-20). The DB lists per engine come from the RDS User Guide table of 2023-05-30 and moto's Aurora PostgreSQL orderable classes, with newer and Aurora families derived as db. plus the family's EC2 sizes: they may list a size an engine does not offer, do not follow engine versions or regions, and miss whatever AWS added since. So a miss is a warning to check the name, never an error.",
        "Check the name (the message suggests the nearest listed one); a type newer than the list is fine.", des_10),
    rule("DES-32", Error, Design, "An auto-scaling group's image must be built for its instance type's processor.",
        "Graviton types (a1, and the families with g after the generation: t4g, m7g, c7gn, r8gd, x2gd, im4gn ...) run arm64 images only, every other type x86_64 ones (moto 5.2.1's DescribeInstanceTypes: SupportedArchitectures). AWS's public SSM parameters name the architecture (al2023-ami-kernel-default-x86_64, .../arm64/..., amd64 for Ubuntu and Debian). A mismatch passes plan and apply of the launch template, then every launch fails (\"The architecture 'arm64' of the specified instance type does not match the architecture 'x86_64' of the specified AMI\"), and the group never reaches its capacity. An AMI id, or a parameter that names no architecture, is not checked.",
        "Use the image parameter for the type's architecture (al2023-ami-kernel-default-arm64 for Graviton), or a type of the image's.", des_32),
];

/// One named type to judge: the node, where it is, the name and which list.
struct Named<'a> {
    id: &'a str,
    /// "Auto-scaling group", "Database" or "Aurora cluster".
    kind: &'static str,
    /// The object's own name.
    object: &'a str,
    region: &'a Region,
    vpc: &'a Vpc,
    name: &'a str,
    engine: Option<&'static str>,
}

impl Named<'_> {
    /// "Database db in VPC main (us-east-1): instance class", built only
    /// for a finding (formatting it for every node was most of these two
    /// rules' time on large designs).
    fn what(&self) -> String {
        let field = if self.engine.is_none() {
            "instance type"
        } else {
            "instance class"
        };
        format!(
            "{} {} in {}: {field}",
            self.kind,
            short(self.object),
            where_(self.region, self.vpc)
        )
    }
}

fn named<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = Named<'a>> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs
            .iter()
            .flat_map(move |v| v.nodes.iter().filter_map(move |n| one(r, v, n)))
    })
}

fn one<'a>(region: &'a Region, vpc: &'a Vpc, n: &'a VpcNode) -> Option<Named<'a>> {
    let (kind, object, name, engine) = match n {
        VpcNode::Asg(a) => ("Auto-scaling group", &a.name, &a.instance_type, None),
        VpcNode::Rds(d) => (
            "Database",
            &d.name,
            &d.instance_class,
            Some(d.engine.as_str()),
        ),
        VpcNode::Aurora(c) => (
            "Aurora cluster",
            &c.name,
            &c.instance_class,
            Some(c.engine.as_str()),
        ),
        VpcNode::Alb(_) | VpcNode::Ecs(_) | VpcNode::Elasticache(_) => return None,
    };
    Some(Named {
        id: n.id(),
        kind,
        object,
        region,
        vpc,
        name,
        engine,
    })
}

fn listed(n: &Named<'_>) -> &'static [&'static str] {
    match n.engine {
        None => list::ec2_types(),
        Some(e) => list::db_classes(e),
    }
}

fn suggestion(n: &Named<'_>) -> String {
    let shaped: Vec<&str> = listed(n)
        .iter()
        .copied()
        .filter(|c| is_ec2_shaped(c) || is_db_shaped(c))
        .collect();
    nearest(n.name, &shaped)
        .map(|s| format!("; did you mean {s}?"))
        .unwrap_or_else(|| ".".into())
}

fn des_09(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for n in named(ctx) {
        let ok = match n.engine {
            None => is_ec2_shaped(n.name),
            Some(_) => is_db_shaped(n.name),
        };
        if n.engine.is_some_and(|e| e.starts_with("aurora")) && n.name == "db.serverless" {
            out.emit(&[n.id], format!(
                "{} \"db.serverless\" is Aurora Serverless v2, which needs a capacity range the export does not write; use a provisioned class such as db.r6g.large.", n.what()));
        } else if !ok {
            let shape = if n.engine.is_none() {
                "family.size, like t3.medium"
            } else {
                "db.family.size, like db.r6g.large"
            };
            out.emit(
                &[n.id],
                format!(
                    "{} \"{}\" is not a well-formed name ({shape}){}",
                    n.what(),
                    short(n.name),
                    suggestion(&n)
                ),
            );
        }
    }
}

fn des_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for n in named(ctx) {
        let (shaped, known, source) = match n.engine {
            None => (is_ec2_shaped(n.name), list::is_ec2_type(n.name), EC2_SOURCE),
            Some(e) => (
                is_db_shaped(n.name),
                list::is_db_class(e, n.name),
                DB_SOURCE,
            ),
        };
        if shaped && !known {
            let of = n.engine.map(|e| format!(" for {e}")).unwrap_or_default();
            out.emit(
                &[n.id],
                format!(
                    "{} \"{}\" is not in Topoform's list{of} ({source}){}",
                    n.what(),
                    short(n.name),
                    suggestion(&n)
                ),
            );
        }
    }
}

/// The processor architecture an image or an instance type is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arch {
    Arm64,
    X86_64,
}

impl Arch {
    fn name(self) -> &'static str {
        match self {
            Arch::Arm64 => "arm64",
            Arch::X86_64 => "x86_64",
        }
    }
}

/// A Graviton type's family holds `g` after its generation digit (`t4g`,
/// `m7gd`, `c7gn`, `im4gn`, `is4gen`), or is `a1`; every other well-formed
/// type is x86_64 (checked against moto's DescribeInstanceTypes by
/// `graviton_names_follow_the_list`). Mac families, which only dedicated
/// hosts run, and malformed names are not judged.
pub fn instance_arch(instance_type: &str) -> Option<Arch> {
    if !is_ec2_shaped(instance_type) {
        return None;
    }
    let family = instance_type.split('.').next().unwrap_or_default();
    if family.starts_with("mac") {
        return None;
    }
    if family == "a1" {
        return Some(Arch::Arm64);
    }
    let after_generation = family
        .trim_start_matches(|c: char| c.is_ascii_lowercase())
        .trim_start_matches(|c: char| c.is_ascii_digit());
    let attributes = after_generation.split('-').next().unwrap_or_default();
    Some(if attributes.contains('g') {
        Arch::Arm64
    } else {
        Arch::X86_64
    })
}

/// The architecture an SSM image parameter names (`...-x86_64`,
/// `.../arm64/...`, Ubuntu's and Debian's `amd64`), when it names exactly
/// one; an AMI id says nothing.
pub fn image_arch(image: &str) -> Option<Arch> {
    let path = image.strip_prefix("ssm:")?.to_ascii_lowercase();
    let words: Vec<&str> = path.split(['/', '-', '.']).collect();
    let arm = words.iter().any(|w| matches!(*w, "arm64" | "aarch64"));
    let x86 = words.iter().any(|w| matches!(*w, "x86_64" | "amd64"));
    match (arm, x86) {
        (true, false) => Some(Arch::Arm64),
        (false, true) => Some(Arch::X86_64),
        _ => None,
    }
}

fn des_32(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for r in &ctx.design.regions {
        for v in &r.vpcs {
            for n in &v.nodes {
                let VpcNode::Asg(a) = n else { continue };
                let (Some(runs), Some(built)) =
                    (instance_arch(&a.instance_type), image_arch(&a.image))
                else {
                    continue;
                };
                if runs != built {
                    out.emit(
                        &[&a.id],
                        format!(
                            "Auto-scaling group {} in {}: instance type \"{}\" runs {} images, but image \"{}\" names {}: every launch would fail.",
                            short(&a.name),
                            where_(r, v),
                            short(&a.instance_type),
                            runs.name(),
                            short(&a.image),
                            built.name()
                        ),
                    );
                }
            }
        }
    }
}

/// `family.size` as EC2 names types: the family starts with a letter, holds
/// a generation digit and may hold '-' (`m7i-flex`, `u7i-12tb`); the size is
/// one of EC2's size words.
pub fn is_ec2_shaped(name: &str) -> bool {
    let Some((family, size)) = name.split_once('.') else {
        return false;
    };
    let family_ok = family.starts_with(|c: char| c.is_ascii_lowercase())
        && !family.ends_with('-')
        && family.chars().any(|c| c.is_ascii_digit())
        && family
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    family_ok && is_size(size)
}

/// `db.` and an EC2-shaped type (not `db.serverless`, see DES-09).
pub fn is_db_shaped(name: &str) -> bool {
    name.strip_prefix("db.").is_some_and(is_ec2_shaped)
}

fn is_size(size: &str) -> bool {
    let digits_then = |s: &str, suffix: &str| {
        s.strip_suffix(suffix)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    matches!(
        size,
        "nano" | "micro" | "small" | "medium" | "large" | "xlarge" | "metal"
    ) || digits_then(size, "xlarge")
        || size
            .strip_prefix("metal-")
            .is_some_and(|s| digits_then(s, "xl"))
}

/// The listed name closest to `name` by edit distance, if any is close
/// enough to be a plausible typo (at most a third of the name, and 4 edits).
///
/// A name whose length differs from a listed one by more than the limit is
/// at least that many edits away, so it is skipped without measuring: the
/// distance costs the product of both lengths, and a pasted megabyte of text
/// measured against every listed type would freeze the page.
pub fn nearest<'a>(name: &str, listed: &[&'a str]) -> Option<&'a str> {
    let len = name.chars().count();
    let limit = (len / 3).clamp(1, 4);
    listed
        .iter()
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(name, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance: the fewest single-character insertions, deletions
/// and substitutions that turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::core::model::{Design, VpcNode};
    use crate::core::validate::Severity;

    fn set(template: &str, node: usize, name: &str) -> (Design, Design) {
        let good = base(template);
        let mut bad = good.clone();
        match &mut bad.regions[0].vpcs[0].nodes[node] {
            VpcNode::Asg(a) => a.instance_type = name.into(),
            VpcNode::Rds(d) => d.instance_class = name.into(),
            VpcNode::Aurora(c) => c.instance_class = name.into(),
            VpcNode::Alb(_) | VpcNode::Ecs(_) | VpcNode::Elasticache(_) => {}
        }
        (bad, good)
    }

    #[test]
    fn des_09_malformed_names_are_errors() {
        for name in [
            "t9.gigantic",
            "banana",
            "T3.medium",
            "t3.",
            "t3.medium.extra",
        ] {
            let (bad, good) = set("active-passive", 1, name);
            fires_and_not("DES-09", &bad, "use1-app", &good);
            assert!(
                findings(&bad, "DES-12").is_empty(),
                "{name} is an error, not also a warning"
            );
        }
        for name in ["db.nope", "r6g.large", "db.serverless"] {
            let (bad, good) = set("active-passive", 2, name);
            fires_and_not("DES-09", &bad, "use1-db", &good);
        }
        let (bad, _) = set("active-passive", 1, "t3.meduim");
        assert!(
            findings(&bad, "DES-09")[0]
                .message
                .contains("did you mean t3.medium?"),
            "{:#?}",
            findings(&bad, "DES-09")
        );
    }

    #[test]
    fn des_10_unlisted_names_are_warnings_naming_the_list() {
        let (bad, good) = set("active-passive", 1, "t9.large");
        fires_and_not("DES-12", &bad, "use1-app", &good);
        let hit = &findings(&bad, "DES-12")[0];
        assert_eq!(hit.severity, Severity::Warning);
        assert!(
            hit.message.contains("2026-05-20") && hit.message.contains("moto"),
            "{}",
            hit.message
        );
        assert!(findings(&bad, "DES-09").is_empty());
        let (bad, good) = set("active-passive", 2, "db.m5.medium");
        fires_and_not("DES-12", &bad, "use1-db", &good);
        // Aurora takes no general-purpose classes; RDS does.
        let (bad, good) = set("aurora-global", 2, "db.m6g.large");
        fires_and_not("DES-12", &bad, "use1-orders", &good);
        let (listed, _) = set("active-passive", 2, "db.m6g.large");
        assert!(findings(&listed, "DES-12").is_empty());
        let (serverless, good) = set("aurora-global", 2, "db.serverless");
        fires_and_not("DES-09", &serverless, "use1-orders", &good);
        assert!(findings(&serverless, "DES-09")[0]
            .message
            .contains("capacity range"));
        assert!(findings(&serverless, "DES-12").is_empty());
    }

    #[test]
    fn shapes_cover_every_listed_name() {
        assert!(
            list::ec2_types().iter().all(|t| is_ec2_shaped(t)),
            "an EC2 type of the list is not well-formed"
        );
        for e in [
            "mysql",
            "postgres",
            "mariadb",
            "aurora-mysql",
            "aurora-postgresql",
        ] {
            assert!(
                list::db_classes(e)
                    .iter()
                    .all(|c| is_db_shaped(c) || *c == "db.serverless"),
                "{e}"
            );
        }
    }

    /// Found by an outside design (a Graviton group in Osaka, m7g.large, with
    /// the template's x86_64 Amazon Linux parameter): check passed, and every
    /// launch on AWS would have failed.
    #[test]
    fn des_32_an_image_for_another_processor_is_an_error() {
        let good = base("active-passive");
        let mut bad = good.clone();
        match &mut bad.regions[0].vpcs[0].nodes[1] {
            VpcNode::Asg(a) => a.instance_type = "m7g.large".into(),
            _ => unreachable!("node 1 of active-passive is its group"),
        }
        fires_and_not("DES-32", &bad, "use1-app", &good);
        let hit = &findings(&bad, "DES-32")[0];
        assert!(
            hit.message.contains("runs arm64") && hit.message.contains("names x86_64"),
            "{}",
            hit.message
        );
        // The arm64 parameter on the Graviton type is right; on an x86 type, not.
        let mut arm = bad.clone();
        match &mut arm.regions[0].vpcs[0].nodes[1] {
            VpcNode::Asg(a) => {
                a.image = "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
                    .into()
            }
            _ => unreachable!(),
        }
        assert!(findings(&arm, "DES-32").is_empty());
        let mut x86 = arm.clone();
        match &mut x86.regions[0].vpcs[0].nodes[1] {
            VpcNode::Asg(a) => a.instance_type = "c6in.large".into(),
            _ => unreachable!(),
        }
        assert_eq!(findings(&x86, "DES-32").len(), 1);
    }

    #[test]
    fn image_and_type_architectures() {
        for (t, arch) in [
            ("t4g.micro", Some(Arch::Arm64)),
            ("a1.large", Some(Arch::Arm64)),
            ("im4gn.large", Some(Arch::Arm64)),
            ("is4gen.xlarge", Some(Arch::Arm64)),
            ("x2gd.large", Some(Arch::Arm64)),
            ("g5g.xlarge", Some(Arch::Arm64)),
            ("g4dn.xlarge", Some(Arch::X86_64)),
            ("m7i-flex.large", Some(Arch::X86_64)),
            ("t3.small", Some(Arch::X86_64)),
            ("mac2.metal", None),
            ("banana", None),
        ] {
            assert_eq!(instance_arch(t), arch, "{t}");
        }
        for (i, arch) in [
            ("ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", Some(Arch::X86_64)),
            ("ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id", Some(Arch::Arm64)),
            ("ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id", Some(Arch::X86_64)),
            ("ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base", None),
            ("ssm:/team/golden-image", None),
            ("ami-0123456789abcdef0", None),
        ] {
            assert_eq!(image_arch(i), arch, "{i}");
        }
    }

    /// The name rule agrees with the list's architectures: every listed type
    /// whose family holds g after its generation is a Graviton one. (The
    /// list has no architectures; the families moto marks arm64 on
    /// 2026-05-20 are these.)
    #[test]
    fn graviton_names_follow_the_list() {
        let arm = [
            "a1", "c6g", "c6gd", "c6gn", "c7g", "c7gd", "c7gn", "c8g", "c8gb", "c8gd", "c8gn",
            "g5g", "hpc7g", "i4g", "i8g", "i8ge", "im4gn", "is4gen", "m6g", "m6gd", "m7g", "m7gd",
            "m8g", "m8gb", "m8gd", "m8gn", "r6g", "r6gd", "r7g", "r7gd", "r8g", "r8gb", "r8gd",
            "r8gn", "t4g", "x2gd", "x8g",
        ];
        for t in list::ec2_types() {
            let family = t.split('.').next().unwrap();
            let want = if family.starts_with("mac") {
                None
            } else if arm.contains(&family) {
                Some(Arch::Arm64)
            } else {
                Some(Arch::X86_64)
            };
            if is_ec2_shaped(t) {
                assert_eq!(instance_arch(t), want, "{t}");
            }
        }
    }

    #[test]
    fn edit_distance_and_nearest() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("t3.medium", "t3.medium"), 0);
        assert_eq!(
            nearest("db.r6g.larg", list::db_classes("postgres")),
            Some("db.r6g.large")
        );
        assert_eq!(
            nearest("banana", list::ec2_types()),
            None,
            "nothing is close enough"
        );
    }

    /// A pasted megabyte as an instance type froze `check` (edit distance
    /// against every listed type costs the product of the lengths) and, once
    /// done, quoted the whole text. Now no distance is measured for a name
    /// far longer than any listed one, and the message quotes it shortened.
    #[test]
    fn a_huge_instance_type_is_judged_at_once_and_quoted_short() {
        let huge = format!("m5.{}", "q".repeat(300_000));
        let started = std::time::Instant::now();
        assert_eq!(nearest(&huge, list::ec2_types()), None);
        assert_eq!(nearest(&huge[3..], list::db_classes("postgres")), None);
        let (_, mut bad) = set("active-passive", 1, "t3.medium");
        match &mut bad.regions[0].vpcs[0].nodes[1] {
            VpcNode::Asg(a) => {
                a.instance_type = huge.clone();
                a.name = "n".repeat(100_000);
            }
            _ => unreachable!("node 1 of active-passive is its group"),
        }
        let found = findings(&bad, "DES-09");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.len() < 1_000,
            "{} bytes",
            found[0].message.len()
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
    }
}
