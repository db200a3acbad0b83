#!/usr/bin/env bash
# An outage drill on moto: the exported runbooks run against a region that
# goes down and comes back, and the result is checked.
#
#   scripts/drill.sh TEMPLATE        (a template id: active-passive, ...)
#   scripts/drill.sh DESIGN.json     (a design file, e.g. tests/fixtures/clean/layers.json)
#
# A region's roots are `regions/<code>/`, or with layered state
# (`state.split = "region_layer"`) `regions/<code>/platform/` then
# `regions/<code>/workloads/`: every phase below that plans or applies a
# region does so for each of its roots, in that order.
#
# Phases, each timed:
#   export     the template's per-region export (the topoform CLI)
#   start      moto (scripts/drill/moto_server.py: moto with its RDS fixes,
#              printed at start) and the outage proxy in front of it
#              (scripts/drill/outage_proxy.py), both on 127.0.0.1
#   apply      scripts/apply-on-moto.sh applies the export; its own
#              `moto_server` is replaced (PATH) by a proxy to the drill's moto,
#              so the applied resources outlive it
#   outage     the proxy answers 503 to everything signed for the primary
#              region; checked: the primary does not answer, DR does
#   dr-plan    terraform init and plan of every region root (both layers of
#              a layered region) with the primary
#              down: each DR root must succeed (its state is in its own
#              region, it reads no other stack), the primary's must fail
#              (printed: that is the outage, not a bug)
#   promote    scripts/promote-dr.sh --confirm --no-verify with the AWS CLI
#              (~/.venvs/awscli) through the proxy, with --move-records where
#              the runbook offers it and the lost region is not us-east-1
#              (whose loss takes Route 53's control plane); checked: each
#              replica is a standalone writer, each DR group runs at
#              production size; with --move-records, every alias record set
#              that pointed into the lost region points elsewhere and keeps
#              its health check
#   dr-apply   `topoform make-primary` turns the design round (the editor's
#              edit), the export is written again, and the new primary's root
#              is planned and applied with the old primary still down;
#              checked: the plan destroys nothing
#   recover    the primary region answers again
#   failback   scripts/failback.sh --confirm --no-verify (and --move-records
#              when promote-dr.sh had it), answering y to each
#              question; checked: the writer is home and not a replica, the
#              DR copy is gone (for Terraform to recreate), the DR groups are
#              back to their design size, the alias record sets are exactly
#              as before the outage (aliases and health checks)
#   converge   the original export (the primary home again) is applied to
#              every stack but bootstrap by scripts/apply-on-moto.sh
#              (TOPOFORM_APPLY_EXISTING=1), which then requires a clean
#              second plan of each
# --no-verify: moto's load balancers serve no traffic, so the curl checks of
# the endpoints are left out (the dry-run test covers their command lines).
#
# moto has no FailoverGlobalCluster or SwitchoverGlobalCluster: the harness
# emulates both (scripts/drill/moto_server.py, printed at start: the target
# member becomes the writer; replication and data loss are not emulated),
# and the drill prints the dry run's command lines for them as well.
#
# All traffic stays on 127.0.0.1: every AWS CLI call gets --endpoint-url
# (AWS CLI v1 ignores AWS_ENDPOINT_URL for a few services in some regions,
# RDS in us-east-1 among them), and HTTP(S)_PROXY point at a closed local
# port, so anything that would still leave fails instead.
#
# Environment: TOPOFORM_DRILL_KEEP=1 keeps the scratch directory.
# Exit status: 0 the drill passed, 1 a check failed, 2 usage or setup.
set -euo pipefail

say() { printf '[drill] %s\n' "$*"; }
die() { printf '[drill] error: %s\n' "$*" >&2; exit 2; }
fail() { printf '[drill] FAILED: %s\n' "$*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 TEMPLATE|DESIGN.json"
REPO=$(cd "$(dirname "$0")/.." && pwd)
DRILL="$REPO/scripts/drill"
if [ -f "$1" ]; then
  DESIGN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); TEMPLATE=$(basename "$1" .json)
