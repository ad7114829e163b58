-- Stock on its way (purchase orders, inbound transfers) with the date it is expected, per location.
-- receiveStock consumes it earliest first; backorders take their expected date from it.

create table incoming_stock (
    id           uuid primary key,
    location_id  uuid        not null references locations (id),
    sku          varchar(64) not null,
    quantity     integer     not null check (quantity > 0),
    expected_at  timestamptz not null,
    created_at   timestamptz not null
);
create index incoming_stock_sku_idx on incoming_stock (sku, expected_at, id);
create index incoming_stock_level_idx on incoming_stock (location_id, sku, expected_at, id);
