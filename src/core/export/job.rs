//! An export as a job that crosses a thread: the browser's main thread sends
//! a [`Job`] (the saved design text and a layout) to the exporter's web
//! worker, which answers with an [`Output`]. Both ends agree on these types
//! alone; the wire is JSON, so a design crosses exactly as it is saved.
//!
//! The main thread needs only the types (and JSON); [`run`], which links the
//! exporter, hcl-rs and zip, is called by the worker (and by the native tests
//! and the browser tests that cannot host a worker). That split is what keeps
//! the exporter out of the bundle the first paint loads.

use super::{export, zip, ExportError, ExportFile, Layout};
use crate::core::model::load;
use crate::core::validate::Diagnostic;
use serde::{Deserialize, Serialize};

/// What the main thread asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// How the Terraform is split into roots.
    pub layout: Layout,
    /// The design as [`crate::core::model::save`] writes it.
    pub design: String,
}

/// One validation error as the export dialog shows it: the rule, the message
/// and the objects to select when the user clicks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The rule id (`NET-05`).
    pub rule: String,
    /// What is wrong.
    pub message: String,
    /// The ids of the objects it is about.
    pub subjects: Vec<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            rule: d.rule.to_string(),
            message: d.message.clone(),
            subjects: d.subjects.clone(),
        }
    }
}

/// What came of a job, everything the dialog renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The export: its files sorted by path, the zip's name without `.zip`
    /// (also the zip's top folder), and why the zip could not be made, if it
    /// could not (the files are still shown).
    Files {
        /// The exported files, sorted by path.
        files: Vec<ExportFile>,
        /// `<name>-<environment>-terraform`.
        archive: String,
        /// Set when packing the zip failed.
        zip_error: Option<String>,
    },
    /// Validation found errors; nothing was exported.
    Invalid(Vec<Problem>),
    /// The design is valid but the exporter cannot express it.
    Unsupported(String),
    /// The design text did not load (it should always: the main thread sends
    /// what `save` wrote; this is the message if a build ever disagrees).
    Unreadable(String),
}

/// An outcome and, for [`Outcome::Files`], the zip's bytes. The bytes travel
/// beside the JSON (as a transferred buffer), never inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// What the dialog renders.
    pub outcome: Outcome,
    /// The "Download .zip" archive, when it could be made.
    pub zip: Option<Vec<u8>>,
}

/// Runs `job`: loads the design, exports it and zips the files.
pub fn run(job: &Job) -> Output {
    let design = match load(&job.design) {
        Ok(d) => d,
        Err(e) => {
            return Output {
                outcome: Outcome::Unreadable(format!(
                    "the exporter could not read the design: {e}"
                )),
                zip: None,
            }
        }
    };
    let outcome = match export(&design, job.layout) {
        Ok(files) => files,
        Err(ExportError::Invalid(diags)) => {
            return Output {
                outcome: Outcome::Invalid(diags.iter().map(Problem::from).collect()),
                zip: None,
            }
        }
        Err(ExportError::Unsupported(m)) => {
            return Output {
                outcome: Outcome::Unsupported(m),
                zip: None,
            }
        }
    };
    let archive = format!("{}-{}-terraform", design.name, design.environment);
    let (zip, zip_error) = match zip(&outcome, &archive) {
        Ok(bytes) => (Some(bytes), None),
        Err(e) => (None, Some(e)),
    };
    Output {
        outcome: Outcome::Files {
            files: outcome,
            archive,
            zip_error,
        },
        zip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::save;
    use crate::core::templates::TEMPLATES;

    fn job(design: &crate::core::model::Design, layout: Layout) -> Job {
        Job {
            layout,
            design: save(design),
        }
    }

    #[test]
    fn a_job_exports_every_template_as_the_exporter_does_and_zips_it() {
        for t in TEMPLATES {
            let d = t.design().unwrap();
            for layout in [Layout::PerRegion, Layout::SingleRoot] {
                let out = run(&job(&d, layout));
                let Outcome::Files {
                    files,
                    archive,
                    zip_error,
                } = &out.outcome
                else {
                    panic!("{}: {:?}", t.id, out.outcome);
                };
                assert_eq!(*files, export(&d, layout).unwrap(), "{}", t.id);
                assert_eq!(*archive, format!("{}-{}-terraform", d.name, d.environment));
                assert_eq!(*zip_error, None);
                assert_eq!(out.zip, Some(zip(files, archive).unwrap()), "{}", t.id);
            }
        }
    }

    #[test]
    fn the_layout_reaches_the_exporter() {
        let d = TEMPLATES[0].design().unwrap();
        let paths = |layout| match run(&job(&d, layout)).outcome {
            Outcome::Files { files, .. } => files.into_iter().map(|f| f.path).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert!(paths(Layout::PerRegion).contains(&"regions/us-east-1/main.tf".to_string()));
        assert!(!paths(Layout::SingleRoot).contains(&"regions/us-east-1/main.tf".to_string()));
    }

    #[test]
    fn errors_come_back_as_problems_and_nothing_is_zipped() {
        let mut bad = TEMPLATES[0].design().unwrap();
        bad.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
        let out = run(&job(&bad, Layout::PerRegion));
        assert_eq!(out.zip, None);
        let Outcome::Invalid(problems) = out.outcome else {
            panic!("{:?}", out.outcome);
        };
        let overlap = problems
            .iter()
            .find(|p| p.rule == "NET-05")
            .expect("NET-05");
        assert_eq!(overlap.subjects, ["use1-pub-a", "use1-pub-b"]);
        assert!(!overlap.message.is_empty());
    }

    #[test]
    fn text_that_is_not_a_design_is_refused_with_the_loaders_message() {
        for text in ["", "not json", "{}", "[1, 2]"] {
            let out = run(&Job {
                layout: Layout::PerRegion,
                design: text.into(),
            });
            assert_eq!(out.zip, None);
            match out.outcome {
                Outcome::Unreadable(m) => {
                    assert!(
                        m.starts_with("the exporter could not read the design: "),
                        "{m}"
                    )
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn jobs_and_outcomes_survive_their_json() {
        let d = TEMPLATES[1].design().unwrap();
        let j = job(&d, Layout::SingleRoot);
        let back: Job = serde_json::from_str(&serde_json::to_string(&j).unwrap()).unwrap();
        assert_eq!(back, j);
        assert!(serde_json::to_string(&j)
            .unwrap()
            .contains("\"single-root\""));
        let out = run(&j).outcome;
        let back: Outcome = serde_json::from_str(&serde_json::to_string(&out).unwrap()).unwrap();
        assert_eq!(back, out);
    }
}
