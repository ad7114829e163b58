package io.oms.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oms.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens of requests go through the cache, and what verification refuses is still refused over HTTP. */
@QuarkusTest
class VerifiedTokensApiTest {
    private static final String STUCK = "{\"query\":\"{ stuckOrders { totalCount } }\"}";

    @Inject
    VerifiedTokens tokens;

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
}
