#!/usr/bin/env bash
# The outage drill on every template, one after the other (CI runs it on
# active-passive only, for time): scripts/drill.sh for each template in
# public/templates, each drill's log kept, then every template's phase times.
#
#   scripts/drill-all.sh [TEMPLATE...]     (default: every template)
#
# One at a time on purpose: each drill runs moto and Terraform and takes 10
# to 20 minutes on a 2-core machine; two at once only slow each other down.
# Logs: $TOPOFORM_DRILL_LOGS (default: a fresh directory under $TMPDIR).
# Exit status: 0 every drill passed, 1 at least one failed.
set -uo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 0 ]; then
  TEMPLATES=("$@")
else
  TEMPLATES=()
  for f in "$REPO"/public/templates/*.json; do
    TEMPLATES+=("$(basename "$f" .json)")
  done
fi
LOGS=${TOPOFORM_DRILL_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/topoform-drills.XXXXXX")}
mkdir -p "$LOGS"

failed=()
for t in "${TEMPLATES[@]}"; do
  printf '[drill-all] %s: scripts/drill.sh %s (log %s/%s.log)\n' "$(date -u +%H:%M:%S)" "$t" "$LOGS" "$t"
  start=$SECONDS
  if "$REPO/scripts/drill.sh" "$t" >"$LOGS/$t.log" 2>&1; then
    printf '[drill-all] %s passed in %ss\n' "$t" "$((SECONDS - start))"
  else
    printf '[drill-all] %s FAILED after %ss; its last lines:\n' "$t" "$((SECONDS - start))"
    tail -n 30 "$LOGS/$t.log" | sed 's/^/    /'
    failed+=("$t")
  fi
done

printf '\n[drill-all] phase times (seconds):\n'
for t in "${TEMPLATES[@]}"; do
  printf '  %s\n' "$t"
  sed -n '/the drill passed; phase times:/,$p' "$LOGS/$t.log" | grep '^    '
done

if [ ${#failed[@]} -gt 0 ]; then
  printf '[drill-all] failed: %s\n' "${failed[*]}" >&2
  exit 1
fi
printf '[drill-all] every drill passed: %s\n' "${TEMPLATES[*]}"
