-- The fill's safety net reads the levels whose fill was requested or that still hold stock; a partial index
-- keeps that read independent of how many levels exist. Built CONCURRENTLY, so a rolling update never blocks
-- writes to inventory_levels; Flyway runs a migration made only of such statements outside a transaction.
create index concurrently if not exists inventory_levels_fill_idx on inventory_levels (location_id, sku)
    where fill_requests > fill_done or held > 0;
