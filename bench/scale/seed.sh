#!/usr/bin/env bash
# Scale seed: (re)creates database DB, applies the Flyway migrations (src/main/resources/db/migration/V*.sql,
# in version order, with psql) and generates N orders in realistic states with set-based SQL, then VACUUM
# ANALYZE. See bench/scale/README.md for the data it makes and bench/scale/explain.sh for what reads it.
#
# Usage: bench/scale/seed.sh [N=1000000] [DB=oms_scale]
#   SEED_ANALYZE=0  ends with a plain VACUUM instead of VACUUM (ANALYZE): the tables have their row counts but no
#                   column statistics, as after a restore or a bulk load that no ANALYZE has seen yet (autovacuum is
#                   off on the bench machines). explain.sh on such a database shows the plans that do not depend on
#                   fresh statistics (issue #14); run `ANALYZE` afterwards for the other half.
# Connection: PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER (postgres); the user must be able to create
# databases. Everything random comes from a hash of the row's number (hashint8extended), so the same N gives
# the same data on every run, whatever plan PostgreSQL picks; all times are relative to the seed's start (t0).
set -euo pipefail

n=${1:-1000000}
db=${2:-oms_scale}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
here=$(cd "$(dirname "$0")" && pwd)
migrations=${OMS_MIGRATIONS:-$here/../../src/main/resources/db/migration}
case $n in '' | *[!0-9]*) echo "N must be a positive integer, got '$n'" >&2; exit 2 ;; esac
case $db in postgres | template0 | template1 | oms_dev | oms_test)
    echo "refusing to drop and recreate '$db': pick a scratch database name" >&2; exit 2 ;; esac

# Bulk-load settings of this script's own sessions only (the server's configuration is left alone).
export PGOPTIONS="-c synchronous_commit=off -c work_mem=256MB -c maintenance_work_mem=512MB -c jit=off -c client_min_messages=warning"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -v n="$n" -d "$db" "$@"; }
now_ms() { date +%s%3N; }
started=$(now_ms)

# step LABEL TABLE: runs the SQL on stdin in one session (one transaction), then prints the rows of TABLE
# (when given) and the time taken.
step() {
    local label=$1 table=${2:-} t rows=""
    t=$(now_ms)
    psql_db -1 -f - >/dev/null
    [ -n "$table" ] && rows=$(psql_db -Atc "select count(*) from $table")
    awk -v l="$label" -v r="$rows" -v s="$(( $(now_ms) - t ))" -v a="$(( $(now_ms) - started ))" \
        'BEGIN { printf "%-46s %10s %9.1f s   (total %6.1f s)\n", l, r, s / 1000, a / 1000 }'
}

echo "Scale seed: N=$n orders into database $db at $PGHOST:$PGPORT ($(nproc) cores)"
printf '%-46s %10s %11s\n' step rows time

t=$(now_ms)
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists \"$db\" with (force)" \
    -c "create database \"$db\""
# In Flyway's order: by version, V7 before V7_1 (a plain sort -V of the names puts V7_1__ first).
for f in $(cd "$migrations" && ls V*__*.sql | awk -F__ '{ v = substr($1, 2); gsub("_", ".", v); print v, $0 }' \
        | sort -t ' ' -k1,1V | cut -d ' ' -f 2); do
    # As Flyway does: each migration in one transaction, except CREATE INDEX CONCURRENTLY, which cannot run in one
    # (from V7 on every new index is built that way, alone in its file).
    if grep -qiE 'create\s+index\s+concurrently' "$migrations/$f"; then
        psql_db -f "$migrations/$f" >/dev/null
    else
        psql_db -1 -f "$migrations/$f" >/dev/null
    fi
    applied="${applied:-}${applied:+, }${f%%__*}"
done
awk -v l="database + migrations ($applied)" -v s="$(( $(now_ms) - t ))" -v a="$(( $(now_ms) - started ))" \
    'BEGIN { printf "%-46s %10s %9.1f s   (total %6.1f s)\n", l, "", s / 1000, a / 1000 }'

# ---------------------------------------------------------------------------------------------------------
# Scratch schema: the deterministic random function, the reference time and the staged orders and lines.
step "staging: orders (scale_seed.o)" scale_seed.o <<'SQL'
create schema scale_seed;
-- A uniform number in [0, 1) from (key, salt): 52 bits of PostgreSQL's 64-bit integer hash.
create function scale_seed.rnd(k bigint, salt int) returns float8 language sql immutable parallel safe as
    $$ select ((hashint8extended(k, salt) >> 11) & 4503599627370495)::float8 / 4503599627370496.0 $$;
create table scale_seed.params as select date_trunc('second', now()) as t0, :n::bigint as n;

