package io.oms.api;

import static io.oms.support.GraphQL.call;
import static io.oms.support.GraphQL.errorCode;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oms.support.Orders;
import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** API.md's "Who may call what", operation by operation and role by role. */
@QuarkusTest
class AccessControlApiTest {
    private static final String OWNER = "owner-" + UUID.randomUUID();
    private static final String LOCATION =
            "ACL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private static final String OTHER_LOCATION = LOCATION + "-B";
    private static final String SKU = LOCATION + "-SKU";
    private static Fixture fixture;

    /** An order of OWNER and two locations, created once through the API. */
    record Fixture(String orderId, String locationId, String otherLocationId) {}

    enum Who {
        ANONYMOUS,
        OWNER_CUSTOMER,
        OTHER_CUSTOMER,
        PAYMENTS,
        WAREHOUSE_HERE,
        ADMIN;

        String token() {
            return switch (this) {
                case ANONYMOUS -> null;
                case OWNER_CUSTOMER -> Tokens.customer(OWNER);
                case OTHER_CUSTOMER -> Tokens.customer("someone-else");
                case PAYMENTS -> Tokens.payments();
                case WAREHOUSE_HERE -> Tokens.warehouse(LOCATION);
                case ADMIN -> Tokens.admin();
            };
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                // locations: anyone
                row(Who.ANONYMOUS, "locations", f -> call(null, "{ locations { code } }"), null),
                // placeOrder: customers and admins
                row(Who.ANONYMOUS, "placeOrder", f -> Orders.place(null, Orders.input()), "UNAUTHENTICATED"),
                row(
                        Who.OWNER_CUSTOMER,
                        "placeOrder",
                        f -> Orders.place(Who.OWNER_CUSTOMER.token(), Orders.input()),
                        null),
                row(Who.PAYMENTS, "placeOrder", f -> Orders.place(Who.PAYMENTS.token(), Orders.input()), "FORBIDDEN"),
                row(
                        Who.WAREHOUSE_HERE,
                        "placeOrder",
                        f -> Orders.place(Who.WAREHOUSE_HERE.token(), Orders.input()),
                        "FORBIDDEN"),
                row(
                        Who.OTHER_CUSTOMER,
                        "placeOrder for another customer",
                        f -> {
                            Map<String, Object> input = Orders.input();
                            input.put("customerId", OWNER);
                            return Orders.place(Who.OTHER_CUSTOMER.token(), input);
                        },
                        "FORBIDDEN"),
                row(
                        Who.ADMIN,
                        "placeOrder without customerId",
                        f -> Orders.place(Who.ADMIN.token(), Orders.input()),
                        "VALIDATION"),
                row(
                        Who.ADMIN,
                        "placeOrder for a customer",
                        f -> {
                            Map<String, Object> input = Orders.input();
                            input.put("customerId", OWNER);
                            return Orders.place(Who.ADMIN.token(), input);
                        },
                        null),
                // order / orders: own orders for customers, all for admins
                row(Who.ANONYMOUS, "order", f -> readOrder(null, f), "UNAUTHENTICATED"),
                row(Who.OWNER_CUSTOMER, "order", f -> readOrder(Who.OWNER_CUSTOMER, f), null),
                row(Who.PAYMENTS, "order", f -> readOrder(Who.PAYMENTS, f), "FORBIDDEN"),
                row(Who.WAREHOUSE_HERE, "order", f -> readOrder(Who.WAREHOUSE_HERE, f), "FORBIDDEN"),
                row(Who.ADMIN, "order", f -> readOrder(Who.ADMIN, f), null),
                row(Who.ANONYMOUS, "orders", f -> call(null, "{ orders { totalCount } }"), "UNAUTHENTICATED"),
                row(
                        Who.OTHER_CUSTOMER,
                        "orders of another customer",
                        f -> call(
                                Who.OTHER_CUSTOMER.token(),
                                "query($c: String) { orders(filter: {customerId: $c}) { totalCount } }",
                                Map.of("c", OWNER)),
                        "FORBIDDEN"),
                row(Who.PAYMENTS, "orders", f -> call(Who.PAYMENTS.token(), "{ orders { totalCount } }"), "FORBIDDEN"),
                // transitionOrder: payments to PAYMENT_PROCESSING/CANCELLED/REFUNDED, admin anything
                row(
                        Who.ANONYMOUS,
                        "transitionOrder",
                        f -> transition(null, f, "PAYMENT_PROCESSING"),
                        "UNAUTHENTICATED"),
                row(
                        Who.OWNER_CUSTOMER,
                        "transitionOrder",
                        f -> transition(Who.OWNER_CUSTOMER, f, "CANCELLED"),
                        "FORBIDDEN"),
                row(
                        Who.WAREHOUSE_HERE,
                        "transitionOrder",
                        f -> transition(Who.WAREHOUSE_HERE, f, "CANCELLED"),
                        "FORBIDDEN"),
                row(Who.PAYMENTS, "transitionOrder to PAID", f -> transition(Who.PAYMENTS, f, "PAID"), "FORBIDDEN"),
                row(
                        Who.PAYMENTS,
                        "transitionOrder to PAYMENT_PROCESSING",
                        f -> transition(Who.PAYMENTS, newOrder(), "PAYMENT_PROCESSING"),
                        null),
                row(
                        Who.PAYMENTS,
                        "transitionOrder to CANCELLED",
                        f -> transition(Who.PAYMENTS, newOrder(), "CANCELLED"),
                        null),
                row(Who.ADMIN, "transitionOrder to PAID", f -> transition(Who.ADMIN, newOrder(), "PAID"), null),
                // confirmPayment: payments and admins
                row(Who.ANONYMOUS, "confirmPayment", f -> pay(null, f), "UNAUTHENTICATED"),
                row(Who.OWNER_CUSTOMER, "confirmPayment", f -> pay(Who.OWNER_CUSTOMER, f), "FORBIDDEN"),
                row(Who.WAREHOUSE_HERE, "confirmPayment", f -> pay(Who.WAREHOUSE_HERE, f), "FORBIDDEN"),
                row(Who.PAYMENTS, "confirmPayment", f -> pay(Who.PAYMENTS, newOrder()), null),
                // upsertLocation: admins only
                row(Who.ANONYMOUS, "upsertLocation", f -> upsert(null), "UNAUTHENTICATED"),
                row(Who.OWNER_CUSTOMER, "upsertLocation", f -> upsert(Who.OWNER_CUSTOMER), "FORBIDDEN"),
                row(Who.PAYMENTS, "upsertLocation", f -> upsert(Who.PAYMENTS), "FORBIDDEN"),
                row(Who.WAREHOUSE_HERE, "upsertLocation", f -> upsert(Who.WAREHOUSE_HERE), "FORBIDDEN"),
                // adjustInventory: admins, and warehouse staff at their own location
                row(Who.ANONYMOUS, "adjustInventory", f -> adjust(null, f.locationId()), "UNAUTHENTICATED"),
                row(
                        Who.OWNER_CUSTOMER,
                        "adjustInventory",
                        f -> adjust(Who.OWNER_CUSTOMER, f.locationId()),
                        "FORBIDDEN"),
                row(Who.PAYMENTS, "adjustInventory", f -> adjust(Who.PAYMENTS, f.locationId()), "FORBIDDEN"),
                row(
                        Who.WAREHOUSE_HERE,
                        "adjustInventory at its location",
                        f -> adjust(Who.WAREHOUSE_HERE, f.locationId()),
                        null),
                row(
                        Who.WAREHOUSE_HERE,
                        "adjustInventory elsewhere",
                        f -> adjust(Who.WAREHOUSE_HERE, f.otherLocationId()),
                        "FORBIDDEN"),
                row(Who.ADMIN, "adjustInventory", f -> adjust(Who.ADMIN, f.otherLocationId()), null),
                // inventoryLevels: admins and warehouse staff
                row(Who.ANONYMOUS, "inventoryLevels", f -> levels(null), "UNAUTHENTICATED"),
                row(Who.OWNER_CUSTOMER, "inventoryLevels", f -> levels(Who.OWNER_CUSTOMER), "FORBIDDEN"),
                row(Who.WAREHOUSE_HERE, "inventoryLevels", f -> levels(Who.WAREHOUSE_HERE), null),
                row(Who.ADMIN, "inventoryLevels", f -> levels(Who.ADMIN), null));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("matrix")
    void eachRoleMayDoWhatApiMdSaysAndNothingElse(
            Who who, String operation, Function<Fixture, JsonPath> call, String expectedCode) {
        JsonPath response = call.apply(fixture());
        assertEquals(expectedCode, errorCode(response), () -> response.prettify());
        if (expectedCode == null) {
            assertNotNull(response.get("data"));
        }
    }

