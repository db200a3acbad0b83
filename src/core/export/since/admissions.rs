//! A database's or cache's admission of its applications across a change of
//! layout. In one root per region (or one root in all), the module admits
//! each application itself: `module.<m>.aws_vpc_security_group_ingress_rule.from_app["<app>"]`
//! and the application's egress, `...egress_rule.app_to_db["<app>"]`
//! (`app_to_cache` for a cache). With layered state the module sits in the
//! platform, which never reads the workloads, so the same two rules are
//! top-level resources of the workloads root,
//! `aws_vpc_security_group_ingress_rule.<m>_from_<app>` and
//! `aws_vpc_security_group_egress_rule.<app>_to_<m>` (see `layers`).
//!
//! Read as blocks, one side is "create" and the other is inside a module
//! that moves whole: the rules would be destroyed with the platform's first
//! apply and created with the workloads' after it, cutting the application
//! off its database in between. Here each such creation (or destruction,
//! the other way) becomes a state move between the two addresses, which
//! `scripts/move-state.sh` makes (nested moves ordered before the module's).

use super::roots::Place;
use super::{Action, ResourceChange};
use std::collections::BTreeMap;

const INGRESS: &str = "aws_vpc_security_group_ingress_rule";
const EGRESS: &str = "aws_vpc_security_group_egress_rule";

/// The modules that admit applications (`app_security_groups`) and the
/// name of their egress rule: `(module source, egress rule)`.
const ADMITTING: [(&str, &str); 3] = [
    ("rds", "app_to_db"),
    ("aurora", "app_to_db"),
    ("elasticache", "app_to_cache"),
];

/// One module that admits applications: its root, label, egress rule name
/// and the applications (keys of `app_security_groups`).
struct Admitting<'a> {
    root: &'a str,
    label: &'a str,
    egress: &'static str,
    apps: Vec<String>,
}

/// The modules of an export's blocks that admit applications themselves.
fn admitting(blocks: &BTreeMap<Place, String>) -> Vec<Admitting<'_>> {
    blocks
        .iter()
        .filter_map(|((root, address), text)| {
            let label = address.strip_prefix("module.")?;
            let source = attribute(text, "source")?;
            let kind = source.trim_matches('"').rsplit('/').next()?;
            let egress = ADMITTING.iter().find(|(k, _)| *k == kind)?.1;
            let apps = keys(text, "app_security_groups");
            (!apps.is_empty()).then_some(Admitting {
                root,
                label,
                egress,
                apps,
            })
        })
        .collect()
}

/// The value of a one-line top-level attribute of a block's text.
fn attribute<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let (k, v) = l.strip_prefix("  ")?.split_once('=')?;
        (k.trim() == name).then_some(v.trim())
    })
}

/// The keys of a top-level map attribute of a block's text, written either
/// on one line (`name = { "a" = x }`) or one entry per line. Only plain
/// quoted or bare keys are read; anything else is left out (its rules then
/// read as created, never as a wrong move).
fn keys(text: &str, name: &str) -> Vec<String> {
    let mut lines = text.lines();
    let Some(first) = lines.find(|l| {
        l.strip_prefix("  ")
            .and_then(|r| r.split_once('='))
            .is_some_and(|(k, _)| k.trim() == name)
    }) else {
        return Vec::new();
    };
    let (_, value) = first.split_once('=').unwrap_or_default();
    let value = value.trim();
    let entries: Vec<&str> = if value == "{" {
        lines.take_while(|l| l.trim() != "}").collect()
    } else if let Some(inner) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
        // One line: entries separated by `,` (no nested maps are written here).
        inner.split(',').collect()
    } else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter_map(|e| {
            let (k, _) = e.split_once('=')?;
            let k = k.trim();
            let k = match k.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
                Some(q) if !q.contains(['"', '\\', '$']) => q,
                Some(_) => return None,
                None => k,
            };
            (!k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| k.to_string())
        })
        .collect()
}

/// The nested address of one rule inside an admitting module, and the
/// top-level address the layered workloads give it.
fn pairs(m: &Admitting<'_>) -> Vec<(String, String)> {
    m.apps
        .iter()
        .flat_map(|app| {
            [
                (
                    format!("module.{}.{INGRESS}.from_app[\"{app}\"]", m.label),
                    format!("{INGRESS}.{}_from_{app}", m.label),
                ),
                (
                    format!("module.{}.{EGRESS}.{}[\"{app}\"]", m.label, m.egress),
                    format!("{EGRESS}.{app}_to_{}", m.label),
                ),
            ]
        })
        .collect()
}

/// Turns each created top-level admission rule whose module admitted the
/// same application in the old export into a state move out of that
/// module, and each destroyed one whose module admits it in the new export
/// into a state move into it.
pub fn moves(
    old: &BTreeMap<Place, String>,
    new: &BTreeMap<Place, String>,
    out: &mut [ResourceChange],
) {
    // Old layout admitted, new layout writes top-level rules.
    for m in admitting(old) {
        for (nested, top) in pairs(&m) {
            if let Some(c) = out
                .iter_mut()
                .find(|c| c.action == Action::Create && c.to_address == top)
            {
                c.action = Action::MoveState;
                c.root = m.root.to_string();
                c.address = nested;
                c.why = WHY.to_string();
            }
        }
    }
    // Old layout wrote top-level rules, new layout admits in the module.
    for m in admitting(new) {
        for (nested, top) in pairs(&m) {
            if let Some(c) = out
                .iter_mut()
                .find(|c| c.action == Action::Destroy && c.address == top)
            {
                c.action = Action::MoveState;
                c.to_root = m.root.to_string();
                c.to_address = nested;
                c.why = WHY.to_string();
            }
        }
    }
}

