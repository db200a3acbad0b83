//! The ECS services a regional failover grows, as data for the runbooks:
//! like the groups (`failover::GroupMove`), a taking region's service runs
//! at its primary twin's size (same name) while it carries production.
//! The scripts raise the Application Auto Scaling minimum (so a scale-in
//! cannot undo it) and the desired count, and set both back on failback.

use super::shell::shell_word as w;
use crate::core::model::{Design, Ecs, Region, VpcNode};
use crate::core::names;

/// An ECS service of a taking region and the size it grows to.
pub struct ServiceMove {
    /// Its region.
    pub region: String,
    /// The region's cluster name.
    pub cluster: String,
    /// The service name AWS knows.
    pub name: String,
    /// The design's task counts: (min, desired, max).
    pub design: (u32, u32, u32),
    /// The counts while it carries production: (min, desired).
    pub production: (u32, u32),
    /// Where the production size comes from, for the log.
    pub source: &'static str,
}

impl ServiceMove {
    /// Whether the service already runs at production size.
    pub fn at_size(&self) -> bool {
        self.design.0 >= self.production.0 && self.design.1 >= self.production.1
    }

    /// The maximum while at production size: the design's, or the desired
    /// count when that is higher (the scaling target refuses min > max).
    pub fn production_max(&self) -> u32 {
        self.design.2.max(self.production.1)
    }

    /// The scaling target's resource id, `service/<cluster>/<service>`.
    pub fn resource_id(&self) -> String {
        format!("service/{}/{}", self.cluster, self.name)
    }
}

fn services(r: &Region) -> impl Iterator<Item = &Ecs> {
    r.vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .filter_map(|n| match n {
            VpcNode::Ecs(e) => Some(e),
            _ => None,
        })
}

/// Every service of the taking regions, sized like the primary's service of
/// the same name, else at its maximum.
pub fn moves(design: &Design, primary: &Region, takers: &[&Region]) -> Vec<ServiceMove> {
    let mut out = Vec::new();
    for r in takers {
        for e in services(r) {
            let (production, source) = match services(primary).find(|p| p.name == e.name) {
                Some(p) => (
                    (p.min, p.desired),
                    "the primary region's service of the same name",
                ),
                None => (
                    (e.max, e.max),
                    "its maximum (the primary has no service of the same name)",
                ),
            };
            out.push(ServiceMove {
                region: r.code.clone(),
                cluster: names::ecs_cluster(design),
                name: names::ecs_service(design, &e.name),
                design: (e.min, e.desired, e.max),
                production,
                source,
            });
        }
    }
    out
}

/// The promote-dr step that starts the growth: each service not at
/// production size gets its scaling target's minimum (and maximum, if
/// lower) raised and its desired count set, without waiting, so its tasks
/// start while the databases are promoted ([`grow_wait`] waits for them).
pub fn grow(moves: &[ServiceMove]) -> String {
    let mut sh = String::new();
    for m in moves {
        let (r, c, n) = (w(&m.region), w(&m.cluster), w(&m.name));
        let (min, desired) = m.production;
        if m.at_size() {
            sh.push_str(&format!("log \"service \"{n}\" in \"{r}\": already at production size (min {}, desired {})\"\n", m.design.0, m.design.1));
            continue;
        }
        sh.push_str(&format!(
            "log \"service \"{n}\" in \"{r}\": min {} -> {min}, desired {} -> {desired} (from {})\"\n",
            m.design.0, m.design.1, m.source
        ));
        sh.push_str(&format!(
            "run aws application-autoscaling register-scalable-target --region {r} --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id {} --min-capacity {min} --max-capacity {}\n",
            w(&m.resource_id()),
            m.production_max()
        ));
        sh.push_str(&format!(
            "run aws ecs update-service --region {r} --cluster {c} --service {n} --desired-count {desired}\n"
        ));
    }
    if moves.is_empty() {
        sh.push_str("log \"no ECS service in the regions that take over\"\n");
    }
    sh
}

/// The promote-dr step that waits for what [`grow`] started: each service
/// that grew runs its desired count of tasks. `app_root`: the root below
/// `regions/<code>` that holds the services (`/workloads` with layered
/// state), for the note on the next apply.
pub fn grow_wait(moves: &[ServiceMove], app_root: &str) -> String {
    let mut sh = String::new();
    for m in moves.iter().filter(|m| !m.at_size()) {
        let (r, c, n) = (w(&m.region), w(&m.cluster), w(&m.name));
        let desired = m.production.1;
        sh.push_str(&format!(
            "wait_for {} {desired} 60 10 aws ecs describe-services --region {r} --cluster {c} --services {n} --query 'services[0].runningCount' --output text\n",
            w(&format!("{} runs {desired} tasks", m.name))
        ));
        sh.push_str(&format!(
            "log \"note: the next apply of regions/\"{r}\"{app_root} sets its scaling minimum back to {}: raise it in the design, or apply it only after failback\"\n",
            m.design.0
        ));
    }
    sh
}

/// The failback step: the services that grew go back to the design's counts.
pub fn shrink(moves: &[ServiceMove]) -> String {
    let mut sh = String::new();
    for m in moves.iter().filter(|m| !m.at_size()) {
        let (r, c, n) = (w(&m.region), w(&m.cluster), w(&m.name));
        sh.push_str(&format!(
            "ask {}\n",
            w(&format!(
                "Scale service {} in {} back to min {}, desired {}?",
                m.name, m.region, m.design.0, m.design.1
            ))
        ));
        sh.push_str(&format!(
            "run aws application-autoscaling register-scalable-target --region {r} --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id {} --min-capacity {} --max-capacity {}\n",
            w(&m.resource_id()),
            m.design.0,
            m.design.2
        ));
        sh.push_str(&format!(
            "run aws ecs update-service --region {r} --cluster {c} --service {n} --desired-count {}\n",
            m.design.1
        ));
    }
    sh
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::load;

    const FIXTURE: &str = include_str!("../../../../tests/fixtures/clean/ecs-service.json");

    #[test]
    fn the_dr_service_grows_to_its_primary_twins_size() {
        let d = load(FIXTURE).expect("the fixture loads");
        let (primary, west) = (&d.regions[0], &d.regions[1]);
        let m = moves(&d, primary, &[west]);
        assert_eq!(m.len(), 1);
        let s = &m[0];
        assert_eq!(
            (s.region.as_str(), s.name.as_str()),
            ("us-west-2", "relay-prod-api")
        );
        assert_eq!(s.resource_id(), "service/relay-prod-ecs/relay-prod-api");
        assert_eq!((s.design, s.production), ((1, 1, 10), (2, 2)));
        assert!(!s.at_size());
        assert_eq!(s.production_max(), 10);
        // Without a twin: its maximum, and the maximum stays.
        let mut lone = d.clone();
        if let Some(VpcNode::Ecs(e)) = lone.regions[0].vpcs[0]
            .nodes
            .iter_mut()
            .find(|n| n.id() == "use1-api")
        {
            e.name = "other".into();
        }
        let m = moves(&lone, &lone.regions[0], &[&lone.regions[1]]);
        assert_eq!(m[0].production, (10, 10));
        assert_eq!(m[0].production_max(), 10);
        // A taker already at size needs nothing.
        let m = moves(&d, west, &[primary]);
        assert!(m[0].at_size(), "2/2 is at least 1/1");
    }
}
