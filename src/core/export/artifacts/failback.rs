//! `scripts/failback.sh`: the way home after `promote-dr.sh`, once the
//! primary region is healthy again. The part most runbooks skip.
//!
//! Aurora Global: after a failover with data loss the old primary cluster
//! rejoins as a secondary when its region returns; wait until it is in
//! sync, then switch over (planned, no data loss). If it never rejoins, the
//! fallback is snapshot, detach, delete, and recreate it as a secondary.
//! RDS: the promoted replica no longer replicates, so the stale primary is
//! deleted (final snapshot kept), a new replica is built in the primary
//! region from the current writer, and writers are switched in a window.
//! Every destructive step stops and asks first.

use super::failover::{failover_instance, partition, DbKind, DbMove, Plan};
use super::promote_dr::{checks, records};
use super::shell::{prelude, shell_word as w};

/// The script, for the same designs as `promote-dr.sh`.
pub fn failback(plan: &Plan<'_>) -> String {
    let home = &plan.primary.code;
    let mut sh = prelude(
        "failback.sh",
        &[
            &format!("Fail back to {home} after scripts/promote-dr.sh, once {home} is healthy."),
            "A dry run (every command printed, nothing called) unless --confirm; with",
            "--confirm it stops and asks before every destructive step.",
            "",
            "Failover records send traffic back to the primary as soon as its health",
            "check passes: keep the primary's application out of service until its",
            "database is the writer again (this script's first step).",
        ],
        if super::promote_dr::can_move_records(plan) {
            &[super::promote_dr::MOVE_RECORDS]
        } else {
            &[]
        },
    );
    sh.push_str(&format!("HOME_REGION={}\n", w(home)));
    sh.push_str("PENDING=0\n");
    sh.push_str("if [ \"$CONFIRM\" = 1 ]; then MODE=\"for real\"; else MODE=\"dry run, nothing is changed\"; fi\n");
    sh.push_str("log \"failing back to $HOME_REGION ($MODE)\"\n\n");
    if !plan.databases.is_empty() {
        sh.push_str(&format!("ACCOUNT=$(capture ACCOUNT_ID aws sts get-caller-identity --region {} --query Account --output text)\n\n", w(home)));
        sh.push_str("STAMP=$(date -u +%Y%m%d%H%M)\n");
        sh.push_str(MEMBER_STATE);
    }
    sh.push_str("log \"== 1. databases\"\n");
    for (i, d) in plan.databases.iter().enumerate() {
        match &d.kind {
            DbKind::Aurora { .. } => sh.push_str(&aurora(home, d, i + 1, plan.data_root)),
            DbKind::Rds { multi_az, stranded } => {
                sh.push_str(&rds(home, d, *multi_az, plan.data_root));
                sh.push_str(&rebuild_stranded(d, stranded, plan.data_root));
            }
        }
    }
    for t in &plan.tables {
        sh.push_str(&format!(
            "log \"DynamoDB global table \"{}\": nothing to do, every replica accepts writes\"\n",
            w(t)
        ));
    }
    if plan.databases.is_empty() && plan.tables.is_empty() {
        sh.push_str("log \"no database replicates across regions: nothing to move back\"\n");
    }
    sh.push_str("\nif [ \"$PENDING\" = 1 ] && [ \"$CONFIRM\" = 1 ]; then\n  log \"stopping here: recreate the database(s) above as secondaries, then run this script again\"\n  exit 0\nfi\n");
    sh.push_str("\nlog \"== 2. traffic back to the primary\"\n");
    sh.push_str(&records(plan, true));
    sh.push_str("\nlog \"== 3. check the primary's endpoints\"\n");
    sh.push_str(&checks(plan, true));
    sh.push_str(super::promote_dr::UNMOVED_CHECK);
    sh.push_str("\nlog \"== 4. the groups that took over go back to their design size\"\n");
    for g in plan.groups.iter().filter(|g| !g.at_size()) {
        let (r, n) = (w(&g.region), w(&g.name));
        sh.push_str(&format!(
            "ask {}\n",
            w(&format!(
                "Scale group {} in {} back to min {}, desired {}?",
                g.name, g.region, g.design.0, g.design.1
            ))
        ));
        sh.push_str(&format!(
            "run aws autoscaling update-auto-scaling-group --region {r} --auto-scaling-group-name {n} --min-size {} --desired-capacity {} --max-size {}\n",
            g.design.0, g.design.1, g.design.2
        ));
    }
    sh.push_str(&super::failover_ecs::shrink(&plan.services));
    sh.push_str("\nif [ \"$CONFIRM\" = 1 ]; then\n  log \"failback done; apply the stacks in the README's order to reconcile the drift\"\nelse\n  log \"dry run: nothing was changed; re-run with --confirm to fail back\"\nfi\n");
    sh
}

