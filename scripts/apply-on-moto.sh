#!/usr/bin/env bash
# Applies a Topoform export from empty against moto (a local AWS emulator) and
# proves a second plan of every stack is clean.
#
#   scripts/apply-on-moto.sh EXPORT_DIR
#
# What it does, in order:
#   1. copies EXPORT_DIR to a scratch directory (the export itself is never
#      touched: no .terraform, no state, no override files written into it);
#   2. starts `moto_server` on 127.0.0.1, on a free port, under `timeout` (it
#      dies after TOPOFORM_MOTO_LIFETIME seconds even if this script is
#      killed) and always stops it on exit;
#   3. points Terraform at moto through the environment only:
#        AWS_ENDPOINT_URL=http://127.0.0.1:PORT  (every provider alias, the S3
#          backend and every terraform_remote_state read honour it: hashicorp/aws
#          5.100.0 and Terraform 1.11's S3 backend, checked on this machine; the
#          SDK uses path-style S3 addressing for an IP endpoint by itself,
#          except for a bucket named with dots, which it addresses as
#          http://<bucket>.127.0.0.1:PORT/: HTTP_PROXY sends those to moto,
#          and drill/moto_server.py serves them path style)
#        fake keys, AWS_EC2_METADATA_DISABLED, empty AWS config files
#      so the exported .tf files run exactly as written (no *_override.tf is
#      needed: moto answers sts:GetCallerIdentity, so the provider's
#      credential validation and account-id lookup succeed against it);
#   4. applies the stacks in the order the export's README.md gives
#      (`cd STACK` / `-chdir=STACK` lines): `bootstrap` with local state, the
#      others with `terraform init -backend-config=<its backends/*.hcl>`;
#   5. then runs `terraform plan -detailed-exitcode` on every stack and
#      requires exit 0 (no changes);
#   6. when the export has its design (topoform.json), checks the security
#      groups moto holds (each second plan's prior_state, read back from moto)
#      with scripts/check-flows.py: every flow the design implies is allowed
#      on both sides, and nothing else is open.
#
# Resources moto cannot emulate are left out honestly: their types are in the
# skip list below with the reason. The harness plans the whole stack, then
# applies with -target on every other resource, leaving out the skipped ones
# and everything that references them (transitively), and prints each one.
# Those are proved by `terraform validate` only (another test does that).
#
# Environment:
#   TOPOFORM_TF_MIRROR      filesystem mirror holding hashicorp/aws (found when unset)
#   TOPOFORM_MOTO_LIFETIME  seconds moto may live at most (default 1500)
#   TOPOFORM_TF_TIMEOUT     seconds one terraform command may take (default 900)
#   TOPOFORM_APPLY_ORDER    space-separated stack dirs, to override the README's order
#   TOPOFORM_APPLY_SKIP     extra "type=reason" entries for the skip list, ';'-separated
#   TOPOFORM_APPLY_KEEP=1   keep the scratch directory (its path is printed)
#   TOPOFORM_APPLY_EXISTING=1  the export was applied on this moto before (the
#                           outage drill applies it again after the failback):
#                           local-state stacks (bootstrap) are left out, their
#                           state went with the earlier scratch copy; the
#                           others init against their existing remote state
#   TOPOFORM_APPLY_JOBS=N   apply up to N stacks at once (default 1: strictly the
#                           README's order). A stack starts only after the
#                           local-state stacks before it (the state bucket) and
#                           the stacks whose state its terraform_remote_state
#                           blocks read; most of an apply on moto is the
#                           provider's waiters sleeping, so this saves minutes.
# Exit status: 0 every stack applied and planned clean (and its flows check),
# 1 otherwise, 2 usage.
set -euo pipefail

say() { printf '[apply-on-moto] %s\n' "$*"; }
die() { printf '[apply-on-moto] error: %s\n' "$*" >&2; exit 2; }

HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || die "usage: $0 EXPORT_DIR"
EXPORT_DIR=$(cd "$1" && pwd) || die "no such directory: $1"
[ -f "$EXPORT_DIR/README.md" ] || die "$EXPORT_DIR has no README.md (the apply order lives there)"

for tool in terraform moto_server python3 timeout; do
  command -v "$tool" >/dev/null || die "$tool is not on PATH (moto: pip install 'moto[server]')"
done

