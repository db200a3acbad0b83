#!/usr/bin/env bash
# Fail back to us-east-1 after scripts/promote-dr.sh, once us-east-1 is healthy.
# A dry run (every command printed, nothing called) unless --confirm; with
# --confirm it stops and asks before every destructive step.
#
# Failover records send traffic back to the primary as soon as its health
# check passes: keep the primary's application out of service until its
# database is the writer again (this script's first step).
set -euo pipefail

export AWS_PAGER=""
SCRIPT='failback.sh'
CONFIRM=0
VERIFY=1
MOVE_RECORDS=0

usage() {
  cat <<'EOF'
usage: scripts/failback.sh [--confirm] [--move-records] [--no-verify]
  --confirm    run the commands (without it: a dry run that only prints them)
  --move-records also re-point records that follow a health check (it still passes: an AZ loss took the writer, not the load balancer)
  --no-verify  skip the HTTP checks of the endpoints at the end (drills on emulators)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --confirm) CONFIRM=1 ;;
    --no-verify) VERIFY=0 ;;
    --move-records) MOVE_RECORDS=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$SCRIPT: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[%s %s] %s\n' "$SCRIPT" "$(date -u +%H:%M:%S)" "$*"; }

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

HOME_REGION='us-east-1'
PENDING=0
if [ "$CONFIRM" = 1 ]; then MODE="for real"; else MODE="dry run, nothing is changed"; fi
log "failing back to $HOME_REGION ($MODE)"

log "== 1. databases"
log "DynamoDB global table "'game-prod-sessions'": nothing to do, every replica accepts writes"

if [ "$PENDING" = 1 ] && [ "$CONFIRM" = 1 ]; then
  log "stopping here: recreate the database(s) above as secondaries, then run this script again"
  exit 0
fi

log "== 2. traffic back to the primary"
UNMOVED=""
log "Global Accelerator "'game-prod-edge'": moves by itself, it stops sending to an unhealthy endpoint"
log "record "'api.example.com'" (latency): moves back by itself once the primary's health check passes"
if [ "$MOVE_RECORDS" = 1 ]; then
log "  --move-records: pointing it back at the primary (promote-dr.sh --move-records pointed it away)"
ask 'Point api.example.com back at game-prod-web in us-east-1?'
move_record_1() {
  ZONE_1=$(capture ZONE_ID aws route53 list-hosted-zones-by-name --region us-east-1 --dns-name 'example.com' --max-items 1 --query 'HostedZones[0].Id' --output text) || return 1
  ALB_1=$(capture 'ALB_DNS_NAME ALB_ZONE_ID' aws elbv2 describe-load-balancers --region 'us-east-1' --names 'game-prod-web' --query 'LoadBalancers[0].[DNSName,CanonicalHostedZoneId]' --output text) || return 1
  read -r ALB_DNS ALB_ZONE <<<"$ALB_1"
  BATCH_1='{"Comment":"failback","Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"api.example.com","Type":"A","SetIdentifier":"use1-alb","Region":"us-east-1","HealthCheckId":"__HEALTH_CHECK__","AliasTarget":{"HostedZoneId":"__ALB_ZONE__","DNSName":"__ALB_DNS__","EvaluateTargetHealth":true}}}]}'
  BATCH_1=${BATCH_1//__ALB_DNS__/"$ALB_DNS"}
  BATCH_1=${BATCH_1//__ALB_ZONE__/"$ALB_ZONE"}
  CHECK_1=$(capture HEALTH_CHECK_ID aws route53 list-resource-record-sets --region us-east-1 --hosted-zone-id "$ZONE_1" --start-record-name 'api.example.com' --start-record-type A --query 'ResourceRecordSets[?Type=='\''A'\'' && SetIdentifier=='\''use1-alb'\''].HealthCheckId | [0]' --output text) || return 1
  case "$CHECK_1" in "" | None) log "the record set has no health check to keep"; return 1 ;; esac
  BATCH_1=${BATCH_1//__HEALTH_CHECK__/"$CHECK_1"}
  CHANGE_1=$(capture CHANGE_ID aws route53 change-resource-record-sets --region us-east-1 --hosted-zone-id "$ZONE_1" --change-batch "$BATCH_1" --query ChangeInfo.Id --output text) || return 1
  run aws route53 wait resource-record-sets-changed --region us-east-1 --id "$CHANGE_1" || return 1
}
if ! move_record_1; then
  log "FAILED: record "'api.example.com'" not re-pointed (Route 53's control plane, in us-east-1, did not answer): its users are sent to "'eu-west-1'" until its set points at "'game-prod-web'" in "'us-east-1'""
  UNMOVED="$UNMOVED "'api.example.com'
fi
else
log "  if promote-dr.sh ran with --move-records, run this with --move-records too: it points the record back"
fi

log "== 3. check the primary's endpoints"
LB_1=$(capture ALB_DNS_NAME aws elbv2 describe-load-balancers --region 'us-east-1' --names 'game-prod-web' --query 'LoadBalancers[0].DNSName' --output text)
printf -v URL '%s://%s:%s%s' 'https' "$LB_1" 443 '/health'
# --insecure: the certificate names the site, not the load balancer's own name.
check_url "$URL" --insecure
printf -v URL '%s://%s:%s%s' 'https' 'api.example.com' 443 '/health'
check_url "$URL"
if [ -n "$UNMOVED" ]; then
  log "not done: these records were not re-pointed:$UNMOVED; run their changes once Route 53's control plane answers"
  exit 1
fi

log "== 4. the groups that took over go back to their design size"

if [ "$CONFIRM" = 1 ]; then
  log "failback done; apply the stacks in the README's order to reconcile the drift"
else
  log "dry run: nothing was changed; re-run with --confirm to fail back"
fi
