package io.oms.infra.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings every connection of the service's pool starts with, whatever the server's configuration says. */
@QuarkusTest
class SessionSettingsTest {
    @Inject
    Pool pool;

    @Test
    void queriesAreNeverJitCompiled() {
        // Three connections held at once: three sessions of the pool, not one connection asked three times.
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(pool.getConnection().await().indefinitely());
            }
            for (SqlConnection connection : held) {
                String jit = connection
                        .query("show jit")
                        .execute()
                        .map(rows -> rows.iterator().next().getString(0))
                        .await()
                        .indefinitely();
                assertEquals("off", jit, "a connection of the pool compiles queries with JIT");
            }
        } finally {
            held.forEach(c -> c.close().await().indefinitely());
        }
    }
}
