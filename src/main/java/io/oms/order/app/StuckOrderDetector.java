package io.oms.order.app;

import io.oms.infra.sql.Tx;
import io.oms.kernel.Times;
import io.oms.order.domain.StuckReason;
import io.oms.order.persistence.StuckOrders;
import io.oms.order.persistence.StuckOrders.Run;
import io.oms.order.persistence.StuckOrders.Settings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Flags orders that stopped moving (DESIGN.md, Stuck orders) and clears the flag of those that move again.
 * First it clears, then it flags by reason in a fixed order (UNROUTED, NOT_PROGRESSING, BACKORDER_OVERDUE),
 * so an order whose first reason went away but that is stuck for another one is flagged again with the
 * new reason in the same run. A run changes nothing when nothing changed since the last one.
 */
@ApplicationScoped
public class StuckOrderDetector {
    static final String ACTOR = "system:stuck-orders";
    private static final Logger LOG = Logger.getLogger(StuckOrderDetector.class);
    /** Identifies this process in stuck_detector_runs: the pod name in Kubernetes, pid@host elsewhere. */
    private static final String INSTANCE = System.getenv().getOrDefault("HOSTNAME", "") + "/"
            + ManagementFactory.getRuntimeMXBean().getName();

    private final StuckOrders stuck;
    private final StuckConfig config;
    private final Clock clock;

    public StuckOrderDetector(StuckOrders stuck, StuckConfig config, Clock clock) {
        this.stuck = stuck;
        this.config = config;
        this.clock = clock;
    }

    /** One run; {@link Run#ran()} is false when another instance was running the detector. */
    public Uni<Run> run() {
        OffsetDateTime now = Times.now(clock);
        Settings settings = new Settings(
                now,
                now.minus(config.threshold()),
                config.batchSize(),
                ACTOR,
                config.notifyEmail().orElse(null),
                INSTANCE);
        long started = System.nanoTime();
        return stuck.exclusively(conn -> {
                    Map<StuckReason, Integer> cleared = new EnumMap<>(StuckReason.class);
                    Map<StuckReason, Integer> flagged = new EnumMap<>(StuckReason.class);
                    return eachReason(conn, settings, stuck::clearBatch, cleared)
                            .chain(() -> eachReason(conn, settings, stuck::flagBatch, flagged))
                            .map(ignored -> new Run(true, flagged, cleared))
                            .call(run -> stuck.recordRun(conn, settings, Times.now(clock), run));
                })
                .map(run -> {
                    if (run == null) {
                        LOG.debug("Stuck-order detection skipped: another instance is running it");
                        return new Run(false, Map.of(), Map.of());
                    }
                    LOG.infof(
                            "Stuck-order detection: flagged %s, cleared %s in %d ms",
                            run.flagged(), run.cleared(), (System.nanoTime() - started) / 1_000_000);
                    return run;
                });
    }

    private interface Batch {
        Uni<Integer> apply(Tx conn, StuckReason reason, Settings settings);
    }

    /** Repeats {@code batch} for each reason until a batch comes back short, counting into {@code totals}. */
    private Uni<Void> eachReason(Tx conn, Settings settings, Batch batch, Map<StuckReason, Integer> totals) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StuckReason reason : StuckReason.values()) {
            chain = chain.chain(() -> untilShort(() -> batch.apply(conn, reason, settings), settings.batchSize(), 0)
                    .invoke(n -> totals.put(reason, n))
                    .replaceWithVoid());
        }
        return chain;
    }

    private static Uni<Integer> untilShort(Supplier<Uni<Integer>> batch, int size, int soFar) {
        return batch.get().chain(n -> n < size ? Uni.createFrom().item(soFar + n) : untilShort(batch, size, soFar + n));
    }
}
