#!/usr/bin/env bash
# Drill 2: stop PostgreSQL for 20 s under load. PASS when readiness goes DOWN and comes back UP without a
# restart of the service, clients get the retryable INTERNAL error meanwhile, nothing is half-written, and the
# recovery is quiet: no "Result is already complete" error in the service's log (each one-shot query that
# failed during the outage used to fail a second time 30 s later, when the pool's connection timer fired:
# thousands of them; the load runs long enough after the outage for such timers to fire).
# Stops the local cluster with pg_ctlcluster: run it as root (or the postgres user) on a machine where nothing
# else needs the database for a minute.
# Usage: drills/2-database-outage.sh [CLIENTS] [SECONDS] [OUTAGE_SECONDS]
source "$(dirname "$0")/lib.sh"
clients=${1:-8}
seconds=${2:-70}
outage=${3:-20}
port=${DRILL_PORT:-8092}
cluster=$(ls /etc/postgresql | sort -V | tail -n 1)
pg() { pg_ctlcluster --skip-systemctl-redirect "$cluster" main "$1"; }
build
fresh_db
: >"$OUT/outage.log" # this run's log only: the errors are counted in it
start_service outage "$port"
trap 'stop_service outage; pg start 2>/dev/null || true' EXIT
wait_ready "$port"
seed_demo
restock "http://localhost:$port/graphql"
pid=$(cat "$OUT/outage.pid")

( while sleep 1; do
    printf '%s %s\n' "$(date +%T)" "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$(management_port "$port")/q/health/ready")"
  done ) >"$OUT/readiness.log" 2>&1 &
prober=$!
load "$clients" "$seconds" "http://localhost:$port/graphql" load-outage &
loader=$!
sleep 15
log "stopping PostgreSQL for ${outage}s"
pg stop
sleep 5
during=$(curl -s "http://localhost:$port/graphql" -H 'content-type: application/json' \
  -H "Authorization: Bearer $("$ROOT/dev-keys/token.sh" admin)" -d '{"query":"{ orders { totalCount } }"}')
log "a request during the outage: $during"
sleep $((outage - 5))
pg start
restarted=$(date +%s)
log "PostgreSQL started again"
wait "$loader" || true
wait_ready "$port" 60 || true
kill "$prober"
settle 120 || true

ok=0
grep -q ' 503$' "$OUT/readiness.log" || { log "readiness never went down"; ok=1; }
tail -n 3 "$OUT/readiness.log" | grep -q ' 200$' || { log "readiness did not come back"; ok=1; }
kill -0 "$pid" 2>/dev/null || { log "the service process is gone"; ok=1; }
echo "$during" | grep -q '"retryable":true' || { log "no retryable error during the outage"; ok=1; }
echo "$during" | grep -qiE 'exception|org\.postgresql|5432' && { log "the error shows internals"; ok=1; }
check_invariants || ok=1
# a query that failed just before the restart would fail again when its 30 s timer fires: wait for that
while [ $(($(date +%s) - restarted)) -lt 35 ]; do sleep 1; done
stray=$(grep -c 'Result is already complete' "$OUT/outage.log" || true)
log "'Result is already complete' errors in the service log: $stray"
[ "$stray" = 0 ] || { log "the pool's recovery was not quiet"; ok=1; }
down=$(grep -c ' 503$' "$OUT/readiness.log" || true)
tail -n 25 "$OUT/load-outage.log" | sed 's/^/  load: /'
verdict "drill 2 (database outage)" "$ok" "readiness DOWN for ${down}s and back UP, same process $pid, $stray 'Result is already complete' errors, invariants above"
