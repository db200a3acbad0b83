//! The global root: Route 53 zone, records and health checks, Global
//! Accelerator, and the cross-region links (peering with routes on both
//! sides, S3 replication). One provider alias per region; every region's
//! values come from its remote state.

use super::hcl::{call, ex, n, obj, print, record, s, HclError, B};
use super::region::{remote_state, state_label};
use super::{file, files, ExportError, ExportFile};
use crate::core::model::*;
use crate::core::names;
use crate::core::record_sets::record_sets;
use hcl::Expression;

/// The files of `global/`.
pub fn root(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    let main = match design.state.split {
        StateSplit::Region => {
            let look = |code: &str, path: &str| -> Result<Expression, HclError> {
                ex(&format!(
                    "data.terraform_remote_state.{}.outputs.{path}",
                    state_label(code)
                ))
            };
            let mut main = Vec::new();
            for r in &design.regions {
                main.push(remote_state(design, &r.code)?);
            }
            main.extend(blocks(design, &look, false)?);
            main
        }
        StateSplit::RegionLayer => super::layer_roots::global_main(design)?,
    };
    let mut providers = vec![files::provider_block(
        design,
        design
            .primary()
            .map(|p| p.code.as_str())
            .unwrap_or("us-east-1"),
        None,
    )];
    for r in &design.regions {
        providers.push(files::provider_block(
            design,
            &r.code,
            Some(&state_label(&r.code)),
        ));
    }
    let mut out = vec![
        file("global/versions.tf", files::versions(false)?),
        file("global/providers.tf", print(providers)?),
        file("global/backend.tf", files::backend_block()?),
        file("global/main.tf", print(main)?),
    ];
    let outputs = super::global_outputs::outputs(design)?;
    if !outputs.is_empty() {
        out.push(file("global/outputs.tf", print(outputs)?));
    }
    Ok(out)
}

/// Looks a value up in a region's outputs: `(region code, "albs[\"id\"].arn")`.
pub type Lookup<'a> = dyn Fn(&str, &str) -> Result<Expression, HclError> + 'a;

fn region_of<'a>(index: &Index<'a>, id: &str) -> Option<&'a Region> {
    index.get(id).and_then(|o| o.region())
}

/// The one port the load balancers of an endpoint group listen on, if they
/// share one.
fn endpoint_port(index: &Index<'_>, eps: &[&Endpoint]) -> Option<u16> {
    let mut ports = eps.iter().filter_map(|e| match index.vpc_node(&e.target) {
        Some((_, _, VpcNode::Alb(alb))) => Some(alb.listener.port),
        _ => None,
    });
    let first = ports.next()?;
    ports.all(|p| p == first).then_some(first)
}