-- Shipping destinations (customers live in one of these cities).
create table scale_seed.city (country text, idx int, name text, region text, postal text, lat float8, lon float8);
insert into scale_seed.city values
 ('US',0,'New York','NY','10001',40.71,-74.00), ('US',1,'Los Angeles','CA','90012',34.05,-118.24),
 ('US',2,'Chicago','IL','60601',41.88,-87.63), ('US',3,'Houston','TX','77002',29.76,-95.37),
 ('US',4,'Phoenix','AZ','85004',33.45,-112.07), ('US',5,'Philadelphia','PA','19103',39.95,-75.17),
 ('US',6,'Seattle','WA','98101',47.61,-122.33), ('US',7,'Boston','MA','02108',42.36,-71.06),
 ('US',8,'Denver','CO','80202',39.74,-104.99), ('US',9,'Atlanta','GA','30303',33.75,-84.39),
 ('CA',0,'Toronto','ON','M5H 2N2',43.65,-79.38), ('CA',1,'Montreal','QC','H2Y 1C6',45.50,-73.57),
 ('CA',2,'Vancouver','BC','V6B 1A1',49.28,-123.12),
 ('GB',0,'London',null,'EC1A 1BB',51.51,-0.13), ('GB',1,'Manchester',null,'M1 1AE',53.48,-2.24),
 ('DE',0,'Berlin',null,'10115',52.52,13.40), ('DE',1,'Munich',null,'80331',48.14,11.58);

