//! The outputs of the global root: what a person opens and what a registrar
//! needs once the stacks are applied.
//!
//! `urls`: each DNS record's address (`https://` and its FQDN, with the port
//! when it is not the scheme's default), wildcard records left out;
//! `accelerator_dns_names`: each accelerator's own name (it works before
//! DNS is delegated);
//! `name_servers`: the zone's name servers, to enter at the registrar.

use super::hcl::{call, ex, obj, s, HclError, B};
use crate::core::model::{Design, HttpProtocol, Index, ObjectRef, VpcNode};
use crate::core::record_sets::record_sets;
use hcl::Expression;

/// The output blocks; none for a design without DNS or accelerators.
pub fn outputs(design: &Design) -> Result<Vec<B>, HclError> {
    let idx = Index::new(design);
    let mut out = Vec::new();
    if design.dns.is_some() {
        let mut urls: Vec<(String, Expression)> = Vec::new();
        for set in record_sets(design) {
            // A wildcard record (`*.shops`) answers for names nobody
            // typed yet: its own name is no address anyone can open.
            let wildcard = set.record.name.starts_with('*');
            if wildcard || urls.iter().any(|(id, _)| id == &set.record.id) {
                continue;
            }
            let Some(base) = url_base(&idx, &set.target.target) else {
                continue;
            };
            let fqdn = ex(&format!("aws_route53_record.{}.fqdn", set.label))?;
            urls.push((set.record.id.clone(), call("format", vec![s(&base), fqdn])));
        }
        if !urls.is_empty() {
            out.push(output("urls", "The address users open, by DNS record id (every record set of a record shares its name).", obj(urls)));
        }
        // An existing zone (dns.zone_id) is delegated already.
        if design.dns.as_ref().is_some_and(|d| d.zone_id.is_none()) {
            out.push(output(
                "name_servers",
                "The zone's name servers: delegate the domain to them at its registrar.",
                ex("aws_route53_zone.this.name_servers")?,
            ));
        }
    }
    if !design.accelerators.is_empty() {
        let names = design
            .accelerators
            .iter()
            .map(|a| {
                Ok((
                    a.id.clone(),
                    ex(&format!(
                        "aws_globalaccelerator_accelerator.{}.dns_name",
                        a.id
                    ))?,
                ))
            })
            .collect::<Result<Vec<_>, HclError>>()?;
        out.push(output(
            "accelerator_dns_names",
            "Each accelerator's DNS name, by design id (reachable before the zone is delegated).",
            obj(names),
        ));
    }
    Ok(out)
}

fn output(name: &str, description: &str, value: Expression) -> B {
    B::new("output", &[name])
        .a("description", s(description))
        .a("value", value)
}

/// `https://%s` (a `format` string) for a record target: the scheme and port
/// of the load balancer's listener, or, for an accelerator, its listener port
/// with the scheme of its first load balancer. `None` for unknown targets.
fn url_base(idx: &Index<'_>, target: &str) -> Option<String> {
    let alb_protocol = |id: &str| match idx.vpc_node(id) {
        Some((_, _, VpcNode::Alb(a))) => Some((a.listener.protocol, a.listener.port)),
        _ => None,
    };
    let (protocol, port) = match idx.get(target)? {
        ObjectRef::Accelerator(acc) => {
            let (protocol, _) = acc.endpoints.iter().find_map(|e| alb_protocol(&e.target))?;
            (protocol, acc.listener.port)
        }
        _ => alb_protocol(target)?,
    };
    let (scheme, default) = match protocol {
        HttpProtocol::Https => ("https", 443),
        HttpProtocol::Http => ("http", 80),
    };
    Some(if port == default {
        format!("{scheme}://%s")
    } else {
        format!("{scheme}://%s:{port}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::hcl::print;
    use crate::core::templates::TEMPLATES;

    fn design(id: &str) -> Design {
        TEMPLATES
            .iter()
            .find(|t| t.id == id)
            .and_then(|t| t.design().ok())
            .expect("template loads")
    }

    #[test]
    fn urls_name_servers_and_accelerators() {
        let text = print(outputs(&design("active-active")).expect("outputs")).expect("print");
        assert!(text.contains("output \"urls\""), "{text}");
        assert!(
            text.contains("format(\"https://%s\", aws_route53_record."),
            "{text}"
        );
        assert!(
            text.contains("aws_route53_zone.this.name_servers"),
            "{text}"
        );
        assert!(
            text.contains("aws_globalaccelerator_accelerator.edge.dns_name"),
            "{text}"
        );
    }

    /// An outside design's wildcard record came out as
    /// `https://*.shops.zoo.example.com`, which no one can open.
    #[test]
    fn a_wildcard_record_has_no_url() {
        let mut d = design("active-active");
        let records = &mut d.dns.as_mut().expect("dns").records;
        let mut wild = records[0].clone();
        wild.id = "wild".into();
        wild.name = "*.shops".into();
        records.push(wild);
        let text = print(outputs(&d).expect("outputs")).expect("print");
        let first = d.dns.as_ref().expect("dns").records[0].id.clone();
        assert!(text.contains(&format!("\"{first}\" = format(")), "{text}");
        assert!(!text.contains("\"wild\" = format("), "{text}");
    }

    #[test]
    fn no_dns_no_accelerator_no_outputs() {
        let mut d = design("active-active");
        d.dns = None;
        d.accelerators.clear();
        assert!(outputs(&d).expect("outputs").is_empty());
    }

    #[test]
    fn a_plain_http_listener_on_another_port_keeps_its_port() {
        let mut d = design("active-passive");
        for r in &mut d.regions {
            for v in &mut r.vpcs {
                for n in &mut v.nodes {
                    if let VpcNode::Alb(a) = n {
                        a.listener.protocol = HttpProtocol::Http;
                        a.listener.port = 8080;
                    }
                }
            }
        }
        let text = print(outputs(&d).expect("outputs")).expect("print");
        assert!(text.contains("\"http://%s:8080\""), "{text}");
    }
}
