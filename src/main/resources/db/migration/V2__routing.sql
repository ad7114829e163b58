-- Routing: fulfillment orders (one per order, location and routing pass) with their lines, backorders,
-- the routing job queue, and the stuck flag that a failed routing sets.

alter table orders
    add column stuck_since  timestamptz,
    add column stuck_reason varchar(32) check (stuck_reason in ('UNROUTED','NOT_PROGRESSING','BACKORDER_OVERDUE'));
create index orders_stuck_idx on orders (stuck_since, id) where stuck_since is not null;

create table fulfillment_orders (
    id                     uuid primary key,
    order_id               uuid        not null references orders (id),
    location_id            uuid        not null references locations (id),
    routing_pass           integer     not null,
    status                 varchar(16) not null check (status in ('OPEN','PICKING','PICKED','PACKED','SHIPPED',
                               'DELIVERED','CANCELLED')),
    carrier                varchar(100),
    tracking_number        varchar(200),
    estimated_delivery_at  timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    version                bigint      not null default 0,
    unique (order_id, location_id, routing_pass)
);
create index fulfillment_orders_order_idx on fulfillment_orders (order_id);
-- The fulfillmentOrders connection: newest first, by location (a warehouse's queue) and/or status.
create index fulfillment_orders_location_idx on fulfillment_orders (location_id, status, created_at desc, id desc);
create index fulfillment_orders_status_idx on fulfillment_orders (status, created_at desc, id desc);
create index fulfillment_orders_created_idx on fulfillment_orders (created_at desc, id desc);

create table fulfillment_order_lines (
    fulfillment_order_id  uuid        not null references fulfillment_orders (id),
    order_line_id         uuid        not null references order_lines (id),
    sku                   varchar(64) not null,
    quantity              integer     not null check (quantity > 0),
    primary key (fulfillment_order_id, order_line_id)
);
create index fulfillment_order_lines_line_idx on fulfillment_order_lines (order_line_id);

create table backorders (
    id             uuid primary key,
    order_id       uuid        not null references orders (id),
    order_line_id  uuid        not null references order_lines (id),
    sku            varchar(64) not null,
    quantity       integer     not null check (quantity > 0),
    status         varchar(16) not null check (status in ('OPEN','ALLOCATED','CANCELLED')),
    decision       varchar(8)  not null default 'WAIT' check (decision in ('WAIT','CANCEL')),
    expected_at    timestamptz,
    created_at     timestamptz not null,
    allocated_at   timestamptz,
    updated_at     timestamptz not null,
    version        bigint      not null default 0
);
create index backorders_order_idx on backorders (order_id);
-- FIFO fill of a SKU's open backorders, and the backorders connection by SKU and status.
create index backorders_sku_status_idx on backorders (sku, status, created_at, id);
create index backorders_status_idx on backorders (status, created_at desc, id desc);

-- One routing job per paid order. Workers claim due jobs with FOR UPDATE SKIP LOCKED and route in the
-- same transaction, so a job is either done with its fulfillment orders written, or still pending.
create table routing_jobs (
    order_id         uuid primary key references orders (id),
    status           varchar(16)  not null check (status in ('PENDING','DONE','FAILED')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       varchar(1000),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);
create index routing_jobs_due_idx on routing_jobs (next_attempt_at) where status = 'PENDING';
