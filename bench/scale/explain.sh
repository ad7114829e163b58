#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the service's read queries and of the stuck-order detector's statements against
# a database made by bench/scale/seed.sh. Prints Markdown: a summary table, then every plan in full.
#
# Usage: bench/scale/explain.sh [DB=oms_scale] [--with FILE.sql]
#   --with FILE.sql  first runs FILE (CREATE INDEX statements: the proposed fix), ANALYZEs, runs the queries,
#                    then drops the indexes FILE created again (KEEP_INDEXES=1 keeps them).
#   ONLY=REGEX       runs only the queries whose id or label matches REGEX (extended regex), e.g. '^R\.' for
#                    every statement of a restock (issue #14), '^20\.' for the admin filters (issue #15).
# Connection: PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER (postgres).
#
# The SQL is the service's, copied from the code named next to each query. Each query is PREPAREd with the
# parameter types the service binds and run with EXPLAIN (ANALYZE, BUFFERS) EXECUTE twice; both runs get a
# custom plan for the actual values (a prepared statement's first five executions always do), which is what
# the service's unnamed prepared statements get. Run 1 is the first touch in this session (the data may still
# be in the OS cache), run 2 is warm; the plan shown is run 2's. The one session setting is the service's own:
# jit=off (its connections send it, application.properties); otherwise the plans are the ones the server's
# configuration gives. The detector's times are $1 = now() and $2 = now() - 24 hours
# (the default oms.stuck.threshold) and its batch is 500 (oms.stuck.batch-size). The whole flagBatch and
# clearBatch statements (17.x, 18.x) write, so each run is wrapped in BEGIN ... ROLLBACK.
set -euo pipefail

db=oms_scale
with=""
while [ $# -gt 0 ]; do
    case $1 in
        --with) with=$2; shift 2 ;;
        -h | --help) sed -n 2,20p "$0"; exit 0 ;;
        *) db=$1; shift ;;
    esac
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# The service's connections run without JIT (quarkus.datasource.reactive.additional-properties.jit).
export PGOPTIONS="-c jit=${EXPLAIN_JIT:-off}"
only=${ONLY:-}
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Big tables: a Seq Scan on one of these is flagged.
big='orders|order_lines|fulfillment_orders|fulfillment_order_lines|backorders|inventory_levels|incoming_stock|routing_jobs|order_events'

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

