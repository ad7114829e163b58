package io.oms.infra.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The settings every connection of the service's pool starts with, whatever the server's configuration says. */
@QuarkusTest
class SessionSettingsTest {
    @Inject
    Pool pool;

    @Test
    void queriesAreNeverJitCompiled() {
        for (int i = 0; i < 3; i++) {
            String jit = pool.query("show jit")
                    .execute()
                    .map(rows -> rows.iterator().next().getString(0))
                    .await()
                    .indefinitely();
            assertEquals("off", jit, "a connection of the pool compiles queries with JIT");
        }
    }
}
