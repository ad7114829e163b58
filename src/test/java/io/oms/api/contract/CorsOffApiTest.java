package io.oms.api.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without OMS_CORS_ORIGINS (the default) CORS is off: no response carries a CORS header. */
@QuarkusTest
class CorsOffApiTest {

    @Test
    void aPreflightGetsNoCorsHeaders() {
        Response response = CorsApiTest.preflight(CorsApiTest.SHOP);
        assertNull(
                response.header("Access-Control-Allow-Origin"),
                response.headers().toString());
        assertNull(
                response.header("Access-Control-Allow-Methods"),
                response.headers().toString());
    }

    @Test
    void aCrossOriginPostIsServedWithoutCorsHeaders() {
        Response response = given().header("Origin", CorsApiTest.SHOP)
                .contentType("application/json")
                .body(Map.of("query", "{ __typename }"))
                .when()
                .post("/graphql");
        assertEquals(200, response.statusCode(), response.asString());
        assertNull(
                response.header("Access-Control-Allow-Origin"),
                response.headers().toString());
    }
}
