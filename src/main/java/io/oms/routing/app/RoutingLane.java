package io.oms.routing.app;

import io.oms.infra.sql.Lane;
import io.oms.infra.sql.Lanes;
import io.oms.infra.sql.Transactions;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The routing worker's lane (see {@link Lane}): an event loop of its own and one connection per worker, so that
 * routing keeps its pace however many storefront requests wait on the shared event loops.
 */
@ApplicationScoped
public class RoutingLane {
    private final Lane lane;

    public RoutingLane(Lanes lanes, RoutingSettings settings) {
        this.lane = lanes.open("routing", settings.workers());
    }

    Context context() {
        return lane.context();
    }

    Transactions transactions() {
        return lane.transactions();
    }
}
