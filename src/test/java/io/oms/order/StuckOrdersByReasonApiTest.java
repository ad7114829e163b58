package io.oms.order;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stuck orders by reason: {@code stuckOrders(reason)} and {@code orders(filter: {stuckReason})}, on orders flagged
 * for reasons that really hold (a paid order nobody routes; a backorder without a date, two days old), so a run of
 * the detector meanwhile leaves them flagged. Other tests' stuck orders share the database: counts are compared
 * with the database's own, and lists are checked for what they must and must not hold.
 */
@QuarkusTest
class StuckOrdersByReasonApiTest {
    private static final String STUCK_ORDERS = """
            query($reason: StuckReason, $first: Int, $after: String) {
              stuckOrders(reason: $reason, first: $first, after: $after) {
                totalCount pageInfo { hasNextPage endCursor } edges { node { id stuckReason stuckSince } } } }""";
    private static final String ORDERS = """
            query($f: OrderFilter, $after: String) {
              orders(filter: $f, first: 200, after: $after) {
                totalCount pageInfo { hasNextPage endCursor } edges { node { id status stuckReason } } } }""";

    private static String customer;
    private static String unroutedLonger;
    private static String unroutedShorter;
    private static String backorderOverdue;

    /** Once for the class, through the running service (a static @BeforeAll runs before rest-assured knows it). */
    @BeforeEach
    void flagOrders() throws Exception {
        if (customer != null) {
            return;
        }
        String owner = Orders.newCustomer();
        String longer = Orders.placed(owner);
        String shorter = Orders.placed(Orders.newCustomer());
        flag(longer, "UNROUTED", Duration.ofDays(3));
        flag(shorter, "UNROUTED", Duration.ofDays(2));

        String overdue = Routing.paidOrder(null, Stock.sku(), 1); // nobody has the SKU: it waits, without a date
        Routing.awaitRouted(overdue, 15_000);
        Db.execute(
                "update backorders set created_at = now() - interval '2 days' where order_id = ?",
                UUID.fromString(overdue));
        flag(overdue, "BACKORDER_OVERDUE", Duration.ofDays(1));

        unroutedLonger = longer;
        unroutedShorter = shorter;
        backorderOverdue = overdue;
        customer = owner; // last: a failed setup runs again for the next test
    }

    @Test
    void stuckOrdersForAReasonListsOnlyThatReasonLongestStuckFirstAcrossPages() {
        List<String> unrouted = stuckOrders("UNROUTED");
        assertTrue(unrouted.indexOf(unroutedLonger) >= 0, "listed: " + unrouted);
        assertTrue(unrouted.indexOf(unroutedLonger) < unrouted.indexOf(unroutedShorter), "longest stuck first");
        assertFalse(unrouted.contains(backorderOverdue));
        assertEquals(count("UNROUTED"), unrouted.size());

        List<String> overdue = stuckOrders("BACKORDER_OVERDUE");
        assertTrue(overdue.contains(backorderOverdue));
        assertFalse(overdue.contains(unroutedLonger));
        assertEquals(count("BACKORDER_OVERDUE"), overdue.size());

        List<String> all = stuckOrders(null);
        assertTrue(all.containsAll(List.of(unroutedLonger, unroutedShorter, backorderOverdue)), "no reason: all");
        assertEquals(Db.count("select count(*) from orders where stuck_since is not null"), all.size());
    }

