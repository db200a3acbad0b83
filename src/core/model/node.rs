//! The node enums: workloads inside a VPC and services of a region.
//!
//! Nodes are tagged by `kind`. Their `Deserialize` is written by hand rather
//! than derived with `#[serde(tag = "kind")]`: serde buffers internally tagged
//! enums, which loses the JSON path of an error inside the node. Here the
//! node is read as a map, the `kind` taken out, and the rest read with its own
//! path tracker; [`nested_error`] carries that inner path out so the load
//! error still names `regions[0].vpcs[0].nodes[1].listener.port`.

use super::load::json_type;
use super::tracked;
use super::{Alb, Asg, Aurora, Dynamodb, Ecs, Elasticache, Rds, S3};
use crate::core::text::short;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// A workload placed inside a VPC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VpcNode {
    /// An Application Load Balancer.
    Alb(Alb),
    /// An Auto Scaling group.
    Asg(Asg),
    /// An RDS instance or replica.
    Rds(Rds),
    /// An Aurora cluster.
    Aurora(Aurora),
    /// An ECS service on Fargate. Format version 2.
    Ecs(Ecs),
    /// An ElastiCache replication group. Format version 2.
    Elasticache(Elasticache),
}

/// A regional service that lives outside any VPC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegionNode {
    /// An S3 bucket.
    S3(S3),
    /// A DynamoDB table.
    Dynamodb(Dynamodb),
}

/// The kinds of node, for messages, palettes and the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Alb,
    Asg,
    Rds,
    Aurora,
    Ecs,
    Elasticache,
    S3,
    Dynamodb,
}

impl NodeKind {
    /// The `kind` string of the design file.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Alb => "alb",
            NodeKind::Asg => "asg",
            NodeKind::Rds => "rds",
            NodeKind::Aurora => "aurora",
            NodeKind::Ecs => "ecs",
            NodeKind::Elasticache => "elasticache",
            NodeKind::S3 => "s3",
            NodeKind::Dynamodb => "dynamodb",
        }
    }

    /// How a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Alb => "load balancer",
            NodeKind::Asg => "auto-scaling group",
            NodeKind::Rds => "RDS database",
            NodeKind::Aurora => "Aurora cluster",
            NodeKind::Ecs => "ECS service",
            NodeKind::Elasticache => "ElastiCache cache",
            NodeKind::S3 => "S3 bucket",
            NodeKind::Dynamodb => "DynamoDB table",
        }
    }
}

impl VpcNode {
    /// The node's id.
    pub fn id(&self) -> &str {
        match self {
            VpcNode::Alb(n) => &n.id,
            VpcNode::Asg(n) => &n.id,
            VpcNode::Rds(n) => &n.id,
            VpcNode::Aurora(n) => &n.id,
            VpcNode::Ecs(n) => &n.id,
            VpcNode::Elasticache(n) => &n.id,
        }
    }

    /// The node's display name.
    pub fn name(&self) -> &str {
        match self {
            VpcNode::Alb(n) => &n.name,
            VpcNode::Asg(n) => &n.name,
            VpcNode::Rds(n) => &n.name,
            VpcNode::Aurora(n) => &n.name,
            VpcNode::Ecs(n) => &n.name,
            VpcNode::Elasticache(n) => &n.name,
        }
    }

    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        match self {
            VpcNode::Alb(_) => NodeKind::Alb,
            VpcNode::Asg(_) => NodeKind::Asg,
            VpcNode::Rds(_) => NodeKind::Rds,
            VpcNode::Aurora(_) => NodeKind::Aurora,
            VpcNode::Ecs(_) => NodeKind::Ecs,
            VpcNode::Elasticache(_) => NodeKind::Elasticache,
        }
    }

    /// The subnet ids the node is placed in.
    pub fn subnets(&self) -> &[String] {
        match self {
            VpcNode::Alb(n) => &n.subnets,
            VpcNode::Asg(n) => &n.subnets,
            VpcNode::Rds(n) => &n.subnets,
            VpcNode::Aurora(n) => &n.subnets,
            VpcNode::Ecs(n) => &n.subnets,
            VpcNode::Elasticache(n) => &n.subnets,
        }
    }
}

impl VpcNode {
    /// The subnet ids, for editing.
    pub fn subnets_mut(&mut self) -> &mut Vec<String> {
        match self {
            VpcNode::Alb(n) => &mut n.subnets,
            VpcNode::Asg(n) => &mut n.subnets,
            VpcNode::Rds(n) => &mut n.subnets,
            VpcNode::Aurora(n) => &mut n.subnets,
            VpcNode::Ecs(n) => &mut n.subnets,
            VpcNode::Elasticache(n) => &mut n.subnets,
        }
    }

