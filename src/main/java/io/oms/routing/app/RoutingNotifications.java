package io.oms.routing.app;

import io.oms.infra.sql.PgChannels;
import io.oms.routing.persistence.RoutingJobs;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * LISTENs on the routing channel so that a paid order is routed within milliseconds, not at the next
 * poll. A notification only wakes the worker (through the event bus, which gives it a proper Vert.x
 * context); the job table stays the truth, so a lost notification costs at most one poll interval.
 */
@ApplicationScoped
public class RoutingNotifications {
    static final String WAKE_UP = "oms.routing.wake-up";

    private final Vertx vertx;
    private final RoutingWorker worker;
    private final RoutingSettings settings;
    private final PgChannels channels;

    public RoutingNotifications(Vertx vertx, RoutingWorker worker, RoutingSettings settings, PgChannels channels) {
        this.vertx = vertx;
        this.worker = worker;
        this.settings = settings;
        this.channels = channels;
    }

    void start(@Observes StartupEvent event) {
        if (settings.listen()) {
            channels.listen(RoutingJobs.CHANNEL, payload -> vertx.eventBus().send(WAKE_UP, payload));
        }
    }

    @ConsumeEvent(WAKE_UP)
    Uni<Void> wakeUp(String orderId) {
        return worker.notified(orderId).replaceWithVoid();
    }
}
