#!/usr/bin/env bash
# Restock benchmark: N open backorders of one SKU (made directly in the database, as N paid orders that nothing
# could ship, one or two lines each), then one receiveStock covering them all. Prints how long the receipt took
# to answer, and how long until every covered backorder was allocated (the fill goes on after the answer).
# Needs the service running (./mvnw quarkus:dev, or the jar) and psql.
# Usage: bench/restock-backorders.sh [N] [LINES 1|2] [URL] [DB]
#   LINES=2: each order also waits for a second SKU that does not arrive (so it is routed order by order).
set -euo pipefail
n=${1:-10000}
lines=${2:-1}
url=${3:-http://localhost:8080/graphql}
db=${4:-${OMS_PSQL_URL:-postgresql://postgres@localhost:5432/oms_dev}}
dir=$(cd "$(dirname "$0")/.." && pwd)
sku="RESTOCK-$(date +%s)"
other="$sku-OTHER"
location=00000000-0000-4000-8000-000000000001   # WH-EAST of the demo data (ships to US)

psql "$db" -q -v ON_ERROR_STOP=1 -v sku="$sku" -v other="$other" -v n="$n" -v lines="$lines" <<'SQL'
create temp table seed as
  select gen_random_uuid() as order_id, gen_random_uuid() as line_id, gen_random_uuid() as backorder_id,
         gen_random_uuid() as line2_id, gen_random_uuid() as backorder2_id,
         g as i, now() - interval '1 day' + g * interval '1 millisecond' as at
  from generate_series(1, :n) g;
insert into orders (id, number, customer_id, email, currency, status, split_policy, ship_name, ship_line1,
                    ship_city, ship_postal_code, ship_country, subtotal, total, refunded_total, payment_reference,
                    placed_at, updated_at, version)
  select order_id, nextval('order_number_seq'), 'bench-' || i, null, 'USD', 'AWAITING_FULFILLMENT',
         'SHIP_AVAILABLE', 'Bench', '1 Main St', 'Boston', '02108', 'US', :lines, :lines, 0, 'bench', at, at, 2
  from seed;
insert into order_lines (id, order_id, line_no, sku, quantity, unit_price, quantity_backordered)
  select line_id, order_id, 1, :'sku', 1, 1, 1 from seed;
insert into backorders (id, order_id, order_line_id, sku, quantity, status, decision, created_at, updated_at)
  select backorder_id, order_id, line_id, :'sku', 1, 'OPEN', 'WAIT', at, at from seed;
insert into order_lines (id, order_id, line_no, sku, quantity, unit_price, quantity_backordered)
  select line2_id, order_id, 2, :'other', 1, 1, 1 from seed where :lines = 2;
insert into backorders (id, order_id, order_line_id, sku, quantity, status, decision, created_at, updated_at)
  select backorder2_id, order_id, line2_id, :'other', 1, 'OPEN', 'WAIT', at, at from seed where :lines = 2;
SQL

admin=$("$dir/dev-keys/token.sh" admin)
start=$(date +%s%3N)
result=$(curl -s "$url" -H 'content-type: application/json' -H "Authorization: Bearer $admin" \
  -d "{\"query\":\"mutation { receiveStock(locationId:\\\"$location\\\", sku:\\\"$sku\\\", quantity: $n) { inventoryLevel { reserved held } backordersAllocated { id } } }\"}")
answered=$(date +%s%3N)
in_answer=$(printf '%s' "$result" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["receiveStock"]["backordersAllocated"]))')
# exists, not count(*): counting 10,000 open backorders ten times a second was itself a load on PostgreSQL.
while [ "$(psql "$db" -Atc "select exists (select 1 from backorders where sku = '$sku' and status = 'OPEN')")" = t ]; do
  [ $(( $(date +%s%3N) - start )) -gt 600000 ] && { echo "not all allocated after 10 minutes"; break; }
  sleep 0.1
done
end=$(date +%s%3N)
echo "$n open backorders of $sku ($lines line(s) per order), receiveStock of $n units:" \
     "answered in $((answered - start)) ms with $in_answer allocated;" \
     "all allocated $((end - start)) ms after the receipt ($(( (end - start) * 1000 / n )) us per backorder)"
# Driven by the SKU's order lines (order_lines_sku_idx), then each order's events and notices by their order index:
# a join planned with statistics from before the seed ran for most of a minute.
psql "$db" -Atc "with o as materialized (select distinct order_id from order_lines where sku = '$sku')
  select 'open left: ' || (select count(*) from backorders where sku = '$sku' and status = 'OPEN')
      || ', ORDER_ROUTED events: ' || (select count(*) from o cross join lateral (select 1 from order_events e
                                       where e.order_id = o.order_id and e.type = 'ORDER_ROUTED') x)
      || ', BACKORDER_ALLOCATED notices: ' || (select count(*) from o cross join lateral (select 1 from notifications n
                                       where n.order_id = o.order_id and n.kind = 'BACKORDER_ALLOCATED') y)"
