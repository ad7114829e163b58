package io.oms.infra.sql;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One dedicated connection per replica that LISTENs to PostgreSQL channels (routing wake-ups, live audit
 * events). It reconnects by itself after the database went away; notifications sent while it was
 * disconnected are lost, which is why every listener also has a source of truth to fall back on.
 */
@ApplicationScoped
public class PgChannels {
    private static final Logger LOG = Logger.getLogger(PgChannels.class);

    private final Vertx vertx;
    private final PgSubscriber subscriber;
    private boolean connecting;

    public PgChannels(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
    }

    /** Calls {@code handler} with each payload sent to {@code channel}, from now on. */
    public synchronized void listen(String channel, Consumer<String> handler) {
        subscriber.channel(channel).handler(handler);
        if (!connecting) {
            connecting = true;
            connect();
        }
    }

    /** The subscriber reconnects after a lost connection by itself, but not after a failed first attempt. */
    private void connect() {
        subscriber.connect().subscribe().with(ignored -> LOG.info("Listening on PostgreSQL channels"), error -> {
            LOG.warnf("Cannot LISTEN (%s); retrying in a second", error.getMessage());
            vertx.setTimer(1_000, id -> connect());
        });
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.closeAndAwait();
    }
}
