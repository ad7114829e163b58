package io.oms.routing.app;

import io.oms.backorder.app.BackorderConfig;
import io.oms.routing.persistence.FillQueries;
import io.oms.routing.persistence.FillQueries.Level;
import io.oms.routing.persistence.FillQueries.Position;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * First in, first out: when available stock of a SKU rises at a location, the orders with the oldest open
 * backorders of that SKU that this location may ship to are routed again, one transaction per order, until
 * the location has none of it left. Routing does the rest exactly as for a new order: conditional
 * reservations (so concurrent restocks never exceed the stock nor fill one backorder twice, the order row
 * being locked), SHIP_COMPLETE (filled only when one location can then ship everything), a new fulfillment
 * order, the audit event and the customer notice.
 */
@ApplicationScoped
public class BackorderFiller {
    private static final Logger LOG = Logger.getLogger(BackorderFiller.class);

    private final FillQueries queue;
    private final RoutingService routing;
    private final BackorderConfig config;

    public BackorderFiller(FillQueries queue, RoutingService routing, BackorderConfig config) {
        this.queue = queue;
        this.routing = routing;
        this.config = config;
    }

    /** Fills what the stock at this location allows; returns the backorders allocated, oldest first. */
    public Uni<List<UUID>> fill(UUID locationId, String sku) {
        List<UUID> allocated = new ArrayList<>();
        return fillFrom(locationId, sku, null, allocated)
                .invoke(() -> {
                    if (!allocated.isEmpty()) {
                        LOG.infof("Restock of %s at %s filled %d backorder(s)", sku, locationId, allocated.size());
                    }
                })
                .replaceWith(allocated);
    }

    /** The sweep: fills every level where stock became available without a receipt (releases, counts). */
    public Uni<Void> sweep() {
        return queue.levelsWithWaitingDemand(config.sweepLevels())
                .chain(levels -> Multi.createFrom()
                        .iterable(levels)
                        .onItem()
                        .transformToUniAndConcatenate((Level level) -> fill(level.locationId(), level.sku()))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    private Uni<Void> fillFrom(UUID locationId, String sku, Position after, List<UUID> allocated) {
        return queue.next(locationId, sku, after, config.fillPage()).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return fillOrders(locationId, sku, page, 0, allocated)
                    .chain(stockLeft -> stockLeft
                            ? fillFrom(locationId, sku, page.get(page.size() - 1), allocated)
                            : Uni.createFrom().voidItem());
        });
    }

    /** Routes the page's orders one by one; true when the location still has stock after the page. */
    private Uni<Boolean> fillOrders(UUID locationId, String sku, List<Position> page, int index, List<UUID> allocated) {
        if (index == page.size()) {
            return queue.available(locationId, sku).map(left -> left > 0);
        }
        return queue.available(locationId, sku).chain(left -> {
            if (left <= 0) {
                return Uni.createFrom().item(false);
            }
            UUID orderId = page.get(index).orderId();
            return routing.fillBackorders(orderId)
                    .invoke(routed -> allocated.addAll(routed.backordersAllocated()))
                    .onFailure()
                    .recoverWithItem(error -> {
                        // One order that cannot be routed now (cancelled meanwhile, a lock timeout) must not
                        // stop the queue behind it; the sweeper comes back to it.
                        LOG.warnf("Backorder fill skipped order %s: %s", orderId, error.getMessage());
                        return null;
                    })
                    .chain(() -> fillOrders(locationId, sku, page, index + 1, allocated));
        });
    }
}
