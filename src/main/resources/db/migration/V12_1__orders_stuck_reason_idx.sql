-- Stuck orders by reason: stuckOrders(reason) reads one reason longest stuck first straight from this index, and
-- orders(filter: {stuckReason}) and its totalCount (the console's count per reason) read that reason's rows from
-- it. Partial, like orders_stuck_idx: it holds only the orders flagged now. Built CONCURRENTLY, alone in its file
-- (README, "Migrations").
create index concurrently if not exists orders_stuck_reason_idx on orders (stuck_reason, stuck_since, id)
    where stuck_since is not null;
