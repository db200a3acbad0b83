use super::super::testing::*;
use crate::core::model::{Design, Rds, RdsEngine, VpcNode};

/// Mutates the primary (`first`) or the replica in the active-passive template.
fn with_db(primary: bool, f: impl FnOnce(&mut Rds)) -> (Design, Design) {
    let good = base("active-passive");
    let mut bad = good.clone();
    let r = if primary { 0 } else { 1 };
    if let VpcNode::Rds(d) = &mut bad.regions[r].vpcs[0].nodes[2] {
        f(d);
    }
    (bad, good)
}

#[test]
fn rds_01_identifier() {
    let (bad, good) = with_db(true, |d| d.name = "DB".into());
    fires_and_not("RDS-01", &bad, "use1-db", &good);
    let (bad, good) = with_db(true, |d| d.name = "x".repeat(60));
    fires_and_not("RDS-01", &bad, "use1-db", &good);
}

#[test]
fn rds_03_and_05_one_az() {
    let (bad, good) = with_db(true, |d| d.subnets.truncate(1));
    fires_and_not("RDS-03", &bad, "use1-db", &good);
    fires_and_not("RDS-05", &bad, "use1-db", &good);
}

#[test]
fn rds_06_backups() {
    let (bad, good) = with_db(true, |d| d.backup_retention_days = 0);
    fires_and_not("RDS-06", &bad, "use1-db", &good);
    let (bad, good) = with_db(false, |d| d.backup_retention_days = 36);
    fires_and_not("RDS-06", &bad, "usw2-db", &good);
}

#[test]
fn rds_07_replica_loop() {
    let (bad, good) = with_db(true, |d| d.replica_of = Some("usw2-db".into()));
    fires_and_not("RDS-07", &bad, "use1-db", &good);
}

#[test]
fn rds_08_encryption_mismatch() {
    let (bad, good) = with_db(false, |d| d.encrypted = false);
    fires_and_not("RDS-08", &bad, "usw2-db", &good);
}

#[test]
fn rds_09_too_many_replicas() {
    let good = base("active-passive");
    let mut bad = good.clone();
    let VpcNode::Rds(replica) = bad.regions[1].vpcs[0].nodes[2].clone() else {
        panic!()
    };
    for i in 0..15 {
        let mut r = replica.clone();
        r.id = format!("extra-{i}");
        r.name = format!("db-{i}");
        bad.regions[1].vpcs[0].nodes.push(VpcNode::Rds(r));
    }
    fires_and_not("RDS-09", &bad, "use1-db", &good);
}

#[test]
fn rds_11_smaller_replica() {
    let (bad, good) = with_db(false, |d| d.instance_class = "db.r6g.medium".into());
    fires_and_not("RDS-11", &bad, "usw2-db", &good);
    let (bad, good) = with_db(false, |d| d.storage_gb = 20);
    fires_and_not("RDS-11", &bad, "usw2-db", &good);
}

#[test]
fn rds_12_posture() {
    let (mut bad, good) = with_db(true, |d| d.encrypted = false);
    if let VpcNode::Rds(d) = &mut bad.regions[1].vpcs[0].nodes[2] {
        d.encrypted = false;
    }
    fires_and_not("RDS-12", &bad, "use1-db", &good);
}

#[test]
fn rds_13_engine_mismatch() {
    let (bad, good) = with_db(false, |d| d.engine = RdsEngine::Mysql);
    fires_and_not("RDS-13", &bad, "usw2-db", &good);
}
