//! Tests of the layered layout (`state.split = "region_layer"`): which
//! blocks land in which root, that the workloads read only their own
//! region's platform and the platform nothing of the workloads, and that the
//! files around the roots (backends, order, global, README) follow.

use super::layers::{layer, state_key, Layer};
use crate::core::export::{apply_order, export, ExportFile, Layout, Stack};
use crate::core::model::{Design, StateSplit, VpcNode};
use crate::core::names;
use crate::core::templates::TEMPLATES;
use hcl::{Body, Expression};
use std::collections::BTreeSet;

fn layered(id: &str) -> Design {
    let mut d = TEMPLATES
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.design().ok())
        .expect("template loads");
    d.state.split = StateSplit::RegionLayer;
    d
}

fn text<'a>(files: &'a [ExportFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} exported"))
        .contents
}

fn parsed(files: &[ExportFile], path: &str) -> Body {
    hcl::parse(text(files, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `(ident, labels)` of every top-level block.
fn blocks(body: &Body) -> Vec<(String, Vec<String>)> {
    body.blocks()
        .map(|b| {
            (
                b.identifier().to_string(),
                b.labels().iter().map(|l| l.as_str().to_string()).collect(),
            )
        })
        .collect()
}

fn modules(body: &Body) -> BTreeSet<String> {
    blocks(body)
        .into_iter()
        .filter(|(i, _)| i == "module")
        .filter_map(|(_, l)| l.first().cloned())
        .collect()
}

/// The module label of a node kind the templates use.
fn label(n: &VpcNode) -> String {
    let prefix = match n {
        VpcNode::Alb(_) => "alb",
        VpcNode::Asg(_) => "asg",
        VpcNode::Rds(_) => "rds",
        VpcNode::Aurora(_) => "aurora",
        VpcNode::Ecs(_) => "ecs",
        VpcNode::Elasticache(_) => "elasticache",
    };
    format!("{prefix}_{}", n.id())
}

#[test]
fn every_node_is_in_its_layer_and_not_in_the_other() {
    for id in ["active-passive", "active-active", "aurora-global"] {
        let d = layered(id);
        let files = export(&d, Layout::PerRegion).expect("exports");
        for r in &d.regions {
            let root = |l: Layer| {
                modules(&parsed(
                    &files,
                    &format!("regions/{}/{}/main.tf", r.code, l.name()),
                ))
            };
            let (platform, workloads) = (root(Layer::Platform), root(Layer::Workloads));
            assert!(!files
                .iter()
                .any(|f| f.path == format!("regions/{}/main.tf", r.code)));
            for v in &r.vpcs {
                assert!(platform.contains(&format!("vpc_{}", v.id)), "{id}: network");
                assert!(!workloads.contains(&format!("vpc_{}", v.id)));
                for n in &v.nodes {
                    let (mine, other) = match layer(n) {
                        Layer::Platform => (&platform, &workloads),
                        Layer::Workloads => (&workloads, &platform),
                    };
                    assert!(
                        mine.contains(&label(n)),
                        "{id} {}: {} in its layer",
                        r.code,
                        n.id()
                    );
                    assert!(
                        !other.contains(&label(n)),
                        "{id} {}: {} only there",
                        r.code,
                        n.id()
                    );
                }
            }
            for b in platform.iter().filter(|m| m.starts_with("s3_")) {
                assert!(!workloads.contains(b), "{id}: buckets are platform");
            }
        }
    }
}

#[test]
fn the_workloads_read_only_their_own_regions_platform_and_it_nothing_back() {
    for id in ["active-passive", "active-active", "aurora-global"] {
        let d = layered(id);
        let files = export(&d, Layout::PerRegion).expect("exports");
        for r in &d.regions {
            let dir = |l: Layer| format!("regions/{}/{}", r.code, l.name());
            let work = parsed(&files, &format!("{}/main.tf", dir(Layer::Workloads)));
            let states: Vec<_> = work
                .blocks()
                .filter(|b| {
                    b.identifier() == "data" && b.labels()[0].as_str() == "terraform_remote_state"
                })
                .collect();
            assert_eq!(states.len(), 1, "{id} {}: one remote state", r.code);
            let config = states[0]
                .body
                .attributes()
                .find(|a| a.key() == "config")
                .map(|a| a.expr.to_string())
                .unwrap_or_default();
            for want in [
                format!("\"{}\"", names::region_state_bucket(&d, &r.code)),
                format!("\"{}\"", state_key(&d, &r.code, Layer::Platform)),
                format!("\"{}\"", r.code),
            ] {
                assert!(
                    config.contains(&want),
                    "{id} {}: {want} in {config}",
                    r.code
                );
            }
            // Its backend is its own, in its region's bucket.
            let backend = text(&files, &format!("backends/{}-workloads.hcl", r.code));
            assert!(backend.contains(&state_key(&d, &r.code, Layer::Workloads)));
            assert_ne!(
                state_key(&d, &r.code, Layer::Platform),
                state_key(&d, &r.code, Layer::Workloads)
            );
            // Every platform value it reads is one the platform outputs.
            let outputs = text(&files, &format!("{}/outputs.tf", dir(Layer::Platform)));
            let main = text(&files, &format!("{}/main.tf", dir(Layer::Workloads)));
            let prefix = "data.terraform_remote_state.platform.outputs.modules.";
            let mut reads = 0;
            for (i, _) in main.match_indices(prefix) {
                let path: String = main[i + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "_-.".contains(*c))
                    .collect();
                let (module, attr) = path.split_once('.').expect("module.attr");
                assert!(
                    outputs.contains(&format!("module.{module}.{attr}")),
                    "{id} {}: the platform outputs {module}.{attr}",
                    r.code
                );
                reads += 1;
            }
            assert!(reads > 0, "{id} {}: the workloads read the network", r.code);
            assert!(
                !main.contains("module.vpc_"),
                "{id}: no platform module is called there"
            );
            // The platform reads no state and names no workloads module.
            let platform = text(&files, &format!("{}/main.tf", dir(Layer::Platform)));
            assert!(!platform.contains("terraform_remote_state"), "{id}");
            for m in modules(&work) {
                assert!(
                    !platform.contains(&format!("module.{m}.")),
                    "{id}: platform reads {m}"
                );
            }
        }
    }
}

#[test]
fn the_databases_admit_their_applications_from_the_workloads_root() {
    let d = layered("active-passive");
    let files = export(&d, Layout::PerRegion).expect("exports");
    for r in &d.regions {
        let platform = parsed(&files, &format!("regions/{}/platform/main.tf", r.code));
        let work = parsed(&files, &format!("regions/{}/workloads/main.tf", r.code));
        let nodes: Vec<&VpcNode> = r.vpcs.iter().flat_map(|v| &v.nodes).collect();
        for db in nodes
            .iter()
            .filter(|n| matches!(n, VpcNode::Rds(_) | VpcNode::Aurora(_)))
        {
            let m = platform
                .blocks()
                .find(|b| b.identifier() == "module" && b.labels()[0].as_str() == label(db))
                .expect("the database module");
            assert!(m
                .body
                .attributes()
                .all(|a| a.key() != "app_security_groups"));
            for app in nodes.iter().filter(|n| matches!(n, VpcNode::Asg(_))) {
                let rules = blocks(&work);
                for (kind, name) in [
                    (
                        "aws_vpc_security_group_ingress_rule",
                        format!("{}_from_{}", label(db), app.id()),
                    ),
                    (
                        "aws_vpc_security_group_egress_rule",
                        format!("{}_to_{}", app.id(), label(db)),
                    ),
                ] {
                    assert!(
                        rules.contains(&("resource".into(), vec![kind.into(), name.clone()])),
                        "{}: {kind} {name}",
                        r.code
                    );
                }
                let ingress = work
                    .blocks()
                    .find(|b| {
                        b.labels().len() == 2
                            && b.labels()[1].as_str() == format!("{}_from_{}", label(db), app.id())
                    })
                    .expect("ingress");
                let get = |k: &str| {
                    ingress
                        .body
                        .attributes()
                        .find(|a| a.key() == k)
                        .map(|a| a.expr.clone())
                };
                let sg: Expression = format!(
                    "data.terraform_remote_state.platform.outputs.modules.{}.security_group_id",
                    label(db)
                )
                .parse()
                .unwrap();
                assert_eq!(get("security_group_id"), Some(sg));
                let app_sg: Expression = format!("module.asg_{}.security_group_id", app.id())
                    .parse()
                    .unwrap();
                assert_eq!(get("referenced_security_group_id"), Some(app_sg));
                assert_eq!(get("from_port"), Some(Expression::from(5432i64)));
            }
        }
    }
}

#[test]
fn stacks_backends_and_order_follow_the_layers() {
    let d = layered("active-passive");
    let order = apply_order(&d).expect("order");
    let dirs: Vec<String> = order.iter().map(Stack::dir).collect();
    assert_eq!(
        dirs,
        [
            "bootstrap",
            "iam",
            "regions/us-east-1/platform",
            "regions/us-east-1/workloads",
            "regions/us-west-2/platform",
            "regions/us-west-2/workloads",
            "global"
        ]
    );
    let files = export(&d, Layout::PerRegion).expect("exports");
    let backend = text(&files, "backends/us-west-2-platform.hcl");
    assert!(
        backend.contains("\"shop/prod/us-west-2/platform/terraform.tfstate\""),
        "{backend}"
    );
    assert!(backend.contains(&format!(
        "\"{}\"",
        names::region_state_bucket(&d, "us-west-2")
    )));
    let readme = text(&files, "README.md");
    assert!(readme.contains(
        "terraform -chdir=regions/us-west-2/workloads init -backend-config=../../../backends/us-west-2-workloads.hcl"
    ), "{readme}");
    assert!(readme.contains("regions/<code>/workloads/terraform.auto.tfvars"));
    let workflow = text(&files, ".github/workflows/terraform.yml");
    assert!(workflow.contains("  apply-us-west-2-platform:\n"));
    let jobs: Vec<usize> = [
        "apply-us-west-2-platform:",
        "apply-us-west-2-workloads:",
        "apply-us-east-1-platform:",
        "apply-us-east-1-workloads:",
        "  traffic:",
    ]
    .iter()
    .map(|j| workflow.find(j).unwrap_or_else(|| panic!("{j}")))
    .collect();
    assert!(
        jobs.windows(2).all(|w| w[0] < w[1]),
        "standby first, primary last, platform before workloads"
    );
    assert!(text(&files, "regions/us-east-1/workloads/variables.tf")
        .contains("regions/us-east-1/workloads/terraform.auto.tfvars"));
    assert!(!files
        .iter()
        .any(|f| f.path == "regions/us-east-1/platform/variables.tf"));
    // The runbooks name the roots they mean.
    let failback = text(&files, "scripts/failback.sh");
    assert!(failback.contains("/platform"), "{failback}");
    let promote = text(&files, "scripts/promote-dr.sh");
    assert!(promote.contains("/workloads"), "{promote}");
}

#[test]
fn global_reads_each_value_from_the_layer_that_outputs_it() {
    let d = layered("active-active");
    let files = export(&d, Layout::PerRegion).expect("exports");
    let main = text(&files, "global/main.tf");
    assert!(
        main.contains("data.terraform_remote_state.us_east_1_workloads.outputs.albs[\"use1-alb\"]"),
        "{main}"
    );
    assert!(!main.contains("data.terraform_remote_state.us_east_1.outputs"));
    let labels: Vec<Vec<String>> = blocks(&parsed(&files, "global/main.tf"))
        .into_iter()
        .filter(|(i, l)| i == "data" && l[0] == "terraform_remote_state")
        .map(|(_, l)| l)
        .collect();
    for l in &labels {
        assert!(
            l[1].ends_with("_workloads") || l[1].ends_with("_platform"),
            "{l:?}"
        );
    }
    let platform = text(&files, "regions/us-east-1/platform/outputs.tf");
    let work = text(&files, "regions/us-east-1/workloads/outputs.tf");
    assert!(platform.contains("output \"vpcs\"") && !work.contains("output \"vpcs\""));
    assert!(work.contains("output \"albs\"") && !platform.contains("output \"albs\""));
}

#[test]
fn the_single_root_ignores_the_split_and_says_so() {
    let d = layered("active-passive");
    let mut plain = d.clone();
    plain.state.split = StateSplit::Region;
    let a = export(&d, Layout::SingleRoot).expect("exports");
    let b = export(&plain, Layout::SingleRoot).expect("exports");
    let tf = |f: &[ExportFile]| -> Vec<ExportFile> {
        f.iter()
            .filter(|x| x.path.ends_with(".tf") || x.path.ends_with(".hcl"))
            .cloned()
            .collect()
    };
    assert_eq!(tf(&a), tf(&b));
    assert!(text(&a, "README.md").contains("region_layer"));
    assert!(!text(&b, "README.md").contains("region_layer"));
}

#[test]
fn the_region_split_has_no_layer() {
    let d = TEMPLATES[0].design().expect("loads");
    assert_eq!(d.state.split, StateSplit::Region);
    let files = export(&d, Layout::PerRegion).expect("exports");
    assert!(!files
        .iter()
        .any(|f| f.path.contains("/platform/") || f.path.contains("/workloads/")));
    assert!(!text(&files, "README.md").contains("region_layer"));
}

/// Blocks of no node (a cluster, a rule): in the platform unless they read
/// the workloads; a workloads read of a platform resource goes through the
/// platform's `resources` output; a platform block that reads the
/// workloads (other than the admissions) is refused, not written.
#[test]
fn blocks_of_no_node_follow_what_they_read() {
    use super::hcl::{ex, print, B};
    use super::layers::split;
    let d = layered("active-passive");
    let region = &d.regions[0];
    let cluster = B::new("resource", &["aws_ecs_cluster", "this"])
        .a("name", hcl::Expression::String("c".into()));
    let service = B::new("module", &["svc"])
        .a("cluster_arn", ex("aws_ecs_cluster.this.arn").unwrap())
        .in_layer(Layer::Workloads);
    let alarm = B::new("resource", &["aws_x", "watch"]).a("target", ex("module.svc.name").unwrap());
    let cut = split(&d, region, vec![cluster, service, alarm], vec![]).expect("splits");
    let work = print(cut.main[&Layer::Workloads].clone()).unwrap();
    let platform = print(cut.main[&Layer::Platform].clone()).unwrap();
    let outputs = print(cut.outputs[&Layer::Platform].clone()).unwrap();
    assert!(
        work.contains(
            "data.terraform_remote_state.platform.outputs.resources[\"aws_ecs_cluster.this\"].arn"
        ),
        "{work}"
    );
    assert!(
        work.contains("resource \"aws_x\" \"watch\""),
        "it reads the workloads: {work}"
    );
    assert!(
        platform.contains("resource \"aws_ecs_cluster\" \"this\"") && !platform.contains("aws_x"),
        "{platform}"
    );
    assert!(
        outputs.contains("\"aws_ecs_cluster.this\" = {")
            && outputs.contains("arn = aws_ecs_cluster.this.arn"),
        "{outputs}"
    );
    let db = B::new("module", &["db"])
        .a("reads", ex("module.svc.name").unwrap())
        .in_layer(Layer::Platform);
    let svc = B::new("module", &["svc"]).in_layer(Layer::Workloads);
    let err = split(&d, region, vec![db, svc], vec![])
        .err()
        .expect("refused");
    assert!(
        err.0.contains("module.db reads the workloads' module.svc"),
        "{}",
        err.0
    );
}