# issue #14's restock: the SKU with the most open backorders, at the first active location shipping to the US
# that stocks it; the first page (500) of its FIFO queue, as FillQueries.next returns it.
fill_sku=$(psql_db -Atc "select sku from backorders where status = 'OPEN' group by sku order by count(*) desc, sku limit 1")
fill_location=$(psql_db -Atc "select l.id from locations l left join inventory_levels i on i.location_id = l.id
    and i.sku = '$fill_sku' where l.active and 'US' = any(l.countries) order by (i.id is null), l.code limit 1")
fill_page=$(psql_db -F ' ' -At <<SQL
select to_char(min(b.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), b.order_id
from backorders b join orders o on o.id = b.order_id join locations l on l.id = '$fill_location'
where b.sku = '$fill_sku' and b.status = 'OPEN' and o.ship_country = any(l.countries)
group by b.order_id order by min(b.created_at), b.order_id limit 500
SQL
)
fill_count=$(printf '%s\n' "$fill_page" | grep -c . || true)
read -r fill_after_at fill_after_id < <(printf '%s\n' "$fill_page" | tail -n 1)
fill_ids="{$(printf '%s\n' "$fill_page" | awk '{ print $2 }' | paste -sd ,)}"
fill_order=$(printf '%s\n' "$fill_page" | awk 'NR == 1 { print $2 }')
fill_line=$(psql_db -Atc "select id from order_lines where order_id = '$fill_order' and sku = '$fill_sku' limit 1")
fill_backorder=$(psql_db -Atc "select id from backorders where order_id = '$fill_order' and sku = '$fill_sku'
    and status = 'OPEN' order by created_at, id limit 1")
fill_backorders="{$(psql_db -Atc "select string_agg(id::text, ',') from backorders where order_id = any('$fill_ids')
    and sku = '$fill_sku' and status = 'OPEN'")}"
mapfile -t redate_skus_list < <(psql_db -At <<SQL
select '$fill_sku' union
select distinct b2.sku from backorders b join orders o on o.id = b.order_id
join backorders b2 on b2.order_id = b.order_id and b2.status = 'OPEN'
where b.sku = '$fill_sku' and b.status = 'OPEN' and o.split_policy = 'SHIP_COMPLETE'
SQL
)
redate_skus="{$(IFS=,; echo "${redate_skus_list[*]}")}"
import_skus="{$(psql_db -Atc "select string_agg(sku, ',') from (select sku from backorders where status = 'OPEN'
    group by sku order by count(*) desc, sku limit 100) s")}"
read -r incoming_location incoming_sku < <(psql_db -F ' ' -Atc "select location_id, sku from incoming_stock
    group by 1, 2 order by (sku = '$fill_sku') desc, count(*) desc, 1, 2 limit 1")
# issue #17's backorderSummary.bySku: the SKU half-way down the list of SKUs waiting longest first (its oldest open
# backorder is the cursor), and the SKUs of the first page of 20.
read -r wait_after_at wait_after_id < <(psql_db -F ' ' -Atc "select to_char(created_at at time zone 'UTC',
    'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), id from (select distinct on (sku) sku, created_at, id from backorders
    where status = 'OPEN' order by sku, created_at, id) s order by created_at, id
    offset (select count(distinct sku) / 2 from backorders where status = 'OPEN') limit 1")
wait_skus="{$(psql_db -Atc "select string_agg(sku, ',') from (select sku from backorders where status = 'OPEN'
    group by sku order by min(created_at) limit 20) s")}"
psql_vars=(-v "fill_ids=$fill_ids" -v "fill_backorders=$fill_backorders" -v "redate_skus=$redate_skus"
    -v "import_skus=$import_skus" -v "wait_skus=$wait_skus")
# io.oms.inventory.persistence.StockLevels.MOVEMENT and io.oms.order.persistence.OrderStore.ORDER_COLUMNS
movement="insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after,
    reserved_after, reason, actor, order_id, occurred_at)"
store_order_cols="id, number, customer_id, email, currency, split_policy, ship_country, ship_latitude, ship_longitude,
status, subtotal, total, refunded_total, payment_reference, updated_at, stuck_since, stuck_reason, version"

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
    out=$(psql_db "${psql_vars[@]}" -At <<SQL
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
        # A fill page's 500 ids would fill the page: long array literals are cut after 100 characters.
        printf '```\n%s\n```\n\n' "$(printf '%s\n' "$plan2" | perl -pe "s/'\\{([^}]{100})[^}]*\\}'/'{\\1...}'/g")"
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

# ---- issue #15: the admin filters, both sorts and paging both ways (OrderQueries.where, KeysetPages.page) ----------
# Each filter of orders(filter:) alone, as the admin console sends it (first: 20 or last: 20, so limit 21), in the
# SQL KeysetPages builds: FIRST the newest first (the default sort), ASC the oldest first (sort: PLACED_AT_ASC, and
# also last: 20 of the default sort), AFTER the newest-first page after a cursor half-way down the filter's rows,
# BEFORE last: 20 before that cursor (read oldest first from it; also the oldest-first page after it), PREVIOUS
# the probe behind hasPreviousPage of the AFTER page (hasNextPage of BEFORE is its mirror), COUNT totalCount.
# filter ID LABEL TYPES ARGS WHERE [FROM KEY KEYID]: the six queries of one filter; WHERE binds $1..$n, the cursor
# the two after. FROM (default `orders o`) is what the list is read from, KEY and KEYID its keyset columns (default
# o.placed_at and o.id): a location's orders are read from its fulfillment orders (V14).
filter() {
    local id=$1 label=$2 types=$3 args=$4 where=$5 from=${6:-orders o} key=${7:-o.placed_at} kid=${8:-o.id}
    local n k1 k2 cursor_at cursor_id
    if [ -n "$only" ] && ! [[ 20.$id =~ $only || $label =~ $only ]]; then
        return 0
    fi
    n=$( { grep -oE '\$[0-9]+' <<<"$where" || true; } | sort -u | wc -l)
    k1=$((n + 1)); k2=$((n + 2))
    read -r cursor_at cursor_id < <(psql_db -F ' ' -At <<SQL
prepare c${types:+($types)} as
select to_char($key at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), $kid from $from where $where
order by $key desc, $kid desc offset (select count(*) / 2 from $from where $where) limit 1;
execute c${args:+($args)};
SQL
)
    local ctypes="${types:+$types, }timestamptz, uuid" cargs="${args:+$args, }'$cursor_at', '$cursor_id'"
    query "20.$id.FIRST" "orders(filter: $label) first page, newest first" "OrderQueries.page" "$types" "$args" <<SQL
select $order_cols from $from where $where order by $key desc, $kid desc limit 21
SQL
    query "20.$id.ASC" "orders(filter: $label, sort: PLACED_AT_ASC) first page (= last: 20)" "OrderQueries.page" \
        "$types" "$args" <<SQL
select $order_cols from $from where $where order by $key asc, $kid asc limit 21
SQL
    query "20.$id.AFTER" "orders(filter: $label, after: half-way)" "KeysetPages.page (after)" "$ctypes" "$cargs" <<SQL
select $order_cols from $from where $where and ($key, $kid) < (\$$k1, \$$k2)
order by $key desc, $kid desc limit 21
SQL
    query "20.$id.BEFORE" "orders(filter: $label, last: 20, before: half-way)" "KeysetPages.page (before)" \
        "$ctypes" "$cargs" <<SQL
select $order_cols from $from where $where and ($key, $kid) > (\$$k1, \$$k2)
order by $key asc, $kid asc limit 21
SQL
    query "20.$id.PREVIOUS" "orders(filter: $label, after: half-way) hasPreviousPage" "KeysetPages.exists" \
        "$ctypes" "$cargs" <<SQL
select 1 from $from where $where and ($key, $kid) >= (\$$k1, \$$k2)
order by $key asc, $kid asc limit 1
SQL
    query "20.$id.COUNT" "orders(filter: $label) totalCount" "KeysetPages.page (count)" "$types" "$args" <<SQL
select count(*) from $from where $where
SQL
}
filter NUMBER "{number}" int8 "$find_number" 'o.number = $1'
filter EMAIL "{email} (any case)" varchar "'$find_email'" 'lower(o.email) = lower($1)'
filter STATUS "{status: DELIVERED}" varchar "'DELIVERED'" 'o.status = $1'
filter STATUS_PAID "{status: PAID}" varchar "'PAID'" 'o.status = $1'
filter STUCK "{stuck: true}" "" "" 'o.stuck_since is not null'
filter NOT_STUCK "{stuck: false}" "" "" 'o.stuck_since is null'
filter FROM "{placedFrom: a month ago}" timestamptz "now() - interval '31 days'" 'o.placed_at >= $1'
filter TO "{placedTo: a year ago}" timestamptz "now() - interval '365 days'" 'o.placed_at < $1'
filter RANGE "{placedFrom, placedTo} (one day, a month back)" "timestamptz, timestamptz" \
    "now() - interval '31 days', now() - interval '30 days'" 'o.placed_at >= $1 and o.placed_at < $2'
# OrderQueries.where/page for a location: its fulfillment orders in page order, each order once.
by_location="fulfillment_orders lo join orders o on o.id = lo.order_id"
once_at='lo.location_id = $1 and not exists (select 1 from fulfillment_orders d
    where d.location_id = lo.location_id and d.order_placed_at = lo.order_placed_at
      and d.order_id = lo.order_id and d.id < lo.id)'
filter LOCATION "{locationId} (busiest location)" uuid "'$busy_location'" "$once_at" \
    "$by_location" lo.order_placed_at lo.order_id
filter LOCATION_QUIET "{locationId} (quietest location)" uuid "'$quiet_location'" "$once_at" \
    "$by_location" lo.order_placed_at lo.order_id
filter LOCATION_STATUS "{locationId, status: AWAITING_FULFILLMENT}" "uuid, varchar" \
    "'$busy_location', 'AWAITING_FULFILLMENT'" "$once_at and o.status = \$2" \
    "$by_location" lo.order_placed_at lo.order_id

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

# Issue #17: orderActivity, the console's chart: the last 12 hours (what the overview asks), and the longest
# window allowed, 168 hours; order_events holds every order's trail (several events per order). Bound as the
# service binds them: the window's whole-bucket start and end, and the bucket's unit for date_trunc.
for activity in "23.1 12 hours" "23.2 168 hours"; do
    read -r activity_id activity_hours _ <<<"$activity"
    query "$activity_id" "orderActivity(last $activity_hours hours, HOUR)" "OrderActivityQueries.ACTIVITY" \
        "timestamptz, timestamptz, text" \
        "date_trunc('hour', now()) - interval '$((activity_hours - 1)) hours', date_trunc('hour', now()) + interval '1 hour', 'hour'" <<'SQL'
select date_trunc($3, occurred_at, 'UTC') as start,
       count(*) filter (where type = 'ORDER_PLACED')::int as placed,
       count(*) filter (where to_status = 'PAID' and from_status is distinct from 'PAID')::int as paid,
       count(*) filter (where type = 'ORDER_ROUTED' and from_status = 'PAID')::int as routed,
       count(*) filter (where type = 'FULFILLMENT_SHIPPED')::int as shipped,
       count(*) filter (where to_status = 'CANCELLED'
                        and from_status is distinct from 'CANCELLED')::int as cancelled
from order_events
where type in ('ORDER_PLACED', 'PAYMENT_CONFIRMED', 'STATUS_CHANGED', 'ORDER_ROUTED', 'FULFILLMENT_SHIPPED')
  and occurred_at >= $1 and occurred_at < $2
group by 1
SQL
done

# Issue #17: backorderSummary (the console's overview card and backorders page), all from backorders_open_sku_idx
# (V12_5). open_skus: BackorderQueries.OPEN_SKUS, the SKUs with open backorders by a loose index scan; oldest: its
# OLDEST_PER_SKU, each SKU's oldest open backorder, the key of bySku (KeysetPages.page over it, first/last 20).
open_skus="with recursive skus (sku) as (
    (select sku from backorders where status = 'OPEN' order by sku limit 1)
    union all
    select (select b.sku from backorders b where b.status = 'OPEN' and b.sku > skus.sku
            order by b.sku limit 1)
    from skus where skus.sku is not null)"
oldest="($open_skus
select oldest.sku, oldest.created_at, oldest.id from skus cross join lateral (
    select b.sku, b.created_at, b.id from backorders b where b.status = 'OPEN' and b.sku = skus.sku
    order by b.created_at, b.id limit 1) oldest) s"
query 24.1 "backorderSummary { openCount unitsWaiting skuCount }" "BackorderQueries.totals" "" "" <<SQL
$open_skus
select count(*)::int as open_count, coalesce(sum(quantity), 0)::int as units,
       (select count(*) from skus where sku is not null)::int as skus
from backorders where status = 'OPEN'
SQL
query 24.2 "backorderSummary.bySku first page" "BackorderQueries.bySku + KeysetPages.page" "" "" <<SQL
select s.sku, s.created_at, s.id from $oldest order by s.created_at asc, s.id asc limit 21
SQL
query 24.3 "backorderSummary.bySku page after a cursor half-way down" "BackorderQueries.bySku + KeysetPages.page (after)" \
    "timestamptz, uuid" "'$wait_after_at', '$wait_after_id'" <<SQL
select s.sku, s.created_at, s.id from $oldest where (s.created_at, s.id) > (\$1, \$2)
order by s.created_at asc, s.id asc limit 21
SQL
query 24.4 "backorderSummary.bySku last 20 before that cursor" "BackorderQueries.bySku + KeysetPages.page (before)" \
    "timestamptz, uuid" "'$wait_after_at', '$wait_after_id'" <<SQL
select s.sku, s.created_at, s.id from $oldest where (s.created_at, s.id) < (\$1, \$2)
order by s.created_at desc, s.id desc limit 21
SQL
query 24.5 "backorderSummary.bySku hasPreviousPage after that cursor" "KeysetPages.exists" \
    "timestamptz, uuid" "'$wait_after_at', '$wait_after_id'" <<SQL
select 1 from $oldest where (s.created_at, s.id) <= (\$1, \$2) order by s.created_at desc, s.id desc limit 1
SQL
query 24.6 "backorderSummary.bySku totalCount" "BackorderQueries.bySku + KeysetPages.page (count)" "" "" <<SQL
select count(*) from $oldest
SQL
query 24.7 "backorderSummary.bySku figures of a page's 20 SKUs" "BackorderQueries.figures" "varchar[]" \
    ":'wait_skus'" <<'SQL'
select sku, count(*)::int as open_count, sum(quantity)::int as units, min(expected_at) as next_expected_at
from backorders where status = 'OPEN' and sku = any($1) group by sku
SQL

# ---- issue #14: every statement a restock runs ---------------------------------------------------------------
# A receipt (Restock.receive: InventoryService.receive, Backorders.redate) and the fill pass it asks for
# (BackorderFiller, BatchFill, RoutingService.fillBackorders for orders a batch cannot take). Parameters: the SKU
# with the most open backorders, at an active US location; the fill page is the first 500 orders of its FIFO queue
# (BackorderConfig.fillPage), as FillQueries.next returns them. Writes run inside BEGIN ... ROLLBACK. Inserts of
# VALUES (ledger rows, fulfillment orders and lines, backorders, audit events, notices) have no plan to speak of
# and are left out.
query R.1 "restock: create the level if absent (lockOrCreate)" "StockLevels.lockOrCreate" \
    "uuid, uuid, varchar, timestamptz" "gen_random_uuid(), '$fill_location', '$fill_sku', now()" rollback <<'SQL'
insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version, updated_at)
values ($1, $2, $3, 0, 0, 0, 0, $4)
on conflict (location_id, sku) do nothing
SQL
query R.2 "restock: lock the level (lockOrCreate)" "StockLevels.lockOrCreate" "uuid, varchar" \
    "'$fill_location', '$fill_sku'" rollback <<'SQL'
