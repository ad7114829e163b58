package io.oms.routing;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.routing.app.BackorderFiller;
import io.oms.support.Db;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A routing pass that changes nothing writes nothing: no event, no notice, no new version. */
@QuarkusTest
class NoOpRoutingApiTest {
    @Inject
    BackorderFiller filler;

    @Test
    void aShipCompleteOrderThatCannotBeFilledIsNotRewrittenByRoutingOrTheSweeper() {
        String a = Stock.sku();
        String b = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("NOA"), "WAREHOUSE", 10, 40.73, -74.17), a, 5);
        Stock.put(Stock.location(Stock.uniqueCode("NOB"), "WAREHOUSE", 10, 40.73, -74.17), b, 5);
        String id = Routing.paidOrder("SHIP_COMPLETE", a, 1, b, 1);
        Routing.awaitRouted(id, 15_000);
        UUID orderId = UUID.fromString(id);
        long version = Db.count("select version from orders where id = ?", orderId);
        long events = Db.count("select count(*) from order_events where order_id = ?", orderId);
        long notices = Db.count("select count(*) from notifications where order_id = ?", orderId);

        JsonPath again =
                call(Tokens.admin(), "mutation($id: ID!) { routeOrder(orderId: $id) { version } }", Map.of("id", id));
        assertNull(errorCode(again), again::prettify);
        filler.sweep().await().atMost(Duration.ofSeconds(30));
        filler.sweep().await().atMost(Duration.ofSeconds(30));

        assertEquals(version, Db.count("select version from orders where id = ?", orderId));
        assertEquals(events, Db.count("select count(*) from order_events where order_id = ?", orderId));
        assertEquals(notices, Db.count("select count(*) from notifications where order_id = ?", orderId));
    }
}
