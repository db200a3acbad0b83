//! On-demand list prices in us-east-1 (USD), dated and sourced, for the
//! offline cost estimate (`core::cost`). The copied table with its sources is
//! `docs/reference/prices.md`; the project's reference is
//! `shared/reference/prices.md`.
//!
//! Only us-east-1 is covered: the AWS price list files are not reachable
//! offline, and no other region's prices come from a source that could be
//! cited. The estimate prices every region at these figures and says so per
//! item. Rows with `estimate: true` were not confirmed from a primary source.
//! Instance, DB class and cache node prices by type are in
//! [`super::instance_prices`].

/// When the table was compiled.
pub const AS_OF: &str = "2026-12-03";
/// The only region the table has prices for.
pub const PRICE_REGION: &str = "us-east-1";
/// Hours in a month, as AWS bills them.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// One price row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Price {
    /// A stable id (`nat.hour`), used by the estimate and the tests.
    pub id: &'static str,
    /// USD per `unit`.
    pub usd: f64,
    /// What one unit is.
    pub unit: &'static str,
    /// Where the figure comes from.
    pub source: &'static str,
    /// The date the figure was read or recorded.
    pub as_of: &'static str,
    /// Not confirmed from a primary source.
    pub estimate: bool,
}

/// The reference table the project keeps (AWS list prices, as published and
/// as recorded in the Infracost project's test goldens, 2026).
pub const REF: &str =
    "shared/reference/prices.md (AWS list prices as recorded in Infracost's test goldens, 2026)";
const ELB: &str = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const VPC: &str = "https://aws.amazon.com/vpc/pricing/";
const S3P: &str = "https://aws.amazon.com/s3/pricing/";
const R53: &str = "https://aws.amazon.com/route53/pricing/";
const EBS: &str = "https://aws.amazon.com/ebs/pricing/";
const EC2: &str = "https://aws.amazon.com/ec2/pricing/on-demand/";

const fn row(id: &'static str, usd: f64, unit: &'static str, source: &'static str) -> Price {
    Price {
        id,
        usd,
        unit,
        source,
        as_of: AS_OF,
        estimate: false,
    }
}

const fn est(id: &'static str, usd: f64, unit: &'static str, source: &'static str) -> Price {
    Price {
        id,
        usd,
        unit,
        source,
        as_of: AS_OF,
        estimate: true,
    }
}

