package io.oms.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The console's address as people type it, {@code /console}, leads to the console, whose page is served at
 * {@code /console/} (its modules are loaded relative to that directory).
 */
@QuarkusTest
class ConsoleAddressTest {
    @Test
    void theConsoleWithoutTheTrailingSlashRedirectsToTheConsole() {
        given().redirects()
                .follow(false)
                .when()
                .get("/console")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/console/"));
        given().when().get("/console").then().statusCode(200).body(containsString("<title>"));
    }

    @Test
    void theConsoleIsServedAtItsDirectory() {
        given().redirects().follow(false).when().get("/console/").then().statusCode(200);
    }
}
