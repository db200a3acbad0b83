//! `topoform`: the command-line face of the core, for CI and scripts.
//!
//! One module per subcommand, each with its argument `SPEC` and a `run`;
//! they share one grammar (`args`) and one way of reading a design (`io`).
//! Exit codes follow the public contract in docs/design-format.md: 0 fine,
//! 1 the design has errors (or breaches an objective), 2 the file could not
//! be loaded or the usage is wrong.

mod args;
mod check;
mod cost;
mod export;
mod grade;
mod io;
mod make_primary;
mod open;
mod render;
mod share;
mod simulate;

use std::process::ExitCode;
use topoform::core::text::short;

const HELP: &str = "\
topoform: check a Topoform design file (multi-region AWS topology)

USAGE:
    topoform check FILE [--format text|json]
    topoform cost FILE [--format text|json]
    topoform export FILE --out DIR [--layout per-region|single-root] [--since OLD]
    topoform make-primary FILE REGION --out FILE
    topoform simulate FILE [--fail WHAT]... [--format text|json]
    topoform render FILE --format svg|drawio --out OUT [--theme light|dark]
    topoform grade EXERCISE DESIGN [--format text|json]
    topoform share FILE [--base URL]
    topoform open SOURCE --out FILE
    topoform --help | --version

COMMANDS:
    check FILE      Load FILE and report every problem found, one a line.
                    Exit status: 0 no errors (warnings allowed), 1 errors
                    found, 2 the file could not be loaded.

    cost FILE       The monthly cost on demand, offline, from the dated
                    price table: by region, the biggest items, the
                    single-region baseline, the DR multiplier and what each
                    DR tier would cost. Exit status: 0, or 2 the file could
                    not be loaded or a usage figure is beyond any real
                    system (rule DES-31).

    export FILE     Write the Terraform tree (and the design) into DIR.
                    With --since OLD (a previous export's folder or zip),
                    also write the moved, removed and import blocks and
                    scripts/move-state.sh that keep what the edit only
                    relocates, and print what changes: files, and what is
                    created, updated, moved, replaced or destroyed.
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

    render FILE     Draw the design as the canvas lays it out: an SVG
                    picture (the design embedded, so it opens again in
                    Topoform) or a draw.io diagram with AWS shapes, written
                    to --out (`-` for standard output). Exit status: 0
                    written, 2 the file could not be loaded or written.
    grade EXERCISE DESIGN
                    Grade DESIGN against an exercise (docs/exercise-format.md):
                    per goal pass or fail and why, and the score. JSON:
                    {\"score\",\"passed\",\"goals\":[{\"id\",\"passed\",\"message\"}]}.
                    Exit status: 0 passed, 1 not passed, 2 a file did not load.

    share FILE      Print a link holding the whole design (or exercise,
                    without its solution) in its fragment, after --base URL
                    (the app's address; without it, just the #fragment).
                    Exit status: 0, or 2 the file could not be loaded.

    open SOURCE     Write the design (or exercise) SOURCE holds to --out
                    FILE (`-` for standard output). SOURCE is a share link,
                    an SVG Topoform drew, an export's folder or zip, or a
                    design file. Exit status: 0, or 2 a damaged, oversized
                    or unsupported SOURCE.

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

/// Every subcommand: its name, its grammar and what runs it.
type Run = fn(&args::Parsed) -> Result<ExitCode, String>;
const COMMANDS: &[(&args::Spec, Run)] = &[
    (&check::SPEC, check::run),
    (&cost::SPEC, cost::run),
    (&export::SPEC, export::run),
    (&make_primary::SPEC, make_primary::run),
    (&simulate::SPEC, simulate::run),
    (&render::SPEC, render::run),
    (&grade::SPEC, grade::run),
    (&share::SPEC, share::run),
    (&open::SPEC, open::run),
];

fn dispatch(args: &[String]) -> Result<ExitCode, String> {
    let Some(cmd) = args.first() else {
        return Err("no command given: name one of those below".into());
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            return Ok(ExitCode::SUCCESS);
        }
        "-V" | "--version" => {
            println!("topoform {}", env!("CARGO_PKG_VERSION"));
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let (spec, run) = COMMANDS
        .iter()
        .find(|(spec, _)| spec.command == cmd)
        .ok_or_else(|| format!("unknown command `{}`", short(cmd)))?;
    match args::parse(spec, &args[1..])? {
        None => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some(parsed) => run(&parsed),
    }
}

/// SIGPIPE back to its default (end the process), as for any Unix tool:
/// Rust starts programs with it ignored, so a write to a closed pipe
/// (`topoform export ... | head`) would fail, and `print!` panic.
#[cfg(unix)]
fn die_of_a_closed_pipe() {
    // SAFETY: called first thing in main, before any thread exists;
    // `signal` with SIG_DFL installs no handler code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    #[cfg(unix)]
    die_of_a_closed_pipe();
    let args: Vec<String> = std::env::args().skip(1).collect();
    dispatch(&args).unwrap_or_else(|msg| {
        eprintln!("error: {msg}\n\n{HELP}");
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The help's usage line of each command names every option it takes
    /// (`--since` was accepted and documented elsewhere, but not here).
    #[test]
    fn the_usage_lines_name_every_option() {
        for (spec, _) in COMMANDS {
            let line = HELP
                .lines()
                .find(|l| {
                    l.trim_start()
                        .starts_with(&format!("topoform {} ", spec.command))
                })
                .unwrap_or_else(|| panic!("no usage line for {}", spec.command));
            for (option, _) in spec.options {
                assert!(
                    line.contains(option),
                    "{}: {option} not in `{line}`",
                    spec.command
                );
            }
        }
    }
}
