package io.oms.api.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.oms.support.GraphQLWebSocket;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every operation of docs/examples/*.graphql runs against the service, with the token of the client it is written
 * for, as one storefront, admin and warehouse session would run them: a location is set up and stocked, a customer
 * plans a cart, orders, pages through their orders and cancels a unit, the payment is confirmed, the order is
 * routed, the warehouse picks, packs and ships it, and the admin reads orders and notices. Each answer must have no
 * error, and an operation added to the examples without running here fails the test. Subscriptions run over
 * WebSocket (graphql-transport-ws, the token in connection_init) as the storefront opens them.
 */
@QuarkusTest
class ExampleOperationsApiTest {
    private static final Path EXAMPLES = Path.of("docs", "examples");

    private final Map<String, String> documents = new TreeMap<>();
    private final Map<String, Document> parsed = new TreeMap<>();
    private final Map<String, String> operationFile = new TreeMap<>();
    private final TreeSet<String> executed = new TreeSet<>();

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphql"))
                    .sorted()
                    .toList()) {
                String text = Files.readString(file);
                Document document = Parser.parse(text);
                for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                    assertNotNull(operation.getName(), file + ": every example operation has a name");
                    assertNull(operationFile.put(operation.getName(), file.toString()), operation.getName());
                    documents.put(operation.getName(), text);
                    parsed.put(operation.getName(), document);
                }
            }
        }
        assertFalse(documents.isEmpty(), "no example operations under " + EXAMPLES.toAbsolutePath());
    }

    /** Runs one example operation (its whole file, for the fragments) and fails on any error. */
    private JsonPath run(String operation, String token, Map<String, Object> variables) {
        String document = documents.get(operation);
        assertNotNull(document, "no example operation " + operation);
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("operationName", operation);
        body.put("variables", variables);
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        JsonPath answer = request.when()
                .post("/graphql")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertNull(answer.get("errors"), operation + " (" + operationFile.get(operation) + "): " + answer.prettify());
        assertNotNull(answer.get("data"), operation + ": " + answer.prettify());
        executed.add(operation);
        return answer;
    }

    /**
     * Opens one example subscription on {@code ws}. A subscribe message carries no operationName, so the
     * operation is sent alone, with the fragments it spreads.
     */
    private void subscribe(GraphQLWebSocket ws, String id, String operation, Map<String, Object> variables) {
        Document document = parsed.get(operation);
        assertNotNull(document, "no example operation " + operation);
        OperationDefinition definition = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(o -> operation.equals(o.getName()))
                .findFirst()
                .orElseThrow();
        assertEquals(OperationDefinition.Operation.SUBSCRIPTION, definition.getOperation(), operation);
        StringBuilder text = new StringBuilder(AstPrinter.printAst(definition));
        List<FragmentDefinition> fragments = new ArrayList<>(document.getDefinitionsOfType(FragmentDefinition.class));
        for (boolean added = true; added; ) {
            added = false;
            for (FragmentDefinition fragment : List.copyOf(fragments)) {
                if (text.toString().matches("(?s).*\\.\\.\\.\\s*" + fragment.getName() + "\\b.*")) {
                    text.append('\n').append(AstPrinter.printAst(fragment));
                    fragments.remove(fragment);
                    added = true;
                }
            }
        }
        ws.subscribe(id, text.toString(), variables);
    }

    /** The next event of subscription {@code id}; fails on an error, a completion or none within 15 s. */
    private JsonObject nextEvent(GraphQLWebSocket ws, String id, String operation) throws InterruptedException {
        JsonObject message = ws.await(m -> id.equals(m.getString("id")), 15);
        assertEquals("next", message.getString("type"), operation + ": " + message.encodePrettily());
        JsonObject payload = message.getJsonObject("payload");
        assertNull(payload.getValue("errors"), operation + ": " + message.encodePrettily());
        executed.add(operation);
        return payload.getJsonObject("data");
    }

    private static String key() {
        return "example-" + UUID.randomUUID();
    }

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    @Test
    void everyExampleOperationRunsForItsClient() throws Exception {
        load();
        String admin = Tokens.admin();
        String code = Stock.uniqueCode("EX");
        String sku = Stock.sku();

        // admin: a location, its stock
        Map<String, Object> location = new HashMap<>();
        location.put("code", code);
        location.put("name", "Example warehouse " + code);
        location.put("type", "WAREHOUSE");
        location.put("priority", 5);
        location.put("countries", List.of("US"));
        location.put("latitude", 40.73);
        location.put("longitude", -74.17);
        String locationId =
                run("UpsertLocation", admin, Map.of("input", location)).getString("data.upsertLocation.id");
        run("Locations", admin, Map.of());
        JsonPath imported = run(
                "ImportInventory",
                admin,
                Map.of(
                        "locationId", locationId,
                        "levels", List.of(Map.of("sku", sku, "onHand", 4, "safetyStock", 0)),
                        "idempotencyKey", key()));
        assertEquals(1, imported.getInt("data.importInventory.rows"));
        run(
                "AdjustInventory",
                admin,
                Map.of(
                        "locationId",
                        locationId,
                        "sku",
                        sku,
                        "delta",
                        2,
                        "reason",
                        "cycle count",
                        "idempotencyKey",
                        key()));
        run(
                "ReceiveStock",
                admin,
                Map.of("locationId", locationId, "sku", sku, "quantity", 2, "idempotencyKey", key()));
        String warehouse = Tokens.warehouse(code);
        run(
                "WarehouseReceiveStock",
                warehouse,
                Map.of("locationId", locationId, "sku", sku, "quantity", 1, "idempotencyKey", key()));
        JsonPath levels = run("InventoryLevels", admin, Map.of("sku", sku));
        assertEquals(9, levels.getInt("data.inventoryLevels[0].onHand"));

        // storefront: plan, order twice, read, page, cancel a unit
        Map<String, Object> address = Orders.address();
        address.put("latitude", 42.36);
        address.put("longitude", -71.06);
        JsonPath plan = run(
                "PlanCart",
                null,
                Map.of(
                        "input",
                        Map.of("lines", List.of(Map.of("sku", sku, "quantity", 3)), "shippingAddress", address)));
        assertEquals(1, plan.getInt("data.fulfillmentPlan.splitCount"), plan.prettify());
        String customer = Tokens.customer(Orders.newCustomer());
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        List<String> placed = new ArrayList<>();
        String orderId = null;
        for (int n = 0; n < 2; n++) {
            Map<String, Object> input = new HashMap<>();
            input.put("idempotencyKey", key());
            input.put("email", email);
            input.put("currency", "USD");
            input.put("shippingAddress", address);
            input.put("lines", List.of(Orders.line(sku, 3, "10.00")));
            orderId = run("PlaceOrder", customer, Map.of("input", input)).getString("data.placeOrder.id");
            placed.add(orderId);
        }
        // the storefront follows the order live from here on (the flow below commits many events)
        GraphQLWebSocket live = GraphQLWebSocket.connect(vertx, graphql, customer);
        subscribe(live, "events", "MyOrderEvents", Map.of("orderId", orderId));
        JsonPath mine = run("MyOrder", customer, Map.of("id", orderId));
        assertEquals(orderId, mine.getString("data.order.id"));
        String lineId = mine.getString("data.order.lines[0].id");
        String number = mine.getString("data.order.number");
        assertEquals(
                "PENDING_PAYMENT",
                run("OrderRoutingState", customer, Map.of("id", orderId)).getString("data.order.routingState"));
        JsonPath first = run("MyOrders", customer, Map.of("first", 1));
        assertTrue(first.getBoolean("data.orders.pageInfo.hasNextPage"), first.prettify());
        assertEquals(orderId, first.getString("data.orders.edges[0].node.id"), "newest first");
        Map<String, Object> next = new HashMap<>();
        next.put("first", 1);
        next.put("after", first.getString("data.orders.pageInfo.endCursor"));
        JsonPath second = run("MyOrders", customer, next);
        assertFalse(second.getBoolean("data.orders.pageInfo.hasNextPage"), second.prettify());
        assertTrue(second.getBoolean("data.orders.pageInfo.hasPreviousPage"), second.prettify());
        // and back: the page before the second one is the first
        Map<String, Object> back = new HashMap<>();
        back.put("last", 1);
        back.put("before", second.getString("data.orders.pageInfo.startCursor"));
        JsonPath previous = run("MyOrdersBackward", customer, back);
        assertEquals(List.of(orderId), previous.getList("data.orders.edges.node.id"), previous.prettify());
        assertFalse(previous.getBoolean("data.orders.pageInfo.hasPreviousPage"), previous.prettify());
        assertTrue(previous.getBoolean("data.orders.pageInfo.hasNextPage"), previous.prettify());
        run(
                "CancelMyOrderLines",
                customer,
                Map.of(
                        "orderId",
                        orderId,
                        "lines",
                        List.of(Map.of("orderLineId", lineId, "quantity", 1)),
                        "reason",
                        "changed my mind",
                        "idempotencyKey",
                        key()));
        run(
                "AdminCancelOrderLines",
                admin,
                Map.of(
                        "orderId",
                        orderId,
                        "lines",
                        List.of(Map.of("orderLineId", lineId, "quantity", 1)),
                        "reason",
                        "customer called",
                        "idempotencyKey",
                        key()));

        // the storefront's server confirms the payment; routing follows
        // expectedVersion: the version as read now, after the cancellations
        int version = run("MyOrder", customer, Map.of("id", orderId)).getInt("data.order.version");
        Map<String, Object> payment = new HashMap<>();
        payment.put("orderId", orderId);
        payment.put("expectedVersion", version);
        payment.put("paymentReference", "psp-" + UUID.randomUUID());
        payment.put("idempotencyKey", key());
        run("ConfirmPayment", Tokens.payments(), payment);
        Routing.awaitRouted(orderId, 15_000);
        assertEquals(
                "ROUTED",
                run("OrderRoutingState", customer, Map.of("id", orderId)).getString("data.order.routingState"));

        // warehouse: the queue, then pick, pack, ship, deliver
        Map<String, Object> queue = new HashMap<>();
        queue.put("filter", Map.of("locationId", locationId, "status", "OPEN"));
        queue.put("first", 20);
        JsonPath stock = run("StockAtLocation", warehouse, Map.of("locationId", locationId, "first", 10));
        assertEquals(List.of(sku), stock.getList("data.inventoryLevelsAt.edges.node.sku"), stock.prettify());
        JsonPath open = run("WarehouseFulfillmentOrders", warehouse, queue);
        List<String> ids = open.getList("data.fulfillmentOrders.edges.node.id");
        assertEquals(1, ids.size(), open.prettify());
        String fulfillmentOrderId = ids.get(0);
        run("StartPicking", warehouse, Map.of("id", fulfillmentOrderId));
        run("MarkPicked", warehouse, Map.of("id", fulfillmentOrderId));
        run("MarkPacked", warehouse, Map.of("id", fulfillmentOrderId));
        run("Ship", warehouse, Map.of("id", fulfillmentOrderId, "carrier", "UPS", "trackingNumber", "1Z-EXAMPLE"));
        run("MarkDelivered", warehouse, Map.of("id", fulfillmentOrderId));

        // admin: lists and the audit trail
        Map<String, Object> filter = new HashMap<>();
        filter.put("filter", Map.of("sku", sku));
        filter.put("first", 10);
        JsonPath orders = run("AdminOrders", admin, filter);
        assertEquals(2, orders.getInt("data.orders.totalCount"), orders.prettify());
        JsonPath oldestFirst = run("AdminOrdersOldestFirst", admin, filter);
        assertEquals(placed, oldestFirst.getList("data.orders.edges.node.id"), oldestFirst.prettify());
        JsonPath byNumber = run("FindOrderByNumber", admin, Map.of("number", number));
        assertEquals(List.of(orderId), byNumber.getList("data.orders.edges.node.id"), byNumber.prettify());
        JsonPath byEmail =
                run("FindOrdersByEmail", admin, Map.of("email", email.toUpperCase(java.util.Locale.ROOT), "first", 10));
        assertEquals(
                List.of(placed.get(1), placed.get(0)),
                byEmail.getList("data.orders.edges.node.id"),
                byEmail.prettify());
        run("StuckOrders", admin, Map.of("first", 5));
        run("StuckOrders", admin, Map.of("reason", "UNROUTED", "first", 5));
        JsonPath queueNow = run("RoutingQueue", admin, Map.of());
        assertNotNull(queueNow.get("data.routingQueue.depth"), queueNow.prettify());
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonPath activity = run(
                "OrderActivity",
                admin,
                Map.of(
                        "from",
                        hour.minus(Duration.ofHours(11)).toString(),
                        "to",
                        hour.plus(Duration.ofHours(1)).toString()));
        assertEquals(12, activity.getList("data.orderActivity").size(), activity.prettify());
        JsonPath waiting = run("BackorderSummary", admin, Map.of("first", 5));
        assertNotNull(waiting.get("data.backorderSummary.unitsWaiting"), waiting.prettify());
        JsonPath byReason = run("StuckByReason", admin, Map.of());
        for (String reason : List.of("unrouted", "notProgressing", "backorderOverdue")) {
            assertNotNull(byReason.get("data." + reason + ".totalCount"), byReason.prettify());
        }
        JsonPath trail = run("AdminOrder", admin, Map.of("id", orderId));
        assertEquals("DELIVERED", trail.getString("data.order.status"), trail.prettify());
        run("Notifications", admin, Map.of("filter", Map.of("orderId", orderId), "first", 10));

        try (live) {
            JsonObject event = nextEvent(live, "events", "MyOrderEvents");
            assertEquals(orderId, event.getJsonObject("orderEvents").getString("orderId"), event.encodePrettily());
        }

        assertEquals(documents.keySet(), executed, "every example operation runs in this test");
    }
}
