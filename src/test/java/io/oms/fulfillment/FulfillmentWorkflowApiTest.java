package io.oms.fulfillment;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A split order shipped step by step through the API, with the order following its shipments. */
@QuarkusTest
class FulfillmentWorkflowApiTest {
    private static final String STEP = "mutation($id: ID!) { %s(fulfillmentOrderId: $id) { status } }";
    private static final String SHIP = """
            mutation($id: ID!) { shipFulfillmentOrder(fulfillmentOrderId: $id, carrier: "UPS", trackingNumber: "1Z999")
              { status carrier trackingNumber } }""";

    record Split(String orderId, String eastCode, String westCode, String eastFo, String westFo, String a, String b) {}

    /** Two lines in two warehouses: two fulfillment orders. */
    private static Split split() {
        String a = Stock.sku();
        String b = Stock.sku();
        String eastCode = Stock.uniqueCode("EAST");
        String westCode = Stock.uniqueCode("WEST");
        Stock.put(Stock.location(eastCode, "WAREHOUSE", 10, 40.73, -74.17), a, 5);
        Stock.put(Stock.location(westCode, "WAREHOUSE", 10, 39.53, -119.81), b, 5);
        String id = Routing.paidOrder(null, a, 2, b, 1);
        JsonPath order = Routing.awaitRouted(id, 15_000);
        JsonPath fos = call(Tokens.admin(), """
                query($id: ID!) { order(id: $id) { fulfillmentOrders { id location { code } } } }""", Map.of("id", id));
        List<Map<String, Object>> list = fos.getList("data.order.fulfillmentOrders");
        assertEquals(2, list.size(), order.prettify());
        String eastFo = null;
        String westFo = null;
        for (int i = 0; i < 2; i++) {
            String code = fos.getString("data.order.fulfillmentOrders[" + i + "].location.code");
            String foId = fos.getString("data.order.fulfillmentOrders[" + i + "].id");
            if (code.equals(eastCode)) {
                eastFo = foId;
            } else {
                westFo = foId;
            }
        }
        return new Split(id, eastCode, westCode, eastFo, westFo, a, b);
    }

    @Test
    void aSplitOrderIsShippedStepByStepAndTheOrderFollowsItsShipments() {
        Split s = split();
        String east = Tokens.warehouse(s.eastCode());
        String west = Tokens.warehouse(s.westCode());
        for (String step : List.of("startPicking", "markPicked", "markPacked")) {
            assertEquals(null, errorCode(call(east, STEP.formatted(step), Map.of("id", s.eastFo()))));
        }
        assertEquals("AWAITING_FULFILLMENT", status(s.orderId()));
        JsonPath shipped = call(east, SHIP, Map.of("id", s.eastFo()));
        assertEquals("SHIPPED", shipped.getString("data.shipFulfillmentOrder.status"));
        assertEquals("1Z999", shipped.getString("data.shipFulfillmentOrder.trackingNumber"));
        assertEquals("PARTIALLY_FULFILLED", status(s.orderId()));
        assertEquals(3L, Db.count("select on_hand from inventory_levels where sku = ?", s.a()), "5 - 2 shipped");
        assertEquals(0L, Stock.reserved(s.a()));
        JsonPath lines = call(Tokens.admin(), """
                query($id: ID!) { order(id: $id) { lines { quantityAllocated quantityShipped } } }""", Map.of("id", s.orderId()));
        assertEquals(List.of(0, 1), lines.getList("data.order.lines.quantityAllocated"));
        assertEquals(List.of(2, 0), lines.getList("data.order.lines.quantityShipped"));

        // The shipment notice lists what is in the parcel and what is still to follow.
        List<List<Object>> notice = Db.query("""
                select payload::text from notifications where order_id = ? and kind = 'SHIPMENT_SHIPPED'""", UUID.fromString(s.orderId()));
        assertEquals(1, notice.size());
        JsonPath payload = JsonPath.from((String) notice.get(0).get(0));
        assertEquals(List.of(s.a()), payload.getList("items.sku"));
        assertEquals(List.of(s.b()), payload.getList("toFollow.sku"));
        assertTrue(payload.getString("toFollow[0].expectedAt") != null);

        assertEquals(null, errorCode(call(east, STEP.formatted("markDelivered"), Map.of("id", s.eastFo()))));
        assertEquals("PARTIALLY_FULFILLED", status(s.orderId()));
        for (String step : List.of("startPicking", "markPicked", "markPacked")) {
            call(west, STEP.formatted(step), Map.of("id", s.westFo()));
        }
        call(west, SHIP, Map.of("id", s.westFo()));
        assertEquals("FULFILLED", status(s.orderId()));
        call(west, STEP.formatted("markDelivered"), Map.of("id", s.westFo()));
        assertEquals("DELIVERED", status(s.orderId()));

        JsonPath events = call(Tokens.admin(), """
                query($id: ID!) { order(id: $id) { events { type toStatus } } }""", Map.of("id", s.orderId()));
        List<String> types = events.getList("data.order.events.type");
        assertEquals(
                10, types.stream().filter(t -> t.startsWith("FULFILLMENT_")).count(), types.toString());
        assertEquals(
                List.of("PARTIALLY_FULFILLED", "FULFILLED", "DELIVERED"),
                events.getList("data.order.events.findAll { it.type == 'STATUS_CHANGED' }.toStatus"));
        assertEquals(0L, Db.count("""
                select count(*) from order_lines where order_id = ?
                and quantity_allocated + quantity_backordered + quantity_cancelled + quantity_shipped <> quantity""", UUID.fromString(s.orderId())));
    }

