-- A restock that fills thousands of backorders writes as many notices, and the dispatcher then records each
-- channel of each (SKIPPED when notices are switched off). The row-level trigger of V8 re-summarised the notice
-- once per channel row, a PL/pgSQL call and three statements per row: the largest item left in a restock's
-- statement log (#13). The same summary per statement, over the statement's transition tables, does it once for
-- every notice the statement changed, so a batch of skips costs one pass. What it writes is unchanged.

create function notification_status_follow_all() returns trigger language plpgsql as $$
declare
    changed uuid[];
begin
    select array_agg(distinct n.notification_id) into changed
    from new_rows n join old_rows o on o.notification_id = n.notification_id and o.channel = n.channel
    where o.status is distinct from n.status or o.attempts is distinct from n.attempts;
    if changed is null then
        return null;
    end if;
    -- The notice rows are locked first, in one order: another dispatcher may record the other channel at the same
    -- moment, and only a statement after that lock (a new snapshot) is sure to see its write.
    perform 1 from notifications where id = any(changed) order by id for update;
    update notifications t set
        status = case when s.pending > 0 then 'PENDING' when s.dead > 0 then 'DEAD'
                      when s.sent > 0 then 'SENT' else 'SKIPPED' end,
        attempts = s.attempts,
        sent_at = case when s.pending = 0 and s.dead = 0 then s.sent_at end,
        next_attempt_at = coalesce(s.next_at, t.next_attempt_at),
        last_error = left(s.errors, 1000)
    from (
        select notification_id,
               count(*) filter (where status = 'PENDING') as pending,
               count(*) filter (where status = 'DEAD') as dead,
               count(*) filter (where status = 'SENT') as sent,
               coalesce(sum(attempts), 0) as attempts,
               max(done_at) filter (where status = 'SENT') as sent_at,
               min(next_attempt_at) filter (where status = 'PENDING') as next_at,
               string_agg(channel || ': ' || last_error, '; ' order by channel)
                   filter (where last_error is not null and status <> 'SENT') as errors
        from notification_deliveries where notification_id = any(changed)
        group by notification_id) s
    where t.id = s.notification_id;
    return null;
end $$;
drop trigger notification_deliveries_status on notification_deliveries;
create trigger notification_deliveries_status after update on notification_deliveries
    referencing old table as old_rows new table as new_rows
    for each statement execute function notification_status_follow_all();
drop function notification_status_follow();
