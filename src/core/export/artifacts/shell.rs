//! The bash both runbooks share: flags, logging, dry-run execution, waits
//! and questions, plus the quoting every design-derived word goes through.
//!
//! A runbook prints every command it would run, quoted so it can be pasted
//! back into a shell; it runs them only with `--confirm`. Reads whose answer
//! a later step needs (`capture`) print a placeholder in a dry run, so a dry
//! run never calls AWS and works without credentials.

/// Quotes a word for bash: names are validated, but a design file can hold
/// anything (quotes, `${`, `$(...)`), and the script must never run it.
pub fn shell_word(w: &str) -> String {
    format!("'{}'", w.replace('\'', "'\\''"))
}

/// One flag of a runbook: its name, the variable it sets to 1, and its help.
pub struct Flag {
    /// e.g. `--planned`.
    pub name: &'static str,
    /// e.g. `PLANNED`.
    pub var: &'static str,
    /// One line of help.
    pub help: &'static str,
}

/// The start of a runbook: shebang, header comment, flag parsing and helpers.
pub fn prelude(script: &str, header: &[&str], flags: &[Flag]) -> String {
    let mut sh = String::from("#!/usr/bin/env bash\n");
    for line in header {
        if line.is_empty() {
            sh.push_str("#\n");
        } else {
            sh.push_str(&format!("# {line}\n"));
        }
    }
    sh.push_str("set -euo pipefail\n\n");
    // AWS CLI v2 pipes long answers through a pager, which would stop the runbook.
    sh.push_str("export AWS_PAGER=\"\"\n");
    sh.push_str(&format!("SCRIPT={}\n", shell_word(script)));
    sh.push_str("CONFIRM=0\nVERIFY=1\n");
    for f in flags {
        sh.push_str(&format!("{}=0\n", f.var));
    }
    sh.push_str("\nusage() {\n  cat <<'EOF'\n");
    sh.push_str(&format!("usage: scripts/{script} [--confirm]"));
    for f in flags {
        sh.push_str(&format!(" [{}]", f.name));
    }
    sh.push_str(" [--no-verify]\n  --confirm    run the commands (without it: a dry run that only prints them)\n");
    for f in flags {
        sh.push_str(&format!("  {:<12} {}\n", f.name, f.help));
    }
    sh.push_str("  --no-verify  skip the HTTP checks of the endpoints at the end (drills on emulators)\nEOF\n}\n\n");
    sh.push_str("while [ $# -gt 0 ]; do\n  case \"$1\" in\n    --confirm) CONFIRM=1 ;;\n    --no-verify) VERIFY=0 ;;\n");
    for f in flags {
        sh.push_str(&format!("    {}) {}=1 ;;\n", f.name, f.var));
    }
    sh.push_str("    -h | --help) usage; exit 0 ;;\n    *) echo \"$SCRIPT: unknown argument: $1\" >&2; usage >&2; exit 2 ;;\n  esac\n  shift\ndone\n\n");
    sh.push_str(HELPERS);
    sh
}

/// `log`, `show` and `run`: what every generated script that prints its
/// commands (and runs them only with `--confirm`) needs.
macro_rules! basics {
    () => {
        r#"log() { printf '[%s %s] %s\n' "$SCRIPT" "$(date -u +%H:%M:%S)" "$*"; }

# Prints a command as a shell would need it typed (every word quoted).
show() {
  local w out='+'
  for w in "$@"; do out+=" $(printf '%q' "$w")"; done
  printf '%s\n' "$out"
}

# Runs a command with --confirm; prints it either way.
run() {
  show "$@"
  if [ "$CONFIRM" = 1 ]; then "$@"; fi
}
"#
    };
}

/// [`basics!`] for scripts other than the runbooks (`scripts/move-state.sh`).
pub const BASICS: &str = basics!();

/// The helper functions, the same in both runbooks.
const HELPERS: &str = concat!(
    basics!(),
    r#"
# capture PLACEHOLDER CMD...: prints CMD's output with --confirm, else
# PLACEHOLDER (a dry run never calls AWS). The command goes to stderr.
capture() {
  local placeholder=$1
  shift
  [ "${QUIET:-0}" = 1 ] || show "$@" >&2
  if [ "$CONFIRM" = 1 ]; then "$@"; else printf '%s\n' "$placeholder"; fi
}

# wait_for WHAT EXPECTED TRIES DELAY CMD...: polls CMD until it prints EXPECTED.
wait_for() {
  local what=$1 want=$2 tries=$3 delay=$4 got="" i
  shift 4
  if [ "$CONFIRM" != 1 ]; then
    log "would wait until $what (up to $((tries * delay))s), polling:"
    show "$@"
    return 0
  fi
  log "waiting until $what (up to $((tries * delay))s)"
  for ((i = 1; i <= tries; i++)); do
    got=$(QUIET=1 "$@" 2>/dev/null) || got="(error)"
    if [ "$got" = "$want" ]; then
      log "$what: yes"
      return 0
    fi
    sleep "$delay"
  done
  log "gave up waiting until $what (last answer: $got)"
  return 1
}

# ask QUESTION: before a destructive step; stops the script unless answered y.
ask() {
  if [ "$CONFIRM" != 1 ]; then
    log "would ask: $1 [y/N]"
    return 0
  fi
  local answer=""
  printf '%s [y/N] ' "$1" >&2
  read -r answer || true
  case "$answer" in
    y | Y | yes) log "confirmed: $1" ;;
    *) log "stopped before: $1"; exit 1 ;;
  esac
}

# check_url URL [CURL_ARGS...]: the endpoint answers 2xx/3xx, with retries.
check_url() {
  local url=$1
  shift
  if [ "$VERIFY" != 1 ]; then
    log "not checking $url (--no-verify)"
    return 0
  fi
  run curl --fail --silent --show-error --output /dev/null --max-time 10 \
    --retry 30 --retry-delay 10 --retry-all-errors "$@" "$url"
}

"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_word_quotes_single_quotes_and_leaves_the_rest_literal() {
        assert_eq!(shell_word("plain"), "'plain'");
        assert_eq!(shell_word("it's ${x} $(y)"), r"'it'\''s ${x} $(y)'");
    }
}
