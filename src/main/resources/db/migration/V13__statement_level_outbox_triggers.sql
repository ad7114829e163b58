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

-- A notice's summary follows its channels (V8), now once per UPDATE for all the notices it touched: a dispatcher
-- records a claim's skips in one statement, and row by row this trigger cost about 0.8 ms per channel (a lock, an
-- aggregate and an update of the notice each), which made the notices of one restock cost PostgreSQL more than
-- the fill itself. The notice rows are locked first, in id order (two dispatchers never wait on each other in a
-- cycle): the other channel may be recorded at the same moment by another dispatcher, and only a query after that
-- lock (a new snapshot) is sure to see its write. A summary that would not change is not written.
create function notification_status_follow_all() returns trigger language plpgsql as $$
begin
    perform 1 from notifications n
    where n.id in (select c.notification_id from changed c join previous p using (notification_id, channel)
                   where p.status is distinct from c.status or p.attempts is distinct from c.attempts)
    order by n.id for update of n;
    update notifications n set
        status = s.status, attempts = s.attempts, sent_at = s.sent_at,
        next_attempt_at = coalesce(s.next_at, n.next_attempt_at), last_error = s.errors
    from (
        select t.id,
               case when a.pending > 0 then 'PENDING' when a.dead > 0 then 'DEAD'
                    when a.sent > 0 then 'SENT' else 'SKIPPED' end as status,
               a.attempts,
               case when a.pending = 0 and a.dead = 0 then a.sent_at end as sent_at,
               a.next_at, left(a.errors, 1000) as errors
        from (select distinct c.notification_id as id
              from changed c join previous p using (notification_id, channel)
              where p.status is distinct from c.status or p.attempts is distinct from c.attempts) t
        cross join lateral (
            select count(*) filter (where status = 'PENDING') as pending,
                   count(*) filter (where status = 'DEAD') as dead,
                   count(*) filter (where status = 'SENT') as sent,
                   coalesce(sum(attempts), 0) as attempts,
                   max(done_at) filter (where status = 'SENT') as sent_at,
                   min(next_attempt_at) filter (where status = 'PENDING') as next_at,
                   string_agg(channel || ': ' || last_error, '; ' order by channel)
                       filter (where last_error is not null and status <> 'SENT') as errors
            from notification_deliveries d where d.notification_id = t.id) a
    ) s
    where n.id = s.id
      and (n.status, n.attempts, n.sent_at, n.next_attempt_at, n.last_error) is distinct from
          (s.status, s.attempts, s.sent_at, coalesce(s.next_at, n.next_attempt_at), s.errors);
    return null;
end $$;
drop trigger notification_deliveries_status on notification_deliveries;
create trigger notification_deliveries_status after update on notification_deliveries
    referencing old table as previous new table as changed
    for each statement execute function notification_status_follow_all();
drop function notification_status_follow();