-- One row per order: category (the status mix of the README), kind (stuck, fresh candidate, ...), number
-- of lines and fulfillment orders, and every time the other tables derive from.
create unlogged table scale_seed.o as
with b as (
    select g::bigint as n, md5('order-' || g)::uuid as id,
           scale_seed.rnd(g, 1) as rc, scale_seed.rnd(g, 2) as rs, scale_seed.rnd(g, 3) as rt,
           scale_seed.rnd(g, 4) as rp, scale_seed.rnd(g, 5) as rf, scale_seed.rnd(g, 6) as rl,
           scale_seed.rnd(g, 8) as rx, scale_seed.rnd(g, 9) as ry, scale_seed.rnd(g, 10) as rz,
           1 + floor(200000 * power(scale_seed.rnd(g, 7), 1.5))::int as cust
    from generate_series(1, :n) g
), c as (
    select b.*, case when rc < .70 then 'DELIVERED' when rc < .75 then 'FULFILLED' when rc < .80 then 'CANCELLED'
                     when rc < .83 then 'PENDING' when rc < .84 then 'PAID' when rc < .86 then 'BACKORDER'
                     when rc < .94 then 'OPEN_FO' when rc < .97 then 'REFUNDED' else 'PAYMENT_PROCESSING' end as cat
    from b
), k as (
    select c.*,
        case cat
            when 'PAID' then case when rs < .05 then 'STUCK_FAILED' when rs < .10 then 'STUCK_OLD'
                                  when rs < .102 then 'FRESH' when rs < .112 then 'RETRYING' else 'NORMAL' end
            when 'OPEN_FO' then case when rs < .03 then 'STUCK' when rs < .031 then 'FRESH' else 'NORMAL' end
            when 'BACKORDER' then case when rs < .05 then 'STUCK_PAST' when rs < .08 then 'STUCK_NULL'
                                       when rs < .082 then 'FRESH_NULL' when rs < .60 then 'FUTURE'
                                       else 'RECENT_NULL' end
            when 'CANCELLED' then case when rs < .03 then 'WITH_BACKORDER' when rs < .23 then 'WITH_FO'
                                       else 'NO_FO' end
            when 'DELIVERED' then case when rs < .03 then 'WITH_BACKORDER' else 'NORMAL' end
            else 'NORMAL' end as kind,
        (cat = 'OPEN_FO' and rp < .15) or (cat = 'BACKORDER' and rp < .40) as part
    from c
), l as (
    select k.*,
        -- 1-4 lines (mean ~1.9); a partially fulfilled order has at least 2 (one shipped, one not).
        greatest(case when rl < .45 then 1 when rl < .75 then 2 when rl < .92 then 3 else 4 end,
                 case when part then 2 else 1 end) as nlines,
        case cat when 'DELIVERED' then 'DELIVERED' when 'FULFILLED' then 'FULFILLED' when 'CANCELLED' then 'CANCELLED'
                 when 'PENDING' then 'PENDING' when 'PAID' then 'PAID' when 'REFUNDED' then 'REFUNDED'
                 when 'PAYMENT_PROCESSING' then 'PAYMENT_PROCESSING'
                 else case when part then 'PARTIALLY_FULFILLED' else 'AWAITING_FULFILLMENT' end end as status,
        (select t0 from scale_seed.params) as t0
    from k
), p as (
    select l.*,
        case cat
            when 'DELIVERED' then t0 - interval '8 days' - rt * interval '722 days'
            when 'REFUNDED' then t0 - interval '10 days' - rt * interval '720 days'
            when 'CANCELLED' then t0 - interval '1 hour' - rt * interval '729 days'
            when 'FULFILLED' then t0 - interval '1 day' - rt * interval '6 days'
            when 'PENDING' then t0 - rt * interval '3 days'
            when 'PAYMENT_PROCESSING' then t0 - interval '2 minutes' - rt * interval '1 day'
            when 'PAID' then case kind
                when 'STUCK_OLD' then t0 - interval '25 hours' - rt * interval '9 days'
                when 'STUCK_FAILED' then t0 - interval '2 hours' - rt * interval '10 days'
                when 'FRESH' then t0 - interval '24 hours 2 minutes' - rx * interval '4 minutes'
                else t0 - interval '5 minutes' - rt * interval '19 hours 55 minutes' end
            when 'OPEN_FO' then case kind
                when 'STUCK' then t0 - interval '26 hours' - rt * interval '9 days'
                when 'FRESH' then t0 - interval '25 hours' - rt * interval '4 hours'
                else t0 - interval '10 minutes' - rt * interval '19 hours 50 minutes' end
            else case kind   -- BACKORDER
                when 'FUTURE' then t0 - interval '10 minutes' - rt * interval '30 days'
                when 'STUCK_PAST' then t0 - interval '3 days' - rt * interval '27 days'
                when 'STUCK_NULL' then t0 - interval '26 hours' - rt * interval '9 days'
                when 'FRESH_NULL' then t0 - interval '24 hours 5 minutes' - rx * interval '4 minutes'
                else t0 - interval '10 minutes' - rt * interval '19 hours 50 minutes' end
        end as placed_at
    from l
), r as (
    select p.*,
        case when cat in ('DELIVERED','REFUNDED','FULFILLED','OPEN_FO','BACKORDER')
                  or (cat = 'CANCELLED' and kind <> 'NO_FO')
             then placed_at + interval '5 minutes'
                  + case when cat in ('DELIVERED','REFUNDED','FULFILLED') then ry * interval '55 minutes'
                         else interval '0' end end as routed_at
    from p
), f as (
    -- fo_upd: last change of the order's (last) fulfillment order; ship1_at: when the first one shipped.
    select r.*,
        case when cat in ('DELIVERED','REFUNDED') then routed_at + interval '1 day' + rx * interval '5 days'
             when cat = 'FULFILLED' then routed_at + rx * interval '20 hours'
             when cat = 'CANCELLED' then routed_at + rx * interval '40 minutes'
             when cat = 'OPEN_FO' and kind = 'STUCK' then routed_at + rx * interval '60 minutes'
             when cat = 'OPEN_FO' and kind = 'FRESH' then t0 - interval '24 hours' - rx * interval '4 minutes'
             when cat = 'OPEN_FO' then routed_at + rx * (t0 - routed_at)
             when cat = 'BACKORDER' and part then routed_at + rx * least(t0 - routed_at, interval '2 days')
        end as fo_upd
    from r
)
select n, id, cat, kind, part, status, nlines, cust, rx, ry, rz, rf, placed_at, routed_at, fo_upd,
    case when cat = 'OPEN_FO' and part then routed_at + ry * (fo_upd - routed_at) end as ship1_at,
    case when cat in ('DELIVERED','FULFILLED') then fo_upd
         when cat = 'REFUNDED' then least(t0, fo_upd + interval '1 day' + ry * interval '20 days')
         when cat = 'CANCELLED' and kind = 'NO_FO' then placed_at + rx * interval '1 hour'
         when cat = 'CANCELLED' then fo_upd
         when cat = 'PENDING' then placed_at
         when cat = 'PAYMENT_PROCESSING' then placed_at + interval '1 minute'
         when cat = 'PAID' then placed_at + interval '2 minutes'
         when cat = 'OPEN_FO' and part then routed_at + ry * (fo_upd - routed_at)
         when cat = 'BACKORDER' and part then fo_upd
         else routed_at end as updated_at,
    case when kind in ('STUCK_OLD','STUCK_FAILED') then 'UNROUTED'
         when cat = 'OPEN_FO' and kind = 'STUCK' then 'NOT_PROGRESSING'
         when kind in ('STUCK_PAST','STUCK_NULL') then 'BACKORDER_OVERDUE' end as stuck_reason,
    -- Flagged by the detector (runs every 5 minutes) a little after the rule started to hold.
    case when kind = 'STUCK_OLD' then placed_at + interval '2 minutes' + interval '24 hours' + ry * interval '5 minutes'
         when kind = 'STUCK_FAILED' then placed_at + interval '2 minutes' + interval '1 hour' + ry * interval '5 minutes'
         when cat = 'OPEN_FO' and kind = 'STUCK' then fo_upd + interval '24 hours' + ry * interval '5 minutes'
         when kind = 'STUCK_PAST' then t0 - interval '1 hour' - rz * interval '2 days' + ry * interval '5 minutes'
         when kind = 'STUCK_NULL' then routed_at + interval '24 hours' + ry * interval '5 minutes' end as stuck_since,
    -- The backorder(s) of the order, if any.
    case when cat = 'BACKORDER' or kind = 'WITH_BACKORDER' then routed_at end as bo_created,
    case when kind = 'FUTURE' then t0 + interval '6 hours' + rz * interval '30 days'
         when kind = 'STUCK_PAST' then t0 - interval '1 hour' - rz * interval '2 days'
         when cat = 'DELIVERED' and kind = 'WITH_BACKORDER' then routed_at + interval '2 days' end as bo_expected,
    case when cat in ('DELIVERED','REFUNDED','FULFILLED') or (cat = 'OPEN_FO' and not part)
         then case when nlines >= 2 and rf < .15 then 2 else 1 end
         when cat = 'OPEN_FO' then 2
         when cat = 'BACKORDER' and part then 1
         when cat = 'CANCELLED' and kind = 'WITH_FO' then 1
         else 0 end as fo_n,
    1 + floor(300 * power(scale_seed.rnd(n, 20), 2))::int as loc1,
    t0
