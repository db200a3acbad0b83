//! `scripts/promote-dr.sh`: the failover runbook. AWS CLI only, no
//! Terraform (state may sit in the failed region, and reconciling it during
//! an outage is how things get destroyed).
//!
//! Order: raise the taking regions' groups and services to production size
//! (min and desired, so a scale-in cannot undo it) without waiting, so their
//! instances boot while the databases are promoted; promote each database
//! the way its kind needs and wait for it; move the DNS records that do not
//! move by themselves; wait for the new instances and tasks to be in
//! service; check the new endpoints answer. Traffic moves as soon as the
//! data is writable: the capacity that is already running serves meanwhile.

use super::failover::{
    failover_instance, partition, DbKind, Plan, RecordAction, RecordMove, SetChange,
};
use super::shell::{prelude, shell_word as w, Flag};

/// The script, for a design with a primary and somewhere to fail over to.
pub fn promote_dr(plan: &Plan<'_>) -> String {
    let from = &plan.primary.code;
    let to: Vec<&str> = plan.takers.iter().map(|r| r.code.as_str()).collect();
    let mut sh = prelude(
        "promote-dr.sh",
        &[
            &format!(
                "Fail over from {from} to {}: grow the groups (without waiting), promote",
                to.join(", ")
            ),
            "the databases, move the DNS records that do not move by themselves, wait",
            "for the new capacity, check the endpoints.",
            "",
            "A dry run (every command printed, nothing called) unless --confirm.",
            "Default: the primary region is down (Aurora: failover --allow-data-loss).",
            "--planned: the primary is healthy (Aurora: switchover, no data loss).",
            "",
            "Route 53 record changes go through its control plane in us-east-1, which",
            "may be impaired in an outage; failover records with health checks switch",
            "in the data plane and need no change: prefer them.",
        ],
        &[
            Flag {
                name: "--planned",
                var: "PLANNED",
                help: "the primary is healthy: switch over without data loss",
            },
            MOVE_RECORDS,
        ][..if can_move_records(plan) { 2 } else { 1 }],
    );
    sh.push_str(&format!("PRIMARY_REGION={}\n", w(from)));
    sh.push_str("if [ \"$CONFIRM\" = 1 ]; then MODE=\"for real\"; else MODE=\"dry run, nothing is changed\"; fi\n");
    sh.push_str(&format!(
        "log \"failing over from $PRIMARY_REGION to \"{}\" ($MODE)\"\n",
        w(&to.join(", "))
    ));
    sh.push_str(
        "[ \"$PLANNED\" = 1 ] && log \"planned: the primary is healthy, so no write is lost\"\n\n",
    );
    // The account id is needed for ARNs, which only Aurora's global calls take.
    if let Some(d) = plan
        .databases
        .iter()
        .find(|d| matches!(d.kind, DbKind::Aurora { .. }))
    {
        let region = d.target_region.as_str();
        sh.push_str(&format!(
            "ACCOUNT=$(capture ACCOUNT_ID aws sts get-caller-identity --region {} --query Account --output text)\n\n",
            w(region)
        ));
    }
    grow(plan, &mut sh);
    sh.push_str("\nlog \"== 2. databases\"\n");
    for (i, d) in plan.databases.iter().enumerate() {
        let r = w(&d.target_region);
        let t = w(&d.target_id);
        match &d.kind {
            DbKind::Aurora {
                global_id,
                engine,
                headless,
                ..
            } => {
                let g = w(global_id);
                let arn = format!("ARN_{}", i + 1);
                sh.push_str(&format!(
                    "log \"Aurora global cluster \"{g}\": make \"{t}\" in \"{r}\" the writer\"\n"
                ));
                sh.push_str(&format!(
                    "printf -v {arn} 'arn:%s:rds:%s:%s:cluster:%s' {} {r} \"$ACCOUNT\" {t}\n",
                    w(partition(&d.target_region))
                ));
                if *headless {
                    let inst = w(&failover_instance(&d.target_id));
                    sh.push_str(
                        "log \"the secondary has no instance: create one to take the writes\"\n",
                    );
                    sh.push_str(&format!(
                        "run aws rds create-db-instance --region {r} --db-instance-identifier {inst} --db-cluster-identifier {t} --engine {} --db-instance-class {}\n",
                        w(engine),
                        w(&d.instance_class)
                    ));
                    sh.push_str(&format!("run aws rds wait db-instance-available --region {r} --db-instance-identifier {inst}\n"));
                    sh.push_str(&format!(
                        "log \"note: \"{inst}\" is the runbook's own: the design's instances come with its next apply as primary (make-primary), and failback.sh deletes it\"\n"
                    ));
                }
                sh.push_str("if [ \"$PLANNED\" = 1 ]; then\n");
                sh.push_str(&format!(
                    "  run aws rds switchover-global-cluster --region {r} --global-cluster-identifier {g} --target-db-cluster-identifier \"${arn}\"\nelse\n"
                ));
                sh.push_str(&format!(
                    "  run aws rds failover-global-cluster --region {r} --global-cluster-identifier {g} --target-db-cluster-identifier \"${arn}\" --allow-data-loss\nfi\n"
                ));
                sh.push_str(&format!(
                    "wait_for {} \"${arn}\" 90 10 aws rds describe-global-clusters --region {r} --global-cluster-identifier {g} --query 'GlobalClusters[0].GlobalClusterMembers[?IsWriter].DBClusterArn | [0]' --output text\n",
                    w(&format!("{} is the writer of {}", d.target_id, global_id))
                ));
                sh.push_str(&format!("run aws rds wait db-cluster-available --region {r} --db-cluster-identifier {t}\n\n"));
            }
            DbKind::Rds { stranded, .. } => {
                sh.push_str(&format!("log \"RDS: promote the read replica \"{t}\" in \"{r}\" to a standalone writer\"\n"));
                sh.push_str("[ \"$PLANNED\" = 1 ] && log \"planned: stop the writers and let ReplicaLag reach 0 before this step\"\n");
                sh.push_str(&format!(
                    "run aws rds promote-read-replica --region {r} --db-instance-identifier {t}\n"
                ));
                sh.push_str(&format!(
                    "wait_for {} None 90 10 aws rds describe-db-instances --region {r} --db-instance-identifier {t} --query 'DBInstances[0].ReadReplicaSourceDBInstanceIdentifier' --output text\n",
                    w(&format!("{} no longer replicates", d.target_id))
                ));
                sh.push_str(&format!("run aws rds wait db-instance-available --region {r} --db-instance-identifier {t}\n\n"));
                for (region, id) in stranded {
                    sh.push_str(&format!(
                        "log \"note: \"{}\" in \"{}\" replicates from the lost \"{}\" and cannot follow \"{t}\": it serves reads as of the outage until failback.sh rebuilds it\"\n",
                        w(id),
                        w(region),
                        w(&d.primary_id)
                    ));
                }
            }
        }
    }
    for t in &plan.tables {
        sh.push_str(&format!("log \"DynamoDB global table \"{}\": nothing to promote, every replica accepts writes\"\n", w(t)));
    }
    if plan.databases.is_empty() && plan.tables.is_empty() {
        sh.push_str("log \"no database replicates across regions: nothing to promote\"\n");
    }
    sh.push_str("\nlog \"== 3. traffic\"\n");
    sh.push_str(&records(plan, false));
    sh.push_str("\nlog \"== 4. wait for the new capacity\"\n");
    sh.push_str(&grow_wait(plan));
    sh.push_str("\nlog \"== 5. check the endpoints that now serve\"\n");
    sh.push_str(&checks(plan, false));
    sh.push_str(UNMOVED_CHECK);
    sh.push_str("\nif [ \"$CONFIRM\" = 1 ]; then\n  log \"failover done; reconcile Terraform (see README, Failover) once the incident is over\"\nelse\n  log \"dry run: nothing was changed; re-run with --confirm to fail over\"\nfi\n");
    sh
}

