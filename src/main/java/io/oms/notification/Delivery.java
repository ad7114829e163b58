package io.oms.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox's delivery bookkeeping, on the pool and outside any business transaction. A claim takes due
 * notifications with SKIP LOCKED and leases them (pushes their next attempt out), so any number of
 * dispatchers in any number of replicas share the work without sending one twice at the same time.
 */
@ApplicationScoped
public class Delivery {
    public record Due(
            UUID id,
            String kind,
            UUID orderId,
            String recipient,
            String payload,
            int attempts,
            OffsetDateTime createdAt) {}

    private final Pool pool;

    public Delivery(Pool pool) {
        this.pool = pool;
    }

    /** Takes up to {@code limit} due notifications and leases them for {@code lease}. */
    public Uni<List<Due>> claim(OffsetDateTime now, int limit, Duration lease) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                with due as (
                    select id from notifications
                    where status = 'PENDING' and next_attempt_at <= $1
                    order by next_attempt_at, id limit $2
                    for update skip locked)
                update notifications n set next_attempt_at = $3 from due where n.id = due.id
                returning n.id, n.kind, n.order_id, n.recipient, n.payload::text, n.attempts, n.created_at""")
                .execute(Tuple.of(now, limit, now.plus(lease)))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(
                                row.getUUID(0),
                                row.getString(1),
                                row.getUUID(2),
                                row.getString(3),
                                row.getString(4),
                                row.getInteger(5),
                                row.getOffsetDateTime(6)));
                    }
                    return due;
                }));
    }

    public Uni<Void> sent(UUID id, OffsetDateTime now) {
        return pool.preparedQuery("""
                update notifications set status = 'SENT', sent_at = $2, attempts = attempts + 1, last_error = null
                where id = $1""").execute(Tuple.of(id, now)).replaceWithVoid();
    }

    /** A failed attempt: retried at {@code retryAt}, or DEAD (visible, never retried) when it is null. */
    public Uni<Void> failed(UUID id, String error, OffsetDateTime retryAt) {
        return pool.preparedQuery("""
                update notifications set attempts = attempts + 1, last_error = $2,
                    status = case when $3::timestamptz is null then 'DEAD' else 'PENDING' end,
                    next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
                where id = $1""")
                .execute(Tuple.of(id, error.length() > 1000 ? error.substring(0, 1000) : error, retryAt))
                .replaceWithVoid();
    }
}
