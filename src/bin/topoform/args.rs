//! The one argument grammar every subcommand shares: positional operands,
//! options that take a value (`--out DIR`), and `-h`/`--help` anywhere.
//!
//! Written by hand: a parser crate would add more build time than the code
//! it saves, and the error wording is part of the public contract (tests/cli.rs).

use topoform::core::text::short;

/// What one subcommand accepts.
pub struct Spec {
    /// The subcommand's name, for messages.
    pub command: &'static str,
    /// The operands' names in order (`["FILE", "REGION"]`).
    pub operands: &'static [&'static str],
    /// How many of them, from the first, must be given.
    pub required: usize,
    /// Options that take a value, with the word their "needs" message uses.
    pub options: &'static [(&'static str, &'static str)],
}

/// A parsed command line: operands in order, option values in order given.
#[derive(Debug, Default)]
pub struct Parsed {
    pub operands: Vec<String>,
    values: Vec<(&'static str, String)>,
}

impl Parsed {
    /// The last value given for `name`, if any.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for `name` (a repeatable option such as `--fail`).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The `i`th operand (required ones are always present).
    pub fn operand(&self, i: usize) -> Option<&str> {
        self.operands.get(i).map(String::as_str)
    }
}

/// `Ok(None)` when help was asked for.
pub fn parse(spec: &Spec, args: &[String]) -> Result<Option<Parsed>, String> {
    let mut parsed = Parsed::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let a = a.as_str();
        if a == "-h" || a == "--help" {
            return Ok(None);
        }
        if let Some(&(name, what)) = spec.options.iter().find(|(n, _)| *n == a) {
            let value = it
                .next()
                .ok_or_else(|| format!("{name} needs {what}"))?
                .clone();
            parsed.values.push((name, value));
        } else if a.starts_with('-') && a != "-" {
            return Err(format!(
                "unknown option `{}` for {}",
                short(a),
                spec.command
            ));
        } else if parsed.operands.len() < spec.operands.len() {
            parsed.operands.push(a.to_string());
        } else {
            return Err(format!(
                "{} takes {}; `{}` is one too many",
                spec.command,
                operand_list(spec.operands),
                short(a)
            ));
        }
    }
    if let Some(missing) = spec.operands[..spec.required].get(parsed.operands.len()) {
        return Err(format!("{} needs a {missing}", spec.command));
    }
    Ok(Some(parsed))
}

/// "one FILE", "FILE and REGION".
fn operand_list(names: &[&str]) -> String {
    match names {
        [one] => format!("one {one}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => "no operands".into(),
    }
}

/// `--format text|json`: whether it is json.
pub fn format_json(value: Option<&str>) -> Result<bool, String> {
    match value {
        None | Some("text") => Ok(false),
        Some("json") => Ok(true),
        Some(other) => Err(format!(
            "--format takes text or json, not {:?}",
            short(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        command: "demo",
        operands: &["FILE", "REGION"],
        required: 1,
        options: &[("--out", "a DIR"), ("--fail", "a place")],
    };

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn operands_options_and_repeats() {
        let p = parse(
            &SPEC,
            &args(&["f", "--fail", "a", "r", "--fail", "b", "--out", "d"]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.operands, ["f", "r"]);
        assert_eq!(p.values("--fail"), ["a", "b"]);
        assert_eq!(p.value("--out"), Some("d"));
    }

    #[test]
    fn usage_errors_say_what_is_wrong() {
        assert_eq!(parse(&SPEC, &args(&[])).unwrap_err(), "demo needs a FILE");
        assert_eq!(
            parse(&SPEC, &args(&["f", "--out"])).unwrap_err(),
            "--out needs a DIR"
        );
        assert_eq!(
            parse(&SPEC, &args(&["f", "r", "x"])).unwrap_err(),
            "demo takes FILE and REGION; `x` is one too many"
        );
        assert_eq!(
            parse(&SPEC, &args(&["f", "--x"])).unwrap_err(),
            "unknown option `--x` for demo"
        );
        assert!(parse(&SPEC, &args(&["f", "--help"])).unwrap().is_none());
        assert_eq!(
            parse(&SPEC, &args(&["-"])).unwrap().unwrap().operands,
            ["-"]
        );
    }
}
