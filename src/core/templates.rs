//! The starter designs shipped with Topoform.
//!
//! The files live in `public/templates/` (served with the app) and are
//! embedded here for the CLI, the app's template picker and the tests.

use super::model::{load, Design, LoadError};

/// A starter design.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// A stable slug, also the file name under `public/templates/`.
    pub id: &'static str,
    /// The title shown in the picker.
    pub title: &'static str,
    /// One sentence on what the design shows.
    pub summary: &'static str,
    /// The design file text.
    pub json: &'static str,
}

impl Template {
    /// Loads the template's design.
    pub fn design(&self) -> Result<Design, LoadError> {
        load(self.json)
    }
}

/// Every template, in picker order.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "active-passive",
        title: "Active-passive with DNS failover",
        summary: "us-east-1 serves, us-west-2 waits with a smaller fleet and an RDS cross-region replica; \
                  Route 53 fails over on a /health check.",
        json: include_str!("../../public/templates/active-passive.json"),
    },
    Template {
        id: "aurora-global",
        title: "Aurora Global warm standby",
        summary: "An Aurora PostgreSQL global cluster writes in us-east-1 and stands by in eu-west-1, \
                  with replicated S3 assets and VPC peering.",
        json: include_str!("../../public/templates/aurora-global.json"),
    },
    Template {
        id: "active-active",
        title: "Active-active, latency routed",
        summary: "Three regions serve at once behind latency records and a Global Accelerator, \
                  sharing a DynamoDB global table over a full peering mesh.",
        json: include_str!("../../public/templates/active-active.json"),
    },
    Template {
        id: "layered-ecs",
        title: "Layered ECS with Aurora Global",
        summary: "An ECS API behind a load balancer in us-east-1 and us-west-2, an Aurora PostgreSQL global \
                  cluster, an unreplicated Redis per region, and platform and workloads states per region.",
        json: include_str!("../../public/templates/layered-ecs.json"),
    },
];

/// The template with this id.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}
