#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the service's read queries and of the stuck-order detector's statements against
# a database made by bench/scale/seed.sh. Prints Markdown: a summary table, then every plan in full.
#
# Usage: bench/scale/explain.sh [DB=oms_scale] [--with FILE.sql]
#   --with FILE.sql  first runs FILE (CREATE INDEX statements: the proposed fix), ANALYZEs, runs the queries,
#                    then drops the indexes FILE created again (KEEP_INDEXES=1 keeps them).
#   ONLY=REGEX       runs only the queries whose id or label matches REGEX (extended regex).
# Connection: PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER (postgres).
#
# The SQL is the service's, copied from the code named next to each query. Each query is PREPAREd with the
# parameter types the service binds and run with EXPLAIN (ANALYZE, BUFFERS) EXECUTE twice; both runs get a
# custom plan for the actual values (a prepared statement's first five executions always do), which is what
# the service's unnamed prepared statements get. Run 1 is the first touch in this session (the data may still
# be in the OS cache), run 2 is warm; the plan shown is run 2's. No session setting is changed: the plans are
# the ones the server's configuration gives. The detector's times are $1 = now() and $2 = now() - 24 hours
# (the default oms.stuck.threshold) and its batch is 500 (oms.stuck.batch-size). The whole flagBatch and
# clearBatch statements (17.x, 18.x) write, so each run is wrapped in BEGIN ... ROLLBACK.
set -euo pipefail

db=oms_scale
with=""
while [ $# -gt 0 ]; do
    case $1 in
        --with) with=$2; shift 2 ;;
        -h | --help) sed -n 2,18p "$0"; exit 0 ;;
        *) db=$1; shift ;;
    esac
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
unset PGOPTIONS
only=${ONLY:-}
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Big tables: a Seq Scan on one of these is flagged.
big='orders|order_lines|fulfillment_orders|backorders|routing_jobs'

# ---- the service's SQL ------------------------------------------------------------------------------------
# io.oms.order.persistence.OrderQueries.COLUMNS
order_cols="o.id, o.number, o.status, o.split_policy, o.customer_id, o.email, o.currency, o.ship_name, o.ship_line1,
o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code, o.ship_country, o.ship_latitude,
o.ship_longitude, o.subtotal, o.total, o.refunded_total, o.payment_reference, o.placed_at, o.updated_at,
o.version, o.stuck_since, o.stuck_reason"
# io.oms.backorder.persistence.BackorderQueries.COLUMNS
backorder_cols="b.id, b.order_id, b.order_line_id, b.sku, b.quantity, b.status, b.decision, b.expected_at,
b.created_at, b.allocated_at"
# io.oms.order.persistence.StuckOrders: OPEN_FULFILLMENT, TERMINAL, HOLDS and CANDIDATES ($1 = now, $2 = cutoff)
open_fulfillment="('OPEN','PICKING','PICKED','PACKED')"
terminal="('FULFILLED','DELIVERED','CANCELLED','REFUNDED')"
declare -A holds candidates note
holds[UNROUTED]="o.status = 'PAID'"
holds[NOT_PROGRESSING]="exists (select 1 from fulfillment_orders f where f.order_id = o.id
        and f.status in $open_fulfillment and f.updated_at <= \$2::timestamptz)"
holds[BACKORDER_OVERDUE]="exists (select 1 from backorders b where b.order_id = o.id and b.status = 'OPEN'
        and (b.expected_at < \$1::timestamptz
             or (b.expected_at is null and b.created_at <= \$2::timestamptz)))"
candidates[UNROUTED]="o.status = 'PAID' and (o.updated_at <= \$2::timestamptz
    or o.id in (select j.order_id from routing_jobs j where j.status = 'FAILED'))"
candidates[NOT_PROGRESSING]="o.id = any (array(select f.order_id from fulfillment_orders f
         where f.status in $open_fulfillment and f.updated_at <= \$2::timestamptz))"
