-- orders(filter: {locationId}) in page order, either way: a location's orders by placed_at and id. One entry per
-- fulfillment order: an order shipped twice from the location has adjacent entries, and the query keeps the one with
-- the smallest id, a probe of this same index (hence id as its last column: both sides are index-only scans). Built
-- CONCURRENTLY, alone in its file (README, "Migrations").
create index concurrently if not exists fulfillment_orders_location_placed_idx
    on fulfillment_orders (location_id, order_placed_at, order_id, id);
