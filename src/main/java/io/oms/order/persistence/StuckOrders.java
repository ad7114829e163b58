package io.oms.order.persistence;

import io.oms.audit.AuditLog;
import io.oms.audit.EventType;
import io.oms.infra.sql.Tx;
import io.oms.notification.Outbox;
import io.oms.order.domain.StuckReason;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;

/**
 * The stuck flag in SQL. Each statement flags (or clears) one batch and writes the audit events and the ops
 * notifications of that batch in the same statement, so a flag never exists without its event. Rows that a
 * command holds locked are skipped: that order is moving right now, and the next run looks at it again.
 * The detector's statements do not bump the order's version: the flag is not a change the customer made, and
 * every command locks the order row before it reads it, so a command never overwrites a newer flag.
 */
@ApplicationScoped
public class StuckOrders {
    /** Key of the session advisory lock that lets one replica run the detector at a time. */
    static final long DETECTOR_LOCK = 0x6f6d735f737475L; // "oms_stu"

    private static final String OPEN_FULFILLMENT = "('OPEN','PICKING','PICKED','PACKED')";
    private static final String TERMINAL = "('FULFILLED','DELIVERED','CANCELLED','REFUNDED')";

    /** Whether the rule of each reason still holds for order {@code o}; $1 = now, $2 = cutoff. */
    private static final Map<StuckReason, String> HOLDS = Map.of(
            StuckReason.UNROUTED, "o.status = 'PAID'",
            StuckReason.NOT_PROGRESSING, """
                    exists (select 1 from fulfillment_orders f where f.order_id = o.id
                            and f.status in %s and f.updated_at <= $2::timestamptz)""".formatted(OPEN_FULFILLMENT),
            StuckReason.BACKORDER_OVERDUE, """
                    exists (select 1 from backorders b where b.order_id = o.id and b.status = 'OPEN'
                            and (b.expected_at < $1::timestamptz
                                 or (b.expected_at is null and b.created_at <= $2::timestamptz)))""");

    /** Orders that newly meet each rule; each is served by a partial index of V5. */
    private static final Map<StuckReason, String> CANDIDATES = Map.of(
            StuckReason.UNROUTED, """
                    o.status = 'PAID' and (o.updated_at <= $2::timestamptz
                        or o.id in (select j.order_id from routing_jobs j where j.status = 'FAILED'))""",
            // = any(array(...)), not in (...): the planner overestimates stale open fulfillment orders (they are
            // almost always recent) and would scan all orders; the array makes it look each one up by id
            // (bench/scale/RESULTS.md: 702 ms -> 13 ms per batch with a million orders).
            StuckReason.NOT_PROGRESSING, """
                    o.id = any (array(select f.order_id from fulfillment_orders f
                                      where f.status in %s and f.updated_at <= $2::timestamptz))""".formatted(OPEN_FULFILLMENT),
            StuckReason.BACKORDER_OVERDUE, """
                    o.id in (select b.order_id from backorders b
                             where b.status = 'OPEN' and b.expected_at < $1::timestamptz
                             union all
                             select b.order_id from backorders b where b.status = 'OPEN' and b.expected_at is null
                                 and b.created_at <= $2::timestamptz)""");

    private final Pool pool;

    public StuckOrders(Pool pool) {
        this.pool = pool;
    }

