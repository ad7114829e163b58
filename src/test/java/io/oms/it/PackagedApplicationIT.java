package io.oms.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.oms.support.GraphQL;
import io.oms.support.GraphQLWebSocket;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.Stock;
import io.oms.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, as it is deployed: the fast-jar in CI, the native executable with -Dnative.
 * It runs with the prod profile, so this also checks that the prod configuration starts, that nothing needs
 * reflection or resources that the native image would lack, and that the probes of k8s/ answer.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionEnvironment.class)
class PackagedApplicationIT {
    @TestHTTPResource("/graphql")
    URI graphql;
    /** The management interface's root path, /q/, on its test port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void probesAnswerOnTheManagementPortAsTheDeploymentExpects() throws Exception {
        given().when()
                .get(new URL(management, "health/live"))
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().when()
                .get(new URL(management, "health/ready"))
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().when().get(new URL(management, "health/started")).then().statusCode(200);
        given().when()
                .get(new URL(management, "metrics"))
                .then()
                .statusCode(200)
                .body(containsString("oms_orders_placed_total"));
        given().when()
                .get("/graphql/schema.graphql")
                .then()
                .statusCode(200)
                .body(containsString("stuckOrders"), containsString("orderEvents"));
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/graphql-ui", "/q/dev-ui")) {
            assertEquals(404, given().when().get(path).statusCode(), path + " on the public port");
        }
    }

    @Test
    void anOrderIsPlacedPaidAndRoutedWhileAnAdminWatchesItsEvents() throws Exception {
        String sku = Stock.sku();
        Stock.put(Stock.location(Stock.uniqueCode("IT"), "WAREHOUSE", 10, 40.73, -74.17), sku, 2);
        String id = Orders.placed(Orders.newCustomer());
        Vertx vertx = Vertx.vertx();
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, Tokens.admin())) {
            ws.subscribe(
                    "it",
                    "subscription($id: ID) { orderEvents(orderId: $id) { type toStatus } }",
                    new HashMap<>(Map.of("id", id)));
            Routing.pause(300);
            Routing.pay(id);
            JsonObject paid = ws.await(m -> "next".equals(m.getString("type")), 15);
            assertEquals(
                    "PAYMENT_CONFIRMED",
                    paid.getJsonObject("payload")
                            .getJsonObject("data")
                            .getJsonObject("orderEvents")
                            .getString("type"));
        } finally {
            vertx.close();
        }
        assertNotEquals("PAID", Routing.awaitRouted(id, 20_000).getString("data.order.status"));
    }

    @Test
    void errorsCarryTheirCodesAndNothingInternal() {
        JsonPath refused = GraphQL.call(Tokens.customer("it-customer"), "{ stuckOrders { totalCount } }");
        assertEquals("FORBIDDEN", GraphQL.errorCode(refused));
        JsonPath invalid = Orders.place(
                Tokens.customer("it-customer"),
                Map.of(
                        "idempotencyKey",
                        "k",
                        "currency",
                        "XXX",
                        "shippingAddress",
                        Orders.address(),
                        "lines",
                        java.util.List.of()));
        assertEquals("VALIDATION", GraphQL.errorCode(invalid), invalid.prettify());
    }
}
