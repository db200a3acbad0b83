//! `scripts/move-state.sh`: what moves to another root with no import id
//! known from the design (a VPC, a load balancer, a database) keeps its
//! resources, moved from the old root's Terraform state into the new root's
//! by `terraform state mv` on pulled copies, then pushed. Without it, those
//! would be destroyed in one state and created anew in the other: a
//! database recreated empty.

use super::super::artifacts::shell::{shell_word, BASICS};
use super::super::ExportFile;
use super::admissions::nested;
use super::blocks::backend_config;
use super::{Action, ResourceChange};
use std::collections::BTreeMap;

/// `(old address, new address)` pairs between two roots, in order.
type Moves<'a> = Vec<(&'a str, &'a str)>;

/// The script, when some change moves state; `None` otherwise.
pub fn move_state(
    changes: &[ResourceChange],
    old_files: &[ExportFile],
    new_files: &[ExportFile],
) -> Option<ExportFile> {
    // (old root, new root) -> [(old address, new address)], in order.
    let mut by_roots: BTreeMap<(&str, &str), Moves<'_>> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.action == Action::MoveState) {
        by_roots
            .entry((c.root.as_str(), c.to_root.as_str()))
            .or_default()
            .push((c.address.as_str(), c.to_address.as_str()));
    }
    // A pair of roots that takes addresses out of a module goes first (the
    // module's own move would take them along), one that puts addresses
    // into a module last (state mv will not move a module onto one that
    // exists).
    let pairs: BTreeMap<(u8, &str, &str), Moves<'_>> = by_roots
        .into_iter()
        .map(|((from, to), moves)| {
            let order = if moves.iter().any(|(a, _)| nested(a)) {
                0
            } else if moves.iter().any(|(_, b)| nested(b)) {
                2
            } else {
                1
            };
            ((order, from, to), moves)
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let has = |files: &[ExportFile], p: &str| files.iter().any(|f| f.path == p);
    let mut sh = String::from(HEADER);
    for ((_, from, to), moves) in &pairs {
        sh += &format!("#   {from} -> {to}:\n");
        for (a, b) in moves {
            if a == b {
                sh += &format!("#     {a}\n");
            } else {
                sh += &format!("#     {a} -> {b}\n");
            }
        }
    }
    sh += BODY;
    sh += BASICS;
    sh += BODY_AFTER_HELPERS;
    for ((_, from, to), moves) in &pairs {
        // The backend config each root initialises with, relative to the
        // root (`-backend-config` is read from the root's folder); a root
        // whose config neither export has is initialised without one.
        let cfg = |root: &str, files: &[ExportFile]| {
            let path = backend_config(root);
            if has(files, &path) || has(old_files, &path) || has(new_files, &path) {
                format!("{}{path}", "../".repeat(depth(root)))
            } else {
                String::new()
            }
        };
        sh += &format!(
            "move {} {} {} {}",
            shell_word(from),
            shell_word(&cfg(from, old_files)),
            shell_word(to),
            shell_word(&cfg(to, new_files))
        );
        for (a, b) in moves {
            sh += &format!(" \\\n  {} {}", shell_word(a), shell_word(b));
        }
        sh.push('\n');
    }
    sh += FOOTER;
    Some(ExportFile {
        path: "scripts/move-state.sh".into(),
        contents: sh,
    })
}

/// How many folders deep a root is (`.` is 0, `regions/x/platform` is 3).
fn depth(root: &str) -> usize {
    if root == "." {
        0
    } else {
        root.split('/').count()
    }
}

const HEADER: &str = r#"#!/usr/bin/env bash
# Written by `topoform export --since`: moves what this export places in
# another root from the old root's Terraform state into the new root's
# (terraform state mv), so that nothing is destroyed and created anew: a
# database keeps its data, a VPC its id.
#
# Run it once, from the export's folder, before any plan or apply of the
# roots below, with credentials that can read and write their state
# buckets. A dry run (every command printed, nothing run) unless --confirm.
# Both states are pulled into a work folder, kept as backups (*.before);
# the moves are made on the copies; then the new root's state is pushed,
# then the old root's. Run again, it skips what has moved already. If the
# new root was applied before this script ran, the move stops at the first
# address it already holds, before pushing anything.
#
# Moves:
"#;

const BODY: &str = r#"set -euo pipefail

SCRIPT='move-state.sh'
CONFIRM=0

usage() {
  cat <<'EOF'
usage: scripts/move-state.sh [--confirm]
  --confirm  run the commands (without it: a dry run that only prints them)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --confirm) CONFIRM=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$SCRIPT: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

"#;

/// After the helpers ([`BASICS`]).
const BODY_AFTER_HELPERS: &str = r#"
[ -d backends ] || { echo "$SCRIPT: run it from the export's folder (the one holding backends/)" >&2; exit 2; }
if [ "$CONFIRM" = 1 ]; then
  WORK=$(cd "$(mktemp -d "${TMPDIR:-/tmp}/topoform-move-state.XXXXXX")" && pwd)
  mkdir "$WORK/empty"
  log "the states are copied to $WORK; keep it until every root plans as expected"
else
  WORK=WORK
  log "dry run: nothing is changed (--confirm runs the commands; WORK stands for its work folder)"
fi

# init ROOT CONFIG: initialise ROOT with its backend.
init() {
  if [ -n "$2" ]; then
    run terraform -chdir="$1" init -input=false -backend-config="$2"
  else
    run terraform -chdir="$1" init -input=false
  fi
}

# state ARGS...: a state command on local copies, outside any root (a
# root's configured backend would take precedence over -state).
state() { run terraform -chdir="$WORK/empty" state "$@"; }

# move FROM FROM_CONFIG TO TO_CONFIG [OLD_ADDRESS NEW_ADDRESS]...
move() {
  local from=$1 from_cfg=$2 to=$3 to_cfg=$4 tag old new moved=0
  shift 4
  tag=$(printf '%s--%s' "$from" "$to" | tr '/.' '__')
  old="$WORK/$tag.from.tfstate"
  new="$WORK/$tag.to.tfstate"
  log "from $from to $to"
  init "$from" "$from_cfg"
  init "$to" "$to_cfg"
  show terraform -chdir="$from" state pull '>' "$old"
  show terraform -chdir="$to" state pull '>' "$new"
  if [ "$CONFIRM" = 1 ]; then
    terraform -chdir="$from" state pull >"$old"
    cp "$old" "$old.before"
    terraform -chdir="$to" state pull >"$new"
    # No state there yet: state mv starts one.
    if [ -s "$new" ]; then cp "$new" "$new.before"; else rm -f "$new"; fi
  fi
  while [ $# -gt 0 ]; do
    if [ "$CONFIRM" = 1 ] && [ -z "$(terraform -chdir="$WORK/empty" state list -state="$old" "$1")" ]; then
      log "$1 is not in the state of $from: skipped (moved by an earlier run; or, if $from was applied before this script, forgotten there: import it into $to by hand)"
    else
      state mv -lock=false -state="$old" -state-out="$new" "$1" "$2"
      moved=1
    fi
    shift 2
  done
  if [ "$CONFIRM" = 1 ] && [ "$moved" = 0 ]; then
    log "nothing left to move from $from"
    return 0
  fi
  run terraform -chdir="$to" state push "$new"
  run terraform -chdir="$from" state push "$old"
}

"#;

const FOOTER: &str = r#"
log "done: plan every root now; what moved plans as no change or an update in place, never a creation"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(root: &str, to_root: &str, address: &str) -> ResourceChange {
        ResourceChange {
            action: Action::MoveState,
            root: root.into(),
            address: address.into(),
            to_root: to_root.into(),
            to_address: address.into(),
            object: None,
            why: String::new(),
        }
    }

    fn file(path: &str) -> ExportFile {
        ExportFile {
            path: path.into(),
            contents: String::new(),
        }
    }

    #[test]
    fn moves_are_grouped_per_pair_of_roots_and_quoted() {
        let changes = [
            moved(
                "regions/us-east-1",
                "regions/us-east-1/platform",
                "module.vpc_a",
            ),
            moved(
                "regions/us-east-1",
                "regions/us-east-1/platform",
                "module.rds_it's",
            ),
            moved(".", "regions/eu-west-1", "module.alb_b"),
        ];
        let old = [file("backends/us-east-1.hcl"), file("backends/global.hcl")];
        let new = [
            file("backends/us-east-1-platform.hcl"),
            file("backends/eu-west-1.hcl"),
        ];
        let s = move_state(&changes, &old, &new).unwrap();
        assert_eq!(s.path, "scripts/move-state.sh");
        let t = s.contents;
        assert!(t.contains("move 'regions/us-east-1' '../../backends/us-east-1.hcl' 'regions/us-east-1/platform' '../../../backends/us-east-1-platform.hcl' \\\n  'module.vpc_a' 'module.vpc_a' \\\n  'module.rds_it'\\''s' 'module.rds_it'\\''s'\n"), "{t}");
        // The single root `.` reads backends/all.hcl, here in neither
        // export: it is initialised with the backend block it has.
        assert!(
            t.contains("move '.' '' 'regions/eu-west-1' '../../backends/eu-west-1.hcl' \\\n  'module.alb_b' 'module.alb_b'\n"),
            "{t}"
        );
        let single = move_state(&changes[2..], &[file("backends/all.hcl")], &new).unwrap();
        assert!(single
            .contents
            .contains("move '.' 'backends/all.hcl' 'regions/eu-west-1'"));
        assert!(t.contains(
            "#   regions/us-east-1 -> regions/us-east-1/platform:\n#     module.vpc_a\n"
        ));
    }

    #[test]
    fn no_script_without_a_state_move() {
        let mut c = moved("a", "b", "module.x");
        c.action = Action::MoveRoot;
        assert!(move_state(&[c], &[], &[]).is_none());
    }
}
