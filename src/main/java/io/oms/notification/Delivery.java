package io.oms.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The bookkeeping of each channel of each notice (notification_deliveries), on the pool and outside any business
 * transaction.
 *
 * <p>A claim takes due deliveries with SKIP LOCKED and leases them to one dispatcher under a fresh token: their next
 * attempt moves to the end of the lease, so no other dispatcher takes them meanwhile. Every write after that names
 * the token and the PENDING status, and changes nothing when either no longer holds: a dispatcher whose lease ran
 * out (and whose delivery another one has claimed since) can never overwrite that one's result, and nothing turns a
 * SENT, SKIPPED or DEAD delivery back. The dispatcher starts an attempt only when it can end within the lease
 * ({@link Dispatcher}), so a lease never runs out while its attempt is still going.
 */
@ApplicationScoped
public class Delivery {
    /** One channel of one notice, leased to the caller until {@code claimedUntil}. */
    public record Claimed(
            UUID id,
            Channel channel,
            UUID token,
            OffsetDateTime claimedUntil,
            int attempts,
            OffsetDateTime retryingSince,
            String kind,
            UUID orderId,
            String recipient,
            String payload,
            OffsetDateTime createdAt,
            String mailUnwanted,
            boolean overMailLimit) {}

    /** How many notices of one order may be mailed within a window. */
    public record MailLimit(int notices, Duration window) {}

    private static final String WHERE_HELD =
            " where notification_id = $1 and channel = $2 and claim_token = $3 and status = 'PENDING'";

    private final Pool pool;

    public Delivery(Pool pool) {
        this.pool = pool;
    }

