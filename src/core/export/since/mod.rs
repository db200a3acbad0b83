//! What an edit changes between two exports (`topoform export --since`).
//!
//! The old export is read back (its files, or the design in its
//! `topoform.json` exported again); the new one is exported. Each root is one
//! Terraform state, so the summary compares where every top-level `module`
//! and `resource` block lands (root + address) and ties each to its design
//! object by id (labels are `<kind>_<id>`: a rename changes tags, not
//! addresses). Then:
//! - same root, same address: updated in place when its block changed, or
//!   **replaced** when its object left its VPC (AWS cannot move a subnet,
//!   load balancer, group, service or database into another VPC), or its
//!   AWS name (from the object's name, or a bucket's `bucket`) changed;
//! - same root, another address of the same object: **moved** (a `moved` block);
//! - another root: **moved to another root** (a `removed` block with
//!   `destroy = false` in the old root, `import` blocks in the new one) when
//!   the import ids are known from the design (an S3 bucket's name, a
//!   DynamoDB table's name), else its **state is moved**: the new export's
//!   `scripts/move-state.sh` moves it from the old root's state into the
//!   new one's (`terraform state mv` on pulled copies, then pushed), and
//!   the old root gets the same `removed` block, so that a plan run before
//!   the script forgets it rather than destroys it; another region is
//!   always replaced (buckets and tables are regional); a database's
//!   admission rules, inside its module in one layout and top-level
//!   resources of the workloads in the layered one, move between the two
//!   (see `admissions`);
//! - only in the old export: destroyed; only in the new: created.
//!
//! The blocks go into `<root>/moved.tf` of the new export (see `blocks`).

mod admissions;
mod blocks;
mod lines;
mod report;
mod roots;
mod script;
mod subnets;

pub use lines::unified;
pub use report::summary;

use super::ExportFile;
use crate::core::model::{for_each_object, Design, ObjectRef, RegionNode};
use roots::Place;
use std::collections::{BTreeMap, BTreeSet};

/// What happens to one Terraform address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// New in this export.
    Create,
    /// Same place, its arguments changed.
    Update,
    /// Another address in the same state: a `moved` block keeps it.
    Move,
    /// Another root: `removed` (kept) in the old state, `import` in the new.
    MoveRoot,
    /// Another root and no import id is known: `scripts/move-state.sh`
    /// moves it between the two states (and the old root forgets it).
    MoveState,
    /// AWS cannot move it (another VPC, another region): destroyed and created.
    Replace,
    /// Gone from the design.
    Destroy,
}

impl Action {
    /// The word the summary prints.
    pub fn word(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update in place",
            Action::Move => "move",
            Action::MoveRoot => "move to another root",
            Action::MoveState => "move state to another root",
            Action::Replace => "replace",
            Action::Destroy => "destroy",
        }
    }
}

/// One address's fate. `root`/`address` are where it is in the old export
/// (for a creation: the new one); `to_root`/`to_address` where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceChange {
    pub action: Action,
    pub root: String,
    pub address: String,
    pub to_root: String,
    pub to_address: String,
    /// The design object it was made from, when the label names one.
    pub object: Option<String>,
    /// Why, in words (for replacements and recreations).
    pub why: String,
}

/// How one file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Added,
    Removed,
    Changed,
}

/// One changed file with its unified diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: String,
    pub status: FileStatus,
    pub diff: String,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub files: Vec<FileChange>,
    pub resources: Vec<ResourceChange>,
}

impl Changes {
    /// How many addresses get `action`.
    pub fn count(&self, action: Action) -> usize {
        self.resources.iter().filter(|r| r.action == action).count()
    }

    /// The change of `address` (old or new), if any.
    pub fn of(&self, address: &str) -> Option<&ResourceChange> {
        self.resources
            .iter()
            .find(|r| r.address == address || r.to_address == address)
    }
}

