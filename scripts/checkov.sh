#!/usr/bin/env bash
# Runs checkov (offline) on a Terraform export and prints the failed checks.
#
#   scripts/checkov.sh DIR [extra checkov args...]
#
# Prints one line per failed check (check id, resource, file:lines, title),
# then a count per check id and checkov's summary. checkov warns that it
# cannot reach its API (guideline links, BC_* ids); that is expected offline
# and its stderr is shown only when checkov itself fails.
#
# checkov is taken from TOPOFORM_CHECKOV, else PATH, else ~/.venvs/checkov
# (a venv keeps checkov's pinned boto3 away from moto's).
# Exit status: 0 no failed checks, 1 failed checks, 2 checkov could not run.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 DIR [checkov args...]" >&2; exit 2; }
DIR=$1; shift
[ -d "$DIR" ] || { echo "no such directory: $DIR" >&2; exit 2; }

CHECKOV=${TOPOFORM_CHECKOV:-$(command -v checkov || true)}
[ -n "$CHECKOV" ] || [ ! -x "$HOME/.venvs/checkov/bin/checkov" ] || CHECKOV="$HOME/.venvs/checkov/bin/checkov"
[ -n "$CHECKOV" ] || { echo "checkov not found: pip install checkov (or set TOPOFORM_CHECKOV)" >&2; exit 2; }

out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# Exit status 1 from checkov means "checks failed"; the JSON says the rest.
set +e
BC_SKIP_MAPPING=TRUE "$CHECKOV" -d "$DIR" --framework terraform --quiet --skip-download -o json "$@" >"$out" 2>"$err"
rc=$?
set -e
if [ "$rc" -gt 1 ] || ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null; then
  echo "checkov failed (exit $rc):" >&2
  grep -v -i -E 'prismacloud|bridgecrew|guidelines|urllib3|Traceback|^\s' "$err" | tail -n 20 >&2 || true
  exit 2
fi

python3 - "$out" "$DIR" <<'PY'
import collections, json, sys
data = json.load(open(sys.argv[1]))
reports = data if isinstance(data, list) else [data]
failed, summary = [], collections.Counter()
for r in reports:
    if not isinstance(r, dict) or "results" not in r:
        continue
    failed += r["results"].get("failed_checks", [])
    for k, v in r.get("summary", {}).items():
        if isinstance(v, int):
            summary[k] += v
failed.sort(key=lambda c: (c["file_path"], c["file_line_range"][0], c["check_id"]))
print(f"checkov on {sys.argv[2]}: {summary['failed']} failed, {summary['passed']} passed, "
      f"{summary['skipped']} skipped, {summary['parsing_errors']} parsing errors, "
      f"{summary['resource_count']} resources")
for c in failed:
    lines = "-".join(str(n) for n in c["file_line_range"])
    print(f"FAILED {c['check_id']:<12} {c['resource']:<55} {c['file_path'].lstrip('/')}:{lines}  {c['check_name']}")
if failed:
    print("\nfailed checks by id:")
    by_id = collections.Counter(c["check_id"] for c in failed)
    names = {c["check_id"]: c["check_name"] for c in failed}
    for cid, n in sorted(by_id.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:>3}  {cid:<12} {names[cid]}")
sys.exit(1 if failed else 0)
PY