else
  TEMPLATE=$1; DESIGN="$REPO/public/templates/$TEMPLATE.json"
  [ -f "$DESIGN" ] || die "no template $TEMPLATE in public/templates (nor a design file $1)"
fi
AWS_BIN="$HOME/.venvs/awscli/bin/aws"
[ -x "$AWS_BIN" ] || die "the AWS CLI is not in ~/.venvs/awscli (scripts/setup.sh installs it)"
for tool in python3 terraform timeout curl cargo; do command -v "$tool" >/dev/null || die "$tool is not on PATH"; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/topoform-drill.XXXXXX")
PIDS=()
cleanup() {
  local rc=$? p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${TOPOFORM_DRILL_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

declare -a PHASES=()
T0=$SECONDS
phase_done() { PHASES+=("$(printf '%-10s %5ss' "$1" "$((SECONDS - T0))")"); say "phase $1: $((SECONDS - T0))s"; T0=$SECONDS; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
  local _
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# --- export ------------------------------------------------------------------
say "=== export $TEMPLATE"
(cd "$REPO" && cargo build --locked --quiet --bin topoform)
"$REPO/target/debug/topoform" export "$DESIGN" --out "$WORK/export" >/dev/null
PROMOTE="$WORK/export/scripts/promote-dr.sh"
FAILBACK="$WORK/export/scripts/failback.sh"
[ -f "$PROMOTE" ] && [ -f "$FAILBACK" ] || die "$TEMPLATE exports no runbooks (no region to fail over to)"
HOME_REGION=$(sed -n "s/^PRIMARY_REGION='\(.*\)'$/\1/p" "$PROMOTE")
bash "$PROMOTE" >"$WORK/promote.dry" 2>&1
bash "$FAILBACK" >"$WORK/failback.dry" 2>&1
# What the runbooks will do, read from their dry runs (TSV lines: promote,
# scale, aurora, aurora-home, stranded; see scripts/drill/expect.py, which
# tests/export_scripts.rs runs on every template's dry runs).
python3 "$REPO/scripts/drill/expect.py" "$WORK/promote.dry" "$WORK/failback.dry" >"$WORK/expect.tsv" ||
  die "could not read the runbooks' dry runs"
say "primary region $HOME_REGION; the runbooks will:"
sed 's/^/    /' "$WORK/expect.tsv"
phase_done export

if grep -q '^aurora' "$WORK/expect.tsv"; then
  say "Aurora global: moto has no FailoverGlobalCluster/SwitchoverGlobalCluster; the harness emulates them"
  say "(scripts/drill/moto_server.py: the target becomes the writer). The dry run's command lines:"
  grep -E '^\+ aws rds (failover|switchover)-global-cluster' "$WORK/promote.dry" "$WORK/failback.dry" | sed 's/^/    /'
  grep -q -- '--allow-data-loss' "$WORK/promote.dry" || fail "the failover does not allow data loss"
  grep -q -- '--target-db-cluster-identifier arn:' "$WORK/promote.dry" || fail "the failover target is not an ARN"
fi

# --- moto and the proxy ------------------------------------------------------
say "=== start moto and the outage proxy on 127.0.0.1"
MOTO_PORT=$(free_port)
MOTO_ACM_VALIDATION_WAIT=0 MOTO_IAM_LOAD_MANAGED_POLICIES=true timeout --kill-after=10 3600 \
  python3 "$DRILL/moto_server.py" -H 127.0.0.1 -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
PIDS+=($!)
wait_port "$MOTO_PORT" || { cat "$WORK/moto.log" >&2; die "moto did not start"; }
grep '^\[moto_server.py\]' "$WORK/moto.log" | sed 's/^/    /'
timeout --kill-after=10 3600 python3 "$DRILL/outage_proxy.py" --upstream "127.0.0.1:$MOTO_PORT" \
  --port-file "$WORK/proxy.port" >"$WORK/proxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [ -s "$WORK/proxy.port" ] && break; sleep 0.1; done
PROXY_PORT=$(cat "$WORK/proxy.port")
wait_port "$PROXY_PORT" || die "the outage proxy did not start"
say "moto on 127.0.0.1:$MOTO_PORT, outage proxy on 127.0.0.1:$PROXY_PORT"
phase_done start

# --- apply ---------------------------------------------------------------------
say "=== apply the export on moto (scripts/apply-on-moto.sh)"
mkdir -p "$WORK/shim"
cat >"$WORK/shim/moto_server" <<EOF
#!/bin/sh
# Stands in for moto_server in apply-on-moto.sh: a plain proxy to the drill's moto.
while [ \$# -gt 0 ]; do [ "\$1" = -p ] && port=\$2; shift; done
exec python3 '$DRILL/outage_proxy.py' --port "\$port" --upstream 127.0.0.1:$MOTO_PORT
EOF
chmod +x "$WORK/shim/moto_server"
PATH="$WORK/shim:$PATH" TOPOFORM_MOTO_SERVER="$WORK/shim/moto_server" TOPOFORM_APPLY_JOBS=${TOPOFORM_APPLY_JOBS:-2} bash "$REPO/scripts/apply-on-moto.sh" "$WORK/export" \
  >"$WORK/apply.log" 2>&1 || { tail -n 60 "$WORK/apply.log"; fail "the export did not apply on moto"; }
sed -n '/=== summary/,$p' "$WORK/apply.log"
phase_done apply

# --- the AWS CLI, through the proxy only ------------------------------------------
for v in $(env | sed -n 's/^\(AWS_[A-Z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$PROXY_PORT"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
# Nothing reaches a network: HTTPS goes to a closed port; plain HTTP for a
# name under 127.0.0.1 (a bucket named with dots, addressed virtual-host
# style: http://<bucket>.127.0.0.1:PORT/) goes to the outage proxy, which
# refuses any other host.
export HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=$AWS_ENDPOINT_URL NO_PROXY=127.0.0.1,localhost
export https_proxy=$HTTPS_PROXY http_proxy=$HTTP_PROXY no_proxy=$NO_PROXY
mkdir -p "$WORK/bin"
cat >"$WORK/bin/aws" <<EOF
#!/bin/sh
exec '$AWS_BIN' --endpoint-url "\$AWS_ENDPOINT_URL" "\$@"
EOF
chmod +x "$WORK/bin/aws"
export PATH="$WORK/bin:$PATH"
outage() { curl -sS --fail -X POST --data "$1" "http://127.0.0.1:$PROXY_PORT/__outage" >/dev/null; }
db_field() { aws rds describe-db-instances --region "$1" --db-instance-identifier "$2" --query "DBInstances[0].$3" --output text; }
asg_size() { aws autoscaling describe-auto-scaling-groups --region "$1" --auto-scaling-group-names "$2" --query 'AutoScalingGroups[0].[MinSize,DesiredCapacity]' --output text | tr '\t' ' '; }
check() { if [ "$2" = "$3" ]; then say "  ok: $1 = $2"; else fail "$1 is '$2', expected '$3'"; fi; }
writer() { aws rds describe-global-clusters --region "$1" --global-cluster-identifier "$2" --query 'GlobalClusters[0].GlobalClusterMembers[?IsWriter].DBClusterArn | [0]' --output text; }
ACCOUNT=$(aws sts get-caller-identity --region "$HOME_REGION" --query Account --output text)

# Terraform on the drill's moto, through the proxy, with the provider mirror.
MIRROR=${TOPOFORM_TF_MIRROR:-/opt/tf-plugins}
[ -d "$MIRROR/registry.terraform.io/hashicorp/aws" ] || die "no hashicorp/aws mirror at $MIRROR; set TOPOFORM_TF_MIRROR"
. "$REPO/scripts/drill/terraform-env.sh"
REGIONS=$(ls "$WORK/export/regions")
# The roots of region CODE in apply order, as paths under the export:
# regions/CODE, or its platform then its workloads (layered state).
roots_of() { # CODE
  if compgen -G "$WORK/export/regions/$1/*.tf" >/dev/null; then echo "regions/$1"
  else for l in platform workloads; do [ -d "$WORK/export/regions/$1/$l" ] && echo "regions/$1/$l"; done; fi
}
# A copy of an export for Terraform runs, its HTTPS inputs filled with
# certificates requested from moto in every region that answers (a
# placeholder for one that is down: its init fails before it is read).
tf_copy() { # SRC DEST
  rm -rf "$2"; cp -r "$1" "$2"
  local r arn root
  for r in $REGIONS; do
    for root in $(roots_of "$r"); do
      [ -f "$2/$root/terraform.auto.tfvars" ] || continue
      arn=$(AWS_MAX_ATTEMPTS=1 aws acm request-certificate --region "$r" --domain-name drill.example.com \
        --validation-method DNS --query CertificateArn --output text 2>/dev/null) || arn="arn:aws:acm:$r:$ACCOUNT:certificate/region-down"
      printf 'certificate_arn = "%s"\n' "$arn" >"$2/$root/zz-drill.auto.tfvars"
    done
  done
}
# init and plan of ROOT (regions/CODE or regions/CODE/LAYER) in the copy DIR,
# with its backends/CODE[-LAYER].hcl, the plan saved as tfplan: returns 1
# when init fails, 2 when plan does.
tf_plan() { # DIR ROOT
  local d="$1/$2" name=${2#regions/} up
  up=$(printf '%s' "$2" | sed 's|[^/]*|..|g')
  timeout 600 terraform -chdir="$d" init -input=false -no-color -backend-config="$up/backends/${name//\//-}.hcl" >"$d/init.log" 2>&1 || return 1
  timeout 900 terraform -chdir="$d" plan -input=false -no-color -lock-timeout=60s -out=tfplan >"$d/plan.log" 2>&1 || return 2
}
first_error() { grep -m1 -E '^(Error|│ Error)' "$1" | sed 's/^│ //'; }

say "before the outage:"
while IFS=$'\t' read -r kind region name min desired; do
  case $kind in
    promote|stranded) check "$name in $region replicates from" "$(db_field "$region" "$name" ReadReplicaSourceDBInstanceIdentifier | grep -c ':db:')" 1 ;;
    scale) say "  $name in $region: min/desired $(asg_size "$region" "$name") (production: $min $desired)" ;;
    aurora-home) check "writer of $name" "$(writer "$region" "$name")" "${min//ACCOUNT_ID/$ACCOUNT}" ;;
  esac
done <"$WORK/expect.tsv"

# The alias record sets (scripts/drill/record_sets.py), through Route 53's
# control plane (signed for us-east-1).
record_sets() {
  local z
  for z in $(aws route53 list-hosted-zones --region us-east-1 --query 'HostedZones[].Id' --output text); do
    aws route53 list-resource-record-sets --region us-east-1 --hosted-zone-id "$z" --output json
  done | python3 "$DRILL/record_sets.py"
}
record_sets >"$WORK/records.before"
say "  $(wc -l <"$WORK/records.before") alias record sets"
# Records that follow a health check are re-pointed too (--move-records,
# for when the check keeps passing) where the runbook offers it, unless
# the lost region is us-east-1, which takes Route 53's control plane down.
MOVE=()
if grep -q -- '--move-records) MOVE_RECORDS=1' "$PROMOTE"; then
  if [ "$HOME_REGION" = us-east-1 ]; then
    say "  the runbooks offer --move-records; not drilled: Route 53's control plane is down with us-east-1"
  else
    MOVE=(--move-records)
  fi
fi

# --- outage ------------------------------------------------------------------------
say "=== outage: $HOME_REGION goes down"
outage "$HOME_REGION"
if AWS_MAX_ATTEMPTS=1 aws rds describe-db-instances --region "$HOME_REGION" >/dev/null 2>"$WORK/down.err"; then
  fail "$HOME_REGION still answers during the outage"
fi
say "  ok: $HOME_REGION answers: $(grep -o 'ServiceUnavailable[^)]*)\?' "$WORK/down.err" | head -n 1)"
phase_done outage

say "=== terraform init and plan of every region root while $HOME_REGION is down"
tf_copy "$WORK/export" "$WORK/tf-outage"
for r in $REGIONS; do
  for root in $(roots_of "$r"); do
    t1=$SECONDS; rc=0; tf_plan "$WORK/tf-outage" "$root" || rc=$?
    step=$([ "$rc" = 1 ] && echo init || echo plan)
    log="$WORK/tf-outage/$root/$step.log"
    if [ "$r" = "$HOME_REGION" ]; then
      [ "$rc" != 0 ] || fail "$root planned although $r is down (the outage proxy let it through?)"
      say "  expected: $root (down): $step fails: $(first_error "$log")"
    else
      [ "$rc" = 0 ] || { tail -n 30 "$log"; fail "$root cannot $step while $HOME_REGION is down"; }
      say "  ok: $root inits and plans in $((SECONDS - t1))s ($(grep -m1 -E '^(Plan:|No changes)' "$log"))"
    fi
  done
done
phase_done dr-plan

say "=== promote-dr.sh --confirm --no-verify ${MOVE[*]}"
# Calls the outage refused: to the lost region's services, and to Route 53's
# control plane (signed for us-east-1) when that is the lost region.
# refused [-v]: how many refused calls were (or, with -v, were not) Route 53's.
refused() { { grep '^\[outage_proxy\] 503' "$WORK/proxy.log" || true; } | grep -c "$@" ' route53 in ' || true; }
regional_before=$(refused -v)
route53_before=$(refused)
bash "$PROMOTE" --confirm --no-verify "${MOVE[@]}" >"$WORK/promote.log" 2>&1 || { sed 's/^/    /' "$WORK/promote.log"; fail "promote-dr.sh failed"; }
sed 's/^/    /' "$WORK/promote.log"
if [ "$(refused -v)" != "$regional_before" ]; then
  fail "promote-dr.sh called the region that is down"
fi
# A record change the lost control plane refused is a hardening the runbook
# warns about and goes on from (a record that moves by itself; one that
# does not fails the run, above).
if [ "$(refused)" != "$route53_before" ]; then
  grep -q 'WARNING: record .* not re-pointed' "$WORK/promote.log" || fail "Route 53 refused promote-dr.sh and it did not say so"
  say "  ok: Route 53's control plane (down with us-east-1) refused a record change; the runbook warned and went on"
fi
phase_done promote
say "after the failover:"
while IFS=$'\t' read -r kind region name min desired; do
  case $kind in
    promote)
      check "$name in $region replicates from" "$(db_field "$region" "$name" ReadReplicaSourceDBInstanceIdentifier)" None
      check "$name in $region status" "$(db_field "$region" "$name" DBInstanceStatus)" available ;;
    scale) check "$name in $region min/desired" "$(asg_size "$region" "$name")" "$min $desired" ;;
    aurora) check "writer of $name" "$(writer "$region" "$name")" "${min//ACCOUNT_ID/$ACCOUNT}" ;;
  esac