    @Test
    void eachStepIsRefusedFromAWrongStatusAndForAnotherLocationsWarehouse() {
        Split s = split();
        String east = Tokens.warehouse(s.eastCode());
        JsonPath early = call(east, STEP.formatted("markPacked"), Map.of("id", s.eastFo()));
        assertEquals("INVALID_TRANSITION", errorCode(early));
        assertEquals("OPEN", early.getString("errors[0].extensions.from"));
        assertEquals("PACKED", early.getString("errors[0].extensions.to"));
        assertEquals("INVALID_TRANSITION", errorCode(call(east, SHIP, Map.of("id", s.eastFo()))));
        assertEquals(
                "INVALID_TRANSITION", errorCode(call(east, STEP.formatted("markDelivered"), Map.of("id", s.eastFo()))));
        for (String step : List.of("startPicking", "markPicked", "markPacked", "markDelivered")) {
            assertEquals("FORBIDDEN", errorCode(call(east, STEP.formatted(step), Map.of("id", s.westFo()))), step);
        }
        assertEquals("FORBIDDEN", errorCode(call(east, SHIP, Map.of("id", s.westFo()))));
        assertEquals(
                "FORBIDDEN",
                errorCode(call(Tokens.customer("c"), STEP.formatted("startPicking"), Map.of("id", s.eastFo()))));
        assertEquals(
                "NOT_FOUND",
                errorCode(call(
                        east,
                        STEP.formatted("startPicking"),
                        Map.of("id", UUID.randomUUID().toString()))));
        call(east, STEP.formatted("startPicking"), Map.of("id", s.eastFo()));
        assertEquals(
                "INVALID_TRANSITION", errorCode(call(east, STEP.formatted("startPicking"), Map.of("id", s.eastFo()))));
        call(Tokens.admin(), STEP.formatted("markPicked"), Map.of("id", s.eastFo()));
        call(east, STEP.formatted("markPacked"), Map.of("id", s.eastFo()));
        JsonPath noCarrier = call(east, """
                mutation($id: ID!) { shipFulfillmentOrder(fulfillmentOrderId: $id, carrier: " ", trackingNumber: "1")
                  { status } }""", Map.of("id", s.eastFo()));
        assertEquals("carrier", noCarrier.getString("errors[0].extensions.field"));
        assertEquals(2L, Stock.reserved(s.a()), "nothing shipped by refused steps");
    }

    @Test
    void anOpenFulfillmentOrderMovesOnlyWhereAllOfItFits() {
        Split s = split();
        String small = Stock.location(Stock.uniqueCode("SMALL"), "WAREHOUSE", 10, 41.0, -73.0);
        Stock.put(small, s.a(), 1);
        String move = """
                mutation($id: ID!, $to: ID!) { moveFulfillmentOrder(fulfillmentOrderId: $id, toLocationId: $to) {
                  status location { code } lines { sku quantity } } }""";
        JsonPath refused = call(Tokens.admin(), move, Map.of("id", s.eastFo(), "to", small));
        assertEquals("INSUFFICIENT_QUANTITY", errorCode(refused));
        assertEquals(
                0L,
                Db.count(
                        "select reserved from inventory_levels where sku = ? and location_id = ?",
                        s.a(),
                        UUID.fromString(small)),
                "nothing half-done");
        Stock.put(small, s.a(), 1);
        JsonPath moved = call(Tokens.admin(), move, Map.of("id", s.eastFo(), "to", small));
        assertEquals(null, errorCode(moved), () -> moved.prettify());
        assertEquals(
                2L,
                Db.count(
                        "select reserved from inventory_levels where sku = ? and location_id = ?",
                        s.a(),
                        UUID.fromString(small)));
        assertEquals(2L, Stock.reserved(s.a()), "released at the old location");
        assertEquals(
                "FORBIDDEN",
                errorCode(call(Tokens.warehouse(s.eastCode()), move, Map.of("id", s.eastFo(), "to", small))));
        call(Tokens.admin(), STEP.formatted("startPicking"), Map.of("id", s.eastFo()));
        JsonPath picking = call(Tokens.admin(), move, Map.of("id", s.eastFo(), "to", small));
        assertEquals("INVALID_TRANSITION", errorCode(picking));
    }

    @Test
    void aShipmentMovedWhereTheOrderAlreadyShipsFromGetsItsOwnPass() {
        Split s = split();
        Stock.put(Stock.location(s.westCode(), "WAREHOUSE", 10, 39.53, -119.81), s.a(), 5);
        String west = call(
                        Tokens.admin(),
                        "query($id: ID!) { order(id: $id) { fulfillmentOrders { location { id code } } } }",
                        Map.of("id", s.orderId()))
                .getString(
                        "data.order.fulfillmentOrders.find { it.location.code == '" + s.westCode() + "' }.location.id");
        JsonPath moved = call(Tokens.admin(), """
                mutation($id: ID!, $to: ID!) { moveFulfillmentOrder(fulfillmentOrderId: $id, toLocationId: $to) {
                  routingPass location { code } } }""", Map.of("id", s.eastFo(), "to", west));
        assertEquals(null, errorCode(moved), () -> moved.prettify());
        assertEquals(s.westCode(), moved.getString("data.moveFulfillmentOrder.location.code"));
        assertEquals(2, moved.getInt("data.moveFulfillmentOrder.routingPass"));
    }

    /** The order's status, after checking that shipping never changes what the customer pays. */
    private static String status(String orderId) {
        JsonPath order = call(
                Tokens.admin(),
                "query($id: ID!) { order(id: $id) { status total refundedTotal } }",
                new HashMap<>(Map.of("id", orderId)));
        assertEquals(new java.math.BigDecimal("30.00"), order.get("data.order.total"));
        assertEquals(new java.math.BigDecimal("0.00"), order.get("data.order.refundedTotal"));
        return order.getString("data.order.status");
    }
}
