-- Demo data for the dev profile only (Flyway location db/demo). Idempotent: safe to re-run.
-- Three regional warehouses, a 3PL, a store and a dropship supplier; 50 SKUs with stock spread unevenly
-- (some SKUs only in one place, some nowhere) so routing has real choices to make.

insert into locations (id, code, name, type, priority, active, latitude, longitude, countries, created_at, updated_at)
values
  ('00000000-0000-4000-8000-000000000001', 'WH-EAST', 'East Coast DC, Newark NJ', 'WAREHOUSE', 10, true, 40.7357, -74.1724, '{US,CA}', now(), now()),
  ('00000000-0000-4000-8000-000000000002', 'WH-WEST', 'West Coast DC, Reno NV', 'WAREHOUSE', 10, true, 39.5296, -119.8138, '{US,CA}', now(), now()),
  ('00000000-0000-4000-8000-000000000003', 'WH-EU', 'EU Hub, Venlo NL', 'WAREHOUSE', 10, true, 51.3704, 6.1724, '{AT,BE,DE,DK,ES,FR,IT,LU,NL,PL,SE}', now(), now()),
  ('00000000-0000-4000-8000-000000000004', '3PL-CENTRAL', 'FastFul 3PL, Memphis TN', 'THIRD_PARTY_LOGISTICS', 20, true, 35.1495, -90.0490, '{US}', now(), now()),
  ('00000000-0000-4000-8000-000000000005', 'STORE-NYC', 'Flagship store, Manhattan', 'STORE', 30, true, 40.7580, -73.9855, '{US}', now(), now()),
  ('00000000-0000-4000-8000-000000000006', 'DROP-ACME', 'Acme Supplies (dropship)', 'DROPSHIP_SUPPLIER', 50, true, 22.5431, 114.0579, '{US,CA,GB,DE,FR,NL}', now(), now())
on conflict (code) do nothing;

-- Stock: a deterministic hash of (location, sku) gives uneven levels; a quarter of the pairs have none.
insert into inventory_levels (id, location_id, sku, on_hand, reserved, safety_stock, version, updated_at)
select md5(l.code || s.sku)::uuid, l.id, s.sku,
       case when abs(hashtext(l.code || s.sku)) % 4 = 0 then 0 else abs(hashtext(s.sku || l.code)) % 60 end,
       0, case when l.type = 'STORE' then 2 else 0 end, 0, now()
from locations l
cross join (select 'SKU-' || lpad(n::text, 4, '0') as sku from generate_series(1, 50) n) s
where l.code in ('WH-EAST','WH-WEST','WH-EU','3PL-CENTRAL','STORE-NYC','DROP-ACME')
  -- SKU-0050 is out of stock everywhere, to show backorders.
  and s.sku <> 'SKU-0050'
on conflict (location_id, sku) do nothing;

-- Store safety stock must not exceed what is on hand for the demo to read naturally.
update inventory_levels set safety_stock = least(safety_stock, on_hand)
where safety_stock > on_hand;

insert into inventory_movements (location_id, sku, on_hand_delta, reserved_delta, on_hand_after, reserved_after,
                                 reason, actor, occurred_at)
select i.location_id, i.sku, i.on_hand, 0, i.on_hand, 0, 'demo data', 'system:demo', now()
from inventory_levels i
where i.on_hand > 0
  and not exists (select 1 from inventory_movements m
                  where m.location_id = i.location_id and m.sku = i.sku and m.actor = 'system:demo');

-- Two orders of customer "alice": one still pending, one paid, each with its audit trail.
insert into orders (id, number, customer_id, email, currency, status, split_policy, ship_name, ship_line1, ship_line2,
                    ship_city, ship_region, ship_postal_code, ship_country, ship_latitude, ship_longitude,
                    subtotal, total, refunded_total, placed_at, updated_at, version)
values
  ('00000000-0000-4000-9000-000000000001', 1, 'alice', 'alice@example.com', 'USD', 'PENDING', 'SHIP_AVAILABLE',
   'Alice Doe', '1 Main St', null, 'Boston', 'MA', '02108', 'US', 42.3601, -71.0589,
   89.97, 89.97, 0, now() - interval '2 hours', now() - interval '2 hours', 0),
  ('00000000-0000-4000-9000-000000000002', 2, 'alice', 'alice@example.com', 'USD', 'PAID', 'SHIP_COMPLETE',
   'Alice Doe', '1 Main St', 'Apt 4', 'Boston', 'MA', '02108', 'US', 42.3601, -71.0589,
   45.50, 45.50, 0, now() - interval '1 hour', now() - interval '50 minutes', 1)
on conflict (id) do nothing;

insert into order_lines (id, order_id, line_no, sku, quantity, unit_price)
values
  ('00000000-0000-4000-9100-000000000001', '00000000-0000-4000-9000-000000000001', 1, 'SKU-0001', 2, 19.99),
  ('00000000-0000-4000-9100-000000000002', '00000000-0000-4000-9000-000000000001', 2, 'SKU-0007', 1, 49.99),
  ('00000000-0000-4000-9100-000000000003', '00000000-0000-4000-9000-000000000002', 1, 'SKU-0012', 1, 45.50)
on conflict (id) do nothing;

insert into order_events (order_id, type, from_status, to_status, actor, note, details, occurred_at)
select e.order_id, e.type, e.from_status, e.to_status, e.actor, e.note, e.details::jsonb, e.occurred_at
from (values
  ('00000000-0000-4000-9000-000000000001'::uuid, 'ORDER_PLACED', null, 'PENDING', 'alice', null,
   '{"lines":2,"total":89.97,"currency":"USD"}', now() - interval '2 hours'),
  ('00000000-0000-4000-9000-000000000002'::uuid, 'ORDER_PLACED', null, 'PENDING', 'alice', null,
   '{"lines":1,"total":45.50,"currency":"USD"}', now() - interval '1 hour'),
  ('00000000-0000-4000-9000-000000000002'::uuid, 'PAYMENT_CONFIRMED', 'PENDING', 'PAID', 'payments-1', null,
   '{"paymentReference":"demo-pay-1"}', now() - interval '50 minutes')
) as e(order_id, type, from_status, to_status, actor, note, details, occurred_at)
where not exists (select 1 from order_events x where x.order_id = e.order_id and x.type = e.type);

-- Alice's paid order is queued for routing like any paid order (confirmPayment writes both in one
-- transaction), so the routing worker routes it when the dev service starts.
update orders set payment_reference = 'demo-pay-1'
where id = '00000000-0000-4000-9000-000000000002' and payment_reference is null;
insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)
select id, 'PENDING', 0, now(), now(), now() from orders
where id = '00000000-0000-4000-9000-000000000002' and status = 'PAID'
on conflict (order_id) do nothing;
