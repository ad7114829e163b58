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
import org.jboss.logging.Logger;

/**
 * Gauges of the backlog that lives in the database: open backorders, the routing queue, stuck orders by
 * reason. A scrape must never wait on the database, so a scheduled refresh reads them (each count is served
 * by a partial index) and the gauges report the last values. Every replica reports the same numbers: use
 * max(), not sum(), across pods.
 */
@ApplicationScoped
public class BacklogGauges {
    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);
    private static final String COUNTS = """
            select (select count(*) from backorders where status = 'OPEN') as open_backorders,
                   (select count(*) from routing_jobs where status = 'PENDING') as routing_queue,
                   count(*) filter (where stuck_reason = 'UNROUTED') as unrouted,
                   count(*) filter (where stuck_reason = 'NOT_PROGRESSING') as not_progressing,
                   count(*) filter (where stuck_reason = 'BACKORDER_OVERDUE') as backorder_overdue
            from orders where stuck_since is not null""";

    private final Pool pool;
    private final AtomicLong openBackorders = new AtomicLong();
    private final AtomicLong routingQueue = new AtomicLong();
    private final Map<StuckReason, AtomicLong> stuck = new EnumMap<>(StuckReason.class);

    public BacklogGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("oms.backorders.open", openBackorders, AtomicLong::get)
                .description("Backorders waiting for stock")
                .register(registry);
        Gauge.builder("oms.routing.queue.depth", routingQueue, AtomicLong::get)
                .description("Routing jobs waiting to run (due now or retrying later)")
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
