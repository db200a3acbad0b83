//! Exports apply from empty on moto, and a second plan is clean.
//!
//! Each case hands an export tree to `scripts/apply-on-moto.sh`, which starts
//! its own moto_server on a free port, points Terraform at it through the
//! environment only (the exported files are applied exactly as written),
//! applies every stack in the README's order and then requires
//! `terraform plan -detailed-exitcode` to exit 0 on each. Resources moto
//! cannot emulate (Global Accelerator) are left out by the harness, which
//! prints each one with its reason; those are proved by `terraform validate`
//! alone, in the validate test. After the second plan the harness reads the
//! security groups back from moto and checks every flow the design implies
//! (scripts/check-flows.py).
//!
//! Needs `terraform` (1.11), the hashicorp/aws mirror (TOPOFORM_TF_MIRROR or
//! found), `moto_server` and `python3`. Missing tools fail the test; set
//! TOPOFORM_SKIP_APPLY=1 to skip it on purpose (it says so). The harness
//! prints its progress straight to the terminal, so skipped resources show
//! even when the test passes.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// One moto and one set of terraform runs at a time: the machine has 2 cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// None when the test should run; Some(reason) when skipped on purpose.
fn skip_reason() -> Option<String> {
    if std::env::var("TOPOFORM_SKIP_APPLY").as_deref() == Ok("1") {
        return Some("TOPOFORM_SKIP_APPLY=1".into());
    }
    if std::env::var("TOPOFORM_APPLY_ELSEWHERE").as_deref() == Ok("1") {
        return Some("TOPOFORM_APPLY_ELSEWHERE=1: scripts/test runs this binary beside the other native tests".into());
    }
    for tool in ["terraform", "moto_server", "python3"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        assert!(
            found,
            "`{tool}` is not on PATH: the apply-on-moto test needs terraform, moto_server \
             (pip install 'moto[server]') and python3; set TOPOFORM_SKIP_APPLY=1 to skip it on purpose"
        );
    }
    None
}

/// What one harness run gave.
struct Run {
    ok: bool,
    output: String,
}

impl Run {
    /// The harness's own failure lines and the Terraform errors it printed,
    /// for the assertion message: CI shows a test's panic message whole,
    /// its long output only in part.
    fn why(&self) -> String {
        let lines: Vec<&str> = self
            .output
            .lines()
            .filter(|l| {
                l.contains("FAILED")
                    || l.contains("failed")
                    || l.starts_with("Error")
                    || l.contains("CHANGES")
                    || l.trim_start().starts_with("ID:")
            })
            .take(60)
            .collect();
        lines.join("\n")
    }
}

/// Runs the harness on `dir`, echoing its lines to the terminal as they come
/// (straight to stderr, past the test harness's capture, so the skip list and
/// the summary show for passing tests too) and keeping them for assertions.
fn apply_on_moto(label: &str, dir: &Path, jobs: u32) -> Run {
    let mut err = std::io::stderr();
    let _ = writeln!(err, "\n##### apply on moto: {label} ({})", dir.display());
    let mut child = Command::new("bash")
        .arg(crate_dir().join("scripts/apply-on-moto.sh"))
        .arg(dir)
        .env(
            "TOPOFORM_APPLY_JOBS",
            std::env::var("TOPOFORM_APPLY_JOBS").unwrap_or_else(|_| jobs.to_string()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run scripts/apply-on-moto.sh");
    let mut output = String::new();
    for line in BufReader::new(child.stdout.take().expect("piped stdout")).lines() {
        let line = line.unwrap_or_default();
        let _ = writeln!(err, "{line}");
        output.push_str(&line);
        output.push('\n');
    }
    let ok = child.wait().expect("wait for the harness").success();
    let _ = writeln!(err, "##### {label}: {}", if ok { "OK" } else { "FAILED" });
    Run { ok, output }
}

#[test]
fn mini_fixture_applies_on_moto() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (mini fixture): {why}");
        return;
    }
    let run = apply_on_moto(
        "tests/fixtures/apply-mini",
        &crate_dir().join("tests/fixtures/apply-mini"),
        1,
    );
    assert!(
        run.ok,
        "the mini fixture must apply and plan clean on moto:\n{}",
        run.why()
    );
    // The accelerator and the record aliasing it are left out, and said so.
    for skipped in [
        "skip aws_globalaccelerator_accelerator.edge",
        "skip aws_route53_record.edge",
    ] {
        assert!(
            run.output.contains(skipped),
            "expected `{skipped}` in the harness output"
        );
    }
    assert!(run.output.contains("proved by terraform validate only"));
    for stack in ["bootstrap", "regions/us-east-1", "global"] {
        assert!(
            run.output
                .lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>()[..]
                    .starts_with(&[stack, "applied", "clean"])),
            "summary line `{stack} applied clean` missing"
        );
    }
}

