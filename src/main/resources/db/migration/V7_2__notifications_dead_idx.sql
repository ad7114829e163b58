-- The dead-notice gauge (BacklogGauges: oms_notifications{status="dead"}) counts DEAD notices on every replica
-- every 15 s, and the runbook lists them oldest first: without this index both read the whole outbox.
-- Built CONCURRENTLY, so writes to notifications go on while it builds (see README, "Migrations"); Flyway runs
-- a migration with a CONCURRENTLY statement outside a transaction, which is why it is alone in its file.
create index concurrently notifications_dead_idx on notifications (created_at) where status = 'DEAD';
