//! What every rule gets: the design, its index, and facts parsed once.

use crate::core::layout::canvas_name;
use crate::core::model::{for_each_object, Design, Index, ObjectKind, ObjectRef};
use crate::core::text::short;
use ipnet::Ipv4Net;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;

/// An object's name as the canvas shows it, borrowed from the design
/// except for records (`www.` + the zone).
fn name_in<'a>(design: &'a Design, o: &ObjectRef<'a>) -> Cow<'a, str> {
    match o {
        ObjectRef::Record(_) => Cow::Owned(canvas_name(design, o)),
        other => Cow::Borrowed(other.display_name()),
    }
}

/// How many objects of a kind share a name (level 0), a name and region
/// (level 1), and a name, region and VPC (level 2): the three levels
/// [`Ctx::name_of`] tries. Keys borrow from the design (building this table
/// was most of `Ctx::new`'s time on the stress design when every key was
/// three formatted strings); one map for the three levels, so the editor's
/// wasm carries one instantiation of the hash map's code, not three.
#[derive(Default)]
struct NameTable<'a> {
    counts: FxHashMap<NameKey<'a>, u32>,
}

/// A [`NameTable`] key: kind, level, name, region code, VPC name (the
/// parts a level does not use are empty).
type NameKey<'a> = (ObjectKind, u8, Cow<'a, str>, &'a str, &'a str);

impl<'a> NameTable<'a> {
    fn unique(&self, key: NameKey<'a>) -> bool {
        self.counts.get(&key).copied().unwrap_or(0) <= 1
    }
}

/// Where [`Ctx::name_of`] looks names up.
enum Names<'a> {
    /// The context's own table, of its whole design.
    Own(NameTable<'a>),
    /// Another context's (the whole design's, for a context of one region
    /// of it), noting every name given, so a cache of this context's
    /// findings can tell when a message would now read differently.
    Of(&'a Ctx<'a>, RefCell<Vec<(String, String)>>),
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
    names: Names<'a>,
}

fn cidrs_of(design: &Design) -> FxHashMap<&str, Ipv4Net> {
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
    cidrs
}

impl<'a> Ctx<'a> {
    /// Prepares the context for `design`.
    pub fn new(design: &'a Design) -> Self {
        let mut t = NameTable::default();
        for_each_object(design, |o| {
            let name = name_in(design, &o);
            let region = o.region().map(|r| r.code.as_str()).unwrap_or("");
            let vpc = o.vpc().map(|v| v.name.as_str()).unwrap_or("");
            let kind = o.kind();
            for key in [
                (kind, 2, name.clone(), region, vpc),
                (kind, 1, name.clone(), region, ""),
                (kind, 0, name, "", ""),
            ] {
                *t.counts.entry(key).or_insert(0) += 1;
            }
        });
        Ctx {
            design,
            index: Index::new(design),
            cidrs: cidrs_of(design),
            names: Names::Own(t),
        }
    }

    /// A context for `part` (a design holding one region of `whole`'s
    /// design) whose [`Ctx::name_of`] names objects as `whole` does and
    /// records each name it gives (see [`Ctx::names_given`]).
    pub(super) fn within(part: &'a Design, whole: &'a Ctx<'a>) -> Self {
        Ctx {
            design: part,
            index: Index::new(part),
            cidrs: cidrs_of(part),
            names: Names::Of(whole, RefCell::new(Vec::new())),
        }
    }

    /// Every `(id, name)` a context made by [`Ctx::within`] has given;
    /// empty for others.
    pub(super) fn names_given(self) -> Vec<(String, String)> {
        match self.names {
            Names::Own(_) => Vec::new(),
            Names::Of(_, given) => given.into_inner(),
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
        match &self.names {
            Names::Own(t) => self.name_from(t, id),
            Names::Of(whole, given) => {
                let name = whole.name_of(id);
                given.borrow_mut().push((id.to_string(), name.clone()));
                name
            }
        }
    }

    fn name_from(&self, t: &NameTable<'a>, id: &str) -> String {
        let Some(o) = self.index.get(id) else {
            return short(id).to_string();
        };
        let full = name_in(self.design, &o);
        let (region, vpc) = (o.region(), o.vpc());
        let (code, vpc_name) = (
            region.map(|r| r.code.as_str()).unwrap_or(""),
            vpc.map(|v| v.name.as_str()).unwrap_or(""),
        );
        let kind = o.kind();
        // Shortened as every user text in a message is (a name may be long).
        let name = short(&full).to_string();
        match (region, vpc) {
            _ if t.unique((kind, 0, full.clone(), "", "")) => name,
            (Some(r), _) if t.unique((kind, 1, full.clone(), code, "")) => {
                format!("{name} in {}", short(&r.code))
            }
            (Some(r), Some(v))
                if t.unique((kind, 2, full.clone(), code, vpc_name))
                    && !matches!(o, ObjectRef::Vpc { .. }) =>
            {
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
