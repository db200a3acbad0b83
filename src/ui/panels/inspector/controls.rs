//! Which control edits each field of the design format, by object kind and
//! field path (`listener.port`, `targets[].health_check.interval`). Every
//! control renders `data-field` with its path; a native test checks this
//! table against the fields serde writes for a fully populated object of
//! each kind (so a new model field without a control fails it), and a
//! browser test checks that the inspector and the settings panel render a
//! control for every entry. Plain data, no UI code, so both can read it.

/// The sort of control a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// A text input (names, CIDRs, paths).
    Text,
    /// A whole-number input with its range (empty allowed where optional).
    Number,
    /// A select of the allowed values or of other objects.
    Select,
    /// A checkbox.
    Check,
    /// Checkboxes over a list (subnets by AZ, replica regions).
    Checks,
    /// Key-value rows with add and remove (tags); covers the keys below it.
    Rows,
    /// Shown, not edited: ids and the file's format and version.
    Shown,
    /// Objects of their own, added on the canvas and edited when selected;
    /// covers the fields below it.
    Canvas,
}

impl Control {
    /// True when this control also stands for the fields under its path.
    pub fn covers_children(self) -> bool {
        matches!(self, Control::Rows | Control::Canvas)
    }
}

use Control::*;

/// (kind, field path, control). Kinds are the design (`design`), `region`,
/// `vpc`, `subnet`, `peering`, the node kinds of the format, `record` and
/// `accelerator`.
pub const CONTROLS: &[(&str, &str, Control)] = &[
    ("design", "format", Shown),
    ("design", "version", Shown),
    ("design", "name", Text),
    ("design", "environment", Text),
    ("design", "tags", Rows),
    ("design", "state.bucket", Text),
    ("design", "state.region", Select),
    ("design", "state.lock", Select),
    ("design", "state.dynamodb_table", Text),
    ("design", "state.key_prefix", Text),
    ("design", "state.buckets", Rows),
    ("design", "state.split", Select),
    ("design", "regions", Canvas),
    ("design", "peerings", Canvas),
    ("design", "dns.zone", Text),
    ("design", "dns.zone_id", Text),
    ("design", "dns.records", Canvas),
    ("design", "accelerators", Canvas),
    ("design", "objectives.region.rto_seconds", Number),
    ("design", "objectives.region.rpo_seconds", Number),
    ("design", "objectives.az.rto_seconds", Number),
    ("design", "objectives.az.rpo_seconds", Number),
    ("design", "usage.requests_per_month", Number),
    ("design", "usage.load_balancer_gb", Number),
    ("design", "usage.nat_gb", Number),
    ("design", "usage.internet_egress_gb", Number),
    ("design", "usage.replication_gb", Number),
    ("design", "usage.s3_storage_gb", Number),
    ("design", "usage.dynamodb_storage_gb", Number),
    ("design", "usage.dynamodb_million_writes", Number),
    ("design", "usage.dynamodb_million_reads", Number),
    ("design", "usage.log_gb", Number),
    ("design", "canvas", Canvas),
    ("region", "id", Shown),
    ("region", "code", Select),
    ("region", "role", Select),
    ("region", "vpcs", Canvas),
    ("region", "nodes", Canvas),
    ("vpc", "id", Shown),
    ("vpc", "name", Text),
    ("vpc", "cidr", Text),
    ("vpc", "nat", Select),
    ("vpc", "subnets", Canvas),
    ("vpc", "nodes", Canvas),
    ("subnet", "id", Shown),
    ("subnet", "name", Text),
    ("subnet", "cidr", Text),
    ("subnet", "az", Select),
    ("subnet", "tier", Select),
    ("peering", "id", Shown),
    ("peering", "a", Select),
    ("peering", "b", Select),
    ("alb", "id", Shown),
    ("alb", "name", Text),
    ("alb", "internal", Check),
    ("alb", "subnets", Checks),
    ("alb", "listener.port", Number),
    ("alb", "listener.protocol", Select),
    ("alb", "health_check.path", Text),
    ("alb", "health_check.interval", Number),
    ("alb", "health_check.timeout", Number),
    ("alb", "health_check.healthy_threshold", Number),
    ("alb", "health_check.unhealthy_threshold", Number),
    ("asg", "id", Shown),
    ("asg", "name", Text),
    ("asg", "subnets", Checks),
    ("asg", "min", Number),
    ("asg", "desired", Number),
    ("asg", "max", Number),
    ("asg", "instance_type", Text),
    ("asg", "image", Text),
    ("asg", "target", Select),
    ("asg", "scaling.metric", Select),
    ("asg", "scaling.target_percent", Number),
    ("asg", "weight", Number),
    ("ecs", "id", Shown),
    ("ecs", "name", Text),
    ("ecs", "subnets", Checks),
    ("ecs", "image", Text),
    ("ecs", "cpu", Select),
    ("ecs", "memory_mb", Select),
    ("ecs", "port", Number),
    ("ecs", "min", Number),
    ("ecs", "desired", Number),
    ("ecs", "max", Number),
    ("ecs", "target", Select),
    ("ecs", "scaling.metric", Select),
    ("ecs", "scaling.target_percent", Number),
    ("ecs", "weight", Number),
    ("elasticache", "id", Shown),
    ("elasticache", "name", Text),
    ("elasticache", "engine", Select),
    ("elasticache", "engine_version", Text),
    ("elasticache", "node_type", Text),
    ("elasticache", "nodes", Number),
    ("elasticache", "multi_az", Check),
    ("elasticache", "subnets", Checks),
    ("rds", "id", Shown),
    ("rds", "name", Text),
    ("rds", "engine", Select),
    ("rds", "engine_version", Text),
    ("rds", "instance_class", Text),
    ("rds", "storage_gb", Number),
    ("rds", "multi_az", Check),
    ("rds", "subnets", Checks),
    ("rds", "backup_retention_days", Number),
    ("rds", "encrypted", Check),
    ("rds", "replica_of", Select),
    ("rds", "max_storage_gb", Number),
    ("aurora", "id", Shown),
    ("aurora", "name", Text),
    ("aurora", "engine", Select),
    ("aurora", "engine_version", Text),
    ("aurora", "instance_class", Text),
    ("aurora", "instances", Number),
    ("aurora", "subnets", Checks),
    ("aurora", "global", Text),
    ("aurora", "database_name", Text),
    ("aurora", "backup_retention_days", Number),
    ("s3", "id", Shown),
    ("s3", "name", Text),
    ("s3", "bucket", Text),
    ("s3", "versioning", Check),
    ("s3", "replicate_to", Select),
    ("dynamodb", "id", Shown),
    ("dynamodb", "name", Text),
    ("dynamodb", "hash_key.name", Text),
    ("dynamodb", "hash_key.type", Select),
    ("dynamodb", "range_key.name", Text),
    ("dynamodb", "range_key.type", Select),
    ("dynamodb", "billing", Select),
    ("dynamodb", "replicas", Checks),
    ("dynamodb", "ttl_attribute", Text),
    ("record", "id", Shown),
    ("record", "name", Text),
    ("record", "type", Select),
    ("record", "policy", Select),
    ("record", "ttl", Number),
    ("record", "targets[].target", Select),
    ("record", "targets[].role", Select),
    ("record", "targets[].weight", Number),
    ("record", "targets[].location.continent", Select),
    ("record", "targets[].location.country", Select),
    ("record", "targets[].location.subdivision", Select),
    ("record", "targets[].location.default", Check),
    ("record", "targets[].health_check.protocol", Select),
    ("record", "targets[].health_check.port", Number),
    ("record", "targets[].health_check.path", Text),
    ("record", "targets[].health_check.interval", Select),
    ("record", "targets[].health_check.failure_threshold", Number),
    ("accelerator", "id", Shown),
    ("accelerator", "name", Text),
    ("accelerator", "listener.port", Number),
    ("accelerator", "listener.protocol", Select),
    ("accelerator", "endpoints[].target", Select),
    ("accelerator", "endpoints[].weight", Number),
    ("accelerator", "endpoints[].traffic_dial", Number),
    ("accelerator", "health_check.path", Text),
    ("accelerator", "health_check.interval", Select),
    ("accelerator", "health_check.threshold", Number),
];

/// The entries of one kind.
pub fn of_kind(kind: &str) -> impl Iterator<Item = (&'static str, Control)> + '_ {
    CONTROLS
        .iter()
        .filter(move |(k, _, _)| *k == kind)
        .map(|(_, p, c)| (*p, *c))
}
