//! The `databases` root: the Aurora global clusters.
//!
//! A global cluster is one resource whose members live in several regions.
//! Created in the primary region's root, it would move to another root when
//! the design's primary changes (`core::edit::make_primary`), and Terraform
//! would destroy it in the old root. Here it has its own root, whose provider
//! and state are in the state region: the same whichever region is primary,
//! so re-exporting after a failover never moves it. Region roots name it by
//! its deterministic identifier (`names::global_cluster`), not by reading
//! this root's state, so they plan while the state region is down.

use super::hcl::{print, s, B};
use super::{file, files, ExportError, ExportFile};
use crate::core::model::{Aurora, Design, VpcNode};
use crate::core::names;

/// The global clusters of the design: each name once, with the first member
/// in design order (regions keep their order when the primary changes).
fn globals(design: &Design) -> Vec<(&str, &Aurora)> {
    let mut out: Vec<(&str, &Aurora)> = Vec::new();
    for n in design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
    {
        if let VpcNode::Aurora(a) = n {
            if let Some(g) = a.global.as_deref() {
                if !out.iter().any(|(x, _)| *x == g) {
                    out.push((g, a));
                }
            }
        }
    }
    out
}

/// One `aws_rds_global_cluster` per global name (also used by the single
/// root). Deletion protection is on: a global cluster is never replaced.
pub fn blocks(design: &Design) -> Vec<B> {
    globals(design)
        .into_iter()
        .map(|(g, a)| {
            B::new(
                "resource",
                &["aws_rds_global_cluster", &super::region::global_label(g)],
            )
            .a(
                "global_cluster_identifier",
                s(&names::global_cluster(design, g)),
            )
            .a("engine", s(a.engine.as_str()))
            .a("engine_version", s(&a.engine_version))
            .a("storage_encrypted", true.into())
            .a("deletion_protection", true.into())
        })
        .collect()
}

/// The files of `databases/`.
pub fn root(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    Ok(vec![
        file("databases/versions.tf", files::versions(false)?),
        file(
            "databases/providers.tf",
            files::provider(design, &design.state.region, None)?,
        ),
        file("databases/backend.tf", files::backend_block()?),
        file("databases/main.tf", print(blocks(design))?),
    ])
}