# --- the skip list: resource types moto cannot create, with the reason -----
# Kept short and specific; every entry is printed when it takes effect.
SKIP_TYPES="
aws_globalaccelerator_accelerator=moto has no Global Accelerator API
aws_globalaccelerator_listener=moto has no Global Accelerator API
aws_globalaccelerator_endpoint_group=moto has no Global Accelerator API
aws_globalaccelerator_custom_routing_accelerator=moto has no Global Accelerator API
aws_globalaccelerator_custom_routing_listener=moto has no Global Accelerator API
aws_globalaccelerator_custom_routing_endpoint_group=moto has no Global Accelerator API
"
# Skipped only when the planned values match (type: condition: reason):
#   aws_dynamodb_table with a replica block: moto 5.2.1 ignores ReplicaUpdates
#   and never lists replicas, so the provider waits until its timeout.
if [ -n "${TOPOFORM_APPLY_SKIP:-}" ]; then
  SKIP_TYPES="$SKIP_TYPES$(printf '%s' "$TOPOFORM_APPLY_SKIP" | tr ';' '\n')"
fi
export SKIP_TYPES

# --- the provider mirror ------------------------------------------------------
find_mirror() {
  local d bin
  for d in /opt/tf-plugins "$HOME/.terraform.d/plugins" /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
    [ -d "$d/registry.terraform.io/hashicorp/aws" ] && { echo "$d"; return; }
  done
  bin=$(find / -xdev -path '*registry.terraform.io/hashicorp/aws/*' -name 'terraform-provider-aws*' -print -quit 2>/dev/null || true)
  [ -n "$bin" ] && echo "${bin%%/registry.terraform.io/*}"
}
MIRROR=${TOPOFORM_TF_MIRROR:-$(find_mirror)}
[ -n "$MIRROR" ] && [ -d "$MIRROR/registry.terraform.io/hashicorp/aws" ] ||
  die "no hashicorp/aws filesystem mirror found; set TOPOFORM_TF_MIRROR"

# --- scratch copy -------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/topoform-apply.XXXXXX")
MOTO_PID=""
cleanup() {
  local rc=$? p
  for p in ${SUBSHELLS:-}; do kill "$p" 2>/dev/null || true; done
  for p in ${SUBSHELLS:-}; do wait "$p" 2>/dev/null || true; done
  if [ -n "${TF_PID:-}" ] && kill -0 "$TF_PID" 2>/dev/null; then
    kill "$TF_PID" 2>/dev/null || true
    wait "$TF_PID" 2>/dev/null || true
  fi
  if [ -n "$MOTO_PID" ] && kill -0 "$MOTO_PID" 2>/dev/null; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
  if [ "${TOPOFORM_APPLY_KEEP:-0}" = 1 ]; then
    say "kept the scratch directory: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$WORK/export" "$WORK/logs"
# An exported .terraform.lock.hcl is kept: init must accept it with the mirror.
(cd "$EXPORT_DIR" && tar --exclude=.terraform --exclude='*.tfstate' --exclude='*.tfstate.backup' \
  -cf - .) | (cd "$WORK/export" && tar -xf -)
ROOT="$WORK/export"

. "$HERE/drill/terraform-env.sh"

# --- moto ---------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LIFETIME=${TOPOFORM_MOTO_LIFETIME:-1500}
# Certificates requested from moto's ACM are issued at once instead of after
# 60 s; AWS-managed IAM policies (AmazonSSMManagedInstanceCore, ...) exist, as
# in every real account (moto leaves them out unless asked).
# moto runs through scripts/drill/moto_server.py (unless TOPOFORM_MOTO_SERVER
# names another server): moto with its cross-region read replica quirk fixed
# in the harness, so replicas named unlike their source apply as on AWS. It
# prints each patch and why at start (kept in logs/moto.log, shown below).
MOTO_SERVER=${TOPOFORM_MOTO_SERVER:-"python3 $(dirname "$0")/drill/moto_server.py"}
MOTO_ACM_VALIDATION_WAIT=0 MOTO_IAM_LOAD_MANAGED_POLICIES=true timeout --kill-after=10 "$LIFETIME" \
  $MOTO_SERVER -H 127.0.0.1 -p "$PORT" >"$WORK/logs/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$WORK/logs/moto.log" >&2; die "moto_server exited at start"; }
  sleep 0.2
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || die "moto_server did not listen on port $PORT"
say "moto (pid $MOTO_PID) on 127.0.0.1:$PORT, at most ${LIFETIME}s; mirror $MIRROR"
grep -i "patch\|emulat" "$WORK/logs/moto.log" | sed 's/^/  moto harness: /' || true

