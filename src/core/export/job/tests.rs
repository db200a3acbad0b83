//! The jobs against what they stand for: the exporter, the renderer and
//! `export --since`.

use super::*;
use crate::core::model::save;
use crate::core::templates::TEMPLATES;

fn job(design: &crate::core::model::Design, layout: Layout) -> Job {
    Job::export(layout, save(design))
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
        let out = run(&Job::export(Layout::PerRegion, text.into()));
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

#[test]
fn an_export_job_keeps_the_json_shape_it_had_before_there_were_kinds() {
    let j = Job::export(Layout::PerRegion, "{}".into());
    assert_eq!(
        serde_json::to_string(&j).unwrap(),
        r#"{"layout":"per-region","design":"{}"}"#
    );
    let back: Job = serde_json::from_str(r#"{"layout":"single-root","design":"x"}"#).unwrap();
    assert_eq!(back, Job::export(Layout::SingleRoot, "x".into()));
}

fn picture(d: &crate::core::model::Design, format: Format, dark: bool, only: &[&str]) -> Job {
    Job {
        layout: Layout::PerRegion,
        design: save(d),
        kind: Kind::Picture(Picture {
            format,
            dark,
            only: only.iter().map(|s| s.to_string()).collect(),
        }),
    }
}

#[test]
fn a_picture_job_draws_what_core_render_draws_and_survives_its_json() {
    use crate::core::render::{drawio, drawio_part, svg, svg_part, Theme};
    let d = TEMPLATES[0].design().unwrap();
    let subnet = d.regions[0].vpcs[0].subnets[0].id.clone();
    let text = |j: &Job| {
        let back: Job = serde_json::from_str(&serde_json::to_string(j).unwrap()).unwrap();
        assert_eq!(&back, j);
        let out = run(&back);
        assert_eq!(out.zip, None);
        let json = serde_json::to_string(&out.outcome).unwrap();
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), out.outcome);
        match out.outcome {
            Outcome::Picture {
                file_name,
                mime,
                text,
            } => (file_name, mime, text),
            other => panic!("{other:?}"),
        }
    };
    let base = format!("{}-{}", d.name, d.environment);
    let (name, mime, t) = text(&picture(&d, Format::Svg, false, &[]));
    assert_eq!(
        (name, mime.as_str(), t),
        (
            format!("{base}.svg"),
            "image/svg+xml",
            svg(&d, Theme::Light)
        )
    );
    let (name, _, t) = text(&picture(&d, Format::Svg, true, &[]));
    assert_eq!(
        (name, t),
        (format!("{base}-dark.svg"), svg(&d, Theme::Dark))
    );
    let (name, _, t) = text(&picture(&d, Format::Svg, true, &[&subnet]));
    assert_eq!(
        (name, Some(t)),
        (
            format!("{base}-selection-dark.svg"),
            svg_part(&d, Theme::Dark, std::slice::from_ref(&subnet))
        )
    );
    let (name, _, t) = text(&picture(&d, Format::Drawio, false, &[]));
    assert_eq!((name, t), (format!("{base}.drawio"), drawio(&d)));
    let (name, _, t) = text(&picture(&d, Format::Drawio, false, &[&subnet]));
    assert_eq!(
        (name, Some(t)),
        (
            format!("{base}-selection.drawio"),
            drawio_part(&d, std::slice::from_ref(&subnet))
        )
    );
}

#[test]
fn a_picture_of_a_stale_selection_or_of_no_design_says_why() {
    let d = TEMPLATES[0].design().unwrap();
    match run(&picture(&d, Format::Svg, false, &["gone"])).outcome {
        Outcome::Unsupported(m) => assert!(m.contains("select them again"), "{m}"),
        other => panic!("{other:?}"),
    }
    let mut j = picture(&d, Format::Drawio, false, &[]);
    j.design = "not json".into();
    assert!(matches!(run(&j).outcome, Outcome::Unreadable(_)));
}

fn compare(
    old: &crate::core::model::Design,
    new: &crate::core::model::Design,
    old_text: Option<&str>,
) -> Output {
    run(&Job {
        layout: Layout::PerRegion,
        design: save(new),
        kind: Kind::Since {
            old: old_text.map_or_else(|| save(old), str::to_string),
        },
    })
}

#[test]
fn a_comparison_job_gives_since_summary_and_the_blocks_in_the_zip() {
    use crate::core::export::since::{since, summary};
    let old = TEMPLATES[0].design().unwrap();
    let mut new = old.clone();
    new.name = format!("{}-renamed", old.name);
    new.regions[0].vpcs[0].subnets[0].name = "renamed".into();
    let out = compare(&old, &new, None);
    let Outcome::Compared {
        files,
        archive,
        zip_error,
        comparison,
    } = &out.outcome
    else {
        panic!("{:?}", out.outcome);
    };
    // Exactly what since() and summary() give the command line.
    let old_files = export(&old, Layout::PerRegion).unwrap();
    let mut want_files = export(&new, Layout::PerRegion).unwrap();
    let changes = since(&old, &old_files, &new, &mut want_files);
    assert_eq!(comparison.summary, summary(&changes, true));
    assert_eq!(*files, want_files);
    assert_eq!(comparison.files.len(), changes.files.len());
    assert_eq!(comparison.addresses.len(), changes.resources.len());
    assert!(comparison
        .files
        .iter()
        .any(|f| f.status == "changed" && f.diff.starts_with("--- ")));
    assert_eq!(*zip_error, None);
    assert_eq!(out.zip, Some(zip(files, archive).unwrap()));
    let json = serde_json::to_string(&out.outcome).unwrap();
    assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), out.outcome);
}

#[test]
fn a_bad_previous_design_is_refused_with_a_reason() {
    let d = TEMPLATES[0].design().unwrap();
    for bad in ["", "not json", "{}"] {
        let out = compare(&d, &d, Some(bad));
        assert_eq!(out.zip, None);
        match out.outcome {
            Outcome::Unreadable(m) => assert!(
                m.starts_with("The previous export's design could not be read: "),
                "{m}"
            ),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    // A previous design with errors cannot be exported again.
    let mut broken = d.clone();
    broken.regions[0].vpcs[0].subnets[1].cidr = "10.0.0.128/25".into();
    match compare(&broken, &d, None).outcome {
        Outcome::Unreadable(m) => assert!(m.contains("does not export"), "{m}"),
        other => panic!("{other:?}"),
    }
    // The new design's own errors come first, as for an export.
    assert!(matches!(
        compare(&d, &broken, None).outcome,
        Outcome::Invalid(_)
    ));
}
