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
run aws autoscaling update-auto-scaling-group --region eu-west-1 --auto-scaling-group-name 'media-prod-app' --desired-capacity 8
run aws rds failover-global-cluster --region eu-west-1 --global-cluster-identifier 'media-prod-orders' --target-db-cluster-identifier 'media-prod-orders-eu-west-1'
[ "$CONFIRM" = 1 ] || echo "Dry run: nothing was changed. Re-run with --confirm to fail over."
