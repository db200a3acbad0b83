//! The command-line contract of `topoform check` (docs: design-format.md).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};
use topoform::core::model::CURRENT_VERSION;
use topoform::core::templates::TEMPLATES;

fn topoform(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(args)
        .output()
        .expect("run topoform")
}

fn temp_file(name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("topoform-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn templates_check_clean() {
    for t in TEMPLATES {
        let p = temp_file(&format!("{}.json", t.id), t.json);
        let o = topoform(&["check", p.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}: {}{}",
            t.id,
            stdout(&o),
            stderr(&o)
        );
    }
}

#[test]
fn unknown_field_exits_2_naming_the_path() {
    let text = TEMPLATES[0].json.replacen(
        "\"nat\": \"per_az\",",
        "\"nat\": \"per_az\", \"colour\": 1,",
        1,
    );
    let p = temp_file("unknown-field.json", &text);
    let o = topoform(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("regions[0].vpcs[0].colour: unknown field `colour`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn dangling_reference_exits_2_naming_the_path() {
    let text = TEMPLATES[0].json.replacen(
        "\"replica_of\": \"use1-db\"",
        "\"replica_of\": \"use1-gone\"",
        1,
    );
    let p = temp_file("dangling.json", &text);
    let o = topoform(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("regions[1].vpcs[0].nodes[2].replica_of"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).expect("json output even for a load error");
    assert!(v["error"].as_str().unwrap().contains("replica_of"));
}

#[test]
fn errors_exit_1_with_json_diagnostics() {
    let text = TEMPLATES[0].json.replacen(
        "\"cidr\": \"10.0.1.0/24\"",
        "\"cidr\": \"10.0.0.128/25\"",
        1,
    );
    let p = temp_file("overlap.json", &text);
    let o = topoform(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["rule"] == "NET-05")
        .expect("NET-05 reported");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().unwrap().contains("overlap"));
    assert_eq!(
        d["subjects"],
        serde_json::json!(["use1-pub-a", "use1-pub-b"])
    );
    let text_out = topoform(&["check", p.to_str().unwrap()]);
    assert_eq!(text_out.status.code(), Some(1));
    assert!(
        stdout(&text_out).contains("error NET-05"),
        "{}",
        stdout(&text_out)
    );
}

/// A design with no region loads, but there is nothing to deploy: `check`
/// reports it as an error (exit 1) and `export` writes nothing (exit 1).
#[test]
fn a_design_with_no_region_is_an_error_and_is_not_exported() {
    let mut v: serde_json::Value = serde_json::from_str(TEMPLATES[0].json).unwrap();
    v["regions"] = serde_json::json!([]);
    v["peerings"] = serde_json::json!([]);
    v["dns"] = serde_json::Value::Null;
    v["accelerators"] = serde_json::json!([]);
    v["canvas"] = serde_json::json!({});
    let p = temp_file("no-regions.json", v.to_string());
    let file = p.to_str().unwrap();
    let o = topoform(&["check", file]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("error DES-01: The design has no region; add one and mark it primary.\n"),
        "{out}"
    );
    assert!(!out.contains("[]"), "no empty subject list: {out}");
    let dir = p.with_file_name("no-regions-export");
    let _ = std::fs::remove_dir_all(&dir);
    let o = topoform(&["export", file, "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert!(!dir.exists(), "export wrote {}", dir.display());
}

#[test]
fn unreadable_file_and_bad_usage_exit_2() {
    assert_eq!(
        topoform(&["check", "/nonexistent/design.json"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(topoform(&["check"]).status.code(), Some(2));
    assert_eq!(topoform(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        topoform(&["check", "x.json", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn usage_errors_quote_the_value_not_a_debug_option() {
    for (args, says) in [
        (
            &["check", "x.json", "--format", "xml"][..],
            "error: --format takes text or json, not \"xml\"",
        ),
        (
            &["check", "x.json", "--format"][..],
            "error: --format needs a value: text or json",
        ),
        (
            &["export", "x.json", "--out", "d", "--layout", "flat"][..],
            "error: --layout takes per-region or single-root, not \"flat\"",
        ),
        (
            &["export", "x.json", "--out", "d", "--layout"][..],
            "error: --layout needs a value: per-region or single-root",
        ),
    ] {
        let o = topoform(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with(says), "{args:?}: {err}");
        assert!(
            !err.contains("Some(") && !err.contains("None"),
            "{args:?}: {err}"
        );
    }
}

/// Files that are not a loadable design: each must exit 2 with one line on
/// stderr saying what is wrong, whatever its size or bytes.
#[test]
fn hostile_files_exit_2_with_one_clear_line() {
    let design = TEMPLATES[0].json;
    let dup = design.replacen(
        "\"name\": \"shop\"",
        "\"name\": \"a\", \"name\": \"shop\"",
        1,
    );
    let mut bad_utf8 = design.as_bytes().to_vec();
    bad_utf8.splice(20..20, [0xC3, 0x28]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(design.encode_utf16().flat_map(u16::to_le_bytes));
    let mut big_array = String::with_capacity(50_000_010);
    big_array.push('[');
    big_array.push_str(&"1,".repeat(25_000_000 - 1));
    big_array.push_str("1]");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "the file is empty"),
        ("null", b"null".to_vec(), "found null"),
        ("array", b"[]".to_vec(), "found an array"),
        ("string", b"\"string\"".to_vec(), "found a string"),
        (
            "duplicate-key",
            dup.into_bytes(),
            ": duplicate key \"name\"",
        ),
        (
            "deep",
            "[".repeat(100_000).into_bytes(),
            "nested more than 64 levels",
        ),
        (
            "truncated",
            design.as_bytes()[..design.len() / 2].to_vec(),
            "cut off",
        ),
        (
            "huge-number",
            design
                .replacen(
                    &format!("\"version\": {CURRENT_VERSION}"),
                    "\"version\": 1e400",
                    1,
                )
                .into_bytes(),
            "out of range",
        ),
        (
            "float-version",
            design
                .replacen(
                    &format!("\"version\": {CURRENT_VERSION}"),
                    "\"version\": 1.0",
                    1,
                )
                .into_bytes(),
            "version: expected a positive whole number",
        ),
        (
            "invalid-utf8",
            bad_utf8,
            "byte at offset 20 is not valid UTF-8",
        ),
        ("utf16", utf16, "UTF-16"),
        (
            "fifty-megabytes",
            big_array.into_bytes(),
            "more than 1000000 JSON values",
        ),
    ];
    for (name, bytes, says) in cases {
        let p = temp_file(&format!("hostile-{name}.json"), &bytes);
        let o = topoform(&["check", p.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(says) && err.len() < 500,
            "{name} should say {says:?}: {err}"
        );
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let p = temp_file("bom.json", format!("\u{feff}{}", TEMPLATES[0].json));
    let o = topoform(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn megabyte_strings_give_a_short_report_quickly() {
    let mut v: serde_json::Value = serde_json::from_str(TEMPLATES[0].json).unwrap();
    let big = "x".repeat(5_000_000);
    v["name"] = big.clone().into();
    v["environment"] = big.clone().into();
    v["regions"][0]["vpcs"][0]["name"] = big.clone().into();
    v["regions"][0]["vpcs"][0]["subnets"][0]["cidr"] = big.clone().into();
    v["regions"][0]["vpcs"][0]["subnets"][1]["az"] = big.clone().into();
    v["regions"][1]["code"] = big.into();
    let p = temp_file("huge-strings.json", v.to_string());
    let started = std::time::Instant::now();
    let o = topoform(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().count() > 5, "{out}");
    assert!(
        out.lines().all(|l| l.len() < 1024),
        "a line over 1 KB in:\n{}",
        &out[..out.len().min(3000)]
    );
    assert!(out.len() < 64 * 1024, "{} bytes of report", out.len());
    let o = topoform(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(
        diags.len() > 5
            && diags
                .iter()
                .all(|d| d["message"].as_str().unwrap().len() < 1024),
        "{v}"
    );
    // A guard against quadratic work on long strings (which would take
    // hours on 5 MB), not a speed target: two debug runs take 5-20 s on a
    // loaded 2-core machine, so the bound leaves room for load.
    assert!(
        started.elapsed().as_secs() < 120,
        "took {:?}",
        started.elapsed()
    );
}

/// No command at all is a usage error like an unknown one: the usage goes
/// to stderr and the exit status is 2, so a script that forgot the command
/// does not pass; asking for help is what prints it to stdout with 0.
#[test]
fn no_command_is_a_usage_error() {
    let o = topoform(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.starts_with("error: no command given"), "{err}");
    assert!(err.contains("topoform check FILE"), "{err}");
    for help in ["--help", "-h"] {
        let o = topoform(&[help]);
        assert_eq!(o.status.code(), Some(0), "{help}");
        assert!(stdout(&o).contains("topoform check FILE"), "{help}");
        assert!(stderr(&o).is_empty(), "{help}");
    }
}

#[test]
fn help_explains_the_commands() {
    let o = topoform(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    assert!(
        h.contains("topoform check FILE") && h.contains("--format"),
        "{h}"
    );
}

/// A reader that goes away (`topoform check ... | head -1`) ends the
/// command as it ends any Unix tool, by SIGPIPE: no panic, no backtrace in
/// the CI log.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let t = &TEMPLATES[0];
    let p = temp_file(&format!("pipe-{}.json", t.id), t.json);
    // `cost` prints a table of many lines, written line by line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_topoform"))
        .args(["cost", p.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run topoform");
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.signal(), Some(libc::SIGPIPE), "{status:?} {err}");
}