# Only the environment points at moto; the exported files stay as exported.
for v in $(env | sed -n 's/^\(AWS_[A-Z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
# Over plain HTTP the provider addresses a bucket named with dots as
# http://<bucket>.127.0.0.1:PORT/, a host that resolves nowhere: such requests
# go to moto as their proxy (loopback addresses themselves never go through
# one), and drill/moto_server.py serves them path style. Python clients
# (boto3 below, the AWS CLI) keep to path style and bypass it.
export HTTP_PROXY="$AWS_ENDPOINT_URL" http_proxy="$AWS_ENDPOINT_URL"
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

# --- stacks and their order -----------------------------------------------------
# Prints "STACK<TAB>BACKEND_FILE_OR_-" per stack, in apply order.
stack_order() {
  python3 - "$ROOT" "${TOPOFORM_APPLY_ORDER:-}" <<'PY'
import os, re, sys
root, override = sys.argv[1], sys.argv[2].split()
stacks = []
for dirpath, dirnames, filenames in os.walk(root):
    # Hidden dirs (.terraform) and reusable modules are not stacks.
    dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "modules")
    if any(f.endswith(".tf") for f in filenames):
        stacks.append(os.path.relpath(dirpath, root))
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
def norm(s):
    s = s.strip("`'\"").rstrip("/")
    return s[2:] if s.startswith("./") else s
# Every `cd X` / `-chdir=X` in the README, resolved: first against the
# directory the previous cd led to (`cd ../../global`), then against the
# export root (each step written from the root).
CD = r"(?:\bcd\s+|-chdir=)([^\s;&|`'\")]+)"
cds, cur = [], "."
for m in re.finditer(CD, readme):
    arg = norm(m.group(1))
    here = os.path.normpath(os.path.join(cur, arg))
    top = os.path.normpath(arg)
    hit = here if here in stacks else top if top in stacks else None
    if hit or here == "." or not here.startswith(".."):
        cur = hit or here
    cds.append((m.start(), hit))
if override:
    order = [norm(s) for s in override]
else:
    order = []
    for _, s in cds:
        if s and s not in order:
            order.append(s)
# single-root layout: the root itself is a stack, applied after the others
# (bootstrap) unless the README names it (`cd .`).
if "." in stacks and "." not in order and not override:
    order.append(".")
missing = [s for s in stacks if s not in order]
unknown = [s for s in order if s not in stacks]
if missing or unknown:
    sys.exit("README.md apply order (`cd STACK` or `-chdir=STACK` lines) does not cover the export: "
             f"stacks without a step: {missing or 'none'}; steps without a stack: {unknown or 'none'}")
for s in order:
    backend = "-"
    text = "".join(open(os.path.join(root, s, f), encoding="utf-8").read()
                   for f in sorted(os.listdir(os.path.join(root, s))) if f.endswith(".tf"))
    if re.search(r'backend\s+"s3"', text):
        # The README's own init line for this stack names its backend file.
        cands = []
        for m in re.finditer(r"-backend-config=([^\s`'\"]+\.hcl)", readme):
            p = os.path.normpath(os.path.join(root, s, m.group(1)))
            last_cd = max(((pos, st) for pos, st in cds if pos < m.start()), default=(0, None))
            if last_cd[1] == s and os.path.isfile(p):
                cands.append(p)
            elif s == "." and os.path.isfile(os.path.join(root, m.group(1))):
                cands.append(os.path.normpath(os.path.join(root, m.group(1))))
        for guess in (os.path.basename(s), s.replace("/", "-"), s.replace("/", "_")):
            p = os.path.join(root, "backends", guess + ".hcl")
            if os.path.isfile(p):
                cands.append(p)
        hcls = sorted(os.listdir(os.path.join(root, "backends"))) if os.path.isdir(os.path.join(root, "backends")) else []
        if not cands and s == "." and len(hcls) == 1:
            cands.append(os.path.join(root, "backends", hcls[0]))
        if not cands:
            sys.exit(f"stack {s} has an s3 backend but no backends/*.hcl file could be matched to it")
        backend = cands[0]
    if backend == "-" and os.environ.get("TOPOFORM_APPLY_EXISTING") == "1":
        continue
    print(f"{s}\t{backend}")
PY
}