    /**
     * Leases up to {@code limit} due deliveries until {@code now + lease}. A mail is over the limit when at least
     * {@code mailLimit.notices} earlier notices of the same order and recipient (those meant to be mailed) were
     * written within the window before it: decided from the notices alone, so every replica decides the same.
     */
    public Uni<List<Claimed>> claim(OffsetDateTime now, int limit, Duration lease, MailLimit mailLimit) {
        OffsetDateTime until = now.plus(lease);
        UUID token = UUID.randomUUID();
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                with due as (
                    select notification_id, channel from notification_deliveries
                    where status = 'PENDING' and next_attempt_at <= $1
                    order by next_attempt_at limit $2
                    for update skip locked
                ), claimed as (
                    update notification_deliveries d set claim_token = $3, claimed_until = $4, next_attempt_at = $4
                    from due where d.notification_id = due.notification_id and d.channel = due.channel
                    returning d.notification_id, d.channel, d.attempts, d.retrying_since
                )
                select c.notification_id, c.channel, c.attempts, c.retrying_since, n.kind, n.order_id, n.recipient,
                       n.payload::text, n.created_at, n.mail_unwanted,
                       c.channel = 'MAIL' and n.order_id is not null and (
                           select count(*) from notifications p
                           where p.order_id = n.order_id and p.recipient = n.recipient and p.mail_unwanted is null
                             and p.created_at > n.created_at - make_interval(secs => $5)
                             and (p.created_at, p.id) < (n.created_at, n.id)) >= $6 as over_limit
                from claimed c join notifications n on n.id = c.notification_id""")
                .execute(Tuple.from(List.of(
                        now, limit, token, until, (double) mailLimit.window().toMillis() / 1000, (long)
                                mailLimit.notices())))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(
                                row.getUUID(0),
                                Channel.valueOf(row.getString(1)),
                                token,
                                until,
                                row.getInteger(2),
                                row.getOffsetDateTime(3),
                                row.getString(4),
                                row.getUUID(5),
                                row.getString(6),
                                row.getString(7),
                                row.getOffsetDateTime(8),
                                row.getString(9),
                                row.getBoolean(10)));
                    }
                    return claimed;
                }));
    }

    /** Delivered; false when the claim was lost (and nothing was written). */
    public Uni<Boolean> sent(Claimed c, OffsetDateTime now) {
        return write(
                "update notification_deliveries set status = 'SENT', attempts = attempts + 1, done_at = $4,"
                        + " last_error = null, claim_token = null, claimed_until = null" + WHERE_HELD,
                c,
                now);
    }

    /** A failed attempt: retried at {@code retryAt}, or DEAD (kept, never retried by itself) when it is null. */
    public Uni<Boolean> failed(Claimed c, String error, OffsetDateTime retryAt, OffsetDateTime now) {
        return write(
                "update notification_deliveries set attempts = attempts + 1, last_error = $4,"
                        + " status = case when $5::timestamptz is null then 'DEAD' else 'PENDING' end,"
                        + " next_attempt_at = coalesce($5::timestamptz, $6::timestamptz),"
                        + " done_at = case when $5::timestamptz is null then $6::timestamptz end,"
                        + " claim_token = null, claimed_until = null" + WHERE_HELD,
                c,
                error.length() > 1000 ? error.substring(0, 1000) : error,
                retryAt,
                now);
    }

    /** Nothing to deliver on this channel, for good; false when the claim was lost (and nothing was written). */
    public Uni<Boolean> skipped(Claimed c, String reason, OffsetDateTime now) {
        return skippedAll(List.of(new Skip(c, reason)), now).map(written -> !written.isEmpty());
    }

    /** One channel of one notice, as a key. */
    private record ChannelOf(UUID notificationId, Channel channel) {}

    /** A claimed delivery with nothing to deliver to, and why. */
    public record Skip(Claimed claimed, String reason) {}

    /**
     * Several deliveries with nothing to deliver to, for good, in one statement (a restock's notices while
     * notifications are switched off are thousands); returns those written, the others' claims were lost.
     */
    public Uni<List<Claimed>> skippedAll(List<Skip> skips, OffsetDateTime now) {
        if (skips.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = new ArrayList<>(skips.size());
        List<String> channels = new ArrayList<>(skips.size());
        List<UUID> tokens = new ArrayList<>(skips.size());
        List<String> reasons = new ArrayList<>(skips.size());
        for (Skip skip : skips) {
            ids.add(skip.claimed().id());
            channels.add(skip.claimed().channel().name());
            tokens.add(skip.claimed().token());
            reasons.add(skip.reason().length() > 200 ? skip.reason().substring(0, 200) : skip.reason());
        }
        return pool.preparedQuery("""
                        update notification_deliveries d set status = 'SKIPPED', skip_reason = s.reason, done_at = $5,
                            claim_token = null, claimed_until = null
                        from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) as s (id, channel, token, reason)
                        where d.notification_id = s.id and d.channel = s.channel and d.claim_token = s.token
                          and d.status = 'PENDING'
                        returning d.notification_id, d.channel""")
                .execute(Tuple.of(
                        ids.toArray(UUID[]::new),
                        channels.toArray(String[]::new),
                        tokens.toArray(UUID[]::new),
                        reasons.toArray(String[]::new),
                        now))
                .map(rows -> {
                    Set<ChannelOf> written = new HashSet<>();
                    rows.forEach(row -> written.add(new ChannelOf(row.getUUID(0), Channel.valueOf(row.getString(1)))));
                    return skips.stream()
                            .map(Skip::claimed)
                            .filter(c -> written.contains(new ChannelOf(c.id(), c.channel())))
                            .toList();
                });
    }

    /** Gives the delivery back unattempted, due at once, for whichever dispatcher has time for it. */
    public Uni<Boolean> release(Claimed c, OffsetDateTime now) {
        return write(
                "update notification_deliveries set next_attempt_at = $4, claim_token = null, claimed_until = null"
                        + WHERE_HELD,
                c,
                now);
    }

    private Uni<Boolean> write(String sql, Claimed c, Object... values) {
        List<Object> parameters = new ArrayList<>(List.of(c.id(), c.channel().name(), c.token()));
        for (Object value : values) {
            parameters.add(value);
        }
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).map(rows -> rows.rowCount() == 1);
    }
}
