#!/usr/bin/env bash
# Service and PostgreSQL CPU per request for a few request kinds, driven by wrk (C, event-driven, light on CPU):
# the framework's floor per request, apart from the write paths. Starts the packaged jar as drills/lib.sh does
# (prod profile, database oms_bench_req, port 8097), places one order, then for each kind 10 s of warm-up and
# 20 s measured with 16 connections, CPU from /proc of the service and of every PostgreSQL process.
# Needs wrk (Debian: apt-get install wrk) and a built jar (./mvnw package -DskipTests).
# Usage: bench/load/request-cost.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v wrk >/dev/null || { echo "request-cost: wrk not found (apt-get install wrk)" >&2; exit 1; }
export DRILL_DB=${DRILL_DB:-oms_bench_req}
source "$root/drills/lib.sh"
trap 'stop_service request-cost' EXIT
fresh_db
start_service request-cost 8097
wait_ready 8097
seed_demo
url=http://localhost:8097/graphql
restock "$url"
customer=$("$root/dev-keys/token.sh" customer request-cost)
order=$(curl -sf "$url" -H "Authorization: Bearer $customer" -H 'Content-Type: application/json' -d '{"query":"mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id } }","variables":{"in":{"idempotencyKey":"request-cost","email":"a@example.com","currency":"USD","shippingAddress":{"name":"L","line1":"1 Main St","city":"Boston","postalCode":"02108","country":"US","latitude":42.36,"longitude":-71.06},"lines":[{"sku":"SKU-0002","quantity":1,"unitPrice":"5.99"}]}}}' \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
pid=$(cat "$OUT/request-cost.pid")
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_cpu() { local t=0 p; for p in $(pgrep -u postgres); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
measure() { # NAME BODY TOKEN
  local script; script=$(mktemp --suffix=.lua)
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\nwrk.body = [[%s]]\n' "$3" "$2" >"$script"
  wrk -t1 -c16 -d10s -s "$script" "$url" >/dev/null
  local s0 p0 out s1 p1 n
  s0=$(cpu "$pid"); p0=$(pg_cpu)
  out=$(wrk -t1 -c16 -d20s -s "$script" "$url")
  s1=$(cpu "$pid"); p1=$(pg_cpu)
  rm -f "$script"
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$1: $n requests ($(echo "$out" | awk '/Requests\/sec/ {print $2}')/s), non-2xx $(echo "$out" | awk '/Non-2xx/ {print $NF}' | grep . || echo 0);" \
    "service $(echo "scale=3; ($s1 - $s0) * 1000 / $ticks / $n" | bc) ms, PostgreSQL $(echo "scale=3; ($p1 - $p0) * 1000 / $ticks / $n" | bc) ms of CPU per request"
}
measure typename '{"query":"{ __typename }"}' "$customer"
measure poll '{"query":"query($id: ID!) { order(id: $id) { status } }","variables":{"id":"'"$order"'"}}' "$customer"
measure typename-without-token '{"query":"{ __typename }"}' ""
