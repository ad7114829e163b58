package io.oms.infra.sql;

import io.quarkus.arc.ClientProxy;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private static final int CONNECTIONS_PER_LOOP = 4;

    private final ConnectionPerQueryPool.Creator creator;
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();

    /**
     * Quarkus builds the default pool when something first uses its bean (at start-up, as things stand); the creator
     * keeps its settings then. Unwrapping the bean's client proxy builds it now, so that a lane opened before
     * start-up ends (by a start-up observer) still finds them.
     */
    Lanes(io.vertx.sqlclient.Pool defaultPool, ConnectionPerQueryPool.Creator creator) {
        ClientProxy.unwrap(defaultPool);
        this.creator = creator;
    }

    /**
     * A lane named {@code name} with at most {@code connections} connections and one event loop for every
     * {@link #CONNECTIONS_PER_LOOP} of them: a transaction that mostly waits for PostgreSQL keeps a loop busy a
     * quarter of its time.
     */
    public Lane open(String name, int connections) {
        return open(name, connections, Map.of());
    }

    /**
     * {@link #open(String, int)}, with {@code session} settings (PostgreSQL's name and value) that every connection
     * of the lane starts with: a setting that each of its transactions would otherwise make with a statement of its
     * own (see {@link Tx#lockTimeout}).
     */
    public Lane open(String name, int connections, Map<String, String> session) {
        ConnectionPerQueryPool.Creator.Settings settings = creator.settings();
        List<PgConnectOptions> connectOptions = settings.connectOptions().stream()
                .map(o -> {
                    PgConnectOptions copy = new PgConnectOptions(o);
                    session.forEach(copy::addProperty);
                    return copy;
                })
                .toList();
        PoolOptions options = new PoolOptions(settings.poolOptions())
                .setName("oms-" + name)
                .setShared(false)
                .setMaxSize(connections)
                .setEventLoopSize(0);
        VertxInternal vertx = (VertxInternal) settings.vertx();
        int loops = (connections + CONNECTIONS_PER_LOOP - 1) / CONNECTIONS_PER_LOOP;
        Lane lane = Lane.start(
                vertx, name, loops, new ConnectionPerQueryPool(PgPool.pool(vertx, connectOptions, options)), session);
        lanes.add(lane);
        LOG.infof("Lane %s: %d event loop(s) of its own and up to %d connections", name, loops, connections);
        return lane;
    }

    @PreDestroy
    void close() {
        for (Lane lane : lanes) {
            try {
                lane.close(CLOSE_TIMEOUT_SECONDS);
            } catch (Exception e) {
                LOG.warnf(e, "Lane %s did not close within %d s", lane.name(), CLOSE_TIMEOUT_SECONDS);
            }
        }
        lanes.clear();
    }
}
