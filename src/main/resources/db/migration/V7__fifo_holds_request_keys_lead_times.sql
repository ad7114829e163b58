-- Issue #13: stock, money and requests that stay right under retries and races.

-- Idempotent mutations: the first request with a key (per caller) records what it answered; the same key again
-- gets that answer back and writes nothing. Claimed inside the mutation's own transaction, so a racing
-- duplicate waits on the key row and then finds the committed answer (as idempotency_keys does for orders).
create table request_keys (
    caller        varchar(200) not null,
    key           varchar(200) not null,
    operation     varchar(64)  not null,
    request_hash  varchar(64)  not null,
    result        jsonb        not null default '{}'::jsonb,
    created_at    timestamptz  not null,
    primary key (caller, key)
);

-- First in, first out: stock that becomes available while backorders wait for it is held for them in the
-- same transaction (receipt, count, release), so no newer order can take it before the fill allocates it.
-- New orders see on_hand - reserved - safety_stock - held; the fill sees the held units too.
alter table inventory_levels
    add column held integer not null default 0 check (held >= 0),
    add constraint inventory_levels_reserved_held_on_hand check (reserved + held <= on_hand),
    -- Counted up by every change that backorders may be waiting for; the fill (one pass per level at a time)
    -- records in fill_done the count it has seen through, so fill_requests > fill_done means "fill me".
    add column fill_requests bigint not null default 0,
    add column fill_done bigint not null default 0,
    -- One fill pass per level at a time in the whole cluster: a lease that a pass renews as it goes, so a
    -- replica that dies mid-pass leaves nothing locked for longer than the lease.
    add column fill_owner varchar(200),
    add column fill_lease_until timestamptz;

-- A supplier's lead time: the expected date of a backorder that no incoming stock covers.
alter table locations add column lead_time_days integer check (lead_time_days between 0 and 3650);

-- An order is paid once it reached PAID, however it got there. Orders marked paid by hand before a reference
-- was required have none: give them one, so that cancelling them refunds what was paid.
update orders o set payment_reference = 'recorded before payment references were required'
where o.payment_reference is null
  and exists (select 1 from order_events e where e.order_id = o.id and e.to_status = 'PAID');

-- Routing no longer gives up: a job keeps being retried (capped backoff) while its order is flagged UNROUTED.
update routing_jobs set status = 'PENDING', next_attempt_at = now() where status = 'FAILED';
