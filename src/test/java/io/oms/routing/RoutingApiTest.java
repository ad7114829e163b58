package io.oms.routing;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The routing scenarios of the issue, end to end: pay, let the worker route, read the order. */
@QuarkusTest
class RoutingApiTest {
    private static final long ROUTED_WITHIN_MS = 15_000;

    @Test
    void oneWarehouseWithEverythingGivesOneFulfillmentOrder() {
        String a = Stock.sku();
        String b = Stock.sku();
        String east = Stock.location(Stock.uniqueCode("EAST"), "WAREHOUSE", 10, 40.73, -74.17);
        String west = Stock.location(Stock.uniqueCode("WEST"), "WAREHOUSE", 10, 39.53, -119.81);
        Stock.put(east, a, 5);
        Stock.put(east, b, 5);
        Stock.put(west, a, 5);
        JsonPath order = Routing.awaitRouted(Routing.paidOrder(null, a, 2, b, 1), ROUTED_WITHIN_MS);
        assertEquals("AWAITING_FULFILLMENT", order.getString("data.order.status"));
        List<Map<String, Object>> fos = order.getList("data.order.fulfillmentOrders");
        assertEquals(1, fos.size());
        assertTrue(
                order.getString("data.order.fulfillmentOrders[0].location.code").startsWith("EAST"));
        assertEquals("OPEN", order.getString("data.order.fulfillmentOrders[0].status"));
        assertEquals(List.of(2, 1), order.getList("data.order.lines.quantityAllocated"));
        assertEquals(List.of(0, 0), order.getList("data.order.lines.quantityBackordered"));
        assertEquals(3L, Stock.reserved(a) + Stock.reserved(b));
    }

