package io.oms.routing.app;

import io.oms.routing.persistence.RoutingJobs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LISTENs on the routing channel so that a paid order is routed within milliseconds, not at the next
 * poll. A notification only wakes the worker (through the event bus, which gives it a proper Vert.x
 * context); the job table stays the truth, so a lost notification costs at most one poll interval.
 */
@ApplicationScoped
public class RoutingNotifications {
    static final String WAKE_UP = "oms.routing.wake-up";
    private static final Logger LOG = Logger.getLogger(RoutingNotifications.class);

    private final Vertx vertx;
    private final RoutingWorker worker;
    private final RoutingSettings settings;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private PgSubscriber subscriber;

    public RoutingNotifications(Vertx vertx, RoutingWorker worker, RoutingSettings settings,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.worker = worker;
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.listen()) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel(RoutingJobs.CHANNEL).handler(payload -> vertx.eventBus().send(WAKE_UP, payload));
        subscriber.connect().subscribe().with(
                ignored -> LOG.infof("Listening for routing jobs on channel %s", RoutingJobs.CHANNEL),
                error -> LOG.warnf("Cannot LISTEN for routing jobs (%s); relying on polling", error.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    @ConsumeEvent(WAKE_UP)
    Uni<Void> wakeUp(String orderId) {
        return worker.drain().replaceWithVoid();
    }
}
