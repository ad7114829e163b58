package io.oms.routing.app;

import io.oms.kernel.Backoff;
import io.oms.routing.domain.RoutingPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Routing configuration turned into the engine's policy and the worker's timings. */
@ApplicationScoped
public class RoutingSettings {
    private final RoutingConfig config;
    private final RoutingPolicy policy;

    public RoutingSettings(RoutingConfig config) {
        this.config = config;
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

    public int workers() {
        return config.workers();
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
