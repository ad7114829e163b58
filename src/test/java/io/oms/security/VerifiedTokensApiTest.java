package io.oms.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.GraphQLWebSocket;
import io.oms.support.Routing;
import io.oms.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens of requests go through the cache, and what verification refuses is still refused over HTTP. */
@QuarkusTest
class VerifiedTokensApiTest {
    private static final String STUCK = "{\"query\":\"{ stuckOrders { totalCount } }\"}";

    @Inject
    VerifiedTokens tokens;

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    private static Response post(String token) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token)
                .body(STUCK)
                .post("/graphql");
    }

    @Test
    void aRequestsTokenIsKeptAndItsRolesStillDecide() {
        String admin = Tokens.token("admin-" + UUID.randomUUID(), "admin", null);
        assertFalse(tokens.holds(admin));
        for (int i = 0; i < 2; i++) {
            Integer total = post(admin).then().statusCode(200).extract().path("data.stuckOrders.totalCount");
            assertNotNull(total);
        }
        assertTrue(tokens.holds(admin), "verified by the cache in front of smallrye-jwt");

        String customer = Tokens.customer("c-" + UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    "FORBIDDEN",
                    post(customer).then().statusCode(200).extract().path("errors[0].extensions.code"),
                    "a cached customer token is still only a customer's");
        }
        assertTrue(tokens.holds(customer));
    }

    @Test
    void aCustomersCachedTokenEditedToClaimAdminIsRefused() {
        String customer = Tokens.customer("c-" + UUID.randomUUID());
        post(customer).then().statusCode(200);
        assertTrue(tokens.holds(customer));
        String[] parts = customer.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                payload.replace("\"customer\"", "\"admin\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertEquals(401, post(elevated).statusCode());
        assertFalse(tokens.holds(elevated));
    }

    /** The token a browser sends in connection_init is verified through the cache too, and its role still decides. */
    @Test
    void aSubscriptionsTokenGoesThroughTheCache() throws Exception {
        String customer = Tokens.customer("c-" + UUID.randomUUID());
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(vertx, graphql, customer)) {
            ws.subscribe("all", "subscription { orderEvents { id } }", new HashMap<>());
            JsonObject refused =
                    ws.await(m -> "error".equals(m.getString("type")) || "next".equals(m.getString("type")), 10);
            assertEquals("error", refused.getString("type"), refused.encodePrettily());
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (!tokens.holds(customer) && System.currentTimeMillis() < deadline) {
            Routing.pause(50);
        }
        assertTrue(tokens.holds(customer), "verified by the cache in front of smallrye-jwt");
    }
}
