package io.oms.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics answer on the management interface only. The public port is what an Ingress exposes, so
 * nothing under /q/ may answer there; the management port in turn serves no GraphQL. (The GraphQL UI, a dev and
 * test tool, is not in the prod build at all: PackagedApplicationIT checks the packaged application.)
 */
@QuarkusTest
class ManagementInterfaceTest {
    private static final List<String> OPERATIONS_PATHS = List.of(
            "/q/health",
            "/q/health/live",
            "/q/health/ready",
            "/q/health/started",
            "/q/metrics",
            "/q/dev-ui",
            "/q/openapi",
            "/q/info");

    /** The management interface's root path, /q/, on its test port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void nothingUnderQAnswersOnThePublicPort() {
        for (String path : OPERATIONS_PATHS) {
            assertEquals(404, given().when().get(path).statusCode(), path + " on the public port");
        }
        given().when().get("/graphql/schema.graphql").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPort() throws Exception {
        given().when()
                .get(new URL(management, "health/ready"))
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().when().get(new URL(management, "health/live")).then().statusCode(200);
        given().when().get(new URL(management, "health/started")).then().statusCode(200);
        given().when()
                .get(new URL(management, "metrics"))
                .then()
                .statusCode(200)
                .body(containsString("oms_orders_placed_total"));
        given().when().get(new URL(management, "/graphql")).then().statusCode(404);
    }
}