/// The clean-plan check is not vacuous: a stack with a perpetual diff fails.
#[test]
fn perpetual_diff_fails_the_harness() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (drift fixture): {why}");
        return;
    }
    let run = apply_on_moto(
        "tests/fixtures/apply-drift",
        &crate_dir().join("tests/fixtures/apply-drift"),
        1,
    );
    assert!(
        !run.ok,
        "a stack whose second plan has changes must fail the harness"
    );
    assert!(
        run.output
            .contains("CHANGE aws_s3_bucket.state update: tags"),
        "the change is named"
    );
}

/// The flow checker the harness runs is not vacuous: on a synthetic state it
/// passes only when every designed flow has both halves, and fails on a
/// missing egress, a missing ingress across a peering, a load balancer that
/// cannot reach its targets, and grants no flow explains. Needs only python3.
#[test]
fn flow_checker_fails_on_a_missing_rule() {
    let o = Command::new("python3")
        .arg(crate_dir().join("scripts/check-flows.py"))
        .arg("--self-test")
        .output()
        .expect("run python3 scripts/check-flows.py --self-test");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "the checker's self-test failed:\n{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for case in [
        "pass self-test: complete",
        "pass self-test: the application's egress to its database is missing",
        "pass self-test: the peered database does not admit the application's subnet",
        "pass self-test: the load balancer cannot send to its targets",
        "pass self-test: the database is open to the internet",
        "pass self-test: the cache does not admit the application",
        "pass self-test: the cache is reachable across the peering",
    ] {
        assert!(out.contains(case), "`{case}` missing from:\n{out}");
    }
}

/// The harness's moto creates a read replica with automated backups off, as
/// RDS does (CreateDBInstanceReadReplica takes no BackupRetentionPeriod):
/// moto 5 copied the source's retention, so an outside design's replicas
/// configured with 0 (a same-region and a cross-region one) planned
/// `backup_retention_period 7 -> 0` after every apply. Needs python3 with
/// moto and boto3 (the harness's own requirements); seconds, no Terraform.
#[test]
fn the_harness_moto_creates_replicas_without_backups() {
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED moto replica backups: {why}");
        return;
    }
    let script = r#"
