#!/usr/bin/env bash
# Drill 4: 10,000 malformed or hostile GraphQL requests (bad types, huge lists, deep nesting, injection
# strings, oversized bodies, bad tokens), then LARGE distinct valid documents from an anonymous caller (1,000 of
# ~900 KB, 1,000 just under the document limit with the largest syntax tree), against the service with the heap
# of k8s/base (-Xmx256m). PASS when no answer is a 5xx other than INTERNAL, none shows a stack trace, Java class
# or SQL, not one row was written (every table counted before and after), the live heap grew by at most
# HEAP_GROWTH_MB (default 64) over the large documents, the process never ran out of memory, and liveness and
# ordinary requests still work afterwards.
# Usage: drills/4-hostile-requests.sh [COUNT] [LARGE_COUNT]
source "$(dirname "$0")/lib.sh"
count=${1:-10000}
large=${2:-1000}
port=${DRILL_PORT:-8090}
heap_growth_limit=${HEAP_GROWTH_MB:-64}
export DRILL_JAVA_OPTS=${DRILL_JAVA_OPTS:--Xmx256m}
build
fresh_db
: >"$OUT/hostile.log" # this run's log only: OutOfMemoryError is looked for in it
start_service hostile "$port"
trap 'stop_service hostile' EXIT
wait_ready "$port"
seed_demo
settle 60 # the demo's paid order is routed first: what the service does by itself is not counted

rows() { sql -c "select string_agg(t || '=' || n, ' ' order by t) from (
  select 'orders' t, count(*) n from orders union all select 'order_lines', count(*) from order_lines
  union all select 'order_events', count(*) from order_events union all select 'idempotency_keys', count(*) from idempotency_keys
  union all select 'locations', count(*) from locations union all select 'inventory_levels', count(*) from inventory_levels
  union all select 'inventory_movements', count(*) from inventory_movements
  union all select 'fulfillment_orders', count(*) from fulfillment_orders union all select 'backorders', count(*) from backorders
  union all select 'refunds', count(*) from refunds union all select 'notifications', count(*) from notifications
  union all select 'routing_jobs', count(*) from routing_jobs union all select 'incoming_stock', count(*) from incoming_stock) c"; }
before=$(rows)
log "sending $count hostile requests"
set +e
python3 "$ROOT/drills/hostile_requests.py" "http://localhost:$port/graphql" "$count" "$ROOT/dev-keys/token.sh"
answers=$?
set -e
set -e

# The live heap in MB: a full collection first (jcmd), then the JVM's own figure from /q/metrics.
pid=$(cat "$OUT/hostile.pid")
heap() {
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  curl -s "http://localhost:$(management_port "$port")/q/metrics" |
    awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $2 } END { printf "%d", s / 1048576 }'
}
heap_before=$(heap)
log "live heap before the large documents: ${heap_before} MB (-Xmx256m)"
set +e
python3 "$ROOT/drills/large_documents.py" "http://localhost:$port/graphql" "$large" alias 4
large_alias=$?
python3 "$ROOT/drills/large_documents.py" "http://localhost:$port/graphql" "$large" typename 4
large_typename=$?
set -e
heap_after=$(heap)
log "live heap after $large + $large large documents: ${heap_after} MB"
live=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$(management_port "$port")/q/health/live" || true)
ordinary_ok=0
for _ in $(seq 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/graphql" -H 'content-type: application/json' \
    -d '{"query":"{ locations { code } }"}' || true)
  [ "$code" = 200 ] && ordinary_ok=$((ordinary_ok + 1))
done
oom=$(grep -c 'OutOfMemoryError' "$OUT/hostile.log" || true)

after=$(rows)
ready "$port"; alive=$?
log "rows before: $before"
log "rows after:  $after"
log "liveness after the large documents: $live; ordinary requests answered 200: $ordinary_ok of 20; OutOfMemoryError in the log: $oom"
ok=0
[ "$answers" = 0 ] || ok=1
[ "$large_alias" = 0 ] && [ "$large_typename" = 0 ] || { log "large documents got bad answers"; ok=1; }
[ "$before" = "$after" ] || { log "rows were written"; ok=1; }
[ "$alive" = 0 ] || { log "the service is not ready any more"; ok=1; }
[ "$live" = 200 ] || { log "liveness is not UP"; ok=1; }
[ "$ordinary_ok" = 20 ] || { log "ordinary requests fail"; ok=1; }
[ "$oom" = 0 ] || { log "the service ran out of memory"; ok=1; }
kill -0 "$pid" 2>/dev/null || { log "the service process is gone"; ok=1; }
[ -n "$heap_after" ] && [ $((heap_after - heap_before)) -le "$heap_growth_limit" ] ||
  { log "the live heap grew by more than ${heap_growth_limit} MB"; ok=1; }
verdict "drill 4 (hostile requests)" "$ok" "$count requests, bad answers: $([ "$answers" = 0 ] && echo none || echo some), rows unchanged: $([ "$before" = "$after" ] && echo yes || echo no); $((2 * large)) large documents: live heap ${heap_before} -> ${heap_after} MB, liveness $live, ordinary requests $ordinary_ok/20 OK"