/// Compares the old export (`old_files`, made from `old`) with the new one
/// (`new_files`, made from `new`), adds the `moved.tf` files (and, for a
/// root that no longer exists, what it needs to plan its `removed` blocks)
/// to `new_files`, and returns the summary including them.
pub fn since(
    old: &Design,
    old_files: &[ExportFile],
    new: &Design,
    new_files: &mut Vec<ExportFile>,
) -> Changes {
    let resources = resources(old, old_files, new, new_files);
    let extra = blocks::files(&resources, new, old_files, new_files);
    for f in extra {
        match new_files.iter_mut().find(|x| x.path == f.path) {
            Some(x) => *x = f,
            None => new_files.push(f),
        }
    }
    new_files.sort_by(|a, b| a.path.cmp(&b.path));
    Changes {
        files: files(old_files, new_files),
        resources,
    }
}

/// Added, removed and changed files, by path, each with its diff.
pub fn files(old: &[ExportFile], new: &[ExportFile]) -> Vec<FileChange> {
    let o: BTreeMap<&str, &str> = old
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    let n: BTreeMap<&str, &str> = new
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    let paths: BTreeSet<&str> = o.keys().chain(n.keys()).copied().collect();
    paths
        .into_iter()
        .filter_map(|p| {
            let (a, b) = (o.get(p).copied(), n.get(p).copied());
            let status = match (a, b) {
                (None, Some(_)) => FileStatus::Added,
                (Some(_), None) => FileStatus::Removed,
                (Some(x), Some(y)) if x != y => FileStatus::Changed,
                _ => return None,
            };
            Some(FileChange {
                path: p.to_string(),
                status,
                diff: unified(p, a, b),
            })
        })
        .collect()
}

/// Where a design object sits: its kind, region and VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seat {
    kind: &'static str,
    region: Option<String>,
    vpc: Option<String>,
    /// The design field AWS names it by, where the name cannot change in
    /// place (a load balancer's, group's, database's or table's name, a
    /// bucket's bucket).
    aws_name: Option<String>,
}

fn seats(design: &Design) -> BTreeMap<String, Seat> {
    let mut out = BTreeMap::new();
    for_each_object(design, |o: ObjectRef<'_>| {
        out.insert(
            o.id().to_string(),
            Seat {
                kind: o.kind().label(),
                region: o.region().map(|r| r.code.clone()),
                vpc: o.vpc().map(|v| v.id.clone()),
                aws_name: match o {
                    ObjectRef::VpcNode { node, .. } => Some(node.name().to_string()),
                    ObjectRef::RegionNode {
                        node: RegionNode::S3(b),
                        ..
                    } => Some(b.bucket.clone()),
                    ObjectRef::RegionNode {
                        node: RegionNode::Dynamodb(t),
                        ..
                    } => Some(t.name.clone()),
                    _ => None,
                },
            },
        );
    });
    out
}

/// The design object a label was made from: the longest id `x` such that
/// the label's name is `x`, ends in `_x` or holds `_x_`.
fn object_of(address: &str, ids: &BTreeSet<String>) -> Option<String> {
    let name = match address.strip_prefix("module.") {
        Some(m) => m,
        None => address.split_once('.').map_or(address, |(_, n)| n),
    };
    ids.iter()
        .filter(|id| {
            name == id.as_str()
                || name.ends_with(&format!("_{id}"))
                || name.contains(&format!("_{id}_"))
        })
        .max_by_key(|id| id.len())
        .cloned()
}

fn change(
    action: Action,
    from: &Place,
    to: &Place,
    object: Option<String>,
    why: String,
) -> ResourceChange {
    ResourceChange {
        action,
        root: from.0.clone(),
        address: from.1.clone(),
        to_root: to.0.clone(),
        to_address: to.1.clone(),
        object,
        why,
    }
}