/// Step 1: every group and service of the taking regions raised to
/// production size, without waiting: their instances and tasks boot while
/// the databases are promoted (step 2), so the growth adds nothing to the
/// failover's time when it is no longer than the promotion.
fn grow(plan: &Plan<'_>, sh: &mut String) {
    sh.push_str("log \"== 1. grow the groups to production size (at once: instances boot while the databases are promoted)\"\n");
    for g in &plan.groups {
        let (r, n) = (w(&g.region), w(&g.name));
        let (min, desired) = g.production;
        if g.at_size() {
            sh.push_str(&format!("log \"group \"{n}\" in \"{r}\": already at production size (min {}, desired {})\"\n", g.design.0, g.design.1));
            continue;
        }
        let max = if desired > g.design.2 {
            format!(" --max-size {desired}")
        } else {
            String::new()
        };
        sh.push_str(&format!(
            "log \"group \"{n}\" in \"{r}\": min {} -> {min}, desired {} -> {desired} (from {})\"\n",
            g.design.0, g.design.1, g.source
        ));
        sh.push_str(&format!(
            "run aws autoscaling update-auto-scaling-group --region {r} --auto-scaling-group-name {n} --min-size {min} --desired-capacity {desired}{max}\n"
        ));
    }
    if plan.groups.is_empty() {
        sh.push_str("log \"no Auto Scaling group in the regions that take over\"\n");
    }
    if !plan.services.is_empty() {
        sh.push_str(
            "log \"ECS services, like the groups: the scaling minimum and the desired count\"\n",
        );
        sh.push_str(&super::failover_ecs::grow(&plan.services));
    }
}

