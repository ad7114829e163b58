package io.oms.infra.sql;

import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Opens {@link Lane}s with the connection settings Quarkus built for the default datasource (URL, credentials,
 * start-up properties such as {@code jit} and {@code plan_cache_mode}, idle time-out), so that a lane's connections
 * are configured like every other, and closes them when the application stops.
 */
@Singleton
public class Lanes {
    private static final Logger LOG = Logger.getLogger(Lanes.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final ConnectionPerQueryPool.Creator creator;
    private final List<Lane> open = new CopyOnWriteArrayList<>();

    /** Takes the default pool so that Quarkus has built it, and the creator has seen its settings, first. */
    Lanes(io.vertx.mutiny.sqlclient.Pool defaultPool, ConnectionPerQueryPool.Creator creator) {
        this.creator = creator;
    }

    /** A lane named {@code name} with at most {@code connections} connections. */
    public Lane open(String name, int connections) {
        ConnectionPerQueryPool.Creator.Settings settings = creator.settings();
        PoolOptions options = new PoolOptions(settings.poolOptions())
                .setName("oms-" + name)
                .setShared(false)
                .setMaxSize(connections)
                .setEventLoopSize(0);
        VertxInternal vertx = (VertxInternal) settings.vertx();
        Lane lane = Lane.start(
                vertx, name, new ConnectionPerQueryPool(PgPool.pool(vertx, settings.connectOptions(), options)));
        open.add(lane);
        LOG.infof("Lane %s: an event loop of its own and up to %d connections", name, connections);
        return lane;
    }

    @PreDestroy
    void close() {
        for (Lane lane : open) {
            try {
                lane.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf(e, "Lane %s did not close within %d s", lane.name(), CLOSE_TIMEOUT_SECONDS);
            }
        }
        open.clear();
    }
}