select on_hand, reserved, safety_stock, held from inventory_levels
where location_id = $1 and sku = $2 for update
SQL
query R.3 "restock: new on-hand quantity and its ledger row (setOnHand)" "StockLevels.setOnHand" \
    "uuid, varchar, int4, int4, varchar, varchar, uuid, timestamptz" \
    "'$fill_location', '$fill_sku', 1000, 1000, 'received', 'bench', null, now()" rollback <<SQL
with changed as (
    update inventory_levels set on_hand = \$3, version = version + 1, updated_at = \$8,
        held = least(held, greatest(\$3 - reserved, 0))
    where location_id = \$1 and sku = \$2
    returning location_id, sku, on_hand, reserved)
$movement
select location_id, sku, \$4, 0, on_hand, reserved, \$5, \$6, \$7, \$8 from changed
SQL
query R.4 "restock: hold the free units for the waiting backorders (holdForWaiting)" \
    "StockLevels.HOLD_FOR_WAITING" "uuid, varchar" "'$fill_location', '$fill_sku'" rollback <<'SQL'
with demand as (
    select coalesce(sum(b.quantity), 0) as units
    from backorders b join orders o on o.id = b.order_id join locations l on l.id = $1
    where b.sku = $2 and b.status = 'OPEN' and l.active and o.ship_country = any(l.countries))
