package io.oms.routing.app;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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
    private static final int PAGE = 50;

    private final Pool pool;
    private final RoutingService routing;

    public BackorderFiller(Pool pool, RoutingService routing) {
        this.pool = pool;
        this.routing = routing;
    }

    /** Fills what the stock at this location allows; returns the backorders allocated, oldest first. */
    public Uni<List<UUID>> fill(UUID locationId, String sku) {
        List<UUID> allocated = new ArrayList<>();
        return fillFrom(locationId, sku, null, allocated).invoke(() -> {
            if (!allocated.isEmpty()) {
                LOG.infof("Restock of %s at %s filled %d backorder(s)", sku, locationId, allocated.size());
            }
        }).replaceWith(allocated);
    }

    /** A stock level: one SKU at one location. */
    public record Level(UUID locationId, String sku) {
    }

    /** Every level with available stock and open backorders it could serve: the sweeper's work list. */
    public Uni<List<Level>> levelsWithWaitingDemand(int limit) {
        return pool.preparedQuery("""
                select i.location_id, i.sku from inventory_levels i join locations l on l.id = i.location_id
                where l.active and i.on_hand - i.reserved - i.safety_stock > 0
                  and exists (select 1 from backorders b join orders o on o.id = b.order_id
                              where b.sku = i.sku and b.status = 'OPEN' and o.ship_country = any(l.countries))
                limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Level> levels = new ArrayList<>();
                    rows.forEach(row -> levels.add(new Level(row.getUUID(0), row.getString(1))));
                    return levels;
                });
    }

    private Uni<Void> fillFrom(UUID locationId, String sku, QueuePosition after, List<UUID> allocated) {
        return nextOrders(locationId, sku, after).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return fillOrders(locationId, sku, page, 0, allocated).chain(stockLeft -> stockLeft
                    ? fillFrom(locationId, sku, page.get(page.size() - 1), allocated)
                    : Uni.createFrom().voidItem());
        });
    }

    /** Routes the page's orders one by one; true when the location still has stock after the page. */
    private Uni<Boolean> fillOrders(UUID locationId, String sku, List<QueuePosition> page, int index, List<UUID> allocated) {
        if (index == page.size()) {
            return available(locationId, sku).map(left -> left > 0);
        }
        return available(locationId, sku).chain(left -> {
            if (left <= 0) {
                return Uni.createFrom().item(false);
            }
            UUID orderId = page.get(index).orderId();
            return routing.fillBackorders(orderId)
                    .invoke(routed -> allocated.addAll(routed.backordersAllocated()))
                    .onFailure().recoverWithItem(error -> {
                        // One order that cannot be routed now (cancelled meanwhile, a lock timeout) must not
                        // stop the queue behind it; the sweeper comes back to it.
                        LOG.warnf("Backorder fill skipped order %s: %s", orderId, error.getMessage());
                        return null;
                    })
                    .chain(() -> fillOrders(locationId, sku, page, index + 1, allocated));
        });
    }

    /** Position in the FIFO queue: the order's oldest open backorder of the SKU. */
    private record QueuePosition(java.time.OffsetDateTime createdAt, UUID orderId) {
    }

    private Uni<List<QueuePosition>> nextOrders(UUID locationId, String sku, QueuePosition after) {
        return pool.preparedQuery("""
                select min(b.created_at) as first_waiting, b.order_id
                from backorders b join orders o on o.id = b.order_id
                join locations l on l.id = $1
                where b.sku = $2 and b.status = 'OPEN' and o.ship_country = any(l.countries)
                group by b.order_id
                having ($3::timestamptz is null or (min(b.created_at), b.order_id) > ($3::timestamptz, $4::uuid))
                order by first_waiting, b.order_id
                limit $5""")
                .execute(Tuple.from(java.util.Arrays.asList(locationId, sku, after == null ? null : after.createdAt(),
                        after == null ? null : after.orderId(), PAGE)))
                .map(rows -> {
                    List<QueuePosition> page = new ArrayList<>();
                    for (Row row : rows) {
                        page.add(new QueuePosition(row.getOffsetDateTime(0), row.getUUID(1)));
                    }
                    return page;
                });
    }

    private Uni<Integer> available(UUID locationId, String sku) {
        return pool.preparedQuery("""
                select greatest(on_hand - reserved - safety_stock, 0) from inventory_levels
                where location_id = $1 and sku = $2""")
                .execute(Tuple.of(locationId, sku))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0);
    }
}
