//! `topoform render`: the SVG picture carries the design it shows, the
//! draw.io file is XML with a cell per object, and bad input exits 2.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

fn topoform(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(args)
        .output()
        .expect("run topoform")
}

fn template(id: &str) -> String {
    format!("{}/public/templates/{id}.json", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> String {
    std::env::temp_dir()
        .join(format!("topoform-render-{}-{name}", std::process::id()))
        .to_string_lossy()
        .into_owned()
}

#[test]
fn an_svg_carries_the_design_it_shows() {
    for id in [
        "active-passive",
        "aurora-global",
        "active-active",
        "layered-ecs",
    ] {
        let out = tmp(&format!("{id}.svg"));
        let o = topoform(&[
            "render",
            &template(id),
            "--format",
            "svg",
            "--theme",
            "dark",
            "--out",
            &out,
        ]);
        assert!(
            o.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
        let json = topoform::core::render::design_text_from_svg(&text).unwrap();
        let original = std::fs::read_to_string(template(id)).unwrap();
        assert_eq!(
            topoform::core::model::load(&json).unwrap(),
            topoform::core::model::load(&original).unwrap(),
            "{id}"
        );
        let _ = std::fs::remove_file(out);
    }
}

#[test]
fn drawio_goes_to_standard_output_as_xml() {
    let o = topoform(&[
        "render",
        &template("active-passive"),
        "--format",
        "drawio",
        "--out",
        "-",
    ]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "mxfile");
    assert!(text.contains("grIcon=mxgraph.aws4.group_region"));
    assert!(text.contains("resIcon=mxgraph.aws4.rds"));
}

#[test]
fn bad_usage_and_bad_files_exit_2_with_a_reason() {
    let cases: [(&[&str], &str); 4] = [
        (&["render", "x.json", "--out", "-"], "needs --format"),
        (
            &["render", "x.json", "--format", "png", "--out", "-"],
            "svg or drawio",
        ),
        (&["render", "x.json", "--format", "svg"], "needs --out"),
        (
            &[
                "render", "x.json", "--format", "svg", "--theme", "sepia", "--out", "-",
            ],
            "light or dark",
        ),
    ];
    for (args, want) in cases {
        let o = topoform(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let o = topoform(&[
        "render",
        "/nonexistent/design.json",
        "--format",
        "svg",
        "--out",
        "-",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// `topoform open` reads back what Topoform wrote: the SVG picture, an
/// export's folder and the same export zipped.
#[test]
fn open_reads_back_a_picture_an_export_folder_and_its_zip() {
    use std::io::Write;
    let id = "aurora-global";
    let want =
        topoform::core::model::load(&std::fs::read_to_string(template(id)).unwrap()).unwrap();
    let svg = tmp("open.svg");
    assert!(
        topoform(&["render", &template(id), "--format", "svg", "--out", &svg])
            .status
            .success()
    );
    let dir = tmp("export");
    assert!(topoform(&["export", &template(id), "--out", &dir])
        .status
        .success());
    let zip_path = tmp("export.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for entry in ["topoform.json", "README.md"] {
        w.start_file(format!("infra/{entry}"), opts).unwrap();
        w.write_all(&std::fs::read(format!("{dir}/{entry}")).unwrap())
            .unwrap();
    }
    w.finish().unwrap();
    for source in [&svg, &dir, &zip_path] {
        let o = topoform(&["open", source, "--out", "-"]);
        assert!(
            o.status.success(),
            "{source}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let got = topoform::core::model::load(&String::from_utf8(o.stdout).unwrap()).unwrap();
        assert_eq!(got, want, "{source}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&svg);
    let _ = std::fs::remove_file(&zip_path);
}

/// An SVG that carries two designs is refused (exit 2), naming why, as a
/// zip with two is: opening the first silently could open the wrong one.
#[test]
fn open_refuses_an_svg_with_two_designs() {
    let svg = tmp("two.svg");
    assert!(topoform(&[
        "render",
        &template("active-passive"),
        "--format",
        "svg",
        "--out",
        &svg
    ])
    .status
    .success());
    let one = std::fs::read_to_string(&svg).unwrap();
    let block = &one[one.find("<metadata").unwrap()..one.find("</metadata>").unwrap() + 11];
    std::fs::write(&svg, one.replacen("</svg>", &format!("{block}</svg>"), 1)).unwrap();
    let o = topoform(&["open", &svg, "--out", "-"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(o.stdout.is_empty());
    assert!(err.contains("2 embedded designs"), "{err}");
    let _ = std::fs::remove_file(&svg);
}