from f;
SQL

step "staging: lines (scale_seed.l)" scale_seed.l <<'SQL'
-- One row per order line: SKU from a 5,000-SKU catalog, Zipf-like (a cube of a uniform number: the top 1%
-- of SKUs take about a fifth of the lines), its fulfillment order (fo_no) and where its quantity stands.
create unlogged table scale_seed.l as
select o.n, x.line_no, md5('line-' || o.n || '-' || x.line_no)::uuid as id,
       x.sku_k, 'SKU-' || lpad(x.sku_k::text, 5, '0') as sku,
       case when x.rq < .70 then 1 when x.rq < .90 then 2 else 3 + floor(x.rq2 * 3)::int end as qty,
       round((2.99 + ((x.sku_k * 7919) % 19700) / 100.0)::numeric, 2) as price,
       case when o.fo_n = 0 then null
            when o.cat = 'BACKORDER' then case when x.line_no = 1 then null else 1 end
            when o.fo_n = 2 then 1 + (x.line_no - 1) % 2
            else 1 end as fo_no,
       case when o.cat in ('DELIVERED','REFUNDED','FULFILLED') then 'shipped'
            when o.cat = 'CANCELLED' then 'cancelled'
            when o.cat = 'OPEN_FO' then case when o.part and x.line_no % 2 = 1 then 'shipped' else 'allocated' end
            when o.cat = 'BACKORDER' then case when o.part and x.line_no > 1 then 'shipped' else 'backordered' end
            else 'open' end as state
from scale_seed.o o
cross join lateral (
    select ln as line_no, 1 + floor(5000 * power(scale_seed.rnd(o.n * 8 + ln, 11), 3))::int as sku_k,
           scale_seed.rnd(o.n * 8 + ln, 12) as rq, scale_seed.rnd(o.n * 8 + ln, 13) as rq2
    from generate_series(1, o.nlines) ln
) x;
create unlogged table scale_seed.ot as
    select n, sum(qty * price) as subtotal from scale_seed.l group by n;
create index on scale_seed.ot (n);
SQL

# ---------------------------------------------------------------------------------------------------------
step "locations" locations <<'SQL'
insert into locations (id, code, name, type, priority, active, latitude, longitude, countries, version,
                       created_at, updated_at)
select md5('loc-' || i)::uuid, 'LOC-' || lpad(i::text, 3, '0'),
       c.name || ' ' || case when i % 10 < 6 then 'DC' when i % 10 = 6 then '3PL' when i % 10 < 9 then 'Store'
                              else 'Dropship' end || ' ' || i,
       case when i % 10 < 6 then 'WAREHOUSE' when i % 10 = 6 then 'THIRD_PARTY_LOGISTICS'
            when i % 10 < 9 then 'STORE' else 'DROPSHIP_SUPPLIER' end,
       i % 10, i % 37 <> 0,
       c.lat + (scale_seed.rnd(i, 40) - .5) * .5, c.lon + (scale_seed.rnd(i, 41) - .5) * .5,
       case when c.country = 'US' and i % 4 = 0 then array['US','CA']::varchar(2)[]
            when c.country in ('GB','DE') then array['GB','DE','FR','NL']::varchar(2)[]
            else array[c.country]::varchar(2)[] end,
       0, p.t0 - interval '800 days', p.t0 - interval '800 days' + scale_seed.rnd(i, 42) * interval '790 days'
from generate_series(1, 300) i
cross join scale_seed.params p
join (select *, row_number() over (order by country desc, idx) - 1 as k from scale_seed.city) c on c.k = i % 17;
SQL

step "orders" orders <<'SQL'
insert into orders (id, number, customer_id, email, currency, status, split_policy, ship_name, ship_line1,
                    ship_line2, ship_city, ship_region, ship_postal_code, ship_country, ship_latitude,
                    ship_longitude, subtotal, total, refunded_total, payment_reference, placed_at, updated_at,
                    version, stuck_since, stuck_reason)
