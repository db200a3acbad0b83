//! `topoform`: the command-line face of the core, for CI and scripts.
//!
//! Arguments are parsed by hand: the grammar is two subcommands with a few
//! flags, and a parser crate would add more build time than code it saves.
//! Exit codes follow the public contract in docs/design-format.md: 0 fine, 1 the
//! design has errors, 2 the file could not be loaded or the usage is wrong.

use std::process::ExitCode;
use topoform::core::export::{export, ExportError, Layout};
use topoform::core::model::{load, Design, LoadError};
use topoform::core::text::{bound, short};
use topoform::core::validate::{counts, validate, Diagnostic, Severity};

const HELP: &str = "\
topoform: check a Topoform design file (multi-region AWS topology)

USAGE:
    topoform check FILE [--format text|json]
    topoform export FILE --out DIR [--layout per-region|single-root]
    topoform make-primary FILE REGION --out FILE
    topoform simulate FILE [--fail WHAT]... [--format text|json]
    topoform --help | --version

COMMANDS:
    check FILE      Load FILE and report every problem found, one a line.
                    Exit status: 0 no errors (warnings allowed), 1 errors
                    found, 2 the file could not be loaded.

    export FILE     Write the Terraform tree (and the design) into DIR.
                    Exit status: 0 written, 1 not written because the design
                    has errors, 2 the file could not be loaded.

    make-primary FILE REGION
                    Make REGION (a region code or id) the primary, as the
                    editor's \"Make primary\" does after a failover, and
                    write the design to --out (`-` for standard output).
                    Prints each thing that moved. Exit status: 0 written,
                    1 the edit was refused, 2 the file could not be loaded.

    simulate FILE   What losing a region (--fail us-east-1) or an AZ
                    (--fail use1-az1) costs: the timeline, RTO, RPO, data
                    lost per store, capacity. Without --fail, every region
                    and every AZ the design uses. Exit status: 0 every
                    objective met (or none set), 1 an objective breached,
                    2 the file could not be loaded or WHAT is unknown.

OPTIONS:
    --format FMT    text (default) or json:
                    {\"diagnostics\":[{\"rule\",\"severity\",\"message\",\"subjects\"}]}
    --out DIR       Where export writes (created if missing); for
                    make-primary, the design FILE it writes.
    --layout L      per-region (default: a root and state per region) or
                    single-root (one root, a provider alias per region).
    -h, --help      Print this help.
    -V, --version   Print the version.
";

/// A parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Check {
        file: String,
        json: bool,
    },
    Export {
        file: String,
        out: String,
        layout: Layout,
    },
    MakePrimary {
        file: String,
        region: String,
        out: String,
    },
    Simulate {
        file: String,
        fail: Vec<String>,
        json: bool,
    },
}