    @Test
    void aCustomerSeesOnlyTheirOwnOrders() {
        Fixture f = fixture();
        JsonPath other = readOrder(Who.OTHER_CUSTOMER, f);
        assertNull(other.get("errors"));
        assertNull(other.get("data.order"), "another customer's order reads as absent");
        JsonPath own =
                call(Who.OWNER_CUSTOMER.token(), "{ orders(first: 200) { totalCount edges { node { customerId } } } }");
        assertEquals(Set.of(OWNER), Set.copyOf(own.getList("data.orders.edges.node.customerId")));
    }

    @Test
    void aWarehouseSeesTheLevelsOfItsOwnLocationOnly() {
        Fixture f = fixture();
        adjust(Who.ADMIN, f.locationId());
        adjust(Who.ADMIN, f.otherLocationId());
        JsonPath mine = call(
                Who.WAREHOUSE_HERE.token(),
                "query($s: String!) { inventoryLevels(sku: $s) { location { code } } }",
                Map.of("s", SKU));
        assertEquals(List.of(LOCATION), mine.getList("data.inventoryLevels.location.code"));
        JsonPath all = call(
                Who.ADMIN.token(),
                "query($s: String!) { inventoryLevels(sku: $s) { location { code } } }",
                Map.of("s", SKU));
        assertEquals(Set.of(LOCATION, OTHER_LOCATION), Set.copyOf(all.getList("data.inventoryLevels.location.code")));
    }

