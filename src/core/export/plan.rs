//! Which stacks an export has, the order they apply in, and where each keeps
//! its state.
//!
//! No region's root reads another's state: a region root's state lives in
//! that region and its cross-region values are derived from deterministic
//! names, so it initialises and plans while any other region is down. The
//! order below still puts sources before replicas; it is the workflow's and
//! the README's job, not a data dependency.

use super::layers::Layer;
use super::ExportError;
use crate::core::model::{Design, ObjectRef, RegionRole, StateSplit, VpcNode};
use std::collections::{BTreeMap, BTreeSet};

/// One Terraform root with its own state.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stack {
    /// The state buckets (local state).
    Bootstrap,
    /// IAM roles and instance profiles the regions use: IAM's control plane
    /// is in us-east-1, so they stay out of the region roots.
    Iam,
    /// Aurora global clusters: their own root, so that a change of primary
    /// region never moves them between roots (which would destroy one).
    Databases,
    /// One region, by code.
    Region(String),
    /// One layer of one region (`state.split = "region_layer"`), by code.
    Layer(String, Layer),
    /// DNS, accelerators and cross-region links.
    Global,
}

impl Stack {
    /// The directory of the stack in the export.
    pub fn dir(&self) -> String {
        match self {
            Stack::Bootstrap => "bootstrap".into(),
            Stack::Iam => "iam".into(),
            Stack::Databases => "databases".into(),
            Stack::Region(code) => format!("regions/{code}"),
            Stack::Layer(code, layer) => format!("regions/{code}/{}", layer.name()),
            Stack::Global => "global".into(),
        }
    }

    /// The way from the stack's directory up to the export's top: `../`
    /// per level (`../../` from `regions/<code>/`).
    pub fn up(&self) -> String {
        "../".repeat(self.dir().matches('/').count() + 1)
    }

    /// The region a region's root (or layer) belongs to.
    pub fn region(&self) -> Option<&str> {
        match self {
            Stack::Region(code) | Stack::Layer(code, _) => Some(code),
            _ => None,
        }
    }

    /// The stack name inside its state key (`names::state_key`): the backend
    /// name, except `<code>/<layer>` for a layer.
    pub fn state_name(&self) -> Option<String> {
        match self {
            Stack::Layer(code, layer) => Some(format!("{code}/{}", layer.name())),
            _ => self.backend_name(),
        }
    }

    /// The name of its backend config (`backends/<name>.hcl`), if it has remote state.
    pub fn backend_name(&self) -> Option<String> {
        match self {
            Stack::Bootstrap => None,
            Stack::Iam => Some("iam".into()),
            Stack::Databases => Some("databases".into()),
            Stack::Region(code) => Some(code.clone()),
            Stack::Layer(code, layer) => Some(format!("{code}-{}", layer.name())),
            Stack::Global => Some("global".into()),
        }
    }

    /// The bucket and region of its state: a region's own bucket in that
    /// region (`names::region_state_bucket`), the state bucket in the state
    /// region for the others. None for bootstrap (local state).
    pub fn state_location(&self, design: &Design) -> Option<(String, String)> {
        match self {
            Stack::Bootstrap => None,
            Stack::Region(code) | Stack::Layer(code, _) => Some((
                crate::core::names::region_state_bucket(design, code),
                code.clone(),
            )),
            Stack::Iam | Stack::Databases | Stack::Global => {
                Some((design.state.bucket.clone(), design.state.region.clone()))
            }
        }
    }
}

/// Whether the design has an Aurora global cluster (and so a `databases` stack).
pub fn has_global_clusters(design: &Design) -> bool {
    design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .any(|n| matches!(n, VpcNode::Aurora(a) if a.global.is_some()))
}

/// The regions that must be applied before a region's root (from empty): where
/// the sources of its replicas and the writers of its global clusters live.
/// An ordering only: the root reads nothing from them.
pub fn upstream(
    design: &Design,
    index: &crate::core::model::Index<'_>,
    code: &str,
) -> BTreeSet<String> {
    let mut up = BTreeSet::new();
    let Some(region) = design.regions.iter().find(|r| r.code == code) else {
        return up;
    };
    for n in region.vpcs.iter().flat_map(|v| &v.nodes) {
        match n {
            VpcNode::Rds(d) => {
                if let Some(ObjectRef::VpcNode { region: src, .. }) =
                    d.replica_of.as_deref().and_then(|s| index.get(s))
                {
                    if src.code != code {
                        up.insert(src.code.clone());
                    }
                }
            }
            VpcNode::Aurora(a) if a.global.is_some() => {
                if let Some(p) = design.primary() {
                    if p.code != code {
                        up.insert(p.code.clone());
                    }
                }
            }
            _ => {}
        }
    }
    up
}

/// bootstrap, iam, databases (if any), then the regions (primary first,
/// each after its upstream regions), then global. A cycle between regions cannot be applied.
/// With `state.split = "region_layer"` each region is its platform, then its workloads.
pub fn apply_order(design: &Design) -> Result<Vec<Stack>, ExportError> {
    let mut regions: Vec<&str> = Vec::new();
    if let Some(p) = design
        .regions
        .iter()
        .find(|r| r.role == RegionRole::Primary)
    {
        regions.push(&p.code);
    }
    regions.extend(
        design
            .regions
            .iter()
            .filter(|r| r.role != RegionRole::Primary)
            .map(|r| r.code.as_str()),
    );
    let index = crate::core::model::Index::new(design);
    let deps: BTreeMap<&str, BTreeSet<String>> = regions
        .iter()
        .map(|c| (*c, upstream(design, &index, c)))
        .collect();
    let mut done: Vec<&str> = Vec::new();
    while done.len() < regions.len() {
        let next = regions.iter().find(|c| {
            !done.contains(c)
                && deps[*c]
                    .iter()
                    .all(|d| done.contains(&d.as_str()) || !regions.contains(&d.as_str()))
        });
        match next {
            Some(c) => done.push(c),
            None => {
                let left: Vec<&str> = regions
                    .iter()
                    .filter(|c| !done.contains(c))
                    .copied()
                    .collect();
                return Err(ExportError::Unsupported(format!(
                    "the regions {} replicate from each other in a circle, so no region can be applied first; \
                     make one of them hold every source",
                    left.join(", ")
                )));
            }
        }
    }
    let mut order = vec![Stack::Bootstrap, Stack::Iam];
    if has_global_clusters(design) {
        order.push(Stack::Databases);
    }
    for c in done {
        match design.state.split {
            StateSplit::Region => order.push(Stack::Region(c.to_string())),
            StateSplit::RegionLayer => {
                order.extend(Layer::ALL.iter().map(|l| Stack::Layer(c.to_string(), *l)))
            }
        }
    }
    order.push(Stack::Global);
    Ok(order)
}