select o.id, 100000 + row_number() over (order by o.placed_at, o.n), 'cust-' || o.cust,
       case when scale_seed.rnd(o.cust, 30) < .95 then 'cust-' || o.cust || '@example.com' end,
       case ci.country when 'US' then 'USD' when 'CA' then 'CAD' when 'GB' then 'GBP' else 'EUR' end,
       o.status, case when scale_seed.rnd(o.n, 21) < .85 then 'SHIP_AVAILABLE' else 'SHIP_COMPLETE' end,
       'Customer ' || o.cust, (1 + o.cust % 9973) || ' ' || (array['Main St','Oak Ave','Elm St','Park Rd',
           'High St','Maple Dr','Cedar Ln','Lake View'])[1 + o.cust % 8],
       case when o.cust % 5 = 0 then 'Apt ' || (1 + o.cust % 97) end,
       ci.name, ci.region, ci.postal, ci.country,
       ci.lat + (scale_seed.rnd(o.cust, 33) - .5) * .2, ci.lon + (scale_seed.rnd(o.cust, 34) - .5) * .2,
       t.subtotal, t.subtotal + case when t.subtotal >= 50 then 0 else 4.99 end,
       case when o.status = 'REFUNDED' then t.subtotal + case when t.subtotal >= 50 then 0 else 4.99 end else 0 end,
       case when o.status in ('PENDING','PAYMENT_PROCESSING') or o.kind = 'NO_FO' then null
            else 'pi_' || substr(md5('pay-' || o.n), 1, 24) end,
       o.placed_at, o.updated_at,
       case o.status when 'PENDING' then 0 when 'PAYMENT_PROCESSING' then 1 when 'PAID' then 2
                     when 'AWAITING_FULFILLMENT' then 3 when 'PARTIALLY_FULFILLED' then 4 when 'FULFILLED' then 5
                     when 'DELIVERED' then 6 when 'CANCELLED' then 3 else 7 end,
       o.stuck_since, o.stuck_reason
from scale_seed.o o
join scale_seed.ot t on t.n = o.n
join (select c.*, count(*) over (partition by country) as cnt from scale_seed.city c) ci
  on ci.country = case when scale_seed.rnd(o.cust, 31) < .80 then 'US' when scale_seed.rnd(o.cust, 31) < .88 then 'CA'
                       when scale_seed.rnd(o.cust, 31) < .94 then 'GB' else 'DE' end
 and ci.idx = floor(scale_seed.rnd(o.cust, 32) * ci.cnt)::int
order by o.placed_at, o.n;
select setval('order_number_seq', (select max(number) from orders));
SQL

step "order_lines" order_lines <<'SQL'
insert into order_lines (id, order_id, line_no, sku, quantity, unit_price, quantity_allocated,
                         quantity_backordered, quantity_cancelled, quantity_shipped)
select l.id, o.id, l.line_no, l.sku, l.qty, l.price,
       case when l.state = 'allocated' then l.qty else 0 end,
       case when l.state = 'backordered' then l.qty else 0 end,
       case when l.state = 'cancelled' then l.qty else 0 end,
       case when l.state = 'shipped' then l.qty else 0 end
from scale_seed.l l join scale_seed.o o on o.n = l.n
order by o.placed_at, o.n, l.line_no;
SQL

step "fulfillment_orders" fulfillment_orders <<'SQL'
create unlogged table scale_seed.f as
select o.n, fo.fo_no, md5('fo-' || o.n || '-' || fo.fo_no)::uuid as id,
       case when fo.fo_no = 1 then o.loc1
            else 1 + (o.loc1 + floor(scale_seed.rnd(o.n, 23) * 299)::int) % 300 end as loc,
       case when o.cat in ('DELIVERED','REFUNDED') then 'DELIVERED'
            when o.cat = 'FULFILLED' then 'SHIPPED'
            when o.cat = 'CANCELLED' then 'CANCELLED'
            when o.cat = 'BACKORDER' then 'SHIPPED'
            when o.part and fo.fo_no = 1 then 'SHIPPED'
            else (array['OPEN','OPEN','OPEN','OPEN','PICKING','PICKING','PICKING','PICKED','PACKED','PACKED'])
                 [1 + floor(scale_seed.rnd(o.n * 4 + fo.fo_no, 24) * 10)::int] end as status,
       o.routed_at as created_at,
       case when o.part and fo.fo_no = 1 and o.cat = 'OPEN_FO' then o.ship1_at else o.fo_upd end as updated_at,
       o.placed_at
from scale_seed.o o cross join lateral generate_series(1, o.fo_n) as fo(fo_no);

insert into fulfillment_orders (id, order_id, location_id, routing_pass, status, carrier, tracking_number,
                                estimated_delivery_at, created_at, updated_at, version, order_placed_at)
select f.id, md5('order-' || f.n)::uuid, md5('loc-' || f.loc)::uuid, 1, f.status,
       case when f.status in ('SHIPPED','DELIVERED')
            then (array['UPS','FedEx','USPS','DHL'])[1 + (f.n + f.fo_no) % 4] end,
       case when f.status in ('SHIPPED','DELIVERED') then '1Z' || lpad((f.n * 4 + f.fo_no)::text, 14, '0') end,
       case when f.status in ('SHIPPED','DELIVERED') then f.created_at + interval '3 days' end,
       f.created_at, f.updated_at,
       case f.status when 'OPEN' then 0 when 'PICKING' then 1 when 'PICKED' then 2 when 'PACKED' then 3
                     when 'SHIPPED' then 4 when 'DELIVERED' then 5 else 1 end,
       f.placed_at
from scale_seed.f f
order by f.created_at, f.n, f.fo_no;
SQL

step "fulfillment_order_lines" fulfillment_order_lines <<'SQL'
insert into fulfillment_order_lines (fulfillment_order_id, order_line_id, sku, quantity)
select md5('fo-' || l.n || '-' || l.fo_no)::uuid, l.id, l.sku, l.qty
from scale_seed.l l join scale_seed.o o on o.n = l.n
where l.fo_no is not null
order by o.routed_at, l.n, l.line_no;
SQL

