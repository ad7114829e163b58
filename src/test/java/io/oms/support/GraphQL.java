package io.oms.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Posts a GraphQL document with variables to the running service, the way the clients do. */
public final class GraphQL {
    private GraphQL() {}

    public static JsonPath call(String token, String query, Map<String, Object> variables) {
        RequestSpecification request =
                given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        // Money must be compared exactly, so JSON numbers are read as BigDecimal.
        return request.when()
                .post("/graphql")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    public static JsonPath call(String token, String query) {
        return call(token, query, Map.of());
    }

    /** The code of the first error, or null when the call succeeded. */
    public static String errorCode(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }
}
