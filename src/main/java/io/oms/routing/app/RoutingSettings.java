package io.oms.routing.app;

import io.oms.kernel.Backoff;
import io.oms.routing.domain.RoutingPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Routing configuration turned into the engine's policy and the worker's timings. */
@ApplicationScoped
public class RoutingSettings {
    private final RoutingConfig config;
    private final RoutingPolicy policy;
    private final int workers;

    public RoutingSettings(
            RoutingConfig config, @ConfigProperty(name = "quarkus.datasource.reactive.max-size") int poolSize) {
        this.config = config;
        this.workers = config.workers()
                .orElseGet(() -> defaultWorkers(Runtime.getRuntime().availableProcessors(), poolSize));
        if (workers < 1) {
            throw new IllegalStateException("oms.routing.workers must be at least 1, not " + workers);
        }
        this.policy = new RoutingPolicy(
                config.exactSearchLimit(),
                config.preferOwnStock(),
                config.distanceToleranceKm(),
                config.handlingDaysOwn(),
                config.handlingDaysDropship(),
                config.kmPerTransitDay(),
                config.defaultTransitDays());
    }

    public RoutingPolicy policy() {
        return policy;
    }

    public int maxReplans() {
        return config.maxReplans();
    }

    public int maxAttempts() {
        return config.maxAttempts();
    }

    /** Concurrent routing transactions per replica: {@code oms.routing.workers}, or sized by {@link #defaultWorkers}. */
    public int workers() {
        return workers;
    }

    /**
     * A routing transaction mostly waits for PostgreSQL (a dozen round trips, row locks), so a core keeps about four
     * busy. Each holds a connection of the routing lane to its end ({@link RoutingLane}: connections on top of the
     * request pool), so at most half the pool size, which keeps a replica within 1.5 times its pool. At least two,
     * so that one slow order never holds up the queue. 2 cores and the default pool of 20: 8 (the constant 2 left
     * about 30 paid orders waiting at 32 clients, see docs/BENCHMARKS.md).
     */
    static int defaultWorkers(int cores, int poolSize) {
        return Math.max(2, Math.min(4 * cores, poolSize / 2));
    }

    public int batchSize() {
        return config.batchSize();
    }

    public boolean listen() {
        return config.listen();
    }

    /** A routing transaction gives up on a row lock after this long instead of waiting without end. */
    public Duration lockTimeout() {
        return config.lockTimeout();
    }

    /** Exponential backoff after {@code failures} failed attempts, capped. */
    public Duration backoffAfter(int failures) {
        return Backoff.after(failures, config.backoff(), config.maxBackoff());
    }
}
