package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrderLifecycleApiTest {
    private static final String READ = """
            query Read($id: ID!) {
              order(id: $id) {
                id status total version paymentReference
                lines { sku quantity unitPrice quantityAllocated quantityBackordered quantityCancelled quantityShipped }
                events { type fromStatus toStatus actor note details }
              }
            }""";
    private static final String PAY = """
            mutation Pay($id: ID!, $ref: String!) {
              confirmPayment(orderId: $id, paymentReference: $ref) { status version paymentReference }
            }""";
    private static final String TRANSITION = """
            mutation Move($id: ID!, $to: OrderStatus!, $note: String, $version: Int, $ref: String) {
              transitionOrder(orderId: $id, to: $to, note: $note, expectedVersion: $version, paymentReference: $ref) {
                status version }
            }""";

    @Test
    void anOrderIsPlacedReadPaidAndMovedWithEveryStepInItsAuditTrail() {
        String customer = Orders.newCustomer();
        String token = Tokens.customer(customer);
        JsonPath placed = Orders.place(token, Orders.input());
        assertNull(placed.get("errors"), () -> placed.prettify());
        String id = placed.getString("data.placeOrder.id");
        assertEquals("PENDING", placed.getString("data.placeOrder.status"));
        assertEquals(customer, placed.getString("data.placeOrder.customerId"));
        assertEquals("44.98", placed.getString("data.placeOrder.total"));
        assertEquals("44.98", placed.getString("data.placeOrder.subtotal"));
        assertEquals("0.00", placed.getString("data.placeOrder.refundedTotal"));
        assertEquals("SHIP_AVAILABLE", placed.getString("data.placeOrder.splitPolicy"));
        assertEquals(List.of("SKU-A", "SKU-B"), placed.getList("data.placeOrder.lines.sku"));
        assertEquals("Boston", placed.getString("data.placeOrder.shippingAddress.city"));
        assertEquals(List.of("ORDER_PLACED"), placed.getList("data.placeOrder.events.type"));
        assertEquals(customer, placed.getString("data.placeOrder.events[0].actor"));

        JsonPath read = call(token, READ, Map.of("id", id));
        assertEquals("PENDING", read.getString("data.order.status"));
        assertEquals(List.of(2, 1), read.getList("data.order.lines.quantity"));
        assertEquals(List.of(0, 0), read.getList("data.order.lines.quantityAllocated"));

        JsonPath paid = call(Tokens.payments(), PAY, Map.of("id", id, "ref", "psp-123"));
        // Read back after the commit: the routing worker (woken by the commit) may have routed it already.
        assertTrue(
                List.of("PAID", "AWAITING_FULFILLMENT").contains(paid.getString("data.confirmPayment.status")),
                paid.prettify());
        assertEquals("psp-123", paid.getString("data.confirmPayment.paymentReference"));
        assertTrue(paid.getInt("data.confirmPayment.version") >= 1);
        assertEquals(
                "PAID",
                Db.query(
                                "select to_status from order_events where order_id = ? and type ="
                                        + " 'PAYMENT_CONFIRMED'",
                                UUID.fromString(id))
                        .get(0)
                        .get(0));

        // The routing worker takes it from here (nothing is in stock, so everything is backordered).
        Routing.awaitRouted(id, 15_000);
        JsonPath after = call(token, READ, Map.of("id", id));
        assertEquals("AWAITING_FULFILLMENT", after.getString("data.order.status"));
        assertEquals(
                List.of("ORDER_PLACED", "PAYMENT_CONFIRMED", "ORDER_ROUTED"), after.getList("data.order.events.type"));
        assertEquals(List.of("PENDING", "PAID", "AWAITING_FULFILLMENT"), after.getList("data.order.events.toStatus"));
        assertEquals(List.of(customer, "payments-1", "system:routing"), after.getList("data.order.events.actor"));
        assertEquals("PAID", after.getString("data.order.events[2].fromStatus"));
        JsonPath details = JsonPath.from(after.getString("data.order.events[1].details"));
        assertEquals("psp-123", details.getString("paymentReference"));
        assertEquals(List.of(2, 1), after.getList("data.order.lines.quantityBackordered"));

        // Cancelling by hand settles it as cancelOrder does: the backorders and lines are cancelled, the payment
        // refunded; nothing is stranded behind a status that says otherwise.
        JsonPath cancelled = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "CANCELLED"));
        assertEquals("CANCELLED", cancelled.getString("data.transitionOrder.status"), cancelled::prettify);
        JsonPath settled = call(token, READ, Map.of("id", id));
        assertEquals(List.of(2, 1), settled.getList("data.order.lines.quantityCancelled"));
        assertEquals(List.of(0, 0), settled.getList("data.order.lines.quantityBackordered"));
        assertEquals(
                0L,
                Db.count(
                        "select count(*) from backorders where order_id = ? and status = 'OPEN'", UUID.fromString(id)));
    }

    @Test
    void anAdminMovesAnOrderAlongTheTableWithANote() {
        String id = Orders.placed(Orders.newCustomer());
        JsonPath moved = call(
                Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAYMENT_PROCESSING", "note", "card authorised"));
        assertEquals("PAYMENT_PROCESSING", moved.getString("data.transitionOrder.status"));
        JsonPath cancelled = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "CANCELLED"));
        assertEquals("CANCELLED", cancelled.getString("data.transitionOrder.status"));
        JsonPath after = call(Tokens.admin(), READ, Map.of("id", id));
        // A cancellation by hand cancels the lines too: the trail says what was cancelled, then the status.
        assertEquals(
                List.of("ORDER_PLACED", "STATUS_CHANGED", "ORDER_CANCELLED", "STATUS_CHANGED"),
                after.getList("data.order.events.type"));
        assertEquals("card authorised", after.getString("data.order.events[1].note"));
        assertEquals(
                java.util.Arrays.asList(null, "PENDING", null, "PAYMENT_PROCESSING"),
                after.getList("data.order.events.fromStatus"));
    }

    @Test
    void aTransitionOutsideTheTableIsRefusedWithFromAndToAndChangesNothing() {
        String id = Orders.placed(Orders.newCustomer());
        JsonPath refused = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "DELIVERED"));
        assertEquals("INVALID_TRANSITION", errorCode(refused));
        assertEquals("PENDING", refused.getString("errors[0].extensions.from"));
        assertEquals("DELIVERED", refused.getString("errors[0].extensions.to"));
        assertEquals(1L, Db.count("select count(*) from order_events where order_id = ?", UUID.fromString(id)));
        assertEquals(
                "PENDING",
                Db.query("select status from orders where id = ?", UUID.fromString(id))
                        .get(0)
                        .get(0));
    }

    @Test
    void fulfillmentStatusesCannotBeSetByHandAndPaidByHandIsRouted() {
        String id = Orders.placed(Orders.newCustomer());
        JsonPath refused = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAYMENT_PROCESSING"));
        assertEquals(null, errorCode(refused));
        JsonPath paid = call(
                Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAID", "note", "bank transfer", "ref", "bank-1"));
        assertTrue(
                List.of("PAID", "AWAITING_FULFILLMENT").contains(paid.getString("data.transitionOrder.status")),
                paid.prettify());
        assertEquals(
                "AWAITING_FULFILLMENT",
                Routing.awaitRouted(id, 15_000).getString("data.order.status"),
                "an order marked paid by hand is routed like any other");
        JsonPath byHand = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "FULFILLED"));
        assertEquals("INVALID_TRANSITION", errorCode(byHand));
        assertEquals("AWAITING_FULFILLMENT", byHand.getString("errors[0].extensions.from"));
    }

    @Test
    void anOrderCancelledBeforePaymentIsNeverRefunded() {
        String customer = Orders.newCustomer();
        String id = Orders.placed(customer);
        call(Tokens.payments(), TRANSITION, Map.of("id", id, "to", "CANCELLED"));
        String lineId = call(Tokens.admin(), "query($id: ID!) { order(id: $id) { lines { id } } }", Map.of("id", id))
                .getString("data.order.lines[0].id");
        JsonPath again = call(Tokens.customer(customer), """
                mutation($id: ID!, $line: ID!) { cancelOrderLines(orderId: $id,
                  lines: [{orderLineId: $line, quantity: 1}], reason: "x") { refundedTotal } }""", Map.of("id", id, "line", lineId));
        assertEquals("INVALID_TRANSITION", errorCode(again));
        assertEquals(0L, Db.count("select count(*) from refunds where order_id = ?", UUID.fromString(id)));
    }

    @Test
    void aStaleExpectedVersionIsAConflict() {
        String id = Orders.placed(Orders.newCustomer());
        assertEquals(
                "CONFLICT",
                errorCode(
                        call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAYMENT_PROCESSING", "version", 7))));
        JsonPath ok = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAYMENT_PROCESSING", "version", 0));
        assertEquals(1, ok.getInt("data.transitionOrder.version"));
        assertEquals(
                "CONFLICT",
                errorCode(call(
                        Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAID", "version", 0, "ref", "bank-2"))));
    }

    @Test
    void aPaymentCallbackRepeatedWithTheSameReferenceChangesNothing() {
        String id = Orders.placed(Orders.newCustomer());
        call(Tokens.payments(), PAY, Map.of("id", id, "ref", "psp-9"));
        JsonPath again = call(Tokens.payments(), PAY, Map.of("id", id, "ref", "psp-9"));
        assertEquals(null, errorCode(again), () -> again.prettify());
        assertEquals("psp-9", again.getString("data.confirmPayment.paymentReference"));
        assertEquals("INVALID_TRANSITION", errorCode(call(Tokens.payments(), PAY, Map.of("id", id, "ref", "psp-10"))));
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from order_events where order_id = ? and type = 'PAYMENT_CONFIRMED'",
                        UUID.fromString(id)));
        assertEquals(1L, Db.count("select count(*) from routing_jobs where order_id = ?", UUID.fromString(id)));
    }

    @Test
    void anUnknownOrderIsNotFoundForMutationsAndNullForQueries() {
        String unknown = UUID.randomUUID().toString();
        assertEquals(
                "NOT_FOUND",
                errorCode(call(Tokens.admin(), TRANSITION, Map.of("id", unknown, "to", "PAID", "ref", "bank-3"))));
        JsonPath read = call(Tokens.admin(), READ, Map.of("id", unknown));
        assertNull(read.get("errors"));
        assertNull(read.get("data.order"));
        assertEquals("VALIDATION", errorCode(call(Tokens.admin(), READ, Map.of("id", "not-an-id"))));
    }

    @Test
    void theSameKeyFromTheSameCallerReturnsTheSameOrder() {
        String token = Tokens.customer(Orders.newCustomer());
        Map<String, Object> input = Orders.input();
        String first = Orders.place(token, input).getString("data.placeOrder.id");
        JsonPath second = Orders.place(token, input);
        assertEquals(first, second.getString("data.placeOrder.id"));
        assertEquals(List.of("ORDER_PLACED"), second.getList("data.placeOrder.events.type"));
        assertEquals(1L, Db.count("select count(*) from idempotency_keys where key = ?", input.get("idempotencyKey")));

        String otherCustomer =
                Orders.place(Tokens.customer(Orders.newCustomer()), input).getString("data.placeOrder.id");
        assertNotNull(otherCustomer);
        assertEquals(false, first.equals(otherCustomer), "keys are per caller");
    }

    @Test
    void theSameKeyWithADifferentOrderIsAConflictAndWritesNothing() {
        String customer = Orders.newCustomer();
        String token = Tokens.customer(customer);
        Map<String, Object> input = Orders.input();
        Orders.place(token, input);
        input.put("lines", List.of(Orders.line("SKU-A", 3, "19.99")));
        assertEquals("CONFLICT", errorCode(Orders.place(token, input)));
        assertEquals(1L, Db.count("select count(*) from orders where customer_id = ?", customer));
    }
}
