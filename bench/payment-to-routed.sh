#!/usr/bin/env bash
# Measures payment-to-routed latency against a running service (dev profile: `./mvnw quarkus:dev`):
# for each of N orders with items in two warehouses, confirmPayment, then poll the order until it has left
# PAID. Prints each latency and the median/max in milliseconds. Needs curl and python3.
# Usage: bench/payment-to-routed.sh [N] [URL]
set -euo pipefail
n=${1:-20}
url=${2:-http://localhost:8080/graphql}
dir=$(cd "$(dirname "$0")/.." && pwd)
admin=$("$dir/dev-keys/token.sh" admin)
pay=$("$dir/dev-keys/token.sh" payments)
gql() { curl -s "$url" -H 'content-type: application/json' -H "Authorization: Bearer $1" -d "$2"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
now_ms() { date +%s%3N; }

run=$(date +%s)
a="LAT-A-$run"; b="LAT-B-$run"
for code in "LAT-E-$run:40.73:-74.17:$a" "LAT-W-$run:39.53:-119.81:$b"; do
  IFS=: read -r loc lat lon sku <<<"$code"
  id=$(gql "$admin" "{\"query\":\"mutation { upsertLocation(input:{code:\\\"$loc\\\", name:\\\"$loc\\\", type: WAREHOUSE, latitude: $lat, longitude: $lon, countries:[\\\"US\\\"]}) { id } }\"}" | field 'd["data"]["upsertLocation"]["id"]')
  gql "$admin" "{\"query\":\"mutation { adjustInventory(locationId:\\\"$id\\\", sku:\\\"$sku\\\", delta: 100000, reason:\\\"latency run\\\") { onHand } }\"}" >/dev/null
done

latencies=()
for i in $(seq 1 "$n"); do
  customer=$("$dir/dev-keys/token.sh" customer "lat-$run-$i")
  order=$(gql "$customer" "{\"query\":\"mutation { placeOrder(input:{idempotencyKey:\\\"lat-$run-$i\\\", currency:\\\"USD\\\", shippingAddress:{name:\\\"A\\\",line1:\\\"1 Main\\\",city:\\\"Boston\\\",postalCode:\\\"02108\\\",country:\\\"US\\\",latitude:42.36,longitude:-71.06}, lines:[{sku:\\\"$a\\\",quantity:1,unitPrice:\\\"5\\\"},{sku:\\\"$b\\\",quantity:1,unitPrice:\\\"5\\\"}]}) { id } }\"}" | field 'd["data"]["placeOrder"]["id"]')
  start=$(now_ms)
  gql "$pay" "{\"query\":\"mutation { confirmPayment(orderId:\\\"$order\\\", paymentReference:\\\"lat\\\") { status } }\"}" >/dev/null
  while :; do
    state=$(gql "$admin" "{\"query\":\"{ order(id:\\\"$order\\\") { status fulfillmentOrders { id } } }\"}" | field 'd["data"]["order"]["status"] + " " + str(len(d["data"]["order"]["fulfillmentOrders"]))')
    [ "${state%% *}" != "PAID" ] && break
  done
  latencies+=($(( $(now_ms) - start )))
  echo "order $i: ${latencies[-1]} ms, $state"
done
printf '%s\n' "${latencies[@]}" | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms, max " a[NR] " ms over " NR " orders"}'

# Server-side view, from the audit trail: payment event to routing event, for this run's orders.
if command -v psql >/dev/null 2>&1; then
  psql "${OMS_PSQL_URL:-postgresql://postgres@localhost:5432/oms_dev}" -Atc "
    with p as (select order_id, occurred_at from order_events where type = 'PAYMENT_CONFIRMED'),
         r as (select order_id, occurred_at from order_events where type = 'ORDER_ROUTED')
    select 'server-side payment->routed ms: median ' ||
           round(percentile_cont(0.5) within group (order by extract(epoch from r.occurred_at - p.occurred_at) * 1000)::numeric, 1)
           || ', p95 ' ||
           round(percentile_cont(0.95) within group (order by extract(epoch from r.occurred_at - p.occurred_at) * 1000)::numeric, 1)
           || ', max ' || round(max(extract(epoch from r.occurred_at - p.occurred_at) * 1000)::numeric, 1)
    from p join r using (order_id) join order_lines l on l.order_id = p.order_id where l.sku = '$a'"
fi
