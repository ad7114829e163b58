-- orders(filter: {locationId}): the orders with a fulfillment order at a location, without visiting that
-- location's fulfillment orders in the table. Built CONCURRENTLY, alone in its file (README, "Migrations").
create index concurrently if not exists fulfillment_orders_location_order_idx on fulfillment_orders (location_id, order_id);
