-- Proposed index (not in any migration; for a V6 if the team agrees). Applied by:
--   bench/scale/explain.sh oms_scale --with bench/scale/proposed-indexes.sql
--
-- orders(filter: {status}) totalCount: KeysetPages.page always runs "select count(*) from orders o where
-- o.status = $1". For a big status (DELIVERED, 70% of the orders) the planner picks a Parallel Seq Scan on
-- orders: orders_status_placed_idx carries placed_at and id in every entry (~100 MB at 1M orders), so an
-- index-only count over it costs more than reading the heap. A plain (status) index is deduplicated by the
-- B-tree (9 distinct values, ~7 MB at 1M orders), so the count becomes an Index Only Scan over a few MB.
-- It is still linear in the rows counted (see RESULTS.md); it also serves the unfiltered count.
create index orders_status_idx on orders (status);