    /// The load balancer a group or service sits behind (`target`); `None`
    /// for other kinds.
    pub fn target(&self) -> Option<&str> {
        match self {
            VpcNode::Asg(n) => n.target.as_deref(),
            VpcNode::Ecs(n) => n.target.as_deref(),
            _ => None,
        }
    }

    /// The `target` field of a group or service, for editing; `None` for
    /// kinds that have none.
    pub fn target_mut(&mut self) -> Option<&mut Option<String>> {
        match self {
            VpcNode::Asg(n) => Some(&mut n.target),
            VpcNode::Ecs(n) => Some(&mut n.target),
            _ => None,
        }
    }

    /// The scaling policy of a group or service; `None` for other kinds or
    /// when it has none.
    pub fn scaling(&self) -> Option<&super::Scaling> {
        match self {
            VpcNode::Asg(n) => n.scaling.as_ref(),
            VpcNode::Ecs(n) => n.scaling.as_ref(),
            _ => None,
        }
    }

    /// The traffic weight of a group or service behind a shared load balancer.
    pub fn weight(&self) -> Option<u32> {
        match self {
            VpcNode::Asg(n) => n.weight,
            VpcNode::Ecs(n) => n.weight,
            _ => None,
        }
    }
}

impl RegionNode {
    /// The node's id.
    pub fn id(&self) -> &str {
        match self {
            RegionNode::S3(n) => &n.id,
            RegionNode::Dynamodb(n) => &n.id,
        }
    }

    /// The node's display name.
    pub fn name(&self) -> &str {
        match self {
            RegionNode::S3(n) => &n.name,
            RegionNode::Dynamodb(n) => &n.name,
        }
    }

    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        match self {
            RegionNode::S3(_) => NodeKind::S3,
            RegionNode::Dynamodb(_) => NodeKind::Dynamodb,
        }
    }
}

impl<'de> Deserialize<'de> for VpcNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (kind, rest) = take_kind(Map::deserialize(d)?, VPC_KINDS)?;
        match kind.as_str() {
            "alb" => read_variant(rest).map(VpcNode::Alb),
            "asg" => read_variant(rest).map(VpcNode::Asg),
            "rds" => read_variant(rest).map(VpcNode::Rds),
            "ecs" => read_variant(rest).map(VpcNode::Ecs),
            "elasticache" => read_variant(rest).map(VpcNode::Elasticache),
            _ => read_variant(rest).map(VpcNode::Aurora),
        }
    }
}

impl<'de> Deserialize<'de> for RegionNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (kind, rest) = take_kind(Map::deserialize(d)?, REGION_KINDS)?;
        match kind.as_str() {
            "s3" => read_variant(rest).map(RegionNode::S3),
            _ => read_variant(rest).map(RegionNode::Dynamodb),
        }
    }
}

const VPC_KINDS: &[&str] = &["alb", "asg", "rds", "aurora", "ecs", "elasticache"];
const REGION_KINDS: &[&str] = &["s3", "dynamodb"];

/// Marks a message that carries a path inside a node (see [`split_nested`]).
const NESTED: char = '\u{1}';

/// An error at `inner` (a path relative to the node) with `msg`.
pub(crate) fn nested_error<E: serde::de::Error>(inner: &str, msg: &str) -> E {
    E::custom(format!("{NESTED}{inner}{NESTED}{msg}"))
}

/// Splits a message made by [`nested_error`] into its inner path and text.
pub(crate) fn split_nested(msg: &str) -> Option<(&str, &str)> {
    let rest = msg.strip_prefix(NESTED)?;
    rest.split_once(NESTED)
}

fn take_kind<E: serde::de::Error>(
    mut map: Map<String, Value>,
    allowed: &[&str],
) -> Result<(String, Map<String, Value>), E> {
    let expected = allowed.join(", ");
    match map.remove("kind") {
        Some(Value::String(k)) if allowed.contains(&k.as_str()) => Ok((k, map)),
        Some(Value::String(k)) => Err(nested_error(
            "kind",
            &format!(
                "unknown or misplaced kind `{}`, expected one of: {expected}",
                short(&k)
            ),
        )),
        Some(other) => Err(nested_error(
            "kind",
            &format!(
                "expected a string (one of: {expected}), found {}",
                json_type(&other)
            ),
        )),
        None => Err(E::custom(format!(
            "missing field `kind` (one of: {expected})"
        ))),
    }
}

fn read_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    map: Map<String, Value>,
) -> Result<T, E> {
    tracked::read(&Value::Object(map)).map_err(|(path, msg)| {
        if path.is_empty() {
            E::custom(msg)
        } else {
            nested_error(&path, &msg)
        }
    })
}
