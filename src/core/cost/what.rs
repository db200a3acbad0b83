//! What an item bills, kept as facts (counts, volumes, the design's labels,
//! borrowed) and written out only when shown: costing the 5,000-object
//! stress design used to format and drop some 9,000 texts it never showed
//! (issue 15). `Display` writes exactly the text the estimate used to
//! carry; `Serialize` writes that text as a JSON string.

use super::kinds::{Engine, Replication};
use super::{p, usd};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use serde::{Serialize, Serializer};
use std::fmt;

/// A priced type's label: an instance type, or an engine and a class.
/// `S` is how the design's texts are held: borrowed (`&String`, a thin
/// pointer) in an estimate, as indices into a table of texts in an owned
/// [`super::Summary`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Label<S> {
    /// `t3.medium`.
    Type(S),
    /// `postgres db.r6g.large`, with ` Multi-AZ` when `multi_az`.
    Engine {
        engine: Engine,
        class: S,
        multi_az: bool,
    },
}

impl<S> Label<S> {
    /// The same label with its texts held as `f` makes them.
    pub fn map<T>(self, f: &mut impl FnMut(S) -> T) -> Label<T> {
        match self {
            Label::Type(t) => Label::Type(f(t)),
            Label::Engine {
                engine,
                class,
                multi_az,
            } => Label::Engine {
                engine,
                class: f(class),
                multi_az,
            },
        }
    }
}

impl<S: fmt::Display + Copy> fmt::Display for Label<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Label::Type(t) => t.fmt(f),
            Label::Engine {
                engine,
                class,
                multi_az,
            } => write!(
                f,
                "{} {class}{}",
                engine.as_str(),
                if multi_az { " Multi-AZ" } else { "" }
            ),
        }
    }
}

/// What an item bills, with the design's texts borrowed (as `&String`:
/// a thin pointer, half a `&str`, and every item carries one).
pub type What<'a> = Facts<&'a String>;

/// What an item bills, with the arithmetic (see `Display`); `S` holds the
/// design's texts (see [`Label`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Facts<S> {
    EcsLogsKey,
    Nat {
        nats: f64,
        gb: f64,
    },
    FlowLogsKey,
    Logs {
        gb: f64,
    },
    Hourly {
        count: f64,
        label: Label<S>,
        hourly: f64,
    },
    Alarms,
    Key,
    Transfer {
        what: Replication,
        from: S,
        to: S,
        gb: f64,
        rate: f64,
    },
    Alb {
        lcu: f64,
    },
    AlbIps {
        ips: f64,
    },
    RootVolumes {
        count: f64,
    },
    Fargate {
        count: f64,
        vcpu: f64,
        gb: f64,
    },
    RdsStorage {
        gb: f64,
        az: f64,
    },
    AuroraStorage,
    S3 {
        gb: f64,
    },
    /// On-demand DynamoDB; `replica` for a copy in another region.
    DynamodbOnDemand {
        replica: bool,
        writes: f64,
        reads: f64,
    },
    DynamodbProvisioned,
    DynamodbStorage {
        gb: f64,
    },
    Zone,
    HealthCheck {
        record: S,
        https: bool,
        fast: bool,
    },
    Accelerator {
        gb: f64,
    },
    Internet {
        gb: f64,
    },
    StateKey {
        bucket: S,
    },
    RegionStateKey {
        region: S,
    },
}

impl<S> Facts<S> {
    /// The same facts with the design's texts held as `f` makes them.
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> Facts<T> {
        use Facts::*;
        match self {
            EcsLogsKey => EcsLogsKey,
            Nat { nats, gb } => Nat { nats, gb },
            FlowLogsKey => FlowLogsKey,
            Logs { gb } => Logs { gb },
            Hourly {
                count,
                label,
                hourly,
            } => Hourly {
                count,
                label: label.map(&mut f),
                hourly,
            },
            Alarms => Alarms,
            Key => Key,
            Transfer {
                what,
                from,
                to,
                gb,
                rate,
            } => Transfer {
                what,
                from: f(from),
                to: f(to),
                gb,
                rate,
            },
            Alb { lcu } => Alb { lcu },
            AlbIps { ips } => AlbIps { ips },
            RootVolumes { count } => RootVolumes { count },
            Fargate { count, vcpu, gb } => Fargate { count, vcpu, gb },
            RdsStorage { gb, az } => RdsStorage { gb, az },
            AuroraStorage => AuroraStorage,
            S3 { gb } => S3 { gb },
            DynamodbOnDemand {
                replica,
                writes,
                reads,
            } => DynamodbOnDemand {
                replica,
                writes,
                reads,
            },
            DynamodbProvisioned => DynamodbProvisioned,
            DynamodbStorage { gb } => DynamodbStorage { gb },
            Zone => Zone,
            HealthCheck {
                record,
                https,
                fast,
            } => HealthCheck {
                record: f(record),
                https,
                fast,
            },
            Accelerator { gb } => Accelerator { gb },
            Internet { gb } => Internet { gb },
            StateKey { bucket } => StateKey { bucket: f(bucket) },
            RegionStateKey { region } => RegionStateKey { region: f(region) },
        }
    }
}