done <"$WORK/expect.tsv"
if [ ${#MOVE[@]} -gt 0 ]; then
  # Every set that aliased a load balancer of the lost region now aliases
  # one elsewhere, with the health check it had.
  record_sets >"$WORK/records.moved"
  python3 - "$WORK/records.before" "$WORK/records.moved" "$HOME_REGION" <<'PY' || fail "--move-records left record sets behind (above)"
import sys
before, after, home = (open(sys.argv[1]).read().split("\n"), open(sys.argv[2]).read().split("\n"), sys.argv[3])
key = lambda l: tuple(l.split()[:3])
now = {key(l): l.split() for l in after if l}
bad = 0
for l in filter(None, before):
    name, kind, ident, check, dns = l.split()
    got = now.get(key(l))
    if got is None:
        print(f"    gone: {name} {kind} {ident}"); bad += 1
    elif got[3] != check:
        print(f"    {name} {kind} {ident}: health check {got[3]}, was {check}"); bad += 1
    elif f".{home}." in f".{got[4]}":
        print(f"    {name} {kind} {ident}: still aliases {got[4]}"); bad += 1
    elif got[4] != dns:
        print(f"    ok: {name} {kind} {ident} -> {got[4]} (health check {check} kept)")
sys.exit(1 if bad else 0)
PY
fi

# --- the design follows the failover; the new primary's root is applied -------------
TAKER=$(awk -F'\t' '$1 == "promote" || $1 == "aurora" { print $2; exit }' "$WORK/expect.tsv")
[ -n "$TAKER" ] || TAKER=$(for r in $REGIONS; do [ "$r" != "$HOME_REGION" ] && { echo "$r"; break; }; done)
say "=== topoform make-primary $TAKER, export again, apply $(roots_of "$TAKER" | tr '\n' ' ')while $HOME_REGION is down"
"$REPO/target/debug/topoform" make-primary "$WORK/export/topoform.json" "$TAKER" --out "$WORK/switched.json" 2>&1 | sed 's/^/    moved: /'
"$REPO/target/debug/topoform" export "$WORK/switched.json" --out "$WORK/export-switched" >/dev/null
tf_copy "$WORK/export-switched" "$WORK/tf-switched"
for root in $(roots_of "$TAKER"); do
  D="$WORK/tf-switched/$root"
  tf_plan "$WORK/tf-switched" "$root" || { tail -n 30 "$D/init.log" "$D/plan.log" 2>/dev/null; fail "$root of the switched design does not plan"; }
  terraform -chdir="$D" show -json tfplan >"$D/plan.json"
  destroyed=$(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
print(" ".join(c["address"] for c in p.get("resource_changes", []) if "delete" in c["change"]["actions"]))' "$D/plan.json")
  say "  $root plan: $(grep -m1 -E '^(Plan:|No changes)' "$D/plan.log")"
  [ -z "$destroyed" ] || fail "the new primary's $root would destroy: $destroyed"
  timeout 900 terraform -chdir="$D" apply -input=false -no-color -lock-timeout=60s tfplan >"$D/apply.log" 2>&1 ||
    { sed -n '/^Error: /,/^$/p' "$D/apply.log" | head -n 40; fail "$root of the switched design does not apply"; }
  say "  ok: $root: $(grep -E '^Apply complete!' "$D/apply.log" | tail -n 1)"
done
phase_done dr-apply

# --- recovery and failback ------------------------------------------------------------
say "=== recover: $HOME_REGION answers again"
outage ""
aws rds describe-db-instances --region "$HOME_REGION" --query 'length(DBInstances)' --output text >/dev/null || fail "$HOME_REGION did not come back"
phase_done recover

say "=== failback.sh --confirm --no-verify (answering y to every question)"
# Under set -e a failing pipeline would end the drill before its log is shown.
rc=0
set +o pipefail
yes y | bash "$FAILBACK" --confirm --no-verify "${MOVE[@]}" >"$WORK/failback.log" 2>&1 || rc=$?
set -o pipefail
sed 's/^/    /' "$WORK/failback.log"
[ "$rc" = 0 ] || fail "failback.sh exited $rc"
phase_done failback
say "after the failback:"
# The writer failback.sh builds back home from the DR writer NAME: its own
# identifier (the design's primary's name, which may differ from its
# replica's), read from the dry run's create-db-instance-read-replica.
home_writer() {
  local h
  h=$(sed -n "s/^+ aws rds create-db-instance-read-replica --region $HOME_REGION --db-instance-identifier \([^ ]*\) --source-db-instance-identifier [^ ]*:db:$1 .*/\1/p" "$WORK/failback.dry" | head -n 1)
  echo "${h:-$1}"
}
while IFS=$'\t' read -r kind region name min desired; do
  case $kind in
    promote)
      home=$(home_writer "$name")
      check "$home in $HOME_REGION (from $name) replicates from" "$(db_field "$HOME_REGION" "$home" ReadReplicaSourceDBInstanceIdentifier)" None
      check "$home in $HOME_REGION status" "$(db_field "$HOME_REGION" "$home" DBInstanceStatus)" available
      check "$name in $region (deleted for Terraform to recreate as a replica)" \
        "$(aws rds describe-db-instances --region "$region" --query "length(DBInstances[?DBInstanceIdentifier=='$name'])" --output text)" 0 ;;
    stranded)
      check "$name in $region (stranded, deleted for Terraform to recreate as a replica)" \
        "$(aws rds describe-db-instances --region "$region" --query "length(DBInstances[?DBInstanceIdentifier=='$name'])" --output text)" 0 ;;
    scale)
      size=$(sed -n "s/^run aws autoscaling update-auto-scaling-group --region '$region' --auto-scaling-group-name '$name' --min-size \([0-9]*\) --desired-capacity \([0-9]*\).*/\1 \2/p" "$FAILBACK")
      [ -n "$size" ] && check "$name in $region min/desired" "$(asg_size "$region" "$name")" "$size" ;;
    aurora-home) check "writer of $name" "$(writer "$region" "$name")" "${min//ACCOUNT_ID/$ACCOUNT}" ;;
  esac
