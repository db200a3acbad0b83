//! The network flows a design implies, as the exporter opens them.
//!
//! Security groups are stateful per connection, but a new connection needs
//! egress on the sender's group *and* ingress on the receiver's. The export
//! opens exactly these flows, both halves each, and nothing else:
//!
//! | flow | sender egress | receiver ingress |
//! |---|---|---|
//! | internet → public load balancer | – | listener port from `0.0.0.0/0` (internal: the VPC CIDR) |
//! | load balancer → its Auto Scaling groups | target port to the group's SG | target port from the load balancer's SG |
//! | load balancer → its ECS services | container port to the service's SG | container port from the load balancer's SG |
//! | application (group or service) → each database of its VPC | engine port to the database's SG | engine port from the application's SG |
//! | application → each database of a peered VPC | engine port to each database subnet CIDR | engine port from each application subnet CIDR |
//! | application → each cache of its VPC | 6379 to the cache's SG | 6379 from the application's SG |
//! | application → AWS APIs, package mirrors | 443 to `0.0.0.0/0` (through NAT) | – |
//!
//! A peering means: the applications on each side may reach the databases on
//! the other side, on their engine ports. It opens nothing else (no
//! application-to-application traffic, no load balancers). Across a peering
//! the rules name subnet CIDRs from the design, since a security group cannot
//! reference a group across a cross-region peering.
//!
//! Caches are not reachable across a peering: a cache serves the applications
//! of its own VPC, in its own region. Reading a cache in another region would
//! put a cross-region round trip on every cache hit, which is slower than the
//! local database it stands in front of, and a cache is never replicated
//! across regions (after a failover the DR region's cache starts cold, on
//! purpose), so there is nothing in the other region an application should
//! read. `db_port` and the peer lists below therefore leave caches out.

use crate::core::model::{Design, Index, Vpc, VpcNode};

/// The port a database node listens on: the engine's default. `None` for
/// nodes that are not databases.
pub fn db_port(node: &VpcNode) -> Option<u16> {
    match node {
        VpcNode::Rds(d) => Some(match d.engine {
            crate::core::model::RdsEngine::Postgres => 5432,
            crate::core::model::RdsEngine::Mysql | crate::core::model::RdsEngine::Mariadb => 3306,
        }),
        VpcNode::Aurora(c) => Some(match c.engine {
            crate::core::model::AuroraEngine::Postgresql => 5432,
            crate::core::model::AuroraEngine::Mysql => 3306,
        }),
        VpcNode::Alb(_) | VpcNode::Asg(_) | VpcNode::Ecs(_) | VpcNode::Elasticache(_) => None,
    }
}

/// The VPCs peered with `vpc`, each once, in peering order.
pub fn peers<'a>(design: &'a Design, idx: &Index<'a>, vpc: &str) -> Vec<&'a Vpc> {
    let mut out: Vec<&'a Vpc> = Vec::new();
    for p in &design.peerings {
        let other = if p.a == vpc {
            &p.b
        } else if p.b == vpc {
            &p.a
        } else {
            continue;
        };
        if let Some((_, v)) = idx.vpc(other) {
            if v.id != vpc && !out.iter().any(|o| o.id == v.id) {
                out.push(v);
            }
        }
    }
    out
}

/// The subnet CIDRs of a node's subnets, as (subnet id, CIDR), skipping ids
/// the VPC does not have (validation reports those).
fn cidrs<'a>(vpc: &'a Vpc, subnets: &'a [String]) -> impl Iterator<Item = (&'a str, &'a str)> {
    subnets.iter().filter_map(move |id| {
        vpc.subnets
            .iter()
            .find(|s| &s.id == id)
            .map(|s| (s.id.as_str(), s.cidr.trim()))
    })
}

/// One CIDR a flow across a peering names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerCidr {
    /// A stable key: `<node id>/<subnet id>`.
    pub key: String,
    /// The design id of the node on the other side.
    pub node: String,
    /// The subnet CIDR.
    pub cidr: String,
    /// The database port.
    pub port: u16,
}