/// `member_state REGION GLOBAL ARN`: `writer`, the secondary's
/// synchronization status (`connected`, `pending-resync`), or `absent`.
const MEMBER_STATE: &str = r#"member_state() {
  local rows
  rows=$(capture "$3 False connected" aws rds describe-global-clusters --region "$1" --global-cluster-identifier "$2" \
    --query 'GlobalClusters[0].GlobalClusterMembers[].[DBClusterArn,IsWriter,SynchronizationStatus]' --output text) || rows=""
  awk -v arn="$3" '$1 == arn { found = 1; if ($2 == "True") print "writer"; else if ($3 == "" || $3 == "None") print "connected"; else print $3 }
    END { if (!found) print "absent" }' <<<"$rows"
}

"#;

/// `root`: the root holding databases, under `regions/<code>` (`""` or `/platform`).
fn aurora(home: &str, d: &DbMove, n: usize, root: &str) -> String {
    let DbKind::Aurora {
        global_id,
        primary_instances,
        headless,
        ..
    } = &d.kind
    else {
        return String::new();
    };
    let (g, old, dr) = (w(global_id), w(&d.primary_id), w(&d.target_region));
    let h = w(home);
    let mut sh = format!(
        "log \"Aurora global cluster \"{g}\": bring \"{old}\" in \"{h}\" back as the writer\"\n"
    );
    sh.push_str(&format!(
        "printf -v OLD_{n} 'arn:%s:rds:%s:%s:cluster:%s' {} {h} \"$ACCOUNT\" {old}\n",
        w(partition(home))
    ));
    sh.push_str(&format!(
        "STATE_{n}=$(member_state {dr} {g} \"$OLD_{n}\")\n"
    ));
    sh.push_str(&format!(
        "if [ \"$STATE_{n}\" != writer ] && [ \"$STATE_{n}\" != connected ]; then\n"
    ));
    sh.push_str(&format!(
        "  wait_for {} connected 360 10 member_state {dr} {g} \"$OLD_{n}\" || true\n  STATE_{n}=$(member_state {dr} {g} \"$OLD_{n}\")\nfi\n",
        w(&format!("{} has rejoined {} as a secondary in sync", d.primary_id, global_id))
    ));
    sh.push_str(&format!("case \"$STATE_{n}\" in\n  writer) log \"\"{old}\" is the writer already: nothing to do\" ;;\n  connected)\n"));
    sh.push_str(&format!(
        "    ask {}\n",
        w(&format!(
            "Switch the writer of {global_id} back to {} (planned switchover, no data loss)?",
            d.primary_id
        ))
    ));
    sh.push_str(&format!("    run aws rds switchover-global-cluster --region {h} --global-cluster-identifier {g} --target-db-cluster-identifier \"$OLD_{n}\"\n"));
    sh.push_str(&format!(
        "    wait_for {} \"$OLD_{n}\" 90 10 aws rds describe-global-clusters --region {h} --global-cluster-identifier {g} --query 'GlobalClusters[0].GlobalClusterMembers[?IsWriter].DBClusterArn | [0]' --output text\n",
        w(&format!("{} is the writer of {}", d.primary_id, global_id))
    ));
    if *headless {
        let id = failover_instance(&d.target_id);
        let inst = w(&id);
        sh.push_str(&format!("    ask {}\n", w(&format!("Delete instance {id}, created by promote-dr.sh (the design keeps the secondary headless)?"))));
        sh.push_str(&format!(
            "    run aws rds delete-db-instance --region {dr} --db-instance-identifier {inst}\n"
        ));
    }
    sh.push_str(&format!("    ;;\n  *) aurora_fallback_{n} ;;\nesac\n"));
    sh.push_str(&format!("[ \"$CONFIRM\" = 1 ] || {{ log \"if it had not rejoined, the fallback would run:\"; aurora_fallback_{n}; }}\n\n"));
    // The fallback function goes before the code that calls it.
    let mut f = format!("# The old primary did not rejoin: snapshot, detach and delete it; recreate it as a secondary.\naurora_fallback_{n}() {{\n");
    f.push_str(&format!("  log \"\"{old}\" did not rejoin \"{g}\": the fallback is snapshot, detach, delete, recreate\"\n"));
    f.push_str(&format!(
        "  run aws rds create-db-cluster-snapshot --region {h} --db-cluster-identifier {old} --db-cluster-snapshot-identifier {}\"-before-failback-$STAMP\"\n",
        old
    ));
    f.push_str(&format!("  run aws rds wait db-cluster-snapshot-available --region {h} --db-cluster-snapshot-identifier {old}\"-before-failback-$STAMP\"\n"));
    f.push_str(&format!(
        "  ask {}\n",
        w(&format!(
            "Detach {} from {global_id} (it stays as a standalone cluster)?",
            d.primary_id
        ))
    ));
    f.push_str(&format!("  run aws rds remove-from-global-cluster --region {h} --global-cluster-identifier {g} --db-cluster-identifier \"$OLD_{n}\" || true\n"));
    f.push_str(&format!(
        "  ask {}\n",
        w(&format!("Delete the stale cluster {} and its {primary_instances} instance(s) in {home} (the snapshot is kept)?", d.primary_id))
    ));
    f.push_str(&format!("  run aws rds modify-db-cluster --region {h} --db-cluster-identifier {old} --no-deletion-protection --apply-immediately\n"));
    for i in 0..*primary_instances {
        let inst = w(&format!("{}-{i}", d.primary_id));
        f.push_str(&format!(
            "  run aws rds delete-db-instance --region {h} --db-instance-identifier {inst}\n"
        ));
        f.push_str(&format!(
            "  run aws rds wait db-instance-deleted --region {h} --db-instance-identifier {inst}\n"
        ));
    }
    f.push_str(&format!("  run aws rds delete-db-cluster --region {h} --db-cluster-identifier {old} --skip-final-snapshot\n"));
    f.push_str(&format!(
        "  log \"next: in Topoform make \"{dr}\" the primary region, export, apply regions/\"{h}\"{root} (it joins \"{g}\" as a secondary), wait for it to sync, run this script again, then make \"{h}\" primary again and apply every stack\"\n"
    ));
    f.push_str("  PENDING=1\n}\n");
    f + &sh
}

