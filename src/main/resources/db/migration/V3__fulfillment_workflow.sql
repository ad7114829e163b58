-- Fulfillment workflow: the customer notification outbox (delivered by a dispatcher in a later issue) and
-- refunds of cancelled quantity.

create table notifications (
    id               uuid primary key,
    kind             varchar(32)  not null check (kind in ('BACKORDER_CREATED','BACKORDER_ALLOCATED',
                         'SHIPMENT_SHIPPED','LINES_CANCELLED','ORDER_STUCK')),
    order_id         uuid         references orders (id),
    recipient        varchar(254),
    payload          jsonb        not null,
    status           varchar(16)  not null default 'PENDING' check (status in ('PENDING','SENT','DEAD')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       varchar(1000),
    created_at       timestamptz  not null,
    sent_at          timestamptz
);
create index notifications_order_idx on notifications (order_id, created_at);
create index notifications_due_idx on notifications (next_attempt_at) where status = 'PENDING';

create table refunds (
    id          uuid primary key,
    order_id    uuid          not null references orders (id),
    amount      numeric(19,4) not null check (amount >= 0),
    reason      varchar(500)  not null,
    actor       varchar(200)  not null,
    created_at  timestamptz   not null
);
create index refunds_order_idx on refunds (order_id, created_at);

create table refund_lines (
    refund_id      uuid          not null references refunds (id),
    order_line_id  uuid          not null references order_lines (id),
    quantity       integer       not null check (quantity > 0),
    amount         numeric(19,4) not null check (amount >= 0),
    primary key (refund_id, order_line_id)
);
