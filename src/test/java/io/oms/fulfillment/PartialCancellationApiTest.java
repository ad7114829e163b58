package io.oms.fulfillment;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PartialCancellationApiTest {
    private static final String CANCEL = """
            mutation($id: ID!, $lines: [CancelLineInput!]!) {
              cancelOrderLines(orderId: $id, lines: $lines, reason: "changed my mind") {
                status subtotal total refundedTotal
                lines { quantity quantityAllocated quantityBackordered quantityCancelled quantityShipped }
                refunds { amount reason lines { quantity amount orderLine { sku } } }
                fulfillmentOrders { status lines { quantity } }
                backorders { quantity status }
              }
            }""";

    record Placed(String orderId, String customer, String lineId, String sku, String location, String locationCode) {}

    /** 5 units at 19.99 with 2 in stock: 2 in a fulfillment order, 3 backordered. */
    private static Placed placed() {
        String sku = Stock.sku();
        String code = Stock.uniqueCode("CX");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 2);
        String customer = Orders.newCustomer();
        Map<String, Object> input = Orders.input();
        input.put("lines", List.of(Orders.line(sku, 5, "19.99")));
        String id = Orders.place(Tokens.customer(customer), input).getString("data.placeOrder.id");
        Routing.pay(id);
        JsonPath order = Routing.awaitRouted(id, 15_000);
        String lineId = call(Tokens.admin(), "query($id: ID!) { order(id: $id) { lines { id } } }", Map.of("id", id))
                .getString("data.order.lines[0].id");
        assertEquals(List.of(3), order.getList("data.order.lines.quantityBackordered"));
        return new Placed(id, customer, lineId, sku, location, code);
    }

    private static JsonPath cancel(String token, Placed p, int quantity) {
        return call(
                token,
                CANCEL,
                Map.of("id", p.orderId(), "lines", List.of(Map.of("orderLineId", p.lineId(), "quantity", quantity))));
    }

    @Test
    void backorderedQuantityIsCancelledFirstAndRefundedToTheCent() {
        Placed p = placed();
        JsonPath after = cancel(Tokens.customer(p.customer()), p, 2);
        assertEquals(null, errorCode(after), () -> after.prettify());
        assertEquals("AWAITING_FULFILLMENT", after.getString("data.cancelOrderLines.status"));
        assertEquals(new BigDecimal("59.97"), after.get("data.cancelOrderLines.subtotal"));
        assertEquals(new BigDecimal("59.97"), after.get("data.cancelOrderLines.total"));
        assertEquals(new BigDecimal("39.98"), after.get("data.cancelOrderLines.refundedTotal"));
        assertEquals(List.of(2), after.getList("data.cancelOrderLines.lines.quantityAllocated"));
        assertEquals(List.of(1), after.getList("data.cancelOrderLines.lines.quantityBackordered"));
        assertEquals(List.of(2), after.getList("data.cancelOrderLines.lines.quantityCancelled"));
        assertEquals(new BigDecimal("39.98"), after.get("data.cancelOrderLines.refunds[0].amount"));
        assertEquals(List.of(2), after.getList("data.cancelOrderLines.refunds[0].lines.quantity"));
        assertEquals(List.of(p.sku()), after.getList("data.cancelOrderLines.refunds[0].lines.orderLine.sku"));
        assertEquals(List.of(List.of(2)), after.getList("data.cancelOrderLines.fulfillmentOrders.lines.quantity"));
        assertEquals(2L, Stock.reserved(p.sku()), "the fulfillment order keeps its stock");
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from notifications where order_id = ? and kind = 'LINES_CANCELLED'",
                        UUID.fromString(p.orderId())));
    }

    @Test
    void openFulfillmentQuantityIsCancelledReleasingItsStockAndAFullCancelCancelsTheOrder() {
        Placed p = placed();
        JsonPath after = cancel(Tokens.admin(), p, 5);
        assertEquals(null, errorCode(after), () -> after.prettify());
        assertEquals("CANCELLED", after.getString("data.cancelOrderLines.status"));
        assertEquals(new BigDecimal("99.95"), after.get("data.cancelOrderLines.refundedTotal"));
        assertEquals(new BigDecimal("0.00"), after.get("data.cancelOrderLines.total"));
        assertEquals(List.of("CANCELLED"), after.getList("data.cancelOrderLines.fulfillmentOrders.status"));
        assertEquals(List.of(0), after.getList("data.cancelOrderLines.lines.quantityAllocated"));
        assertEquals(0L, Stock.reserved(p.sku()), "released");

        // Released stock is available to the next order at once.
        JsonPath next = Routing.awaitRouted(Routing.paidOrder(null, p.sku(), 2), 15_000);
        assertEquals(List.of(2), next.getList("data.order.lines.quantityAllocated"));
    }

    @Test
    void pickedQuantityCannotBeCancelledAndNothingChanges() {
        Placed p = placed();
        String fo = call(
                        Tokens.admin(),
                        "query($id: ID!) { order(id: $id) { fulfillmentOrders { id } } }",
                        Map.of("id", p.orderId()))
                .getString("data.order.fulfillmentOrders[0].id");
        for (String step : List.of("startPicking", "markPicked")) {
            call(
                    Tokens.warehouse(p.locationCode()),
                    "mutation($id: ID!) { %s(fulfillmentOrderId: $id) { status } }".formatted(step),
                    Map.of("id", fo));
        }
        JsonPath refused = cancel(Tokens.admin(), p, 4);
        assertEquals("INSUFFICIENT_QUANTITY", errorCode(refused));
        JsonPath order = call(Tokens.admin(), """
                query($id: ID!) { order(id: $id) { refundedTotal lines { quantityCancelled quantityBackordered } } }""", Map.of("id", p.orderId()));
        assertEquals(List.of(0), order.getList("data.order.lines.quantityCancelled"));
        assertEquals(List.of(3), order.getList("data.order.lines.quantityBackordered"));
        assertEquals(new BigDecimal("0.00"), order.get("data.order.refundedTotal"));
        assertEquals(0L, Db.count("select count(*) from refunds where order_id = ?", UUID.fromString(p.orderId())));
        JsonPath ok = cancel(Tokens.admin(), p, 3);
        assertEquals(null, errorCode(ok), "the backordered part still can be");
    }

    @Test
    void cancelOrderCancelsWhatIsLeftAndIsRefusedOnceSomethingShipped() {
        Placed p = placed();
        JsonPath cancelled = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "fraud") { status refundedTotal } }""", Map.of("id", p.orderId()));
        assertEquals("CANCELLED", cancelled.getString("data.cancelOrder.status"));
        assertEquals(new BigDecimal("99.95"), cancelled.get("data.cancelOrder.refundedTotal"));

        Placed shipped = placed();
        String fo = call(
                        Tokens.admin(),
                        "query($id: ID!) { order(id: $id) { fulfillmentOrders { id } } }",
                        Map.of("id", shipped.orderId()))
                .getString("data.order.fulfillmentOrders[0].id");
        for (String step : List.of("startPicking", "markPicked", "markPacked")) {
            call(
                    Tokens.admin(),
                    "mutation($id: ID!) { %s(fulfillmentOrderId: $id) { status } }".formatted(step),
                    Map.of("id", fo));
        }
        call(Tokens.admin(), """
                mutation($id: ID!) { shipFulfillmentOrder(fulfillmentOrderId: $id, carrier: "DHL", trackingNumber: "1")
                  { status } }""", Map.of("id", fo));
        JsonPath refused = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "late") { status } }""", Map.of("id", shipped.orderId()));
        assertEquals("INVALID_TRANSITION", errorCode(refused));
        // What was never shipped can still be cancelled line by line; the order is then fulfilled.
        JsonPath rest = cancel(Tokens.admin(), shipped, 3);
        assertEquals("FULFILLED", rest.getString("data.cancelOrderLines.status"));
        assertEquals(new BigDecimal("39.98"), rest.get("data.cancelOrderLines.total"));
    }

    @Test
    void anUnpaidOrderIsCancelledWithoutARefund() {
        String customer = Orders.newCustomer();
        String id = Orders.placed(customer);
        JsonPath cancelled = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "abandoned") { status refundedTotal refunds { id } } }""", Map.of("id", id));
        assertEquals("CANCELLED", cancelled.getString("data.cancelOrder.status"));
        assertEquals(new BigDecimal("0.00"), cancelled.get("data.cancelOrder.refundedTotal"));
        assertEquals(List.of(), cancelled.getList("data.cancelOrder.refunds"));
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        Placed p = placed();
        assertEquals("INSUFFICIENT_QUANTITY", errorCode(cancel(Tokens.admin(), p, 6)));
        assertEquals("lines[0].quantity", cancel(Tokens.admin(), p, 0).getString("errors[0].extensions.field"));
        JsonPath foreign = call(
                Tokens.admin(),
                CANCEL,
                Map.of(
                        "id",
                        p.orderId(),
                        "lines",
                        List.of(Map.of("orderLineId", UUID.randomUUID().toString(), "quantity", 1))));
        assertEquals("lines[0].orderLineId", foreign.getString("errors[0].extensions.field"));
        assertEquals("NOT_FOUND", errorCode(cancel(Tokens.customer("someone-else"), p, 1)), "no hint it exists");
        assertEquals("FORBIDDEN", errorCode(cancel(Tokens.payments(), p, 1)));
        assertEquals(0L, Db.count("select count(*) from refunds where order_id = ?", UUID.fromString(p.orderId())));
    }

    /**
     * A customer's cancel and the warehouse's startPicking race on the same fulfillment order: either the
     * cancel wins (the fulfillment order is cancelled and picking is refused) or picking wins (and the
     * customer's cancel of that quantity is refused), never both.
     */
    @Test
    void aCancelRacingStartPickingEndsInExactlyOneOutcome() throws Exception {
        for (int round = 0; round < 8; round++) {
            Placed p = placed();
            String fo = call(
                            Tokens.admin(),
                            "query($id: ID!) { order(id: $id) { fulfillmentOrders { id } } }",
                            Map.of("id", p.orderId()))
                    .getString("data.order.fulfillmentOrders[0].id");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            Future<JsonPath> cancel = pool.submit(() -> {
                start.await();
                return cancel(Tokens.customer(p.customer()), p, 5);
            });
            Future<JsonPath> pick = pool.submit(() -> {
                start.await();
                return call(
                        Tokens.warehouse(p.locationCode()),
                        "mutation($id: ID!) { startPicking(fulfillmentOrderId: $id) { status } }",
                        Map.of("id", fo));
            });
            start.countDown();
            JsonPath cancelResult = cancel.get(30, TimeUnit.SECONDS);
            JsonPath pickResult = pick.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            boolean cancelled = errorCode(cancelResult) == null;
            boolean picking = errorCode(pickResult) == null;
            assertTrue(cancelled ^ picking, "exactly one wins: " + cancelResult.prettify() + pickResult.prettify());
            String foStatus =
                    (String) Db.query("select status from fulfillment_orders where id = ?", UUID.fromString(fo))
                            .get(0)
                            .get(0);
            if (cancelled) {
                assertEquals("CANCELLED", foStatus);
                assertEquals("INVALID_TRANSITION", errorCode(pickResult));
                assertEquals(0L, Stock.reserved(p.sku()));
            } else {
                assertEquals("PICKING", foStatus);
                assertEquals("INSUFFICIENT_QUANTITY", errorCode(cancelResult));
                assertEquals(2L, Stock.reserved(p.sku()));
                assertEquals(
                        0L, Db.count("select count(*) from refunds where order_id = ?", UUID.fromString(p.orderId())));
            }
        }
    }
}
