#!/usr/bin/env bash
# Drill 3: two service instances on one database under load, with the stuck-order job every second on both.
# PASS when no order is routed twice (invariants) and the job's runs (stuck_detector_runs) never overlapped,
# while both instances did run it.
# Usage: drills/3-two-instances.sh [CLIENTS_PER_INSTANCE] [SECONDS]
source "$(dirname "$0")/lib.sh"
clients=${1:-8}
seconds=${2:-60}
a=${DRILL_PORT:-8093}
b=$((a + 1))
build
fresh_db
# A short threshold so the detector has work (orders wait a few seconds for a picker), every second.
fast=(OMS_STUCK_INTERVAL=1s OMS_STUCK_THRESHOLD=PT3S)
start_service one "$a" "${fast[@]}"
wait_ready "$a"
start_service two "$b" "${fast[@]}"
trap 'stop_service one; stop_service two' EXIT
wait_ready "$b"
seed_demo
restock "http://localhost:$a/graphql"

load "$clients" "$seconds" "http://localhost:$a/graphql" load-one &
first=$!
load "$clients" "$seconds" "http://localhost:$b/graphql" load-two &
second=$!
wait "$first" || true
wait "$second" || true
settle 120

runs=$(sql -c "select count(*) from stuck_detector_runs")
instances=$(sql -c "select count(distinct instance) from stuck_detector_runs")
overlaps=$(sql -c "select count(*) from stuck_detector_runs x join stuck_detector_runs y
  on x.id < y.id and x.started_at < y.finished_at and y.started_at < x.finished_at")
flagged=$(sql -c "select count(*) from order_events where type = 'ORDER_STUCK'")
twice=$(sql -c "select count(*) from (select order_id from order_events where type = 'ORDER_STUCK'
  group by order_id, details ->> 'reason', occurred_at having count(*) > 1) d")
log "detector runs: $runs by $instances instance(s), overlapping pairs: $overlaps, ORDER_STUCK events: $flagged"
ok=0
check_invariants || ok=1
[ "$instances" = 2 ] || { log "the job did not run on both instances"; ok=1; }
[ "$overlaps" = 0 ] || { log "two runs overlapped"; ok=1; }
[ "$twice" = 0 ] || { log "an order was flagged twice at once"; ok=1; }
verdict "drill 3 (two instances)" "$ok" "$runs detector runs on $instances instances, $overlaps overlaps; invariants above"
