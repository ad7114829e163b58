#!/usr/bin/env bash
# A short smoke run of every mode of the load generator (not a measurement: a few seconds each, low load):
# the packaged jar (prod profile, as the drills run it) on a fresh database, demo data, then closed loop with
# pgbench (run.sh), open loop, both with the orderEvents subscription, and the JDK-only launch the drills use.
# On a shared machine run it in its own network namespace, e.g. flock /tmp/oms-heavy.lock <isolate> bench/load/smoke.sh
# Each run starts once the routing queue of the last one has drained.
# Options: SMOKE_SECONDS (15), SMOKE_RATE (10 orders/s: a 2-core machine shared with other work routes ~20/s), SMOKE_PORT (8096), DRILL_DB (oms_load), SUBSCRIBE_AS (admin: the only role that may
# subscribe to orderEvents until customers may).
set -euo pipefail
export DRILL_DB=${DRILL_DB:-oms_load} DRILL_OUT=${DRILL_OUT:-$(cd "$(dirname "$0")/../.." && pwd)/target/load-smoke}
source "$(dirname "$0")/../../drills/lib.sh"
seconds=${SMOKE_SECONDS:-15}
rate=${SMOKE_RATE:-10}
port=${SMOKE_PORT:-8096}
url=http://localhost:$port/graphql
dburl=postgresql://$PGUSER@$PGHOST:$PGPORT/$DB
as=${SUBSCRIBE_AS:-admin}
build
fresh_db
start_service load-smoke "$port"
trap 'stop_service load-smoke' EXIT
wait_ready "$port"
seed_demo
cd "$ROOT"
common=(--url "$url" --db "$dburl" --duration "$seconds" --warmup 5)

log "closed loop, 4 clients, polling, then pgbench"
PGBENCH_SECONDS=5 bench/load/run.sh --clients 4 "${common[@]}"
settle 300
log "open loop, $rate orders/s, polling"
bench/load/loadgen.sh --rate "$rate" --restock no "${common[@]}"
settle 300
log "closed loop, 4 clients, orderEvents subscription as $as"
bench/load/loadgen.sh --clients 4 --wait subscribe --subscribe-as "$as" --restock no "${common[@]}"
settle 300
log "open loop, $rate orders/s, orderEvents subscription as $as"
bench/load/loadgen.sh --rate "$rate" --customers 16 --wait subscribe --subscribe-as "$as" --restock no "${common[@]}"
settle 300
log "JDK only (as the drills run it), 2 clients, 5 s"
java bench/load/LoadGenerator.java --url "$url" --clients 2 --duration 5 --warmup 0 --restock no