    @Test
    void itemsInTwoWarehousesBecomeTwoFulfillmentOrdersWithTheReasonsInTheAuditTrail() {
        String a = Stock.sku();
        String b = Stock.sku();
        String east = Stock.location(Stock.uniqueCode("EAST"), "WAREHOUSE", 10, 40.73, -74.17);
        String west = Stock.location(Stock.uniqueCode("WEST"), "WAREHOUSE", 10, 39.53, -119.81);
        Stock.put(east, a, 3);
        Stock.put(west, b, 3);
        String id = Routing.paidOrder(null, a, 1, b, 1);
        JsonPath order = Routing.awaitRouted(id, ROUTED_WITHIN_MS);
        assertEquals(2, order.getList("data.order.fulfillmentOrders").size());
        List<String> types = order.getList("data.order.events.type");
        assertEquals(List.of("ORDER_PLACED", "PAYMENT_CONFIRMED", "ORDER_ROUTED"), types);
        assertEquals("system:routing", order.getString("data.order.events[2].actor"));
        JsonPath details = JsonPath.from(order.getString("data.order.events[2].details"));
        assertEquals(2, details.getList("shipments").size());
        List<String> reasons = details.getList("reasons");
        assertTrue(reasons.stream().filter(r -> r.contains(" chosen: ")).count() == 2, reasons.toString());
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from routing_jobs where order_id = ? and status = 'DONE'",
                        UUID.fromString(id)));
    }

    @Test
    void theCloserLocationWinsATie() {
        String a = Stock.sku();
        String near = Stock.uniqueCode("NEAR");
        Stock.put(Stock.location(Stock.uniqueCode("FAR"), "WAREHOUSE", 1, 39.53, -119.81), a, 5);
        Stock.put(Stock.location(near, "WAREHOUSE", 5, 40.73, -74.17), a, 5);
        JsonPath order = Routing.awaitRouted(Routing.paidOrder(null, a, 1), ROUTED_WITHIN_MS);
        assertEquals(near, order.getString("data.order.fulfillmentOrders[0].location.code"));
    }

    @Test
    void dropshipIsUsedOnlyWhenOwnStockCannotServe() {
        String a = Stock.sku();
        String own = Stock.uniqueCode("OWN");
        String drop = Stock.uniqueCode("DROP");
        Stock.put(Stock.location(drop, "DROPSHIP_SUPPLIER", 1, 42.0, -71.0), a, 100);
        Stock.put(Stock.location(own, "THIRD_PARTY_LOGISTICS", 10, 35.15, -90.05), a, 2);
        JsonPath first = Routing.awaitRouted(Routing.paidOrder(null, a, 2), ROUTED_WITHIN_MS);
        assertEquals(own, first.getString("data.order.fulfillmentOrders[0].location.code"));
        JsonPath second = Routing.awaitRouted(Routing.paidOrder(null, a, 2), ROUTED_WITHIN_MS);
        assertEquals(drop, second.getString("data.order.fulfillmentOrders[0].location.code"));
    }

    @Test
    void nothingAnywhereIsBackordered() {
        String a = Stock.sku();
        JsonPath order = Routing.awaitRouted(Routing.paidOrder(null, a, 3), ROUTED_WITHIN_MS);
        assertEquals("AWAITING_FULFILLMENT", order.getString("data.order.status"));
        assertEquals(0, order.getList("data.order.fulfillmentOrders").size());
        assertEquals(List.of(3), order.getList("data.order.backorders.quantity"));
        assertEquals(List.of("OPEN"), order.getList("data.order.backorders.status"));
        assertEquals(List.of(3), order.getList("data.order.lines.quantityBackordered"));
    }

    @Test
    void shipCompleteWaitsUntilOneLocationCanShipEverything() {
        String a = Stock.sku();
        String b = Stock.sku();
        String east = Stock.location(Stock.uniqueCode("EAST"), "WAREHOUSE", 10, 40.73, -74.17);
        String west = Stock.location(Stock.uniqueCode("WEST"), "WAREHOUSE", 10, 39.53, -119.81);
        Stock.put(east, a, 3);
        Stock.put(west, b, 3);
        String id = Routing.paidOrder("SHIP_COMPLETE", a, 1, b, 1);
        JsonPath waiting = Routing.awaitRouted(id, ROUTED_WITHIN_MS);
        assertEquals(0, waiting.getList("data.order.fulfillmentOrders").size());
        assertEquals(2, waiting.getList("data.order.backorders").size());
        assertEquals(0L, Stock.reserved(a) + Stock.reserved(b));

        // Once one location holds both, an admin's routeOrder ships it whole.
        Stock.put(west, a, 1);
        JsonPath routed = call(Tokens.admin(), """
                mutation($id: ID!) { routeOrder(orderId: $id) {
                  fulfillmentOrders { routingPass location { id } lines { sku quantity } }
                  backorders { quantity status } lines { quantityAllocated quantityBackordered } } }""", Map.of("id", id));
        assertEquals(null, errorCode(routed), () -> routed.prettify());
        assertEquals(List.of(west), routed.getList("data.routeOrder.fulfillmentOrders.location.id"));
        assertEquals(List.of(1), routed.getList("data.routeOrder.fulfillmentOrders.routingPass"));
        assertEquals(Set.of("ALLOCATED"), Set.copyOf(routed.getList("data.routeOrder.backorders.status")));
        assertEquals(List.of(1, 1), routed.getList("data.routeOrder.lines.quantityAllocated"));
        assertEquals(List.of(0, 0), routed.getList("data.routeOrder.lines.quantityBackordered"));
    }

    @Test
    void routeOrderFillsPartOfABackorderAndLeavesTheRestOpen() {
        String a = Stock.sku();
        String id = Routing.paidOrder(null, a, 5);
        Routing.awaitRouted(id, ROUTED_WITHIN_MS);
        Stock.put(Stock.location(Stock.uniqueCode("LATE"), "WAREHOUSE", 10, 40.73, -74.17), a, 2);
        JsonPath routed = call(Tokens.admin(), """
                mutation($id: ID!) { routeOrder(orderId: $id) {
                  fulfillmentOrders { lines { quantity } } backorders { quantity status }
                  lines { quantityAllocated quantityBackordered } } }""", Map.of("id", id));
        assertEquals(List.of(List.of(2)), routed.getList("data.routeOrder.fulfillmentOrders.lines.quantity"));
        assertEquals(List.of(3), routed.getList("data.routeOrder.lines.quantityBackordered"));
        assertEquals(List.of(2), routed.getList("data.routeOrder.lines.quantityAllocated"));
        List<Map<String, Object>> backorders = routed.getList("data.routeOrder.backorders");
        assertEquals(
                Set.of(Map.of("quantity", 3, "status", "OPEN"), Map.of("quantity", 2, "status", "ALLOCATED")),
                Set.copyOf(backorders));
    }

    @Test
    void routeOrderIsForAdminsAndOnlyForPaidOrders() {
        String a = Stock.sku();
        String pending = io.oms.support.Orders.placed(io.oms.support.Orders.newCustomer());
        JsonPath notPaid = call(
                Tokens.admin(), "mutation($id: ID!) { routeOrder(orderId: $id) { status } }", Map.of("id", pending));
        assertEquals("INVALID_TRANSITION", errorCode(notPaid));
        String paid = Routing.paidOrder(null, a, 1);
        assertEquals(
                "FORBIDDEN",
                errorCode(call(
                        Tokens.payments(),
                        "mutation($id: ID!) { routeOrder(orderId: $id) { status } }",
                        Map.of("id", paid))));
    }

    @Test
    void aFulfillmentPlanReservesNothingAndTellsWhatWouldHappen() {
        String a = Stock.sku();
        String b = Stock.sku();
        String east = Stock.location(Stock.uniqueCode("EAST"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(east, a, 2);
        JsonPath plan = call(null, """
                query($a: String!, $b: String!) {
                  fulfillmentPlan(input: {
                    shippingAddress: {name: "A", line1: "1 Main", city: "Boston", postalCode: "02108", country: "US"}
                    lines: [{sku: $a, quantity: 3}, {sku: $b, quantity: 1}]
                  }) { splitCount shipments { location { id } lines { sku quantity } estimatedDeliveryAt }
                       backordered { sku quantity } reasons }
                }""", Map.of("a", a, "b", b));
        assertEquals(null, errorCode(plan), () -> plan.prettify());
        assertEquals(1, plan.getInt("data.fulfillmentPlan.splitCount"));
        assertEquals(List.of(east), plan.getList("data.fulfillmentPlan.shipments.location.id"));
        assertEquals(List.of(2), plan.getList("data.fulfillmentPlan.shipments[0].lines.quantity"));
        assertEquals(
                Set.of(Map.of("sku", a, "quantity", 1), Map.of("sku", b, "quantity", 1)),
                Set.copyOf(plan.getList("data.fulfillmentPlan.backordered")));
        assertNotNull(plan.getString("data.fulfillmentPlan.shipments[0].estimatedDeliveryAt"));
        assertEquals(0L, Stock.reserved(a));
        JsonPath bad = call(null, """
                { fulfillmentPlan(input: {shippingAddress: {name: "A", line1: "1", city: "B", postalCode: "1",
                  country: "ZZ"}, lines: [{sku: "X", quantity: 1}]}) { splitCount } }""");
        assertEquals("input.shippingAddress.country", bad.getString("errors[0].extensions.field"));
    }

    @Test
    void aWarehouseSeesItsOwnFulfillmentOrdersOnly() {
        String a = Stock.sku();
        String code = Stock.uniqueCode("WHQ");
        String here = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        String elsewhere = Stock.location(Stock.uniqueCode("OTHER"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(here, a, 1);
        Routing.awaitRouted(Routing.paidOrder(null, a, 1), ROUTED_WITHIN_MS);
        String query = """
                query($loc: ID) { fulfillmentOrders(filter: {locationId: $loc, status: OPEN}) {
                  totalCount edges { node { location { code } shipTo { orderNumber address { city } }
                    lines { sku orderLine { sku } } } } } }""";
        JsonPath mine = call(Tokens.warehouse(code), query, new java.util.HashMap<>());
        assertEquals(1, mine.getInt("data.fulfillmentOrders.totalCount"));
        assertEquals(List.of(code), mine.getList("data.fulfillmentOrders.edges.node.location.code"));
        assertEquals(List.of("Boston"), mine.getList("data.fulfillmentOrders.edges.node.shipTo.address.city"));
        JsonPath wholeOrder = call(Tokens.warehouse(code), """
                { fulfillmentOrders { edges { node { order { email events { type } } } } } }""", new java.util.HashMap<>());
        assertEquals("FORBIDDEN", errorCode(wholeOrder), "the order behind the shipment is not the warehouse's");
        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse(code), query, Map.of("loc", elsewhere))));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.customer("c"), query, Map.of("loc", here))));
        JsonPath admin = call(Tokens.admin(), query, Map.of("loc", here));
        assertEquals(1, admin.getInt("data.fulfillmentOrders.totalCount"));
    }

    @Test
    void backordersAreListedBySkuForAdmins() {
        String a = Stock.sku();
        Routing.awaitRouted(Routing.paidOrder(null, a, 2), ROUTED_WITHIN_MS);
        Routing.awaitRouted(Routing.paidOrder(null, a, 1), ROUTED_WITHIN_MS);
        String query = """
                query($sku: String) { backorders(filter: {sku: $sku, status: OPEN}, first: 1) {
                  totalCount edges { node { quantity order { id } orderLine { sku } } } pageInfo { hasNextPage } } }""";
        JsonPath page = call(Tokens.admin(), query, Map.of("sku", a));
        assertEquals(2, page.getInt("data.backorders.totalCount"));
        assertEquals(List.of(1), page.getList("data.backorders.edges.node.quantity"), "newest first");
        assertTrue(page.getBoolean("data.backorders.pageInfo.hasNextPage"));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse("X"), query, Map.of("sku", a))));
    }
}
