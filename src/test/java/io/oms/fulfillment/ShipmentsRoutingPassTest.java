package io.oms.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oms.fulfillment.app.Shipments;
import io.oms.fulfillment.domain.Shipment;
import io.oms.infra.sql.Transactions;
import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every shipment of one routing pass carries the same pass, one more than the order's last: the pass is computed by
 * the insert that writes the shipments ({@code FulfillmentStore.insertPass}), not read before it.
 */
@QuarkusTest
class ShipmentsRoutingPassTest {
    @Inject
    Transactions transactions;

    @Inject
    Shipments shipments;

    /** Rolls the test's writes back: the order stays as placed, unrouted, for nobody else to trip over. */
    private static final class Undo extends RuntimeException {
        Undo() {
            super(null, null, false, false);
        }
    }

    @Test
    void theShipmentsOfAPassShareItAndTheNextPassIsOneMore() {
        UUID orderId = UUID.fromString(Orders.placed(Orders.newCustomer()));
        List<UUID> lineIds =
                Db.query("select id from order_lines where order_id = ? order by line_no", orderId).stream()
                        .map(row -> (UUID) row.get(0))
                        .toList();
        UUID east = UUID.fromString(Stock.location(Stock.uniqueCode("PASS-E"), "WAREHOUSE", 10, 40.73, -74.17));
        UUID west = UUID.fromString(Stock.location(Stock.uniqueCode("PASS-W"), "WAREHOUSE", 10, 34.05, -118.24));
        OffsetDateTime now = OffsetDateTime.now();
        List<Shipments.Planned> split = List.of(
                new Shipments.Planned(east, List.of(new Shipment.Line(lineIds.get(0), "SKU-A", 1)), now),
                new Shipments.Planned(west, List.of(new Shipment.Line(lineIds.get(1), "SKU-B", 1)), now));
        List<String> seen = new ArrayList<>();

        assertThrows(
                Undo.class,
                () -> transactions
                        .run(tx -> shipments
                                .create(tx, orderId, split, now)
                                .invoke(created -> seen.add(created.routingPass() + ":"
                                        + created.ids().size()))
                                .chain(() -> shipments.create(tx, orderId, split, now))
                                .invoke(created -> seen.add(created.routingPass() + ":"
                                        + created.ids().size()))
                                .chain(() -> shipments.create(tx, orderId, List.of(), now))
                                .invoke(created -> seen.add(created.routingPass() + ":"
                                        + created.ids().size()))
                                .chain(() -> tx.one(
                                        "select string_agg(routing_pass::text, ' ' order by routing_pass) from"
                                                + " fulfillment_orders where order_id = $1",
                                        row -> row.getString(0),
                                        orderId))
                                .invoke(seen::add)
                                .chain(() -> Uni.createFrom().failure(new Undo())))
                        .await()
                        .indefinitely());

        assertEquals(List.of("1:2", "2:2", "3:0", "1 1 2 2"), seen);
        assertEquals(0L, Db.count("select count(*) from fulfillment_orders where order_id = ?", orderId));
    }
}
