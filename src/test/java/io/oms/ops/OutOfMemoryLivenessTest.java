package io.oms.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process that ran out of memory is replaced: once an OutOfMemoryError was thrown in the service (here a real
 * one, an allocation larger than the heap on a Vert.x event loop, where request handlers run), liveness and
 * readiness answer DOWN. Runs in a service of its own (a test profile), as it stays DOWN for good.
 */
@QuarkusTest
@TestProfile(OutOfMemoryLivenessTest.OwnService.class)
class OutOfMemoryLivenessTest {
    public static class OwnService implements QuarkusTestProfile {}

    @Inject
    Vertx vertx;

    @TestHTTPResource(value = "/health/live", management = true) // the management root path is /q
    URL live;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void livenessGoesDownOnceMemoryRanOut() throws Exception {
        given().when().get(live).then().statusCode(200);

        CountDownLatch thrown = new CountDownLatch(1);
        vertx.runOnContext(ignored -> {
            thrown.countDown();
            long[] larger = new long[Integer.MAX_VALUE - 8]; // 16 GB: the JVM throws OutOfMemoryError
            larger[0] = 1;
        });
        assertTrue(thrown.await(10, TimeUnit.SECONDS));

        long deadline = System.currentTimeMillis() + 10_000;
        while (given().when().get(live).statusCode() != 503) {
            assertTrue(System.currentTimeMillis() < deadline, "liveness stayed UP after an OutOfMemoryError");
            Thread.sleep(100);
        }
        given().when()
                .get(live)
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'memory' }.status", equalTo("DOWN"));
        given().when().get(ready).then().statusCode(503).body("checks.name", hasItem("memory"));
    }
}