update inventory_levels i
set held = greatest(least(i.on_hand - i.reserved - i.safety_stock, d.units), i.held, 0),
    fill_requests = i.fill_requests + 1
from demand d
where i.location_id = $1 and i.sku = $2 and d.units > 0
returning i.location_id
SQL
query R.5 "restock: take the receipt off the stock expected (IncomingStock.consume)" "IncomingStock.consume" \
    "uuid, varchar, int8" "'$incoming_location', '$incoming_sku', 10" rollback <<'SQL'
with locked as (
    select id, quantity, expected_at from incoming_stock
    where location_id = $1 and sku = $2 for update),
batches as (
    select id, quantity, sum(quantity) over (order by expected_at, id) - quantity as before
    from locked),
taken as (
    select id, quantity, least(quantity, greatest($3::bigint - before, 0)) as take
    from batches),
removed as (
    delete from incoming_stock i using taken t where i.id = t.id and t.take = t.quantity
    returning i.id)
update incoming_stock i set quantity = i.quantity - t.take
from taken t where i.id = t.id and t.take > 0 and t.take < t.quantity
SQL
query R.6 "redate: SKUs that SHIP_COMPLETE orders waiting for it also wait for" \
    "BackorderStore.shipCompleteCompanions" "varchar[]" "'{$fill_sku}'" <<'SQL'
