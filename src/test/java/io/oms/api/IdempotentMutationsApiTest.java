package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients retry. Every mutation that changes stock or money takes an optional idempotencyKey: the same key and
 * caller again gets the same result and writes nothing new; the same key for a different request is refused.
 * And a mutation never reports failure for work that committed.
 */
@QuarkusTest
class IdempotentMutationsApiTest {
    private static final String RECEIVE = """
            mutation($loc: ID!, $sku: String!, $q: Int!, $key: String) {
              receiveStock(locationId: $loc, sku: $sku, quantity: $q, idempotencyKey: $key) {
                inventoryLevel { onHand } backordersAllocated { id } } }""";

    private static String key() {
        return "retry-" + UUID.randomUUID();
    }

    @Test
    void aRetriedReceiptAddsTheStockOnceAndAnswersTheSame() {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("IDEM"), "WAREHOUSE", 10, 40.73, -74.17);
        String waiting = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(waiting, 15_000);
        String key = key();
        JsonPath first = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 3, "key", key));
        JsonPath second = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 3, "key", key));
        assertNull(errorCode(first), first::prettify);
        assertNull(errorCode(second), second::prettify);
        assertEquals(3, second.getInt("data.receiveStock.inventoryLevel.onHand"));
        assertEquals(
                first.getList("data.receiveStock.backordersAllocated.id"),
                second.getList("data.receiveStock.backordersAllocated.id"));
        assertEquals(1, first.getList("data.receiveStock.backordersAllocated").size());
        assertEquals(1L, Db.count("select count(*) from inventory_movements where sku = ? and on_hand_delta = 3", sku));

        JsonPath different = call(Tokens.admin(), RECEIVE, Map.of("loc", location, "sku", sku, "q", 4, "key", key));
        assertTrue(List.of("CONFLICT", "VALIDATION").contains(errorCode(different)), different::prettify);
        assertEquals(3L, Db.count("select on_hand from inventory_levels where sku = ?", sku));
    }

    @Test
    void retriedAdjustmentsAndIncomingStockApplyOnce() {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("IDEM"), "WAREHOUSE", 10, 40.73, -74.17);
        String adjustKey = key();
        for (int i = 0; i < 2; i++) {
            JsonPath adjusted = call(Tokens.admin(), """
                    mutation($loc: ID!, $sku: String!, $key: String) {
                      adjustInventory(locationId: $loc, sku: $sku, delta: 5, reason: "count", idempotencyKey: $key) {
                        onHand } }""", Map.of("loc", location, "sku", sku, "key", adjustKey));
            assertNull(errorCode(adjusted), adjusted::prettify);
            assertEquals(5, adjusted.getInt("data.adjustInventory.onHand"));
        }
        String incomingKey = key();
        for (int i = 0; i < 2; i++) {
            JsonPath incoming = call(Tokens.admin(), """
                    mutation($loc: ID!, $sku: String!, $key: String) {
                      addIncomingStock(locationId: $loc, sku: $sku, quantity: 7, expectedAt: "2030-01-01T00:00:00Z",
                        idempotencyKey: $key) { incoming { quantity } } }""", Map.of("loc", location, "sku", sku, "key", incomingKey));
            assertNull(errorCode(incoming), incoming::prettify);
        }
        assertEquals(1L, Db.count("select count(*) from incoming_stock where sku = ?", sku));
        assertEquals(5L, Db.count("select on_hand from inventory_levels where sku = ?", sku));
    }

    @Test
    void retriedCancellationsMovesAndPaymentsHappenOnce() {
        String sku = Stock.sku();
        String east = Stock.location(Stock.uniqueCode("IDE"), "WAREHOUSE", 10, 40.73, -74.17);
        String west = Stock.location(Stock.uniqueCode("IDW"), "WAREHOUSE", 20, 34.05, -118.24);
        Stock.put(east, sku, 4);
        Stock.put(west, sku, 4);
        String id = Routing.unpaidOrder(null, sku, 4);
        String payKey = key();
        for (String reference : List.of("psp-1", "psp-1")) {
            JsonPath paid = call(Tokens.payments(), """
                    mutation($id: ID!, $ref: String!, $key: String) {
                      confirmPayment(orderId: $id, paymentReference: $ref, idempotencyKey: $key) { id } }""", Map.of("id", id, "ref", reference, "key", payKey));
            assertNull(errorCode(paid), paid::prettify);
        }
        JsonPath otherPayment = call(Tokens.payments(), """
                mutation($id: ID!, $key: String) {
                  confirmPayment(orderId: $id, paymentReference: "psp-2", idempotencyKey: $key) { id } }""", Map.of("id", id, "key", payKey));
        assertTrue(List.of("CONFLICT", "VALIDATION").contains(errorCode(otherPayment)), otherPayment::prettify);
        JsonPath routed = Routing.awaitRouted(id, 15_000);
        String fo = routed.getString("data.order.fulfillmentOrders[0].id");
        String line = call(Tokens.admin(), "query($id: ID!) { order(id: $id) { lines { id } } }", Map.of("id", id))
                .getString("data.order.lines[0].id");

        String moveKey = key();
        String target =
                routed.getString("data.order.fulfillmentOrders[0].location.id").equals(east) ? west : east;
        for (int i = 0; i < 2; i++) {
            JsonPath moved = call(Tokens.admin(), """
                    mutation($id: ID!, $to: ID!, $key: String) {
                      moveFulfillmentOrder(fulfillmentOrderId: $id, toLocationId: $to, idempotencyKey: $key) { id } }""", Map.of("id", fo, "to", target, "key", moveKey));
            assertNull(errorCode(moved), moved::prettify);
        }
        assertEquals(
                1L,
                Db.count(
                        "select count(*) from order_events where order_id = ? and type = 'FULFILLMENT_MOVED'",
                        UUID.fromString(id)));

        String cancelKey = key();
        for (int i = 0; i < 2; i++) {
            JsonPath cancelled = call(Tokens.admin(), """
                    mutation($id: ID!, $line: ID!, $key: String) {
                      cancelOrderLines(orderId: $id, lines: [{orderLineId: $line, quantity: 1}], reason: "retry",
                        idempotencyKey: $key) { lines { quantityCancelled } } }""", Map.of("id", id, "line", line, "key", cancelKey));
            assertNull(errorCode(cancelled), cancelled::prettify);
            assertEquals(List.of(1), cancelled.getList("data.cancelOrderLines.lines.quantityCancelled"));
        }
        String cancelOrderKey = key();
        for (int i = 0; i < 2; i++) {
            JsonPath cancelled = call(Tokens.admin(), """
                    mutation($id: ID!, $key: String) {
                      cancelOrder(orderId: $id, reason: "retry", idempotencyKey: $key) { status refundedTotal } }""", Map.of("id", id, "key", cancelOrderKey));
            assertNull(errorCode(cancelled), cancelled::prettify);
            assertEquals("CANCELLED", cancelled.getString("data.cancelOrder.status"));
        }
        assertEquals(
                2L,
                Db.count("select count(*) from refunds where order_id = ?", UUID.fromString(id)),
                "one refund per distinct cancellation");
    }

    @Test
    void aReceiptIsNotReportedAsFailedWhenWorkAfterItsCommitFails() throws Exception {
        String sku = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("AFTER"), "WAREHOUSE", 10, 40.73, -74.17);
        String filled = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(filled, 15_000);
        String stillWaiting = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(stillWaiting, 15_000);
        // Stock on its way elsewhere dates the two backorders (3 and 6 days); once the older one is filled by
        // the receipt, the younger one moves up the queue and must be re-dated (to 3 days).
        String elsewhere = Stock.location(Stock.uniqueCode("INBOUND"), "WAREHOUSE", 10, 34.05, -118.24);
        for (int days : List.of(3, 6)) {
            JsonPath incoming = call(
                    Tokens.admin(),
                    """
                    mutation($loc: ID!, $sku: String!, $at: DateTime!) {
                      addIncomingStock(locationId: $loc, sku: $sku, quantity: 1, expectedAt: $at) { onHand } }""",
                    Map.of(
                            "loc",
                            elsewhere,
                            "sku",
                            sku,
                            "at",
                            java.time.Instant.now()
                                    .plus(java.time.Duration.ofDays(days))
                                    .toString()));
            assertNull(errorCode(incoming), incoming::prettify);
        }
        CompletableFuture<JsonPath> receipt;
        try (Connection holder = Db.connect()) {
            // The waiting backorder's row is held, so whatever re-dates it after the receipt has to wait; that
            // statement is then cancelled, as a time-out or a lost connection would end it.
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement(
                    "select * from backorders where order_id = ? and status = 'OPEN' for update")) {
                lock.setObject(1, UUID.fromString(stillWaiting));
                lock.executeQuery();
            }
            receipt =
                    CompletableFuture.supplyAsync(() -> call(Tokens.admin(), """
                    mutation($loc: ID!, $sku: String!) { receiveStock(locationId: $loc, sku: $sku, quantity: 1) {
                      inventoryLevel { onHand } } }""", Map.of("loc", location, "sku", sku)));
            long deadline = System.currentTimeMillis() + 10_000;
            boolean cancelled = false;
            while (!cancelled && System.currentTimeMillis() < deadline) {
                cancelled = Db.count("""
                        select count(*) from (select pg_cancel_backend(pid) from pg_stat_activity
                          where wait_event_type = 'Lock' and query like '%backorders%' and pid <> pg_backend_pid()) c""") > 0;
                Routing.pause(20);
            }
            holder.rollback();
        }
        JsonPath answered = receipt.get(30, TimeUnit.SECONDS);
        assertNull(errorCode(answered), answered::prettify);
        assertEquals(
                1L,
                Db.count(
                        "select on_hand from inventory_levels where sku = ? and location_id = ?",
                        sku,
                        UUID.fromString(location)));
        assertEquals(1L, Db.count("select count(*) from inventory_movements where sku = ? and on_hand_delta = 1", sku));
    }
}
