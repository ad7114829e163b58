#!/usr/bin/env bash
# Restock benchmark: N open backorders of one SKU (made directly in the dev database, as N paid orders of
# one unit each that nothing could ship), then one receiveStock covering them all; prints how long the
# receipt took until every covered backorder was allocated.
# Needs the service running in the dev profile (./mvnw quarkus:dev) and psql.
# Usage: bench/restock-backorders.sh [N] [URL]
set -euo pipefail
n=${1:-10000}
url=${2:-http://localhost:8080/graphql}
db=${OMS_PSQL_URL:-postgresql://postgres@localhost:5432/oms_dev}
dir=$(cd "$(dirname "$0")/.." && pwd)
sku="RESTOCK-$(date +%s)"
location=00000000-0000-4000-8000-000000000001   # WH-EAST of the demo data (ships to US)

psql "$db" -q -v ON_ERROR_STOP=1 -v sku="$sku" -v n="$n" <<'SQL'
create temp table seed as
  select gen_random_uuid() as order_id, gen_random_uuid() as line_id, gen_random_uuid() as backorder_id,
         g as i, now() - interval '1 day' + g * interval '1 millisecond' as at
  from generate_series(1, :n) g;
insert into orders (id, number, customer_id, email, currency, status, split_policy, ship_name, ship_line1,
                    ship_city, ship_postal_code, ship_country, subtotal, total, refunded_total, payment_reference,
                    placed_at, updated_at, version)
  select order_id, nextval('order_number_seq'), 'bench-' || i, null, 'USD', 'AWAITING_FULFILLMENT',
         'SHIP_AVAILABLE', 'Bench', '1 Main St', 'Boston', '02108', 'US', 1, 1, 0, 'bench', at, at, 2 from seed;
insert into order_lines (id, order_id, line_no, sku, quantity, unit_price, quantity_backordered)
  select line_id, order_id, 1, :'sku', 1, 1, 1 from seed;
insert into backorders (id, order_id, order_line_id, sku, quantity, status, decision, created_at, updated_at)
  select backorder_id, order_id, line_id, :'sku', 1, 'OPEN', 'WAIT', at, at from seed;
SQL

admin=$("$dir/dev-keys/token.sh" admin)
start=$(date +%s%3N)
result=$(curl -s "$url" -H 'content-type: application/json' -H "Authorization: Bearer $admin" \
  -d "{\"query\":\"mutation { receiveStock(locationId:\\\"$location\\\", sku:\\\"$sku\\\", quantity: $n) { inventoryLevel { reserved } backordersAllocated { id } } }\"}")
end=$(date +%s%3N)
allocated=$(printf '%s' "$result" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["receiveStock"]["backordersAllocated"]))')
echo "$n open backorders of $sku, receiveStock of $n units: $allocated allocated in $((end - start)) ms" \
     "($(( (end - start) * 1000 / (allocated > 0 ? allocated : 1) )) us per backorder)"
psql "$db" -Atc "select 'open left: ' || count(*) from backorders where sku = '$sku' and status = 'OPEN'"
