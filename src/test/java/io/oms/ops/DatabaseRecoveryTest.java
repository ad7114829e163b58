package io.oms.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A quiet recovery after the database went away: reads that failed while it was unreachable fail once, and
 * nothing fails again later. Before, each one-shot query of the pool that failed to get a connection left a
 * timer of the pool's connection timeout (30 s) behind, which then logged "IllegalStateException: Result is
 * already complete" (drill 2 counted 3,614 in 10 s). The service reaches PostgreSQL through a relay that the test
 * cuts and restores, and the test waits out that timeout.
 */
@QuarkusTest
@TestProfile(DatabaseRecoveryTest.ThroughRelay.class)
class DatabaseRecoveryTest {
    static final TcpProxy RELAY = new TcpProxy(TcpProxy.freePort(), "127.0.0.1", 5432);
    /** Vert.x's default connection timeout of a pool, after which a stray timer fires. */
    private static final long POOL_CONNECTION_TIMEOUT_MS = 30_000;

    @TestHTTPResource(value = "/health/ready", management = true) // the management root path is /q
    URL ready;

    public static class ThroughRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                RELAY.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            // the test database (as io.oms.support.Db finds it), reached through the relay
            String url =
                    System.getenv().getOrDefault("OMS_TEST_DB_JDBC_URL", "jdbc:postgresql://localhost:5432/oms_test");
            String db = "127.0.0.1:" + RELAY.port()
                    + url.substring(url.lastIndexOf('/')).split("\\?")[0];
            return Map.of(
                    "quarkus.datasource.reactive.url",
                    "postgresql://" + db,
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://" + db,
                    "quarkus.datasource.reactive.idle-timeout",
                    "PT5S");
        }
    }

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    private long alreadyComplete() {
        return records.stream().filter(DatabaseRecoveryTest::isAlreadyComplete).count();
    }

    private static boolean isAlreadyComplete(LogRecord record) {
        if (String.valueOf(record.getMessage()).contains("Result is already complete")) {
            return true;
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Result is already complete")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readsThatFailedDuringAnOutageFailOnceAndNothingFiresAfterwards() throws Exception {
        String order = Orders.placed(Orders.newCustomer());
        String read = "query($id: ID!) { order(id: $id) { id } }";

        RELAY.cut();
        int failed = 0;
        for (int i = 0; i < 50; i++) {
            JsonPath answer = GraphQL.call(Tokens.admin(), read, Map.of("id", order));
            if ("INTERNAL".equals(GraphQL.errorCode(answer))) {
                failed++;
            }
            given().when().get(ready); // the probe's query fails too
        }
        assertEquals(50, failed, "every read failed while the database was unreachable");
        RELAY.start();

        long deadline = System.currentTimeMillis() + POOL_CONNECTION_TIMEOUT_MS + 5_000;
        while (System.currentTimeMillis() < deadline) {
            Routing.pause(1_000);
        }
        assertEquals(
                order,
                GraphQL.call(Tokens.admin(), read, Map.of("id", order)).getString("data.order.id"),
                "reads work again");
        assertEquals(0, alreadyComplete(), "errors logged after the outage: 'Result is already complete'");
    }
}
