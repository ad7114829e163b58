-- A batch fill writes hundreds of notices and audit events with one multi-row INSERT each. The row-level triggers
-- of V5 and V8 ran a PL/pgSQL call per row (and, for the deliveries, an INSERT per row): a large share of what a
-- restock of thousands of backorders costs PostgreSQL. The same triggers per statement, over the statement's
-- transition table, do the same work once per INSERT. What they write and announce is unchanged.

-- Every notice gets its two deliveries, however it is written (Outbox, or a set-based INSERT ... SELECT).
create function notification_deliveries_create_all() returns trigger language plpgsql as $$
begin
    insert into notification_deliveries (notification_id, channel, status, attempts, next_attempt_at, retrying_since)
    select n.id, c.channel, 'PENDING', 0, n.next_attempt_at, n.created_at
    from inserted n cross join (values ('WEBHOOK'), ('MAIL')) as c (channel);
    return null;
end $$;
drop trigger notifications_deliveries on notifications;
create trigger notifications_deliveries after insert on notifications
    referencing new table as inserted
    for each statement execute function notification_deliveries_create_all();
drop function notification_deliveries_create();

-- Each audit event is announced to every replica (OrderEventStream), in the order of its id.
create function announce_order_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('oms_order_events', json_build_object(
        'id', e.id, 'orderId', e.order_id, 'type', e.type, 'fromStatus', e.from_status,
        'toStatus', e.to_status, 'actor', left(e.actor, 200), 'note', left(e.note, 1000),
        'details', case when length(e.details::text) <= 3000 then e.details
                        else jsonb_build_object('truncated', true) end,
        'occurredAt', e.occurred_at)::text)
    from inserted e order by e.id;
    return null;
end $$;
drop trigger order_events_announce on order_events;
create trigger order_events_announce after insert on order_events
    referencing new table as inserted
    for each statement execute function announce_order_events();
drop function announce_order_event();
