package io.oms.routing.app;

import io.oms.infra.sql.Lane;
import io.oms.infra.sql.Lanes;
import io.oms.infra.sql.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routing worker's lane (see {@link Lane}): an event loop of its own and one connection per worker, so that
 * routing keeps its pace however many storefront requests wait on the shared event loops.
 */
@ApplicationScoped
public class RoutingLane {
    private final Lane lane;

    public RoutingLane(Lanes lanes, RoutingSettings settings) {
        // Every routing bounds its lock waits (Tx.lockTimeout): the lane's connections start with the bound.
        this.lane = lanes.open(
                "routing",
                settings.workers(),
                Map.of("lock_timeout", settings.lockTimeout().toMillis() + "ms"));
    }

    /** Runs the work on a duplicated context of its own on the lane (see {@link Lane#onOwnContext}). */
    <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        return lane.onOwnContext(work);
    }

    Transactions transactions() {
        return lane.transactions();
    }
}