/// Step 4: wait until what step 1 raised is in service.
fn grow_wait(plan: &Plan<'_>) -> String {
    let mut sh = String::new();
    for g in plan.groups.iter().filter(|g| !g.at_size()) {
        let (r, n) = (w(&g.region), w(&g.name));
        let desired = g.production.1;
        sh.push_str(&format!(
            "wait_for {} {desired} 60 10 aws autoscaling describe-auto-scaling-groups --region {r} --auto-scaling-group-names {n} --query \"length(AutoScalingGroups[0].Instances[?LifecycleState=='InService'])\" --output text\n",
            w(&format!("{} has {desired} instances in service", g.name))
        ));
        sh.push_str(&format!(
            "log \"note: the next apply of regions/\"{r}\"{} sets it back to min {}, desired {}: raise its size in the design, or apply it only after failback\"\n",
            plan.app_root, g.design.0, g.design.1
        ));
    }
    sh.push_str(&super::failover_ecs::grow_wait(
        &plan.services,
        plan.app_root,
    ));
    if sh.is_empty() {
        sh.push_str("log \"nothing grew: nothing to wait for\"\n");
    }
    sh
}

/// The flag that re-points records which would move by themselves, for
/// when the primary's health check keeps passing; given to both runbooks
/// when the plan has such a record (see [`RecordAction::Automatic`]).
pub(super) const MOVE_RECORDS: Flag = Flag {
    name: "--move-records",
    var: "MOVE_RECORDS",
    help: "also re-point records that follow a health check (it still passes: an AZ loss took the writer, not the load balancer)",
};

/// Whether the plan has a record `--move-records` would re-point.
pub(super) fn can_move_records(plan: &Plan<'_>) -> bool {
    plan.records
        .iter()
        .any(|r| matches!(&r.action, RecordAction::Automatic(_, sets) if !sets.is_empty()))
}