/// Every flat price row (per-type rows are in [`super::instance_prices`]).
pub const PRICES: &[Price] = &[
    row("alb.hour", 0.0225, "per ALB-hour", REF),
    row("alb.lcu_hour", 0.008, "per LCU-hour", REF),
    est("nlb.hour", 0.0225, "per NLB-hour", ELB),
    est("nlb.nlcu_hour", 0.006, "per NLCU-hour", ELB),
    row("nat.hour", 0.045, "per NAT gateway-hour", REF),
    row("nat.gb", 0.045, "per GB processed", REF),
    row("ipv4.hour", 0.005, "per public IPv4 address-hour", REF),
    row(
        "rds.storage_gp3",
        0.115,
        "per GB-month (Single-AZ; Multi-AZ doubles it)",
        REF,
    ),
    row("aurora.storage", 0.10, "per GB-month", REF),
    row("aurora.io", 0.20, "per million I/O requests", REF),
    est(
        "aurora.replicated_write_io",
        0.20,
        "per million replicated write I/Os",
        REF,
    ),
    row("route53.zone", 0.50, "per hosted zone-month", REF),
    row(
        "route53.health_check",
        0.50,
        "per health check-month (AWS endpoint)",
        REF,
    ),
    row(
        "route53.health_check_option",
        1.00,
        "per optional feature-month (HTTPS, string match, 10 s interval, latency)",
        REF,
    ),
    row("ga.hour", 0.025, "per accelerator-hour", REF),
    row(
        "ga.dt_premium_gb",
        0.015,
        "per GB (lowest of $0.015-0.035 by destination)",
        REF,
    ),
    row(
        "transfer.inter_region_gb",
        0.02,
        "per GB out of us-east-1 to most regions",
        REF,
    ),
    row(
        "transfer.us_east_2_gb",
        0.01,
        "per GB between us-east-1 and us-east-2",
        REF,
    ),
    est(
        "transfer.internet_gb",
        0.09,
        "per GB to the internet (first 10 TB a month)",
        EC2,
    ),
    row("kms.key", 1.00, "per customer-managed key-month", REF),
    row("kms.requests_10k", 0.03, "per 10,000 requests", REF),
    row(
        "dynamodb.write_million",
        0.625,
        "per million write request units (on demand)",
        REF,
    ),
    row(
        "dynamodb.read_million",
        0.125,
        "per million read request units (on demand)",
        REF,
    ),
    row(
        "dynamodb.replicated_write_million",
        0.625,
        "per million replicated write request units (on demand)",
        REF,
    ),
    est(
        "dynamodb.wcu_hour",
        0.00065,
        "per provisioned write capacity unit-hour",
        "https://aws.amazon.com/dynamodb/pricing/provisioned/",
    ),
    est(
        "dynamodb.rcu_hour",
        0.00013,
        "per provisioned read capacity unit-hour",
        "https://aws.amazon.com/dynamodb/pricing/provisioned/",
    ),
    row("dynamodb.storage", 0.25, "per GB-month", REF),
    row(
        "dynamodb.pitr",
        0.20,
        "per GB-month of point-in-time recovery",
        REF,
    ),
    row("s3.storage", 0.023, "per GB-month (S3 Standard)", REF),
    est(
        "s3.put_1k",
        0.005,
        "per 1,000 PUT, COPY, POST or LIST requests",
        S3P,
    ),
    est("s3.get_1k", 0.0004, "per 1,000 GET requests", S3P),
    est(
        "s3.rtc_gb",
        0.015,
        "per GB replicated with Replication Time Control",
        REF,
    ),
    row("fargate.vcpu_hour", 0.04048, "per vCPU-hour", REF),
    row("fargate.gb_hour", 0.004445, "per GB-hour", REF),
    row("cloudwatch.alarm", 0.10, "per standard alarm-month", REF),
    row("logs.ingest_gb", 0.50, "per GB ingested", REF),
    row("logs.storage_gb", 0.03, "per GB-month stored", REF),
    est("ebs.gp3_gb", 0.08, "per GB-month", EBS),
    est(
        "route53.query_million",
        0.40,
        "per million standard queries (alias queries to AWS resources are free)",
        R53,
    ),
    est(
        "vpc.peering_gb_same_az",
        0.0,
        "per GB within one AZ (cross-region peering pays inter-region transfer)",
        VPC,
    ),
];

/// The row with this id.
pub fn price(id: &str) -> Option<&'static Price> {
    PRICES.iter().find(|p| p.id == id)
}

/// The USD figure of the row with this id; 0 for an unknown id (every id
/// the estimate uses is checked by a test).
pub fn usd(id: &str) -> f64 {
    price(id).map_or(0.0, |p| p.usd)
}

/// The price rows each Terraform resource type the exporter writes is billed
/// by, or why it costs nothing. `tests/cost_coverage.rs` walks every type an
/// export writes and fails on one listed in neither.
pub const BILLED_BY: &[(&str, &[&str])] = &[
    ("aws_lb", &["alb.hour", "alb.lcu_hour", "ipv4.hour"]),
    ("aws_nat_gateway", &["nat.hour", "nat.gb"]),
    ("aws_eip", &["ipv4.hour"]),
    ("aws_autoscaling_group", &["ec2.instance", "ebs.gp3_gb"]),
    ("aws_launch_template", &["ebs.gp3_gb"]),
    ("aws_autoscaling_policy", &["cloudwatch.alarm"]),
    ("aws_appautoscaling_policy", &["cloudwatch.alarm"]),
    (
        "aws_db_instance",
        &[
            "rds.instance",
            "rds.storage_gp3",
            "transfer.inter_region_gb",
        ],
    ),
    ("aws_rds_cluster", &["aurora.storage", "aurora.io"]),
    ("aws_rds_cluster_instance", &["aurora.instance"]),
    (
        "aws_rds_global_cluster",
        &["aurora.replicated_write_io", "transfer.inter_region_gb"],
    ),
    (
        "aws_dynamodb_table",
        &[
            "dynamodb.write_million",
            "dynamodb.read_million",
            "dynamodb.replicated_write_million",
            "dynamodb.storage",
            "dynamodb.pitr",
            "dynamodb.wcu_hour",
            "dynamodb.rcu_hour",
        ],
    ),
    ("aws_s3_bucket", &["s3.storage", "s3.put_1k", "s3.get_1k"]),
    (
        "aws_s3_bucket_replication_configuration",
        &["transfer.inter_region_gb", "s3.rtc_gb"],
    ),
    ("aws_route53_zone", &["route53.zone"]),
    (
        "aws_route53_health_check",
        &["route53.health_check", "route53.health_check_option"],
    ),
    ("aws_route53_record", &["route53.query_million"]),
    (
        "aws_globalaccelerator_accelerator",
        &["ga.hour", "ga.dt_premium_gb", "ipv4.hour"],
    ),
    ("aws_kms_key", &["kms.key", "kms.requests_10k"]),
    ("aws_ecs_service", &["fargate.vcpu_hour", "fargate.gb_hour"]),
    (
        "aws_cloudwatch_log_group",
        &["logs.ingest_gb", "logs.storage_gb"],
    ),
    ("aws_flow_log", &["logs.ingest_gb"]),
    ("aws_elasticache_replication_group", &["cache.node"]),
    ("aws_vpc_peering_connection", &["transfer.inter_region_gb"]),
];