/// One rule per CIDR and port: two databases on one port in the same subnets
/// (or two groups in the same subnets) would otherwise give a security group
/// the same rule twice, which EC2 refuses (`InvalidPermission.Duplicate`).
/// The first entry keeps its key, so a design without such a pair keeps its
/// Terraform addresses; the others are named in its `node` ("a, b").
fn one_per_cidr_and_port(list: Vec<PeerCidr>) -> Vec<PeerCidr> {
    let mut out: Vec<(PeerCidr, Vec<String>)> = Vec::new();
    for c in list {
        match out
            .iter_mut()
            .find(|(o, _)| o.cidr == c.cidr && o.port == c.port)
        {
            Some((_, names)) => {
                if !names.contains(&c.node) {
                    names.push(c.node);
                }
            }
            None => {
                let names = vec![c.node.clone()];
                out.push((c, names));
            }
        }
    }
    out.into_iter()
        .map(|(mut c, names)| {
            c.node = match names.len() {
                0..=3 => names.join(", "),
                k => format!(
                    "{}, {}, {} and {} more",
                    names[0],
                    names[1],
                    names[2],
                    k - 3
                ),
            };
            c
        })
        .collect()
}

/// What the applications of `vpc` may reach across its peerings: every
/// subnet of every database in a peered VPC, with the database's port.
pub fn peer_database_cidrs(design: &Design, idx: &Index<'_>, vpc: &str) -> Vec<PeerCidr> {
    let mut out = Vec::new();
    for peer in peers(design, idx, vpc) {
        for node in &peer.nodes {
            let (Some(port), Some(subnets)) = (db_port(node), db_subnets(node)) else {
                continue;
            };
            for (sid, cidr) in cidrs(peer, subnets) {
                out.push(PeerCidr {
                    key: format!("{}/{sid}", node.id()),
                    node: node.id().to_string(),
                    cidr: cidr.to_string(),
                    port,
                });
            }
        }
    }
    one_per_cidr_and_port(out)
}

/// Who may reach the database `db` (in `vpc`) across its peerings: every
/// subnet of every application (group or ECS service) in a peered VPC.
pub fn peer_app_cidrs(design: &Design, idx: &Index<'_>, vpc: &str, db: &VpcNode) -> Vec<PeerCidr> {
    let Some(port) = db_port(db) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for peer in peers(design, idx, vpc) {
        for node in &peer.nodes {
            let (id, subnets) = match node {
                VpcNode::Asg(g) => (&g.id, &g.subnets),
                VpcNode::Ecs(e) => (&e.id, &e.subnets),
                _ => continue,
            };
            for (sid, cidr) in cidrs(peer, subnets) {
                out.push(PeerCidr {
                    key: format!("{id}/{sid}"),
                    node: id.clone(),
                    cidr: cidr.to_string(),
                    port,
                });
            }
        }
    }
    one_per_cidr_and_port(out)
}

fn db_subnets(node: &VpcNode) -> Option<&[String]> {
    match node {
        VpcNode::Rds(d) => Some(&d.subnets),
        VpcNode::Aurora(c) => Some(&c.subnets),
        VpcNode::Alb(_) | VpcNode::Asg(_) | VpcNode::Ecs(_) | VpcNode::Elasticache(_) => None,
    }
}

