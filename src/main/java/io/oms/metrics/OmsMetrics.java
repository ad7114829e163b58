package io.oms.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The business meters of DESIGN.md (Operations), exported at /q/metrics. Callers record after their
 * transaction committed, so a rolled-back order or routing is never counted. Each replica counts its own
 * work: sum the counters across pods. The backlog gauges are in {@link BacklogGauges}.
 */
@Startup // meters exist (at zero) from the first scrape, and a bad meter definition fails start-up
@ApplicationScoped
public class OmsMetrics {
    private final Counter placed;
    private final Counter routed;
    private final Timer routingLatency;
    private final DistributionSummary shipments;
    /** By who asked ({@link TakeAskedBy}) and whether a job was found: {@code [askedBy.ordinal()][found ? 1 : 0]}. */
    private final Counter[][] takes = new Counter[TakeAskedBy.values().length][2];

    /**
     * Who asked a routing worker to take a due job: the job's notification (one take each), or a drain (the poller's
     * round, which goes on through a backlog).
     */
    public enum TakeAskedBy {
        NOTIFICATION,
        DRAIN
    }

    public OmsMetrics(MeterRegistry registry) {
        placed = Counter.builder("oms.orders.placed")
                .description("Orders placed (idempotent replays not counted)")
                .register(registry);
        routed = Counter.builder("oms.orders.routed")
                .description("Paid orders routed by the routing worker")
                .register(registry);
        routingLatency = Timer.builder("oms.routing.latency")
                .description("From payment confirmed to the order routed (its fulfillment orders committed)")
                .serviceLevelObjectives(
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5))
                .register(registry);
        shipments = DistributionSummary.builder("oms.routing.shipments")
                .description("Fulfillment orders (shipments) created for an order when it is first routed")
                .serviceLevelObjectives(1, 2, 3, 4, 6, 10)
                .register(registry);
        for (TakeAskedBy askedBy : TakeAskedBy.values()) {
            for (int found = 0; found < 2; found++) {
                takes[askedBy.ordinal()][found] = Counter.builder("oms.routing.takes")
                        .description("Routing transactions that asked for a due job, and whether they found one: one"
                                + " that finds none is a transaction for nothing")
                        .tag("asked_by", askedBy.name().toLowerCase(java.util.Locale.ROOT))
                        .tag("found", found == 1 ? "job" : "none")
                        .register(registry);
            }
        }
    }

    public void orderPlaced() {
        placed.increment();
    }

    /** An order routed for the first time: {@code sincePaid} is the customer-facing routing latency. */
    public void orderRouted(Duration sincePaid, int shipmentCount) {
        routed.increment();
        routingLatency.record(sincePaid.isNegative() ? Duration.ZERO : sincePaid);
        shipments.record(shipmentCount);
    }

    /** A routing worker's take of a due job, committed or not: {@code found} whether there was one for it. */
    public void routingTake(TakeAskedBy askedBy, boolean found) {
        takes[askedBy.ordinal()][found ? 1 : 0].increment();
    }
}
