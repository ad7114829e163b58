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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
        assertEquals(unrouted, metrics.get("oms_orders_stuck{reason=\"UNROUTED\"}").longValue());
        assertTrue(metrics.containsKey("oms_orders_stuck{reason=\"NOT_PROGRESSING\"}"));
        assertTrue(metrics.containsKey("oms_orders_stuck{reason=\"BACKORDER_OVERDUE\"}"));
    }

    /** Every sample of the scrape by name and labels, e.g. {@code oms_orders_stuck{reason="UNROUTED"}}. */
    private Map<String, Double> scrape() {
        String text = given().when().get(metrics).then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("oms_")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }
}
