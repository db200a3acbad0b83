//! Recovery timings: every number the outage simulation uses, with the fact
//! it rests on. Copied from the documented behaviour in
//! `docs/reference/dr-timings.md` (itself a copy of the shared reference,
//! version below); a test checks that every source named here is a row of
//! that copy. Where AWS gives no number, the fact says `Estimate` or
//! `Assumption` and shows what was assumed.

/// The version of the timing table: the date it was copied and checked.
pub const TABLE_VERSION: &str = "2026-12-02";

/// How firm a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// AWS documents the number.
    Documented,
    /// AWS documents a range or a word ("several minutes"); the number is
    /// Topoform's reading of it.
    Estimate,
    /// Not an AWS number at all: what Topoform assumes of people.
    Assumption,
}

impl Basis {
    /// How a message names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Documented => "documented",
            Basis::Estimate => "estimate",
            Basis::Assumption => "assumption",
        }
    }
}

/// One timing fact.
#[derive(Debug, Clone, Copy)]
pub struct Fact {
    /// A stable id, used in the simulation's steps.
    pub id: &'static str,
    /// The number, in seconds.
    pub seconds: u32,
    /// What the number is, in a sentence.
    pub what: &'static str,
    /// The row of `docs/reference/dr-timings.md` it comes from (its first cell).
    pub row: &'static str,
    /// Where AWS says so.
    pub source: &'static str,
    /// How firm it is.
    pub basis: Basis,
}

/// Every fact, by id.
pub const FACTS: &[Fact] = &[
    Fact { id: "alias-ttl", seconds: 60, what: "resolvers keep an alias answer to a load balancer for up to 60 s after Route 53 changes it", row: "Route 53 failover, end to end", source: "Route 53 Developer Guide (health checks); the TTL caveat is widely reported, not an AWS number", basis: Basis::Documented },
    Fact { id: "ga-shift", seconds: 0, what: "an unhealthy accelerator endpoint stops receiving new traffic at once (no DNS caching)", row: "Global Accelerator", source: "Global Accelerator Developer Guide, \"Endpoint weights\" / \"Disaster recovery and resiliency\"", basis: Basis::Documented },
    Fact { id: "aurora-global-promote", seconds: 60, what: "an Aurora global secondary is promoted in under a minute", row: "Aurora Global Database", source: "Aurora User Guide, \"Using Amazon Aurora Global Database\"; API FailoverGlobalCluster", basis: Basis::Documented },
    Fact { id: "aurora-global-lag", seconds: 1, what: "Aurora global replication lag is typically under 1 s", row: "Aurora Global Database", source: "Aurora User Guide, \"Using Amazon Aurora Global Database\"", basis: Basis::Documented },
    Fact { id: "aurora-add-instance", seconds: 600, what: "a headless Aurora secondary needs an instance before it serves; creating one takes about ten minutes", row: "Aurora cluster failover (in-region)", source: "Aurora \"Availability and durability\": with no replica Aurora creates a new instance; no time is documented", basis: Basis::Estimate },
    Fact { id: "rds-replica-promote", seconds: 300, what: "promoting an RDS read replica reboots it and takes several minutes or longer (5 minutes assumed)", row: "RDS cross-region read replica", source: "RDS User Guide, \"Promoting a read replica\"; API PromoteReadReplica", basis: Basis::Estimate },
    Fact { id: "rds-replica-lag", seconds: 60, what: "RDS cross-region replica lag is seconds to minutes under load (1 minute assumed)", row: "RDS cross-region read replica", source: "RDS User Guide, \"Promoting a read replica\" (ReplicaLag)", basis: Basis::Estimate },
    Fact { id: "rds-multi-az-failover", seconds: 120, what: "an RDS Multi-AZ instance fails over to its standby in 60-120 s, without data loss", row: "RDS Multi-AZ (instance)", source: "RDS User Guide, \"Multi-AZ DB instance deployments\"", basis: Basis::Documented },
    Fact { id: "ddb-global-lag", seconds: 1, what: "DynamoDB global table items typically propagate within 1 s; no promotion is needed", row: "DynamoDB global tables (multi-Region eventual consistency)", source: "DynamoDB Developer Guide, \"Global tables: how it works\"", basis: Basis::Documented },
    Fact { id: "s3-replication", seconds: 15, what: "S3 replicates most objects in seconds, with no bound without Replication Time Control (15 s assumed)", row: "S3 replication", source: "S3 User Guide, \"Replication Time Control\"", basis: Basis::Estimate },
    Fact { id: "asg-scale-out", seconds: 300, what: "new instances serve after launch, boot and the health-check grace period (the export sets 300 s)", row: "EC2 Auto Scaling", source: "EC2 Auto Scaling User Guide (health_check_grace_period, 300 s by default)", basis: Basis::Documented },
    Fact { id: "fargate-task-start", seconds: 120, what: "a Fargate task starts in tens of seconds to a few minutes, the image pull dominating (2 minutes assumed)", row: "ECS on Fargate", source: "ECS Developer Guide (task lifecycle); an estimate, not an AWS SLA", basis: Basis::Estimate },
    Fact { id: "aurora-failover", seconds: 60, what: "Aurora fails over to a replica in another AZ automatically; no number is documented (60 s assumed)", row: "Aurora cluster failover (in-region)", source: "Aurora \"Availability and durability\" (Multi-AZ failover)", basis: Basis::Estimate },
    Fact { id: "elasticache-failover", seconds: 60, what: "ElastiCache promotes a replica in another AZ automatically; no number is documented (60 s assumed)", row: "ElastiCache Multi-AZ failover", source: "ElastiCache User Guide, \"Minimizing downtime with Multi-AZ\"", basis: Basis::Estimate },
    Fact { id: "person-starts-runbook", seconds: 300, what: "a person is paged, confirms the outage and starts the runbook (5 minutes assumed)", row: "A person starting a runbook", source: "seed 003 puts a manual failover at about 5 minutes", basis: Basis::Assumption },
];

/// The fact with this id.
pub fn fact(id: &str) -> Option<&'static Fact> {
    FACTS.iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COPY: &str = include_str!("../../../docs/reference/dr-timings.md");

    #[test]
    fn every_fact_names_a_row_of_the_copied_table() {
        for f in FACTS {
            assert!(
                COPY.contains(&format!("| {} |", f.row)),
                "{}: no row `{}` in docs/reference/dr-timings.md",
                f.id,
                f.row
            );
        }
    }

    #[test]
    fn ids_are_unique() {
        for (i, f) in FACTS.iter().enumerate() {
            assert!(
                FACTS[i + 1..].iter().all(|g| g.id != f.id),
                "{} twice",
                f.id
            );
        }
    }

    #[test]
    fn the_documented_numbers_match_the_table() {
        // The numbers the table states in digits, checked against its text.
        for (id, text) in [
            ("alias-ttl", "alias records to a load balancer: 60 s"),
            ("aurora-global-lag", "lag typically under 1 s"),
            ("aurora-global-promote", "promoted in under a minute"),
            ("rds-multi-az-failover", "typically 60–120 s"),
            ("ddb-global-lag", "propagate within 1 s"),
            ("asg-scale-out", "300 s by default"),
        ] {
            assert!(fact(id).is_some(), "{id}");
            assert!(
                COPY.contains(text),
                "{id}: the table no longer says `{text}`"
            );
        }
    }
}
