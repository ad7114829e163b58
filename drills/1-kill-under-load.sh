#!/usr/bin/env bash
# Drill 1: kill -9 the service in the middle of load, start it again. PASS when every paid order is routed
# exactly once, nothing is reserved twice and no inventory level is below zero (drills/invariants.sql).
# Usage: drills/1-kill-under-load.sh [CLIENTS] [SECONDS]
source "$(dirname "$0")/lib.sh"
clients=${1:-16}
seconds=${2:-60}
port=${DRILL_PORT:-8091}
build
fresh_db
start_service kill9 "$port"
trap 'stop_service kill9' EXIT
wait_ready "$port"
seed_demo
restock "http://localhost:$port/graphql"

load "$clients" "$seconds" "http://localhost:$port/graphql" load-kill9 &
loader=$!
sleep $((seconds / 3))
before=$(sql -c "select count(*) from orders")
kill -9 "$(cat "$OUT/kill9.pid")"
log "killed -9 with $before orders placed; restarting"
sleep 2
start_service kill9 "$port"
wait_ready "$port"
wait "$loader" || true
settle 180
paid=$(sql -c "select count(*) from orders where payment_reference is not null")
routed=$(sql -c "select count(distinct order_id) from order_events where type = 'ORDER_ROUTED' and from_status = 'PAID'")
log "orders: $(sql -c 'select count(*) from orders'), paid: $paid, routed from PAID: $routed"
ok=0
check_invariants || ok=1
[ "$paid" = "$routed" ] || { log "paid and routed differ"; ok=1; }
tail -n 25 "$OUT/load-kill9.log" | sed 's/^/  load: /'
verdict "drill 1 (kill -9 under load)" "$ok" "$paid paid orders, $routed routed exactly once; invariants above"
