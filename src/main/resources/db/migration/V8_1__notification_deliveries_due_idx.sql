-- The dispatcher claims the due deliveries; without this index every round reads the whole table.
-- Built CONCURRENTLY, alone in its file, as every index from V7 on (README, "Migrations").
create index concurrently if not exists notification_deliveries_due_idx on notification_deliveries (next_attempt_at)
    where status = 'PENDING';