# Reads plan.json; prints the -target list (one address a line) to $2 and
# the skipped addresses with reasons to stdout. Prints nothing and writes an
# empty file when nothing is skipped.
targets_from_plan() {
  python3 - "$1" "$2" <<'PY'
import json, os, sys
plan = json.load(open(sys.argv[1]))
skip = {}
for line in os.environ["SKIP_TYPES"].splitlines():
    if "=" in line:
        t, why = line.split("=", 1)
        skip[t.strip()] = why.strip()
nodes = {}   # full address -> (type, mode, set of referenced full addresses/prefixes)
def refs_of(expr, out):
    if isinstance(expr, dict):
        for k, v in expr.items():
            if k == "references" and isinstance(v, list):
                out.update(v)
            else:
                refs_of(v, out)
    elif isinstance(expr, list):
        for v in expr:
            refs_of(v, out)
def resolve(prefix, ref):
    parts = ref.split(".")
    if parts[0] == "data" and len(parts) >= 3:
        return prefix + ".".join(parts[:3])
    if parts[0] == "module" and len(parts) >= 2:
        return prefix + ".".join(parts[:2])  # the whole module call
    if parts[0] in ("var", "local", "each", "count", "path", "terraform", "self"):
        return None
    return prefix + ".".join(parts[:2]) if len(parts) >= 2 else None
def walk(mod, prefix, inherited):
    for r in mod.get("resources", []):
        refs = set()
        refs_of(r.get("expressions", {}), refs)
        refs_of(r.get("count_expression", {}), refs)
        refs_of(r.get("for_each_expression", {}), refs)
        refs.update(r.get("depends_on", []))
        deps = {d for d in (resolve(prefix, x) for x in refs) if d} | inherited
        nodes[prefix + r["address"]] = (r["type"], r.get("mode", "managed"), deps)
    for name, call in mod.get("module_calls", {}).items():
        refs = set()
        refs_of(call.get("expressions", {}), refs)
        refs.update(call.get("depends_on", []))
        deps = {d for d in (resolve(prefix, x) for x in refs) if d} | inherited
        walk(call.get("module", {}), f"{prefix}module.{name}.", deps)
walk(plan.get("configuration", {}).get("root_module", {}), "", set())
def member(addr, target):  # addr is target or lies inside module call target
    return addr == target or addr.startswith(target + ".")
skipped = {a: skip[t] for a, (t, _, _) in nodes.items() if t in skip}
# Skips that depend on the planned values, not just the type.
WHEN = {
    "aws_dynamodb_table": (lambda v: bool(v.get("replica")),
                           "a global table (replica blocks): moto 5.2.1 ignores ReplicaUpdates and never lists replicas, "
                           "so the provider would wait for them until its create timeout"),
}
for rc in plan.get("resource_changes", []):
    rule = WHEN.get(rc["type"])
    after = (rc.get("change") or {}).get("after") or {}
    if rule and rule[0](after):
        base = rc["address"].split("[")[0]
        prefix = rc.get("module_address")
        key = base if not prefix or base.startswith(prefix + ".") else f"{prefix}.{base}"
        skipped.setdefault(key, rule[1])
changed = True
while changed:
    changed = False
    for a, (_, _, deps) in nodes.items():
        if a in skipped:
            continue
        for d in deps:
            hit = next((s for s in skipped if member(s, d) or s == d), None)
            if hit:
                skipped[a] = f"references {hit}"
                changed = True
                break
with open(sys.argv[2], "w") as f:
    if skipped:
        for a, (t, mode, _) in sorted(nodes.items()):
            if mode == "managed" and a not in skipped:
                f.write(a + "\n")
for a in sorted(skipped):
    print(f"{a}\t{skipped[a]}")
PY
}

# Reads the second plan's JSON. Prints every pending change; exits 0 when all
# of them are known moto artifacts (scripts/drill/second_plan.py lists them
# with the reason), 1 otherwise.
judge_second_plan() {
  python3 "$HERE/drill/second_plan.py" "$1"
}

TF_TIMEOUT=${TOPOFORM_TF_TIMEOUT:-900}
TF_PID=""
# Each terraform command runs in the background and is waited for, so a
# signal to this script runs the cleanup at once (bash defers traps while a
# foreground child runs) and the cleanup can stop it.
tf() {
  local rc=0
  timeout --foreground --kill-after=10 "$TF_TIMEOUT" terraform "$@" &
  TF_PID=$!
  wait "$TF_PID" || rc=$?
  TF_PID=""
  return "$rc"
}

# An existing hosted zone (the design's dns.zone_id) is the user's: moto
# has none and picks its own ids, so the harness creates a zone of the
# design's name and puts moto's id for the design's in the scratch copy.
if [ -f "$ROOT/topoform.json" ]; then
  python3 - "$ROOT" <<'PY' || { echo "[apply-on-moto] error: cannot stand in for the existing hosted zone" >&2; exit 1; }