step "backorders" backorders <<'SQL'
-- Open ones (the BACKORDER category: every line while awaiting, line 1 when partially fulfilled), historical
-- ALLOCATED ones (some delivered orders) and CANCELLED ones (some cancelled orders).
insert into backorders (id, order_id, order_line_id, sku, quantity, status, decision, expected_at, created_at,
                        allocated_at, updated_at, version)
select md5('bo-' || l.n || '-' || l.line_no)::uuid, o.id, l.id, l.sku, l.qty,
       case o.cat when 'BACKORDER' then 'OPEN' when 'DELIVERED' then 'ALLOCATED' else 'CANCELLED' end,
       case when o.cat = 'CANCELLED' then 'CANCEL' else 'WAIT' end,
       o.bo_expected, o.bo_created,
       case when o.cat = 'DELIVERED' then o.bo_created + o.rz * (o.fo_upd - o.bo_created) / 2 end,
       case o.cat when 'BACKORDER' then o.bo_created
                  when 'DELIVERED' then o.bo_created + o.rz * (o.fo_upd - o.bo_created) / 2
                  else o.updated_at end,
       case when o.cat = 'BACKORDER' then 0 else 1 end
from scale_seed.o o join scale_seed.l l on l.n = o.n
where (o.cat = 'BACKORDER' and l.state = 'backordered') or (o.kind = 'WITH_BACKORDER' and l.line_no = 1)
order by o.bo_created, o.n, l.line_no;
SQL

step "routing_jobs" routing_jobs <<'SQL'
-- One per paid order: PENDING (some retrying) or FAILED for PAID orders, DONE for every routed one.
insert into routing_jobs (order_id, status, attempts, next_attempt_at, last_error, created_at, updated_at)
select o.id, j.status, j.attempts, j.next_attempt_at, j.last_error, j.created_at, j.updated_at
from scale_seed.o o
cross join lateral (
    select case when o.cat <> 'PAID' then 'DONE' when o.kind = 'STUCK_FAILED' then 'FAILED' else 'PENDING' end as status,
           case o.kind when 'RETRYING' then 1 + floor(o.rz * 3)::int when 'STUCK_OLD' then 5 + floor(o.rz * 5)::int
                       when 'FRESH' then 4 when 'STUCK_FAILED' then 10 else case when o.cat = 'PAID' then 0 else 1 end
           end as attempts,
           case when o.cat <> 'PAID' then o.routed_at - interval '3 minutes' else o.updated_at end as created_at,
           case when o.cat <> 'PAID' then o.routed_at
                when o.kind = 'STUCK_FAILED' then o.updated_at + interval '1 hour'
                when o.kind = 'RETRYING' then greatest(o.updated_at, o.t0 - o.rz * interval '10 minutes')
                when o.kind = 'STUCK_OLD' then o.t0 - interval '30 minutes'
                when o.kind = 'FRESH' then o.t0 - interval '5 minutes'
                else o.updated_at end as updated_at,
           case when o.cat <> 'PAID' then o.routed_at
                when o.kind = 'STUCK_FAILED' then o.updated_at + interval '1 hour'
                when o.kind = 'RETRYING' then o.t0 + o.rz * interval '10 minutes'
                when o.kind = 'STUCK_OLD' then o.t0 + o.rz * interval '30 minutes'
                when o.kind = 'FRESH' then o.t0 + interval '5 minutes'
                else o.updated_at end as next_attempt_at,
           case when o.kind = 'STUCK_FAILED' then 'routing failed after 10 attempts: no active location can ship the order'
                when o.kind in ('RETRYING','STUCK_OLD','FRESH') then 'no location has stock for every line yet'
           end as last_error
) j
where o.routed_at is not null or o.cat = 'PAID'
order by j.created_at, o.n;
SQL

step "inventory_levels" inventory_levels <<'SQL'
-- Every (location, SKU) pair a fulfillment order used; reserved = what open fulfillment orders hold there.
insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version, updated_at)
select md5('il-' || x.location_id || '-' || x.sku)::uuid, x.location_id, x.sku,
       x.reserved + floor(scale_seed.rnd(hashtext(x.location_id::text || x.sku), 50) * 200)::int, x.reserved,
       floor(scale_seed.rnd(hashtext(x.location_id::text || x.sku), 51) * 5)::int, x.moves,
       (select t0 from scale_seed.params) - scale_seed.rnd(hashtext(x.location_id::text || x.sku), 52) * interval '30 days'
from (
    select f.location_id, fl.sku,
           coalesce(sum(fl.quantity) filter (where f.status in ('OPEN','PICKING','PICKED','PACKED')), 0) as reserved,
           count(*) as moves
    from fulfillment_order_lines fl join fulfillment_orders f on f.id = fl.fulfillment_order_id
    group by f.location_id, fl.sku
) x
order by x.location_id, x.sku;
SQL

step "incoming_stock" incoming_stock <<'SQL'
-- Stock on its way for the SKUs whose open backorders expect it (their expected_at comes from it).
insert into incoming_stock (id, location_id, sku, quantity, expected_at, created_at)
select md5('in-' || b.sku)::uuid, md5('loc-' || (1 + substr(b.sku, 5)::int % 300))::uuid, b.sku,
       sum(b.quantity) + 10, min(b.expected_at), min(b.created_at)
