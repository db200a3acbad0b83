//! The top level of a design file (format version 2).

use super::{Accelerator, Canvas, Dns, Peering, Region, Usage};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The value of the `format` field of every design file.
pub const FORMAT: &str = "topoform.design";

/// A whole design: the document the user edits, saves and exports.
///
/// Field order here is the order in saved files, so it is part of the
/// stable output and should not be shuffled.
///
/// The derived code is generated as `Design::serialize` and
/// `Design::deserialize` (serde's `remote = "Self"`); the trait impls below
/// call them, so that every writer goes through one serializer (see
/// [`Serialize for Design`](#impl-Serialize-for-Design)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Design {
    /// Always [`FORMAT`]; checked before the rest is read.
    pub format: String,
    /// The format version; older versions are migrated on load.
    pub version: u32,
    /// Project name, the prefix of every AWS name the export generates.
    pub name: String,
    /// Environment (`prod`, `staging`, ...), part of every generated name.
    pub environment: String,
    /// Extra tags applied to every resource through `default_tags`.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Where Terraform keeps its remote state.
    pub state: StateConfig,
    /// The regions; exactly one should be primary (validation checks it).
    pub regions: Vec<Region>,
    /// VPC peering connections, inside or across regions.
    #[serde(default)]
    pub peerings: Vec<Peering>,
    /// The Route 53 zone and its records, if the design has DNS.
    #[serde(default)]
    pub dns: Option<Dns>,
    /// Global Accelerator front doors.
    #[serde(default)]
    pub accelerators: Vec<Accelerator>,
    /// Recovery objectives the design must meet, per kind of disruption.
    /// Format version 2.
    #[serde(default)]
    pub objectives: Objectives,
    /// Usage assumptions for the cost estimate. Format version 2.
    #[serde(default, skip_serializing_if = "Usage::is_empty")]
    pub usage: Usage,
    /// Presentation only: where each object sits on the canvas.
    #[serde(default)]
    pub canvas: Canvas,
}

/// A design is written through serde_json's `Value` serializer whatever
/// the caller's serializer: the model's derived `Serialize` code (the
/// design, its regions, VPCs, nodes, records…) is then compiled for that
/// one serializer only, instead of once each for the pretty file writer
/// (`save`), the compact share links and the `Value`s the clipboard and
/// the change summary build. The `Value` keeps the field order
/// (serde_json's `preserve_order`) and writes numbers as serde_json would,
/// so the text is the same (`tests/model_load.rs` and the test below pin
/// it). Issue 13: this took about 30 KB off the editor's code.
impl Serialize for Design {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Design::serialize(self, serde_json::value::Serializer)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Design {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Design::deserialize(d)
    }
}

impl Design {
    /// True when the two designs differ at most in [`Design::canvas`]
    /// (where shapes sit): validation and cost read none of it (tested
    /// below), so the app re-runs them only when this is false (a move
    /// on a 5,000-object design re-validated and re-costed everything).
    /// Every field but `canvas` is named here, so a new field cannot be
    /// forgotten: it does not compile until it is compared.
    pub fn same_content(&self, other: &Design) -> bool {
        let Design {
            format,
            version,
            name,
            environment,
            tags,
            state,
            regions,
            peerings,
            dns,
            accelerators,
            objectives,
            usage,
            canvas: _,
        } = self;
        *version == other.version
            && *format == other.format
            && *name == other.name
            && *environment == other.environment
            && *tags == other.tags
            && *state == other.state
            && *peerings == other.peerings
            && *dns == other.dns
            && *accelerators == other.accelerators
            && *objectives == other.objectives
            && *usage == other.usage
            && *regions == other.regions
    }

    /// The primary region, when exactly one region is marked primary.
    pub fn primary(&self) -> Option<&Region> {
        let mut it = self
            .regions
            .iter()
            .filter(|r| r.role == super::RegionRole::Primary);
        let p = it.next()?;
        it.next().is_none().then_some(p)
    }
}

/// Remote state settings shared by every exported stack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateConfig {
    /// The S3 bucket that holds every stack's state.
    pub bucket: String,
    /// The region code of that bucket.
    pub region: String,
    /// How state is locked.
    pub lock: LockMode,
    /// The DynamoDB lock table, required when `lock` is `dynamodb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_table: Option<String>,
    /// A prefix for every state key, e.g. `teams/platform`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_prefix: Option<String>,
    /// Per-region state buckets by region code; a region not named keeps
    /// its state in `<bucket>-<region code>`. Format version 2.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub buckets: BTreeMap<String, String>,
    /// How the region stacks are cut into roots. Format version 2.
    #[serde(default, skip_serializing_if = "StateSplit::is_region")]
    pub split: StateSplit,
}

