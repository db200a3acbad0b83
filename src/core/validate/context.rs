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

/// Who carries each name: per kind and name, how many objects and the
/// region code and VPC name of each, for the three levels
/// [`Ctx::name_of`] tries (the name alone, with the region, with the region
/// and VPC). One hash entry per object and kind (keys borrow from the
/// design), the places chained through one vector: on the stress design
/// this table was most of `Ctx::new`'s time when it hashed three keys per
/// object, and `Ctx::new` most of an incremental validation's.
#[derive(Default)]
struct NameTable<'a> {
    /// Per (kind, name): how many objects carry it, and the last one's
    /// place in `places`.
    heads: FxHashMap<(ObjectKind, Cow<'a, str>), (u32, u32)>,
    /// Each object's region code and VPC name (empty when it has none),
    /// and the place of the previous object of its kind and name
    /// ([`NameTable::END`] for the first).
    places: Vec<(&'a str, &'a str, u32)>,
}

impl<'a> NameTable<'a> {
    const END: u32 = u32::MAX;

    fn add(&mut self, kind: ObjectKind, name: Cow<'a, str>, region: &'a str, vpc: &'a str) {
        let at = self.places.len() as u32;
        let head = self.heads.entry((kind, name)).or_insert((0, Self::END));
        self.places.push((region, vpc, head.1));
        *head = (head.0 + 1, at);
    }

    /// Whether at most one object of `kind` is called `name` (level 0),
    /// and is in region `region` (level 1), and in VPC `vpc` (level 2).
    fn unique(&self, kind: ObjectKind, level: u8, name: &str, region: &str, vpc: &str) -> bool {
        let Some(&(count, mut at)) = self.heads.get(&(kind, Cow::Borrowed(name))) else {
            return true;
        };
        if count <= 1 {
            return true;
        }
        if level == 0 {
            return false;
        }
        let mut same = 0;
        while at != Self::END {
            let (r, v, previous) = self.places[at as usize];
            if r == region && (level == 1 || v == vpc) {
                same += 1;
                if same > 1 {
                    return false;
                }
            }
            at = previous;
        }
        true
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
    /// How many objects the design has (more than the index holds when
    /// ids repeat).
    objects: usize,
}

fn cidrs_of(design: &Design) -> FxHashMap<&str, Ipv4Net> {
    let mut cidrs = FxHashMap::default();
    for region in &design.regions {
        for vpc in &region.vpcs {
            if let Some(net) = crate::core::model::parse_cidr(&vpc.cidr) {
                cidrs.insert(vpc.id.as_str(), net);
            }
            for s in &vpc.subnets {
                if let Some(net) = crate::core::model::parse_cidr(&s.cidr) {
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
        let mut objects = 0;
        for_each_object(design, |o| {
            objects += 1;
            let region = o.region().map(|r| r.code.as_str()).unwrap_or("");
            let vpc = o.vpc().map(|v| v.name.as_str()).unwrap_or("");
            t.add(o.kind(), name_in(design, &o), region, vpc);
        });
        Ctx {
            design,
            index: Index::new(design),
            cidrs: cidrs_of(design),
            names: Names::Own(t),
            objects,
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
            objects: 0,
        }
    }

    /// True when no id names two objects (as in every design that came
    /// through `load`): each id then finds its own object. Counted while
    /// [`Ctx::new`] walks the design for its names; not known (false) for a
    /// context of one region ([`Ctx::within`]).
    pub(super) fn ids_unique(&self) -> bool {
        matches!(self.names, Names::Own(_)) && self.index.len() == self.objects
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
            _ if t.unique(kind, 0, &full, "", "") => name,
            (Some(r), _) if t.unique(kind, 1, &full, code, "") => {
                format!("{name} in {}", short(&r.code))
            }
            (Some(r), Some(v))
                if t.unique(kind, 2, &full, code, vpc_name)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::VpcNode;
    use crate::core::templates::TEMPLATES;

    /// Each template, and each with every workload renamed `web` and every
    /// VPC `main` (so names repeat across regions, within a region across
    /// VPCs, and within a VPC).
    fn designs() -> Vec<Design> {
        let mut out = Vec::new();
        for t in TEMPLATES {
            let d = t.design().expect("template loads");
            let mut same = d.clone();
            for r in &mut same.regions {
                for v in &mut r.vpcs {
                    v.name = "main".into();
                    for n in &mut v.nodes {
                        match n {
                            VpcNode::Alb(x) => x.name = "web".into(),
                            VpcNode::Asg(x) => x.name = "web".into(),
                            VpcNode::Ecs(x) => x.name = "web".into(),
                            VpcNode::Rds(x) => x.name = "web".into(),
                            VpcNode::Aurora(x) => x.name = "web".into(),
                            VpcNode::Elasticache(x) => x.name = "web".into(),
                        }
                    }
                }
            }
            // A copy of the first region's first VPC beside it, named
            // apart: every name in it repeats within the region, in
            // another VPC.
            if let Some(v) = same.regions.first().and_then(|r| r.vpcs.first()).cloned() {
                let mut copy = v;
                copy.id.push_str("-copy");
                copy.name = "other".into();
                for s in &mut copy.subnets {
                    s.id.push_str("-copy");
                }
                for n in &mut copy.nodes {
                    let id = match n {
                        VpcNode::Alb(x) => &mut x.id,
                        VpcNode::Asg(x) => &mut x.id,
                        VpcNode::Ecs(x) => &mut x.id,
                        VpcNode::Rds(x) => &mut x.id,
                        VpcNode::Aurora(x) => &mut x.id,
                        VpcNode::Elasticache(x) => &mut x.id,
                    };
                    id.push_str("-copy");
                }
                same.regions[0].vpcs.push(copy);
            }
            out.push(d);
            out.push(same);
        }
        out
    }

    /// The table answers what counting every object answers, for every
    /// object and level.
    #[test]
    fn the_name_table_counts_as_a_scan_of_every_object() {
        let mut repeated = 0;
        for d in designs() {
            let ctx = Ctx::new(&d);
            let Names::Own(t) = &ctx.names else {
                unreachable!("a whole design's context has its own table")
            };
            let mut all = Vec::new();
            for_each_object(&d, |o| {
                let region = o.region().map(|r| r.code.as_str()).unwrap_or("");
                let vpc = o.vpc().map(|v| v.name.as_str()).unwrap_or("");
                all.push((o.kind(), name_in(&d, &o), region, vpc));
            });
            for (kind, name, region, vpc) in &all {
                for level in 0..3u8 {
                    let same = all
                        .iter()
                        .filter(|(k, n, r, v)| {
                            k == kind
                                && n == name
                                && (level < 1 || r == region)
                                && (level < 2 || v == vpc)
                        })
                        .count();
                    assert_eq!(
                        t.unique(*kind, level, name, region, vpc),
                        same <= 1,
                        "{kind:?} {name} in {region} / {vpc}, level {level}: {same} carry it"
                    );
                    repeated += usize::from(same > 1);
                }
            }
        }
        assert!(repeated > 100, "names repeat at every level: {repeated}");
    }
}