from backorders b
where b.status = 'OPEN' and b.expected_at is not null
group by b.sku;
SQL

step "idempotency_keys" idempotency_keys <<'SQL'
insert into idempotency_keys (caller, key, order_id, request_hash, created_at)
select 'storefront', 'checkout-' || o.n, o.id, md5('request-' || o.n) || md5('hash-' || o.n), o.placed_at
from scale_seed.o o
order by o.placed_at, o.n;
SQL

step "order_events (announce trigger off during load)" order_events <<'SQL'
-- Only the NOTIFY trigger is switched off for the load (and back on in the same transaction); the
-- append-only triggers stay (they fire on update/delete/truncate, never on insert).
alter table order_events disable trigger order_events_announce;
insert into order_events (order_id, type, from_status, to_status, actor, note, details, occurred_at)
select order_id, type, from_status, to_status, actor, note, details, occurred_at
from (
    select o.id as order_id, 'ORDER_PLACED' as type, null as from_status, 'PENDING' as to_status,
           'storefront' as actor, null as note,
           jsonb_build_object('lines', o.nlines, 'idempotencyKey', 'checkout-' || o.n) as details,
           o.placed_at as occurred_at, o.n, 1 as seq
    from scale_seed.o o
    union all
    select o.id,
           case o.status when 'PAID' then 'PAYMENT_CONFIRMED' when 'AWAITING_FULFILLMENT' then 'ORDER_ROUTED'
                         when 'PARTIALLY_FULFILLED' then 'SHIPPED' when 'FULFILLED' then 'SHIPPED'
                         when 'DELIVERED' then 'DELIVERED' when 'CANCELLED' then 'ORDER_CANCELLED'
                         else 'STATUS_CHANGED' end,
           case o.status when 'PAYMENT_PROCESSING' then 'PENDING' when 'PAID' then 'PAYMENT_PROCESSING'
                         when 'AWAITING_FULFILLMENT' then 'PAID' when 'PARTIALLY_FULFILLED' then 'AWAITING_FULFILLMENT'
                         when 'FULFILLED' then 'AWAITING_FULFILLMENT' when 'DELIVERED' then 'FULFILLED'
                         when 'CANCELLED' then case when o.kind = 'NO_FO' then 'PENDING' else 'AWAITING_FULFILLMENT' end
                         else 'DELIVERED' end,
           o.status,
           case when o.status in ('PAYMENT_PROCESSING','PAID') then 'system:payments'
                when o.status in ('AWAITING_FULFILLMENT') then 'system:routing'
                when o.status in ('CANCELLED','REFUNDED') then 'support-agent'
                else 'system:fulfillment' end,
           null, '{}'::jsonb, o.updated_at, o.n, 2
    from scale_seed.o o where o.status <> 'PENDING'
    union all
    select o.id, 'ORDER_STUCK', o.status, o.status, 'system:stuck-orders',
           case o.stuck_reason when 'UNROUTED' then 'paid but not routed'
                               when 'NOT_PROGRESSING' then 'a fulfillment order has not progressed'
                               else 'a backorder is overdue' end,
           jsonb_build_object('reason', o.stuck_reason), o.stuck_since, o.n, 3
    from scale_seed.o o where o.stuck_reason is not null
) e
order by occurred_at, n, seq;
alter table order_events enable trigger order_events_announce;
SQL

step "notifications (ORDER_STUCK notices)" notifications <<'SQL'
insert into notifications (id, kind, order_id, recipient, payload, status, attempts, next_attempt_at, created_at,
                           sent_at)
select md5('stuck-' || o.id)::uuid, 'ORDER_STUCK', o.id, 'ops@example.com',
       jsonb_build_object('orderNumber', o.number, 'status', o.status, 'reason', o.stuck_reason,
                          'stuckSince', o.stuck_since),
       'SENT', 1, o.stuck_since, o.stuck_since, o.stuck_since + interval '2 seconds'
from orders o where o.stuck_since is not null
order by o.stuck_since;
SQL

step "refunds + refund_lines (REFUNDED orders)" refunds <<'SQL'
insert into refunds (id, order_id, amount, reason, actor, created_at)
select md5('refund-' || o.n)::uuid, o.id, x.total, 'customer return', 'support-agent', o.updated_at
from scale_seed.o o join orders x on x.id = o.id
where o.status = 'REFUNDED'
order by o.updated_at;
insert into refund_lines (refund_id, order_line_id, quantity, amount)
select md5('refund-' || l.n)::uuid, l.id, l.qty, l.qty * l.price
from scale_seed.l l join scale_seed.o o on o.n = l.n
where o.status = 'REFUNDED';
SQL

# ---------------------------------------------------------------------------------------------------------
t=$(now_ms)
t0=$(psql_db -Atc "select to_char(t0 at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from scale_seed.params")
psql_db -c "drop schema scale_seed cascade"
if [ "${SEED_ANALYZE:-1}" = 0 ]; then
    vacuum="vacuum"
else
    vacuum="vacuum (analyze)"
