package io.oms.fulfillment.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.infra.sql.Lanes;
import io.oms.support.GrowingTable;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The routing's read of an order's last routing pass (every routing) goes through the order's id however much the
 * table grew since the session first ran it, with the service's own session settings ({@link GrowingTable}).
 */
@QuarkusTest
class FulfillmentStorePlansTest {
    @Inject
    Lanes lanes;

    @Inject
    FulfillmentStore fulfillment;

    @Test
    void anOrdersRoutingPassIsReadThroughItsId() {
        assertRoutingPassesReadThroughTheirIds(1);
    }

    @Test
    void severalOrdersRoutingPassesAreReadThroughTheirIds() {
        assertRoutingPassesReadThroughTheirIds(2);
    }

    private void assertRoutingPassesReadThroughTheirIds(int count) {
        UUID order = UUID.randomUUID();
        List<UUID> orders = count == 1 ? List.of(order) : List.of(order, UUID.randomUUID());
        try (GrowingTable table =
                GrowingTable.copyOf(lanes, "fulfillment_orders", fulfillmentOrders("'" + order + "'", 1))) {
            long scans = table.sequentialScansAfterGrowth(
                    tx -> fulfillment.nextRoutingPasses(tx, orders), fulfillmentOrders("gen_random_uuid()", 50_000));
            assertEquals(
                    0, scans, count + " orders' routing passes were found by reading all 50,001 fulfillment orders");
            assertEquals(
                    2, table.in(tx -> fulfillment.nextRoutingPasses(tx, orders)).get(order));
        }
    }

    private static String fulfillmentOrders(String order, int count) {
        return """
                insert into fulfillment_orders (id, order_id, location_id, routing_pass, status, created_at, updated_at,
                                                order_placed_at)
                select gen_random_uuid(), %s, gen_random_uuid(), 1, 'OPEN', now(), now(), now()
                from generate_series(1, %d)""".formatted(order, count);
    }
}
