package io.oms.routing.persistence;

import io.oms.infra.sql.Rows;
import io.oms.infra.sql.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The routing job queue (table routing_jobs), woken by NOTIFY on {@link #CHANNEL}. */
@ApplicationScoped
public class RoutingJobs {
    public static final String CHANNEL = "oms_routing";
    private static final int MAX_ERROR = 1000;

    /**
     * A claimed job; {@code createdAt} is when the payment queued it, {@code traceparent} the trace context of the
     * request that queued it (null when it was not traced).
     */
    public record Job(UUID orderId, int attempts, OffsetDateTime createdAt, String traceparent) {}

    /**
     * Queues routing for a paid order, with the trace context to continue (may be null); the NOTIFY is delivered
     * when the transaction commits. One statement: the insert runs as a data-modifying CTE (PostgreSQL runs those
     * whether or not the query reads them), and the job is announced even when it was queued already.
     */
    public Uni<Void> enqueue(Tx tx, UUID orderId, OffsetDateTime now, String traceparent) {
        return tx.execute("""
                with queued as (
                    insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at,
                        traceparent)
                    values ($1, 'PENDING', 0, $2, $2, $2, $3)
                    on conflict (order_id) do nothing)
                select cast(pg_notify($4, $5) as text)""", orderId, now, traceparent, CHANNEL, orderId.toString())
                .replaceWithVoid();
    }

    /**
     * A job taken by {@link #takeNext}, and how many other jobs were due then (counted up to the limit given),
     * those that other workers were routing included: they are pending until their transaction commits.
     */
    public record Taken(Job job, int othersDue) {}

    /**
     * Takes the oldest due job for this transaction: locks it and marks it done, in one statement. SKIP LOCKED lets
     * any number of workers, in any number of replicas, take different jobs without waiting on each other; the row
     * stays locked until commit, and a rollback (the routing failed) leaves the job pending. {@code othersDue}
     * (counted up to {@code countUpTo}) lets a worker stop after the last job nobody else is routing, instead of
     * asking once more for nothing. Null when none is due.
     */
    public Uni<Taken> takeNext(Tx tx, OffsetDateTime now, int countUpTo) {
        return tx.one("""
                with claimed as (
                    select order_id from routing_jobs
                    where status = 'PENDING' and next_attempt_at <= $1
                    order by next_attempt_at, order_id
                    limit 1
                    for update skip locked)
                update routing_jobs j set status = 'DONE', updated_at = $1
                from claimed c
                where j.order_id = c.order_id
                returning j.order_id, j.attempts, j.created_at, j.traceparent,
                    (select count(*) from (
                        select from routing_jobs o
                        where o.status = 'PENDING' and o.next_attempt_at <= $1 and o.order_id <> j.order_id
                        limit $2) others)""", row -> new Taken(job(row), row.getLong(4).intValue()), now, countUpTo);
    }

    /** Locks one order's job (if it has one) so that an admin's routeOrder and a worker never overlap. */
    public Uni<Job> lock(Tx tx, UUID orderId) {
        return tx.one(
                "select order_id, attempts, created_at, traceparent from routing_jobs where order_id = $1 for update",
                RoutingJobs::job,
                orderId);
    }

    public Uni<Void> markDone(Tx tx, UUID orderId, OffsetDateTime now) {
        return tx.execute("update routing_jobs set status = 'DONE', updated_at = $2 where order_id = $1", orderId, now)
                .replaceWithVoid();
    }

    /**
     * Records a failed attempt, retried at {@code retryAt}; returns the attempts now recorded (null when the job is
     * no longer pending). Several workers may fail the same job at once, so this count, not the one a worker read
     * when it claimed the job, is the job's.
     */
    public Uni<Integer> recordFailure(Tx tx, UUID orderId, String error, OffsetDateTime retryAt, OffsetDateTime now) {
        return tx.one(
                """
                update routing_jobs
                set attempts = attempts + 1, last_error = $2, updated_at = $4, next_attempt_at = $3
                where order_id = $1 and status = 'PENDING'
                returning attempts""",
                row -> row.getInteger(0),
                orderId,
                error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error,
                retryAt,
                now);
    }

    private static Job job(Row row) {
        return new Job(row.getUUID(0), row.getInteger(1), Rows.utc(row, "created_at"), row.getString(3));
    }
}
