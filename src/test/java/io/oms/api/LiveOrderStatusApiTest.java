package io.oms.api;

import static io.oms.support.GraphQL.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.GraphQLWebSocket;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A storefront follows its customer's order live (orderEvents) or polls one small field (routingState). */
@QuarkusTest
class LiveOrderStatusApiTest {
    private static final String EVENTS = """
            subscription($id: ID) { orderEvents(orderId: $id) { orderId type toStatus } }""";
    private static final String ROUTING_STATE = """
            query($id: ID!) { order(id: $id) { status routingState } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    @Test
    void aCustomerReceivesTheEventsOfTheirOwnOrderAndNeverAnotherCustomers() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("LIVE"), "WAREHOUSE", 10, 40.73, -74.17), sku, 10);
        String alice = Orders.newCustomer();
        String bob = Orders.newCustomer();
        String alicesOrder = place(alice, sku, 1);
        String bobsOrder = place(bob, sku, 1);

        try (GraphQLWebSocket aliceWs = GraphQLWebSocket.connect(vertx, graphql, Tokens.customer(alice));
                GraphQLWebSocket bobWs = GraphQLWebSocket.connect(vertx, graphql, Tokens.customer(bob))) {
            aliceWs.subscribe("own", EVENTS, Map.of("id", alicesOrder));
            aliceWs.subscribe("bobs", EVENTS, Map.of("id", bobsOrder));
            bobWs.subscribe("own", EVENTS, Map.of("id", bobsOrder));

            // Another customer's order: the stream ends at once, without an event (order(id) answers null too).
            JsonObject closed = aliceWs.await(m -> "bobs".equals(m.getString("id")), 10);
            assertEquals("complete", closed.getString("type"), closed.encodePrettily());
            Routing.pause(300); // the subscriptions are live once the server has processed "subscribe"

            Routing.pay(alicesOrder);
            Routing.pay(bobsOrder);

            assertEquals(List.of("PAYMENT_CONFIRMED", "ORDER_ROUTED"), untilRouted(aliceWs, alicesOrder));
            assertEquals(List.of("PAYMENT_CONFIRMED", "ORDER_ROUTED"), untilRouted(bobWs, bobsOrder));
            for (GraphQLWebSocket ws : List.of(aliceWs, bobWs)) {
                String own = ws == aliceWs ? alicesOrder : bobsOrder;
                for (JsonObject m = ws.poll(1_000); m != null; m = ws.poll(500)) {
                    if ("next".equals(m.getString("type"))) {
                        assertEquals(own, event(m).getString("orderId"), "another customer's event: " + m);
                    }
                }
            }
        }
    }

    @Test
    void aCustomerMayNotFollowEveryOrderNorMayWarehouseStaff() throws Exception {
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, Tokens.customer(Orders.newCustomer()))) {
            ws.subscribe("all", EVENTS, Map.of());
            assertEquals("FORBIDDEN", code(ws.await(m -> "all".equals(m.getString("id")), 10)));
        }
        String order = Orders.placed(Orders.newCustomer());
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, Tokens.warehouse("WH-LIVE"))) {
            ws.subscribe("one", EVENTS, Map.of("id", order));
            assertEquals("FORBIDDEN", code(ws.await(m -> "one".equals(m.getString("id")), 10)));
        }
    }

    @Test
    void theStreamEndsWhenItsTokenExpiresAndTheTokenIsRefusedAfterwards() throws Exception {
        String customer = Orders.newCustomer();
        String order = Orders.placed(customer);
        String shortLived = Jwt.issuer(Tokens.ISSUER)
                .subject(customer)
                .upn(customer)
                .groups(Set.of("customer"))
                .expiresAt(Instant.now().plusSeconds(3).getEpochSecond())
                .sign();
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, shortLived)) {
            ws.subscribe("s", EVENTS, Map.of("id", order));
            JsonObject complete = ws.await(m -> "s".equals(m.getString("id")), 20);
            assertEquals("complete", complete.getString("type"), complete.encodePrettily());

            ws.subscribe("again", EVENTS, Map.of("id", order)); // the same socket, its token expired by now
            assertEquals("UNAUTHENTICATED", code(ws.await(m -> "again".equals(m.getString("id")), 10)));
        }
    }

    @Test
    void routingStateTellsAPollingClientWhetherTheOrderIsRouted() {
        String sku = Stock.sku();
        String scarce = Stock.sku();
        String location = Stock.location(Stock.uniqueCode("POLL"), "WAREHOUSE", 10, 40.73, -74.17);
        Stock.put(location, sku, 5);
        Stock.put(location, scarce, 1);
        String customer = Orders.newCustomer();
        String routed = place(customer, sku, 2);
        String backordered = place(customer, scarce, 3);

        assertEquals("PENDING_PAYMENT", state(customer, routed));
        Routing.pay(routed);
        Routing.pay(backordered);
        Routing.awaitRouted(routed, 15_000);
        Routing.awaitRouted(backordered, 15_000);
        assertEquals("ROUTED", state(customer, routed));
        assertEquals("BACKORDERED", state(customer, backordered));

        JsonPath both = call(Tokens.customer(customer), """
                { orders(first: 10) { edges { node { id routingState } } } }""");
        assertNull(both.get("errors"), both.prettify());
        Map<String, String> byId = new java.util.HashMap<>();
        List<Map<String, String>> nodes = both.getList("data.orders.edges.node");
        nodes.forEach(n -> byId.put(n.get("id"), n.get("routingState")));
        assertEquals(Map.of(routed, "ROUTED", backordered, "BACKORDERED"), byId);

        JsonPath cancelled = call(Tokens.admin(), """
                mutation($id: ID!) { cancelOrder(orderId: $id, reason: "test") { routingState } }""", Map.of("id", routed));
        assertEquals("CLOSED", cancelled.getString("data.cancelOrder.routingState"), cancelled.prettify());
    }

    private static String place(String customer, String sku, int quantity) {
        Map<String, Object> input = Orders.input();
        input.put("lines", new ArrayList<>(List.of(Orders.line(sku, quantity, "10.00"))));
        JsonPath placed = Orders.place(Tokens.customer(customer), input);
        String id = placed.getString("data.placeOrder.id");
        assertTrue(id != null, placed.prettify());
        return id;
    }

    private static String state(String customer, String orderId) {
        JsonPath response = call(Tokens.customer(customer), ROUTING_STATE, Map.of("id", orderId));
        return response.getString("data.order.routingState");
    }

    /** Event types of this order's subscription until its ORDER_ROUTED. */
    private static List<String> untilRouted(GraphQLWebSocket ws, String orderId) throws InterruptedException {
        List<String> types = new ArrayList<>();
        while (!types.contains("ORDER_ROUTED")) {
            JsonObject next = ws.await(m -> "next".equals(m.getString("type")) && "own".equals(m.getString("id")), 15);
            assertEquals(orderId, event(next).getString("orderId"), next.encodePrettily());
            types.add(event(next).getString("type"));
        }
        return types;
    }

    private static JsonObject event(JsonObject next) {
        return next.getJsonObject("payload").getJsonObject("data").getJsonObject("orderEvents");
    }

    /** graphql-transport-ws reports a refused subscription as "error" (a list) or as "next" with errors. */
    private static String code(JsonObject message) {
        Object payload = message.getValue("payload");
        if (payload == null) {
            throw new AssertionError("no error in " + message.encode());
        }
        JsonObject first = payload instanceof JsonArray list
                ? list.getJsonObject(0)
                : ((JsonObject) payload).getJsonArray("errors").getJsonObject(0);
        return first.getJsonObject("extensions").getString("code");
    }
}
