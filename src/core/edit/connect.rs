//! Links drawn between two shapes: what each pair means, and which are refused.

use super::EditError;
use crate::core::model::*;

/// What a link from one object to another means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// An auto-scaling group or an ECS service registers into an ALB's
    /// target group.
    AsgTarget,
    /// An RDS instance becomes a read replica of another.
    RdsReplica,
    /// Two Aurora clusters share a global cluster.
    AuroraGlobal,
    /// A bucket replicates to another.
    S3Replication,
    /// Two VPCs are peered.
    Peering,
    /// A DNS record routes to an ALB or accelerator.
    DnsTarget,
    /// An accelerator sends traffic to an ALB.
    AcceleratorEndpoint,
}

impl LinkKind {
    /// What the link does, in words for the "Connect to…" list.
    pub fn phrase(self) -> &'static str {
        match self {
            LinkKind::AsgTarget => "join its target group",
            LinkKind::RdsReplica => "replicate from it (read replica)",
            LinkKind::AuroraGlobal => "join its global cluster",
            LinkKind::S3Replication => "replicate to it",
            LinkKind::Peering => "peer with it",
            LinkKind::DnsTarget => "route to it",
            LinkKind::AcceleratorEndpoint => "send traffic to it",
        }
    }
}

/// What linking `from` to `to` would mean, or why it cannot be done.
pub fn link_kind(design: &Design, from: &str, to: &str) -> Result<LinkKind, EditError> {
    link_kind_in(design, &Index::new(design), from, to)
}

/// [`link_kind`] with the design's index already built: asking about many
/// targets (the inspector's "Connect to…" list) must not index the design
/// once per target.
pub fn link_kind_in(
    design: &Design,
    index: &Index<'_>,
    from: &str,
    to: &str,
) -> Result<LinkKind, EditError> {
    let a = index
        .get(from)
        .ok_or_else(|| EditError::new(format!("No object `{from}`.")))?;
    let b = index
        .get(to)
        .ok_or_else(|| EditError::new(format!("No object `{to}`.")))?;
    classify(design, index, from, to, a, b).map_err(Refusal::error)
}

/// True when `from` can be linked to `to` now: [`link_kind_in`] without
/// the words of a refusal. The "Connect to…" list asks this of every
/// object of the design on every edit while an object is selected, and
/// shows none of the refusals: on the 5,000-object stress design,
/// formatting them was most of that list's time.
pub(crate) fn linkable_in(
    design: &Design,
    index: &Index<'_>,
    from: &str,
    to: &str,
) -> Option<LinkKind> {
    let (a, b) = (index.get(from)?, index.get(to)?);
    classify(design, index, from, to, a, b).ok()
}

/// Why two objects cannot be linked, kept unformatted until it is shown.
enum Refusal {
    Itself,
    OtherVpc(NodeKind),
    NotRds,
    Engines(&'static str, &'static str),
    Loop,
    AuroraSameRegion,
    AlreadyPeered,
    Kinds(ObjectKind, ObjectKind),
}

impl Refusal {
    fn error(self) -> EditError {
        EditError::new(match self {
            Refusal::Itself => "An object cannot be linked to itself.".to_string(),
            Refusal::OtherVpc(k) => format!(
                "An {} can only join a load balancer in its own VPC.",
                k.label()
            ),
            Refusal::NotRds => "Both ends must be RDS databases.".to_string(),
            Refusal::Engines(r, src) => {
                format!("A {r} database cannot replicate a {src} one: engines must match.")
            }
            Refusal::Loop => "That would make a replication loop.".to_string(),
            Refusal::AuroraSameRegion => {
                "Members of one Aurora global cluster must be in different regions.".to_string()
            }
            Refusal::AlreadyPeered => "These VPCs are already peered.".to_string(),
            Refusal::Kinds(ka, kb) => {
                format!("A {} cannot be linked to a {}.", ka.label(), kb.label())
            }
        })
    }
}

