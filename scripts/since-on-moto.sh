#!/usr/bin/env bash
# Proves `export --since` on moto: the old export of a design is applied
# (scripts/apply-on-moto.sh), then the new design is exported with
# `--since` and each root the edit touches is planned against the old
# state, after the export's scripts/move-state.sh has moved what has no
# import id: the plan must import and forget (removed, destroy = false) what
# the summary says moves to another root, keep what moved with its state,
# and destroy nothing of it. Then those roots are applied (retired roots
# first) and must plan clean.
#
#   scripts/since-on-moto.sh OLD_DESIGN NEW_DESIGN
#
# Run once on 2026-12-03 with tests/fixtures/since/buckets-old.json ->
# buckets-layers.json (two regions split into layers): the old export
# applied in 627 s; every moved module's resources were forgotten in the
# retired roots and imported in the platform roots (14 imports, 0 destroys;
# the 3 KMS keys created anew, as the summary says). The second plan of
# regions/us-west-1/platform was not clean, and only because moto 5's
# UpdateTable ignores SSESpecification (moto/dynamodb/responses.py
# update_table), so the table keeps reporting the old KMS key; AWS applies
# the change.
#
# Run on 2026-12-05 with tests/fixtures/since/database-old.json ->
# database-layers.json (two regions, each with a VPC, a MySQL database and
# its cross-region replica, a load balancer and a group, split into layers),
# after scripts/move-state.sh was added: the old export applied in 407 s;
# the script moved 8 modules (94 resources) into the platform and workloads
# states in 25 s; the retired roots planned 0 to add, change or destroy
# (the table only forgotten); the new roots imported the table, kept every
# moved resource (updates in place only: tags and the layered wiring) and
# deleted only the database's two flow rules per region that the workloads
# root now holds (created there: that flow is closed between the platform's
# apply and the workloads'); every second plan clean or only known moto
# artifacts (scripts/drill/second_plan.py, now shared with
# apply-on-moto.sh: moto's UpdateTable ignoring SSE among them).
#
# Run again on 2026-12-05 (night) after the database's admission rules were
# moved with their state too (out of `module.rds_*` into the workloads'
# top-level rules, before the module's own move): the script made four
# moves in 19 s; the platform roots planned 0 to destroy (the module's
# rules were no longer there to delete), the workloads roots 0 to add and
# 0 to destroy (the rules kept; their "update" is moto dropping the
# description of a rule that references a group, as second_plan.py says),
# and every second plan was clean or clean*. Nothing is closed between the
# two applies any more. The other way (database-layers.json back to
# database-old.json, the layers joined): 12 moves, the retired platform
# and workloads roots planned 0 to destroy, the joined roots 0 to destroy
# with the rules back in `module.rds_*` (their "update": the same moto
# artifact), every second plan clean*.
#
# Not in CI (Terraform and moto time). Environment: as apply-on-moto.sh;
# TOPOFORM_BIN (default target/debug/topoform).
set -euo pipefail
say() { printf '[since-on-moto] %s\n' "$*"; }
die() { printf '[since-on-moto] error: %s\n' "$*" >&2; exit 2; }
[ $# -eq 2 ] || die "usage: $0 OLD_DESIGN NEW_DESIGN"
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BIN=${TOPOFORM_BIN:-$REPO/target/debug/topoform}
[ -x "$BIN" ] || die "no $BIN (cargo build --bin topoform)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/topoform-since.XXXXXX")
MOTO_PID=""
cleanup() {
  local rc=$?
  [ -n "$MOTO_PID" ] && kill "$MOTO_PID" 2>/dev/null && wait "$MOTO_PID" 2>/dev/null
  [ "${TOPOFORM_APPLY_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

"$BIN" export "$1" --out "$WORK/old" >/dev/null
"$BIN" export "$2" --out "$WORK/new" --since "$WORK/old" >"$WORK/summary.txt"
sed -n '/^changes since/,/^---/p' "$WORK/summary.txt" | grep -v '^---' | grep -v '^  [ADM] '

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MOTO_ACM_VALIDATION_WAIT=0 MOTO_IAM_LOAD_MANAGED_POLICIES=true timeout --kill-after=10 1500 \
  python3 "$HERE/drill/moto_server.py" -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.2; done
say "moto on 127.0.0.1:$PORT"

# apply-on-moto.sh starts "moto_server"; this one forwards to ours, so the
# state outlives the harness.
mkdir -p "$WORK/shim"
cat >"$WORK/shim/moto_server" <<SH
#!/bin/sh
while [ \$# -gt 0 ]; do [ "\$1" = -p ] && port=\$2; shift; done
exec python3 '$HERE/drill/outage_proxy.py' --port "\$port" --upstream 127.0.0.1:$PORT
SH
chmod +x "$WORK/shim/moto_server"
say "=== apply the old export"
PATH="$WORK/shim:$PATH" TOPOFORM_MOTO_SERVER="$WORK/shim/moto_server" bash "$HERE/apply-on-moto.sh" "$WORK/old" \
  >"$WORK/apply.log" 2>&1 || { tail -n 40 "$WORK/apply.log"; die "the old export did not apply"; }
sed -n '/=== summary/,$p' "$WORK/apply.log"

MIRROR=${TOPOFORM_TF_MIRROR:-/opt/tf-plugins}
. "$HERE/drill/terraform-env.sh"
for v in $(env | sed -n 's/^\(AWS_[A-Z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

# What moves state (no import id in the design) is moved first, as the
# export's README asks: scripts/move-state.sh, run from the export.
if [ -f "$WORK/new/scripts/move-state.sh" ]; then
  say "=== scripts/move-state.sh --confirm"
  (cd "$WORK/new" && bash scripts/move-state.sh --confirm) >"$WORK/move-state.log" 2>&1 ||
    { tail -n 40 "$WORK/move-state.log"; die "scripts/move-state.sh failed"; }
  grep -E '^\[move-state' "$WORK/move-state.log" || true
fi

# The roots with a moved.tf: retired ones (no main.tf) first.
mapfile -t ROOTS < <(cd "$WORK/new" && find . -name moved.tf -printf '%h\n' | sed 's|^\./||' |
  while read -r d; do if [ -f "$d/main.tf" ]; then echo "1 $d"; else echo "0 $d"; fi; done | sort | cut -d' ' -f2)
[ "${#ROOTS[@]}" -gt 0 ] || die "the new export has no moved.tf: nothing to prove"
backend_of() { case $1 in regions/*) echo "backends/$(echo "${1#regions/}" | tr / -).hcl" ;; .) echo backends/all.hcl ;; *) echo "backends/$1.hcl" ;; esac; }
fail=0
for r in "${ROOTS[@]}"; do
  dir="$WORK/new/$r"
  rel=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$WORK/new/$(backend_of "$r")" "$dir")
  terraform -chdir="$dir" init -input=false -no-color -backend-config="$rel" >"$WORK/init.log" 2>&1 ||
    { tail -n 30 "$WORK/init.log"; die "$r: init failed"; }
  terraform -chdir="$dir" plan -input=false -no-color -out=tfplan >"$WORK/plan.log" 2>&1 ||
    { tail -n 40 "$WORK/plan.log"; die "$r: plan failed"; }
  terraform -chdir="$dir" show -json tfplan >"$WORK/plan.json"
  say "=== $r: $(grep -E '^Plan:|No changes' "$WORK/plan.log" | head -1)"
  python3 - "$WORK/plan.json" "$WORK/summary.txt" "$r" <<'PY' || fail=1
import json, sys
plan = json.load(open(sys.argv[1])); summary = open(sys.argv[2]).read(); root = sys.argv[3]
def lines(word):
    return [l for l in summary.splitlines() if l.startswith(f"  {word}: ")]
def away(word):
    return [l.split(": ")[2].split(" -> ")[0] for l in lines(word) if l.split(": ")[1] == root]
def into(word):
    return [l.split(" -> ")[1].split(": ")[1].split(" (")[0] for l in lines(word)
            if l.split(" -> ")[1].split(": ")[0] == root]
moved, moved_in = away("move to another root"), into("move to another root")
# Moved by scripts/move-state.sh before this plan: gone from the old state
# (at most forgotten), and in the new one as they were (no creation, no
# destruction; an update in place where the new root configures them anew).
state_away, state_in = away("move state to another root"), into("move state to another root")
bad = 0
for rc in plan.get("resource_changes", []):
    a, acts = rc["address"], rc["change"]["actions"]
    imp = "importing" in rc["change"]
    for m in moved:
        if a.startswith(m + "."):
            ok = acts in (["forget"], ["no-op"])
            print(f"  {'ok ' if ok else 'BAD'} {a}: {acts} (moved away: must be forgotten)"); bad += not ok
    for m in moved_in:
        if a.startswith(m + "."):
            if imp:
                print(f"  ok  {a}: imported, then {acts}")
            elif "key.aws_kms_key" in a and acts == ["create"]:
                print(f"  ok  {a}: created (its id is AWS's; the summary says so)")
            elif acts in (["create"], ["no-op"], ["read"]):
                print(f"  ..  {a}: {acts}")
            else:
                print(f"  BAD {a}: {acts}"); bad += 1
            if "delete" in acts:
                print(f"  BAD {a}: would destroy"); bad += 1
    for m in state_away:
        if a.startswith(m + "."):
            ok = acts in (["forget"], ["no-op"])
            print(f"  {'ok ' if ok else 'BAD'} {a}: {acts} (state moved away: must be gone or forgotten)"); bad += not ok
    # A module's resources, or one resource moved on its own (a database's
    # admission rules, out of its module into the workloads, or back in).
    if any(a == m or a.startswith(m + ".") for m in state_in):
        if "delete" in acts or acts == ["create"]:
            print(f"  BAD {a}: {acts} (state moved in: must be kept)"); bad += 1
        elif acts != ["no-op"]:
            print(f"  ..  {a}: {acts}")
kept = sum(1 for rc in plan.get("resource_changes", [])
           if any(rc["address"] == m or rc["address"].startswith(m + ".") for m in state_in)
           and "create" not in rc["change"]["actions"])
if state_in:
    print(f"  {kept} resources of {len(state_in)} addresses moved in with their state")
sys.exit(1 if bad else 0)
PY
  terraform -chdir="$dir" apply -input=false -no-color tfplan >"$WORK/apply-$RANDOM.log" 2>&1 || { fail=1; say "$r: apply FAILED"; }
  if [ -f "$dir/main.tf" ]; then
    # The second plan judged as apply-on-moto.sh judges it: clean, or only
    # known moto artifacts (scripts/drill/second_plan.py, with the reasons).
    rc2=0
    terraform -chdir="$dir" plan -input=false -no-color -detailed-exitcode -out=tfplan2 >"$WORK/plan2.log" 2>&1 || rc2=$?
    if [ "$rc2" = 0 ]; then
      say "$r: plans clean after the apply"
    elif [ "$rc2" = 2 ] && terraform -chdir="$dir" show -json tfplan2 >"$WORK/plan2.json" &&
      python3 "$HERE/drill/second_plan.py" "$WORK/plan2.json"; then
      say "$r: plans clean* after the apply (only known moto artifacts, above)"
    else
      fail=1; say "$r: second plan not clean"; grep -E '^Plan:|#|Error' "$WORK/plan2.log" | head
    fi
  fi
done
[ "$fail" = 0 ] && say "OK: what moved was imported and forgotten, nothing of it destroyed" || { say "FAILED"; exit 1; }