import json, os, sys
root = sys.argv[1]
dns = json.load(open(os.path.join(root, "topoform.json"))).get("dns") or {}
if dns.get("zone_id"):
    import boto3
    r53 = boto3.client("route53", region_name="us-east-1", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
    moto_id = r53.create_hosted_zone(Name=dns["zone"], CallerReference="apply-on-moto")["HostedZone"]["Id"].split("/")[-1]
    print(f"[apply-on-moto] input dns.zone_id {dns['zone_id']} = {moto_id} (a hosted zone {dns['zone']} the harness created in moto)")
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".tf"):
                p = os.path.join(d, f)
                text = open(p).read()
                if dns["zone_id"] in text:
                    open(p, "w").write(text.replace(f'"{dns["zone_id"]}"', f'"{moto_id}"'))
PY
fi

ORDER_FILE="$WORK/order.tsv"
stack_order >"$ORDER_FILE" || { echo "[apply-on-moto] error: cannot tell the apply order" >&2; exit 1; }
say "apply order: $(cut -f1 "$ORDER_FILE" | tr '\n' ' ')"

# Supplies the root inputs an export asks its user for (README "Inputs"),
# in a *.auto.tfvars of the scratch copy, as a user would in terraform.tfvars.
# Known inputs: certificate_arn (an ACM certificate requested from moto in the
# stack's region). Any other required variable without a value fails loudly.
supply_inputs() {
  python3 - "$ROOT/$1" <<'PY'
import os, re, sys
d = sys.argv[1]
text = "".join(open(os.path.join(d, f), encoding="utf-8").read() for f in sorted(os.listdir(d)) if f.endswith(".tf"))
given = set()
for f in os.listdir(d):
    if f == "terraform.tfvars" or f.endswith(".auto.tfvars"):
        # A committed placeholder (`certificate_arn = ""`) is not a value.
        given |= set(re.findall(r'^\s*([A-Za-z_][\w-]*)\s*=(?!\s*""\s*$)', open(os.path.join(d, f)).read(), re.M))
required = []
for m in re.finditer(r'variable\s+"([^"]+)"\s*\{', text):
    depth, i = 1, m.end()
    while depth and i < len(text):
        depth += {"{": 1, "}": -1}.get(text[i], 0); i += 1
    body = text[m.end():i]
    if not re.search(r'^\s*default\s*=', body, re.M) and m.group(1) not in given:
        required.append((m.group(1), bool(re.search(r'^\s*type\s*=\s*map\(', body, re.M))))
if not required:
    sys.exit(0)
regions = list(dict.fromkeys(re.findall(r'provider\s+"aws"\s*\{[^}]*?region\s*=\s*"([^"]+)"', text, re.S))) or ["us-east-1"]
def certificate(region):
    import boto3
    acm = boto3.client("acm", region_name=region, endpoint_url=os.environ["AWS_ENDPOINT_URL"])
    arn = acm.request_certificate(DomainName="apply-on-moto.example.com", ValidationMethod="DNS")["CertificateArn"]
    print(f"    input certificate_arn[{region}] = {arn} (an ACM certificate the harness requested from moto)")
    return arn
lines = []
for name, is_map in required:
    if name == "certificate_arn" and is_map:   # single-root: one per region code
        lines.append(name + " = {\n" + "".join(f'  "{r}" = "{certificate(r)}"\n' for r in regions) + "}\n")
    elif name == "certificate_arn":
        lines.append(f'{name} = "{certificate(regions[0])}"\n')
    else:
        sys.exit(f"required input variable `{name}` has no value and the harness does not know one")
with open(os.path.join(d, "zz-apply-on-moto.auto.tfvars"), "w") as f:
    f.write("".join(lines))
PY
}

# Plans a stack (tfplan), and when that fails, says why and plans once more:
# a plan changes nothing, so a second try is safe. What makes the first one
# fail on a loaded machine is the emulator, not the export: a DynamoDB lock
# item left behind when the SDK retries a PutItem that moto had already
# written (the plan then waits for its own lock until -lock-timeout). The
# lock is released with `force-unlock` (its ID is in the error) before the
# retry. Every failure is printed with moto's last lines, retried or not.
plan_once_more() {
  local stack=$1 dir=$2 log=$3 try lock_id
  shift 3
  for try in 1 2; do
    if tf -chdir="$dir" plan -input=false -no-color -lock-timeout=60s -out=tfplan "$@" >>"$log" 2>&1; then
      [ "$try" = 2 ] && say "$stack: the second plan attempt succeeded"
      return 0
    fi
    say "$stack: plan failed (attempt $try of 2); its errors:"
    sed -n '/^Error: /,/^$/p' "$log" | tail -n 40
    [ -n "$(sed -n '/^Error: /p' "$log")" ] || tail -n 40 "$log"
    say "$stack: moto's last lines:"
    tail -n 15 "$WORK/logs/moto.log" 2>/dev/null | sed 's/^/    /'
    [ "$try" = 2 ] && return 1
    lock_id=$(sed -n '/Error acquiring the state lock/,$s/^[[:space:]]*ID:[[:space:]]*\([0-9a-f-]\{36\}\).*/\1/p' "$log" | tail -n 1)
    if [ -n "$lock_id" ]; then
      say "$stack: the state is locked by $lock_id, which no running command holds; force-unlock, then plan once more"
      tf -chdir="$dir" force-unlock -force "$lock_id" >>"$log" 2>&1 || say "$stack: force-unlock failed"
    else
      say "$stack: plan once more (a plan changes nothing)"
    fi
    printf '\n--- attempt 2 ---\n' >>"$log"
  done
}

