-- Notices are delivered and retried per channel (webhook, mail): one notification_deliveries row each, with its
-- own status, attempts, schedule and claim. notifications.status stays the summary that operations read:
-- PENDING until every channel is done, then DEAD if any channel is dead, SENT if any channel delivered, and
-- SKIPPED when no channel delivered anything (none configured, no recipient, switched off, rate limited).

alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
    check (status in ('PENDING', 'SENT', 'SKIPPED', 'DEAD'));
-- Why the writer wants no mail for this notice (e.g. the cancellation of an order nobody paid for); null: mail it.
alter table notifications add column mail_unwanted varchar(200);

create table notification_deliveries (
    notification_id  uuid          not null references notifications (id),
    channel          varchar(8)    not null check (channel in ('WEBHOOK', 'MAIL')),
    status           varchar(16)   not null check (status in ('PENDING', 'SENT', 'SKIPPED', 'DEAD')),
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    -- Retries give up (DEAD) only after this long and so many attempts since this time: created, or redelivered.
    retrying_since   timestamptz   not null,
    -- The dispatcher that holds the row: its token and until when. Every status write checks the token, so a
    -- dispatcher whose lease ran out can never overwrite what another one recorded since.
    claim_token      uuid,
    claimed_until    timestamptz,
    last_error       varchar(1000),
    skip_reason      varchar(200),
    done_at          timestamptz,
    redelivered_at   timestamptz,
    redelivered_by   varchar(200),
    primary key (notification_id, channel)
);
-- Its indexes, and the one on notifications, are built CONCURRENTLY in V8_1 and V8_2 (see README, "Migrations").

-- Notices written before this migration keep what they had, on both channels.
insert into notification_deliveries (notification_id, channel, status, attempts, next_attempt_at, retrying_since,
                                     last_error, done_at)
select n.id, c.channel, n.status, case when n.status = 'PENDING' then 0 else n.attempts end, n.next_attempt_at,
       n.created_at, n.last_error, n.sent_at
from notifications n cross join (values ('WEBHOOK'), ('MAIL')) as c (channel);

-- Every notice gets its two deliveries, however it is written (Outbox, or a set-based INSERT ... SELECT).
create function notification_deliveries_create() returns trigger language plpgsql as $$
begin
    insert into notification_deliveries (notification_id, channel, status, attempts, next_attempt_at, retrying_since)
    values (new.id, 'WEBHOOK', 'PENDING', 0, new.next_attempt_at, new.created_at),
           (new.id, 'MAIL', 'PENDING', 0, new.next_attempt_at, new.created_at);
    return null;
end $$;
create trigger notifications_deliveries after insert on notifications
    for each row execute function notification_deliveries_create();

-- The summary follows the channels. The notice row is locked first: the other channel may be recorded at the same
-- moment by another dispatcher, and only a query after that lock (a new snapshot) is sure to see its write.
create function notification_status_follow() returns trigger language plpgsql as $$
declare
    s record;
begin
    perform 1 from notifications where id = new.notification_id for update;
    select count(*) filter (where status = 'PENDING') as pending,
           count(*) filter (where status = 'DEAD') as dead,
           count(*) filter (where status = 'SENT') as sent,
           coalesce(sum(attempts), 0) as attempts,
           max(done_at) filter (where status = 'SENT') as sent_at,
           min(next_attempt_at) filter (where status = 'PENDING') as next_at,
           string_agg(channel || ': ' || last_error, '; ' order by channel)
               filter (where last_error is not null and status <> 'SENT') as errors
    into s from notification_deliveries where notification_id = new.notification_id;
    update notifications set
        status = case when s.pending > 0 then 'PENDING' when s.dead > 0 then 'DEAD'
                      when s.sent > 0 then 'SENT' else 'SKIPPED' end,
        attempts = s.attempts,
        sent_at = case when s.pending = 0 and s.dead = 0 then s.sent_at end,
        next_attempt_at = coalesce(s.next_at, next_attempt_at),
        last_error = left(s.errors, 1000)
    where id = new.notification_id;
    return null;
end $$;
create trigger notification_deliveries_status after update on notification_deliveries
    for each row when (old.status is distinct from new.status or old.attempts is distinct from new.attempts)
    execute function notification_status_follow();
