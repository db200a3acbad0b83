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

/// The active-passive template with a second cross-region replica of
/// `use1-db` in us-west-2: in a VPC of its own (`other_vpc`) or in the
/// first replica's VPC.
fn second_replica(other_vpc: bool) -> Design {
    let mut d = base("active-passive");
    let VpcNode::Rds(mut replica) = d.regions[1].vpcs[0].nodes[2].clone() else {
        panic!()
    };
    replica.id = "usw2-db2".into();
    replica.name = "db2".into();
    if other_vpc {
        let mut vpc = d.regions[1].vpcs[0].clone();
        vpc.id = "usw2-other".into();
        vpc.name = "other".into();
        vpc.cidr = "10.99.0.0/16".into();
        for (i, s) in vpc.subnets.iter_mut().enumerate() {
            s.id = format!("usw2-other-{}", s.id);
            s.cidr = format!("10.99.{i}.0/24");
        }
        replica.subnets = replica
            .subnets
            .iter()
            .map(|s| format!("usw2-other-{s}"))
            .collect();
        vpc.nodes = vec![VpcNode::Rds(replica)];
        d.regions[1].vpcs.push(vpc);
    } else {
        d.regions[1].vpcs[0].nodes.push(VpcNode::Rds(replica));
    }
    d
}

#[test]
fn rds_10_replicas_of_one_source_in_two_vpcs_of_a_region() {
    let bad = second_replica(true);
    let good = second_replica(false);
    fires_and_not("RDS-10", &bad, "usw2-db2", &good);
    fires_and_not("RDS-10", &bad, "usw2-db", &base("active-passive"));
    fires_and_not("RDS-10", &bad, "use1-db", &good);
    let hit = &findings(&bad, "RDS-10")[0];
    assert!(hit.message.contains("VPC other"), "{}", hit.message);
    // A same-region replica is outside the rule: only cross-region
    // replicas are placed by DBSubnetGroupName.
    let mut same_region = bad.clone();
    let vpc = same_region.regions[1].vpcs.pop().unwrap();
    same_region.regions[0].vpcs.push(vpc);
    assert!(findings(&same_region, "RDS-10").is_empty());
}

/// Adds to `region` (its first VPC) a copy of the template's replica with
/// this id, replicating `of`.
fn add_replica(d: &mut Design, region: usize, id: &str, of: &str) {
    let VpcNode::Rds(mut r) = base("active-passive").regions[1].vpcs[0].nodes[2].clone() else {
        panic!()
    };
    r.id = id.into();
    r.name = id.into();
    r.replica_of = Some(of.into());
    d.regions[region].vpcs[0].nodes.push(VpcNode::Rds(r));
}

/// Every database of `d`, to change them all.
fn each_db(d: &mut Design, f: impl Fn(&mut Rds)) {
    for n in d
        .regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .flat_map(|v| v.nodes.iter_mut())
    {
        if let VpcNode::Rds(x) = n {
            f(x);
        }
    }
}

#[test]
fn rds_09_postgres_cascade_needs_14_1() {
    // use1-db -> usw2-db -> usw2-db2: a replica of a replica.
    let mut good = base("active-passive");
    add_replica(&mut good, 1, "usw2-db2", "usw2-db");
    let mut bad = good.clone();
    each_db(&mut bad, |x| x.engine_version = "13.15".into());
    fires_and_not("RDS-09", &bad, "usw2-db2", &good);
    each_db(&mut bad, |x| x.engine_version = "14.0".into());
    fires_and_not("RDS-09", &bad, "usw2-db2", &good);
    // A replica of the writable source needs no 14.1.
    let mut fan = base("active-passive");
    add_replica(&mut fan, 1, "usw2-db2", "use1-db");
    each_db(&mut fan, |x| x.engine_version = "13.15".into());
    assert!(findings(&fan, "RDS-09").is_empty());
}

#[test]
fn rds_09_chain_of_at_most_three_replicas() {
    for engine in [RdsEngine::Postgres, RdsEngine::Mysql, RdsEngine::Mariadb] {
        // use1-db -> usw2-db -> c1 -> c2: three replicas, the most.
        let mut good = base("active-passive");
        add_replica(&mut good, 1, "c1", "usw2-db");
        add_replica(&mut good, 1, "c2", "c1");
        each_db(&mut good, |x| x.engine = engine);
        let mut bad = good.clone();
        add_replica(&mut bad, 1, "c3", "c2");
        each_db(&mut bad, |x| x.engine = engine);
        fires_and_not("RDS-09", &bad, "c3", &good);
    }
}

/// The template with a third region, eu-west-1, holding a replica
/// `euw1-db` of `of`.
fn third_region(of: &str) -> Design {
    let mut d = base("active-passive");
    let text = serde_json::to_string(&d.regions[1])
        .unwrap()
        .replace("usw2", "euw1")
        .replace("us-west-2", "eu-west-1");
    d.regions.push(serde_json::from_str(&text).unwrap());
    if let VpcNode::Rds(x) = &mut d.regions[2].vpcs[0].nodes[2] {
        x.replica_of = Some(of.into());
    }
    d
}

#[test]
fn rds_09_postgres_cascade_spans_two_regions() {
    // us-east-1 -> us-west-2 -> eu-west-1 against two replicas of use1-db.
    let bad = third_region("usw2-db");
    fires_and_not("RDS-09", &bad, "euw1-db", &third_region("use1-db"));
    // Within two regions the chain may cross back and forth: us-east-1 ->
    // us-west-2 -> us-east-1.
    let mut back = base("active-passive");
    add_replica(&mut back, 0, "use1-db2", "usw2-db");
    assert!(findings(&back, "RDS-09").is_empty());
    // MySQL documents no such limit.
    let mut mysql = bad.clone();
    each_db(&mut mysql, |x| x.engine = RdsEngine::Mysql);
    assert!(findings(&mysql, "RDS-09").is_empty());
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
