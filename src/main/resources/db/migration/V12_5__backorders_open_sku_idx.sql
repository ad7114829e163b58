-- What waits for stock, by SKU (backorderSummary, the console's overview and backorders page): the open backorders
-- in SKU order, each SKU's oldest first, with the quantity and expected date included. The totals (open backorders,
-- units, SKUs) read this index only; the SKU waiting longest first walks its distinct SKUs (one descent per SKU)
-- and takes each one's oldest row, and a page's figures read only its SKUs' rows. Partial: allocated and cancelled
-- backorders, which accumulate forever, are not in it. backorders_sku_status_idx (V2) holds every status, so neither
-- the distinct SKUs nor the units could be read from it alone. Built CONCURRENTLY, alone in its file (README,
-- "Migrations").
create index concurrently if not exists backorders_open_sku_idx on backorders (sku, created_at, id)
    include (quantity, expected_at) where status = 'OPEN';