# A file-name-safe name for a stack directory ("." is the single-root root).
slug_of() { if [ "$1" = . ]; then echo _root; else echo "${1//\//_}"; fi; }

# Applies one stack; prints its progress; writes "RESULT<TAB>NSKIP<TAB>SECS"
# to $WORK/res/<slug>. Run in a background subshell when stacks overlap.
apply_stack() {
  local stack=$1 backend=$2 dir="$ROOT/$1" slug=$(slug_of "$1") t0=$SECONDS
  local log="$WORK/logs/$slug.log" targets="$WORK/$slug.targets" skipped nskip=0
  local -a init_args targs tlist
  trap '[ -n "$TF_PID" ] && kill "$TF_PID" 2>/dev/null; exit 143' TERM
  finish() { printf '%s\t%s\t%s\n' "$1" "$nskip" "$((SECONDS - t0))" >"$WORK/res/$slug"; }
  if [ "$backend" = "-" ]; then say "=== $stack: init (local state), plan, apply"
  else say "=== $stack: init -backend-config=${backend#"$ROOT"/}, plan, apply"; fi
  init_args=(-input=false -no-color)
  [ "$backend" != "-" ] && init_args+=("-backend-config=$backend")
  : >"$targets"
  if ! tf -chdir="$dir" init "${init_args[@]}" >"$log" 2>&1; then
    tail -n 40 "$log"; finish "init FAILED"; return
  fi
  if ! supply_inputs "$stack"; then finish "inputs MISSING"; return; fi
  if ! plan_once_more "$stack" "$dir" "$log"; then finish "plan FAILED"; return; fi
  tf -chdir="$dir" show -json tfplan >"$WORK/$slug.plan.json"
  skipped=$(targets_from_plan "$WORK/$slug.plan.json" "$targets")
  if [ -n "$skipped" ]; then
    nskip=$(printf '%s\n' "$skipped" | wc -l)
    say "$stack: NOT APPLIED on moto (proved by terraform validate only):"
    printf '%s\n' "$skipped" | while IFS=$'\t' read -r addr why; do
      printf '    skip %-60s %s\n' "$addr" "($why)"
    done
    mapfile -t tlist <"$targets"
    if [ "${#tlist[@]}" -eq 0 ]; then
      say "$stack: every resource is skipped; nothing to apply"; finish "all skipped"; return
    fi
    targs=(); for a in "${tlist[@]}"; do targs+=("-target=$a"); done
    if ! plan_once_more "$stack" "$dir" "$log" "${targs[@]}"; then finish "plan FAILED"; return; fi
  fi
  if tf -chdir="$dir" apply -input=false -no-color -lock-timeout=60s tfplan >>"$log" 2>&1; then
    say "$stack: $(grep -E '^Apply complete!' "$log" | tail -n 1) ($((SECONDS - t0))s)"
    finish "applied"
  else
    say "$stack: apply FAILED; the errors:"
    sed -n '/^Error: /,/^$/p' "$log" | head -n 80
    finish "apply FAILED"
  fi
}

# Which earlier stacks (in README order) each stack needs: every local-state
# stack before it (the state buckets); the stacks whose backend key its
# terraform_remote_state blocks read (global reads the regions); and, for a
# stack that reads no state, every remote-state stack before it: region roots
# name their upstream values (replica sources, global clusters, instance
# profiles) instead of reading them, so the README's order is the only thing
# that puts iam and databases before the regions and sources before replicas.
# A remote-state read whose key matches no stack makes it wait for every
# stack before it.
stack_deps() {
  python3 - "$ROOT" "$ORDER_FILE" <<'PY'
import os, re, sys
root, order_file = sys.argv[1], sys.argv[2]
order = [l.rstrip("\n").split("\t") for l in open(order_file) if l.strip()]
def tf_text(s):
    d = os.path.join(root, s)
    return "".join(open(os.path.join(d, f), encoding="utf-8").read() for f in sorted(os.listdir(d)) if f.endswith(".tf"))
keys = {}
for s, b in order:
    if b != "-":
        m = re.search(r'^\s*key\s*=\s*"([^"]+)"', open(b, encoding="utf-8").read(), re.M)
        if m:
            keys[m.group(1)] = s
for i, (s, b) in enumerate(order):
    before = [x for x, _ in order[:i]]
    deps = [x for x, bb in order[:i] if bb == "-"] if b != "-" else []
    text = tf_text(s)
    if b != "-" and 'data "terraform_remote_state"' not in text:
        deps = before
    if 'data "terraform_remote_state"' in text:
        read = re.findall(r'\bkey\s*=\s*"([^"]+)"', text)
        if not read or any(k not in keys for k in read):
            deps = before
        else:
            deps += [keys[k] for k in read if keys[k] in before]
    print(s + "\t" + " ".join(dict.fromkeys(deps)))
PY
}

