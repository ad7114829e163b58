package io.oms.order;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.order.app.StuckOrderDetector;
import io.oms.order.persistence.StuckOrders.Run;
import io.oms.support.Db;
import io.oms.support.MovableClock;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stuck-order detector, run directly with the service's clock moved past the 24-hour threshold: each
 * rule flags, the flag clears once the order moves, a second run changes nothing, and two runs at once
 * never flag an order twice.
 */
@QuarkusTest
class StuckOrderDetectionTest {
    private static final Duration PAST_THRESHOLD = Duration.ofHours(25);
    private static final String STUCK = "query($id: ID!) { order(id: $id) { status stuckSince stuckReason } }";

    @Inject
    StuckOrderDetector detector;

    @AfterEach
    void resetClock() {
        MovableClock.reset();
    }

    @Test
    void openFulfillmentOrderUnchangedForADayIsNotProgressingUntilItIsPicked() {
        String code = Stock.uniqueCode("STUCK");
        String sku = Stock.sku();
        Stock.put(Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17), sku, 5);
        String id = Routing.paidOrder(null, sku, 1);
        Routing.awaitRouted(id, 15_000);

        detect();
        assertNull(stuck(id).getString("data.order.stuckReason"), "not stuck before the threshold");

        MovableClock.advance(PAST_THRESHOLD);
        detect();
        JsonPath flagged = stuck(id);
        assertEquals("NOT_PROGRESSING", flagged.getString("data.order.stuckReason"));
        assertEquals(
                MovableClock.now().toEpochMilli(),
                Instant.parse(flagged.getString("data.order.stuckSince")).toEpochMilli(),
                60_000.0);
        assertEquals(1, events(id, "ORDER_STUCK"));
        assertEquals(
                1,
                Db.count(
                        "select count(*) from notifications where order_id = ? and kind = 'ORDER_STUCK'"
                                + " and payload ->> 'reason' = 'NOT_PROGRESSING'",
                        UUID.fromString(id)));

        detect();
        assertEquals(1, events(id, "ORDER_STUCK"), "a second run changes nothing");
        assertEquals(
                1,
                Db.count(
                        "select count(*) from notifications where order_id = ? and kind = 'ORDER_STUCK'",
                        UUID.fromString(id)));
        assertEquals(flagged.getString("data.order.stuckSince"), stuck(id).getString("data.order.stuckSince"));