/// The primary's other replicas, outside the region that took over: their
/// source was deleted above (an RDS replica cannot be pointed at another
/// source), so each is deleted, final snapshot kept, for applying its
/// region's root to recreate it as a replica of the writer back home.
fn rebuild_stranded(d: &DbMove, stranded: &[(String, String)], root: &str) -> String {
    let mut sh = String::new();
    for (region, id) in stranded {
        let (r, i) = (w(region), w(id));
        sh.push_str(&format!(
            "log \"\"{i}\" in \"{r}\" replicated from the old \"{}\", which is gone: it no longer follows any writer\"\n",
            w(&d.primary_id)
        ));
        sh.push_str(&format!(
            "ask {}\n",
            w(&format!("Delete the stranded replica {id} in {region} (final snapshot kept) so that applying regions/{region}{root} recreates it as a replica of {}?", d.primary_id))
        ));
        sh.push_str(&format!("run aws rds modify-db-instance --region {r} --db-instance-identifier {i} --no-deletion-protection --apply-immediately\n"));
        sh.push_str(&format!(
            "run aws rds delete-db-instance --region {r} --db-instance-identifier {i} --final-db-snapshot-identifier {i}\"-after-failback-$STAMP\"\n"
        ));
        sh.push_str(&format!(
            "run aws rds wait db-instance-deleted --region {r} --db-instance-identifier {i}\n"
        ));
        sh.push_str(&format!(
            "log \"then: terraform -chdir=regions/\"{r}\"{root} apply (recreates the replica)\"\n\n"
        ));
    }
    sh
}