import boto3, os, socket, subprocess, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
server = subprocess.Popen([sys.executable, sys.argv[1], "-H", "127.0.0.1", "-p", str(port)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close(); break
        except OSError:
            time.sleep(0.2)
    kw = dict(endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="testing",
              aws_secret_access_key="testing")
    east, west = (boto3.client("rds", region_name=r, **kw) for r in ("us-east-1", "us-west-2"))
    src = east.create_db_instance(DBInstanceIdentifier="src", Engine="postgres", DBInstanceClass="db.m6g.large",
                                  AllocatedStorage=20, MasterUsername="u", MasterUserPassword="password1",
                                  BackupRetentionPeriod=7)["DBInstance"]
    east.create_db_instance_read_replica(DBInstanceIdentifier="near", SourceDBInstanceIdentifier="src")
    west.create_db_instance_read_replica(DBInstanceIdentifier="far", SourceDBInstanceIdentifier=src["DBInstanceArn"])
    period = lambda c, i: c.describe_db_instances(DBInstanceIdentifier=i)["DBInstances"][0]["BackupRetentionPeriod"]
    print(f"src={period(east, 'src')} near={period(east, 'near')} far={period(west, 'far')}")
    west.modify_db_instance(DBInstanceIdentifier="far", BackupRetentionPeriod=5, ApplyImmediately=True)
    print(f"far-modified={period(west, 'far')}")
finally:
    server.terminate(); server.wait()
"#;
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(crate_dir().join("scripts/drill/moto_server.py"))
        .output()
        .expect("run python3");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The source keeps its own; a period set later (the provider's modify
    // of a replica configured above 0) is kept.
    assert!(out.contains("src=7 near=0 far=0\n"), "{out}");
    assert!(out.contains("far-modified=5\n"), "{out}");
}

/// A scratch directory for one case, under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "topoform-export-apply-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch dir");
    dir
}

/// Exports `json` with the built CLI into a fresh directory and returns it.
fn export(name: &str, json: &str, extra: &[&str]) -> Result<PathBuf, String> {
    let dir = scratch(name);
    let design = dir.join("design.json");
    std::fs::write(&design, json).expect("write the design");
    let out = dir.join("export");
    let o = Command::new(env!("CARGO_BIN_EXE_topoform"))
        .arg("export")
        .arg(&design)
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .expect("run topoform export");
    if !o.status.success() {
        return Err(format!(
            "topoform export {name} exited {:?}: {}{}",
            o.status.code(),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    Ok(out)
}

/// Every shipped template, exported in the default per-region layout,
/// applies from empty on moto (one moto per template, one after another)
/// and plans clean. All templates run even when one fails; the assertion
/// lists every failure.
#[test]
fn templates_apply_on_moto() {
    use topoform::core::templates::TEMPLATES;
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (templates): {why}");
        return;
    }
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    // scripts/test leaves out the template its outage drill applies (and
    // converges) in parallel: TOPOFORM_DRILLED_TEMPLATES=active-passive.
    let skip = std::env::var("TOPOFORM_DRILLED_TEMPLATES").unwrap_or_default();
    for t in TEMPLATES {
        if skip.split(',').any(|s| s.trim() == t.id) {
            let _ = writeln!(std::io::stderr(), "##### template {}: applied by the outage drill instead (TOPOFORM_DRILLED_TEMPLATES)", t.id);
            continue;
        }
        let t0 = std::time::Instant::now();
        match export(t.id, t.json, &[]) {
            Err(e) => failures.push(e),
            Ok(dir) => {
                // Independent stacks (regions that read no other region) apply at
                // once: the waiters sleep, the cores do not.
                let run = apply_on_moto(&format!("template {}", t.id), &dir, 3);
                if !run.ok {
                    failures.push(format!(
                        "template {} did not apply and plan clean on moto:\n{}",
                        t.id,
                        run.why()
                    ));
                }
                // Every template has applications and load balancers: the
                // flow check ran on what moto holds, and passed.
                if !run.output.contains("[apply-on-moto] flows: OK") {
                    failures.push(format!("template {}: the security groups moto holds miss a designed flow or grant more", t.id));
                }
                let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
            }
        }
        let _ = writeln!(
            std::io::stderr(),
            "##### template {}: {:.0?}",
            t.id,
            t0.elapsed()
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "##### all templates: {:.0?}",
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A clean fixture with what the templates lack (seed 002 with a DynamoDB
/// global table): an RDS MySQL cross-region replica, a DynamoDB lock table
/// on the state key, plain HTTP listeners, and a replica key the table's
/// root creates in the replica's region through a provider alias, applies
/// from empty and plans clean.
#[test]
fn rds_and_dynamodb_fixture_applies_on_moto() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (http-failover-mysql fixture): {why}");
        return;
    }
    let json =
        std::fs::read_to_string(crate_dir().join("tests/fixtures/clean/http-failover-mysql.json"))
            .expect("the fixture exists");
    // The replica is named unlike its source (`orders-replica`): moto 5.2.1
    // would look its subnet group up in the source's region; the harness's
    // moto (scripts/drill/moto_server.py) fixes that and says so at start.
    let design: serde_json::Value = serde_json::from_str(&json).expect("the fixture is JSON");
    assert_eq!(
        design["regions"][1]["vpcs"][0]["nodes"][2]["replica_of"], "use1-db",
        "the fixture's us-west-2 database is the replica"
    );
    assert_ne!(
        design["regions"][1]["vpcs"][0]["nodes"][2]["name"],
        design["regions"][0]["vpcs"][0]["nodes"][2]["name"],
        "names differ"
    );
    let dir =
        export("http-failover-mysql", &design.to_string(), &[]).unwrap_or_else(|e| panic!("{e}"));
    let run = apply_on_moto("fixture http-failover-mysql", &dir, 2);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
    assert!(
        run.ok,
        "the fixture must apply and plan clean on moto:\n{}",
        run.why()
    );
    // `clean*`: the only pending changes are moto artifacts the harness names.
    for stack in [
        "bootstrap",
        "regions/us-east-1",
        "regions/us-west-2",
        "global",
    ] {
        assert!(
            run.output.lines().any(|l| matches!(l.split_whitespace().collect::<Vec<_>>()[..], [s, "applied", "clean" | "clean*", ..] if s == stack)),
            "summary line `{stack} applied clean` missing"
        );
    }
    // The replica's key lives in us-west-2 and is applied, not skipped.
    assert!(
        !run.output
            .contains("skip module.dynamodb_sessions_key_us_west_2"),
        "the replica key must be applied"
    );
}

/// The ECS fixture (seed 003's shape): in each region a service beside a
/// scaling group behind one weighted listener, an RDS database with its cross-region replica, services reaching it
/// across the peering. Applies from empty, plans clean, and the security
/// groups moto holds open exactly the designed flows, the services' included.
/// moto 5.2.1 lacks Application Auto Scaling's tagging calls; the harness's
/// moto (scripts/drill/moto_server.py) emulates them and says so at start.
#[test]
fn ecs_fixture_applies_on_moto() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (ecs-service fixture): {why}");
        return;
    }
    let json = std::fs::read_to_string(crate_dir().join("tests/fixtures/clean/ecs-service.json"))
        .expect("the fixture exists");
    let dir = export("ecs-service", &json, &[]).unwrap_or_else(|e| panic!("{e}"));
    let run = apply_on_moto("fixture ecs-service", &dir, 2);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
    assert!(
        run.ok,
        "the fixture must apply and plan clean on moto:\n{}",
        run.why()
    );
    assert!(
        run.output
            .contains("emulated Application Auto Scaling ListTagsForResource"),
        "the harness names its Application Auto Scaling patch"
    );
    assert!(
        run.output.contains("[apply-on-moto] flows: OK"),
        "the services' flows are checked on what moto holds"
    );
    for want in [
        "ok      usw2-alb -> usw2-api:8080",
        "ok      use1-api -> use1-db:5432",
    ] {
        assert!(run.output.contains(want), "flow `{want}` checked");
    }
}

/// The ElastiCache fixture (a Redis cache with two nodes across two AZs in
/// us-east-1, a single-node Valkey cache in eu-west-1, each with its own key,
/// subnet group, security group and IAM-authenticated user group) applies
/// from empty and plans clean; its caches admit their VPC's groups on 6379
/// and nothing else (the flow check). moto 5.2.1 lacks user groups and
/// registers no member clusters; the harness's moto emulates both and says so.
#[test]
fn elasticache_fixture_applies_on_moto() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (elasticache fixture): {why}");
        return;
    }
    let json = std::fs::read_to_string(crate_dir().join("tests/fixtures/clean/elasticache.json"))
        .expect("the fixture exists");
    let dir = export("elasticache", &json, &[]).unwrap_or_else(|e| panic!("{e}"));
    let run = apply_on_moto("fixture elasticache", &dir, 2);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
    assert!(
        run.ok,
        "the fixture must apply and plan clean on moto:\n{}",
        run.why()
    );
    for stack in ["regions/us-east-1", "regions/eu-west-1", "iam"] {
        assert!(
            run.output.lines().any(|l| matches!(l.split_whitespace().collect::<Vec<_>>()[..], [s, "applied", "clean" | "clean*", ..] if s == stack)),
            "summary line `{stack} applied clean` missing"
        );
    }
    assert!(
        !run.output.contains("skip module.elasticache_"),
        "the caches must be applied, not skipped"
    );
    for flow in [
        "use1-app -> use1-sessions:6379",
        "euw1-app -> euw1-sessions:6379",
    ] {
        assert!(
            run.output.contains(&format!("ok      {flow}")),
            "flow `{flow}` not checked"
        );
    }
    assert!(run.output.contains("[apply-on-moto] flows: OK"));
}

/// Layered state (`state.split = "region_layer"`, tests/fixtures/clean/layers.json):
/// each region's platform root, then its workloads root, which reads the
/// platform's state; the harness follows the README's order, each root
/// applies from empty and plans clean, and the flows hold although the
/// rules that admit the applications to the databases live in the
/// workloads root, on the platform's security groups.
#[test]
fn layered_fixture_applies_on_moto() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(why) = skip_reason() {
        eprintln!("SKIPPED apply-on-moto (layers fixture): {why}");
        return;
    }
    let json = std::fs::read_to_string(crate_dir().join("tests/fixtures/clean/layers.json"))
        .expect("the fixture exists");
    let dir = export("layers", &json, &[]).unwrap_or_else(|e| panic!("{e}"));
    let run = apply_on_moto("fixture layers", &dir, 2);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
    assert!(
        run.ok,
        "the layered fixture must apply and plan clean on moto:\n{}",
        run.why()
    );
    let order = run
        .output
        .lines()
        .find_map(|l| l.strip_prefix("[apply-on-moto] apply order: "))
        .unwrap_or_default();
    assert_eq!(
        order.split_whitespace().collect::<Vec<_>>(),
        [
            "bootstrap",
            "iam",
            "regions/us-east-1/platform",
            "regions/us-east-1/workloads",
            "regions/us-west-2/platform",
            "regions/us-west-2/workloads",
            "global"
        ],
        "the README's order"
    );
    for stack in [
        "regions/us-east-1/platform",
        "regions/us-east-1/workloads",
        "regions/us-west-2/platform",
        "regions/us-west-2/workloads",
        "global",
    ] {
        assert!(
            run.output.lines().any(|l| matches!(l.split_whitespace().collect::<Vec<_>>()[..], [s, "applied", "clean" | "clean*", ..] if s == stack)),
            "summary line `{stack} applied clean` missing"
        );
    }
    assert!(run.output.contains("[apply-on-moto] flows: OK"));
}