declare -A RESULT PLAN SECS NSKIP DEPS BACKEND STATE
FAILED=0
START_ALL=$SECONDS
JOBS=${TOPOFORM_APPLY_JOBS:-1}
mkdir -p "$WORK/res" "$WORK/out"
ORDER=()
while IFS=$'\t' read -r stack backend; do ORDER+=("$stack"); BACKEND[$stack]=$backend; STATE[$stack]=pending; done <"$ORDER_FILE"
while IFS=$'\t' read -r stack deps; do DEPS[$stack]=$deps; done < <(stack_deps)
if [ "$JOBS" -gt 1 ]; then
  say "up to $JOBS stacks at once, each after the stacks it reads:"
  for stack in "${ORDER[@]}"; do printf '    %-28s after: %s\n' "$stack" "${DEPS[$stack]:-nothing}"; done
fi
declare -A PID_STACK
SUBSHELLS=""
running=0
while :; do
  for stack in "${ORDER[@]}"; do
    [ "${STATE[$stack]}" = pending ] || continue
    ready=1
    for d in ${DEPS[$stack]}; do
      case "${STATE[$d]}" in
        done) [ "${RESULT[$d]}" = applied ] || ready=failed ;;
        *) [ "$ready" = failed ] || ready=0 ;;
      esac
    done
    if [ "$ready" = failed ]; then
      STATE[$stack]=done; RESULT[$stack]="not run"; FAILED=1
      say "$stack: not run, a stack it needs failed (${DEPS[$stack]})"
    elif [ "$ready" = 1 ] && [ "$running" -lt "$JOBS" ]; then
      slug=$(slug_of "$stack")
      apply_stack "$stack" "${BACKEND[$stack]}" >"$WORK/out/$slug" 2>&1 &
      PID_STACK[$!]=$stack; SUBSHELLS="$SUBSHELLS $!"; STATE[$stack]=running; running=$((running + 1))
      [ "$JOBS" -gt 1 ] && say "$stack: started"
    fi
    # Sequential runs keep the README's order strictly.
    [ "$JOBS" -eq 1 ] && [ "$running" -gt 0 ] && break
  done
  [ "$running" -gt 0 ] || break
  finished=""
  wait -n -p finished "${!PID_STACK[@]}" || true
  [ -n "$finished" ] && [ -n "${PID_STACK[$finished]:-}" ] || continue
  stack=${PID_STACK[$finished]}; unset "PID_STACK[$finished]"
  running=$((running - 1)); STATE[$stack]=done
  slug=$(slug_of "$stack")
  cat "$WORK/out/$slug"
  if [ -f "$WORK/res/$slug" ]; then
    IFS=$'\t' read -r RESULT[$stack] NSKIP[$stack] SECS[$stack] <"$WORK/res/$slug"
  else
    RESULT[$stack]="crashed"
  fi
  [ "${RESULT[$stack]}" = applied ] || [ "${RESULT[$stack]}" = "all skipped" ] || FAILED=1
done
for stack in "${ORDER[@]}"; do
  [ "${STATE[$stack]}" = done ] || { RESULT[$stack]="not run"; FAILED=1; }
done

