package io.oms.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.fulfillment.app.Shipments;
import io.oms.fulfillment.domain.FulfillmentOrderStatus;
import io.oms.fulfillment.domain.GiveBack;
import io.oms.inventory.domain.Movement;
import io.oms.kernel.Times;
import io.oms.support.RolledBack;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fulfillment capability's front door, below the API, in transactions that are rolled back. */
@QuarkusTest
class ShipmentsPortTest {
    @Inject
    Shipments shipments;

    @Inject
    Pool pool;

    @Test
    void givingBackAWholeShipmentCancelsItAndReleasesItsStock() {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("PORT"), "WAREHOUSE", 1, 42.0, -71.0), sku, 3);
        UUID order = UUID.fromString(Routing.paidOrder(null, sku, 3));
        Routing.awaitRouted(order.toString(), 15_000);
        Object[] after = RolledBack.run(
                pool,
                tx -> shipments
                        .ofOrder(tx, order, List.of(FulfillmentOrderStatus.OPEN))
                        .chain(open -> {
                            assertEquals(1, open.size());
                            var line = open.get(0).lines().get(0);
                            GiveBack.Plan plan = GiveBack.plan(open, Map.of(line.orderLineId(), 3));
                            return shipments
                                    .giveBack(
                                            tx,
                                            plan,
                                            new Movement("port test", "test", order, Times.now(Clock.systemUTC())))
                                    .replaceWith(open.get(0).id());
                        })
                        .chain(id -> tx.one(
                                """
                        select f.status, (select coalesce(sum(quantity), 0) from fulfillment_order_lines
                                          where fulfillment_order_id = f.id),
                               (select reserved from inventory_levels i where i.location_id = f.location_id
                                  and i.sku = $2)
                        from fulfillment_orders f where f.id = $1""",
                                row -> new Object[] {row.getString(0), row.getLong(1), row.getInteger(2)},
                                id,
                                sku)));
        assertEquals("CANCELLED", after[0]);
        assertEquals(0L, after[1]);
        assertEquals(0, after[2]);
        assertEquals(3L, Stock.reserved(sku), "rolled back");
    }
}