with waiting as materialized (
    select distinct b.order_id from backorders b join orders o on o.id = b.order_id
    where b.sku = any($1) and b.status = 'OPEN' and o.split_policy = 'SHIP_COMPLETE')
select distinct b2.sku from waiting w
join backorders b2 on b2.order_id = w.order_id and b2.status = 'OPEN'
SQL
query R.7 "redate: the expected-date queue of those SKUs (queuedOf, ${#redate_skus_list[@]} SKUs)" \
    "BackorderStore.queuedOf" "varchar[]" ":'redate_skus'" <<SQL
select $backorder_cols, o.ship_country, o.split_policy from backorders b
join orders o on o.id = b.order_id
where b.sku = any(\$1) and b.status = 'OPEN' order by b.created_at, b.id
SQL
query R.8 "redate: stock on its way, earliest first (per SKU)" "IncomingStock.earliestFirst" varchar \
    "'$incoming_sku'" <<'SQL'
select location_id, sku, quantity, expected_at from incoming_stock where sku = $1
order by expected_at, id
SQL
query R.9 "redate: active locations (per SKU)" "IncomingStock.outlook" "" "" <<'SQL'
select id, countries from locations where active
SQL
query R.10 "redate: lead times of the locations stocking the SKU" "IncomingStock.outlook" varchar "'$fill_sku'" <<'SQL'
select l.id, l.lead_time_days from locations l
join inventory_levels i on i.location_id = l.id
where i.sku = $1 and l.active and l.lead_time_days is not null
SQL
query R.11 "redate: countries with free stock of the SKU" "IncomingStock.outlook" varchar "'$fill_sku'" <<'SQL'
select distinct unnest(l.countries) from inventory_levels i
join locations l on l.id = i.location_id
where i.sku = $1 and l.active
  and i.on_hand - i.reserved - i.safety_stock - i.held > 0
SQL
query R.12 "redate: a backorder's new expected date" "BackorderStore.redate" "uuid, timestamptz, timestamptz" \
    "'$fill_backorder', now() + interval '3 days', now()" rollback <<'SQL'
update backorders set expected_at = $2, updated_at = $3, version = version + 1
where id = $1 and expected_at is distinct from $2
SQL
query R.13 "fill: take the level's lease" "FillPasses.exclusively" "uuid, varchar, varchar, int4" \
    "'$fill_location', '$fill_sku', 'bench', 60" rollback <<'SQL'
update inventory_levels set fill_owner = $3, fill_lease_until = now() + $4 * interval '1 second'
where location_id = $1 and sku = $2
  and (fill_lease_until is null or fill_lease_until < now())