    @Test
    void ordersFilteredByStuckReasonAreTheStuckOrdersOfThatReasonWithTheirCount() {
        JsonPath unrouted = orders(Map.of("stuckReason", "UNROUTED"));
        List<String> ids = unrouted.getList("data.orders.edges.node.id");
        assertTrue(ids.containsAll(List.of(unroutedLonger, unroutedShorter)), unrouted.prettify());
        assertFalse(ids.contains(backorderOverdue));
        assertTrue(
                unrouted.getList("data.orders.edges.node.stuckReason").stream().allMatch("UNROUTED"::equals));
        assertEquals(count("UNROUTED"), unrouted.getLong("data.orders.totalCount"));

        // With the other filters, and with stuck: true, which it implies.
        JsonPath awaiting = orders(Map.of("stuckReason", "BACKORDER_OVERDUE", "status", "AWAITING_FULFILLMENT"));
        assertTrue(awaiting.getList("data.orders.edges.node.id").contains(backorderOverdue), awaiting.prettify());
        assertEquals(
                count("UNROUTED"),
                orders(Map.of("stuckReason", "UNROUTED", "stuck", true)).getLong("data.orders.totalCount"));

        JsonPath contradiction = orders(Map.of("stuckReason", "UNROUTED", "stuck", false));
        assertEquals("VALIDATION", errorCode(contradiction), contradiction.prettify());
        assertEquals("filter.stuckReason", contradiction.getString("errors[0].extensions.field"));
    }

    @Test
    void customersFilterTheirOwnOrdersByStuckReasonButMayNotListStuckOrders() {
        JsonPath own = call(
                Tokens.customer(customer),
                "query($f: OrderFilter) { orders(filter: $f) { totalCount edges { node { id } } } }",
                Map.of("f", Map.of("stuckReason", "UNROUTED")));
        assertNull(errorCode(own), own.prettify());
        assertEquals(List.of(unroutedLonger), own.getList("data.orders.edges.node.id"));
        assertEquals(1, own.getInt("data.orders.totalCount"));

        JsonPath refused =
                call(Tokens.customer(customer), "{ stuckOrders(reason: UNROUTED) { totalCount } }", Map.of());
        assertEquals("FORBIDDEN", errorCode(refused), refused.prettify());
    }

    /** Flags an order as the detector would, stuck for {@code ago}; UNROUTED holds because the order is PAID. */
    private static void flag(String orderId, String reason, Duration ago) throws Exception {
        Db.execute(
                "update orders set stuck_since = ?, stuck_reason = ?,"
                        + " status = case when ? = 'UNROUTED' then 'PAID' else status end where id = ?",
                Timestamp.from(Instant.now().minus(ago)),
                reason,
                reason,
                UUID.fromString(orderId));
    }

    private static long count(String reason) {
        return Db.count("select count(*) from orders where stuck_since is not null and stuck_reason = ?", reason);
    }

    /**
     * Every page of stuckOrders (for a reason, or all), two at a time so that cursors are followed within the
     * reason, checking that each page is of that reason, longest stuck first, and that totalCount is the same on
     * every page.
     */
    private static List<String> stuckOrders(String reason) {
        List<String> ids = new ArrayList<>();
        String after = null;
        Instant previous = Instant.MIN;
        Long total = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("reason", reason);
            variables.put("first", 2);
            variables.put("after", after);
            JsonPath page = call(Tokens.admin(), STUCK_ORDERS, variables);
            assertNull(errorCode(page), page.prettify());
            for (Map<String, String> node : page.<Map<String, String>>getList("data.stuckOrders.edges.node")) {
                if (reason != null) {
                    assertEquals(reason, node.get("stuckReason"), page.prettify());
                }
                Instant since = Instant.parse(node.get("stuckSince"));
                assertFalse(since.isBefore(previous), "longest stuck first: " + page.prettify());
                previous = since;
                ids.add(node.get("id"));
            }
            long pageTotal = page.getLong("data.stuckOrders.totalCount");
            assertEquals(total == null ? pageTotal : total, pageTotal, "the same total on every page");
            total = pageTotal;
            after = page.getBoolean("data.stuckOrders.pageInfo.hasNextPage")
                    ? page.getString("data.stuckOrders.pageInfo.endCursor")
                    : null;
        } while (after != null);
        assertEquals(total, (long) ids.size(), "totalCount is what the pages hold");
        return ids;
    }

    private static JsonPath orders(Map<String, Object> filter) {
        return call(Tokens.admin(), ORDERS, Map.of("f", filter));
    }
}
