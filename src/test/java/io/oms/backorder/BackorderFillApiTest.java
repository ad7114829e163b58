package io.oms.backorder;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Backorders filled first in, first out when stock arrives, with expected dates from incoming stock. */
@QuarkusTest
class BackorderFillApiTest {
    private static final String RECEIVE = """
            mutation($loc: ID!, $sku: String!, $q: Int!) {
              receiveStock(locationId: $loc, sku: $sku, quantity: $q) {
                inventoryLevel { onHand reserved available }
                backordersAllocated { id quantity status order { id } }
              }
            }""";

    /** Five orders of 2 units each, backordered one after another; returns their ids, oldest first. */
    private static List<String> fiveBackorderedOrders(String sku) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Routing.paidOrder(null, sku, 2);
            Routing.awaitRouted(id, 15_000);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void aRestockFillsTheOldestBackordersFirstAndTheBoundaryOnePartially() {
        String sku = Stock.sku();
        List<String> orders = fiveBackorderedOrders(sku);
        assertEquals(5L, Db.count("""
                select count(*) from notifications n join order_lines l on l.order_id = n.order_id
                where l.sku = ? and n.kind = 'BACKORDER_CREATED'""", sku));
        String location = Stock.location(Stock.uniqueCode("RESTOCK"), "WAREHOUSE", 10, 40.73, -74.17);

        JsonPath received = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 7));
        assertEquals(null, errorCode(received), () -> received.prettify());
        assertEquals(7, received.getInt("data.receiveStock.inventoryLevel.reserved"));
        assertEquals(0, received.getInt("data.receiveStock.inventoryLevel.available"));
        List<String> filledOrders = received.getList("data.receiveStock.backordersAllocated.order.id");
        assertEquals(List.of(orders.get(0), orders.get(1), orders.get(2), orders.get(3)), filledOrders);
        assertEquals(List.of(2, 2, 2, 1), received.getList("data.receiveStock.backordersAllocated.quantity"));

        JsonPath boundary = Routing.read(orders.get(3));
        assertEquals(List.of(1), boundary.getList("data.order.lines.quantityAllocated"));
        assertEquals(List.of(1), boundary.getList("data.order.lines.quantityBackordered"));
        JsonPath last = Routing.read(orders.get(4));
        assertEquals(List.of(0), last.getList("data.order.lines.quantityAllocated"));
        assertEquals(List.of("OPEN"), last.getList("data.order.backorders.status"));
        assertEquals(4L, Db.count("""
                select count(*) from notifications n join order_lines l on l.order_id = n.order_id
                where l.sku = ? and n.kind = 'BACKORDER_ALLOCATED'""", sku));
        assertEquals(
                List.of("ORDER_PLACED", "PAYMENT_CONFIRMED", "ORDER_ROUTED", "ORDER_ROUTED"),
                Routing.read(orders.get(0)).getList("data.order.events.type"),
                "the fill is audited");
    }

    @Test
    void aRestockAtALocationThatCannotShipToTheOrdersCountrySkipsIt() {
        String sku = Stock.sku();
        String id = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(id, 15_000);
        JsonPath canada = call(Tokens.admin(), """
                mutation($code: String!) { upsertLocation(input: {code: $code, name: "CA only", type: WAREHOUSE,
                  countries: ["CA"]}) { id } }""", Map.of("code", Stock.uniqueCode("CA")));
        String location = canada.getString("data.upsertLocation.id");
        JsonPath received = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 5));
        assertEquals(List.of(), received.getList("data.receiveStock.backordersAllocated"));
        assertEquals(5, received.getInt("data.receiveStock.inventoryLevel.available"));
        assertEquals(List.of("OPEN"), Routing.read(id).getList("data.order.backorders.status"));
    }

    @Test
    void incomingStockGivesBackordersTheirExpectedDatesFirstInFirstOut() {
        String sku = Stock.sku();
        List<String> orders = fiveBackorderedOrders(sku);
        String location = Stock.location(Stock.uniqueCode("INBOUND"), "WAREHOUSE", 10, 40.73, -74.17);
        String add = """
                mutation($loc: ID!, $sku: String!, $q: Int!, $at: DateTime!) {
                  addIncomingStock(locationId: $loc, sku: $sku, quantity: $q, expectedAt: $at) {
                    incoming { quantity expectedAt } } }""";
        call(Tokens.admin(), add, Map.of("loc", location, "sku", sku, "q", 3, "at", "2030-01-10T00:00:00Z"));
        JsonPath level =
                call(Tokens.admin(), add, Map.of("loc", location, "sku", sku, "q", 4, "at", "2030-01-20T00:00:00Z"));
        assertEquals(List.of(3, 4), level.getList("data.addIncomingStock.incoming.quantity"));
        List<String> expected = new ArrayList<>();
        for (String id : orders) {
            expected.add(Routing.read(id).getString("data.order.backorders[0].expectedAt"));
        }
        assertEquals("2030-01-10T00:00:00Z", expected.get(0));
        assertEquals("2030-01-20T00:00:00Z", expected.get(1), "its second unit comes with the later batch");
        assertEquals("2030-01-20T00:00:00Z", expected.get(2));
        assertNull(expected.get(3), "nothing on its way covers it yet");

        // A receipt takes the earliest batch off what is still expected.
        call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 3));
        JsonPath after = call(
                Tokens.admin(),
                "query($s: String!) { inventoryLevels(sku: $s) { incoming { quantity } } }",
                Map.of("s", sku));
        assertEquals(List.of(List.of(4)), after.getList("data.inventoryLevels.incoming.quantity"));
    }

    @Test
    void theCustomerWaitsOrCancelsABackorderWithARefund() {
        String sku = Stock.sku();
        String customer = io.oms.support.Orders.newCustomer();
        Map<String, Object> input = io.oms.support.Orders.input();
        input.put("lines", List.of(io.oms.support.Orders.line(sku, 3, "12.50")));
        String id =
                io.oms.support.Orders.place(Tokens.customer(customer), input).getString("data.placeOrder.id");
        Routing.pay(id);
        Routing.awaitRouted(id, 15_000);
        String backorderId = call(
                        Tokens.customer(customer),
                        "query($id: ID!) { order(id: $id) { backorders { id } } }",
                        Map.of("id", id))
                .getString("data.order.backorders[0].id");
        String respond = """
                mutation($b: ID!, $d: BackorderDecision!) { respondToBackorder(backorderId: $b, decision: $d) {
                  status decision quantity order { status total refundedTotal } } }""";
        assertEquals(
                "NOT_FOUND",
                errorCode(call(Tokens.customer("someone-else"), respond, Map.of("b", backorderId, "d", "CANCEL"))));
        JsonPath waiting = call(Tokens.customer(customer), respond, Map.of("b", backorderId, "d", "WAIT"));
        assertEquals("WAIT", waiting.getString("data.respondToBackorder.decision"));
        assertEquals("OPEN", waiting.getString("data.respondToBackorder.status"));
        JsonPath cancelled = call(Tokens.customer(customer), respond, Map.of("b", backorderId, "d", "CANCEL"));
        assertEquals(null, errorCode(cancelled), () -> cancelled.prettify());
        assertEquals("CANCELLED", cancelled.getString("data.respondToBackorder.status"));
        assertEquals("CANCELLED", cancelled.getString("data.respondToBackorder.order.status"));
        assertEquals(new java.math.BigDecimal("37.50"), cancelled.get("data.respondToBackorder.order.refundedTotal"));
        assertEquals(new java.math.BigDecimal("0.00"), cancelled.get("data.respondToBackorder.order.total"));
        assertEquals(
                "VALIDATION",
                errorCode(call(Tokens.customer(customer), respond, Map.of("b", backorderId, "d", "WAIT"))),
                "a cancelled backorder cannot be answered again");
    }

    @Test
    void concurrentRestocksNeverFillABackorderTwiceNorExceedTheStock() throws Exception {
        String sku = Stock.sku();
        fiveBackorderedOrders(sku);
        String east = Stock.location(Stock.uniqueCode("CE"), "WAREHOUSE", 10, 40.73, -74.17);
        String west = Stock.location(Stock.uniqueCode("CW"), "WAREHOUSE", 10, 39.53, -119.81);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonPath>> restocks = new ArrayList<>();
        for (String location : List.of(east, west)) {
            restocks.add(pool.submit(() -> {
                start.await();
                return call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 3));
            }));
        }
        start.countDown();
        for (Future<JsonPath> restock : restocks) {
            assertEquals(null, errorCode(restock.get(60, TimeUnit.SECONDS)));
        }
        pool.shutdown();
        assertEquals(6L, Stock.reserved(sku), "all six units reserved, none twice");
        assertEquals(
                6L,
                Db.count(
                        "select coalesce(sum(quantity), 0) from backorders where sku = ? and status = 'ALLOCATED'",
                        sku));
        assertEquals(
                4L,
                Db.count("select coalesce(sum(quantity), 0) from backorders where sku = ? and status = 'OPEN'", sku));
        assertEquals(6L, Db.count("select coalesce(sum(quantity), 0) from fulfillment_order_lines where sku = ?", sku));
        assertEquals(0L, Db.count("""
                select count(*) from order_lines where sku = ?
                and quantity_allocated + quantity_backordered + quantity_cancelled + quantity_shipped <> quantity""", sku));
        assertEquals(0L, Db.count("select count(*) from inventory_levels where sku = ? and reserved > on_hand", sku));
    }
}
