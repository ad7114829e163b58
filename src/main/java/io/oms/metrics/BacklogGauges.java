package io.oms.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.oms.order.domain.StuckReason;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Gauges of the backlog that lives in the database: open backorders, the routing queue (its depth, and how long
 * its oldest due job has been waiting for a worker), notices still to deliver or given up (DEAD), stuck orders
 * by reason. A scrape must never wait on the database, so a scheduled refresh reads them (each count is served
 * by a partial index) and the gauges report the last values. Every replica reports the same numbers: use
 * max(), not sum(), across pods. The alerts of k8s/components/monitoring are written against these names.
 */
@ApplicationScoped
public class BacklogGauges {
    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);
    private static final String COUNTS = """
            select (select count(*) from backorders where status = 'OPEN') as open_backorders,
                   (select count(*) from routing_jobs where status = 'PENDING') as routing_queue,
                   (select coalesce(extract(epoch from now() - min(next_attempt_at)), 0)::float8 from routing_jobs
                    where status = 'PENDING' and next_attempt_at <= now()) as routing_oldest_seconds,
                   (select count(*) from notifications where status = 'PENDING') as notifications_pending,
                   (select count(*) from notifications where status = 'DEAD') as notifications_dead,
                   count(*) filter (where stuck_reason = 'UNROUTED') as unrouted,
                   count(*) filter (where stuck_reason = 'NOT_PROGRESSING') as not_progressing,
                   count(*) filter (where stuck_reason = 'BACKORDER_OVERDUE') as backorder_overdue
            from orders where stuck_since is not null""";

    private final Pool pool;
    private final AtomicLong openBackorders = new AtomicLong();
    private final AtomicLong routingQueue = new AtomicLong();
    private final AtomicReference<Double> routingOldestSeconds = new AtomicReference<>(0.0);
    private final AtomicLong notificationsPending = new AtomicLong();
    private final AtomicLong notificationsDead = new AtomicLong();
    private final Map<StuckReason, AtomicLong> stuck = new EnumMap<>(StuckReason.class);

    public BacklogGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("oms.backorders.open", openBackorders, AtomicLong::get)
                .description("Backorders waiting for stock")
                .register(registry);
        Gauge.builder("oms.routing.queue.depth", routingQueue, AtomicLong::get)
                .description("Routing jobs waiting to run (due now or retrying later)")
                .register(registry);
        // A due job waits only as long as the workers are busy or down; retries that are not due yet do not count.
        Gauge.builder("oms.routing.queue.oldest", routingOldestSeconds, AtomicReference::get)
                .baseUnit("seconds")
                .description("How long the routing job that has been due the longest has waited (0: none is due)")
                .register(registry);
        Gauge.builder("oms.notifications", notificationsPending, AtomicLong::get)
                .tag("status", "pending")
                .description("Notices in the outbox, by status: pending (to deliver or retry), dead (given up)")
                .register(registry);
        Gauge.builder("oms.notifications", notificationsDead, AtomicLong::get)
                .tag("status", "dead")
                .description("Notices in the outbox, by status: pending (to deliver or retry), dead (given up)")
                .register(registry);
        for (StuckReason reason : StuckReason.values()) {
            AtomicLong count = new AtomicLong();
            stuck.put(reason, count);
            Gauge.builder("oms.orders.stuck", count, AtomicLong::get)
                    .tag("reason", reason.name())
                    .description("Orders flagged as stuck, by reason")
                    .register(registry);
        }
    }

    @Scheduled(
            every = "${oms.metrics.refresh-interval:15s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return pool.query(COUNTS)
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    openBackorders.set(row.getLong("open_backorders"));
                    routingQueue.set(row.getLong("routing_queue"));
                    routingOldestSeconds.set(row.getDouble("routing_oldest_seconds"));
                    notificationsPending.set(row.getLong("notifications_pending"));
                    notificationsDead.set(row.getLong("notifications_dead"));
                    stuck.get(StuckReason.UNROUTED).set(row.getLong("unrouted"));
                    stuck.get(StuckReason.NOT_PROGRESSING).set(row.getLong("not_progressing"));
                    stuck.get(StuckReason.BACKORDER_OVERDUE).set(row.getLong("backorder_overdue"));
                })
                .onFailure()
                .invoke(error -> LOG.warnf("Backlog gauges not refreshed: %s", error.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