# Plans one applied stack again; prints what it finds; writes its verdict
# (clean, clean*, CHANGES, plan FAILED) to $WORK/res/<slug>.plan2.
second_plan() {
  local stack=$1 dir="$ROOT/$1" slug rc=0 verdict log
  local -a targs=()
  slug=$(slug_of "$1"); log="$WORK/logs/$slug.plan2.log"
  trap '[ -n "$TF_PID" ] && kill "$TF_PID" 2>/dev/null; exit 143' TERM
  while IFS= read -r a; do targs+=("-target=$a"); done <"$WORK/$slug.targets"
  tf -chdir="$dir" plan -detailed-exitcode -input=false -no-color -lock-timeout=60s -out=tfplan2 \
    ${targs[@]+"${targs[@]}"} >"$log" 2>&1 || rc=$?
  # The plan's prior_state is every resource as just read back from moto:
  # the flow check below reads its security groups.
  if [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]; then
    tf -chdir="$dir" show -json tfplan2 >"$WORK/$slug.plan2.json" 2>>"$log" || rm -f "$WORK/$slug.plan2.json"
  fi
  if [ "$rc" -eq 2 ]; then
    # Changes: tolerated only when every one is a known moto artifact.
    say "$stack: the second plan is not empty:"
    if judge_second_plan "$WORK/$slug.plan2.json"; then rc=3; fi
  fi
  case $rc in
    0) verdict="clean" ;;
    3) verdict="clean*" ;;
    2) verdict="CHANGES"
       say "$stack: the second plan wants real changes:"
       sed -n '/^Terraform will perform/,/^Plan:/p' "$log" | head -n 120 ;;
    *) verdict="plan FAILED"; tail -n 40 "$log" ;;
  esac
  echo "$verdict" >"$WORK/res/$slug.plan2"
}

say "=== second plan of every stack (-detailed-exitcode: 0 = no changes)"
SUBSHELLS=""
LIVE=""
for stack in "${ORDER[@]}"; do
  case "${RESULT[$stack]}" in applied) ;; *) PLAN[$stack]="-"; continue ;; esac
  while [ "$(wc -w <<<"$LIVE")" -ge "$JOBS" ]; do
    done_pid=""; wait -n -p done_pid $LIVE || true
    [ -z "$done_pid" ] || LIVE=$(for q in $LIVE; do [ "$q" = "$done_pid" ] || printf '%s ' "$q"; done)
  done
  second_plan "$stack" >"$WORK/out/$(slug_of "$stack").plan2" 2>&1 &
  SUBSHELLS="$SUBSHELLS $!"; LIVE="$LIVE $!"
done
for p in $SUBSHELLS; do wait "$p" || true; done
SUBSHELLS=""
for stack in "${ORDER[@]}"; do
  [ "${PLAN[$stack]:-}" = "-" ] && continue
  slug=$(slug_of "$stack")
  cat "$WORK/out/$slug.plan2"
  PLAN[$stack]=$(cat "$WORK/res/$slug.plan2" 2>/dev/null || echo "plan crashed")
  case "${PLAN[$stack]}" in clean|"clean*") ;; *) FAILED=1 ;; esac
done

# The flows the design implies, checked on the security groups moto holds.
FLOWS="not checked (no topoform.json in the export)"
if [ -f "$ROOT/topoform.json" ]; then
  mapfile -t states < <(for stack in "${ORDER[@]}"; do
    f="$WORK/$(slug_of "$stack").plan2.json"; [ -f "$f" ] && echo "$f"; done)
  say "=== flows: every designed flow allowed on both sides, nothing else (scripts/check-flows.py)"
  if [ "${#states[@]}" -eq 0 ]; then
    FLOWS="FAILED (no stack was read back)"; FAILED=1
  elif python3 "$HERE/check-flows.py" "$ROOT/topoform.json" "${states[@]}" | sed 's/^/    /'; then
    FLOWS="OK"
  else
    FLOWS="FAILED"; FAILED=1
  fi
fi

say "=== summary ($((SECONDS - START_ALL))s on moto)"
printf '    %-28s %-14s %-12s %-8s %s\n' STACK APPLY SECOND-PLAN SKIPPED SECONDS
while IFS=$'\t' read -r stack _; do
  printf '    %-28s %-14s %-12s %-8s %s\n' "$stack" "${RESULT[$stack]:-not run}" "${PLAN[$stack]:--}" \
    "${NSKIP[$stack]:-0}" "${SECS[$stack]:-0}"
done <"$ORDER_FILE"
say "flows: $FLOWS"
[[ " ${PLAN[*]} " == *" clean* "* ]] && say "(clean* = the only pending changes are known moto artifacts, printed above with the reason)"
if [ "$FAILED" -ne 0 ]; then
  if [ "${TOPOFORM_APPLY_KEEP:-0}" = 1 ]; then say "FAILED (logs: $WORK/logs)"
  else say "FAILED (set TOPOFORM_APPLY_KEEP=1 to keep the full logs)"; fi
  exit 1
fi
if [ "${TOPOFORM_APPLY_EXISTING:-0}" = 1 ]; then say "OK: every stack applied again and plans clean"
else say "OK: every stack applied from empty and plans clean"; fi