candidates[BACKORDER_OVERDUE]="o.id in (select b.order_id from backorders b
         where b.status = 'OPEN' and b.expected_at < \$1::timestamptz
         union all
         select b.order_id from backorders b where b.status = 'OPEN' and b.expected_at is null
             and b.created_at <= \$2::timestamptz)"
note[UNROUTED]="paid but not routed"
note[NOT_PROGRESSING]="a fulfillment order has not progressed"
note[BACKORDER_OVERDUE]="a backorder is overdue"
audit_columns="insert into order_events (order_id, type, from_status, to_status, actor, note, details, occurred_at)"
times="now(), now() - interval '24 hours'"

# ---- parameters picked from the data ----------------------------------------------------------------------
order_id=$(psql_db -Atc "select id from orders order by number offset (select count(*) / 2 from orders) limit 1")
hot_sku=$(psql_db -Atc "select sku from backorders group by sku order by count(*) desc, sku limit 1")
read -r deep_placed deep_id < <(psql_db -F ' ' -Atc "select to_char(placed_at at time zone 'UTC',
    'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), id from orders where status = 'DELIVERED'
    order by placed_at desc, id desc offset (select count(*) / 2 from orders where status = 'DELIVERED') limit 1")

# issue #15's filters: an order's number and email, the locations with the most and the fewest fulfillment orders.
read -r find_number find_email < <(psql_db -F ' ' -Atc "select number, upper(email) from orders
    where email is not null order by number offset (select count(*) / 3 from orders) limit 1")
busy_location=$(psql_db -Atc "select location_id from fulfillment_orders group by 1 order by count(*) desc limit 1")
quiet_location=$(psql_db -Atc "select location_id from fulfillment_orders group by 1 order by count(*) asc limit 1")

# ---- the proposed indexes (--with) ------------------------------------------------------------------------
created=()
if [ -n "$with" ]; then
    mapfile -t created < <(grep -ioE '^\s*create\s+index\s+(concurrently\s+)?(if\s+not\s+exists\s+)?[a-z0-9_]+' "$with" \
        | awk '{ print $NF }')
    start=$(date +%s%3N)
    psql_db -f "$with"
    psql_db -c analyze
    with_ms=$(( $(date +%s%3N) - start ))
    if [ "${KEEP_INDEXES:-0}" != 1 ]; then
        trap 'for i in "${created[@]}"; do psql_db -c "drop index if exists $i"; done; rm -rf "$work"' EXIT
    fi
fi

# ---- running one query ------------------------------------------------------------------------------------
n=0
summary=$work/summary.md
plans=$work/plans.md
: >"$summary"
: >"$plans"

# query ID LABEL SOURCE TYPES ARGS [rollback]; SQL on stdin (with $1..$n as the service binds them).
query() {
    local id=$1 label=$2 source=$3 types=$4 args=$5 mode=${6:-}
    local sql out run1 exec1 exec2 plan2 rows indexes summary_line verdict flagged begin="" end=""
    sql=$(cat)
    if [ -n "$only" ] && ! [[ $id =~ $only || $label =~ $only ]]; then
        return 0
    fi
    n=$((n + 1))
    [ "$mode" = rollback ] && { begin="begin;"; end="rollback;"; }
    out=$(psql_db -At <<SQL
prepare q${types:+($types)} as
$sql;
\\echo @@run1
$begin
explain (analyze, buffers) execute q${args:+($args)};
$end
\\echo @@run2
$begin
explain (analyze, buffers) execute q${args:+($args)};
$end
SQL
)
    run1=$(printf '%s\n' "$out" | awk '/^@@run1$/ { on = 1; next } /^@@run2$/ { on = 0 } on')
    plan2=$(printf '%s\n' "$out" | awk '/^@@run2$/ { on = 1; next } on')
    exec1=$(printf '%s\n' "$run1" | sed -n 's/^Execution Time: \(.*\) ms$/\1/p')
    exec2=$(printf '%s\n' "$plan2" | sed -n 's/^Execution Time: \(.*\) ms$/\1/p')
    rows=$(printf '%s\n' "$plan2" | sed -n '1p' | sed -n 's/.*(actual time=[^ ]* rows=\([0-9]*\) .*/\1/p')
    indexes=$(printf '%s\n' "$plan2" | grep -oE '(Index Only Scan|Index Scan|Bitmap Index Scan)( Backward)? (using )?(on )?[a-z0-9_]+' \
        | awk '{ print $NF }' | sort -u | paste -sd ' ' | sed 's/ /, /g' || true)
    # Plan summary: the top node, then every table scan node in plan order (costs and timings stripped).
    summary_line=$(printf '%s\n' "$plan2" | awk '
        function node(line) { sub(/^ *(-> *)?/, "", line); sub(/  \(cost=.*/, "", line); return line }
        NR == 1 { top = node($0); next }
        /^ *(-> )?[A-Za-z ]*Scan/ && !/(CTE|Subquery|Function|Values) Scan/ { s = node($0); if (!(s in seen)) { seen[s]; scans = scans (scans ? "; " : "") s } }
        END { print top (scans ? ": " scans : "") }')
    flagged=$(printf '%s\n' "$plan2" | grep -oE "Seq Scan on ($big)( |\$)" | awk '{ print $NF }' | sort -u | paste -sd ' ' \
        | sed 's/ /, /g' || true)
    if [ -n "$flagged" ]; then verdict="**NO: Seq Scan on $flagged**"
    elif [ -n "$indexes" ]; then verdict="yes"
    else verdict="no index used"; fi
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$id" "$label" "${rows:-?}" "${exec1:-?}" "${exec2:-?}" \
        "$summary_line" "$verdict" >>"$summary"
    {
        printf '### %s. %s\n\n' "$id" "$label"
        printf 'Source: %s. Execution time: run 1 %s ms, run 2 %s ms.%s\n\n' "$source" "${exec1:-?}" "${exec2:-?}" \
            "$([ -n "$flagged" ] && printf ' **Seq Scan on %s.**' "$flagged")"
        printf '```sql\nprepare q%s as\n%s;\n%sexplain (analyze, buffers) execute q%s;%s\n```\n\n' \
            "${types:+($types)}" "$sql" "${begin:+$begin }" "${args:+($args)}" "${end:+ $end}"
        printf '```\n%s\n```\n\n' "$plan2"
    } >>"$plans"
    printf '%-5s %-62s %10s ms  %s\n' "$id" "$label" "${exec2:-?}" "$verdict" >&2
}

# ---- the queries ------------------------------------------------------------------------------------------
query 1 "order by id" "OrderQueries.byId" uuid "'$order_id'" <<SQL
select $order_cols from orders o where o.id = \$1
SQL

query 2.ALL "orders() first page (no filter)" "OrderQueries.page + KeysetPages.page" "" "" <<SQL
select $order_cols from orders o order by o.placed_at desc, o.id desc limit 21
SQL
query 3.ALL "orders() totalCount (no filter)" "OrderQueries.page + KeysetPages.page (count)" "" "" <<SQL
select count(*) from orders o
SQL
for status in DELIVERED AWAITING_FULFILLMENT PARTIALLY_FULFILLED FULFILLED CANCELLED PENDING PAYMENT_PROCESSING \
        REFUNDED PAID; do
    query "2.$status" "orders(filter: {status: $status}) first page" "OrderQueries.page + KeysetPages.page" \
        varchar "'$status'" <<SQL
select $order_cols from orders o where o.status = \$1 order by o.placed_at desc, o.id desc limit 21
SQL
    query "3.$status" "orders(filter: {status: $status}) totalCount" "OrderQueries.page + KeysetPages.page (count)" \
        varchar "'$status'" <<SQL
select count(*) from orders o where o.status = \$1
SQL
done

query 4 "orders(filter: {status: DELIVERED}) page after a cursor half-way down" \
    "OrderQueries.page + KeysetPages.page (after)" "varchar, timestamptz, uuid" \
    "'DELIVERED', '$deep_placed', '$deep_id'" <<SQL
select $order_cols from orders o where o.status = \$1 and (o.placed_at, o.id) < (\$2, \$3) order by o.placed_at desc, o.id desc limit 21
SQL

query 5 "stuckOrders first page" "OrderQueries.stuck + KeysetPages.pageAscending" "" "" <<SQL
select $order_cols from orders o where o.stuck_since is not null order by o.stuck_since asc, o.id asc limit 21
SQL
query 6 "stuckOrders totalCount (= orders(filter: {stuck: true}) totalCount)" "OrderQueries.stuck (count)" "" "" <<SQL
select count(*) from orders o where o.stuck_since is not null
SQL
query 7 "orders(filter: {stuck: true}) first page" "OrderQueries.page, filter stuck" "" "" <<SQL
select $order_cols from orders o where o.stuck_since is not null order by o.placed_at desc, o.id desc limit 21
SQL
# Issue #17: stuck orders of one reason (orders_stuck_reason_idx, V12_1).
i=0
for reason in UNROUTED NOT_PROGRESSING BACKORDER_OVERDUE; do
    i=$((i + 1))
    query "5.$i" "stuckOrders(reason: $reason) first page" "OrderQueries.stuck, reason" varchar "'$reason'" <<SQL
select $order_cols from orders o where o.stuck_since is not null and o.stuck_reason = \$1
order by o.stuck_since asc, o.id asc limit 21
SQL
    query "6.$i" "stuckOrders(reason: $reason) totalCount (= orders(filter: {stuckReason}) totalCount)" \
        "OrderQueries.stuck (count), reason" varchar "'$reason'" <<SQL
select count(*) from orders o where o.stuck_since is not null and o.stuck_reason = \$1
SQL
    query "7.$i" "orders(filter: {stuckReason: $reason}) first page" "OrderQueries.page, filter stuckReason" \
        varchar "'$reason'" <<SQL
select $order_cols from orders o where o.stuck_since is not null and o.stuck_reason = \$1
order by o.placed_at desc, o.id desc limit 21
SQL
done

query 8 "backorders(filter: {sku: $hot_sku}) first page" "BackorderQueries.page + KeysetPages.page" varchar \
    "'$hot_sku'" <<SQL
select $backorder_cols from backorders b where b.sku = \$1 order by b.created_at desc, b.id desc limit 21
SQL
query 9 "backorders(filter: {sku: $hot_sku}) totalCount" "BackorderQueries.page (count)" varchar "'$hot_sku'" <<SQL
select count(*) from backorders b where b.sku = \$1
SQL
query 10 "backorders(filter: {sku: $hot_sku, status: OPEN}) first page" "BackorderQueries.page" \
    "varchar, varchar" "'$hot_sku', 'OPEN'" <<SQL
select $backorder_cols from backorders b where b.sku = \$1 and b.status = \$2 order by b.created_at desc, b.id desc limit 21
SQL
query 11 "backorders(filter: {sku: $hot_sku, status: OPEN}) totalCount" "BackorderQueries.page (count)" \
    "varchar, varchar" "'$hot_sku', 'OPEN'" <<SQL
select count(*) from backorders b where b.sku = \$1 and b.status = \$2
SQL
query 12 "backorders(filter: {status: OPEN}) first page" "BackorderQueries.page" varchar "'OPEN'" <<SQL
select $backorder_cols from backorders b where b.status = \$1 order by b.created_at desc, b.id desc limit 21
SQL
query 13 "backorders(filter: {status: OPEN}) totalCount" "BackorderQueries.page (count)" varchar "'OPEN'" <<SQL
select count(*) from backorders b where b.status = \$1
SQL

i=0
for reason in UNROUTED NOT_PROGRESSING BACKORDER_OVERDUE; do
    i=$((i + 1))
    query "14.$i" "detector candidates $reason (plain select, limit 500)" "StuckOrders.CANDIDATES + flagBatch" \
        "timestamptz, timestamptz" "$times" <<SQL
select o.id from orders o
where o.stuck_since is null and o.status not in $terminal and ${candidates[$reason]}
limit 500
SQL
done
i=0
for reason in UNROUTED NOT_PROGRESSING BACKORDER_OVERDUE; do
    i=$((i + 1))
    query "15.$i" "detector still-holds check $reason (plain select, limit 500)" "StuckOrders.HOLDS + clearBatch" \
        "timestamptz, timestamptz" "$times" <<SQL
select o.id from orders o
where o.stuck_since is not null and o.stuck_reason = '$reason' and not (${holds[$reason]})
limit 500
SQL
done

query 16 "backlog gauges" "BacklogGauges.COUNTS" "" "" <<'SQL'
select (select count(*) from backorders where status = 'OPEN') as open_backorders,
       (select count(*) from routing_jobs where status = 'PENDING') as routing_queue,
       count(*) filter (where stuck_reason = 'UNROUTED') as unrouted,
       count(*) filter (where stuck_reason = 'NOT_PROGRESSING') as not_progressing,
       count(*) filter (where stuck_reason = 'BACKORDER_OVERDUE') as backorder_overdue
from orders where stuck_since is not null
SQL

# The detector's whole statements (flagBatch, clearBatch: they write, so each run is rolled back).
# flag_sql CANDIDATE: StuckOrders.flagBatch with that candidate condition.
flag_sql() {
    cat <<SQL
with candidates as (
    select o.id from orders o
    where o.stuck_since is null and o.status not in $terminal and $1
    limit \$3
    for update of o skip locked
), flagged as (
    update orders o set stuck_since = \$1::timestamptz, stuck_reason = \$4::varchar
    from candidates c where o.id = c.id
    returning o.id, o.number, o.status
), events as (
    $audit_columns
    select id, 'ORDER_STUCK', status, status, \$5::varchar, \$6::varchar,
           jsonb_build_object('reason', \$4::varchar), \$1::timestamptz from flagged
), notices as (
    insert into notifications (id, kind, order_id, recipient, payload, status, attempts,
        next_attempt_at, created_at)
    select gen_random_uuid(), 'ORDER_STUCK', id, \$7::varchar,
           jsonb_build_object('orderNumber', number, 'status', status,
                              'reason', \$4::varchar, 'stuckSince', \$1::timestamptz),
           'PENDING', 0, \$1::timestamptz, \$1::timestamptz from flagged
)
select count(*) from flagged
SQL
}
flag_types="timestamptz, timestamptz, int4, varchar, varchar, varchar, varchar"
flag_args() { echo "$times, 500, '$1', 'system:stuck-orders', '${note[$1]}', 'ops@example.com'"; }
i=0
for reason in UNROUTED NOT_PROGRESSING BACKORDER_OVERDUE; do
    i=$((i + 1))
    flag_sql "${candidates[$reason]}" | query "17.$i" "detector flagBatch $reason (whole statement, rolled back)" \
        "StuckOrders.flagBatch" "$flag_types" "$(flag_args "$reason")" rollback
done
i=0
for reason in UNROUTED NOT_PROGRESSING BACKORDER_OVERDUE; do
    i=$((i + 1))
    query "18.$i" "detector clearBatch $reason (whole statement, rolled back)" "StuckOrders.clearBatch" \
        "timestamptz, timestamptz, int4, varchar, varchar" \
        "$times, 500, '$reason', 'system:stuck-orders'" rollback <<SQL
with moved as (
    select o.id from orders o
    where \$2::timestamptz is not null and o.stuck_since is not null and o.stuck_reason = \$4::varchar
        and not (${holds[$reason]})
    limit \$3
    for update of o skip locked
), cleared as (
    update orders o set stuck_since = null, stuck_reason = null
    from moved m where o.id = m.id
    returning o.id, o.status
), events as (
    $audit_columns
    select id, 'STUCK_CLEARED', status, status, \$5::varchar, 'the order moves again',
           jsonb_build_object('reason', \$4::varchar), \$1::timestamptz from cleared
)
select count(*) from cleared
SQL
done

# ---- issue #15: the admin filters, the sort and backward paging (OrderQueries.where, KeysetPages.page) ----------
# Each filter alone, as the admin console sends it, first page of 20 (limit 21), newest first unless noted.
query 20.NUMBER "orders(filter: {number})" "OrderQueries.page, filter number" int8 "$find_number" <<SQL
select $order_cols from orders o where o.number = \$1 order by o.placed_at desc, o.id desc limit 21
SQL
query 20.EMAIL "orders(filter: {email}) (any case)" "OrderQueries.page, filter email (V9_1)" varchar "'$find_email'" <<SQL
select $order_cols from orders o where lower(o.email) = lower(\$1) order by o.placed_at desc, o.id desc limit 21
SQL
query 20.EMAIL_COUNT "orders(filter: {email}) totalCount" "OrderQueries.page (count)" varchar "'$find_email'" <<SQL
select count(*) from orders o where lower(o.email) = lower(\$1)
SQL
query 20.LOCATION "orders(filter: {locationId}) (busiest location)" "OrderQueries.page, filter locationId (V9_2)" \
    uuid "'$busy_location'" <<SQL
select $order_cols from orders o where o.id in (select f.order_id from fulfillment_orders f where f.location_id = \$1)
order by o.placed_at desc, o.id desc limit 21
SQL
query 20.LOCATION_QUIET "orders(filter: {locationId}) (quietest location)" "OrderQueries.page, filter locationId (V9_2)" \
    uuid "'$quiet_location'" <<SQL
select $order_cols from orders o where o.id in (select f.order_id from fulfillment_orders f where f.location_id = \$1)
order by o.placed_at desc, o.id desc limit 21
SQL
query 20.LOCATION_STATUS "orders(filter: {locationId, status: AWAITING_FULFILLMENT})" "OrderQueries.page" \
    "uuid, varchar" "'$busy_location', 'AWAITING_FULFILLMENT'" <<SQL
select $order_cols from orders o where o.id in (select f.order_id from fulfillment_orders f where f.location_id = \$1)
and o.status = \$2 order by o.placed_at desc, o.id desc limit 21
SQL
query 20.RANGE "orders(filter: {placedFrom, placedTo}) (one day, a month back)" "OrderQueries.page, time range" \
    "timestamptz, timestamptz" "now() - interval '31 days', now() - interval '30 days'" <<SQL
select $order_cols from orders o where o.placed_at >= \$1 and o.placed_at < \$2 order by o.placed_at desc, o.id desc limit 21
SQL
query 20.STATUS_ASC "orders(filter: {status: PAID}, sort: PLACED_AT_ASC)" "OrderQueries.page, sort ascending" \
    varchar "'PAID'" <<SQL
select $order_cols from orders o where o.status = \$1 order by o.placed_at asc, o.id asc limit 21
SQL
query 20.LAST "orders(filter: {status: DELIVERED}, last: 20) (the oldest page, read backward)" \
    "OrderQueries.page, last" varchar "'DELIVERED'" <<SQL
select $order_cols from orders o where o.status = \$1 order by o.placed_at asc, o.id asc limit 21
SQL
query 20.BEFORE "orders(filter: {status: DELIVERED}, last: 20, before: a cursor half-way down)" \
    "OrderQueries.page, last + before" "varchar, timestamptz, uuid" "'DELIVERED', '$deep_placed', '$deep_id'" <<SQL
select $order_cols from orders o where o.status = \$1 and (o.placed_at, o.id) > (\$2, \$3)
order by o.placed_at asc, o.id asc limit 21
SQL
query 20.PREVIOUS "hasPreviousPage of a page after a cursor half-way down (status DELIVERED)" \
    "KeysetPages.exists" "varchar, timestamptz, uuid" "'DELIVERED', '$deep_placed', '$deep_id'" <<SQL
select 1 from orders o where o.status = \$1 and (o.placed_at, o.id) >= (\$2, \$3) order by o.placed_at asc, o.id asc limit 1
SQL
query 20.STUCK_FALSE "orders(filter: {stuck: false})" "OrderQueries.page, filter stuck false" "" "" <<SQL
select $order_cols from orders o where o.stuck_since is null order by o.placed_at desc, o.id desc limit 21
SQL
query 21 "inventoryLevelsAt(locationId) first page (busiest location)" "InventoryQueries.levelsAt" uuid \
    "'$busy_location'" <<SQL
select l.id, l.code, l.name, l.type, l.priority, l.active, l.latitude, l.longitude, l.countries, l.lead_time_days,
       i.id as level_id, i.sku, i.on_hand, i.reserved, i.safety_stock, i.held
from inventory_levels i join locations l on l.id = i.location_id where i.location_id = \$1
order by i.sku asc, i.id asc limit 21
SQL
# Issue #17: the routing queue of the console's overview; routing_jobs has a DONE row per order ever routed.
query 22 "routingQueue" "RoutingJobQueries.STATE" timestamptz "now()" <<'SQL'
select (select count(*) from routing_jobs where status = 'PENDING')::int as depth,
       (select count(*) from routing_jobs where status = 'PENDING' and next_attempt_at <= $1)::int as due,
       (select count(*) from routing_jobs where status = 'PENDING' and attempts > 0)::int as retrying,
       (select min(next_attempt_at) from routing_jobs
        where status = 'PENDING' and next_attempt_at <= $1) as oldest_due_since,
       (select count(*) from routing_jobs where status = 'FAILED')::int as failed
SQL

# ---- report -----------------------------------------------------------------------------------------------
echo "## EXPLAIN (ANALYZE, BUFFERS): $db${with:+, with the indexes of $(basename "$with")}"
echo
psql_db -At <<'SQL'
select '- Database: ' || current_database() || ' (' || pg_size_pretty(pg_database_size(current_database())) || '); '
       || coalesce(shobj_description(d.oid, 'pg_database'), 'no seed comment')
from pg_database d where d.datname = current_database();
select '- Server: ' || split_part(version(), ' on ', 1) || '; settings: ' || string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name)
from pg_settings where name in ('shared_buffers','work_mem','effective_cache_size','random_page_cost','jit',
                                'max_parallel_workers_per_gather','plan_cache_mode');
select '- Run at: ' || to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC (the detector''s $1 = now(), $2 = now() - 24 h)';
SQL
echo "- Parameters: order id $order_id (the median order number); hot SKU $hot_sku (most backorders);"\
     "cursor half-way down DELIVERED: ($deep_placed, $deep_id); order number $find_number, email $find_email;"\
     "locations $busy_location (most fulfillment orders), $quiet_location (fewest)."
if [ -n "$with" ]; then
    echo "- Created first (and analyzed, $with_ms ms): ${created[*]:-none} from $with;" \
         "$([ "${KEEP_INDEXES:-0}" = 1 ] && echo kept afterwards || echo dropped again afterwards)."
fi
echo "- Statements: PREPARE with the service's parameter types, then EXPLAIN (ANALYZE, BUFFERS) EXECUTE twice"\
     "(custom plans); times are the executor's Execution Time in ms; the plan shown is run 2's."
echo "- Flagged: any Seq Scan on $(echo "$big" | sed 's/|/, /g')."
echo
echo "| # | query | rows | run 1 ms | run 2 ms | plan summary (top node: scan nodes) | index-backed |"
echo "|---|---|---:|---:|---:|---|---|"
cat "$summary"
echo
cat "$plans"