fi
psql_db -c "$vacuum"
awk -v l="drop staging, ${vacuum^^}" -v s="$(( $(now_ms) - t ))" -v a="$(( $(now_ms) - started ))" \
    'BEGIN { printf "%-46s %10s %9.1f s   (total %6.1f s)\n", l, "", s / 1000, a / 1000 }'
total_s=$(awk -v ms="$(( $(now_ms) - started ))" 'BEGIN { printf "%.1f", ms / 1000 }')
psql_db -c "comment on database \"$db\" is 'oms scale seed: N=$n, t0=$t0, seeded in $total_s s'"
echo
echo "Seeded $n orders into $db in $total_s s (t0 = $t0; every time in the data is relative to t0)."

echo
echo "## Tables (exact row counts, sizes after VACUUM)"
psql_db -P footer=off <<'SQL'
select c.relname as "table",
       (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I', c.relname), false, true, '')))[1]::text::bigint as "rows",
       pg_size_pretty(pg_table_size(c.oid)) as "heap", pg_size_pretty(pg_indexes_size(c.oid)) as "indexes",
       pg_size_pretty(pg_total_relation_size(c.oid)) as "total"
from pg_class c join pg_namespace s on s.oid = c.relnamespace
where s.nspname = 'public' and c.relkind = 'r'
order by pg_total_relation_size(c.oid) desc;
select pg_size_pretty(pg_database_size(current_database())) as "database size";
SQL

echo "## Mix"
psql_db -P footer=off <<'SQL'
select status, count(*) as orders, round(100.0 * count(*) / sum(count(*)) over (), 2) as pct,
       count(*) filter (where stuck_since is not null) as stuck,
       min(placed_at)::date as oldest, max(placed_at)::date as newest
from orders group by status order by count(*) desc;
select stuck_reason, count(*) as orders, round(100.0 * count(*) / (select count(*) from orders), 3) as pct_of_all,
       min(stuck_since) as first_flagged, max(stuck_since) as last_flagged
from orders where stuck_since is not null group by stuck_reason order by 1;
select status, count(*) as fulfillment_orders from fulfillment_orders group by status order by count(*) desc;
select status, case when status <> 'OPEN' then '' when expected_at is null then 'expected_at null'
                    when expected_at < now() then 'expected_at past' else 'expected_at future' end as expected,
       count(*) as backorders
from backorders group by 1, 2 order by 1, 2;
select status, count(*) as routing_jobs from routing_jobs group by status order by count(*) desc;
select count(distinct customer_id) as customers, (select count(*) from locations) as locations from orders;
select count(distinct sku) as skus_ordered, round(sum(c)::numeric / (select count(*) from orders), 2) as lines_per_order,
       round(100.0 * sum(c) filter (where rk <= 50) / sum(c), 1) as pct_lines_top_50_skus
from (select sku, count(*) as c, row_number() over (order by count(*) desc) as rk from order_lines group by sku) x;
SQL

echo "## Stuck flags against the detector's rules (now = $(date -u +%FT%TZ), cutoff = now - 24 h)"
echo "flagged_but_rule_gone must be 0; new_candidates are orders that met a rule since the detector's last run."
psql_db -P footer=off <<'SQL'
select 'UNROUTED' as reason,
       (select count(*) from orders o where o.stuck_reason = 'UNROUTED' and not (o.status = 'PAID')) as flagged_but_rule_gone,
       (select count(*) from orders o where o.stuck_since is null
          and o.status not in ('FULFILLED','DELIVERED','CANCELLED','REFUNDED') and o.status = 'PAID'
          and (o.updated_at <= now() - interval '24 hours'
               or o.id in (select j.order_id from routing_jobs j where j.status = 'FAILED'))) as new_candidates
union all
select 'NOT_PROGRESSING',
       (select count(*) from orders o where o.stuck_reason = 'NOT_PROGRESSING' and not exists (
          select 1 from fulfillment_orders f where f.order_id = o.id and f.status in ('OPEN','PICKING','PICKED','PACKED')
             and f.updated_at <= now() - interval '24 hours')),
       (select count(*) from orders o where o.stuck_since is null
          and o.status not in ('FULFILLED','DELIVERED','CANCELLED','REFUNDED')
          and o.id in (select f.order_id from fulfillment_orders f where f.status in ('OPEN','PICKING','PICKED','PACKED')
                         and f.updated_at <= now() - interval '24 hours'))
union all
select 'BACKORDER_OVERDUE',
       (select count(*) from orders o where o.stuck_reason = 'BACKORDER_OVERDUE' and not exists (
          select 1 from backorders b where b.order_id = o.id and b.status = 'OPEN'
             and (b.expected_at < now() or (b.expected_at is null and b.created_at <= now() - interval '24 hours')))),
       (select count(*) from orders o where o.stuck_since is null
          and o.status not in ('FULFILLED','DELIVERED','CANCELLED','REFUNDED')
          and o.id in (select b.order_id from backorders b where b.status = 'OPEN' and b.expected_at < now()
                       union all
                       select b.order_id from backorders b where b.status = 'OPEN' and b.expected_at is null
                         and b.created_at <= now() - interval '24 hours'));
SQL