returning 1
SQL
query R.14 "fill: renew the lease" "FillPasses.exclusively (renew)" "uuid, varchar, varchar, int4" \
    "'$fill_location', '$fill_sku', 'bench', 60" rollback <<'SQL'
update inventory_levels set fill_lease_until = now() + $4 * interval '1 second'
where location_id = $1 and sku = $2 and fill_owner = $3
SQL
query R.15 "fill: release the lease" "FillPasses.exclusively (release)" "uuid, varchar, varchar" \
    "'$fill_location', '$fill_sku', 'bench'" rollback <<'SQL'
update inventory_levels set fill_owner = null, fill_lease_until = null
where location_id = $1 and sku = $2 and fill_owner = $3
SQL
query R.16 "fill: requests seen so far" "FillPasses.requests" "uuid, varchar" "'$fill_location', '$fill_sku'" <<'SQL'
select fill_requests from inventory_levels where location_id = $1 and sku = $2
SQL
query R.17 "fill: claimable units" "FillPasses.claimable" "uuid, varchar" "'$fill_location', '$fill_sku'" <<'SQL'
select greatest(on_hand - reserved - safety_stock, 0) from inventory_levels
where location_id = $1 and sku = $2
SQL
next_sql='select min(b.created_at) as first_waiting, b.order_id
from backorders b join orders o on o.id = b.order_id
join locations l on l.id = $1
where b.sku = $2 and b.status = '"'OPEN'"' and o.ship_country = any(l.countries)
group by b.order_id
having ($3::timestamptz is null or (min(b.created_at), b.order_id) > ($3::timestamptz, $4::uuid))
order by first_waiting, b.order_id
limit $5'
query R.18 "fill: the FIFO queue, first page of 500" "FillQueries.next" "uuid, varchar, timestamptz, uuid, int4" \
    "'$fill_location', '$fill_sku', null, null, 500" <<<"$next_sql"
query R.19 "fill: the FIFO queue, the page after the first 500" "FillQueries.next" \
    "uuid, varchar, timestamptz, uuid, int4" "'$fill_location', '$fill_sku', '$fill_after_at', '$fill_after_id', 500" \
    <<<"$next_sql"
query R.20 "fill: which of the page's orders a batch can take" "FillQueries.simple" "uuid[], varchar" \
    ":'fill_ids', '$fill_sku'" <<'SQL'
select p.id from unnest($1::uuid[]) as p(id)
where (select o.status in ('AWAITING_FULFILLMENT', 'PARTIALLY_FULFILLED')
              and (select count(*) = 1 and bool_and(l.sku = $2) from order_lines l
                   where l.order_id = o.id and l.quantity - l.quantity_allocated
                         - l.quantity_cancelled - l.quantity_shipped > 0)
       from orders o where o.id = p.id)
SQL
query R.21 "batch fill: lock the page's orders (lockAll)" "OrderStore.lockAll" "uuid[]" ":'fill_ids'" rollback <<SQL
select $store_order_cols from orders where id = any(\$1) order by id for update
SQL
query R.22 "batch fill: their lines (linesOf)" "OrderStore.linesOf" "uuid[]" ":'fill_ids'" <<'SQL'
select id, line_no, sku, unit_price, quantity, quantity_allocated, quantity_backordered,
       quantity_cancelled, quantity_shipped, order_id
from order_lines where order_id = any($1) order by order_id, line_no
SQL
query R.23 "batch fill: the location" "Locations.find" uuid "'$fill_location'" <<'SQL'
select l.id, l.code, l.name, l.type, l.priority, l.active, l.latitude, l.longitude, l.countries, l.lead_time_days
from locations l where l.id = $1
SQL
query R.24 "batch fill: lock the level (lockForFill)" "StockLevels.lockForFill" "uuid, varchar" \
    "'$fill_location', '$fill_sku'" rollback <<'SQL'
select greatest(on_hand - reserved - safety_stock, 0) from inventory_levels
where location_id = $1 and sku = $2 for update
SQL
query R.25 "batch fill: claim the units (claimAll)" "StockLevels.claimAll" "uuid, varchar, int4, timestamptz" \
    "'$fill_location', '$fill_sku', 0, now()" rollback <<'SQL'
update inventory_levels
set reserved = reserved + $3, held = greatest(held - $3, 0), version = version + 1,
    updated_at = $4
where location_id = $1 and sku = $2 and on_hand - reserved - safety_stock >= $3
returning on_hand, reserved - $3
SQL
query R.26 "batch fill: next routing pass of each order" "FulfillmentStore.nextRoutingPasses" "uuid[]" \
    ":'fill_ids'" <<'SQL'
