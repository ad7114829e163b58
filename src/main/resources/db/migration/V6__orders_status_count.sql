-- The totalCount of orders(filter: {status}) for a big status (DELIVERED: most orders) scanned the whole
-- table: orders_status_placed_idx is too wide to count from. A plain (status) index is tiny after B-tree
-- deduplication, so the count is an index-only scan (bench/scale/RESULTS.md: 155 ms -> 54 ms at 1M orders).
create index orders_status_idx on orders (status);