impl<S: fmt::Display + Copy> fmt::Display for Facts<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use super::global::ACCELERATOR_IPS;
        use super::regional::{
            ALARMS_PER_POLICY, AURORA_STORAGE_GB, LOG_MONTHS_KEPT, ROOT_VOLUME_GB,
        };
        let kms = || usd(p("kms.key"));
        match *self {
            Facts::EcsLogsKey => write!(f, "KMS key for the region's ECS logs: {}", kms()),
            Facts::Nat { nats, gb } => write!(
                f,
                "{nats} NAT gateway(s): {nats} × {H} h × {} + {nats} × {gb} GB × {} + {nats} public IPv4 × {H} h × {}",
                usd(p("nat.hour")), usd(p("nat.gb")), usd(p("ipv4.hour"))
            ),
            Facts::FlowLogsKey => write!(f, "KMS key for the VPC's flow logs: {}", kms()),
            Facts::Logs { gb } => write!(
                f,
                "CloudWatch Logs: {gb} GB × {} ingested + {gb} GB × {LOG_MONTHS_KEPT} months kept × {}",
                usd(p("logs.ingest_gb")),
                usd(p("logs.storage_gb"))
            ),
            Facts::Hourly { count, label, hourly } => {
                write!(f, "{count} × {label} × {H} h × {}", usd(hourly))
            }
            Facts::Alarms => write!(
                f,
                "{ALARMS_PER_POLICY} target-tracking alarms × {}",
                usd(p("cloudwatch.alarm"))
            ),
            Facts::Key => write!(f, "KMS key: {}", kms()),
            Facts::Transfer { what, from, to, gb, rate } => {
                write!(f, "{} {from} → {to}: {gb} GB × {}", what.as_str(), usd(rate))
            }
            Facts::Alb { lcu } => write!(
                f,
                "ALB: {H} h × {} + {lcu:.3} LCU × {H} h × {}",
                usd(p("alb.hour")),
                usd(p("alb.lcu_hour"))
            ),
            Facts::AlbIps { ips } => write!(
                f,
                "{ips} public IPv4 (one per AZ) × {H} h × {}",
                usd(p("ipv4.hour"))
            ),
            Facts::RootVolumes { count } => write!(
                f,
                "{count} × {ROOT_VOLUME_GB} GB gp3 root volume × {}",
                usd(p("ebs.gp3_gb"))
            ),
            Facts::Fargate { count, vcpu, gb } => write!(
                f,
                "{count} Fargate task(s) × {H} h × ({vcpu} vCPU × {} + {gb} GB × {})",
                usd(p("fargate.vcpu_hour")),
                usd(p("fargate.gb_hour"))
            ),
            Facts::RdsStorage { gb, az } => {
                write!(f, "{gb} GB gp3 × {az} × {}", usd(p("rds.storage_gp3")))
            }
            Facts::AuroraStorage => write!(
                f,
                "{AURORA_STORAGE_GB} GB (assumed) × {}",
                usd(p("aurora.storage"))
            ),
            Facts::S3 { gb } => write!(f, "{gb} GB S3 Standard × {}", usd(p("s3.storage"))),
            Facts::DynamodbOnDemand { replica, writes, reads } => write!(
                f,
                "{}: {writes} M writes × {} + {reads} M reads × {}",
                if replica { "replica" } else { "table" },
                usd(p(if replica {
                    "dynamodb.replicated_write_million"
                } else {
                    "dynamodb.write_million"
                })),
                usd(p("dynamodb.read_million"))
            ),
            Facts::DynamodbProvisioned => write!(
                f,
                "5 WCU × {H} h × {} + 5 RCU × {H} h × {}",
                usd(p("dynamodb.wcu_hour")),
                usd(p("dynamodb.rcu_hour"))
            ),
            Facts::DynamodbStorage { gb } => write!(
                f,
                "{gb} GB × {} + point-in-time recovery {gb} GB × {}",
                usd(p("dynamodb.storage")),
                usd(p("dynamodb.pitr"))
            ),
            Facts::Zone => write!(f, "Route 53 hosted zone: {}", usd(p("route53.zone"))),
            Facts::HealthCheck { record, https, fast } => {
                let options = match (https, fast) {
                    (false, false) => "no options",
                    (true, false) => "HTTPS",
                    (false, true) => "10 s interval",
                    (true, true) => "HTTPS, 10 s interval",
                };
                let n = f64::from(u8::from(https) + u8::from(fast));
                write!(
                    f,
                    "Route 53 health check on {record} ({options}): {} + {n} option(s) × {}",
                    usd(p("route53.health_check")),
                    usd(p("route53.health_check_option"))
                )
            }
            Facts::Accelerator { gb } => write!(
                f,
                "Global Accelerator: {H} h × {} + {gb} GB × {} premium + {ACCELERATOR_IPS} IPv4 × {H} h × {}",
                usd(p("ga.hour")), usd(p("ga.dt_premium_gb")), usd(p("ipv4.hour"))
            ),
            Facts::Internet { gb } => write!(
                f,
                "{gb} GB to the internet × {}",
                usd(p("transfer.internet_gb"))
            ),
            Facts::StateKey { bucket } => {
                write!(f, "KMS key of the state bucket {bucket}: {}", kms())
            }
            Facts::RegionStateKey { region } => {
                write!(f, "KMS key of {region}'s state bucket: {}", kms())
            }
        }
    }
}

impl<S: fmt::Display + Copy> Serialize for Facts<S> {
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_str(self)
    }
}

/// Anything else the reader of an item should know.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Aurora's storage, which the design has no field for.
    AuroraStorage,
    /// How an unknown type was priced ([`crate::core::catalog::instance_prices::Quote::note`]).
    Priced(String),
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::AuroraStorage => write!(
                f,
                "storage assumed {} GB: the design has no field for it",
                super::regional::AURORA_STORAGE_GB
            ),
            Note::Priced(s) => f.write_str(s),
        }
    }
}

impl Serialize for Note {
    fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_str(self)
    }
}