const WHY: &str = "the application's admission to its database keeps its rule: scripts/move-state.sh moves it between the states, so no apply leaves the application cut off";

/// Whether `address` is inside a module (`module.m.aws_x.y["k"]`), not a
/// top-level block: such an address has no `removed` block of its own (its
/// module's covers it) and its move comes before its module's.
pub fn nested(address: &str) -> bool {
    address.starts_with("module.") && address.splitn(3, '.').count() == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(root: &str, address: &str) -> Place {
        (root.to_string(), address.to_string())
    }

    fn change(action: Action, root: &str, address: &str) -> ResourceChange {
        ResourceChange {
            action,
            root: root.into(),
            address: address.into(),
            to_root: root.into(),
            to_address: address.into(),
            object: None,
            why: String::new(),
        }
    }

    const RDS: &str = "module \"rds_db\" {\n  source = \"../../modules/rds\"\n  port   = 3306\n  app_security_groups = {\n    \"app\" = module.asg_app.security_group_id\n    api = module.ecs_api.security_group_id\n  }\n}\n";

    #[test]
    fn the_modules_admitting_applications_are_those_with_the_rules() {
        // The names used here are the modules' own: a renamed rule in a
        // module would make every move below point at nothing.
        for (kind, egress) in ADMITTING {
            let main = match kind {
                "rds" => include_str!("../modules/rds/main.tf"),
                "aurora" => include_str!("../modules/aurora/main.tf"),
                _ => include_str!("../modules/elasticache/main.tf"),
            };
            for rule in [
                format!("resource \"{INGRESS}\" \"from_app\" {{\n  for_each = var.app_security_groups\n"),
                format!("resource \"{EGRESS}\" \"{egress}\" {{\n  for_each = var.app_security_groups\n"),
            ] {
                assert!(main.contains(&rule), "{kind}: {rule}");
            }
        }
    }

    #[test]
    fn keys_are_read_on_one_line_or_many() {
        assert_eq!(keys(RDS, "app_security_groups"), ["app", "api"]);
        let one = "module \"c\" {\n  app_security_groups = { \"a\" = x, b = y }\n}\n";
        assert_eq!(keys(one, "app_security_groups"), ["a", "b"]);
        let odd = "module \"c\" {\n  app_security_groups = {\n    \"a\\\"b\" = x\n    \"${x}\" = y\n  }\n}\n";
        assert!(keys(odd, "app_security_groups").is_empty());
        assert!(keys(RDS, "tags").is_empty());
    }

    #[test]
    fn a_split_into_layers_moves_the_rules_out_of_the_module() {
        let old = BTreeMap::from([(place("regions/a", "module.rds_db"), RDS.to_string())]);
        let new = BTreeMap::new();
        let w = "regions/a/workloads";
        let mut out = vec![
            change(
                Action::Create,
                w,
                "aws_vpc_security_group_ingress_rule.rds_db_from_app",
            ),
            change(
                Action::Create,
                w,
                "aws_vpc_security_group_egress_rule.app_to_rds_db",
            ),
            change(
                Action::Create,
                w,
                "aws_vpc_security_group_egress_rule.api_to_rds_db",
            ),
            // Admitted by no module before: a new application's rule.
            change(
                Action::Create,
                w,
                "aws_vpc_security_group_ingress_rule.rds_db_from_web",
            ),
        ];
        moves(&old, &new, &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|c| {
                (
                    c.action,
                    c.root.as_str(),
                    c.address.as_str(),
                    c.to_root.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Action::MoveState,
                    "regions/a",
                    "module.rds_db.aws_vpc_security_group_ingress_rule.from_app[\"app\"]",
                    w
                ),
                (
                    Action::MoveState,
                    "regions/a",
                    "module.rds_db.aws_vpc_security_group_egress_rule.app_to_db[\"app\"]",
                    w
                ),
                (
                    Action::MoveState,
                    "regions/a",
                    "module.rds_db.aws_vpc_security_group_egress_rule.app_to_db[\"api\"]",
                    w
                ),
                (
                    Action::Create,
                    w,
                    "aws_vpc_security_group_ingress_rule.rds_db_from_web",
                    w
                ),
            ]
        );
        assert!(nested(&out[0].address) && !nested("module.rds_db") && !nested(&out[3].address));
    }

    #[test]
    fn joining_the_layers_moves_the_rules_into_the_module() {
        let cache = "module \"cache_c\" {\n  source = \"../../modules/elasticache\"\n  app_security_groups = {\n    \"app\" = module.asg_app.security_group_id\n  }\n}\n";
        let new = BTreeMap::from([(place("regions/a", "module.cache_c"), cache.to_string())]);
        let w = "regions/a/workloads";
        let mut out = vec![
            change(
                Action::Destroy,
                w,
                "aws_vpc_security_group_ingress_rule.cache_c_from_app",
            ),
            change(
                Action::Destroy,
                w,
                "aws_vpc_security_group_egress_rule.app_to_cache_c",
            ),
        ];
        moves(&BTreeMap::new(), &new, &mut out);
        assert!(out
            .iter()
            .all(|c| c.action == Action::MoveState && c.to_root == "regions/a"));
        assert_eq!(
            out[1].to_address,
            "module.cache_c.aws_vpc_security_group_egress_rule.app_to_cache[\"app\"]"
        );
    }
}