/// Whether `version` pins a minor version of `engine` (`16.4`, `8.0.35`,
/// `8.0.mysql_aurora.3.05.2`) rather than naming only the major one (`16`,
/// `8.0`). A pinned minor turns automatic minor upgrades off: after AWS
/// upgraded to 16.5, the next plan would ask for 16.4, a downgrade RDS refuses.
/// A major-only version leaves them on, and the provider accepts the newer
/// minor it reads back.
pub fn pins_minor(engine: &str, version: &str) -> bool {
    let parts: Vec<&str> = version.trim().split('.').collect();
    let postgres = engine.contains("postgres");
    // PostgreSQL 10 and later: major is one number; 9.6 and earlier: two.
    let major_parts = match parts.first().and_then(|p| p.parse::<u32>().ok()) {
        Some(m) if postgres && m >= 10 => 1,
        _ => 2,
    };
    parts.len() > major_parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::TEMPLATES;

    fn template(id: &str) -> Design {
        TEMPLATES
            .iter()
            .find(|t| t.id == id)
            .and_then(|t| t.design().ok())
            .expect("template loads")
    }

    #[test]
    fn peered_apps_reach_the_peers_databases_and_nothing_else() {
        let d = template("aurora-global");
        let idx = Index::new(&d);
        let from_use1 = peer_database_cidrs(&d, &idx, "use1-main");
        assert!(!from_use1.is_empty());
        assert!(
            from_use1
                .iter()
                .all(|c| c.node == "euw1-orders" && c.port == 5432 && c.cidr.starts_with("10.1.")),
            "{from_use1:?}"
        );
        let (_, vpc, db) = idx.vpc_node("euw1-orders").expect("db");
        let to_euw1 = peer_app_cidrs(&d, &idx, &vpc.id, db);
        assert!(!to_euw1.is_empty());
        assert!(
            to_euw1
                .iter()
                .all(|c| c.node == "use1-app" && c.cidr.starts_with("10.0.")),
            "{to_euw1:?}"
        );
        // Without the peering nothing crosses.
        let mut lone = d.clone();
        lone.peerings.clear();
        let idx = Index::new(&lone);
        assert!(peer_database_cidrs(&lone, &idx, "use1-main").is_empty());
    }

    /// Two databases on one port in the same subnets of a peered VPC, and two
    /// groups in the same subnets on the other side: each CIDR and port is
    /// one rule (EC2 refuses a duplicate), named after both.
    #[test]
    fn shared_subnets_give_one_rule_per_cidr_and_port() {
        let mut v: serde_json::Value =
            serde_json::from_str(&crate::core::model::save(&template("aurora-global")))
                .expect("json");
        for (region, id) in [(1, "euw1-orders"), (0, "use1-app")] {
            let nodes = v["regions"][region]["vpcs"][0]["nodes"]
                .as_array_mut()
                .expect("nodes");
            let mut twin = nodes.iter().find(|n| n["id"] == id).expect("node").clone();
            twin["id"] = format!("{id}-twin").into();
            twin["name"] = format!("{}-twin", twin["name"].as_str().unwrap_or("x")).into();
            if twin.get("global_cluster").is_some() {
                // A regional cluster of its own, same engine and port.
                twin["global_cluster"] = serde_json::Value::Null;
                twin["role"] = "primary".into();
            }
            nodes.push(twin);
        }
        let d = crate::core::model::load_value(v).expect("the edited design loads");
        let idx = Index::new(&d);
        let from_use1 = peer_database_cidrs(&d, &idx, "use1-main");
        let mut seen = std::collections::HashSet::new();
        assert!(
            from_use1
                .iter()
                .all(|c| seen.insert((c.cidr.clone(), c.port))),
            "a CIDR and port twice: {from_use1:?}"
        );
        assert!(
            from_use1
                .iter()
                .all(|c| c.node == "euw1-orders, euw1-orders-twin"),
            "{from_use1:?}"
        );
        assert!(
            from_use1.iter().all(|c| c.key.starts_with("euw1-orders/")),
            "the first database keeps its keys: {from_use1:?}"
        );
        let (_, vpc, db) = idx.vpc_node("euw1-orders").expect("db");
        let to_euw1 = peer_app_cidrs(&d, &idx, &vpc.id, db);
        let mut seen = std::collections::HashSet::new();
        assert!(
            to_euw1
                .iter()
                .all(|c| seen.insert((c.cidr.clone(), c.port))),
            "a CIDR twice: {to_euw1:?}"
        );
        assert!(
            to_euw1.iter().all(|c| c.node == "use1-app, use1-app-twin"),
            "{to_euw1:?}"
        );
    }

    #[test]
    fn no_peering_no_flows() {
        let d = template("active-passive");
        let idx = Index::new(&d);
        assert!(peer_database_cidrs(&d, &idx, "use1-main").is_empty());
    }

    #[test]
    fn minor_pins_per_engine() {
        for (engine, version, pinned) in [
            ("postgres", "16.4", true),
            ("postgres", "16", false),
            ("postgres", "9.6", false),
            ("postgres", "9.6.24", true),
            ("aurora-postgresql", "15.4", true),
            ("mysql", "8.0", false),
            ("mysql", "8.0.35", true),
            ("mariadb", "10.11", false),
            ("mariadb", "10.11.6", true),
            ("aurora-mysql", "8.0.mysql_aurora.3.05.2", true),
        ] {
            assert_eq!(pins_minor(engine, version), pinned, "{engine} {version}");
        }
    }
}
