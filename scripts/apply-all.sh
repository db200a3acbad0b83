#!/usr/bin/env bash
# Every apply-on-moto case, one after the other: the mini and negative
# fixtures, every template (none left to a drill), and the clean fixtures
# CI leaves out for time (http-failover-mysql, ecs-service, elasticache,
# layers). About an hour on a 2-core machine; CI runs the per-region
# templates and the layered-ecs drill (scripts/test says which).
#
#   scripts/apply-all.sh [TEST NAME FILTER]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
unset TOPOFORM_DRILLED_TEMPLATES TOPOFORM_APPLY_ELSEWHERE TOPOFORM_SKIP_APPLY
exec cargo test --locked --test export_apply -- --test-threads=1 --nocapture "$@"
