#!/usr/bin/env bash
# Fail over from the primary region to DR: promote databases, scale up the DR
# groups. Route 53 failover records switch by themselves once the primary's
# health check fails. Prints the steps; runs them only with --confirm.
set -euo pipefail

CONFIRM=0
[ "${1:-}" = "--confirm" ] && CONFIRM=1

run() {
  echo "+ $*"
  if [ "$CONFIRM" = 1 ]; then "$@"; fi
}

echo "Failing over from us-east-1 (dry run unless --confirm)"
run aws autoscaling update-auto-scaling-group --region us-west-2 --auto-scaling-group-name 'shop-prod-app' --desired-capacity 6
run aws rds promote-read-replica --region us-west-2 --db-instance-identifier 'shop-prod-db'
[ "$CONFIRM" = 1 ] || echo "Dry run: nothing was changed. Re-run with --confirm to fail over."
