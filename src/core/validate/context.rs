//! What every rule gets: the design, its index, and facts parsed once.

use crate::core::layout::canvas_name;
use crate::core::model::{for_each_object, Design, Index, ObjectKind, ObjectRef};
use crate::core::text::short;
use ipnet::Ipv4Net;
use rustc_hash::FxHashMap;

/// How far a name must be qualified to tell it from another object's of the
/// same kind: the keys of the three levels [`Ctx::name_of`] tries.
fn name_keys(design: &Design, o: &ObjectRef<'_>) -> [(ObjectKind, String); 3] {
    let name = canvas_name(design, o);
    let region = o.region().map(|r| r.code.as_str()).unwrap_or("");
    let vpc = o.vpc().map(|v| v.name.as_str()).unwrap_or("");
    let kind = o.kind();
    [
        (kind, name.clone()),
        (kind, format!("{name}\u{1}{region}")),
        (kind, format!("{name}\u{1}{region}\u{1}{vpc}")),
    ]
}

/// The design under validation with lookups shared by all rules.
///
/// Built once per [`super::validate`] call so rules do not each re-parse
/// CIDRs or rebuild the index.
pub struct Ctx<'a> {
    /// The design.
    pub design: &'a Design,
    /// Every object by id.
    pub index: Index<'a>,
    cidrs: FxHashMap<&'a str, Ipv4Net>,
    /// How many objects share each key of [`name_keys`].
    names: FxHashMap<(ObjectKind, String), usize>,
}

impl<'a> Ctx<'a> {
    /// Prepares the context for `design`.
    pub fn new(design: &'a Design) -> Self {
        let mut cidrs = FxHashMap::default();
        for region in &design.regions {
            for vpc in &region.vpcs {
                if let Ok(net) = vpc.cidr.trim().parse::<Ipv4Net>() {
                    cidrs.insert(vpc.id.as_str(), net);
                }
                for s in &vpc.subnets {
                    if let Ok(net) = s.cidr.trim().parse::<Ipv4Net>() {
                        cidrs.insert(s.id.as_str(), net);
                    }
                }
            }
        }
        let mut names = FxHashMap::default();
        for_each_object(design, |o| {
            for key in name_keys(design, &o) {
                *names.entry(key).or_insert(0) += 1;
            }
        });
        Ctx {
            design,
            index: Index::new(design),
            cidrs,
            names,
        }
    }

    /// An object named as the canvas labels it (see
    /// [`crate::core::layout::canvas_name`]), so a person reading a message
    /// finds it on the canvas: `web`, `us-east-1`, `app.example.com`. When
    /// another object of the same kind carries the same name, the region is
    /// added (`web in us-east-1`), then the VPC (`public-a in us-east-1 /
    /// main`), then the VPC's CIDR. An id that names nothing is returned as
    /// it is. Long names are shortened as [`short`] does.
    pub fn name_of(&self, id: &str) -> String {
        let Some(o) = self.index.get(id) else {
            return short(id).to_string();
        };
        let [plain, in_region, in_vpc] = name_keys(self.design, &o);
        let unique = |k: &(ObjectKind, String)| self.names.get(k).copied().unwrap_or(0) <= 1;
        // Shortened as every user text in a message is (a name may be long).
        let name = short(&canvas_name(self.design, &o)).to_string();
        let (region, vpc) = (o.region(), o.vpc());
        match (region, vpc) {
            _ if unique(&plain) => name,
            (Some(r), _) if unique(&in_region) => format!("{name} in {}", short(&r.code)),
            (Some(r), Some(v)) if unique(&in_vpc) && !matches!(o, ObjectRef::Vpc { .. }) => {
                format!("{name} in {} / {}", short(&r.code), short(&v.name))
            }
            (Some(r), Some(v)) => format!("{name} in {} ({})", short(&r.code), short(&v.cidr)),
            _ => name,
        }
    }

    /// The parsed CIDR of a VPC or subnet, if it parses as IPv4 `a.b.c.d/n`.
    /// (It may still have host bits set; NET-02 judges that.)
    pub fn cidr(&self, id: &str) -> Option<Ipv4Net> {
        self.cidrs.get(id).copied()
    }
}