fn parse(args: &[String]) -> Result<Command, String> {
    let mut it = args.iter();
    let Some(cmd) = it.next() else {
        return Ok(Command::Help);
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "check" => {
            let mut file = None;
            let mut json = false;
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--format" => json = format_json(it.next())?,
                    "-h" | "--help" => return Ok(Command::Help),
                    f if f.starts_with('-') && f != "-" => {
                        return Err(format!("unknown option `{}` for check", short(f)))
                    }
                    f if file.is_none() => file = Some(f.to_string()),
                    f => {
                        return Err(format!(
                            "check takes one FILE; `{}` is one too many",
                            short(f)
                        ))
                    }
                }
            }
            let file = file.ok_or("check needs a FILE")?;
            Ok(Command::Check { file, json })
        }
        "export" => {
            let (mut file, mut out, mut layout) = (None, None, Layout::PerRegion);
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = Some(it.next().ok_or("--out needs a DIR")?.clone()),
                    "--layout" => {
                        layout = match it.next().map(String::as_str) {
                            Some("per-region") => Layout::PerRegion,
                            Some("single-root") => Layout::SingleRoot,
                            Some(other) => {
                                return Err(format!(
                                    "--layout takes per-region or single-root, not {:?}",
                                    short(other)
                                ))
                            }
                            None => {
                                return Err(
                                    "--layout needs a value: per-region or single-root".into()
                                )
                            }
                        }
                    }
                    "-h" | "--help" => return Ok(Command::Help),
                    f if f.starts_with('-') && f != "-" => {
                        return Err(format!("unknown option `{}` for export", short(f)))
                    }
                    f if file.is_none() => file = Some(f.to_string()),
                    f => {
                        return Err(format!(
                            "export takes one FILE; `{}` is one too many",
                            short(f)
                        ))
                    }
                }
            }
            Ok(Command::Export {
                file: file.ok_or("export needs a FILE")?,
                out: out.ok_or("export needs --out DIR")?,
                layout,
            })
        }
        "make-primary" => {
            let (mut pos, mut out) = (Vec::new(), None);
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = Some(it.next().ok_or("--out needs a FILE")?.clone()),
                    "-h" | "--help" => return Ok(Command::Help),
                    f if f.starts_with('-') && f != "-" => {
                        return Err(format!("unknown option `{}` for make-primary", short(f)))
                    }
                    f if pos.len() < 2 => pos.push(f.to_string()),
                    f => {
                        return Err(format!(
                            "make-primary takes FILE and REGION; `{}` is one too many",
                            short(f)
                        ))
                    }
                }
            }
            let mut pos = pos.into_iter();
            let file = pos.next().ok_or("make-primary needs a FILE")?;
            let region = pos
                .next()
                .ok_or("make-primary needs a REGION (code or id)")?;
            Ok(Command::MakePrimary {
                file,
                region,
                out: out.ok_or("make-primary needs --out FILE")?,
            })
        }
        "simulate" => {
            let (mut file, mut fail, mut json) = (None, Vec::new(), false);
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--fail" => fail.push(
                        it.next()
                            .ok_or("--fail needs a region code or an AZ id")?
                            .clone(),
                    ),
                    "--format" => json = format_json(it.next())?,
                    "-h" | "--help" => return Ok(Command::Help),
                    f if f.starts_with('-') && f != "-" => {
                        return Err(format!("unknown option `{}` for simulate", short(f)))
                    }
                    f if file.is_none() => file = Some(f.to_string()),
                    f => {
                        return Err(format!(
                            "simulate takes one FILE; `{}` is one too many",
                            short(f)
                        ))
                    }
                }
            }
            Ok(Command::Simulate {
                file: file.ok_or("simulate needs a FILE")?,
                fail,
                json,
            })
        }
        other => Err(format!("unknown command `{}`", short(other))),
    }
}

/// `--format text|json`: whether it is json.
fn format_json(value: Option<&String>) -> Result<bool, String> {
    match value.map(String::as_str) {
        Some("json") => Ok(true),
        Some("text") => Ok(false),
        Some(other) => Err(format!(
            "--format takes text or json, not {:?}",
            short(other)
        )),
        None => Err("--format needs a value: text or json".into()),
    }
}

