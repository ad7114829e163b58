-- Order activity per hour or day (orderActivity, the console's chart): each figure is one kind of event in a time
-- range, so the index leads with the type and then the time; the statuses the figures test (the change into PAID or
-- CANCELLED, the routing that leaves PAID) are included, so that counting reads the index only, never the events.
-- order_events is append-only and autovacuum visits insert-only tables (PostgreSQL 13+), so its visibility map
-- stays mostly current and the scans index-only. Built CONCURRENTLY, alone in its file (README, "Migrations").
create index concurrently if not exists order_events_type_time_idx on order_events (type, occurred_at)
    include (from_status, to_status);