done <"$WORK/expect.tsv"

# The runbooks put back every record set they moved, health checks included.
record_sets >"$WORK/records.after"
if ! diff -u "$WORK/records.before" "$WORK/records.after" >"$WORK/records.diff"; then
  sed 's/^/    /' "$WORK/records.diff"; fail "the record sets after the failback differ from before the outage (above)"
fi
say "  ok: the $(wc -l <"$WORK/records.after") alias record sets are as before the outage"

say "=== converge: the original export applied again to every stack, then a clean second plan"
PATH="$WORK/shim:$PATH" TOPOFORM_MOTO_SERVER="$WORK/shim/moto_server" TOPOFORM_APPLY_EXISTING=1 TOPOFORM_APPLY_JOBS=${TOPOFORM_APPLY_JOBS:-2} \
  bash "$REPO/scripts/apply-on-moto.sh" "$WORK/export" >"$WORK/converge.log" 2>&1 ||
  { tail -n 60 "$WORK/converge.log"; fail "the export does not converge after the failback"; }
sed -n '/=== summary/,$p' "$WORK/converge.log"
say "after the converge:"
HOME_WRITERS=$(sed -n "s/^+ aws rds promote-read-replica --region $HOME_REGION --db-instance-identifier \([^ ]*\)$/\1/p" "$WORK/failback.dry")
while IFS=$'\t' read -r kind region name _; do
  case $kind in
    promote|stranded)
      src=$(db_field "$region" "$name" ReadReplicaSourceDBInstanceIdentifier)
      case " $(printf '%s ' $HOME_WRITERS)" in
        *" ${src##*:db:} "*) say "  ok: $name in $region replicates from $src" ;;
        *) fail "$name in $region replicates from '$src', not from a writer back in $HOME_REGION ($HOME_WRITERS)" ;;
      esac ;;
  esac
done <"$WORK/expect.tsv"
phase_done converge

say "=== $TEMPLATE: the drill passed; phase times:"

printf '    %s\n' "${PHASES[@]}"