/// The DNS step: each record moves by itself, needs no move, or gets an
/// UPSERT pointing its primary set at the taking region (`back`: at the
/// primary). A record that moves by itself is re-pointed too with
/// `--move-records`.
pub(super) fn records(plan: &Plan<'_>, back: bool) -> String {
    let mut sh = String::from("UNMOVED=\"\"\n");
    if plan.records.is_empty() {
        sh.push_str("log \"no Route 53 record in the design\"\n");
    }
    for a in &plan.accelerators {
        sh.push_str(&format!("log \"Global Accelerator \"{}\": moves by itself, it stops sending to an unhealthy endpoint\"\n", w(a)));
        if !back {
            sh.push_str("log \"  unless the primary's endpoints stay healthy (an AZ loss took the writer, not the load balancer): then set its traffic dial to 0 by hand\"\n");
        }
    }
    for a in &plan.idle_accelerators {
        sh.push_str(&format!(
            "log \"Global Accelerator \"{}\": nothing to change: no endpoint in the primary region\"\n",
            w(a)
        ));
    }
    for a in &plan.stranded_accelerators {
        sh.push_str(&if back {
            format!("log \"Global Accelerator \"{}\": serves again by itself once its endpoints in the primary region are healthy\"\n", w(a))
        } else {
            format!("log \"WARNING: Global Accelerator \"{}\" has every endpoint in the primary region: it has nowhere to send traffic until that region returns; clients of its static addresses get no answer (give it an endpoint in a region that takes over)\"\n", w(a))
        });
    }
    let mut n = 0;
    for rec in &plan.records {
        let name = w(&rec.fqdn);
        match &rec.action {
            RecordAction::Automatic(_, sets) if back => {
                sh.push_str(&format!(
                    "log \"record \"{name}\" ({}): moves back by itself once the primary's health check passes\"\n",
                    rec.policy
                ));
                if !sets.is_empty() {
                    sh.push_str("if [ \"$MOVE_RECORDS\" = 1 ]; then\n");
                    sh.push_str("log \"  --move-records: pointing it back at the primary (promote-dr.sh --move-records pointed it away)\"\n");
                    upserts(&mut sh, rec, sets, back, true, &mut n);
                    sh.push_str("else\nlog \"  if promote-dr.sh ran with --move-records, run this with --move-records too: it points the record back\"\nfi\n");
                }
            }
            RecordAction::Automatic(why, sets) => {
                sh.push_str(&format!(
                    "log \"record \"{name}\" ({}): moves by itself, nothing to change: \"{}\n",
                    rec.policy,
                    w(why)
                ));
                if sets.is_empty() {
                    sh.push_str("log \"  unless the primary's health check still passes (an AZ loss took the writer, not the load balancer): then move it by hand\"\n");
                } else {
                    sh.push_str("if [ \"$MOVE_RECORDS\" = 1 ]; then\n");
                    sh.push_str("log \"  --move-records: re-pointing it now, its health check may still pass (an AZ loss took the writer, not the load balancer)\"\n");
                    upserts(&mut sh, rec, sets, back, true, &mut n);
                    sh.push_str("log \"note: a Terraform apply of the stack holding the records points it back at the primary: apply it only after failback\"\n");
                    sh.push_str(&format!(
                        "else\nlog \"  unless the primary's health check still passes (an AZ loss took the writer, not the load balancer): then run with --move-records, which points it at \"{}\" in \"{}\nfi\n",
                        w(&sets[0].dr.1),
                        w(&sets[0].dr.0)
                    ));
                }
            }
            RecordAction::Untouched(why) => sh.push_str(&format!(
                "log \"record \"{name}\": nothing to change: \"{}\n",
                w(why)
            )),
            // promote-dr.sh changed nothing: what was moved by hand goes back by hand.
            RecordAction::Manual(why) if back => sh.push_str(&format!(
                "log \"record \"{name}\": if it was pointed elsewhere by hand, point it back at the primary by hand (promote-dr.sh could not move it: \"{}\")\"\n",
                w(why)
            )),
            RecordAction::Manual(why) => sh.push_str(&format!(
                "log \"record \"{name}\": CHANGE IT BY HAND: \"{}\n",
                w(why)
            )),
            RecordAction::Change(sets) => {
                sh.push_str(&if rec.moves_alone && !back {
                    format!("log \"record \"{name}\" ({}): moves by itself once Route 53 sees its load balancer unhealthy (alias target health); re-pointing it as well (Route 53 control plane, us-east-1)\"\n", rec.policy)
                } else if back {
                    format!("log \"record \"{name}\" ({}): pointing it back (Route 53 control plane, us-east-1)\"\n", rec.policy)
                } else {
                    format!("log \"record \"{name}\" ({}) does not move by itself: re-pointing it (Route 53 control plane, us-east-1)\"\n", rec.policy)
                });
                upserts(&mut sh, rec, sets, back, false, &mut n);
            }
        }
    }
    sh
}

