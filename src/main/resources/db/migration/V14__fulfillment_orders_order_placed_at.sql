-- orders(filter: {locationId}) pages by the order's placed_at, but the location is on fulfillment_orders: no index
-- could serve both, and the plan depended on statistics (450-650 ms per page for the busiest location of a
-- million orders without them, bench/scale 20.LOCATION). The order's placed_at is copied onto its fulfillment
-- orders (it never changes), so one index (V14_1) holds a location's orders in page order.
alter table fulfillment_orders add column order_placed_at timestamptz;

update fulfillment_orders f set order_placed_at = o.placed_at from orders o where o.id = f.order_id;

-- The service sets it on insert; this covers a replica of the previous release during a rolling upgrade. The
-- WHEN clause is evaluated without calling the function, so inserts that set it pay nothing.
create function fulfillment_orders_order_placed_at() returns trigger language plpgsql as $$
begin
    new.order_placed_at := (select placed_at from orders where id = new.order_id);
    return new;
end $$;

create trigger fulfillment_orders_order_placed_at before insert on fulfillment_orders
    for each row when (new.order_placed_at is null) execute function fulfillment_orders_order_placed_at();

alter table fulfillment_orders alter column order_placed_at set not null;
