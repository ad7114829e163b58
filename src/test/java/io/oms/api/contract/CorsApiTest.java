package io.oms.api.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CORS from OMS_CORS_ORIGINS (property oms.cors.origins), with the preflight a browser sends before a POST of
 * JSON with a bearer token: an allowed origin gets Access-Control-Allow-Origin, any other origin does not.
 * {@link CorsOffApiTest}: unset, no CORS headers at all.
 */
@QuarkusTest
@TestProfile(CorsApiTest.TwoOrigins.class)
class CorsApiTest {
    static final String SHOP = "https://shop.example.com";
    static final String ADMIN = "https://admin.example.com";

    public static class TwoOrigins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("oms.cors.origins", " " + SHOP + " , " + ADMIN + " ");
        }
    }

    static Response preflight(String origin) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when()
                .options("/graphql");
    }

    @Test
    void anAllowedOriginPassesThePreflight() {
        for (String origin : new String[] {SHOP, ADMIN}) {
            Response response = preflight(origin);
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals(origin, response.header("Access-Control-Allow-Origin"));
            String methods = response.header("Access-Control-Allow-Methods");
            assertEquals(true, methods != null && methods.contains("POST"), methods);
            String headers = response.header("Access-Control-Allow-Headers");
            assertEquals(
                    true,
                    headers != null
                            && headers.toLowerCase().contains("authorization")
                            && headers.toLowerCase().contains("content-type"),
                    headers);
        }
    }

    @Test
    void anAllowedOriginReadsTheAnswer() {
        Response response = given().header("Origin", SHOP)
                .contentType("application/json")
                .body(Map.of("query", "{ __typename }"))
                .when()
                .post("/graphql");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(SHOP, response.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        Response response = preflight("https://evil.example.org");
        assertNull(
                response.header("Access-Control-Allow-Origin"),
                response.headers().toString());
    }
}