/// The commands that point each of `sets` at the taking region's load
/// balancer (`back`: at the primary's), numbered on from `n`. A set with a
/// health check gets its id from the live set first: the UPSERT replaces
/// the whole set, and the check stays with it.
///
/// Each set's commands run in a function of their own, so a change that
/// fails (Route 53's control plane is in us-east-1, impaired when that
/// region is) does not stop the runbook before its capacity and checks: a
/// record that moves by itself (`forced`, or [`RecordMove::moves_alone`])
/// gets a warning when failing over; any other, and any when failing back,
/// is named in `UNMOVED`, which fails the run at its end.
fn upserts(
    sh: &mut String,
    rec: &RecordMove,
    sets: &[SetChange],
    back: bool,
    forced: bool,
    n: &mut usize,
) {
    for set in sets {
        *n += 1;
        let n = *n;
        let (r, alb) = if back { &set.primary } else { &set.dr };
        if back {
            sh.push_str(&format!(
                "ask {}\n",
                w(&format!("Point {} back at {} in {}?", rec.fqdn, alb, r))
            ));
        }
        sh.push_str(&format!("move_record_{n}() {{\n"));
        match &rec.zone_id {
            // The design names the zone (dns.zone_id): no look-up.
            Some(id) => sh.push_str(&format!("  ZONE_{n}={}\n", w(id))),
            None => sh.push_str(&format!(
                "  ZONE_{n}=$(capture ZONE_ID aws route53 list-hosted-zones-by-name --region us-east-1 --dns-name {} --max-items 1 --query 'HostedZones[0].Id' --output text) || return 1\n",
                w(&rec.zone)
            )),
        }
        sh.push_str(&format!(
            "  ALB_{n}=$(capture 'ALB_DNS_NAME ALB_ZONE_ID' aws elbv2 describe-load-balancers --region {} --names {} --query 'LoadBalancers[0].[DNSName,CanonicalHostedZoneId]' --output text) || return 1\n",
            w(r),
            w(alb)
        ));
        sh.push_str(&format!("  read -r ALB_DNS ALB_ZONE <<<\"$ALB_{n}\"\n"));
        let batch = format!("{{\"Comment\":\"{}\",\"Changes\":[{{\"Action\":\"UPSERT\",\"ResourceRecordSet\":{}}}]}}", if back { "failback" } else { "failover" }, set.set_json);
        sh.push_str(&format!("  BATCH_{n}={}\n", w(&batch)));
        sh.push_str(&format!("  BATCH_{n}=${{BATCH_{n}//__ALB_DNS__/\"$ALB_DNS\"}}\n  BATCH_{n}=${{BATCH_{n}//__ALB_ZONE__/\"$ALB_ZONE\"}}\n"));
        if set.checked {
            // The live set's health check, found by name, type and identifier
            // (Route 53 lists sets from the given name and type on).
            let query = match &set.set_identifier {
                Some(id) => format!(
                    "ResourceRecordSets[?Type=='{}' && SetIdentifier=='{}'].HealthCheckId | [0]",
                    set.kind,
                    id.replace('\'', "")
                ),
                None => format!(
                    "ResourceRecordSets[?Type=='{}'].HealthCheckId | [0]",
                    set.kind
                ),
            };
            sh.push_str(&format!(
                "  CHECK_{n}=$(capture HEALTH_CHECK_ID aws route53 list-resource-record-sets --region us-east-1 --hosted-zone-id \"$ZONE_{n}\" --start-record-name {} --start-record-type {} --query {} --output text) || return 1\n",
                w(&rec.fqdn),
                set.kind,
                w(&query)
            ));
            sh.push_str(&format!(
                "  case \"$CHECK_{n}\" in \"\" | None) log \"the record set has no health check to keep\"; return 1 ;; esac\n"
            ));
            sh.push_str(&format!(
                "  BATCH_{n}=${{BATCH_{n}//__HEALTH_CHECK__/\"$CHECK_{n}\"}}\n"
            ));
        }
        sh.push_str(&format!(
            "  CHANGE_{n}=$(capture CHANGE_ID aws route53 change-resource-record-sets --region us-east-1 --hosted-zone-id \"$ZONE_{n}\" --change-batch \"$BATCH_{n}\" --query ChangeInfo.Id --output text) || return 1\n"
        ));
        sh.push_str(&format!("  run aws route53 wait resource-record-sets-changed --region us-east-1 --id \"$CHANGE_{n}\" || return 1\n}}\n"));
        let name = w(&rec.fqdn);
        // Failing over, a record that moves by itself still moves; failing
        // back, one left on the taking region sends its users to a region
        // whose databases are about to be rebuilt as replicas.
        if !back && (forced || rec.moves_alone) {
            let how = if forced {
                "once its health check fails"
            } else {
                "once Route 53 sees its load balancer unhealthy (alias target health)"
            };
            sh.push_str(&format!(
                "if ! move_record_{n}; then\n  log \"WARNING: record \"{name}\" not re-pointed (Route 53's control plane, in us-east-1, did not answer): it still moves by itself {how}; point its set at \"{}\" in \"{}\" once the control plane answers\"\nfi\n",
                w(alb),
                w(r)
            ));
        } else {
            sh.push_str(&format!(
                "if ! move_record_{n}; then\n  log \"FAILED: record \"{name}\" not re-pointed (Route 53's control plane, in us-east-1, did not answer): its users are sent to \"{}\" until its set points at \"{}\" in \"{}\"\"\n  UNMOVED=\"$UNMOVED \"{name}\nfi\n",
                w(if back { &set.dr.0 } else { &set.primary.0 }),
                w(alb),
                w(r)
            ));
        }
    }
}

