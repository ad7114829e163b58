package io.oms.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oms.routing.app.RoutingWorker;
import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A backlog that no notification announces (jobs due after a restart, retries) is routed by the poller's rounds
 * alone. Here the poller's schedule and LISTEN are off, and the test runs one round itself.
 */
@QuarkusTest
@TestProfile(RoutingBacklogTest.PollerOnly.class)
class RoutingBacklogTest {
    public static class PollerOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oms.routing.poll-interval", "off",
                    "oms.routing.listen", "false",
                    "oms.routing.workers", "4",
                    "oms.routing.batch-size", "100");
        }
    }

    @Inject
    RoutingWorker worker;

    /** One round takes a batch with every worker: 4 x 100 here, so the 150 waiting are routed, not 100 of them. */
    @Test
    void onePollerRoundRoutesABacklogWithEveryWorker() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("BACKLOG"), "WAREHOUSE", 10, 40.73, -74.17), sku, 1000);
        for (int i = 0; i < 150; i++) {
            // Placed through the API, paid and queued in SQL: a job no notification announced.
            UUID orderId = UUID.fromString(Routing.unpaidOrder(null, sku, 1));
            Routing.paidWithoutNotice(orderId, true);
        }
        worker.drainAll().await().atMost(Duration.ofSeconds(120));
        assertEquals(
                0L,
                Db.count(
                        "select count(*) from orders o join order_lines l on l.order_id = o.id"
                                + " where l.sku = ? and o.status = 'PAID'",
                        sku),
                "paid orders of the backlog left for later rounds");
        assertEquals(150L, Stock.reserved(sku));
    }
}
