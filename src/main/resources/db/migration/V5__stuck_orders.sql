-- Stuck-order detection. Each rule reads its candidates from a partial index that holds only rows that
-- can still be stuck (paid orders, open fulfillment orders, open backorders), so a run costs the same with a
-- million delivered orders as with none.
create index orders_paid_idx on orders (updated_at) where status = 'PAID';
create index routing_jobs_failed_idx on routing_jobs (order_id) where status = 'FAILED';
create index fulfillment_orders_open_idx on fulfillment_orders (updated_at, order_id)
    where status in ('OPEN','PICKING','PICKED','PACKED');
create index backorders_open_expected_idx on backorders (expected_at, order_id) where status = 'OPEN';
create index backorders_open_created_idx on backorders (created_at, order_id)
    where status = 'OPEN' and expected_at is null;
-- orders(filter: {stuck: true}), newest first like every orders page.
create index orders_stuck_placed_idx on orders (placed_at desc, id desc) where stuck_since is not null;

-- One row per detector run: which instance ran it and when, so operators (and the two-replica drill) can
-- see that runs never overlap.
create table stuck_detector_runs (
    id           bigint generated always as identity primary key,
    instance     varchar(200) not null,
    started_at   timestamptz  not null,
    finished_at  timestamptz  not null,
    flagged      integer      not null,
    cleared      integer      not null
);

-- Live events: every audit event is announced on a channel that each replica LISTENs to, so the
-- orderEvents subscription sees the events of every replica, in commit order. NOTIFY payloads are limited
-- to 8000 bytes: long notes and large details are cut here; the order's events field has them whole.
create function announce_order_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('oms_order_events', json_build_object(
        'id', new.id, 'orderId', new.order_id, 'type', new.type, 'fromStatus', new.from_status,
        'toStatus', new.to_status, 'actor', left(new.actor, 200), 'note', left(new.note, 1000),
        'details', case when length(new.details::text) <= 3000 then new.details
                        else jsonb_build_object('truncated', true) end,
        'occurredAt', new.occurred_at)::text);
    return null;
end
$$;
create trigger order_events_announce after insert on order_events
    for each row execute function announce_order_event();
