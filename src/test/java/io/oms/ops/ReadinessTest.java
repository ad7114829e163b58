package io.oms.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.oms.support.GraphQL;
import io.oms.support.Orders;
import io.oms.support.Routing;
import io.oms.support.TcpProxy;
import io.oms.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the service reaches PostgreSQL through a relay that the test cuts and
 * restores. While it is cut, readiness is DOWN (Kubernetes stops sending traffic), liveness stays UP (no
 * restart), requests fail with a clean INTERNAL error; once restored, everything recovers by itself.
 */
@QuarkusTest
@TestProfile(ReadinessTest.ThroughRelay.class)
class ReadinessTest {
    static final TcpProxy RELAY = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", 5432);

    public static class ThroughRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                RELAY.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            String db = "127.0.0.1:" + RELAY.port() + "/oms_test";
            return Map.of(
                    "quarkus.datasource.reactive.url",
                    "postgresql://" + db,
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://" + db,
                    // connections that were cut are noticed by the pool on their next use
                    "quarkus.datasource.reactive.idle-timeout",
                    "PT5S");
        }
    }

    // Probes ask the management interface, as the kubelet does.
    @TestHTTPResource(value = "/health/live", management = true) // the management root path is /q
    URL live;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBackWithoutARestart() throws Exception {
        assertEquals("UP", awaitReadiness(200));
        String before = Orders.placed(Orders.newCustomer());

        RELAY.cut();
        JsonPath down = JsonPath.from(awaitReadinessBody(503));
        assertEquals("DOWN", down.getString("status"));
        given().when().get(live).then().statusCode(200);
        JsonPath failed =
                GraphQL.call(Tokens.admin(), "query($id: ID!) { order(id: $id) { id } }", Map.of("id", before));
        assertEquals("INTERNAL", GraphQL.errorCode(failed), failed.prettify());
        assertNotNull(failed.getString("errors[0].extensions.correlationId"));
        assertEquals(Boolean.TRUE, failed.get("errors[0].extensions.retryable"), "the client may simply retry");
        assertFalse(failed.prettify().toLowerCase().contains("exception"), failed.prettify());
        assertFalse(failed.prettify().contains("5432"), failed.prettify());

        RELAY.start();
        assertEquals("UP", awaitReadiness(200));
        assertEquals(
                before,
                GraphQL.call(Tokens.admin(), "query($id: ID!) { order(id: $id) { id } }", Map.of("id", before))
                        .getString("data.order.id"));
        String after = Orders.placed(Orders.newCustomer());
        Routing.pay(after);
        assertFalse("PAID".equals(Routing.awaitRouted(after, 20_000).getString("data.order.status")));
    }

    private String awaitReadiness(int status) {
        return JsonPath.from(awaitReadinessBody(status)).getString("status");
    }

    /** Polls /q/health/ready until it answers {@code status}; a probe polls the same way. */
    private String awaitReadinessBody(int status) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            var response = given().when().get(ready);
            if (response.statusCode() == status) {
                return response.asString();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("readiness never answered " + status + ": " + response.asString());
            }
            Routing.pause(250);
        }
    }
}
