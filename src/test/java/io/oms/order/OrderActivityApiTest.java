package io.oms.order;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Db;
import io.oms.support.MovableClock;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * orderActivity against the audit trail. The clock is moved to hours no other test writes in, where this test
 * places, pays, routes (twice for one order: its backorder is filled later), ships and cancels orders. Each bucket
 * must equal what plain SQL finds from the definitions, written independently of the service's query: an order
 * counts where it was first placed, first reached PAID, was first routed, first reached CANCELLED; every shipment
 * where it shipped. The routing workers run meanwhile (other tests' jobs may come due at the moved clock), so the
 * answer is compared with the SQL read just before and just after it.
 */
@QuarkusTest
class OrderActivityApiTest {
    private static final String ACTIVITY = """
            query($from: DateTime!, $to: DateTime!, $bucket: ActivityBucket) {
              orderActivity(from: $from, to: $to, bucket: $bucket) { start placed paid routed shipped cancelled }
            }""";
    private static final String STEP = "mutation($id: ID!) { %s(fulfillmentOrderId: $id) { status } }";

    @AfterEach
    void resetClock() {
        MovableClock.reset();
    }

    @Test
    void eachHourCountsOrdersPlacedPaidFirstRoutedAndCancelledAndParcelsShipped() {
        // Somewhere in a year no other test reaches: these hours hold this test's events only (and the workers').
        MovableClock.advance(Duration.ofDays(400 + ThreadLocalRandom.current().nextInt(3000)));
        Instant hour = MovableClock.now().truncatedTo(ChronoUnit.HOURS);
        List<UUID> mine = new ArrayList<>();

        String sku = Stock.sku();
        String code = Stock.uniqueCode("ACT");
        String location = Stock.location(code, "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 2);
        String placedOnly = Orders.placed(Orders.newCustomer());
        String shipped = Routing.paidOrder(null, sku, 1);
        String backordered = Routing.paidOrder(null, sku, 2);
        mine.addAll(List.of(placedOnly, shipped, backordered).stream()
                .map(UUID::fromString)
                .toList());
        Routing.awaitRouted(shipped, 15_000);
        Routing.awaitRouted(backordered, 15_000);
        // The backorder's unit arrives: its fill routes the order a second time, which is not a first routing.
        Stock.put(location, sku, 1);
        awaitRoutings(backordered, 2);
        String parcel = fulfillmentOrderOf(shipped);
        for (String step : List.of("startPicking", "markPicked", "markPacked")) {
            assertNull(errorCode(call(Tokens.warehouse(code), STEP.formatted(step), Map.of("id", parcel))));
        }
        JsonPath sent = call(Tokens.warehouse(code), """
                mutation($id: ID!) { shipFulfillmentOrder(fulfillmentOrderId: $id, carrier: "UPS", trackingNumber: "1Z1")
                  { status } }""", Map.of("id", parcel));
        assertNull(errorCode(sent), sent.prettify());
        JsonPath cancelled = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "changed mind") { status } }""", Map.of("id", placedOnly));
        assertEquals("CANCELLED", cancelled.getString("data.cancelOrder.status"), cancelled.prettify());

        // The window covers the hour before and the hour after as well: the test may run across an hour's end.
        Instant from = hour.minus(Duration.ofMinutes(30));
        Instant to = hour.plus(Duration.ofMinutes(90));
        List<Instant> starts = List.of(hour.minus(Duration.ofHours(1)), hour, hour.plus(Duration.ofHours(1)));
        assertEquals(List.of(3, 2, 2, 1, 1), totals(expected(starts, mine)), "the SQL counts this test's orders");
        JsonPath answer = activity(from, to, starts);
        assertEquals(
                starts.stream().map(Instant::toString).toList(),
                answer.getList("data.orderActivity.start", String.class).stream()
                        .map(s -> Instant.parse(s).toString())
                        .toList(),
                answer.prettify());
        assertEquals(expected(starts, null), figures(answer), answer.prettify());
    }

    @Test
    void emptyBucketsAreAnsweredAsZerosAndDaysAreWholeUtcDays() {
        // Far beyond any order another test placed with the shared clock moved on, without moving it for them.
        Instant later = MovableClock.now().plus(Duration.ofDays(4000)).truncatedTo(ChronoUnit.DAYS);
        JsonPath answer = call(
                Tokens.admin(),
                ACTIVITY,
                Map.of(
                        "from",
                        later.plus(Duration.ofHours(5)).toString(),
                        "to",
                        later.plus(Duration.ofDays(2)).toString(),
                        "bucket",
                        "DAY"));
        assertNull(errorCode(answer), answer.prettify());
        assertEquals(
                List.of(later.toString(), later.plus(Duration.ofDays(1)).toString()),
                answer.getList("data.orderActivity.start", String.class).stream()
                        .map(s -> Instant.parse(s).toString())
                        .toList());
        assertEquals(List.of(0, 0), answer.getList("data.orderActivity.placed"));
        assertEquals(List.of(0, 0), answer.getList("data.orderActivity.cancelled"));
    }

    @Test
    void aRangeThatIsEmptyBackwardsOrLongerThan168BucketsIsRefusedOnTo() {
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("from", at.toString(), "to", at.toString()),
                Map.<String, Object>of(
                        "from", at.toString(), "to", at.minusSeconds(1).toString()),
                Map.<String, Object>of(
                        "from",
                        at.toString(),
                        "to",
                        at.plus(Duration.ofHours(168)).plusSeconds(1).toString()),
                Map.<String, Object>of(
                        "from",
                        at.toString(),
                        "to",
                        at.plus(Duration.ofDays(169)).toString(),
                        "bucket",
                        "DAY"))) {
            JsonPath refused = call(Tokens.admin(), ACTIVITY, new HashMap<>(bad));
            assertEquals("VALIDATION", errorCode(refused), refused.prettify());
            assertEquals("to", refused.getString("errors[0].extensions.field"), refused.prettify());
        }
        JsonPath week = call(
                Tokens.admin(),
                ACTIVITY,
                Map.of(
                        "from",
                        at.toString(),
                        "to",
                        at.plus(Duration.ofHours(168)).toString()));
        assertNull(errorCode(week), week.prettify());
        assertEquals(168, week.getList("data.orderActivity").size());
    }

    @Test
    void onlyAdminsReadTheActivity() {
        Map<String, Object> range = Map.of("from", "2026-11-30T10:00:00Z", "to", "2026-11-30T12:00:00Z");
        assertEquals("FORBIDDEN", errorCode(call(Tokens.customer(Orders.newCustomer()), ACTIVITY, range)));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.warehouse("ANY"), ACTIVITY, range)));
        assertEquals("FORBIDDEN", errorCode(call(Tokens.payments(), ACTIVITY, range)));
        assertEquals("UNAUTHENTICATED", errorCode(call(null, ACTIVITY, range)));
    }

    private static JsonPath activity(Instant from, Instant to, List<Instant> starts) {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<List<Integer>> before = expected(starts, null);
            JsonPath answer = call(Tokens.admin(), ACTIVITY, Map.of("from", from.toString(), "to", to.toString()));
            assertNull(errorCode(answer), answer.prettify());
            if (before.equals(expected(starts, null))) {
                return answer;
            }
            Routing.pause(200);
        }
        throw new AssertionError("the audit trail never stood still");
    }

    private static List<List<Integer>> figures(JsonPath answer) {
        List<List<Integer>> all = new ArrayList<>();
        for (int i = 0; i < answer.getList("data.orderActivity").size(); i++) {
            String at = "data.orderActivity[" + i + "].";
            all.add(List.of(
                    answer.getInt(at + "placed"),
                    answer.getInt(at + "paid"),
                    answer.getInt(at + "routed"),
                    answer.getInt(at + "shipped"),
                    answer.getInt(at + "cancelled")));
        }
        return all;
    }

    private static List<Integer> totals(List<List<Integer>> buckets) {
        List<Integer> sums = new ArrayList<>(List.of(0, 0, 0, 0, 0));
        for (List<Integer> bucket : buckets) {
            for (int i = 0; i < 5; i++) {
                sums.set(i, sums.get(i) + bucket.get(i));
            }
        }
        return sums;
    }

    /** Per hour from each start: placed, paid, routed, shipped, cancelled, by the definitions (only of these orders). */
    private static List<List<Integer>> expected(List<Instant> starts, List<UUID> only) {
        String ids = only == null
                ? null
                : String.join(",", only.stream().map(UUID::toString).toList());
        String scope = "(cast(? as text) is null or order_id::text = any(string_to_array(?, ',')))";
        List<List<Integer>> all = new ArrayList<>();
        for (Instant start : starts) {
            Timestamp from = Timestamp.from(start);
            Timestamp to = Timestamp.from(start.plus(Duration.ofHours(1)));
            List<Object> row = Db.query(
                            """
                    with firsts as (
                      select min(occurred_at) filter (where type = 'ORDER_PLACED') as placed,
                             min(occurred_at) filter (where to_status = 'PAID') as paid,
                             min(occurred_at) filter (where type = 'ORDER_ROUTED') as routed,
                             min(occurred_at) filter (where to_status = 'CANCELLED') as cancelled
                      from order_events where %1$s group by order_id)
                    select count(*) filter (where placed >= ? and placed < ?),
                           count(*) filter (where paid >= ? and paid < ?),
                           count(*) filter (where routed >= ? and routed < ?),
                           (select count(*) from order_events where type = 'FULFILLMENT_SHIPPED' and %1$s
                              and occurred_at >= ? and occurred_at < ?),
                           count(*) filter (where cancelled >= ? and cancelled < ?)
                    from firsts""".formatted(scope), ids, ids, from, to, from, to, from, to, ids, ids, from, to, from, to)
                    .get(0);
            all.add(row.stream().map(n -> ((Number) n).intValue()).toList());
        }
        return all;
    }

    private static String fulfillmentOrderOf(String orderId) {
        JsonPath order = call(
                Tokens.admin(),
                "query($id: ID!) { order(id: $id) { fulfillmentOrders { id } } }",
                Map.of("id", orderId));
        return order.getString("data.order.fulfillmentOrders[0].id");
    }

    private static void awaitRoutings(String orderId, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (Db.count(
                        "select count(*) from order_events where order_id = ? and type = 'ORDER_ROUTED'",
                        UUID.fromString(orderId))
                < count) {
            assertTrue(System.currentTimeMillis() < deadline, "the backorder was never filled");
            Routing.pause(100);
        }
    }
}