select o.id, coalesce((select max(f.routing_pass) from fulfillment_orders f
                       where f.order_id = o.id), 0) + 1
from unnest($1::uuid[]) as o(id)
SQL
query R.27 "batch fill: the orders' open backorders (openOfOrders)" "BackorderStore.openOfOrders" "uuid[]" \
    ":'fill_ids'" <<SQL
select $backorder_cols from backorders b where b.order_id = any(\$1) and b.status = 'OPEN' order by b.created_at, b.id
SQL
query R.28 "batch fill: close the filled backorders (close)" "BackorderStore.close" "uuid[], varchar, timestamptz" \
    ":'fill_backorders', 'ALLOCATED', now()" rollback <<'SQL'
update backorders set status = $2::varchar, updated_at = $3, version = version + 1,
    allocated_at = case when $2::varchar = 'ALLOCATED' then $3 else allocated_at end
where id = any($1)
SQL
query R.29 "batch fill: a backorder taken in part (resize)" "BackorderStore.resize" "uuid, int4, timestamptz" \
    "'$fill_backorder', 1, now()" rollback <<'SQL'
update backorders set quantity = $2, updated_at = $3, version = version + 1 where id = $1
SQL
query R.30 "batch fill: the changed lines (saveAll, one here)" "OrderStore.saveLines" \
    "uuid[], int4[], int4[], int4[], int4[]" \
    "array['$fill_line']::uuid[], array[1], array[0], array[0], array[0]" rollback <<'SQL'
update order_lines l set quantity_allocated = v.allocated, quantity_backordered = v.backordered,
    quantity_cancelled = v.cancelled, quantity_shipped = v.shipped
from unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[])
    as v(id, allocated, backordered, cancelled, shipped)
where l.id = v.id
SQL
query R.31 "batch fill: the changed orders (saveAll, one here)" "OrderStore.saveOrders" \
    "uuid[], text[], numeric[], numeric[], numeric[], text[], timestamptz[], timestamptz[], text[]" \
    "array['$fill_order']::uuid[], array['AWAITING_FULFILLMENT'], array[10], array[10], array[0], array['pi_bench'], array[now()], array[null]::timestamptz[], array[null]::text[]" \
    rollback <<'SQL'
update orders o set status = v.status, subtotal = v.subtotal, total = v.total,
    refunded_total = v.refunded_total, payment_reference = v.payment_reference,
    updated_at = v.updated_at, stuck_since = v.stuck_since, stuck_reason = v.stuck_reason,
    version = o.version + 1
from unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::text[],
            $7::timestamptz[], $8::timestamptz[], $9::text[])
    as v(id, status, subtotal, total, refunded_total, payment_reference, updated_at, stuck_since,
         stuck_reason)
where o.id = v.id
SQL
query R.32 "fill: end of the pass (finish)" "FillPasses.finish" "uuid, varchar, int8, bool" \
    "'$fill_location', '$fill_sku', 1, true" rollback <<'SQL'
update inventory_levels
set fill_done = greatest(fill_done, $3),
    held = case when $4 and fill_requests <= $3 then 0 else held end
where location_id = $1 and sku = $2
returning fill_requests > $3
SQL
query R.33 "fill: requested since the pass? (pending)" "FillPasses.pending" "uuid, varchar" \
    "'$fill_location', '$fill_sku'" <<'SQL'
select fill_requests > fill_done from inventory_levels where location_id = $1 and sku = $2
SQL
query R.34 "fill sweep: levels wanting a fill, first page" "FillPasses.wanting" "uuid, varchar, int4" \
    "null, null, 100" <<'SQL'
select location_id, sku from inventory_levels
where (fill_requests > fill_done or held > 0)
  and ($1::uuid is null or (location_id, sku) > ($1::uuid, $2::varchar))
order by location_id, sku limit $3
SQL
query R.35 "one-by-one route: the order locked with its lines" "OrderStore.lockWithLines" uuid "'$fill_order'" \
    rollback <<'SQL'
select o.id, o.number, o.customer_id, o.email, o.currency, o.split_policy, o.ship_country, o.ship_latitude,
       o.ship_longitude, o.status, o.subtotal, o.total, o.refunded_total, o.payment_reference, o.updated_at,
       o.stuck_since, o.stuck_reason, o.version, l.id as line_id, l.line_no, l.sku, l.unit_price, l.quantity,
       l.quantity_allocated, l.quantity_backordered, l.quantity_cancelled, l.quantity_shipped
from orders o left join order_lines l on l.order_id = o.id
where o.id = $1
order by l.line_no
for update of o
SQL
query R.36 "one-by-one route: the order's open backorders (openOf)" "BackorderStore.openOf" uuid "'$fill_order'" <<SQL
select $backorder_cols from backorders b where b.order_id = \$1 and b.status = 'OPEN' order by b.created_at, b.id
SQL
query R.37 "one-by-one route: stock of the order's SKUs where it may ship from" "StockLevels.AVAILABLE" \
    "varchar, varchar[], bool" "'US', '{$fill_sku}', true" <<'SQL'
