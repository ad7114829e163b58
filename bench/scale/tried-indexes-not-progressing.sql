-- Indexes TRIED for the NOT_PROGRESSING candidates of the stuck-order detector (queries 14.2 and 17.2), which
-- fall back to a Seq Scan on orders. Neither fixes it (see RESULTS.md): the cause is a row estimate, not a
-- missing index. The planner multiplies the selectivity of "status in (open)" by that of
-- "updated_at <= now() - 24 h" computed over all fulfillment orders (~90%: delivered ones are old), while
-- almost every open fulfillment order is recent: it expects ~74,500 open-and-old rows where there are ~2,600,
-- and a hash or nested-loop semi-join driven by orders looks cheaper than ~74,500 primary-key lookups.
-- The fix is the query shape: see query 19 in explain.sh ("o.id = any (array(select ...))").
--   ONLY='^(14\.2|17\.2)' bench/scale/explain.sh oms_scale --with bench/scale/tried-indexes-not-progressing.sql

-- The orders the rule may flag (unflagged, not terminal), so the orders side is not a full-table scan.
create index orders_unflagged_active_idx on orders (id)
    where stuck_since is null and status not in ('FULFILLED','DELIVERED','CANCELLED','REFUNDED');
-- Open fulfillment orders by order, so each probe of the semi-join reads a small partial index.
create index fulfillment_orders_open_order_idx on fulfillment_orders (order_id) include (updated_at)
    where status in ('OPEN','PICKING','PICKED','PACKED');