/// `root`: the root holding databases, under `regions/<code>` (`""` or `/platform`).
fn rds(home: &str, d: &DbMove, multi_az: bool, root: &str) -> String {
    let (h, dr, id, src) = (
        w(home),
        w(&d.target_region),
        w(&d.primary_id),
        w(&d.target_id),
    );
    let mut sh = format!("log \"RDS: \"{src}\" in \"{dr}\" is the writer and replicates to nothing: build a new replica of it in \"{h}\"\"\n");
    sh.push_str(&format!(
        "OLD=$(capture 'KMS_KEY_ARN SECURITY_GROUP_ID' aws rds describe-db-instances --region {h} --db-instance-identifier {id} --query 'DBInstances[0].[KmsKeyId,VpcSecurityGroups[0].VpcSecurityGroupId]' --output text) || OLD=\"\"\n"
    ));
    sh.push_str("read -r KMS_KEY SECURITY_GROUP <<<\"$OLD\" || true\n");
    sh.push_str(&format!(
        "if [ -z \"${{SECURITY_GROUP:-}}\" ]; then\n  log \"the old primary \"{id}\" is gone from \"{h}\": its KMS key and security group are unknown; apply regions/\"{h}\"{root} to recreate it instead\"\n  exit 1\nfi\n"
    ));
    sh.push_str(&format!(
        "ask {}\n",
        w(&format!("Delete the stale {} in {home} (its data stopped at the failover; final snapshot {}-before-failback-<time> is kept)?", d.primary_id, d.primary_id))
    ));
    sh.push_str(&format!("run aws rds modify-db-instance --region {h} --db-instance-identifier {id} --no-deletion-protection --apply-immediately\n"));
    sh.push_str(&format!(
        "run aws rds delete-db-instance --region {h} --db-instance-identifier {id} --final-db-snapshot-identifier {id}\"-before-failback-$STAMP\"\n"
    ));
    sh.push_str(&format!(
        "run aws rds wait db-instance-deleted --region {h} --db-instance-identifier {id}\n"
    ));
    sh.push_str(&format!(
        "printf -v SOURCE_ARN 'arn:%s:rds:%s:%s:db:%s' {} {dr} \"$ACCOUNT\" {src}\n",
        w(partition(&d.target_region))
    ));
    sh.push_str(&format!(
        "run aws rds create-db-instance-read-replica --region {h} --db-instance-identifier {id} --source-db-instance-identifier \"$SOURCE_ARN\" --source-region {dr} --db-instance-class {} --db-subnet-group-name {id} --vpc-security-group-ids \"$SECURITY_GROUP\" --kms-key-id \"$KMS_KEY\"{}\n",
        w(&d.instance_class),
        if multi_az { " --multi-az" } else { "" }
    ));
    sh.push_str(&format!(
        "run aws rds wait db-instance-available --region {h} --db-instance-identifier {id}\n"
    ));
    sh.push_str(&format!(
        "ask {}\n",
        w(&format!("Window: stop the writers in {}, let ReplicaLag reach 0. Promote {} in {home} to be the writer?", d.target_region, d.primary_id))
    ));
    sh.push_str(&format!(
        "run aws rds promote-read-replica --region {h} --db-instance-identifier {id}\n"
    ));
    sh.push_str(&format!(
        "wait_for {} None 90 10 aws rds describe-db-instances --region {h} --db-instance-identifier {id} --query 'DBInstances[0].ReadReplicaSourceDBInstanceIdentifier' --output text\n",
        w(&format!("{} no longer replicates", d.primary_id))
    ));
    sh.push_str(&format!(
        "run aws rds wait db-instance-available --region {h} --db-instance-identifier {id}\n"
    ));
    sh.push_str(&format!(
        "log \"\"{src}\" in \"{dr}\" is now a stale writer; the next steps make it a replica again\"\n"
    ));
    sh.push_str(&format!(
        "ask {}\n",
        w(&format!("Delete the old writer {} in {} (final snapshot kept) so that applying regions/{}{root} recreates it as a replica?", d.target_id, d.target_region, d.target_region))
    ));
    sh.push_str(&format!("run aws rds modify-db-instance --region {dr} --db-instance-identifier {src} --no-deletion-protection --apply-immediately\n"));
    sh.push_str(&format!(
        "run aws rds delete-db-instance --region {dr} --db-instance-identifier {src} --final-db-snapshot-identifier {src}\"-after-failback-$STAMP\"\n"
    ));
    sh.push_str(&format!(
        "run aws rds wait db-instance-deleted --region {dr} --db-instance-identifier {src}\n"
    ));
    sh.push_str(&format!(
        "log \"then: terraform -chdir=regions/\"{dr}\"{root} apply (recreates the replica)\"\n\n"
    ));
    sh
}