    @Test
    void anInvalidOrExpiredTokenIsRefusedWithHttp401BeforeGraphQL() {
        String body = "{\"query\":\"{ locations { code } }\"}";
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer not.a.token")
                .body(body)
                .post("/graphql")
                .then()
                .statusCode(401);
        String expired = Jwt.issuer(Tokens.ISSUER)
                .subject("x")
                .groups("admin")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + expired)
                .body(body)
                .post("/graphql")
                .then()
                .statusCode(401);
        String wrongIssuer =
                Jwt.issuer("https://evil.example").subject("x").groups("admin").sign();
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + wrongIssuer)
                .body(body)
                .post("/graphql")
                .then()
                .statusCode(401);
    }

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            String orderId = Orders.placed(OWNER);
            fixture = new Fixture(orderId, upsertLocation(LOCATION), upsertLocation(OTHER_LOCATION));
        }
        return fixture;
    }

    private static String upsertLocation(String code) {
        JsonPath response = call(Tokens.admin(), """
                mutation($code: String!) {
                  upsertLocation(input: {code: $code, name: "ACL test", type: WAREHOUSE, countries: ["US"]}) { id }
                }""", Map.of("code", code));
        return response.getString("data.upsertLocation.id");
    }

    private static Fixture newOrder() {
        return new Fixture(Orders.placed(Orders.newCustomer()), null, null);
    }

    private static JsonPath readOrder(Who who, Fixture f) {
        return call(
                who == null ? null : who.token(),
                "query($id: ID!) { order(id: $id) { id } }",
                Map.of("id", f.orderId()));
    }

    private static JsonPath transition(Who who, Fixture f, String to) {
        return call(who == null ? null : who.token(), """
                mutation($id: ID!, $to: OrderStatus!, $ref: String) {
                  transitionOrder(orderId: $id, to: $to, paymentReference: $ref) { status } }""", Map.of("id", f.orderId(), "to", to, "ref", "bank-transfer"));
    }

    private static JsonPath pay(Who who, Fixture f) {
        return call(
                who == null ? null : who.token(),
                "mutation($id: ID!) { confirmPayment(orderId: $id, paymentReference: \"p\") { status } }",
                Map.of("id", f.orderId()));
    }

    private static JsonPath upsert(Who who) {
        return call(
                who == null ? null : who.token(),
                "mutation { upsertLocation(input: {code: \"ACL-NOPE\", name: \"n\", type: STORE, countries: [\"US\"]}) { id } }");
    }

    private static JsonPath adjust(Who who, String locationId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("loc", locationId);
        variables.put("s", SKU);
        return call(who == null ? null : who.token(), """
                mutation($loc: ID!, $s: String!) {
                  adjustInventory(locationId: $loc, sku: $s, delta: 3, reason: "count") { onHand }
                }""", variables);
    }

    private static JsonPath levels(Who who) {
        return call(
                who == null ? null : who.token(),
                "query($s: String!) { inventoryLevels(sku: $s) { onHand } }",
                Map.of("s", SKU));
    }

    private static Arguments row(Who who, String operation, Function<Fixture, JsonPath> call, String code) {
        return Arguments.of(who, operation, call, code);
    }
}
