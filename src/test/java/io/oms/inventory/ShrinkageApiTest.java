package io.oms.inventory;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Damaged or lost stock: a count below what open shipments hold takes the shortfall back from the newest shipments
 * that are not picked yet, in the same transaction, and their orders are routed again (here: backordered), with
 * the usual events and notices. Only quantity in picking or later may refuse it.
 */
@QuarkusTest
class ShrinkageApiTest {
    private static final String ADJUST = """
            mutation($loc: ID!, $sku: String!, $delta: Int!) {
              adjustInventory(locationId: $loc, sku: $sku, delta: $delta, reason: "water damage") {
                onHand reserved } }""";

    private static String fulfillmentOrder(String orderId) {
        return Routing.read(orderId).getString("data.order.fulfillmentOrders[0].id");
    }

    private static String status(String fulfillmentOrderId) {
        return (String)
                Db.query("select status from fulfillment_orders where id = ?", UUID.fromString(fulfillmentOrderId))
                        .get(0)
                        .get(0);
    }

    @Test
    void damagedStockIsTakenBackFromTheNewestOpenShipmentsAndTheirOrdersAreRoutedAgain() {
        String sku = Stock.sku();
        String code = Stock.uniqueCode("SHRINK");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 5);
        String older = Routing.paidOrder(null, sku, 2);
        Routing.awaitRouted(older, 15_000);
        String newer = Routing.paidOrder(null, sku, 2);
        Routing.awaitRouted(newer, 15_000);
        String picking = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(picking, 15_000);
        String pickingFo = fulfillmentOrder(picking);
        JsonPath started = call(
                Tokens.warehouse(code),
                "mutation($id: ID!) { startPicking(fulfillmentOrderId: $id) { status } }",
                Map.of("id", pickingFo));
        assertNull(errorCode(started), started::prettify);
        String olderFo = fulfillmentOrder(older);
        String newerFo = fulfillmentOrder(newer);

        JsonPath shrunk = call(Tokens.warehouse(code), ADJUST, Map.of("loc", location, "sku", sku, "delta", -2));
        assertNull(errorCode(shrunk), shrunk::prettify);
        assertEquals(3, shrunk.getInt("data.adjustInventory.onHand"));
        assertEquals(3, shrunk.getInt("data.adjustInventory.reserved"));
        assertEquals("CANCELLED", status(newerFo), "the newest open shipment gave back first");
        assertEquals("OPEN", status(olderFo), "the older one kept its units");
        assertEquals("PICKING", status(pickingFo));
        JsonPath rerouted = Routing.read(newer);
        assertEquals(List.of(0), rerouted.getList("data.order.lines.quantityAllocated"));
        assertEquals(List.of(2), rerouted.getList("data.order.lines.quantityBackordered"));
        UUID newerId = UUID.fromString(newer);
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from order_events where order_id = ? and type = 'STOCK_TAKEN_BACK'", newerId));
        assertEquals(
                2L,
                Db.count("select count(*) from order_events where order_id = ? and type = 'ORDER_ROUTED'", newerId),
                "routed again in the same transaction");
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from notifications where order_id = ? and kind = 'BACKORDER_CREATED'",
                        newerId));
        assertEquals(0L, Db.count("""
                select count(*) from order_lines where order_id = ? and quantity_allocated + quantity_backordered
                    + quantity_cancelled + quantity_shipped <> quantity""", newerId));
    }

    @Test
    void aShortfallThatOnlyPickedUnitsCouldCoverIsRefusedAndChangesNothing() {
        String sku = Stock.sku();
        String code = Stock.uniqueCode("SHRINK");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 1);
        String picking = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(picking, 15_000);
        call(
                Tokens.warehouse(code),
                "mutation($id: ID!) { startPicking(fulfillmentOrderId: $id) { status } }",
                Map.of("id", fulfillmentOrder(picking)));

        JsonPath refused = call(Tokens.warehouse(code), ADJUST, Map.of("loc", location, "sku", sku, "delta", -1));
        assertEquals("INSUFFICIENT_QUANTITY", errorCode(refused), refused::prettify);
        assertEquals(1L, Db.count("select on_hand from inventory_levels where sku = ?", sku));
        assertEquals(1L, Db.count("select reserved from inventory_levels where sku = ?", sku));
    }
}