/// The global resources; `look` reads a region's values (remote state in the
/// per-region layout, module outputs in the single root).
/// `single`: everything is in one root, so orderings the per-region apply
/// order gives for free are written as `depends_on`.
pub fn blocks(design: &Design, look: &Lookup<'_>, single: bool) -> Result<Vec<B>, HclError> {
    let idx = Index::new(design);
    let mut out = Vec::new();
    let alias = |code: &str| ex(&format!("aws.{}", state_label(code)));
    // Accelerators first: records may alias them.
    for a in &design.accelerators {
        out.push(
            B::new("resource", &["aws_globalaccelerator_accelerator", &a.id])
                .skip(
                    "CKV_AWS_75",
                    "Flow logs need an S3 bucket the design does not have.",
                )
                .a("name", s(&names::accelerator(design, &a.name)))
                .a("ip_address_type", s("IPV4"))
                .a("enabled", true.into()),
        );
        out.push(
            B::new("resource", &["aws_globalaccelerator_listener", &a.id])
                .a(
                    "accelerator_arn",
                    ex(&format!("aws_globalaccelerator_accelerator.{}.id", a.id))?,
                )
                .a("protocol", s(a.listener.protocol.as_str()))
                .b(B::new("port_range", &[])
                    .a("from_port", n(a.listener.port))
                    .a("to_port", n(a.listener.port))),
        );
        let mut regions: Vec<&Region> = Vec::new();
        for e in &a.endpoints {
            if let Some(r) = region_of(&idx, &e.target) {
                if !regions.iter().any(|x| x.code == r.code) {
                    regions.push(r);
                }
            }
        }
        for r in regions {
            let eps: Vec<&Endpoint> = a
                .endpoints
                .iter()
                .filter(|e| region_of(&idx, &e.target).map(|x| &x.code) == Some(&r.code))
                .collect();
            let dial = eps.iter().map(|e| e.traffic_dial).max().unwrap_or(100);
            // No health_check_* settings: every endpoint is a load balancer,
            // and for those Global Accelerator ignores the endpoint group's
            // health checks and follows the load balancer's target health
            // (the ALB's health_check). Writing them would promise a check
            // that never runs.
            let mut g = B::new(
                "resource",
                &[
                    "aws_globalaccelerator_endpoint_group",
                    &format!("{}_{}", a.id, r.id),
                ],
            )
            .a(
                "listener_arn",
                ex(&format!("aws_globalaccelerator_listener.{}.id", a.id))?,
            )
            .a("endpoint_group_region", s(&r.code))
            .a("traffic_dial_percentage", n(dial));
            // Global Accelerator sends a connection to the endpoint on the
            // listener's port unless a port override maps it; a load balancer
            // listens on its own port (its security group opens only that).
            // Rule GA-06 makes the load balancers of one region share a port.
            if let Some(port) = endpoint_port(&idx, &eps).filter(|p| *p != a.listener.port) {
                g = g.b(B::new("port_override", &[])
                    .a("listener_port", n(a.listener.port))
                    .a("endpoint_port", n(port)));
            }
            for e in eps {
                g = g.b(B::new("endpoint_configuration", &[])
                    .a(
                        "endpoint_id",
                        look(&r.code, &format!("albs[\"{}\"].arn", e.target))?,
                    )
                    .a("weight", n(e.weight))
                    .a("client_ip_preservation_enabled", true.into()));
            }
            out.push(g);
        }
    }
    if let Some(dns) = &design.dns {
        // An existing zone (dns.zone_id) takes the records by its id; else
        // the zone is created here and global_outputs gives its name servers.
        let zone_id = match dns.zone_id.as_deref() {
            Some(id) => s(id),
            None => {
                out.push(
                    B::new("resource", &["aws_route53_zone", "this"])
                        .skip("CKV2_AWS_38", "DNSSEC signing needs a KMS key in us-east-1 and a DS record at the registrar; enable it once the zone is delegated.")
                        .skip("CKV2_AWS_39", "Query logging needs a CloudWatch log group in us-east-1; an account-level choice.")
                        .a("name", s(&dns.zone))
                        .a("comment", s("Managed by Topoform")),
                );
                ex("aws_route53_zone.this.zone_id")?
            }
        };
        for set in record_sets(design) {
            let (rec, t, label) = (set.record, set.target, set.label);
            let target_region = region_of(&idx, &t.target);
            let (alias_name, alias_zone) = match (idx.get(&t.target), target_region) {
                (Some(ObjectRef::Accelerator(acc)), _) => (
                    ex(&format!(
                        "aws_globalaccelerator_accelerator.{}.dns_name",
                        acc.id
                    ))?,
                    ex(&format!(
                        "aws_globalaccelerator_accelerator.{}.hosted_zone_id",
                        acc.id
                    ))?,
                ),
                (_, Some(r)) => (
                    look(&r.code, &format!("albs[\"{}\"].dns_name", t.target))?,
                    look(&r.code, &format!("albs[\"{}\"].zone_id", t.target))?,
                ),
                _ => continue,
            };
            if let Some(h) = &t.health_check {
                let mut hc = B::new("resource", &["aws_route53_health_check", &label])
                    .a("fqdn", alias_name.clone())
                    .a("port", n(h.port))
                    .a("type", s(h.protocol.as_str()))
                    .a("request_interval", n(h.interval))
                    .a("failure_threshold", n(h.failure_threshold))
                    .a(
                        "tags",
                        obj([("Name", s(&format!("{} {}", rec.name, t.target)))]),
                    );
                if h.protocol != CheckProtocol::Tcp {
                    hc = hc.opt("resource_path", h.path.as_deref().map(s));
                }
                out.push(hc);
            }
            let mut r = B::new("resource", &["aws_route53_record", &label])
                .a("zone_id", zone_id.clone())
                .a(
                    "name",
                    s(if rec.name == "@" {
                        &dns.zone
                    } else {
                        &rec.name
                    }),
                )
                .a("type", s(rec.kind.as_str()));
            r = r.opt("set_identifier", set.set_identifier.as_deref().map(s));
            r = r.opt(
                "health_check_id",
                t.health_check
                    .as_ref()
                    .map(|_| ex(&format!("aws_route53_health_check.{label}.id")))
                    .transpose()?,
            );
            r = r.b(B::new("alias", &[])
                .a("name", alias_name)
                .a("zone_id", alias_zone)
                .a("evaluate_target_health", true.into()));
            r = match rec.policy {
                RoutingPolicy::Simple => r,
                RoutingPolicy::Failover => r.b(B::new("failover_routing_policy", &[]).a(
                    "type",
                    s(match t.role {
                        Some(FailoverRole::Secondary) => "SECONDARY",
                        _ => "PRIMARY",
                    }),
                )),
                RoutingPolicy::Latency => match target_region {
                    Some(reg) => {
                        r.b(B::new("latency_routing_policy", &[]).a("region", s(&reg.code)))
                    }
                    None => r,
                },
                RoutingPolicy::Weighted => r
                    .b(B::new("weighted_routing_policy", &[])
                        .a("weight", n(t.weight.unwrap_or(0)))),
                RoutingPolicy::Geolocation => {
                    let loc = t.location.clone().unwrap_or_default();
                    let country = if loc.default == Some(true) {
                        Some("*".to_string())
                    } else {
                        loc.country.clone()
                    };
                    r.b(B::new("geolocation_routing_policy", &[])
                        .opt("continent", loc.continent.as_deref().map(s))
                        .opt("country", country.as_deref().map(s))
                        .opt("subdivision", loc.subdivision.as_deref().map(s)))
                }
            };
            out.push(r);
        }
    }
    for p in &design.peerings {
        let (Some((ra, _)), Some((rb, _))) = (idx.vpc(&p.a), idx.vpc(&p.b)) else {
            continue;
        };
        let cross = ra.code != rb.code;
        let vpc =
            |r: &Region, id: &str, what: &str| look(&r.code, &format!("vpcs[\"{id}\"].{what}"));
        out.push(
            B::new("resource", &["aws_vpc_peering_connection", &p.id])
                .a("provider", alias(&ra.code)?)
                .a("vpc_id", vpc(ra, &p.a, "vpc_id")?)
                .a("peer_vpc_id", vpc(rb, &p.b, "vpc_id")?)
                .opt("peer_region", cross.then(|| s(&rb.code)))
                .a("auto_accept", (!cross).into())
                .a("tags", obj([("Name", s(&p.id))])),
        );
        if cross {
            out.push(
                B::new("resource", &["aws_vpc_peering_connection_accepter", &p.id])
                    .a("provider", alias(&rb.code)?)
                    .a(
                        "vpc_peering_connection_id",
                        ex(&format!("aws_vpc_peering_connection.{}.id", p.id))?,
                    )
                    .a("auto_accept", true.into())
                    .a("tags", obj([("Name", s(&p.id))])),
            );
        }
        let conn = if cross {
            ex(&format!("aws_vpc_peering_connection_accepter.{}.id", p.id))?
        } else {
            ex(&format!("aws_vpc_peering_connection.{}.id", p.id))?
        };
        for (side, (r, me, other_r, other)) in
            [("a", (ra, &p.a, rb, &p.b)), ("b", (rb, &p.b, ra, &p.a))]
        {
            out.push(
                B::new("resource", &["aws_route", &format!("{}_{side}", p.id)])
                    .a("provider", alias(&r.code)?)
                    // Keyed by stable names (public, data, private subnet ids),
                    // known when planning even where the ids are not.
                    .a("for_each", vpc(r, me, "route_table_ids")?)
                    .a("route_table_id", ex("each.value")?)
                    .a("destination_cidr_block", vpc(other_r, other, "cidr")?)
                    .a("vpc_peering_connection_id", conn.clone()),
            );
        }
    }
    for r in &design.regions {
        for node in &r.nodes {
            let RegionNode::S3(b) = node else { continue };
            let Some((dr, RegionNode::S3(d))) =
                b.replicate_to.as_deref().and_then(|t| idx.region_node(t))
            else {
                continue;
            };
            let src = |what: &str| look(&r.code, &format!("buckets[\"{}\"].{what}", b.id));
            let dst = |what: &str| look(&dr.code, &format!("buckets[\"{}\"].{what}", d.id));
            let role = names::replication_role(design, &b.name, &r.code);
            let label = format!("{}_replication", b.id);
            let assume = call(
                "jsonencode",
                vec![record([
                    ("Version", s("2012-10-17")),
                    (
                        "Statement",
                        Expression::Array(vec![record([
                            ("Effect", s("Allow")),
                            ("Principal", record([("Service", s("s3.amazonaws.com"))])),
                            ("Action", s("sts:AssumeRole")),
                        ])]),
                    ),
                ])],
            );
            let stmt = |actions: &[&str], resource: Expression| {
                record([
                    ("Effect", s("Allow")),
                    (
                        "Action",
                        Expression::Array(actions.iter().map(|a| s(a)).collect()),
                    ),
                    ("Resource", resource),
                ])
            };
            let objects = |arn: Expression| call("format", vec![s("%s/*"), arn]);
            let policy = call(
                "jsonencode",
                vec![record([
                    ("Version", s("2012-10-17")),
                    (
                        "Statement",
                        Expression::Array(vec![
                            stmt(
                                &["s3:GetReplicationConfiguration", "s3:ListBucket"],
                                src("arn")?,
                            ),
                            stmt(
                                &[
                                    "s3:GetObjectVersionForReplication",
                                    "s3:GetObjectVersionAcl",
                                    "s3:GetObjectVersionTagging",
                                ],
                                objects(src("arn")?),
                            ),
                            stmt(
                                &[
                                    "s3:ReplicateObject",
                                    "s3:ReplicateDelete",
                                    "s3:ReplicateTags",
                                ],
                                objects(dst("arn")?),
                            ),
                            stmt(&["kms:Decrypt"], src("kms_key_arn")?),
                            stmt(&["kms:Encrypt", "kms:GenerateDataKey"], dst("kms_key_arn")?),
                        ]),
                    ),
                ])],
            );
            out.push(
                B::new("resource", &["aws_iam_role", &label])
                    .a("name", s(&role))
                    .a("assume_role_policy", assume),
            );
            out.push(
                B::new("resource", &["aws_iam_role_policy", &label])
                    .a("role", ex(&format!("aws_iam_role.{label}.id"))?)
                    .a("policy", policy),
            );
            out.push(
                B::new(
                    "resource",
                    &["aws_s3_bucket_replication_configuration", &label],
                )
                .a("provider", alias(&r.code)?)
                .a("role", ex(&format!("aws_iam_role.{label}.arn"))?)
                .a("bucket", src("id")?)
                // S3 refuses replication until both buckets are versioned;
                // in one root only this orders it after the versioning.
                .opt(
                    "depends_on",
                    single
                        .then(|| {
                            [&b.id, &d.id]
                                .iter()
                                .map(|id| ex(&format!("module.s3_{id}")))
                                .collect::<Result<Vec<_>, _>>()
                                .map(Expression::Array)
                        })
                        .transpose()?,
                )
                .b(B::new("rule", &[])
                    .a("id", s(&format!("to-{}", d.id)))
                    .a("status", s("Enabled"))
                    .b(B::new("filter", &[]))
                    .b(B::new("delete_marker_replication", &[]).a("status", s("Enabled")))
                    .b(B::new("source_selection_criteria", &[]).b(B::new(
                        "sse_kms_encrypted_objects",
                        &[],
                    )
                    .a("status", s("Enabled"))))
                    .b(B::new("destination", &[])
                        .a("bucket", dst("arn")?)
                        .a("storage_class", s("STANDARD"))
                        .b(B::new("encryption_configuration", &[])
                            .a("replica_kms_key_id", dst("kms_key_arn")?)))),
            );
        }
    }
    Ok(out)
}