/// What linking `a` (id `from`) to `b` (id `to`) would mean.
fn classify(
    design: &Design,
    index: &Index<'_>,
    from: &str,
    to: &str,
    a: ObjectRef<'_>,
    b: ObjectRef<'_>,
) -> Result<LinkKind, Refusal> {
    if from == to {
        return Err(Refusal::Itself);
    }
    use ObjectKind as K;
    let kind = match (a.kind(), b.kind()) {
        (K::Node(k @ (NodeKind::Asg | NodeKind::Ecs)), K::Node(NodeKind::Alb)) => {
            if a.vpc().map(|v| &v.id) != b.vpc().map(|v| &v.id) {
                return Err(Refusal::OtherVpc(k));
            }
            LinkKind::AsgTarget
        }
        (K::Node(NodeKind::Rds), K::Node(NodeKind::Rds)) => {
            let (
                ObjectRef::VpcNode {
                    node: VpcNode::Rds(r),
                    ..
                },
                ObjectRef::VpcNode {
                    node: VpcNode::Rds(src),
                    ..
                },
            ) = (a, b)
            else {
                return Err(Refusal::NotRds);
            };
            if r.engine != src.engine {
                return Err(Refusal::Engines(r.engine.as_str(), src.engine.as_str()));
            }
            if replicates_from(index, &src.id, &r.id) {
                return Err(Refusal::Loop);
            }
            LinkKind::RdsReplica
        }
        (K::Node(NodeKind::Aurora), K::Node(NodeKind::Aurora)) => {
            if a.region().map(|r| &r.id) == b.region().map(|r| &r.id) {
                return Err(Refusal::AuroraSameRegion);
            }
            LinkKind::AuroraGlobal
        }
        (K::Node(NodeKind::S3), K::Node(NodeKind::S3)) => LinkKind::S3Replication,
        (K::Vpc, K::Vpc) => {
            let already = design
                .peerings
                .iter()
                .any(|p| (p.a == from && p.b == to) || (p.a == to && p.b == from));
            if already {
                return Err(Refusal::AlreadyPeered);
            }
            LinkKind::Peering
        }
        (K::Record, K::Node(NodeKind::Alb) | K::Accelerator) => LinkKind::DnsTarget,
        (K::Accelerator, K::Node(NodeKind::Alb)) => LinkKind::AcceleratorEndpoint,
        (ka, kb) => return Err(Refusal::Kinds(ka, kb)),
    };
    Ok(kind)
}

/// The direction a link drawn from `a` to `b` is meant in: `(a, b)` when
/// that link exists, else `(b, a)` when only the reverse does and its
/// meaning has no direction a person could get wrong (a load balancer
/// dragged onto its auto-scaling group, an ALB onto the DNS record that
/// should route to it). Replicas keep the direction drawn: from the copy to
/// its source. The refusal is the one for the direction drawn.
pub fn orient(design: &Design, a: &str, b: &str) -> Result<(String, String, LinkKind), EditError> {
    match link_kind(design, a, b) {
        Ok(kind) => Ok((a.to_string(), b.to_string(), kind)),
        Err(forward) => match link_kind(design, b, a) {
            Ok(kind) if !matches!(kind, LinkKind::RdsReplica | LinkKind::S3Replication) => {
                Ok((b.to_string(), a.to_string(), kind))
            }
            _ => Err(forward),
        },
    }
}

/// True when `node` already replicates (directly or through a chain) from `source`.
fn replicates_from(index: &Index<'_>, node: &str, source: &str) -> bool {
    let mut cur = node.to_string();
    for _ in 0..64 {
        let Some((_, _, VpcNode::Rds(r))) = index.vpc_node(&cur) else {
            return false;
        };
        match &r.replica_of {
            Some(s) if s == source => return true,
            Some(s) => cur = s.clone(),
            None => return false,
        }
    }
    true
}

