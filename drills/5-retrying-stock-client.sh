#!/usr/bin/env bash
# Drill 5: clients that retry every stock change on any error or time-out (each request with its own
# idempotency key, the same key on every retry) while shoppers keep backorders waiting, fills run and the sweeper
# races them. PASS when on hand at every level equals the sum of the distinct receipts and counts the clients were
# told succeeded, nothing was counted twice in the ledger, and the invariants hold.
# Usage: drills/5-retrying-stock-client.sh [CLIENTS] [SECONDS]
source "$(dirname "$0")/lib.sh"
clients=${1:-8}
seconds=${2:-60}
port=${DRILL_PORT:-8095}
build
fresh_db
# The sweeper runs every two seconds, so that it races the fills of the receipts.
start_service retrying "$port" OMS_BACKORDERS_SWEEP_INTERVAL=2s
trap 'stop_service retrying' EXIT
wait_ready "$port"
seed_demo
locations=$(sql -c "select string_agg(id::text, ',') from locations where active and 'US' = any(countries)")
skus="DRILL-RETRY-1,DRILL-RETRY-2,DRILL-RETRY-3"
log "retrying clients: $clients for ${seconds}s at $(echo "$locations" | tr ',' '\n' | wc -l) locations"
(cd "$ROOT" && java drills/RetryingStockClient.java "http://localhost:$port/graphql" "$locations" "$skus" \
  "$clients" "$seconds") >"$OUT/retrying-client.log" 2>&1
settle 120
sleep 5
grep -v '^ADDED' "$OUT/retrying-client.log" | sed 's/^/  client: /'
ok=0
mismatches=0
while read -r _ level units; do
  location=${level%/*}
  sku=${level#*/}
  on_hand=$(sql -c "select coalesce(sum(on_hand), 0) from inventory_levels where location_id = '$location' and sku = '$sku'")
  ledger=$(sql -c "select coalesce(sum(on_hand_delta), 0) from inventory_movements where location_id = '$location' and sku = '$sku'")
  if [ "$on_hand" != "$units" ] || [ "$ledger" != "$units" ]; then
    log "level $level: the clients added $units, on hand is $on_hand, the ledger says $ledger"
    mismatches=$((mismatches + 1))
  fi
done < <(grep '^ADDED' "$OUT/retrying-client.log")
levels=$(grep -c '^ADDED' "$OUT/retrying-client.log" || true)
[ "$levels" -gt 0 ] || { log "no stock change was acknowledged"; ok=1; }
[ "$mismatches" = 0 ] || ok=1
check_invariants || ok=1
verdict "drill 5 (retrying stock clients)" "$ok" "$levels levels, $mismatches where on hand differs from the distinct acknowledged changes"
