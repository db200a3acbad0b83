//! Subnets: not top-level blocks, so compared by design object.

use super::roots::Place;
use super::{change, Action, ResourceChange, Seat};
use std::collections::BTreeMap;

/// Subnets live inside their VPC's module, keyed by id: one that changed VPC
/// is destroyed in the old VPC and created in the new (AWS cannot move it).
pub(super) fn replaced(
    so: &BTreeMap<String, Seat>,
    sn: &BTreeMap<String, Seat>,
    a: &BTreeMap<Place, String>,
    b: &BTreeMap<Place, String>,
) -> Vec<ResourceChange> {
    let mut out = Vec::new();
    for (id, n) in sn {
        let Some(o) = so.get(id) else { continue };
        if n.kind != "subnet" || o.vpc == n.vpc {
            continue;
        }
        let (Some(ov), Some(nv)) = (&o.vpc, &n.vpc) else {
            continue;
        };
        let root_of = |places: &BTreeMap<Place, String>, vpc: &str| {
            places
                .keys()
                .find(|(_, addr)| addr == &format!("module.vpc_{vpc}"))
                .map_or_else(String::new, |(r, _)| r.clone())
        };
        let from = (
            root_of(a, ov),
            format!("module.vpc_{ov}.aws_subnet.this[\"{id}\"]"),
        );
        let to = (
            root_of(b, nv),
            format!("module.vpc_{nv}.aws_subnet.this[\"{id}\"]"),
        );
        out.push(change(
            Action::Replace,
            &from,
            &to,
            Some(id.clone()),
            format!("AWS cannot move a subnet into another VPC ({ov} to {nv})"),
        ));
    }
    out
}
