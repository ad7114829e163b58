-- Foundation schema: locations and stock, orders with their lines, the append-only audit trail and
-- idempotency keys. Status and type columns are text with CHECK constraints (readable in psql, cheap to
-- extend in a later migration).

create table locations (
    id          uuid primary key,
    code        varchar(64)  not null unique,
    name        varchar(200) not null,
    type        varchar(32)  not null check (type in ('WAREHOUSE','THIRD_PARTY_LOGISTICS','STORE','DROPSHIP_SUPPLIER')),
    priority    integer      not null default 0,
    active      boolean      not null default true,
    latitude    double precision check (latitude between -90 and 90),
    longitude   double precision check (longitude between -180 and 180),
    countries   varchar(2)[] not null default '{}',
    version     bigint       not null default 0,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    check ((latitude is null) = (longitude is null))
);
-- Routing asks "which active locations ship to country X".
create index locations_countries_idx on locations using gin (countries);

create table inventory_levels (
    id           uuid primary key,
    location_id  uuid        not null references locations (id),
    sku          varchar(64) not null,
    on_hand      integer     not null default 0 check (on_hand >= 0),
    reserved     integer     not null default 0 check (reserved >= 0),
    safety_stock integer     not null default 0 check (safety_stock >= 0),
    version      bigint      not null default 0,
    updated_at   timestamptz not null,
    unique (location_id, sku),
    -- The invariant of DESIGN.md, enforced by the database whatever the application does.
    check (reserved <= on_hand)
);
create index inventory_levels_sku_idx on inventory_levels (sku);

-- Every change of a level, with who and why: the ledger that explains today's numbers.
create table inventory_movements (
    id              bigint generated always as identity primary key,
    location_id     uuid        not null references locations (id),
    sku             varchar(64) not null,
    on_hand_delta   integer     not null,
    reserved_delta  integer     not null,
    on_hand_after   integer     not null,
    reserved_after  integer     not null,
    reason          varchar(500) not null,
    actor           varchar(200) not null,
    order_id        uuid,
    occurred_at     timestamptz not null
);
create index inventory_movements_level_idx on inventory_movements (location_id, sku, id);

create sequence order_number_seq start with 100001;

create table orders (
    id                 uuid primary key,
    number             bigint       not null unique,
    customer_id        varchar(200) not null,
    email              varchar(254),
    currency           varchar(3)   not null,
    status             varchar(32)  not null check (status in ('PENDING','PAYMENT_PROCESSING','PAID',
                           'AWAITING_FULFILLMENT','PARTIALLY_FULFILLED','FULFILLED','DELIVERED','CANCELLED','REFUNDED')),
    split_policy       varchar(16)  not null check (split_policy in ('SHIP_AVAILABLE','SHIP_COMPLETE')),
    ship_name          varchar(200) not null,
    ship_line1         varchar(200) not null,
    ship_line2         varchar(200),
    ship_city          varchar(200) not null,
    ship_region        varchar(200),
    ship_postal_code   varchar(32)  not null,
    ship_country       varchar(2)   not null,
    ship_latitude      double precision,
    ship_longitude     double precision,
    subtotal           numeric(19,4) not null check (subtotal >= 0),
    total              numeric(19,4) not null check (total >= 0),
    refunded_total     numeric(19,4) not null default 0 check (refunded_total >= 0),
    payment_reference  varchar(200),
    placed_at          timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0
);
-- The orders connection is keyset-paginated on (placed_at desc, id desc), optionally by status or customer.
create index orders_placed_idx on orders (placed_at desc, id desc);
create index orders_status_placed_idx on orders (status, placed_at desc, id desc);
create index orders_customer_placed_idx on orders (customer_id, placed_at desc, id desc);

create table order_lines (
    id                    uuid primary key,
    order_id              uuid          not null references orders (id),
    line_no               integer       not null,
    sku                   varchar(64)   not null,
    quantity              integer       not null check (quantity >= 1),
    unit_price            numeric(19,4) not null check (unit_price >= 0),
    quantity_allocated    integer       not null default 0 check (quantity_allocated >= 0),
    quantity_backordered  integer       not null default 0 check (quantity_backordered >= 0),
    quantity_cancelled    integer       not null default 0 check (quantity_cancelled >= 0),
    quantity_shipped      integer       not null default 0 check (quantity_shipped >= 0),
    unique (order_id, line_no),
    check (quantity_allocated + quantity_backordered + quantity_cancelled + quantity_shipped <= quantity)
);
-- orders(filter: {sku}) and, later, routing and backorders by SKU.
create index order_lines_sku_idx on order_lines (sku, order_id);

create table order_events (
    id           bigint generated always as identity primary key,
    order_id     uuid         not null references orders (id),
    type         varchar(64)  not null,
    from_status  varchar(32),
    to_status    varchar(32),
    actor        varchar(200) not null,
    note         varchar(2000),
    details      jsonb        not null default '{}'::jsonb,
    occurred_at  timestamptz  not null
);
create index order_events_order_idx on order_events (order_id, id);

-- The audit trail is append-only: the database itself refuses to change or remove history.
create function order_events_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'order_events is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger order_events_no_update before update or delete on order_events
    for each row execute function order_events_reject_change();
create trigger order_events_no_truncate before truncate on order_events
    for each statement execute function order_events_reject_change();

-- placeOrder is idempotent per (caller, key). The key row is written first, in the order's own
-- transaction, so a racing duplicate waits on it and then finds the committed order.
create table idempotency_keys (
    caller        varchar(200) not null,
    key           varchar(200) not null,
    order_id      uuid         not null,
    request_hash  varchar(64)  not null,
    created_at    timestamptz  not null,
    primary key (caller, key),
    foreign key (order_id) references orders (id) deferrable initially deferred
);