        String fo = call(
                        Tokens.admin(),
                        "query($id: ID!) { order(id: $id) { fulfillmentOrders { id } } }",
                        Map.of("id", id))
                .getString("data.order.fulfillmentOrders[0].id");
        JsonPath picking = call(
                Tokens.warehouse(code),
                "mutation($id: ID!) { startPicking(fulfillmentOrderId: $id) { status } }",
                Map.of("id", fo));
        assertEquals("PICKING", picking.getString("data.startPicking.status"), picking.prettify());
        detect();
        assertNull(stuck(id).getString("data.order.stuckReason"), "cleared once the order moves again");
        assertNull(stuck(id).getString("data.order.stuckSince"));
        assertEquals(1, events(id, "STUCK_CLEARED"));
        assertEquals(1, events(id, "ORDER_STUCK"));
    }

    @Test
    void paidOrderNeverRoutedForADayIsUnroutedUntilRouted() throws Exception {
        String id = Orders.placed(Orders.newCustomer());
        // A paid order whose routing job was lost: the case the UNROUTED rule exists for.
        Db.execute(
                "update orders set status = 'PAID', updated_at = ? where id = ?",
                Timestamp.from(Instant.now()),
                UUID.fromString(id));

        detect();
        assertNull(stuck(id).getString("data.order.stuckReason"), "paid a moment ago: not stuck yet");

        MovableClock.advance(PAST_THRESHOLD);
        detect();
        assertEquals("UNROUTED", stuck(id).getString("data.order.stuckReason"));
        assertEquals(1, events(id, "ORDER_STUCK"));

        assertTrue(stuckOrders().contains(id), "stuckOrders lists it");
        assertEquals("FORBIDDEN", errorCode(call(Tokens.customer("someone"), "{ stuckOrders { totalCount } }")));
        assertTrue(ids(Map.of("stuck", true)).contains(id));
        assertFalse(ids(Map.of("stuck", false)).contains(id));

        JsonPath routed =
                call(Tokens.admin(), "mutation($id: ID!) { routeOrder(orderId: $id) { status } }", Map.of("id", id));
        assertEquals("AWAITING_FULFILLMENT", routed.getString("data.routeOrder.status"), routed.prettify());
        detect();
        assertNull(stuck(id).getString("data.order.stuckReason"), "routed: no longer stuck");
        assertFalse(ids(Map.of("stuck", true)).contains(id));
    }

    @Test
    void backorderIsOverduePastItsExpectedDateOrADayWithoutOneUntilFilled() {
        String code = Stock.uniqueCode("BO");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        String undated = Stock.sku();
        String dated = Stock.sku();
        JsonPath incoming = call(
                Tokens.admin(),
                """
                mutation($loc: ID!, $sku: String!, $at: DateTime!) {
                  addIncomingStock(locationId: $loc, sku: $sku, quantity: 5, expectedAt: $at) { sku } }""",
                Map.of(
                        "loc",
                        location,
                        "sku",
                        dated,
                        "at",
                        Instant.now().plus(Duration.ofDays(2)).toString()));
        assertNull(errorCode(incoming), incoming.prettify());
        String noDate = Routing.paidOrder(null, undated, 1);
        String withDate = Routing.paidOrder(null, dated, 1);
        Routing.awaitRouted(noDate, 15_000);
        Routing.awaitRouted(withDate, 15_000);

        MovableClock.advance(PAST_THRESHOLD);
        detect();
        assertEquals("BACKORDER_OVERDUE", stuck(noDate).getString("data.order.stuckReason"));
        assertNull(stuck(withDate).getString("data.order.stuckReason"), "its stock is due tomorrow");

        MovableClock.advance(Duration.ofDays(2));
        detect();
        assertEquals("BACKORDER_OVERDUE", stuck(withDate).getString("data.order.stuckReason"));

        JsonPath received = call(Tokens.warehouse(code), """
                mutation($loc: ID!, $sku: String!) {
                  receiveStock(locationId: $loc, sku: $sku, quantity: 1) { inventoryLevel { onHand } } }""", Map.of("loc", location, "sku", undated));
        assertNull(errorCode(received), received.prettify());
        Routing.awaitNoPendingJob(noDate);
        detect();
        assertNull(stuck(noDate).getString("data.order.stuckReason"), "its backorder was filled");
        assertEquals("BACKORDER_OVERDUE", stuck(withDate).getString("data.order.stuckReason"));
    }

    @Test
    void twoRunsAtOnceFlagEachOrderOnceAndNeverOverlap() {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("TWO"), "WAREHOUSE", 10, 40.73, -74.17), sku, 20);
        List<String> ids = List.of(
                Routing.paidOrder(null, sku, 1), Routing.paidOrder(null, sku, 1), Routing.paidOrder(null, sku, 1));
        ids.forEach(id -> Routing.awaitRouted(id, 15_000));
        Instant since = Instant.now().plus(PAST_THRESHOLD);
        MovableClock.advance(PAST_THRESHOLD);

        List<Run> runs = Uni.join()
                .all(detector.run(), detector.run())
                .andFailFast()
                .await()
                .atMost(Duration.ofMinutes(2));
        detect();

        assertTrue(runs.stream().anyMatch(Run::ran), "one of them ran");
        for (String id : ids) {
            assertEquals("NOT_PROGRESSING", stuck(id).getString("data.order.stuckReason"));
            assertEquals(1, events(id, "ORDER_STUCK"), "flagged once: " + id);
        }
        List<List<Object>> recorded = Db.query(
                "select started_at, finished_at from stuck_detector_runs"
                        + " where started_at between ? and ? order by started_at",
                Timestamp.from(since.minusSeconds(5)),
                Timestamp.from(since.plus(Duration.ofMinutes(10))));
        assertTrue(recorded.size() >= 2, "the runs are recorded: " + recorded);
        for (int i = 1; i < recorded.size(); i++) {
            Timestamp previousEnd = (Timestamp) recorded.get(i - 1).get(1);
            Timestamp start = (Timestamp) recorded.get(i).get(0);
            assertFalse(start.before(previousEnd), "runs overlapped: " + recorded);
        }
    }

    /** Runs the detector until this call was the one that ran (the scheduled run may hold the lock). */
    private Run detect() {
        for (int attempt = 0; attempt < 100; attempt++) {
            Run run = detector.run().await().atMost(Duration.ofMinutes(2));
            if (run.ran()) {
                return run;
            }
            Routing.pause(100);
        }
        throw new AssertionError("the detector's lock was never free");
    }

    private static JsonPath stuck(String id) {
        JsonPath response = call(Tokens.admin(), STUCK, Map.of("id", id));
        assertNotNull(response.get("data.order"), response.prettify());
        return response;
    }

    private static long events(String id, String type) {
        return Db.count("select count(*) from order_events where order_id = ? and type = ?", UUID.fromString(id), type);
    }

    /** Every page of stuckOrders, checking that it is ordered longest stuck first. */
    private static List<String> stuckOrders() {
        List<String> ids = new java.util.ArrayList<>();
        String after = null;
        Instant previous = Instant.MIN;
        do {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            JsonPath page = call(Tokens.admin(), """
                    query($after: String) { stuckOrders(first: 200, after: $after) {
                      totalCount pageInfo { hasNextPage endCursor } edges { node { id stuckSince } } } }""", variables);
            List<String> since = page.getList("data.stuckOrders.edges.node.stuckSince");
            for (String at : since) {
                Instant current = Instant.parse(at);
                assertFalse(current.isBefore(previous), "longest stuck first: " + page.prettify());
                previous = current;
            }
            ids.addAll(page.getList("data.stuckOrders.edges.node.id"));
            after = page.getBoolean("data.stuckOrders.pageInfo.hasNextPage")
                    ? page.getString("data.stuckOrders.pageInfo.endCursor")
                    : null;
        } while (after != null);
        return ids;
    }

    private static List<String> ids(Map<String, Object> filter) {
        return call(Tokens.admin(), """
                query($f: OrderFilter) { orders(filter: $f, first: 200) { edges { node { id } } } }""", Map.of("f", filter)).getList("data.orders.edges.node.id");
    }
}