/// Resource types the exporter writes that AWS does not bill, with why.
pub const FREE: &[(&str, &str)] = &[
    ("aws_vpc", "VPCs, subnets and route tables are free"),
    ("aws_subnet", "VPCs, subnets and route tables are free"),
    ("aws_route", "VPCs, subnets and route tables are free"),
    ("aws_route_table", "VPCs, subnets and route tables are free"),
    (
        "aws_route_table_association",
        "VPCs, subnets and route tables are free",
    ),
    (
        "aws_internet_gateway",
        "no charge for the gateway; transfer is billed as egress",
    ),
    ("aws_default_security_group", "security groups are free"),
    ("aws_security_group", "security groups are free"),
    (
        "aws_vpc_security_group_ingress_rule",
        "security groups are free",
    ),
    (
        "aws_vpc_security_group_egress_rule",
        "security groups are free",
    ),
    (
        "aws_vpc_peering_connection_accepter",
        "the connection is free; its transfer is billed on aws_vpc_peering_connection",
    ),
    ("aws_iam_role", "IAM is free"),
    ("aws_iam_role_policy", "IAM is free"),
    ("aws_iam_role_policy_attachment", "IAM is free"),
    ("aws_iam_instance_profile", "IAM is free"),
    ("aws_iam_policy", "IAM is free"),
    ("aws_iam_openid_connect_provider", "IAM is free"),
    ("aws_kms_alias", "aliases are free; the key is billed"),
    (
        "aws_s3_bucket_versioning",
        "configuration of a billed bucket",
    ),
    (
        "aws_s3_bucket_server_side_encryption_configuration",
        "configuration of a billed bucket",
    ),
    (
        "aws_s3_bucket_public_access_block",
        "configuration of a billed bucket",
    ),
    (
        "aws_s3_bucket_ownership_controls",
        "configuration of a billed bucket",
    ),
    ("aws_s3_bucket_policy", "configuration of a billed bucket"),
    (
        "aws_s3_bucket_lifecycle_configuration",
        "configuration of a billed bucket",
    ),
    ("aws_lb_target_group", "part of the billed load balancer"),
    ("aws_lb_listener", "part of the billed load balancer"),
    ("aws_lb_listener_rule", "part of the billed load balancer"),
    ("aws_db_subnet_group", "subnet groups are free"),
    ("aws_db_parameter_group", "parameter groups are free"),
    (
        "aws_rds_cluster_parameter_group",
        "parameter groups are free",
    ),
    ("aws_elasticache_subnet_group", "subnet groups are free"),
    ("aws_elasticache_user", "users are free"),
    ("aws_elasticache_user_group", "user groups are free"),
    (
        "aws_ecs_cluster",
        "a Fargate cluster is free; its tasks are billed",
    ),
    (
        "aws_ecs_task_definition",
        "definitions are free; running tasks are billed",
    ),
    (
        "aws_appautoscaling_target",
        "scaling targets are free; their alarms are billed on the policy",
    ),
    (
        "aws_globalaccelerator_listener",
        "part of the billed accelerator",
    ),
    (
        "aws_globalaccelerator_endpoint_group",
        "part of the billed accelerator",
    ),
    (
        "aws_dynamodb_table_replica",
        "billed on aws_dynamodb_table (replicated writes)",
    ),
];

/// The rows (or `free`) a resource type is billed by; `None` when unknown.
pub fn billing_of(resource_type: &str) -> Option<Result<&'static [&'static str], &'static str>> {
    if let Some((_, ids)) = BILLED_BY.iter().find(|(t, _)| *t == resource_type) {
        return Some(Ok(ids));
    }
    FREE.iter()
        .find(|(t, _)| *t == resource_type)
        .map(|(_, why)| Err(*why))
}
