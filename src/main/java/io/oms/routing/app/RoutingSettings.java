package io.oms.routing.app;

import io.oms.routing.domain.RoutingPolicy;
import io.oms.infra.OmsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Routing configuration turned into the engine's policy and the worker's timings. */
@ApplicationScoped
public class RoutingSettings {
    private final OmsConfig.Routing config;
    private final RoutingPolicy policy;

    public RoutingSettings(OmsConfig config) {
        this.config = config.routing();
        this.policy = new RoutingPolicy(this.config.exactSearchLimit(), this.config.preferOwnStock(),
                this.config.distanceToleranceKm(), this.config.handlingDaysOwn(), this.config.handlingDaysDropship(),
                this.config.kmPerTransitDay(), this.config.defaultTransitDays());
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

    /** Exponential backoff after {@code failures} failed attempts, capped. */
    public Duration backoffAfter(int failures) {
        Duration delay = config.backoff().multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    /** A routing transaction gives up on a row lock after this long instead of waiting without end. */
    public Uni<Void> applyLockTimeout() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select set_config('lock_timeout', :timeout, true)")
                .setParameter("timeout", config.lockTimeout().toMillis() + "ms")
                .getSingleResult())
                .replaceWithVoid();
    }
}
