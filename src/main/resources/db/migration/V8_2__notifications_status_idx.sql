-- The operations console lists notices by status, newest first. Built CONCURRENTLY, alone in its file, so
-- writes to notifications go on while it builds (README, "Migrations").
create index concurrently if not exists notifications_status_idx on notifications (status, created_at, id);
