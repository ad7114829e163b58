package io.oms.money;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Money follows the order however it moved: paid by hand with a reference, cancelled by the payment provider
 * (a chargeback) before or after routing, refunded. Every path keeps allocated + backordered + cancelled +
 * shipped = quantity on every line.
 */
@QuarkusTest
class PaymentsAndCancellationApiTest {
    private static final String TRANSITION = """
            mutation($id: ID!, $to: OrderStatus!, $ref: String) {
              transitionOrder(orderId: $id, to: $to, paymentReference: $ref) {
                status paymentReference total refundedTotal
                lines { quantity quantityAllocated quantityBackordered quantityCancelled quantityShipped }
                refunds { amount }
              }
            }""";

    private static void assertLinesAddUp(String orderId) {
        assertEquals(
                0L,
                Db.count("""
                select count(*) from order_lines where order_id = ? and quantity_allocated + quantity_backordered
                    + quantity_cancelled + quantity_shipped <> quantity""", UUID.fromString(orderId)),
                "every unit of every line is allocated, backordered, cancelled or shipped");
    }

    @Test
    void anOrderMarkedPaidByHandNeedsAPaymentReferenceAndItsCancellationRefundsEverything() {
        String id = Orders.placed(Orders.newCustomer());
        JsonPath refused = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAID"));
        assertEquals("VALIDATION", errorCode(refused), refused::prettify);
        assertEquals("paymentReference", refused.getString("errors[0].extensions.field"));

        JsonPath paid = call(Tokens.admin(), TRANSITION, Map.of("id", id, "to", "PAID", "ref", "bank-transfer-77"));
        assertNull(errorCode(paid), paid::prettify);
        assertEquals("bank-transfer-77", paid.getString("data.transitionOrder.paymentReference"));
        Routing.awaitNoPendingJob(id);

        JsonPath cancelled = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "customer asked") {
                  status total refundedTotal refunds { amount } } }""", Map.of("id", id));
        assertNull(errorCode(cancelled), cancelled::prettify);
        BigDecimal placedTotal = new BigDecimal(Db.query(
                        "select sum(quantity * unit_price) from order_lines" + " where order_id = ?",
                        UUID.fromString(id))
                .get(0)
                .get(0)
                .toString());
        assertEquals(0, placedTotal.compareTo(cancelled.get("data.cancelOrder.refundedTotal")), "all of it refunded");
        assertEquals(1, cancelled.getList("data.cancelOrder.refunds").size());
        assertLinesAddUp(id);
    }

    @Test
    void aChargebackCancelsARoutedOrderAsCancelOrderDoes() {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("CB"), "WAREHOUSE", 10, 40.73, -74.17), sku, 2);
        String id = Routing.paidOrder(null, sku, 3);
        Routing.awaitRouted(id, 15_000);
        assertEquals(2L, Stock.reserved(sku));

        JsonPath cancelled = call(Tokens.payments(), TRANSITION, Map.of("id", id, "to", "CANCELLED"));
        assertNull(errorCode(cancelled), cancelled::prettify);
        assertEquals("CANCELLED", cancelled.getString("data.transitionOrder.status"));
        assertEquals(List.of(3), cancelled.getList("data.transitionOrder.lines.quantityCancelled"));
        assertEquals(new BigDecimal("30.00"), cancelled.get("data.transitionOrder.refundedTotal"));
        assertEquals(0L, Stock.reserved(sku), "the reservation is released");
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from notifications where order_id = ? and kind = 'LINES_CANCELLED'",
                        UUID.fromString(id)));
        assertEquals(
                0L,
                Db.count(
                        "select count(*) from backorders where order_id = ? and status = 'OPEN'", UUID.fromString(id)));
        assertLinesAddUp(id);
    }

    @Test
    void aPaidOrderCancelledBeforeRoutingHasItsLinesCancelledAndIsRefunded() {
        String sku = Stock.sku();
        String id = Routing.unpaidOrder(null, sku, 2);
        // Routing must not run in between: its job is queued a day ahead, so the worker leaves it alone.
        Db.update(
                "insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " values (?, 'PENDING', 0, ?, now(), now())",
                UUID.fromString(id),
                Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
        Routing.pay(id);

        JsonPath cancelled = call(Tokens.payments(), TRANSITION, Map.of("id", id, "to", "CANCELLED"));
        assertNull(errorCode(cancelled), cancelled::prettify);
        assertEquals("CANCELLED", cancelled.getString("data.transitionOrder.status"));
        assertEquals(List.of(2), cancelled.getList("data.transitionOrder.lines.quantityCancelled"));
        assertEquals(new BigDecimal("20.00"), cancelled.get("data.transitionOrder.refundedTotal"));
        assertEquals(new BigDecimal("0.00"), cancelled.get("data.transitionOrder.total"));
        assertLinesAddUp(id);
    }

    @Test
    void refundedRecordsTheRefundOfWhatWasPaid() {
        String sku = Stock.sku();
        String code = Stock.uniqueCode("RF");
        Stock.put(Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17), sku, 1);
        String id = Routing.paidOrder(null, sku, 1);
        JsonPath routed = Routing.awaitRouted(id, 15_000);
        String fo = routed.getString("data.order.fulfillmentOrders[0].id");
        for (String step : List.of("startPicking", "markPicked", "markPacked")) {
            call(
                    Tokens.warehouse(code),
                    "mutation($id: ID!) { " + step + "(fulfillmentOrderId: $id) { status } }",
                    Map.of("id", fo));
        }
        call(Tokens.warehouse(code), """
                mutation($id: ID!) { shipFulfillmentOrder(fulfillmentOrderId: $id, carrier: "UPS", trackingNumber: "1Z") {
                  status } }""", Map.of("id", fo));

        JsonPath refunded = call(Tokens.payments(), TRANSITION, Map.of("id", id, "to", "REFUNDED"));
        assertNull(errorCode(refunded), refunded::prettify);
        assertEquals("REFUNDED", refunded.getString("data.transitionOrder.status"));
        assertEquals(new BigDecimal("10.00"), refunded.get("data.transitionOrder.refundedTotal"));
        assertEquals(List.of(new BigDecimal("10.00")), refunded.getList("data.transitionOrder.refunds.amount"));
        assertLinesAddUp(id);
    }
}