/// How each region's Terraform is cut into roots (and states).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateSplit {
    /// One root per region.
    #[default]
    Region,
    /// Per region a `platform` root (network, databases, caches, buckets,
    /// tables, the ECS cluster) and a `workloads` root (load balancers,
    /// groups, services) that reads the platform's outputs.
    RegionLayer,
}

impl StateSplit {
    /// Whether this is the default, one root per region.
    pub fn is_region(&self) -> bool {
        *self == StateSplit::Region
    }
}

/// Recovery objectives: what the design must achieve when a region, or an
/// availability zone, is lost. Stored for the simulation to judge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    /// Losing a whole region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Objective>,
    /// Losing one availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az: Option<Objective>,
}

/// One disruption type's objectives, in whole seconds; each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Recovery time objective: the longest the service may be down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto_seconds: Option<u32>,
    /// Recovery point objective: the most recent writes that may be lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo_seconds: Option<u32>,
}

/// State locking strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockMode {
    /// S3 native lock files (`use_lockfile = true`, Terraform >= 1.11).
    Lockfile,
    /// A DynamoDB lock table (deprecated by Terraform, still supported).
    Dynamodb,
}

#[cfg(test)]
mod tests {
    use super::Design;
    use crate::core::cost::Summary;
    use crate::core::templates::TEMPLATES;
    use crate::core::validate::validate;

    /// The text the derived code writes straight to serde_json's writer,
    /// as it did before `Design` went through a `Value`.
    fn direct(d: &Design, pretty: bool) -> String {
        let mut out = Vec::new();
        let written = if pretty {
            Design::serialize(d, &mut serde_json::Serializer::pretty(&mut out))
        } else {
            Design::serialize(d, &mut serde_json::Serializer::new(&mut out))
        };
        assert!(written.is_ok(), "the derived writer failed: {written:?}");
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn same_content_ignores_only_where_shapes_sit() {
        for t in TEMPLATES {
            let Ok(d) = t.design() else {
                panic!("{} loads", t.id)
            };
            assert!(d.same_content(&d.clone()), "{}", t.id);
            let mut moved = d.clone();
            for r in moved.canvas.values_mut() {
                r.x += 40.0;
            }
            let at = super::super::canvas::Rect {
                x: 1.0,
                y: 2.0,
                w: 3.0,
                h: 4.0,
            };
            moved.canvas.insert("placed-by-hand".into(), at);
            assert!(
                moved != d && moved.same_content(&d),
                "{}: a move keeps the content",
                t.id
            );
            // What the app stops re-running on such an edit gives the same.
            assert_eq!(validate(&moved), validate(&d), "{}", t.id);
            assert_eq!(Summary::of(&moved, 5), Summary::of(&d, 5), "{}", t.id);
            let edits: [fn(&mut Design); 6] = [
                |d| d.name.push('x'),
                |d| d.version += 1,
                |d| d.regions[0].code.push('x'),
                |d| d.regions.reverse(),
                |d| d.tags.insert("k".into(), "v".into()).map_or((), drop),
                |d| d.usage = Default::default(),
            ];
            for (i, edit) in edits.iter().enumerate() {
                let mut e = moved.clone();
                edit(&mut e);
                // Some edits leave a template as it was (one region reversed,
                // usage already the default): then the content is the same.
                let differs = {
                    let mut back = e.clone();
                    back.canvas = d.canvas.clone();
                    back != d
                };
                assert_eq!(!e.same_content(&d), differs, "{}: edit {i}", t.id);
            }
        }
    }

    #[test]
    fn every_writer_gives_the_text_the_derived_writer_gave() {
        // The templates hold every kind of object (see `tracked`'s test).
        let mut designs: Vec<Design> = TEMPLATES.iter().filter_map(|t| t.design().ok()).collect();
        assert_eq!(designs.len(), TEMPLATES.len(), "every template loads");
        // Floats of every shape, and the coordinates `finite` rewrites.
        let mut odd = designs[0].clone();
        for (i, r) in odd.canvas.values_mut().enumerate() {
            r.x = [0.1, -1e21, 1e-7, f64::NAN, f64::INFINITY, 12.5][i % 6];
            r.w = 1.0 / (i as f64 + 3.0);
        }
        designs.push(odd);
        for d in &designs {
            let pretty = serde_json::to_string_pretty(d).unwrap_or_default();
            assert_eq!(pretty, direct(d, true), "{}: pretty text differs", d.name);
            let compact = serde_json::to_string(d).unwrap_or_default();
            assert_eq!(
                compact,
                direct(d, false),
                "{}: compact text differs",
                d.name
            );
            let value = serde_json::to_value(d).unwrap_or_default();
            assert_eq!(serde_json::to_string(&value).unwrap_or_default(), compact);
        }
    }
}