select l.id, l.code, l.type, l.priority, l.latitude, l.longitude, i.sku,
       i.on_hand - i.reserved - i.safety_stock - case when $3 then 0 else i.held end as available
from inventory_levels i join locations l on l.id = i.location_id
where l.active and $1 = any(l.countries) and i.sku = any($2)
  and i.on_hand - i.reserved - i.safety_stock - case when $3 then 0 else i.held end > 0
order by l.code, i.sku
SQL
query R.38 "one-by-one route: claim held units (changeAll, one CLAIM)" "StockLevels.changeAll" \
    "uuid, varchar, int4, varchar, varchar, uuid, timestamptz" \
    "'$fill_location', '$fill_sku', 1, 'reserved for order', 'bench', '$fill_order', now()" rollback <<SQL
with c0 as (update inventory_levels set reserved = reserved + \$3, held = greatest(held - \$3, 0),
    version = version + 1, updated_at = \$7
    where location_id = \$1 and sku = \$2 and on_hand - reserved - safety_stock >= \$3
    returning location_id, sku, 0 as on_hand_delta, \$3::integer as reserved_delta, on_hand, reserved)
$movement
select location_id, sku, on_hand_delta, reserved_delta, on_hand, reserved, \$4, \$5, \$6, \$7
from (select * from c0) changed
returning location_id, sku
SQL
query R.39 "one-by-one route: the shipment with its routing pass (insertPass)" "FulfillmentStore.insertPass" \
    "uuid, uuid, uuid, timestamptz, timestamptz" \
    "gen_random_uuid(), '$fill_order', '$fill_location', now(), now()" rollback <<'SQL'
insert into fulfillment_orders (id, order_id, location_id, routing_pass, status, estimated_delivery_at,
    created_at, updated_at, version, order_placed_at)
values ($1, $2, $3,
    (select coalesce(max(f.routing_pass), 0) + 1 from fulfillment_orders f where f.order_id = $2),
    'OPEN', $4, $5, $5, 0, (select o.placed_at from orders o where o.id = $2))
returning routing_pass
SQL
query R.40 "new backorders: ask for a fill where such stock is free" "StockLevels.requestFillWhereFree" \
    "varchar, varchar" "'$fill_sku', 'US'" rollback <<'SQL'
update inventory_levels i set fill_requests = i.fill_requests + 1
from locations l
where l.id = i.location_id and l.active and $2 = any(l.countries) and i.sku = $1
  and i.on_hand - i.reserved - i.safety_stock - i.held > 0
returning i.location_id
SQL
query R.41 "import: hold what rose for the waiting backorders (holdRisen, 100 SKUs)" "StockLevels.holdRisen" \
    "uuid, varchar[]" "'$fill_location', :'import_skus'" rollback <<'SQL'
with demand as (
    select b.sku, sum(b.quantity) as units
    from backorders b join orders o on o.id = b.order_id join locations l on l.id = $1
    where b.sku = any($2) and b.status = 'OPEN' and l.active
      and o.ship_country = any(l.countries)
    group by b.sku)
update inventory_levels i
set held = greatest(least(i.on_hand - i.reserved - i.safety_stock, d.units), i.held, 0),
    fill_requests = i.fill_requests + 1
from demand d
where i.location_id = $1 and i.sku = d.sku
returning i.sku
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
echo "- Restock (R.x): SKU $fill_sku (most open backorders) at location $fill_location; fill page: the first" \
     "$fill_count orders of its FIFO queue (first order $fill_order, the page after starts past ($fill_after_at," \
     "$fill_after_id)); redate SKUs ${redate_skus}; incoming stock of $incoming_sku at $incoming_location;" \
     "import: the 100 SKUs with the most open backorders."
psql_db -At <<'SQL'
select '- Statistics: ' || count(*) filter (where coalesce(last_analyze, last_autoanalyze) is not null) || ' of '
       || count(*) || ' tables analyzed'
       || coalesce(' (last ' || to_char(max(greatest(last_analyze, last_autoanalyze)) at time zone 'UTC',
                                        'YYYY-MM-DD HH24:MI:SS') || ' UTC)', '')
       || ', ' || (select count(*) from pg_stats where schemaname = 'public') || ' column statistics (pg_stats)'
       || case when (select count(*) from pg_stats where schemaname = 'public') = 0
               then ': the planner uses its default selectivities' else '' end
       || '; autovacuum ' || current_setting('autovacuum') || '.'
from pg_stat_user_tables where schemaname = 'public';
SQL
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
