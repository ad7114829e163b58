package io.oms.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.metrics.BacklogGauges;
import io.oms.support.Db;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The business metrics at /q/metrics of the management interface, in Prometheus' text format, move with what
 * the service does.
 */
@QuarkusTest
class MetricsTest {
    @TestHTTPResource(value = "/metrics", management = true) // the management root path is /q
    URL metrics;

    @Inject
    BacklogGauges gauges;

    @Test
    void ordersPlacedAndRoutedAreCountedWithLatencyAndShipments() {
        String a = Stock.sku();
        String b = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("MX-E"), "WAREHOUSE", 10, 40.73, -74.17), a, 5);
        Stock.put(Stock.location(Stock.uniqueCode("MX-W"), "WAREHOUSE", 10, 39.53, -119.81), b, 5);
        Map<String, Double> before = scrape();

        String id = Routing.paidOrder(null, a, 1, b, 1);
        Routing.awaitRouted(id, 15_000);
        var replay = Orders.input();
        Orders.place(Tokens.customer("metrics-replay"), replay);
        Orders.place(Tokens.customer("metrics-replay"), replay); // same key: not a second order

        Map<String, Double> after = scrape();
        assertEquals(2.0, delta(before, after, "oms_orders_placed_total"), "one paid order and one replayed");
        assertEquals(1.0, delta(before, after, "oms_orders_routed_total"));
        assertEquals(1.0, delta(before, after, "oms_routing_latency_seconds_count"));
        assertTrue(delta(before, after, "oms_routing_latency_seconds_sum") > 0);
        assertEquals(1.0, delta(before, after, "oms_routing_shipments_count"));
        assertEquals(2.0, delta(before, after, "oms_routing_shipments_sum"), "split into two shipments");
    }

    @Test
    void backlogGaugesReportTheDatabase() {
        Routing.awaitRouted(Routing.paidOrder(null, Stock.sku(), 2), 15_000); // nothing in stock: a backorder
        gauges.refresh().await().atMost(Duration.ofSeconds(10));
        long open = Db.count("select count(*) from backorders where status = 'OPEN'");
        long queued = Db.count("select count(*) from routing_jobs where status = 'PENDING'");
        long unrouted = Db.count("select count(*) from orders where stuck_reason = 'UNROUTED'");
        Map<String, Double> metrics = scrape();
        assertTrue(open > 0);
        assertEquals(open, metrics.get("oms_backorders_open").longValue());
        assertEquals(queued, metrics.get("oms_routing_queue_depth").longValue());
        assertEquals(
                unrouted, metrics.get("oms_orders_stuck{reason=\"UNROUTED\"}").longValue());
        assertTrue(metrics.containsKey("oms_orders_stuck{reason=\"NOT_PROGRESSING\"}"));
        assertTrue(metrics.containsKey("oms_orders_stuck{reason=\"BACKORDER_OVERDUE\"}"));
    }

    @Test
    void noticeGaugesCountPendingAndDeadNotices() throws Exception {
        // A notice given up on, and one waiting for a retry tomorrow: the dispatcher leaves both where they are.
        UUID order = UUID.fromString(Orders.placed(Orders.newCustomer()));
        insertNotice(order, "DEAD", "now()");
        insertNotice(order, "PENDING", "now() + interval '1 day'");

        long deadBefore = Db.count("select count(*) from notifications where status = 'DEAD'");
        long pendingBefore = Db.count("select count(*) from notifications where status = 'PENDING'");
        gauges.refresh().await().atMost(Duration.ofSeconds(10));
        long deadAfter = Db.count("select count(*) from notifications where status = 'DEAD'");
        long pendingAfter = Db.count("select count(*) from notifications where status = 'PENDING'");
        Map<String, Double> metrics = scrape();

        // Other tests' notices may be delivered or given up meanwhile: the gauge is what the database held then.
        assertBetween(deadBefore, deadAfter, metrics.get("oms_notifications{status=\"dead\"}"), "dead notices");
        assertBetween(
                pendingBefore, pendingAfter, metrics.get("oms_notifications{status=\"pending\"}"), "pending notices");
        assertTrue(metrics.get("oms_notifications{status=\"dead\"}") >= 1);
        assertTrue(metrics.get("oms_notifications{status=\"pending\"}") >= 1);
    }

    @Test
    void routingQueueAgeIsHowLongTheOldestDueJobHasWaited() throws Exception {
        // A job that a worker cannot take (this test holds its row lock, as a worker in the middle of a long
        // transaction would) becomes due and waits. It is made due only while locked, so no worker ever runs it.
        UUID order = UUID.fromString(Orders.placed(Orders.newCustomer()));
        Db.execute(
                "insert into routing_jobs (order_id, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " values (?, 'PENDING', 0, now() + interval '1 second', now(), now())",
                order);
        try (Connection holder = Db.connect()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from routing_jobs where order_id = ? for share")) {
                lock.setObject(1, order);
                lock.executeQuery();
            }
            Routing.pause(5_000); // due for four seconds now
            // Read after the scrape: the scheduled refresh may also run at any moment up to the scrape.
            double before = oldestDueAge();
            gauges.refresh().await().atMost(Duration.ofSeconds(10));
            double reported = scrape().get("oms_routing_queue_oldest_seconds");
            double after = oldestDueAge();
            assertTrue(before >= 3.0, "the locked job has been due for " + before + " s");
            assertTrue(
                    reported >= before && reported <= after,
                    "reported " + reported + " s, the database said " + before + " s before and " + after + " after");
            try (var delete = holder.prepareStatement("delete from routing_jobs where order_id = ?")) {
                delete.setObject(1, order);
                delete.executeUpdate();
            }
            holder.commit();
        }
        // Without it the gauge follows the rest of the queue (0 when nothing is due), not the job that is gone.
        double before = oldestDueAge();
        gauges.refresh().await().atMost(Duration.ofSeconds(10));
        double reported = scrape().get("oms_routing_queue_oldest_seconds");
        double after = oldestDueAge();
        assertTrue(
                reported >= Math.min(before, after) - 0.5 && reported <= Math.max(before, after) + 0.5,
                "reported " + reported + " s, the database said " + before + " s before and " + after + " after");
    }

    /** How long the job that has been due the longest has waited, in seconds, as the database sees it now. */
    private static double oldestDueAge() {
        return ((Number) Db.query("select coalesce(extract(epoch from now() - min(next_attempt_at)), 0)::float8"
                                + " from routing_jobs where status = 'PENDING' and next_attempt_at <= now()")
                        .get(0)
                        .get(0))
                .doubleValue();
    }

    private static void insertNotice(UUID order, String status, String nextAttempt) throws Exception {
        Db.execute(
                "insert into notifications (id, kind, order_id, payload, status, attempts, next_attempt_at,"
                        + " created_at) values (?, 'ORDER_STUCK', ?, '{}'::jsonb, ?, 0, " + nextAttempt + ", now())",
                UUID.randomUUID(),
                order,
                status);
    }

    private static void assertBetween(long low, long high, Double value, String what) {
        assertTrue(
                value != null && value >= Math.min(low, high) && value <= Math.max(low, high),
                what + ": the gauge says " + value + ", the database held " + low + " then " + high);
    }

    /** Every sample of the scrape by name and labels, e.g. {@code oms_orders_stuck{reason="UNROUTED"}}. */
    private Map<String, Double> scrape() {
        String text =
                given().when().get(metrics).then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("oms_")) {
                // A counter or histogram sample may end in an exemplar, the trace it was last counted in (tracing
                // on): "name value # {span_id=..,trace_id=..} value timestamp".
                int exemplar = line.indexOf(" # ");
                String sample = exemplar < 0 ? line : line.substring(0, exemplar);
                int space = sample.lastIndexOf(' ');
                samples.put(sample.substring(0, space), Double.parseDouble(sample.substring(space + 1)));
            }
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }
}