/// The resource part of the summary.
pub fn resources(
    old: &Design,
    old_files: &[ExportFile],
    new: &Design,
    new_files: &[ExportFile],
) -> Vec<ResourceChange> {
    let (a, b) = (roots::addresses(old_files), roots::addresses(new_files));
    let (so, sn) = (seats(old), seats(new));
    let ids: BTreeSet<String> = so.keys().chain(sn.keys()).cloned().collect();
    let moved_vpc = |id: &Option<String>| {
        let id = id.as_ref()?;
        let (o, n) = (so.get(id)?, sn.get(id)?);
        if o.region != n.region {
            Some(format!(
                "AWS cannot move a {} to another region ({} to {})",
                n.kind,
                o.region.as_deref().unwrap_or("?"),
                n.region.as_deref().unwrap_or("?")
            ))
        } else if o.vpc.is_some() && n.vpc.is_some() && o.vpc != n.vpc && o.kind != "VPC" {
            Some(format!(
                "AWS cannot move a {} into another VPC ({} to {})",
                n.kind,
                o.vpc.as_deref().unwrap_or("?"),
                n.vpc.as_deref().unwrap_or("?")
            ))
        } else if o.aws_name != n.aws_name {
            Some(format!(
                "AWS names a {} by its name, and cannot rename it in place ({} to {})",
                n.kind,
                o.aws_name.as_deref().unwrap_or("?"),
                n.aws_name.as_deref().unwrap_or("?")
            ))
        } else {
            None
        }
    };
    let mut out = Vec::new();
    let mut old_only: Vec<&Place> = Vec::new();
    for (place, text) in &a {
        match b.get(place) {
            Some(t) => {
                let obj = object_of(&place.1, &ids);
                if let Some(why) = moved_vpc(&obj) {
                    out.push(change(Action::Replace, place, place, obj, why));
                } else if t != text {
                    out.push(change(Action::Update, place, place, obj, String::new()));
                }
            }
            None => old_only.push(place),
        }
    }
    let mut new_only: Vec<&Place> = b.keys().filter(|p| !a.contains_key(*p)).collect();
    for from in old_only {
        let obj = object_of(&from.1, &ids);
        let kind = |addr: &str| addr.rsplit_once('.').map(|(k, _)| k.to_string());
        // The same address in another root first, then another address of
        // the same object (and the same kind of block) in the same root.
        let pick = new_only.iter().position(|to| to.1 == from.1).or_else(|| {
            new_only.iter().position(|to| {
                to.0 == from.0
                    && obj.is_some()
                    && object_of(&to.1, &ids) == obj
                    && kind(&to.1) == kind(&from.1)
                    && (to.1.starts_with("module.") == from.1.starts_with("module."))
            })
        });
        let Some(i) = pick else {
            out.push(change(Action::Destroy, from, from, obj, String::new()));
            continue;
        };
        let to = new_only.remove(i);
        let action = if let Some(why) = moved_vpc(&obj) {
            out.push(change(Action::Replace, from, to, obj, why));
            continue;
        } else if to.0 == from.0 {
            Action::Move
        } else if blocks::imports(new, &to.1, obj.as_deref()).is_some() {
            Action::MoveRoot
        } else {
            Action::MoveState
        };
        let why = match action {
            Action::MoveRoot => "forgotten there (removed, destroy = false) and imported here by name; its KMS key is created anew, the old key is kept".to_string(),
            Action::MoveState => "scripts/move-state.sh moves it between the states: run it once, before any plan; until then the old root forgets it, never destroys it".to_string(),
            _ => String::new(),
        };
        out.push(change(action, from, to, obj, why));
    }
    for to in new_only {
        out.push(change(
            Action::Create,
            to,
            to,
            object_of(&to.1, &ids),
            String::new(),
        ));
    }
    out.extend(subnets::replaced(&so, &sn, &a, &b));
    admissions::moves(&a, &b, &mut out);
    out.sort_by(|x, y| {
        (x.action, &x.to_root, &x.to_address).cmp(&(y.action, &y.to_root, &y.to_address))
    });
    out
}
