//! Changing one field of one object: find it by id, hand out a mutable
//! reference, return the new design. The inspector's every input goes
//! through [`update`], so an edit is still a pure `Design -> Design`.

use crate::core::model::*;

/// A mutable view of one object of a design.
pub enum ObjectMut<'a> {
    Region(&'a mut Region),
    Vpc(&'a mut Vpc),
    Subnet(&'a mut Subnet),
    VpcNode(&'a mut VpcNode),
    RegionNode(&'a mut RegionNode),
    Peering(&'a mut Peering),
    Record(&'a mut Record),
    Accelerator(&'a mut Accelerator),
}

/// A copy of `design` with `f` applied to the object `id`, or `None` when no
/// object has that id.
pub fn update(design: &Design, id: &str, f: impl FnOnce(ObjectMut<'_>)) -> Option<Design> {
    let mut d = design.clone();
    let target = find(&mut d, id)?;
    f(target);
    Some(d)
}

fn find<'a>(d: &'a mut Design, id: &str) -> Option<ObjectMut<'a>> {
    for r in &mut d.regions {
        if r.id == id {
            return Some(ObjectMut::Region(r));
        }
        for v in &mut r.vpcs {
            if v.id == id {
                return Some(ObjectMut::Vpc(v));
            }
            if let Some(s) = v.subnets.iter_mut().find(|s| s.id == id) {
                return Some(ObjectMut::Subnet(s));
            }
            if let Some(n) = v.nodes.iter_mut().find(|n| n.id() == id) {
                return Some(ObjectMut::VpcNode(n));
            }
        }
        if let Some(n) = r.nodes.iter_mut().find(|n| n.id() == id) {
            return Some(ObjectMut::RegionNode(n));
        }
    }
    if let Some(p) = d.peerings.iter_mut().find(|p| p.id == id) {
        return Some(ObjectMut::Peering(p));
    }
    if let Some(r) = d
        .dns
        .as_mut()
        .and_then(|z| z.records.iter_mut().find(|r| r.id == id))
    {
        return Some(ObjectMut::Record(r));
    }
    d.accelerators
        .iter_mut()
        .find(|a| a.id == id)
        .map(ObjectMut::Accelerator)
}

/// Parses a whole number for a field with an allowed range, or says why not.
pub fn parse_in_range(text: &str, min: u32, max: u32, what: &str) -> Result<u32, String> {
    let n: u32 = text
        .trim()
        .parse()
        .map_err(|_| format!("{what} must be a whole number, not “{}”.", text.trim()))?;
    if n < min || n > max {
        return Err(format!("{what} must be between {min} and {max}."));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    #[test]
    fn updates_one_field_of_one_object() {
        let d = template("active-passive").unwrap().design().unwrap();
        let after = update(&d, "use1-main", |o| {
            if let ObjectMut::Vpc(v) = o {
                v.cidr = "10.9.0.0/16".into();
            }
        })
        .unwrap();
        assert_eq!(after.regions[0].vpcs[0].cidr, "10.9.0.0/16");
        assert_eq!(
            d.regions[0].vpcs[0].cidr, "10.0.0.0/16",
            "the old design is untouched"
        );
        assert!(update(&d, "nope", |_| {}).is_none());
        for id in ["use1", "use1-pub-a", "use1-alb", "app"] {
            assert!(update(&d, id, |_| {}).is_some(), "{id}");
        }
    }

    #[test]
    fn numbers_are_checked_against_their_range() {
        assert_eq!(parse_in_range(" 7 ", 0, 35, "Backup days"), Ok(7));
        assert!(parse_in_range("36", 0, 35, "Backup days")
            .unwrap_err()
            .contains("between 0 and 35"));
        assert!(parse_in_range("seven", 0, 35, "Backup days")
            .unwrap_err()
            .contains("whole number"));
        assert!(parse_in_range("-1", 0, 35, "x").is_err());
    }
}