/// `simulate`: every scenario asked for (or all), exit 1 on a breached objective.
fn run_simulate(file: &str, fail: &[String], json: bool) -> ExitCode {
    use topoform::core::simulate::{parse_failure, report, simulate, simulate_all};
    let design = match read_design(file) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let scenarios = if fail.is_empty() {
        simulate_all(&design)
    } else {
        let mut out = Vec::new();
        for what in fail {
            match parse_failure(&design, what) {
                Ok(f) => out.push(simulate(&design, &f)),
                Err(e) => {
                    eprintln!("error: {file}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        out
    };
    if json {
        println!("{}", report::json(&design, &scenarios));
    } else {
        print!("{}", report::text(file, &design, &scenarios));
    }
    if scenarios.iter().any(|s| s.objectives_met == Some(false)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads and loads FILE (`-` for standard input); the error is one line.
fn read_design(file: &str) -> Result<Design, String> {
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?
    };
    let text = utf8_text(&bytes).map_err(|why| format!("{file}: {why}"))?;
    load(text).map_err(|e: LoadError| format!("{file}: {e}"))
}

/// The file as text: design files are UTF-8 (a byte-order mark is fine,
/// `load` skips it). Says where the first bad byte is, so the user can
/// find it, instead of the standard library's bare "not valid UTF-8".
fn utf8_text(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("the file is UTF-16 text; save it as UTF-8".into());
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text: the byte at offset {} is not valid UTF-8; save the file as UTF-8",
            e.valid_up_to()
        )
    })
}

fn check(file: &str, json: bool) -> ExitCode {
    match read_design(file) {
        Ok(design) => {
            let diags = validate(&design);
            if json {
                println!("{}", diagnostics_json(&diags));
            } else {
                print_text(file, &diags);
            }
            if diags.iter().any(|d| d.severity == Severity::Error) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(msg) => {
            if json {
                let body = serde_json::json!({ "error": msg, "diagnostics": [] });
                println!("{body}");
            }
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run_export(file: &str, out: &str, layout: Layout) -> ExitCode {
    let design = match read_design(file) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let files = match export(&design, layout) {
        Ok(f) => f,
        Err(ExportError::Invalid(diags)) => {
            eprintln!(
                "error: {file} has {} error(s); nothing was written:",
                diags.len()
            );
            for d in diags {
                eprintln!(
                    "  {} {}: {} [{}]",
                    d.severity.as_str(),
                    d.rule,
                    d.message,
                    d.subjects.join(", ")
                );
            }
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: {}", bound(e.to_string()));
            return ExitCode::from(1);
        }
    };
    let root = std::path::Path::new(out);
    for f in &files {
        let path = root.join(&f.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, &f.contents));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        #[cfg(unix)]
        if f.path.ends_with(".sh") {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
        }
    }
    println!("{file}: wrote {} files to {out}", files.len());
    ExitCode::SUCCESS
}

/// `make-primary`: the editor's edit, for scripts (the outage drill).
fn run_make_primary(file: &str, region: &str, out: &str) -> ExitCode {
    let design = match read_design(file) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let Some(id) = design
        .regions
        .iter()
        .find(|r| r.code == region || r.id == region)
        .map(|r| r.id.clone())
    else {
        eprintln!("error: {file} has no region `{}`", short(region));
        return ExitCode::from(1);
    };
    let (changed, moved) = match topoform::core::edit::make_primary(&design, &id) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {}", bound(e.to_string()));
            return ExitCode::from(1);
        }
    };
    let text = topoform::core::model::save(&changed);
    let written = if out == "-" {
        print!("{text}");
        Ok(())
    } else {
        std::fs::write(out, &text)
    };
    if let Err(e) = written {
        eprintln!("error: cannot write {out}: {e}");
        return ExitCode::from(2);
    }
    for line in moved {
        eprintln!("{}", bound(line));
    }
    ExitCode::SUCCESS
}

/// `{"diagnostics":[{"rule","severity","message","subjects"}]}`, the public shape.
fn diagnostics_json(diags: &[Diagnostic]) -> String {
    serde_json::json!({ "diagnostics": diags }).to_string()
}

fn print_text(file: &str, diags: &[Diagnostic]) {
    for d in diags {
        println!(
            "{file}: {} {}: {} [{}]",
            d.severity.as_str(),
            d.rule,
            d.message,
            d.subjects.join(", ")
        );
    }
    let (e, w, i) = counts(diags);
    if diags.is_empty() {
        println!("{file}: no problems found");
    } else {
        println!("{file}: {e} error(s), {w} warning(s), {i} info");
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("topoform {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Check { file, json }) => check(&file, json),
        Ok(Command::Export { file, out, layout }) => run_export(&file, &out, layout),
        Ok(Command::MakePrimary { file, region, out }) => run_make_primary(&file, &region, &out),
        Ok(Command::Simulate { file, fail, json }) => run_simulate(&file, &fail, json),
        Err(msg) => {
            eprintln!("error: {msg}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}
