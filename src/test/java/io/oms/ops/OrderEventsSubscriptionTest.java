package io.oms.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.GraphQLWebSocket;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orderEvents subscription over graphql-transport-ws, against the running service. */
@QuarkusTest
class OrderEventsSubscriptionTest {
    private static final String EVENTS = """
            subscription($id: ID) { orderEvents(orderId: $id) { id orderId type fromStatus toStatus actor } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    @Test
    void adminSeesEveryEventOfAPlacedAndPaidOrderAsItHappens() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("LIVE"), "WAREHOUSE", 10, 40.73, -74.17), sku, 3);
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, Tokens.admin())) {
            ws.subscribe("all", EVENTS, new HashMap<>());
            Routing.pause(300); // the subscription is live once the server has processed "subscribe"
            String id = Routing.paidOrder(null, sku, 1);

            List<JsonObject> mine = new ArrayList<>();
            while (mine.size() < 3) {
                JsonObject next = ws.await(m -> "next".equals(m.getString("type")), 15);
                JsonObject event =
                        next.getJsonObject("payload").getJsonObject("data").getJsonObject("orderEvents");
                if (id.equals(event.getString("orderId"))) {
                    mine.add(event);
                }
            }
            assertEquals(
                    List.of("ORDER_PLACED", "PAYMENT_CONFIRMED", "ORDER_ROUTED"),
                    mine.stream().map(e -> e.getString("type")).toList());
            assertEquals("PAID", mine.get(1).getString("toStatus"));
            assertEquals("AWAITING_FULFILLMENT", mine.get(2).getString("toStatus"));
            assertEquals("system:routing", mine.get(2).getString("actor"));
            assertTrue(Long.parseLong(mine.get(0).getString("id"))
                    < Long.parseLong(mine.get(2).getString("id")));
        }
    }

    @Test
    void oneOrdersStreamCarriesOnlyThatOrdersEvents() throws Exception {
        String id = Orders.placed(Orders.newCustomer());
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, Tokens.admin())) {
            ws.subscribe("one", EVENTS, Map.of("id", id));
            Routing.pause(300);
            String other = Orders.placed(Orders.newCustomer());
            Routing.pay(id);

            JsonObject next = ws.await(m -> "next".equals(m.getString("type")), 15);
            JsonObject event =
                    next.getJsonObject("payload").getJsonObject("data").getJsonObject("orderEvents");
            assertEquals(id, event.getString("orderId"));
            assertEquals("PAYMENT_CONFIRMED", event.getString("type"));
            for (JsonObject m = ws.poll(1_000); m != null; m = ws.poll(500)) {
                if ("next".equals(m.getString("type"))) {
                    String of = m.getJsonObject("payload")
                            .getJsonObject("data")
                            .getJsonObject("orderEvents")
                            .getString("orderId");
                    assertEquals(id, of, "an event of another order (" + other + ") leaked in");
                }
            }
        }
    }

    @Test
    void onlyAdminsMayFollowEveryOrder() throws Exception {
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, Tokens.customer("cust-live"))) {
            ws.subscribe("c", EVENTS, new HashMap<>());
            JsonObject error =
                    ws.await(m -> "error".equals(m.getString("type")) || "next".equals(m.getString("type")), 10);
            assertEquals("FORBIDDEN", code(error), error.encodePrettily());
        }
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, null)) {
            ws.subscribe("a", EVENTS, new HashMap<>());
            JsonObject error =
                    ws.await(m -> "error".equals(m.getString("type")) || "next".equals(m.getString("type")), 10);
            assertEquals("UNAUTHENTICATED", code(error), error.encodePrettily());
        }
    }

    /** graphql-transport-ws reports a refused subscription as "error" (a list) or as "next" with errors. */
    private static String code(JsonObject message) {
        Object payload = message.getValue("payload");
        JsonObject first = payload instanceof io.vertx.core.json.JsonArray list
                ? list.getJsonObject(0)
                : ((JsonObject) payload).getJsonArray("errors").getJsonObject(0);
        return first.getJsonObject("extensions").getString("code");
    }
}