/// Draws the link from `from` to `to`, returning the new design.
pub fn connect(design: &Design, from: &str, to: &str) -> Result<Design, EditError> {
    let kind = link_kind(design, from, to)?;
    let mut d = design.clone();
    let taken = super::ids::used_ids(design);
    match kind {
        LinkKind::AsgTarget => return super::target::retarget(design, from, Some(to)),
        LinkKind::RdsReplica => with_vpc_node(&mut d, from, |n| {
            if let VpcNode::Rds(r) = n {
                r.replica_of = Some(to.to_string());
                r.multi_az = false;
            }
        }),
        LinkKind::AuroraGlobal => {
            let index = Index::new(design);
            let name_of = |id: &str| match index.vpc_node(id) {
                Some((_, _, VpcNode::Aurora(c))) => Some((c.global.clone(), c.name.clone())),
                _ => None,
            };
            let (ga, name_a) = name_of(from).unwrap_or_default();
            let (gb, _) = name_of(to).unwrap_or_default();
            let global = gb.or(ga).unwrap_or(name_a);
            for id in [from, to] {
                let g = global.clone();
                with_vpc_node(&mut d, id, move |n| {
                    if let VpcNode::Aurora(c) = n {
                        c.global = Some(g);
                    }
                });
            }
        }
        LinkKind::S3Replication => {
            for r in &mut d.regions {
                for n in &mut r.nodes {
                    if let RegionNode::S3(b) = n {
                        if b.id == from {
                            b.replicate_to = Some(to.to_string());
                            b.versioning = true;
                        } else if b.id == to {
                            b.versioning = true;
                        }
                    }
                }
            }
        }
        LinkKind::Peering => {
            let id = super::ids::fresh_id(&taken, &format!("{from}-{to}"));
            d.peerings.push(Peering {
                id,
                a: from.to_string(),
                b: to.to_string(),
            });
        }
        LinkKind::DnsTarget => {
            // The failover role follows the target's region, never the order
            // the links were drawn in: the primary region's target is PRIMARY.
            let target_in_primary = Index::new(design)
                .get(to)
                .and_then(|o| o.region())
                .map(|r| r.role == RegionRole::Primary);
            if let Some(rec) = d
                .dns
                .as_mut()
                .and_then(|z| z.records.iter_mut().find(|r| r.id == from))
            {
                // Geolocation and weighted records may send several record sets
                // to one target (a location each, or split weights).
                let repeatable = matches!(
                    rec.policy,
                    RoutingPolicy::Geolocation | RoutingPolicy::Weighted
                );
                if !repeatable && rec.targets.iter().any(|t| t.target == to) {
                    return Err(EditError::new("The record already routes to that target."));
                }
                let role = match rec.policy {
                    RoutingPolicy::Failover => Some(failover_role(rec, target_in_primary)),
                    _ => None,
                };
                // A failover primary should have a check of its own (R53-05).
                let health_check = (role == Some(FailoverRole::Primary)).then(|| HealthCheck {
                    protocol: CheckProtocol::Https,
                    port: 443,
                    path: Some("/health".into()),
                    interval: 10,
                    failure_threshold: 3,
                });
                rec.targets.push(Target {
                    target: to.to_string(),
                    role,
                    weight: (rec.policy == RoutingPolicy::Weighted).then_some(100),
                    location: None,
                    health_check,
                });
            }
        }
        LinkKind::AcceleratorEndpoint => {
            if let Some(acc) = d.accelerators.iter_mut().find(|a| a.id == from) {
                if acc.endpoints.iter().any(|e| e.target == to) {
                    return Err(EditError::new(
                        "The accelerator already sends traffic to that load balancer.",
                    ));
                }
                acc.endpoints.push(Endpoint {
                    target: to.to_string(),
                    weight: 128,
                    traffic_dial: 100,
                });
            }
        }
    }
    Ok(d)
}

/// The failover role of a new target: PRIMARY in the primary region,
/// SECONDARY elsewhere; a target outside every region (an accelerator) takes
/// whichever role the record still lacks.
fn failover_role(rec: &Record, target_in_primary: Option<bool>) -> FailoverRole {
    match target_in_primary {
        Some(true) => FailoverRole::Primary,
        Some(false) => FailoverRole::Secondary,
        None if rec
            .targets
            .iter()
            .any(|t| t.role == Some(FailoverRole::Primary)) =>
        {
            FailoverRole::Secondary
        }
        None => FailoverRole::Primary,
    }
}

/// Applies `f` to the VPC node with this id.
pub(super) fn with_vpc_node(d: &mut Design, id: &str, f: impl FnOnce(&mut VpcNode)) {
    if let Some(n) = d
        .regions
        .iter_mut()
        .flat_map(|r| r.vpcs.iter_mut())
        .flat_map(|v| v.nodes.iter_mut())
        .find(|n| n.id() == id)
    {
        f(n);
    }
}