/// The end of a runbook's DNS step's bookkeeping: fails the run (after its
/// other steps) when a record that does not move by itself was not moved.
pub(super) const UNMOVED_CHECK: &str = "if [ -n \"$UNMOVED\" ]; then\n  log \"not done: these records were not re-pointed:$UNMOVED; run their changes once Route 53's control plane answers\"\n  exit 1\nfi\n";

/// The label a runbook puts in place of a wildcard record's `*` to check it.
pub const WILDCARD_PROBE: &str = "failover-check";

/// The endpoint checks: each public load balancer on its health path, and
/// each record's public name (`back`: the primary region's).
pub(super) fn checks(plan: &Plan<'_>, back: bool) -> String {
    let mut sh = String::new();
    let eps = if back {
        &plan.primary_endpoints
    } else {
        &plan.dr_endpoints
    };
    for (i, e) in eps.iter().enumerate() {
        let n = i + 1;
        sh.push_str(&format!(
            "LB_{n}=$(capture ALB_DNS_NAME aws elbv2 describe-load-balancers --region {} --names {} --query 'LoadBalancers[0].DNSName' --output text)\n",
            w(&e.region),
            w(&e.name)
        ));
        sh.push_str(&format!(
            "printf -v URL '%s://%s:%s%s' {} \"$LB_{n}\" {} {}\n",
            w(e.scheme),
            e.port,
            w(&e.path)
        ));
        if e.scheme == "https" {
            sh.push_str("# --insecure: the certificate names the site, not the load balancer's own name.\ncheck_url \"$URL\" --insecure\n");
        } else {
            sh.push_str("check_url \"$URL\"\n");
        }
    }
    for rec in &plan.records {
        if matches!(rec.action, RecordAction::Untouched(_)) {
            continue;
        }
        if let Some(e) = eps.first() {
            // A wildcard record answers for any name in its place, not for
            // `*` itself, which no resolver looks up: check a name it covers.
            let host = match rec.fqdn.strip_prefix("*.") {
                Some(rest) => {
                    sh.push_str(&format!(
                        "# {} is a wildcard: checked through a name it answers for.\n",
                        w(&rec.fqdn)
                    ));
                    format!("{WILDCARD_PROBE}.{rest}")
                }
                None => rec.fqdn.clone(),
            };
            sh.push_str(&format!(
                "printf -v URL '%s://%s:%s%s' {} {} {} {}\ncheck_url \"$URL\"\n",
                w(e.scheme),
                w(&host),
                e.port,
                w(&e.path)
            ));
        }
    }
    if eps.is_empty() {
        sh.push_str("log \"no internet-facing load balancer to check\"\n");
    }
    sh
}
