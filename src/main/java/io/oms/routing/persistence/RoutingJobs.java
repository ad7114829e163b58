package io.oms.routing.persistence;

import io.oms.kernel.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The routing job queue (table routing_jobs), woken by NOTIFY on {@link #CHANNEL}. */
@ApplicationScoped
public class RoutingJobs {
    public static final String CHANNEL = "oms_routing";

    /** A claimed job; {@code createdAt} is when the payment queued it. */
    public record Job(UUID orderId, int attempts, OffsetDateTime createdAt) {
    }

    /** Queues routing for a paid order; the NOTIFY is delivered when the transaction commits. */
    public Uni<Void> enqueue(UUID orderId, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)
                values (:orderId, 'PENDING', 0, :now, :now, :now)
                on conflict (order_id) do nothing""")
                .setParameter("orderId", orderId)
                .setParameter("now", now)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("select cast(pg_notify(:channel, :payload) as text)")
                        .setParameter("channel", CHANNEL)
                        .setParameter("payload", orderId.toString())
                        .getSingleResult())
                .replaceWithVoid());
    }

    /**
     * Claims the oldest due job for this transaction. SKIP LOCKED lets any number of workers, in any number
     * of replicas, take different jobs without waiting on each other; the row stays locked until commit.
     */
    public Uni<Job> claimNext(OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select order_id, attempts, created_at from routing_jobs
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at, order_id
                limit 1
                for update skip locked""", Object[].class)
                .setParameter("now", now)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null
                        : job(rows.get(0))));
    }

    /** Locks one order's job (if it has one) so that an admin's routeOrder and a worker never overlap. */
    public Uni<Job> lock(UUID orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select order_id, attempts, created_at from routing_jobs where order_id = :orderId for update""", Object[].class)
                .setParameter("orderId", orderId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null
                        : job(rows.get(0))));
    }

    public Uni<Void> markDone(UUID orderId, OffsetDateTime now) {
        return update("update routing_jobs set status = 'DONE', updated_at = :now where order_id = :orderId",
                orderId, now);
    }

    /** Records a failed attempt: retried at {@code retryAt}, or FAILED when {@code retryAt} is null. */
    public Uni<Integer> recordFailure(UUID orderId, String error, OffsetDateTime retryAt, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                update routing_jobs
                set attempts = attempts + 1, last_error = :error, updated_at = :now,
                    status = case when cast(:retryAt as timestamptz) is null then 'FAILED' else status end,
                    next_attempt_at = coalesce(cast(:retryAt as timestamptz), next_attempt_at)
                where order_id = :orderId and status = 'PENDING'""")
                .setParameter("orderId", orderId)
                .setParameter("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter("retryAt", retryAt)
                .setParameter("now", now)
                .executeUpdate());
    }

    private Uni<Void> update(String sql, UUID orderId, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("orderId", orderId)
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid());
    }

    private static Job job(Object[] row) {
        return new Job((UUID) row[0], ((Number) row[1]).intValue(), Times.utc(row[2]));
    }
}