    /** What one run did; {@code ran} is false when another instance held the lock. */
    public record Run(boolean ran, Map<StuckReason, Integer> flagged, Map<StuckReason, Integer> cleared) {
        public int flaggedTotal() {
            return flagged.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int clearedTotal() {
            return cleared.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Settings of one run. */
    public record Settings(
            OffsetDateTime now,
            OffsetDateTime cutoff,
            int batchSize,
            String actor,
            String recipient,
            String instance) {}

    /**
     * Runs {@code work} on one connection while holding the detector's session advisory lock, or returns
     * {@code null} at once when another instance holds it. A session lock (not a transaction lock) spans the
     * many short statements of a run; if the instance dies, its connection closes and PostgreSQL frees it.
     */
    public <T> Uni<T> exclusively(Function<Tx, Uni<T>> work) {
        return pool.getConnection()
                .chain(conn -> conn.preparedQuery("select pg_try_advisory_lock($1)")
                        .execute(Tuple.of(DETECTOR_LOCK))
                        .chain(rows -> {
                            if (!rows.iterator().next().getBoolean(0)) {
                                return Uni.createFrom().<T>nullItem();
                            }
                            return work.apply(Tx.on(conn))
                                    .onTermination()
                                    .call(() -> conn.preparedQuery("select pg_advisory_unlock($1)")
                                            .execute(Tuple.of(DETECTOR_LOCK))
                                            .onFailure()
                                            .recoverWithNull());
                        })
                        .onTermination()
                        .call(conn::close));
    }

    /** Flags up to one batch of orders that meet {@code reason}'s rule; returns how many. */
    public Uni<Integer> flagBatch(Tx conn, StuckReason reason, Settings s) {
        String sql = """
                with candidates as (
                    select o.id from orders o
                    where o.stuck_since is null and o.status not in %s and %s
                    limit $3
                    for update of o skip locked
                ), flagged as (
                    update orders o set stuck_since = $1::timestamptz, stuck_reason = $4::varchar
                    from candidates c where o.id = c.id
                    returning o.id, o.number, o.status
                ), events as (
                    %s
                    select id, '%s', status, status, $5::varchar, $6::varchar,
                           jsonb_build_object('reason', $4::varchar), $1::timestamptz from flagged
                ), notices as (
                    %s
                    select gen_random_uuid(), '%s', id, $7::varchar,
                           jsonb_build_object('orderNumber', number, 'status', status,
                                              'reason', $4::varchar, 'stuckSince', $1::timestamptz),
                           'PENDING', 0, $1::timestamptz, $1::timestamptz from flagged
                )
                select count(*) from flagged""".formatted(
                        TERMINAL,
                        CANDIDATES.get(reason),
                        AuditLog.INSERT,
                        EventType.ORDER_STUCK.name(),
                        Outbox.INSERT,
                        Outbox.Kind.ORDER_STUCK.name());
        return count(
                conn,
                sql,
                Tuple.tuple()
                        .addValue(s.now())
                        .addValue(s.cutoff())
                        .addValue(s.batchSize())
                        .addValue(reason.name())
                        .addValue(s.actor())
                        .addValue(reason.note())
                        .addValue(s.recipient()));
    }

    /** Clears up to one batch of orders flagged for {@code reason} whose rule no longer holds. */
    public Uni<Integer> clearBatch(Tx conn, StuckReason reason, Settings s) {
        String sql = """
                with moved as (
                    select o.id from orders o
                    where $2::timestamptz is not null and o.stuck_since is not null and o.stuck_reason = $4::varchar
                        and not (%s)
                    limit $3
                    for update of o skip locked
                ), cleared as (
                    update orders o set stuck_since = null, stuck_reason = null
                    from moved m where o.id = m.id
                    returning o.id, o.status
                ), events as (
                    %s
                    select id, '%s', status, status, $5::varchar, 'the order moves again',
                           jsonb_build_object('reason', $4::varchar), $1::timestamptz from cleared
                )
                select count(*) from cleared""".formatted(HOLDS.get(reason), AuditLog.INSERT, EventType.STUCK_CLEARED.name());
        return count(
                conn,
                sql,
                Tuple.tuple()
                        .addValue(s.now())
                        .addValue(s.cutoff())
                        .addValue(s.batchSize())
                        .addValue(reason.name())
                        .addValue(s.actor()));
    }

    /** Records a finished run (see V5: the two-replica drill reads these rows). */
    public Uni<Void> recordRun(Tx conn, Settings s, OffsetDateTime finishedAt, Run run) {
        return conn.execute("""
                insert into stuck_detector_runs (instance, started_at, finished_at, flagged, cleared)
                values ($1, $2, $3, $4, $5)""", s.instance(), s.now(), finishedAt, run.flaggedTotal(), run.clearedTotal())
                .replaceWithVoid();
    }

    private static Uni<Integer> count(Tx conn, String sql, Tuple args) {
        return conn.query(sql, args)
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }
}
